"""Per-turn snapshots: derived state written next to the events, so seeking to a turn needs no replay.

A snapshot is taken after every event that closes a stage of a turn
(adjudicated, overridden, ended, session ended). It holds the variables, the
latest scores, the phase and the state digest at that point — all rebuildable
from the events, which is how ``verify`` checks them and how a migration
refreshes them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from wargame.engine.digest import state_digest
from wargame.engine.events import Event
from wargame.engine.state import State, apply

SNAPSHOT_KINDS = frozenset({"turn_adjudicated", "outcome_overridden", "turn_ended", "session_ended"})


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class Snapshot:
    """The state right after event ``seq``, as far as seeking to a turn needs it."""

    seq: int
    turn: int
    kind: str
    phase: str
    variables: dict[str, float]
    scores: dict[str, dict[str, float]]
    digest: str

    def row(self) -> dict[str, Any]:
        """As stored in the ``snapshots`` table."""
        return {
            "seq": self.seq, "turn": self.turn, "kind": self.kind, "phase": self.phase,
            "variables": _dumps(self.variables), "scores": _dumps(self.scores), "digest": self.digest,
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Snapshot:
        return cls(
            seq=row["seq"], turn=row["turn"], kind=row["kind"], phase=row.get("phase") or "",
            variables=json.loads(row["variables"]), scores=json.loads(row.get("scores") or "{}"), digest=row["digest"],
        )


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
