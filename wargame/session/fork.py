"""Fork a session: a new save holding the source's events up to a command boundary recorded in the log.

The source is opened read-only. A fork at the end of turn N keeps the whole
``end_turn`` command that closed it — ``turn_ended`` and, in the same command,
the opening of turn N+1 with its scheduled and triggered injects (or the end of
the session) — so the fork resumes at the start of turn N+1, before any move.
A fork at an event keeps the log up to that event, which must close a command.
"""

from __future__ import annotations

from pathlib import Path

from wargame.engine.digest import DIGEST_VERSION
from wargame.engine.scenario import Scenario, scenario_digest
from wargame.engine.state import new_state
from wargame.session.editions import differences
from wargame.session.opening import open_save
from wargame.session.snapshots import fold, projection
from wargame.store import SaveFile, SessionInfo, StoredEvent, StoreError


def turn_cut(stored: list[StoredEvent], turn: int) -> int:
    """How many events a fork at the end of ``turn`` keeps: up to the end of the command holding its ``turn_ended``.

    Raises :class:`ValueError` when the turn never ended, or its command was cut short.
    """
    end = next((i for i, s in enumerate(stored) if s.event.kind == "turn_ended" and s.event.turn == turn), None)
    if end is None:
        raise ValueError(f"turn {turn} never ended in this session")
    cut = end
    while not stored[cut].closes:  # the rest of end_turn's command: the next turn's opening, or the end
        cut += 1
        if cut == len(stored) or stored[cut].batch != stored[end].batch:
            raise ValueError(f"the command that ended turn {turn} was cut short in this log (event {stored[end].seq})")
    # (Files of schema 1 did not group events by command: there the fork keeps turn_ended alone,
    # and resuming it re-runs the rest of end_turn, which gives the very events the source holds.)
    return cut + 1


def event_cut(stored: list[StoredEvent], seq: int) -> int:
    """How many events a fork after event ``seq`` keeps; :class:`ValueError` unless ``seq`` closes a command."""
    if not 1 <= seq <= len(stored):
        raise ValueError(f"no event {seq} (the log holds 1 to {len(stored)})")
    if not stored[seq - 1].closes:
        before = max((s.seq for s in stored[: seq - 1] if s.closes), default=0)
        after = next((s.seq for s in stored[seq:] if s.closes), None)
        raise ValueError(f"event {seq} is inside a command (commands end at {before}" + (f" and {after})" if after else ")"))
    return seq


def fork_save(source: Path | str, target: Path | str, *, turn: int | None = None, event: int | None = None,
              edition: Scenario | None = None) -> SessionInfo:
    """A new save holding ``source``'s events up to the end of ``turn`` or up to ``event``.

    ``edition``: the scenario the fork is to be played on; refused (:class:`StoreError`
    naming what differs) unless it is the very scenario of the source.
    """
    save, scenario, stored = open_save(source, readonly=True)
    with save:
        info = save.info()
    if edition is not None and scenario_digest(edition) != scenario_digest(scenario):
        raise StoreError(Path(source), "another edition of the scenario: " + "; ".join(differences(scenario, edition))
                         + " (a fork replays the source's rules)")
    cut = turn_cut(stored, turn) if turn is not None else event_cut(stored, event or 0)
    kept = stored[:cut]
    events = [s.event for s in kept]
    sizes: list[int] = []
    for i, s in enumerate(kept):
        if i == 0 or s.batch != kept[i - 1].batch:
            sizes.append(0)
        sizes[-1] += 1
    state = new_state(scenario)
    snapshots = fold(state, events, 1)
    where = f"fork at turn {turn}" if turn is not None else f"fork after event {cut}"
    forked = SaveFile.create(
        target, scenario, events, snapshots, projection(state), title=f"{info.title} ({where})",
        forked_from=f"{Path(source).name}#{cut}", digest_version=DIGEST_VERSION, batches=sizes,
    )
    with forked:
        return forked.info()
