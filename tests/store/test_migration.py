"""Schema versions: a save written by version 1 (checked-in fixture) is verified as it is, and migrated to play on."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from wargame.engine.digest import DIGEST_VERSION
from wargame.session import Session
from wargame.store import SaveFile, schema
from wargame.session.verify import verify_save

FIXTURE = Path(__file__).parent / "fixtures" / "harbour-v1.sqlite"


@pytest.fixture
def v1(tmp_path: Path) -> Path:
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE, path)
    return path


def user_version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def test_fixture_is_version_1(v1: Path) -> None:
    assert user_version(v1) == 1
    with sqlite3.connect(v1) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(events)")}
    assert "batch" not in columns


def test_verify_reads_version_1_without_writing(v1: Path) -> None:
    before = v1.read_bytes()
    report = verify_save(v1)
    assert report.events == 25 and report.phase == "ended"
    assert v1.read_bytes() == before
    assert user_version(v1) == 1


def test_open_migrates_and_keeps_the_game(v1: Path) -> None:
    before = verify_save(v1).digest
    with Session.open(v1) as session:
        assert session.save.version() == schema.LATEST
        assert session.save.digest_version() == DIGEST_VERSION
        assert session.digest() == before
        assert [s.phase for s in session.save.snapshots()][-1] == "ended"
    report = verify_save(v1)
    assert report.digest == before and report.digests_checked
    with sqlite3.connect(v1) as conn:
        assert conn.execute("SELECT count(*) FROM events WHERE batch IS NULL").fetchone()[0] == 0
        assert conn.execute("SELECT schema_version FROM session").fetchone()[0] == schema.LATEST
        indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'")}
        assert not {"idx_events_turn", "idx_events_kind"} & indexes


def test_migration_is_all_or_nothing(v1: Path) -> None:
    """A v1 file with a tampered event is not half-migrated: it stays version 1."""
    with sqlite3.connect(v1) as conn:
        conn.execute("UPDATE events SET payload = replace(payload, 'hawk', 'dove') WHERE seq = 1")
    with pytest.raises(Exception, match="event 1: hash mismatch"):
        Session.open(v1)
    assert user_version(v1) == 1


def test_the_store_alone_never_migrates(v1: Path) -> None:
    """Opening with the store does not upgrade: the upgrade needs a replay, which is the session layer's."""
    before = v1.read_bytes()
    with SaveFile.open(v1, readonly=True) as save:
        assert save.version() == 1 and len(save.read()) == 25
    assert v1.read_bytes() == before


def test_upgrade_relinks_the_chain_over_every_column(v1: Path) -> None:
    """After the upgrade a changed timestamp breaks the chain, as a changed payload always did."""
    Session.open(v1).close()
    with sqlite3.connect(v1) as conn:
        conn.execute("UPDATE events SET recorded_at = '2020-01-01T00:00:00.000+00:00' WHERE seq = 7")
    with pytest.raises(Exception, match="event 7: hash mismatch"):
        verify_save(v1)


def test_new_files_are_built_through_the_migrations(harbour, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A new save starts as version 1 and is migrated up: the path old files take is always exercised."""
    with Session.create(harbour, 1, None, tmp_path / "n.db") as session:
        assert session.save.version() == schema.LATEST
        assert user_version(tmp_path / "n.db") == schema.LATEST
