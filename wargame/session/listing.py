"""List a folder of saves, read-only: what ``wargame sessions`` and the home screen show."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wargame.session.opening import check_versions
from wargame.store import SaveFile, SessionInfo, StoreError


@dataclass(frozen=True)
class WalLag:
    """A ``-wal`` beside a save holds events the ``.db`` alone lacks: a copy of the ``.db`` alone would miss them."""

    in_file_alone: int
    events: int

    def warning(self, path: Path) -> str:
        return (f"{path}: {self.events - self.in_file_alone} of {self.events} events are only in {path.name}-wal beside it: "
                f"copy with 'wargame export {path.name} COPY.db', never the .db alone")


def list_saves(folder: Path | str) -> list[SessionInfo | StoreError]:
    """Every ``*.db`` / ``*.sqlite`` in ``folder`` (not recursive), newest name first; unreadable ones as their error."""
    return [found for found, _lag in list_saves_with_wal(folder)]


def list_saves_with_wal(folder: Path | str) -> list[tuple[SessionInfo | StoreError, WalLag | None]]:
    """As :func:`list_saves`, each with what its ``-wal`` holds that the ``.db`` alone lacks (None when nothing)."""
    found: list[tuple[SessionInfo | StoreError, WalLag | None]] = []
    paths = sorted([*Path(folder).glob("*.db"), *Path(folder).glob("*.sqlite")], reverse=True)
    for path in paths:
        try:
            with SaveFile.open(path, readonly=True) as save:
                check_versions(save)
                info = save.info()
                found.append((info, wal_lag(save, info.events)))
        except StoreError as error:
            found.append((error, None))
    return found


def wal_lag(save: SaveFile, events: int) -> WalLag | None:
    alone = save.events_in_file_alone()
    return WalLag(alone, events) if alone is not None and alone < events else None
