"""The real program in a real terminal: `wargame play` driven through tmux like a person would."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"),
    pytest.mark.realtime,
]


class Terminal:
    """One tmux session running a command at a fixed size."""

    def __init__(self, command: list[str], width: int = 120, height: int = 40) -> None:
        self.name = f"wargame-{uuid.uuid4().hex[:8]}"
        # COLUMNS / LINES inherited from the test runner would override the terminal's real size
        line = "env -u COLUMNS -u LINES " + " ".join(shlex.quote(part) for part in command)
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
                        "-e", "TERM=xterm-256color", f"{line}; echo EXITED-$?; sleep 30"], check=True)
        # another tmux server's clients could otherwise decide the window's size
        subprocess.run(["tmux", "resize-window", "-t", self.name, "-x", str(width), "-y", str(height)], check=False)

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True).stdout

    def keys(self, *keys: str, pause: float = 0.7) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(pause)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def wait_for_row(self, start: str, text: str, timeout: float = 20.0) -> str:
        """Wait until a line of the screen that begins (after table borders) with ``start`` contains ``text``:
        durable screen text (a table row), not a notification that may come and go."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if any(line.strip(" │▎▊▌").startswith(start) and text in line for line in screen.splitlines()):
                return screen
            time.sleep(0.2)
        raise AssertionError(f"no row {start!r} with {text!r}; the screen was:\n{self.screen()}")

    def tab(self, key: str, text: str, tries: int = 3) -> str:
        """Press a tab key until the tab's text shows. Under heavy machine load a key sent by tmux
        right after a repaint was seen to be dropped (about once per few hundred); a tab key is
        safe to press again, so this retries rather than waits forever, and fails if it never shows."""
        for _ in range(tries - 1):
            self.keys(key)
            try:
                return self.wait_for(text, timeout=6)
            except AssertionError:
                continue
        self.keys(key)
        return self.wait_for(text)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def terminal_factory() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.close()


