"""A seat in a real browser: `wargame host --web` on a loopback port, headless Chromium types a team's code,
makes and seals a move; a control seat in a terminal sees it sealed; the page asked for nothing but 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.e2e.browser import Browser, chromium
from tests.e2e.test_tmux import Terminal
from wargame.engine import commands as cmd
from wargame.engine.actors import CONTROL_ACTOR
from wargame.session import Session

pytestmark = [
    pytest.mark.realtime,
    pytest.mark.skipif(chromium() is None, reason="chromium is not installed (.ci/run installs Debian's chromium)"),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def issued_codes(output: str) -> dict[str, str]:
    """Seat name → code, from what `wargame host` printed."""
    return {m[0].strip(): m[1] for m in re.findall(r"^  (.+?)\s{2,}((?:[a-z]+ ){4}[a-z]+)$", output, re.M)}


def kinds(path: Path) -> list[tuple[str, str]]:
    with Session.open(path) as session:
        return [(e.kind, getattr(e, "role", "")) for e in session.events]


async def wait_in_save(path: Path, kind: str, role: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while (kind, role) not in kinds(path):
        assert time.monotonic() < deadline, f"no {kind} for {role} in the save"
        await asyncio.sleep(0.2)


def test_a_team_seals_a_move_from_a_browser(tmp_path: Path) -> None:
    save = tmp_path / "class.db"
    issued = subprocess.run(
        [sys.executable, "-m", "wargame", "host", "iraq-2020", "--save", str(save), "--no-wait",
         *(f"--bot={r}" for r in ("tehran", "baghdad", "militias", "europeans", "coalition"))],
        capture_output=True, text=True, check=True,
    ).stdout
    codes = issued_codes(issued)
    with Session.open(save) as session:
        session.execute(cmd.StartExercise(), CONTROL_ACTOR)
    port = free_port()
    host = subprocess.Popen([sys.executable, "-m", "wargame", "host", str(save), "--web", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    control = Terminal([sys.executable, "-m", "wargame", "join", str(save), "--code", codes["Control (White Cell)"]])
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the web host never listened"
                time.sleep(0.2)
        control.wait_for("MOVES", timeout=30)
        asyncio.run(_play_in_browser(save, port, codes["United States administration"], tmp_path))
        control.keys("2")
        screen = control.wait_for("sealed (", timeout=10)
        us_row = next(line for line in screen.splitlines() if "United States administration" in line)
        assert "sealed (1 move)" in us_row
    finally:
        control.close()
        host.terminate()
        host.wait(20)


async def _joined(log: Path, lens: str, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and any(json.loads(line).get("event") == "joined" and json.loads(line).get("lens") == lens
                                for line in log.read_text().splitlines()):
            return True
        await asyncio.sleep(0.2)
    return False


async def _play_in_browser(save: Path, port: int, code: str, shots: Path) -> None:
    browser = Browser()
    try:
        await browser.start()
        await browser.open(f"http://127.0.0.1:{port}/")
        book_log = save.with_name(save.name + ".seats.log")
        for _ in range(6):  # real time: the seat process starts and draws its join screen when it can
            await asyncio.sleep(5)
            await browser.click(600, 400)
            await browser.type(code)
            await browser.key("Enter")
            if await _joined(book_log, "washington"):
                break
        else:
            raise AssertionError("the browser seat never joined")
        await asyncio.sleep(3)
        await browser.screenshot(shots / "joined.png")
        await browser.key("Enter")  # open my moves: the player screen shows what happened first
        await asyncio.sleep(8)
        await browser.key("2")  # the Moves tab
        await asyncio.sleep(2)
        await browser.key("Enter")  # choose the move under the cursor
        await wait_in_save(save, "move_submitted", "washington")
        await browser.key("s")
        await asyncio.sleep(3)
        await browser.key("y")
        await wait_in_save(save, "moves_sealed", "washington")
        await browser.screenshot(shots / "sealed.png")
    finally:
        await browser.close()
    outside = [url for url in browser.requests if urlparse(url).hostname != "127.0.0.1"]
    assert browser.requests and not outside, f"requests outside the host: {outside}"
