"""One process may open a save twice (a seat and a check, a session and its review): the second opening must
not drop the locks SQLite holds for the first, or another process's writer could delete the -wal under it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from wargame.engine import commands as cmd
from wargame.engine.actors import CONTROL_ACTOR
from wargame.engine.scenario import Scenario
from wargame.session import Session


def seal_elsewhere(path: Path, role: str) -> None:
    """Another process (another seat) seals ``role``'s moves and closes its connection."""
    subprocess.run([sys.executable, "-c", (
        "from wargame.engine import commands as cmd\n"
        "from wargame.engine.actors import Team\n"
        "from wargame.session import Session\n"
        f"s = Session.open({str(path)!r})\n"
        f"s.execute(cmd.SealMoves(role={role!r}), Team(role={role!r}))\n"
        "s.close()\n")], check=True, timeout=120)


def test_a_second_opening_in_one_process_loses_no_commit_of_another(iraq: Scenario, tmp_path: Path) -> None:
    """r10a: the second opening read the file's header with open() and close(); closing any descriptor of a file
    drops every POSIX lock the process holds on it, SQLite's included. The next process to close its connection
    then took itself for the last, deleted the -wal, and the first session stopped seeing commits: one of two
    commits with the same number was lost."""
    session = Session.create(iraq, None, None, tmp_path / "class.db")
    for role in iraq.world.roles:
        if role not in ("washington", "tehran", "europeans"):
            session.execute(cmd.AssignRole(role=role, player="random"), CONTROL_ACTOR)
    session.execute(cmd.StartExercise(), CONTROL_ACTOR)
    Session.open(session.path, readonly=True).close()  # a check of the same save, in the same process
    seal_elsewhere(session.path, "tehran")
    session.refresh()
    assert session.seq == len(session.events) and session.events[-1].kind == "moves_sealed"
    session.execute(cmd.ImproviseInject(title="t", audience="all", message="m"), CONTROL_ACTOR)
    seal_elsewhere(session.path, "europeans")
    session.refresh()
    mine = session.seq
    session.close()
    with Session.open(tmp_path / "class.db", readonly=True) as again:
        assert again.seq == mine
        kinds = [e.kind for e in again.events[-3:]]
    assert kinds == ["moves_sealed", "inject_improvised", "moves_sealed"]
