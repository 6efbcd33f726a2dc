"""A state digest: one sha256 that says "these two sessions stand in the same place".

Why it exists: a resumed game must end exactly where an uninterrupted one ends,
a fork must replay to the state it was cut from, and ``wargame verify`` must say
what a save amounts to in one line. Comparing whole ``State`` objects across
processes is clumsy; comparing one hex string is not.

What it covers: the *present* of a session — everything the next command reads
(turn, phase, date, assignments, variables, released and held injects, this
turn's sealed moves and outcomes, rules fired, red lines crossed, the latest
scores, how it ended) plus the number of events folded. It deliberately leaves
out the per-turn history: that grows with the length of a game, so hashing it at
every snapshot would cost O(turns²) over a long session, and the history is
already pinned down by the store's hash chain over the events themselves.

Pure: standard library and the engine only. Floats are written with ``repr``
(via ``json``), which round-trips exactly, so the digest is stable across runs
and machines.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from wargame.engine.state import State

DIGEST_VERSION = 2
"""Bumped whenever :func:`state_summary` changes shape (2: sealed moves). Saves record the version their
snapshot digests were taken with; snapshots of an older version are rebuilt when the save is opened to play."""


def state_summary(state: State) -> dict[str, Any]:
    """The canonical, JSON-ready picture of the present state that the digest hashes."""
    current = state.outcomes.get(state.turn, [])
    latest_scores = state.scores[max(state.scores)] if state.scores else {}
    return {
        "digest_version": DIGEST_VERSION,
        "scenario": state.scenario.id,
        "seed": state.seed,
        "events": state.events,
        "turn": state.turn,
        "phase": state.phase,
        "date": state.date,
        "assignments": dict(sorted(state.assignments.items())),
        "variables": dict(sorted(state.variables.items())),
        "released": {key: [event.turn, event.by] for key, event in sorted(state.released.items())},
        "held": sorted(state.held),
        "moves": {role: list(actions) for role, actions in sorted(state.moves.items())},
        "sealed": sorted(getattr(state, "sealed", ())),
        "outcomes": [[o.event.role, o.event.action, o.band, len(o.overrides)] for o in current],
        "rules_fired": dict(sorted(state.rules_fired.items())),
        "red_lines": sorted([role, line, turn] for (role, line), turn in state.red_lines.items()),
        "scores": {role: dict(sorted(s.items())) for role, s in sorted(latest_scores.items())},
        "notes": len(state.notes),
        "ended": None if state.ended is None else [state.ended.reason, state.ended.turn],
    }


def canonical_state_json(state: State) -> str:
    """The summary as canonical JSON: sorted keys, no spaces, exact floats."""
    return json.dumps(state_summary(state), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def state_digest(state: State) -> str:
    """sha256 (hex) of :func:`canonical_state_json`."""
    return hashlib.sha256(canonical_state_json(state).encode()).hexdigest()

