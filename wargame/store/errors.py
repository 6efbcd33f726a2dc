"""Why a save file cannot be used: a small hierarchy, each with a one-line message naming the file.

Faces (CLI, UI) catch :class:`StoreError` and print ``str(error)``; the subclasses
let tests and callers tell the cases apart. Every check that raises one runs
before anything is handed back, so a bad file is never partly loaded.
"""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A save file that cannot be read or written as asked. Nothing was changed."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = Path(path)
        self.detail = message


class SaveNotFound(StoreError):
    """No file at that path."""


class SaveExists(StoreError):
    """A new save would overwrite an existing file."""


class NotASave(StoreError):
    """Not an SQLite database, or one without the tables of a wargame session."""


class CorruptSave(StoreError):
    """SQLite itself reports damage: a truncated or overwritten file, a failed integrity check."""


class NewerSchema(StoreError):
    """Written by a newer wargame: its schema version is above the one this program knows."""


class TamperedEvent(StoreError):
    """An event whose hash does not chain, whose payload is not a valid event, or a gap in the log."""

    def __init__(self, path: Path | str, seq: int, message: str) -> None:
        super().__init__(path, f"event {seq}: {message}")
        self.seq = seq


class ScenarioMismatch(StoreError):
    """The stored scenario does not match its recorded hash, or the session names another scenario."""


class SnapshotMismatch(StoreError):
    """A stored snapshot differs from the state rebuilt by replaying the events (found by verify)."""

    def __init__(self, path: Path | str, seq: int, message: str) -> None:
        super().__init__(path, f"snapshot after event {seq}: {message}")
        self.seq = seq


class StaleSession(StoreError):
    """Another process appended to the file since this one last read it: re-read, then try again."""


class SaveBusy(StoreError):
    """Another process held the file's write lock for longer than the busy timeout."""


class SealMismatch(StoreError):
    """A signature that does not hold: forged or damaged, or the log differs from what was signed."""
