"""A record a trainer can trust: sealed sessions, forged saves, unhashed fields, newer versions, safe copies, editions."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.store.helpers import BOTS, long_harbour, relink
from wargame.cli import main
from wargame.engine.scenario import Scenario
from wargame.engine.state import new_state
from wargame.session import Session, record_game
from wargame.session.signing import keys_dir
from wargame.session.snapshots import fold
from wargame.store import SaveFile

runner = CliRunner()


def keys_new() -> Path:
    result = runner.invoke(main, ["keys", "new"])
    assert result.exit_code == 0, result.output
    return keys_dir() / "seal.pub"


def rebuild_snapshots(path: Path, scenario: Scenario) -> None:
    """What a careful forger does after rewriting events: recompute the derived snapshots too."""
    with SaveFile.open(path, readonly=True) as save:
        events = [s.event for s in save.read()]
    snapshots = fold(new_state(scenario), events, 1)
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM snapshots")
        conn.executemany("INSERT INTO snapshots (seq, turn, kind, phase, variables, scores, digest) VALUES "
                         "(:seq, :turn, :kind, :phase, :variables, :scores, :digest)", [s.row() for s in snapshots])


def forge_odds(path: Path, scenario: Scenario) -> int:
    """Change one adjudicated outcome's odds, recompute the chain and the snapshots; return the event's seq."""
    with sqlite3.connect(path) as conn:
        seq, payload = conn.execute(
            "SELECT seq, payload FROM events WHERE kind = 'outcome_adjudicated' ORDER BY seq LIMIT 1").fetchone()
        event = json.loads(payload)
        event["chance"]["chance"] = 0.99
        event["chance"]["base"] = 0.99
        conn.execute("UPDATE events SET payload = ? WHERE seq = ?", [json.dumps(event, separators=(",", ":")), seq])
        relink(conn)
    rebuild_snapshots(path, scenario)
    return int(seq)


@pytest.fixture
def game(harbour_content: Path, tmp_path: Path) -> Scenario:
    return long_harbour(harbour_content, tmp_path / "content", turns=3)


def test_keys_new_keeps_the_private_key_to_its_owner() -> None:
    public = keys_new()
    private = keys_dir() / "seal.key"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert public.read_text().startswith("ed25519 ")
    again = runner.invoke(main, ["keys", "new"])
    assert again.exit_code == 2 and "already exists" in again.output
    assert runner.invoke(main, ["keys", "show"]).exit_code == 0


def test_a_sealed_session_verifies_with_its_key(game: Scenario, tmp_path: Path) -> None:
    """With a key configured, the session seals itself at each turn end; verify --key proves every event."""
    public = keys_new()
    record_game(game, 5, BOTS, tmp_path / "a.db")
    with SaveFile.open(tmp_path / "a.db", readonly=True) as save:
        seals, events = save.seals(), len(save.read())
    assert len(seals) == 3 and seals[-1].seq == events
    result = runner.invoke(main, ["verify", str(tmp_path / "a.db"), "--key", str(public)])
    assert result.exit_code == 0, result.output
    assert f"signed: events 1-{events} sealed with key ed25519:" in result.output


def test_a_forged_save_is_refused_with_the_key_naming_the_first_changed_event(game: Scenario, tmp_path: Path) -> None:
    """One event's odds changed, chain and snapshots recomputed: the seal names that event, with or without --key."""
    public = keys_new()
    path = tmp_path / "a.db"
    record_game(game, 5, BOTS, path)
    seq = forge_odds(path, game)
    with_key = runner.invoke(main, ["verify", str(path), "--key", str(public)])
    assert with_key.exit_code == 2
    assert f"event {seq} (outcome_adjudicated): differs from what was signed by key ed25519:" in with_key.output
    assert len(with_key.output.strip().splitlines()) == 1
    assert runner.invoke(main, ["verify", str(path)]).exit_code == 2  # the seals left behind give it away


def test_a_forged_unsealed_save_is_accepted_only_as_unsigned(game: Scenario, tmp_path: Path) -> None:
    """Seals removed too: nothing but a key can tell. Without --key verify says so; with it, refused."""
    public = keys_new()
    path = tmp_path / "a.db"
    record_game(game, 5, BOTS, path)
    forge_odds(path, game)
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM seals")
    plain = runner.invoke(main, ["verify", str(path)])
    assert plain.exit_code == 0 and "unsigned: cannot prove it was not rewritten" in plain.output
    with_key = runner.invoke(main, ["verify", str(path), "--key", str(public)])
    assert with_key.exit_code == 2 and "not sealed with key ed25519:" in with_key.output


