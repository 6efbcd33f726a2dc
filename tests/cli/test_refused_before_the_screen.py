"""A command that cannot do its work says so in one line before any full screen opens (reader 10)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from wargame.cli import main


def one_line(args: list[str]) -> str:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    return lines[0]


def test_play_onto_an_existing_file_is_refused_before_the_set_up_screen(tmp_path: Path) -> None:
    existing = tmp_path / "class.db"
    existing.write_bytes(b"keep me")
    assert f"{existing}: a file already exists there" in one_line(["play", "iraq-2020", "--save", str(existing)])
    assert existing.read_bytes() == b"keep me"


def test_hosting_a_save_that_is_not_there_names_the_save_not_a_scenario(tmp_path: Path) -> None:
    missing = tmp_path / "nope.db"
    assert one_line(["host", str(missing), "--no-wait"]) == f"error: {missing}: no such save file"
    assert not missing.exists()


def test_joining_a_session_never_hosted_says_how_to_issue_codes(tmp_path: Path) -> None:
    save = tmp_path / "g.db"
    assert CliRunner().invoke(main, ["autoplay", "iraq-2020", "--games", "1", "--seed", "2", "--save", str(save)]).exit_code == 0
    line = one_line(["join", str(save)])
    assert line.startswith(f"error: {save}: this session has no join codes yet") and f"host {save}" in line
