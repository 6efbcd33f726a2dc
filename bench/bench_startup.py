"""Benchmark of start-up: `wargame play` to its first screen, next to a bare Textual app in the same run.

    .venv/bin/python bench/bench_startup.py [--runs 7]

Each side runs in a fresh process (interpreter start and imports included), headless, and exits as
soon as its first screen has been drawn; the figure is the median wall time. The wargame side is the
app as `wargame play` starts it: the set-up screen is drawn at once, and iraq-2020 is loaded from YAML
and a new save created in a worker. Two figures: the set-up screen drawn (target: within 1.5× the bare
app), and the set-up screen filled with the roles (the save open), for honesty about the whole wait.
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
import time
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

    def on_ready(self):
        self.call_after_refresh(self.drawn)

    def drawn(self):
        print("DRAWN", time.time(), flush=True)
        self.exit()

Bare().run(headless=True, size=(120, 40))
"""

WARGAME = """
import sys
import time
from wargame.ui.app import WargameApp
from wargame.ui.screens.setup import SetupScreen

def open_session():
    from wargame.scenario import load_scenario
    from wargame.session import Session

    return Session.create(load_scenario("iraq-2020"), None, None, sys.argv[1])

class Probe(WargameApp):
    def on_ready(self):  # Textual also runs WargameApp's on_ready (handlers of every class in the MRO)
        self.call_after_refresh(self.drawn)

    def drawn(self):
        assert isinstance(self.screen, SetupScreen), self.screen
        print("DRAWN", time.time(), flush=True)

    def opened(self):
        super().opened()
        self.call_after_refresh(self.filled)

    def filled(self):
        assert isinstance(self.screen, SetupScreen) and self.screen.query_one("#assignments").row_count == 6
        print("FILLED", time.time(), flush=True)
        self.exit()

app = Probe(open_session=open_session)
app.run(headless=True, size=(120, 40))
if app.loaded:
    app.session.close()
"""


def timed(code: str, *args: str) -> dict[str, float]:
    """Seconds from starting the process to each mark it prints ('DRAWN', 'FILLED'), by the wall clock."""
    started = time.time()
    done = subprocess.run([sys.executable, "-c", code, *args], check=True, cwd=ROOT, capture_output=True, text=True)
    marks = {}
    for line in done.stdout.splitlines():
        word, _, when = line.partition(" ")
        if word in ("DRAWN", "FILLED"):
            marks[word] = float(when) - started
    return marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    bare: list[float] = []
    drawn: list[float] = []
    filled: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.runs):  # interleaved, so all sides see the same machine
            bare.append(timed(BARE)["DRAWN"])
            marks = timed(WARGAME, str(Path(folder) / f"run{run}.db"))
            drawn.append(marks["DRAWN"])
            filled.append(marks["FILLED"])
    b, d, f = (statistics.median(x) for x in (bare, drawn, filled))
    print(f"bare Textual app, first screen: {b * 1000:.0f} ms (median of {args.runs})")
    print(f"wargame play iraq-2020, set-up screen drawn: {d * 1000:.0f} ms (median of {args.runs}) = {d / b:.2f}× bare "
          f"(target ≤ 1.5×)")
    print(f"wargame play iraq-2020, set-up screen filled (save created): {f * 1000:.0f} ms = {f / b:.2f}× bare")


if __name__ == "__main__":
    main()
