"""Benchmark of start-up: `wargame play` to its first screen, next to a bare Textual app in the same run.

    .venv/bin/python bench/bench_startup.py [--runs 7]

Each side runs in a fresh process (interpreter start and imports included), headless, and exits as
soon as its first screen has been drawn; the figure is the median wall time. The wargame side loads
iraq-2020 from YAML, creates a new save file and draws the set-up screen. Target: within 1.5× the bare app.
Not a test: it prints figures for docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

    def on_ready(self):
        self.call_after_refresh(self.exit)

Bare().run(headless=True, size=(120, 40))
"""

WARGAME = """
import sys
from wargame.scenario import load_scenario
from wargame.session import Session
from wargame.ui.app import WargameApp
from wargame.ui.screens.setup import SetupScreen

class Probe(WargameApp):
    def on_ready(self):
        self.call_after_refresh(self.check)

    def check(self):
        assert isinstance(self.screen, SetupScreen), self.screen
        self.exit()

session = Session.create(load_scenario("iraq-2020"), None, None, sys.argv[1])
Probe(session).run(headless=True, size=(120, 40))
session.close()
"""


def timed(code: str, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    bare: list[float] = []
    ours: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.runs):  # interleaved, so both sides see the same machine
            bare.append(timed(BARE))
            ours.append(timed(WARGAME, str(Path(folder) / f"run{run}.db")))
    b, w = statistics.median(bare), statistics.median(ours)
    print(f"bare Textual app, first screen: {b * 1000:.0f} ms (median of {args.runs})")
    print(f"wargame play iraq-2020, set-up screen: {w * 1000:.0f} ms (median of {args.runs}) = {w / b:.2f}× bare "
          f"(target ≤ 1.5×)")


if __name__ == "__main__":
    main()
