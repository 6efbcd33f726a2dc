"""Verify under load: ``wargame verify`` run again and again while bots append to the same save.

Verify reads one consistent snapshot of the file (one read transaction), so it
never compares events of one moment with snapshots of another and never reports
damage that is not there. ``make test`` runs a reduced count; the full count of
the issue is::

    VERIFY_LOAD_RUNS=200 .venv/bin/python -m pytest -q tests/store/test_verify_load.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from tests.store.helpers import long_harbour_content
from wargame.cli import main

RUNS = int(os.environ.get("VERIFY_LOAD_RUNS", "20"))

WRITER = """
import sys
from wargame.scenario import load_scenario
from wargame.session import record_game

scenario = load_scenario("harbour", sys.argv[1])
def confirmed(session):
    if session.seq > 40 and not confirmed.said:
        print("going", flush=True)
        confirmed.said = True
confirmed.said = False
record_game(scenario, 3, {"navy": "hawk", "fleet": "random"}, sys.argv[2], on_commit=confirmed)
"""


def writer(content: Path, path: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(content), str(path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline() == "going\n"
    return process


def test_verify_never_reports_damage_while_bots_append(harbour_content: Path, tmp_path: Path) -> None:
    content = long_harbour_content(harbour_content, tmp_path / "content", 500)
    runner = CliRunner()
    alarms: list[str] = []
    concurrent = 0
    games = 0
    process = writer(content, tmp_path / "game-0.db")
    path = tmp_path / "game-0.db"
    try:
        for _ in range(RUNS):
            if process.poll() is not None:  # that game ended: start another, keep the load on
                assert process.returncode == 0, process.stderr.read() if process.stderr else ""
                games += 1
                path = tmp_path / f"game-{games}.db"
                process = writer(content, path)
            began = process.poll() is None
            result = runner.invoke(main, ["verify", str(path)])
            concurrent += began and process.poll() is None
            if result.exit_code != 0:
                alarms.append(result.output)
            time.sleep(0.01)
    finally:
        process.kill()
        process.wait()
    assert alarms == [], f"{len(alarms)} false alarms in {RUNS} runs; first: {alarms[0]}"
    assert concurrent >= RUNS * 3 // 4, f"only {concurrent} of {RUNS} runs overlapped with appends"