def test_a_class_turn_at_80x24_with_the_keyboard_only(tmp_path: Path, terminal_factory: list[Terminal]) -> None:
    """`wargame play` at 80×24, keys only: set-up (two human teams, the rest bots, a control PIN), each team
    reads what happened and its Situation, Briefs and Objectives tabs and moves, the screen locks between
    teams, adjudication, a custom-effects override with the variable picked from the list, an inject
    released and the release undone, the turn ended after confirming, Tehran handed to a bot for turn 2, quit; the save verifies,
    quitting printed the exact resume command, and `wargame report` says who played which turns."""
    save = tmp_path / "class.db"
    term = Terminal([sys.executable, "-m", "wargame", "play", "iraq-2020", "--save", str(save)], width=80, height=24)
    terminal_factory.append(term)
    screen = term.wait_for("Enter to change")
    assert "United States administration" in screen
    time.sleep(1)  # the first keys after start-up can be lost while the terminal answers Textual's queries
    term.keys("C-b")  # every role to the random bot, then the first two back to human teams
    term.wait_for("Bot: random legal moves")
    term.keys("Enter")
    term.wait_for("Who plays United States")
    term.keys("Home", "Enter", pause=1)
    term.keys("Down", "Enter", pause=1)
    term.wait_for("Who plays Islamic Republic")
    term.keys("Home", "Enter", pause=1)
    screen = term.screen()
    assert screen.count("Human team") == 2 and screen.count("Bot: random legal moves") == 4, screen
    term.keys("Tab", "Tab", "2", "4", "6", "8", "C-s")
    term.wait_for("Turn 1 of 8")
    term.wait_for("4 of 6 roles sealed")  # the bots moved by themselves
    for team in ("United States administration", "Islamic Republic of Iran"):
        term.keys("p")
        term.wait_for("Pass the keyboard to")
        term.keys("Enter")
        term.wait_for("Injects that arrived this turn")  # what happened comes first
        term.tab("3", "Injects you have received")
        term.tab("4", "your private brief")
        term.tab("5", "score:")
        term.tab("2", "Success  Cost")
        if team == "United States administration":  # Tighten maximum pressure: its outcome and the override's
            term.keys("Down", "Down", "Down", pause=0.5)  # note fit the 80×24 detail pane (a strike's 8 effects do not)
        term.keys("Enter")
        term.wait_for("✔")
        term.keys("s")
        term.wait_for("Sealed moves cannot be changed")
        term.keys("y")
        screen = term.wait_for("Pass the keyboard back to control")
        assert "Turn 1 of 8" not in screen
        term.keys("Enter", "Escape", pause=1)  # a team pressing on: the screen stays locked
        assert "Pass the keyboard back to control" in term.screen()
        term.keys("2", "4", "6", "8", "Enter", pause=0.6)
        term.wait_for("Turn 1 of 8")
    term.wait_for("6 of 6 roles sealed")
    term.keys("a")
    term.wait_for("UMPIRE REVIEW")
    term.keys("o")
    term.wait_for("Rationale")
    term.keys("Enter", pause=1)
    term.wait_for("custom effects…")  # the band list is open (a key sent before it opens would be lost)
    term.keys("End", "Enter", pause=1)
    term.wait_for("Variables: Enter puts one in the effects line")
    term.keys("Down", "Down", "Down", "Down", "Enter")  # the fifth variable of the list: Economic pressure on Iran
    term.wait_for("pressure_on_iran")
    term.keys("+5", "Tab", "the umpire disagrees", "Enter")
    term.wait_for("CUSTOM (overridden)")  # the Results row
    term.wait_for("Overridden")  # the detail, what is in force first
    term.wait_for("Economic pressure on Iran")
    term.keys("3", "C-Home")
    term.wait_for("Id    When")
    term.keys("r")
    term.wait_for("Not done")  # the first inject was released at the start of the turn: refused, named
    # a release by mistake, and its undo: the row says released, then pending again (durable table text)
    from wargame.scenario import load_scenario

    last = load_scenario("iraq-2020").injects[-1]  # ctrl+End highlights the MSEL's last inject, a contingency
    assert last.kind == "contingency", last
    term.keys("C-End")
    term.wait_for_row(last.id, "control may release")
    term.keys("r")
    screen = term.wait_for_row(last.id, "released T1 by control")
    assert " u Undo " in screen, screen  # the footer offers the undo while it is possible
    term.keys("u")
    screen = term.wait_for_row(last.id, "control may release")
    assert " u Undo " not in screen.splitlines()[-1], screen  # nothing left to undo
    term.keys("e")
    term.wait_for("End turn 1 and open turn 2?")
    term.keys("y")
    term.wait_for("Turn 2 of 8")
    term.tab("2", "Played by")
    time.sleep(1)  # the list takes the cursor on the next repaint
    term.keys("Down", "b", pause=1)  # Tehran, handed to a bot from turn 2 on
    term.wait_for("Who plays Islamic Republic")
    term.keys("Down", "Enter", pause=1)
    # the hand-over notification is transient; what stays: the bot moved at once (next line), and the report below
    term.wait_for("5 of 6 roles sealed")  # the bot moved at once; only Washington's team is left
    term.keys("C-q")
    screen = term.wait_for("EXITED-0")
    assert f"resume with: python -m wargame resume {save}" in screen.replace("\n", "")  # as it was started
    report = subprocess.run([sys.executable, "-m", "wargame", "report", str(save), "-f", "md"], capture_output=True,
                            text=True)
    assert report.returncode == 0, report.stderr
    assert "Human team (turn 1); Bot: random legal moves (turn 2)" in report.stdout, report.stdout[:3000]
    assert "the umpire disagrees" in report.stdout  # the override's rationale is in the record

    verify = subprocess.run([sys.executable, "-m", "wargame", "verify", str(save)], capture_output=True, text=True)
    assert verify.returncode == 0, verify.stderr
    assert "state digest:" in verify.stdout


def test_review_steps_through_every_turn_in_a_real_terminal(tmp_path: Path, terminal_factory: list[Terminal]) -> None:
    """Record a game with `wargame autoplay --save`, open `wargame review` on it, step with → through every
    turn to the last, look through a role's lens, write the reports, quit with ctrl+q."""
    save = tmp_path / "class.db"
    recorded = subprocess.run([sys.executable, "-m", "wargame", "autoplay", "iraq-2020", "--games", "1", "--seed", "5",
                               "--save", str(save)], capture_output=True, text=True)
    assert recorded.returncode == 0, recorded.stderr
    term = Terminal([sys.executable, "-m", "wargame", "review", str(save)])
    terminal_factory.append(term)
    screen = term.wait_for("Lens: Control")
    turns = int(screen.split("Turn 1 of ", 1)[1].split()[0])
    for turn in range(2, turns + 1):
        term.keys("Right", pause=0.1)
        term.wait_for(f"Turn {turn} of {turns}")
    term.keys("l")
    term.wait_for("Lens: United States administration (what it knew)")
    term.keys("w")
    term.wait_for(f"World at the end of turn {turns}")
    term.keys("1")
    term.wait_for(f"Turn 1 of {turns}")
    term.keys("C-q")
    term.wait_for("EXITED-0")
    for fmt in ("md", "html", "json"):
        written = subprocess.run([sys.executable, "-m", "wargame", "report", str(save), "-f", fmt, "-o",
                                  str(tmp_path / f"aar.{fmt}")], capture_output=True, text=True)
        assert written.returncode == 0, written.stderr
        assert (tmp_path / f"aar.{fmt}").stat().st_size > 1000
