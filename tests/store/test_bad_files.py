"""Bad files: each a clear one-line error naming the save (and the event), exit 2, no traceback, nothing half-loaded."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from wargame.cli import main
from wargame.engine.scenario import Scenario
from wargame.session import Session, record_game
from wargame.store import (
    CorruptSave,
    NewerSchema,
    NotASave,
    SaveNotFound,
    ScenarioMismatch,
    SnapshotMismatch,
    StoreError,
    TamperedEvent,
)
from wargame.session.verify import verify_save

from .helpers import BOTS, relink, replace_bytes


@pytest.fixture
def good(harbour: Scenario, tmp_path: Path) -> Path:
    path = tmp_path / "good.db"
    record_game(harbour, 2, BOTS, path)
    return path


def sql(path: Path, *statements: str) -> None:
    with sqlite3.connect(path) as conn:
        for statement in statements:
            conn.execute(statement)
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()


def flip_payload_byte(path: Path) -> None:
    replace_bytes(path, b'"action":"fish"', b'"action":"fisH"')


def rewrite_payload_keeping_chain(path: Path) -> None:
    """A forger who recomputes every hash: the payload must still be a valid event."""
    with sqlite3.connect(path) as conn:
        payload = conn.execute("SELECT payload FROM events WHERE seq = 4").fetchone()[0]
        payload = payload.replace('"kind":"move_submitted"', '"kind":"move_teleported"')
        conn.execute("UPDATE events SET payload = ? WHERE seq = 4", [payload])
        relink(conn)


def edit_scenario(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        text = conn.execute("SELECT canonical_json FROM scenario").fetchone()[0]
        conn.execute("UPDATE scenario SET canonical_json = ?", [text.replace("Harbour standoff", "Harbour standofF")])


def edit_scenario_and_hash(path: Path) -> None:
    """The scenario swapped for another, hash recomputed: the event chain (rooted in the old hash) breaks."""
    with sqlite3.connect(path) as conn:
        text = conn.execute("SELECT canonical_json FROM scenario").fetchone()[0].replace("Harbour standoff", "Harbour standofF")
        conn.execute("UPDATE scenario SET canonical_json = ?, sha256 = ?", [text, hashlib.sha256(text.encode()).hexdigest()])


def scenario_not_utf8(path: Path) -> None:
    """One byte of the stored scenario made invalid UTF-8 (reader 10 flipped a byte of a save on disk): SQLite's
    own message quotes the whole damaged text, scenario and all; the save's is one line without it."""
    with sqlite3.connect(path) as conn:
        text = conn.execute("SELECT canonical_json FROM scenario").fetchone()[0].encode()
        conn.execute("UPDATE scenario SET canonical_json = CAST(? AS TEXT)", [text[:40] + b"\xff" + text[41:]])