def test_seal_command_signs_an_unsealed_save(game: Scenario, tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    record_game(game, 5, BOTS, path)  # no key yet: no seals
    public = keys_new()
    assert runner.invoke(main, ["verify", str(path), "--key", str(public)]).exit_code == 2
    sealed = runner.invoke(main, ["seal", str(path)])
    assert sealed.exit_code == 0 and "sealed:" in sealed.output
    assert runner.invoke(main, ["verify", str(path), "--key", str(public)]).exit_code == 0
    assert "already sealed" in runner.invoke(main, ["seal", str(path)]).output


@pytest.mark.parametrize("column, value", [("seed", "999"), ("assignments", "'{\"navy\": \"human\"}'"), ("status", "'active'")])
def test_the_session_row_is_never_trusted(game: Scenario, tmp_path: Path, column: str, value: str) -> None:
    """Seed, assignments and status come from the events; an edited row is caught by verify and ignored on open."""
    path = tmp_path / "a.db"
    digest = record_game(game, 5, BOTS, path)
    with sqlite3.connect(path) as conn:
        conn.execute(f"UPDATE session SET {column} = {value}")
    result = runner.invoke(main, ["verify", str(path)])
    assert result.exit_code == 2 and f"the session row's {column}" in result.output
    with Session.open(path, readonly=True) as session:
        assert session.digest() == digest and session.state.seed == 5


def test_a_changed_timestamp_breaks_the_chain(game: Scenario, tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    record_game(game, 5, BOTS, path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE events SET recorded_at = '2001-01-01T00:00:00.000+00:00' WHERE seq = 3")
    result = runner.invoke(main, ["verify", str(path)])
    assert result.exit_code == 2 and "event 3: hash mismatch" in result.output


def test_session_started_must_name_the_stored_scenario(game: Scenario, tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    record_game(game, 5, BOTS, path)
    with sqlite3.connect(path) as conn:
        payload = json.loads(conn.execute("SELECT payload FROM events WHERE seq = 1").fetchone()[0])
        payload["scenario_hash"] = "0" * 64
        conn.execute("UPDATE events SET payload = ? WHERE seq = 1", [json.dumps(payload, separators=(",", ":"))])
        relink(conn)
    for command in (["verify", str(path)], ["report", str(path)], ["resume", str(path), "--autoplay"]):
        result = runner.invoke(main, command)
        assert result.exit_code == 2 and "event 1: session_started names scenario 000000000000" in result.output, command


@pytest.mark.parametrize("statement, words", [
    ("UPDATE session SET digest_version = 99", "newer wargame (state digest version 99"),
    ("PRAGMA user_version = 4", "newer wargame (schema version 4"),
])
def test_a_newer_version_is_refused_in_one_line_and_never_rewritten(game: Scenario, tmp_path: Path, statement: str,
                                                                     words: str) -> None:
    path = tmp_path / "a.db"
    record_game(game, 5, BOTS, path)
    with sqlite3.connect(path) as conn:
        conn.execute(statement)
    before = path.read_bytes()
    for command in (["verify", str(path)], ["report", str(path)], ["resume", str(path), "--autoplay"], ["sessions", str(tmp_path)]):
        result = runner.invoke(main, command)
        assert words in result.output, command
        assert command[0] == "sessions" or (result.exit_code == 2 and len(result.output.strip().splitlines()) == 1)
    assert path.read_bytes() == before


def test_an_open_session_is_copied_whole_by_export_and_the_wal_is_warned_of(game: Scenario, tmp_path: Path) -> None:
    """While a session is open its last commits sit in the -wal: the .db alone is an old copy, export is not."""
    import shutil

    from wargame.engine import commands
    from wargame.engine.actors import CONTROL_ACTOR

    path = tmp_path / "live.db"
    with Session.create(game, 5, BOTS, path) as session:
        session.execute(commands.StartExercise(), CONTROL_ACTOR)
        session.execute(commands.Adjudicate(), CONTROL_ACTOR)
        events = session.seq
        listed = runner.invoke(main, ["sessions", str(tmp_path)])
        assert "only in live.db-wal beside it" in listed.output and "wargame export" in listed.output
        checked = runner.invoke(main, ["verify", str(path)])
        assert checked.exit_code == 0 and "only in live.db-wal" in checked.output
        shutil.copyfile(path, tmp_path / "naive.db")
        exported = runner.invoke(main, ["export", str(path), str(tmp_path / "copy.db")])
        assert exported.exit_code == 0 and f"({events} events)" in exported.output
        digest = session.digest()
    with SaveFile.open(tmp_path / "naive.db", readonly=True) as naive:
        assert len(naive.read()) < events  # what copying the .db alone gives
    copy = runner.invoke(main, ["verify", str(tmp_path / "copy.db")])
    assert copy.exit_code == 0 and f"state digest: {digest}" in copy.output
    assert not (tmp_path / "copy.db-wal").exists()
    again = runner.invoke(main, ["export", str(path), str(tmp_path / "copy.db")])
    assert again.exit_code == 2 and "already exists" in again.output


def test_a_closed_session_is_one_file(game: Scenario, tmp_path: Path) -> None:
    """The last writer to close switches the file back to a rollback journal: nothing is left in a -wal."""
    record_game(game, 5, BOTS, tmp_path / "a.db")
    assert not (tmp_path / "a.db-wal").exists()
    with SaveFile.open(tmp_path / "a.db", readonly=True) as save:
        assert save.events_in_file_alone() is None


def test_compare_warns_and_fork_refuses_across_editions(game: Scenario, harbour_content: Path, tmp_path: Path) -> None:
    record_game(game, 5, BOTS, tmp_path / "a.db")
    edited = tmp_path / "content"
    navy = edited / "roles" / "harbour" / "navy.yaml"
    navy.write_text(navy.read_text().replace("base: 0.8", "base: 0.6"))
    other = long_harbour(edited, tmp_path / "content2", turns=3)
    record_game(other, 5, BOTS, tmp_path / "b.db")
    compared = runner.invoke(main, ["compare", str(tmp_path / "a.db"), str(tmp_path / "b.db")])
    assert compared.exit_code == 0
    assert "warning: different editions of harbour" in compared.output and "odds of navy.shadow" in compared.output
    forked = runner.invoke(main, ["fork", str(tmp_path / "a.db"), "--turn", "1", "-o", str(tmp_path / "f.db"),
                                  "--scenario", "harbour", "--content", str(tmp_path / "content2")])
    assert forked.exit_code == 2 and "odds of navy.shadow" in forked.output
    assert not (tmp_path / "f.db").exists()
