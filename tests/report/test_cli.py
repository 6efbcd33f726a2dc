"""wargame report / compare from the command line: files written atomically, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wargame.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_report_writes_each_format(save: Path, tmp_path: Path, fmt: str) -> None:
    """-o writes the file (and nothing else is left in the folder); without -o the report goes to stdout."""
    target = tmp_path / f"aar.{fmt}"
    code, _, err = run("report", str(save), "--format", fmt, "-o", str(target))
    assert code == 0, err
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    text = target.read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(text)["overview"]["scenario_id"] == "iraq-2020"
    elif fmt == "html":
        assert text.startswith("<!DOCTYPE html>") and "<svg" in text
    else:
        assert text.startswith("# After-action report")


def test_report_to_stdout_and_for_a_role(save: Path) -> None:
    code, out, _ = run("report", str(save), "--role", "tehran")
    assert code == 0 and "Debrief of **Islamic Republic of Iran**" in out
    assert "CONTROL-NOTE" not in out
    code, out, _ = run("report", str(save))
    assert code == 0 and "CONTROL-NOTE" in out


def test_compare_shows_both_sessions(save: Path, other_save: Path) -> None:
    """Side by side: both names, the escalation per turn, end states beside history, where they parted."""
    code, out, err = run("compare", str(save), str(other_save))
    assert code == 0, err
    header = next(line for line in out.splitlines() if "class-a.db" in line)
    assert "class-b.db" in header and "the article's projection" in header and "history" not in header
    for part in ("Escalation per turn", "End state", "Objective scores at the end", "Diverged from the others in turn",
                 "Left the historical line in turn"):
        assert part in out
    code, out, _ = run("compare", "--format", "json", str(save), str(other_save))
    data = json.loads(out)
    assert [s["name"] for s in data["sessions"]] == ["class-a.db", "class-b.db"]
    assert data["sessions"][0]["diverged_turn"] == 1
    code, out, _ = run("compare", "--format", "md", str(save), str(other_save))
    assert code == 0 and "| Measure | class-a.db | class-b.db |" in out


@pytest.mark.parametrize("command", ["report", "compare", "review"])
def test_bad_saves_are_one_line_and_exit_2(tmp_path: Path, command: str) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    for path in (tmp_path / "missing.db", junk):
        code, out, err = run(command, str(path), *([str(tmp_path / "other.db")] if command == "compare" else []))
        assert code == 2
        assert len(err.strip().splitlines()) == 1 and err.startswith("error: ") and "Traceback" not in err + out


def test_unknown_role_and_unwritable_target(save: Path, tmp_path: Path) -> None:
    code, _, err = run("report", str(save), "--role", "nobody")
    assert code == 2 and "no role 'nobody'" in err
    code, _, err = run("report", str(save), "-o", str(tmp_path / "no" / "such" / "aar.md"))
    assert code == 2 and "no such folder" in err


def test_compare_needs_two_different_saves(save: Path) -> None:
    """Reader 10: one save printed "1 sessions", and one save given twice was compared with itself."""
    code, _, err = run("compare", str(save))
    assert code == 2 and err.strip() == "error: compare needs two saves or more"
    code, _, err = run("compare", str(save), str(save.parent / "." / save.name))
    assert code == 2 and err.strip() == f"error: {save.parent / '.' / save.name}: given twice"


def test_a_fork_has_not_diverged_in_a_turn_it_has_not_played_yet(save: Path, tmp_path: Path) -> None:
    """Reader 10: a fork at turn 2 (its turn 3 open, no move known yet) "diverged from the others in turn 3"
    beside the session it came from, although the same bots would play the same moves there."""
    fork = tmp_path / "fork.db"
    code, _, err = run("fork", str(save), "--turn", "2", "-o", str(fork))
    assert code == 0, err
    code, out, err = run("compare", "--format", "json", str(save), str(fork))
    assert code == 0, err
    data = json.loads(out)
    assert [s["diverged_turn"] for s in data["sessions"]] == [None, None]