CASES: dict[str, tuple[Callable[[Path], None], type[StoreError], str]] = {
    "text not utf-8": (scenario_not_utf8, CorruptSave, "not valid UTF-8 (column canonical_json)"),
    "flipped byte": (flip_payload_byte, TamperedEvent, "hash mismatch"),
    "forged payload": (rewrite_payload_keeping_chain, TamperedEvent, "event 4: payload is not a valid event"),
    "deleted event": (lambda p: sql(p, "DELETE FROM events WHERE seq = 5"), TamperedEvent, "event 5: missing"),
    "newer schema": (lambda p: sql(p, "PRAGMA user_version = 99"), NewerSchema, "newer wargame (schema version 99"),
    "edited scenario": (edit_scenario, ScenarioMismatch, "does not match its sha256"),
    "swapped scenario": (edit_scenario_and_hash, TamperedEvent, "event 1: hash mismatch"),
    "junk": (lambda p: p.write_bytes(b"this is not a database\n" * 100), NotASave, "not an SQLite database"),
    "empty": (lambda p: p.write_bytes(b""), NotASave, "empty file"),
    "other database": (lambda p: (p.unlink(), sql(p, "CREATE TABLE t (x)")), NotASave, "not a wargame save"),
    "truncated": (lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]), CorruptSave, "damaged or truncated"),
    "missing": (lambda p: p.unlink(), SaveNotFound, "no such save file"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_is_refused_whole(good: Path, case: str) -> None:
    damage, error, words = CASES[case]
    damage(good)
    with pytest.raises(error) as caught:
        Session.open(good)
    assert str(caught.value).startswith(f"{good}: ")
    assert words in str(caught.value) and "Harbour" not in str(caught.value)
    if case != "missing":
        with pytest.raises(error):
            verify_save(good)


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("command", [["verify"], ["resume"], ["resume", "--autoplay"], ["fork", "--turn", "1", "-o", "x.db"]])
def test_cli_says_one_line_and_exits_2(good: Path, case: str, command: list[str], tmp_path: Path) -> None:
    CASES[case][0](good)
    args = [*command, str(good)] if command[0] != "fork" else ["fork", str(good), *command[1:3], "-o", str(tmp_path / "x.db")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {good}: "), result.output
    assert not (tmp_path / "x.db").exists()


def test_snapshot_edited_is_caught_by_verify(good: Path) -> None:
    sql(good, "UPDATE snapshots SET variables = replace(variables, ':', ': ') WHERE seq = (SELECT min(seq) FROM snapshots)")
    verify_save(good)  # same JSON meaning: still fine
    sql(good, "UPDATE snapshots SET digest = 'x' WHERE seq = (SELECT min(seq) FROM snapshots)")
    with pytest.raises(SnapshotMismatch, match="differs from the replayed state"):
        verify_save(good)


def test_no_traceback_in_a_real_process(good: Path) -> None:
    """The installed entry point, not CliRunner: what a trainer actually sees."""
    flip_payload_byte(good)
    done = subprocess.run([sys.executable, "-m", "wargame", "verify", str(good)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0
    assert "hash mismatch" in done.stderr


def test_a_refused_file_is_left_as_it_was(good: Path, tmp_path: Path) -> None:
    sql(good, "PRAGMA user_version = 99")
    before = good.read_bytes()
    shutil.copy(good, tmp_path / "copy.db")
    with pytest.raises(NewerSchema):
        Session.open(good)
    assert good.read_bytes() == before


@pytest.mark.parametrize("fault", ["none", "flipped byte in a later slice", "event missing at a slice's edge",
                                   "forged payload in a later slice", "column edited in a later slice"])
def test_the_log_read_in_slices_is_read_and_checked_as_a_whole(good: Path, fault: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The log is read a slice of rows at a time: the same events come back, and a fault in any slice, or between
    two, is named by its event as when the log is read at once."""
    from wargame.store import SaveFile
    from wargame.store import savefile

    with SaveFile.open(good, readonly=True) as save:
        whole = save.read()
    assert len(whole) > 12
    monkeypatch.setattr(savefile, "_SLICE", 4)  # slices of 4 rows: events 1-4, 5-8, 9-12, …
    damage = {
        "flipped byte in a later slice": lambda: sql(good, "UPDATE events SET payload = replace(payload, '\"turn\":', "
                                                        "'\"turn\": ') WHERE seq = 10"),
        "event missing at a slice's edge": lambda: sql(good, "DELETE FROM events WHERE seq = 9"),
        "forged payload in a later slice": lambda: _forge(good, 11),
        "column edited in a later slice": lambda: sql(good, "UPDATE events SET kind = 'note_added' WHERE seq = 6"),
    }
    expected = {
        "flipped byte in a later slice": "event 10: hash mismatch",
        "event missing at a slice's edge": "event 9: missing",
        "forged payload in a later slice": "event 11: payload is not a valid event",
        "column edited in a later slice": "event 6: columns say note_added",
    }
    if fault == "none":
        with SaveFile.open(good, readonly=True) as save:
            sliced = save.read()
            tail = save.read(after=6, previous=whole[5].hash)
        assert sliced == whole  # the same seqs, events, payloads, hashes, batches, closes and times
        assert tail == whole[6:]
        return
    damage[fault]()
    with SaveFile.open(good, readonly=True) as save, pytest.raises(TamperedEvent) as caught:
        save.read()
    assert expected[fault] in str(caught.value)


def _forge(path: Path, seq: int) -> None:
    """Event ``seq``'s kind renamed to one that does not exist, every hash recomputed."""
    with sqlite3.connect(path) as conn:
        payload = conn.execute("SELECT payload FROM events WHERE seq = ?", [seq]).fetchone()[0]
        kind = conn.execute("SELECT kind FROM events WHERE seq = ?", [seq]).fetchone()[0]
        conn.execute("UPDATE events SET payload = ? WHERE seq = ?", [payload.replace(f'"kind":"{kind}"', '"kind":"teleported"'), seq])
        relink(conn)
