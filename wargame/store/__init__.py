"""The event log in SQLite: the only package that touches a database, and one that knows no rules.

See :mod:`wargame.store.savefile`. Verify, fork, projections and snapshots are the session layer's.
"""

from wargame.store.errors import (
    CorruptSave,
    NewerSchema,
    NotASave,
    SaveBusy,
    SaveExists,
    SaveNotFound,
    ScenarioMismatch,
    SealMismatch,
    SnapshotMismatch,
    StaleSession,
    StoreError,
    TamperedEvent,
)
from wargame.store.paths import default_save_path, saves_dir
from wargame.store.savefile import Projection, SaveFile, Seal, SessionInfo, StoredEvent, wal_path
from wargame.store.snapshots import Snapshot

__all__ = [
    "CorruptSave",
    "NewerSchema",
    "NotASave",
    "Projection",
    "SaveBusy",
    "SaveExists",
    "SaveFile",
    "SaveNotFound",
    "ScenarioMismatch",
    "Seal",
    "SealMismatch",
    "SessionInfo",
    "Snapshot",
    "SnapshotMismatch",
    "StaleSession",
    "StoreError",
    "StoredEvent",
    "TamperedEvent",
    "default_save_path",
    "saves_dir",
    "wal_path",
]
