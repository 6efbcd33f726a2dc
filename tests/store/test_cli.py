"""The session commands: sessions, verify, fork, resume."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from wargame.cli import main
from wargame.engine.scenario import Scenario
from wargame.session import Session, record_game

from .helpers import BOTS


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_verify_prints_events_turn_and_digest(harbour: Scenario, tmp_path: Path) -> None:
    digest = record_game(harbour, 2, BOTS, tmp_path / "a.db")
    code, out = run("verify", str(tmp_path / "a.db"))
    assert code == 0
    assert re.search(r"^events: \d+$", out, re.M)
    assert "turn: 3 (ended)" in out
    assert f"state digest: {digest}" in out


def test_fork_then_resume_autoplay_reaches_the_same_end(harbour: Scenario, tmp_path: Path) -> None:
    digest = record_game(harbour, 2, BOTS, tmp_path / "a.db")
    code, out = run("fork", str(tmp_path / "a.db"), "--turn", "2", "-o", str(tmp_path / "f.db"))
    assert code == 0 and "resumes at turn 3" in out
    assert run("verify", str(tmp_path / "f.db"))[0] == 0
    code, out = run("sessions", str(tmp_path))
    assert code == 0 and re.search(r"^f\.db\s+harbour\s+\S+ \S+\s+3\s+active", out, re.M), out
    code, out = run("resume", str(tmp_path / "f.db"), "--autoplay")
    assert code == 0 and f"state digest: {digest}" in out


def test_fork_refuses_an_existing_target_and_an_unplayed_turn(harbour: Scenario, tmp_path: Path) -> None:
    record_game(harbour, 2, BOTS, tmp_path / "a.db")
    (tmp_path / "taken.db").write_text("mine")
    code, out = run("fork", str(tmp_path / "a.db"), "--turn", "1", "-o", str(tmp_path / "taken.db"))
    assert code == 2 and "already exists" in out
    code, out = run("fork", str(tmp_path / "a.db"), "--turn", "7", "-o", str(tmp_path / "b.db"))
    assert code == 2 and "turn 7 never ended" in out


def test_resume_hands_human_roles_to_bots(harbour: Scenario, tmp_path: Path) -> None:
    Session.create(harbour, 2, {"navy": "human"}, tmp_path / "h.db").close()
    code, out = run("resume", str(tmp_path / "h.db"), "--autoplay", "--takeover", "nobody")
    assert code == 2 and "'nobody' cannot play" in out
    code, out = run("resume", str(tmp_path / "h.db"), "--autoplay")
    assert code == 0 and "state digest:" in out


def test_sessions_lists_saves_and_unreadable_files(harbour: Scenario, tmp_path: Path) -> None:
    record_game(harbour, 2, BOTS, tmp_path / "20260101-000000-harbour.db")
    Session.create(harbour, 3, None, tmp_path / "20260102-000000-harbour.db").close()
    (tmp_path / "junk.db").write_text("junk")
    code, out = run("sessions", str(tmp_path))
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].split() == ["FILE", "SCENARIO", "STARTED", "TURN", "STATUS", "ROLES"]
    assert any("20260101-000000-harbour.db" in line and "ended" in line and "navy=hawk" in line for line in lines)
    assert any("20260102-000000-harbour.db" in line and "active" in line and "navy=human" in line for line in lines)
    assert any("junk.db" in line and "unreadable" in line for line in lines)


def test_fork_to_an_impossible_place_is_one_line(harbour: Scenario, tmp_path: Path) -> None:
    record_game(harbour, 2, BOTS, tmp_path / "a.db")
    (tmp_path / "plain.txt").write_text("a file, not a folder")
    code, out = run("fork", str(tmp_path / "a.db"), "--turn", "1", "-o", str(tmp_path / "plain.txt" / "b.db"))
    assert code == 2 and out.startswith("error: ") and "cannot write a save there" in out
