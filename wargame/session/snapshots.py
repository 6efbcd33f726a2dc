"""Which snapshots a log makes due, what they hold, and the session row's projection: decided here, stored by the store.

A snapshot is taken after every event that closes a stage of a turn
(adjudicated, overridden, ended, session ended). It holds the variables, the
latest scores, the phase and the state digest at that point — all rebuildable
from the events, which is how ``verify`` checks them and how an upgrade
refreshes them.
"""

from __future__ import annotations

from collections.abc import Iterable

from wargame.engine.digest import state_digest
from wargame.engine.events import Event
from wargame.engine.scenario import Scenario
from wargame.engine.state import State, apply, new_state
from wargame.store import Projection, Snapshot, StoredEvent

SNAPSHOT_KINDS = frozenset({"turn_adjudicated", "outcome_overridden", "turn_ended", "session_ended"})


def take(state: State, seq: int, kind: str) -> Snapshot:
    """A snapshot of ``state`` as it stands after event ``seq``."""
    scores = state.scores[max(state.scores)] if state.scores else {}
    return Snapshot(
        seq=seq, turn=state.turn, kind=kind, phase=state.phase, variables=dict(state.variables),
        scores={role: dict(s) for role, s in scores.items()}, digest=state_digest(state),
    )


def fold(state: State, events: Iterable[Event], first_seq: int) -> list[Snapshot]:
    """Apply ``events`` (numbered from ``first_seq``) to ``state`` in place; return the snapshots due."""
    taken: list[Snapshot] = []
    for seq, event in enumerate(events, start=first_seq):
        apply(state, event)
        if event.kind in SNAPSHOT_KINDS:
            taken.append(take(state, seq, event.kind))
    return taken


def replayed_snapshots(scenario: Scenario):  # type: ignore[no-untyped-def]
    """For :meth:`wargame.store.SaveFile.upgrade`: the snapshots of a checked log, by replay."""

    def snapshots_for(stored: list[StoredEvent]) -> list[Snapshot]:
        return fold(new_state(scenario), [s.event for s in stored], 1)

    return snapshots_for


def projection(state: State) -> Projection:
    """The session row's derived columns, from the state (itself the fold of the events)."""
    return Projection(seed=state.seed, status="ended" if state.phase == "ended" else "active",
                      assignments=dict(state.assignments))
