"""Whole-file operations: verify a save, fork it at a turn, list a folder of saves.

Each is the same fold the game uses: a save is trusted because replaying its
events gives back what it recorded, not because the file says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wargame.engine.digest import DIGEST_VERSION, state_digest
from wargame.engine.events import Event, InjectReleased, TurnEnded
from wargame.engine.state import new_state
from wargame.store.errors import CorruptSave, SnapshotMismatch, StoreError
from wargame.store.savefile import SaveFile, SessionInfo
from wargame.store.snapshots import fold


@dataclass(frozen=True)
class VerifyReport:
    path: Path
    events: int
    turn: int
    phase: str
    snapshots: int
    digest: str
    digests_checked: bool
    """False when the snapshots were taken with an older digest version: then variables and scores are compared."""


def verify_save(path: Path | str) -> VerifyReport:
    """Check a save end to end without changing it; raise a :class:`StoreError` naming the first fault.

    SQLite's integrity check, the scenario against its hash, every event's hash
    link and payload, then a full replay compared with every stored snapshot.
    An older schema is verified as it is (not migrated), so verifying never writes.
    """
    with SaveFile.open(path, migrate=False) as save:
        problems = save.integrity_check()
        if problems:
            raise CorruptSave(save.path, f"integrity check failed: {problems[0]}")
        scenario = save.scenario()
        stored = save.read()
        state = new_state(scenario)
        expected = {s.seq: s for s in fold(state, [s.event for s in stored], 1)}
        recorded = {s.seq: s for s in save.snapshots()}
        same_digest = save.digest_version() == DIGEST_VERSION
        for seq in sorted(expected.keys() | recorded.keys()):
            want, got = expected.get(seq), recorded.get(seq)
            if got is None:
                raise SnapshotMismatch(save.path, seq, "missing")
            if want is None:
                raise SnapshotMismatch(save.path, seq, "stored, but no event there closes a stage of a turn")
            if (same_digest and got.digest != want.digest) or got.variables != want.variables or got.turn != want.turn:
                raise SnapshotMismatch(save.path, seq, "differs from the replayed state")
            if got.phase and (got.phase != want.phase or got.scores != want.scores):
                raise SnapshotMismatch(save.path, seq, "phase or scores differ from the replayed state")
        return VerifyReport(
            path=save.path, events=len(stored), turn=state.turn, phase=state.phase, snapshots=len(recorded),
            digest=state_digest(state), digests_checked=same_digest,
        )


def fork_cut(events: list[Event], turn: int) -> int:
    """How many events a fork at the end of ``turn`` keeps.

    The engine closes a turn and opens the next in one command (``end_turn``
    emits TurnEnded, then TurnStarted and the injects it releases, or
    SessionEnded), and cannot play on from between the two. So the cut comes
    after that whole command: the fork resumes at the start of turn N+1, its
    scheduled and triggered injects already arrived, before any move.
    """
    end = next((i for i, e in enumerate(events) if isinstance(e, TurnEnded) and e.turn == turn), None)
    if end is None:
        raise ValueError(f"turn {turn} never ended in this session")
    cut = end + 1
    while cut < len(events):
        event = events[cut]
        opening = event.kind in ("turn_started", "session_ended") and cut == end + 1
        scheduled = isinstance(event, InjectReleased) and event.turn == turn + 1 and event.by != "control"
        if not (opening or scheduled):
            break
        cut += 1
    return cut


def fork_save(source: Path | str, turn: int, target: Path | str) -> SessionInfo:
    """A new save holding ``source``'s events up to the end of ``turn`` (see :func:`fork_cut`)."""
    with SaveFile.open(source, migrate=False) as save:
        scenario = save.scenario()
        events = [s.event for s in save.read()]
        info = save.info()
    cut = fork_cut(events, turn)
    forked = SaveFile.create(
        target, scenario, events[:cut], title=f"{info.title} (fork at turn {turn})", forked_from=f"{Path(source).name}#{cut}"
    )
    with forked:
        return forked.info()


def list_saves(folder: Path | str) -> list[SessionInfo | StoreError]:
    """Every ``*.db`` / ``*.sqlite`` in ``folder`` (not recursive), newest name first; unreadable ones as their error."""
    found: list[SessionInfo | StoreError] = []
    paths = sorted([*Path(folder).glob("*.db"), *Path(folder).glob("*.sqlite")], reverse=True)
    for path in paths:
        try:
            with SaveFile.open(path, migrate=False) as save:
                found.append(save.info())
        except StoreError as error:
            found.append(error)
    return found
