"""Crash test: a long seeded game recorded by a subprocess, killed with SIGKILL at random moments.

After each kill: ``verify`` passes; every event the process had confirmed (it
prints the last seq after each commit returns) is in the file, and the file
holds exactly a prefix of the uninterrupted game's events; and resuming with
bots ends with the same state digest as the uninterrupted game.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.store.helpers import BOTS, long_harbour_content
from wargame.cli import main
from wargame.scenario import load_scenario
from wargame.session import record_game
from wargame.session.verify import verify_save

KILLS = 22
TURNS = 300
SEED = 3

CHILD = """
import sys
from wargame.scenario import load_scenario
from wargame.session import record_game

scenario = load_scenario("harbour", sys.argv[1])
print("start", flush=True)

def confirmed(session):
    sys.stdout.write(f"{session.seq}\\n")
    sys.stdout.flush()

digest = record_game(scenario, int(sys.argv[3]), {"navy": "hawk", "fleet": "random"}, sys.argv[2], on_commit=confirmed)
print("digest", digest, flush=True)
"""


def spawn(content: Path, path: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(content), str(path), str(SEED)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    assert first == "start\n", first + process.stderr.read() if process.stderr else ""
    return process


def payloads(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("SELECT payload FROM events ORDER BY seq")]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_games_resume_to_the_same_end(harbour_content: Path, tmp_path: Path) -> None:
    content = long_harbour_content(harbour_content, tmp_path / "content", TURNS)
    scenario = load_scenario("harbour", content)
    assert BOTS == {"navy": "hawk", "fleet": "random"}
    reference = record_game(scenario, SEED, BOTS, tmp_path / "reference.db")
    expected = payloads(tmp_path / "reference.db")

    # One uninterrupted run in a subprocess: the same events and digest, and how many commits it makes.
    whole = spawn(content, tmp_path / "whole.db")
    out, err = whole.communicate(timeout=60)
    assert whole.returncode == 0, err
    assert f"digest {reference}" in out
    assert payloads(tmp_path / "whole.db") == expected
    commits = sum(1 for line in out.splitlines() if line.isdigit())

    rng = random.Random(20260328)
    unfinished = 0
    for kill in range(KILLS):
        path = tmp_path / f"kill-{kill}.db"
        process = spawn(content, path)
        assert process.stdout is not None
        # Let it confirm a random number of commits, then kill it a random moment later: mid-command,
        # mid-transaction, or between commands; the moment is the machine's, the test does not choose it.
        seen = [process.stdout.readline() for _ in range(rng.randrange(0, commits - 1))]
        time.sleep(rng.uniform(0.0, 0.002))
        os.kill(process.pid, signal.SIGKILL)
        rest, _ = process.communicate(timeout=30)
        assert process.returncode == -signal.SIGKILL
        confirmed = [int(line) for line in [*seen, *rest.splitlines()] if line.strip().isdigit()]
        if not path.exists():
            assert not confirmed, f"kill {kill}: events confirmed but no file"
            continue
        report = verify_save(path)
        stored = payloads(path)
        assert stored == expected[: len(stored)], f"kill {kill}: the file is not a prefix of the game"
        assert not confirmed or confirmed[-1] <= len(stored), f"kill {kill}: confirmed {confirmed[-1]}, stored {len(stored)}"
        if report.phase != "ended":
            unfinished += 1
        result = CliRunner().invoke(main, ["resume", str(path), "--autoplay"])
        assert result.exit_code == 0, result.output
        assert f"state digest: {reference}" in result.output, f"kill {kill} at event {len(stored)}"
        assert payloads(path) == expected
    assert unfinished >= KILLS // 2, f"only {unfinished} kills landed mid-game: the game is too short to test much"


def count_events(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_autoplay_command_resumes(harbour_content: Path, tmp_path: Path) -> None:
    """The real command line: ``wargame autoplay --games 1 --save`` killed once it has committed k events."""
    content = long_harbour_content(harbour_content, tmp_path / "content", TURNS)
    command = [sys.executable, "-m", "wargame", "autoplay", "harbour", "--content", str(content), "--games", "1",
               "--seed", str(SEED), "--policy", "navy=hawk", "--policy", "fleet=random", "--save"]
    whole = subprocess.run([*command, str(tmp_path / "whole.db")], capture_output=True, text=True, timeout=60)
    assert whole.returncode == 0, whole.stderr
    reference = whole.stdout.split("state digest: ")[1].strip()
    expected = payloads(tmp_path / "whole.db")
    rng = random.Random(7)
    for kill in range(4):
        path = tmp_path / f"cli-{kill}.db"
        target = rng.randrange(20, len(expected) - 20)
        process = subprocess.Popen([*command, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        seen = 0
        while process.poll() is None and time.monotonic() < deadline:
            if path.exists():
                seen = count_events(path)
                if seen >= target:
                    break
            time.sleep(0.001)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        assert seen >= target, f"kill {kill}: the game ended before event {target} ({seen} seen)"
        stored = payloads(path)
        assert len(stored) >= seen and stored == expected[: len(stored)]
        verify_save(path)
        result = CliRunner().invoke(main, ["resume", str(path), "--autoplay"])
        assert result.exit_code == 0 and f"state digest: {reference}" in result.output, result.output
