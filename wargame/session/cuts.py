"""A log cut inside a command: found from the boundaries the store records, completed by re-running the command.

Every command's events are committed in one transaction, so a log ends inside
a command only when the file was cut or copied by other means (a hand edit, a
partial copy, a tool that dropped rows). Such a log still verifies — every
event in it is genuine — but cannot be played on as it is: after ``turn_ended``
without the next ``turn_started`` the engine has no command that moves on, and
half an adjudication or half the bots' moves would be redone differently.

The engine is deterministic, so the missing rest is known: re-run the command
that the cut batch began, on the state before it, check that what the log holds
is exactly the beginning of its events, and append the rest to the same batch.
Resuming a cut log thus ends where the uninterrupted game did. A batch that is
not the beginning of any command's events is refused with one line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from wargame.engine import decide as commands
from wargame.engine.events import Event, OutcomeOverridden, event_to_json
from wargame.engine.game import Game
from wargame.engine.scenario import Effect, Scenario
from wargame.store import StoredEvent, StoreError

ADJUDICATION = frozenset({"outcome_adjudicated", "rule_triggered", "red_line_crossed", "scores_computed", "turn_adjudicated"})


def open_batch(stored: list[StoredEvent], phase: str) -> int | None:
    """The index in ``stored`` where an unfinished last command begins, or None when the log ends on a boundary.

    The store marks each command's last event; a log whose state is between two
    turns is unfinished whatever the marks say (files of schema 1 and 2 had none).
    """
    if not stored:
        return None
    last = stored[-1]
    if last.closes and phase != "between":
        return None
    first = next(i for i in range(len(stored) - 1, -1, -1) if stored[i].seq == last.batch or i == 0)
    if phase == "between" and last.closes:  # unmarked files: the end_turn that was cut began at its turn_ended
        first = max(i for i, s in enumerate(stored) if s.event.kind == "turn_ended")
    return first


def _rerun(game: Game, first: Event) -> Callable[[], list[Event]] | None:
    """The command whose events begin with ``first``, ready to run on the state before it."""
    state = game.state
    kind = first.kind
    if kind == "turn_started":
        return lambda: commands.start(state)
    if kind == "turn_ended":
        return lambda: commands.end_turn(state)
    if kind in ADJUDICATION:
        return lambda: commands.adjudicate(state)
    if kind in ("move_submitted", "moves_sealed"):
        return lambda: game.bot_moves()
    if isinstance(first, OutcomeOverridden):
        if first.to_band == "custom":
            effects = [Effect.model_validate({"var": e.var, e.op: e.value}) for e in first.effects]
            return lambda: commands.override(state, first.role, first.action, first.rationale, effects=effects)
        return lambda: commands.override(state, first.role, first.action, first.rationale, band=first.to_band)
    return None


def missing_rest(scenario: Scenario, stored: list[StoredEvent], first: int, path: Path | str) -> list[Event]:
    """The events that complete the command begun at ``stored[first]``; raises :class:`StoreError` when unknown."""
    game = Game(scenario, (s.event for s in stored[:first]))
    cut = stored[first:]
    where = f"the log ends inside the command begun at event {cut[0].seq} ({cut[0].event.kind}), cut after event {stored[-1].seq}"
    run = _rerun(game, cut[0].event)
    try:
        full = run() if run is not None else []
    except Exception:  # noqa: BLE001 - an engine refusal means the cut events are not that command's
        full = []
    held = [event_to_json(s.event) for s in cut]
    if len(full) < len(held) or [event_to_json(e) for e in full[: len(held)]] != held:
        raise StoreError(path, f"{where}, and the rest cannot be recomputed: fork it at an earlier turn (wargame fork --turn)")
    return full[len(held):]
