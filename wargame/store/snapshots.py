"""The snapshot row: derived state stored next to the events, so seeking to a turn needs no replay.

The store only keeps the rows it is handed. Which events a snapshot follows and
what it holds are decided by the session layer (:mod:`wargame.session.snapshots`),
which can replay; that is also how ``verify`` checks them and how an upgrade
rebuilds them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


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
