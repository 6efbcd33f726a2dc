"""Sessions in SQLite: the only package that touches a database. See :mod:`wargame.store.savefile`."""

from wargame.store.errors import (
    CorruptSave,
    NewerSchema,
    NotASave,
    SaveBusy,
    SaveExists,
    SaveNotFound,
    ScenarioMismatch,
    SnapshotMismatch,
    StaleSession,
    StoreError,
    TamperedEvent,
)
from wargame.store.paths import default_save_path, saves_dir
from wargame.store.savefile import SaveFile, SessionInfo, StoredEvent
from wargame.store.snapshots import Snapshot

__all__ = [
    "CorruptSave",
    "NewerSchema",
    "NotASave",
    "SaveBusy",
    "SaveExists",
    "SaveFile",
    "SaveNotFound",
    "ScenarioMismatch",
    "SessionInfo",
    "Snapshot",
    "SnapshotMismatch",
    "StaleSession",
    "StoreError",
    "StoredEvent",
    "TamperedEvent",
    "default_save_path",
    "saves_dir",
]
