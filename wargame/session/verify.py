"""Verify a save end to end, in one read transaction, without writing anything.

A save is trusted because replaying its events gives back what it recorded, not
because the file says so. ``verify`` reads one consistent snapshot of the file
(another process may be appending meanwhile: nothing it writes is seen), then
checks SQLite's integrity, the scenario against its hash and against what
``session_started`` names, every event's link and payload, a full replay
against every stored snapshot and the session row's derived columns, and every
seal. The first fault is raised as a :class:`wargame.store.StoreError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wargame.engine.digest import DIGEST_VERSION, state_digest
from wargame.engine.state import new_state
from wargame.session import cuts
from wargame.session.opening import check_scenario_named, check_versions
from wargame.session.signing import SealReport, check_seals
from wargame.session.snapshots import fold, projection
from wargame.store import CorruptSave, Projection, SaveFile, SnapshotMismatch, StoreError


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
    cut_at: int | None
    """The first event of a command the log was cut inside (resume completes it), or None."""
    seals: SealReport
    in_file_alone: int | None
    """How many events the ``.db`` holds without its ``-wal`` (None when there is no ``-wal``)."""


def verify_save(path: Path | str, key: str | None = None) -> VerifyReport:
    """Check a save; raise a :class:`StoreError` naming the first fault. ``key``: a trusted public key (base64)."""
    with SaveFile.open(path, readonly=True) as save, save.snapshot_read():
        problems = save.integrity_check()
        if problems:
            raise CorruptSave(save.path, f"integrity check failed: {problems[0]}")
        check_versions(save)
        scenario = save.scenario()
        stored = save.read()
        check_scenario_named(save, stored)
        info = save.info()
        seal_seqs = sorted({s.seq for s in save.seals()})
        state = new_state(scenario)
        expected: dict = {}
        projections: dict[int, Projection] = {}
        done = 0
        for stop in [*seal_seqs, len(stored)]:
            stop = min(stop, len(stored))
            if stop > done:
                expected.update({s.seq: s for s in fold(state, [s.event for s in stored[done:stop]], done + 1)})
                done = stop
            projections[stop] = projection(state)
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
        derived = projection(state)
        for name, row, events in (("seed", info.seed, derived.seed), ("status", info.status, derived.status),
                                  ("assignments", info.assignments, derived.assignments)):
            if row != events:
                raise StoreError(save.path, f"the session row's {name} ({row}) differs from the events' ({events}): the row was edited")
        seals = check_seals(save, stored, projections, key)
        first = cuts.open_batch(stored, state.phase)
        return VerifyReport(
            path=save.path, events=len(stored), turn=state.turn, phase=state.phase, snapshots=len(recorded),
            digest=state_digest(state), digests_checked=same_digest,
            cut_at=stored[first].seq if first is not None else None, seals=seals,
            in_file_alone=save.events_in_file_alone(),
        )
