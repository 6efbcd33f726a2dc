"""Commands that only read open the save read-only: they work on read-only media and never change the file.

Tests run as root, and root ignores permission bits, so a chmod'ed folder alone
proves nothing. Two honest checks instead: every reading command leaves the
folder exactly as it was (same names, same bytes, same modification times —
no ``-wal``/``-shm`` created, no upgrade written); and, where the kernel lets us
make a private read-only bind mount (``unshare``), the same commands run on a
truly read-only filesystem.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.store.helpers import BOTS
from wargame.cli import main
from wargame.engine.scenario import Scenario
from wargame.session import Session, record_game

FIXTURES = Path(__file__).parent / "fixtures"


def folder_state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def reading_commands(save: Path, other: Path, out: Path) -> list[list[str]]:
    return [
        ["verify", str(save)],
        ["sessions", str(save.parent)],
        ["report", str(save)],
        ["report", str(save), "-f", "json", "--role", "navy"],
        ["compare", str(save), str(other)],
        ["fork", str(save), "--turn", "1", "-o", str(out / "fork.db")],
        ["export", str(save), str(out / "copy.db")],
    ]


@pytest.fixture
def shelf(harbour: Scenario, tmp_path: Path) -> Path:
    """A folder of saves as left on a shelf: two recorded games and an old (schema 1) save."""
    folder = tmp_path / "shelf"
    folder.mkdir()
    record_game(harbour, 5, BOTS, folder / "a.db")
    record_game(harbour, 6, BOTS, folder / "b.db")
    shutil.copyfile(FIXTURES / "harbour-v1.sqlite", folder / "old.db")
    return folder


def test_reading_commands_leave_the_folder_untouched(shelf: Path, tmp_path: Path) -> None:
    """verify, sessions, report, compare, fork's source, export: same files, bytes and times after as before."""
    out = tmp_path / "out"
    out.mkdir()
    os.chmod(shelf, 0o555)
    try:
        before = folder_state(shelf)
        for save in (shelf / "a.db", shelf / "old.db"):
            for command in reading_commands(save, shelf / "b.db", out):
                result = CliRunner().invoke(main, command)
                assert result.exit_code == 0, f"{command}: {result.output}"
                for made in out.iterdir():
                    made.unlink()
        with Session.open(shelf / "old.db", readonly=True) as session:  # what review opens
            assert session.state.phase == "ended"
        assert folder_state(shelf) == before
    finally:
        os.chmod(shelf, 0o755)


def test_an_old_save_is_read_by_migrating_in_memory_only(shelf: Path) -> None:
    """A schema-1 save reports and verifies as it is; the file stays schema 1 until someone plays on it."""
    old = shelf / "old.db"
    before = old.read_bytes()
    result = CliRunner().invoke(main, ["report", str(old)])
    assert result.exit_code == 0 and "Harbour" in result.output
    assert old.read_bytes() == before
    with Session.open(old) as session:  # playing on upgrades it, in one transaction
        assert session.save.version() == 3


def test_a_session_opened_for_reading_writes_only_when_a_command_is_given(shelf: Path) -> None:
    """Review opens read-only; a debrief entry written there reopens the file for writing (and upgrades an old one)."""
    from wargame.engine import commands
    from wargame.engine.actors import CONTROL_ACTOR

    old = shelf / "old.db"
    before = old.read_bytes()
    with Session.open(old, readonly=True) as session:
        events = len(session.events)
        assert old.read_bytes() == before
        session.execute(commands.AddDebriefEntry(section="strength", text="Clear briefs"), CONTROL_ACTOR)
        assert session.save.version() == 3 and not session.save.readonly
    with Session.open(old, readonly=True) as session:
        assert len(session.events) == events + 1 and session.events[-1].kind == "debrief_entry_added"


def can_mount_read_only(folder: Path) -> bool:
    probe = subprocess.run(["unshare", "--mount", "--map-root-user", "sh", "-c",
                            f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} && ! touch {folder}/x"],
                           capture_output=True)
    return probe.returncode == 0


def test_reading_commands_work_on_a_read_only_filesystem(shelf: Path, tmp_path: Path) -> None:
    """The same commands in a private mount namespace where the shelf is a read-only bind mount."""
    if shutil.which("unshare") is None or not can_mount_read_only(shelf):
        pytest.skip("this kernel does not allow a private read-only bind mount here (the untouched-folder test still runs)")
    out = tmp_path / "out"
    out.mkdir()
    before = folder_state(shelf)
    runs = [command for save in (shelf / "a.db", shelf / "old.db") for command in reading_commands(save, shelf / "b.db", out)]
    runs += [["resume", str(shelf / "old.db"), "--autoplay"]]  # a writing command: one line, exit 2
    program = RUN_IN_NAMESPACE.format(runs=runs, out=str(out))
    script = f"mount --bind {shelf} {shelf} && mount -o remount,ro,bind {shelf} && exec {sys.executable} -c \"$0\""
    result = subprocess.run(["unshare", "--mount", "--map-root-user", "sh", "-c", script, program],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    codes = [int(line) for line in result.stdout.split()]
    assert codes[:-1] == [0] * (len(runs) - 1), result.stdout + result.stderr
    assert codes[-1] == 2, "playing on a read-only file is refused in one line"
    assert folder_state(shelf) == before


RUN_IN_NAMESPACE = """
import pathlib
from click.testing import CliRunner
from wargame.cli import main
for command in {runs!r}:
    result = CliRunner().invoke(main, command)
    if result.exit_code not in (0, 2) or "Traceback" in result.output:
        raise SystemExit(f"{{command}}: {{result.output}}")
    if result.exit_code == 2 and command[0] != "resume":
        raise SystemExit(f"{{command}}: {{result.output}}")
    print(result.exit_code, flush=True)
    for made in pathlib.Path({out!r}).iterdir():
        made.unlink()
"""
