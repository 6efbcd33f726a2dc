"""What each main screen and dialog looks like at 80×24, 120×40 and 200×60 (pytest-textual-snapshot).

Every screen a facilitator or a team meets is pinned at all three sizes; a few more states
of the same screens (other tabs, the ended console) at 80×24 only, the size most likely to break.
Update after an intended change with ``pytest tests/ui/test_snapshots.py --snapshot-update``
and look at the report before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from wargame.engine import decide as commands
from wargame.engine.actors import CONTROL_ACTOR, Team
from wargame.engine.commands import Adjudicate, EndExercise, SealMoves, StartExercise, SubmitMove
from wargame.engine.scenario import Scenario
from wargame.session import Session
from wargame.ui.app import make_app

from .conftest import press, settle

SIZES = [(80, 24), (120, 40), (200, 60)]


def session_at(tmp_path: Path, scenario: Scenario, stage: str) -> Session:
    """A session driven (without the UI) to a stage, seeded so every run looks the same."""
    session = Session.create(scenario, 7, {"europeans": "random", "coalition": "historical"}, tmp_path / "class.db",
                             run_bots=False)
    if stage == "setup":
        return session
    session.execute(StartExercise(), CONTROL_ACTOR)
    session.play_bots()
    if stage == "moves":
        return session
    for role in ("washington", "tehran", "baghdad", "militias"):
        session.execute(SubmitMove(role=role, action=commands.legal_actions(session.state, role)[0]), Team(role=role))
        session.execute(SealMoves(role=role), Team(role=role))
    session.execute(Adjudicate(), CONTROL_ACTOR)
    if stage == "review":
        return session
    session.execute(EndExercise(), CONTROL_ACTOR)
    return session


def keys(*pressed: str) -> Callable[[Pilot], Awaitable[None]]:  # type: ignore[type-arg]
    async def run_before(pilot: Pilot) -> None:  # type: ignore[type-arg]
        await settle(pilot)
        await press(pilot, *pressed)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # a blinking cursor would be caught on or off at random
        await settle(pilot)

    return run_before


CUSTOM = ("4", "o", "enter", "end", "enter", "down")  # Results, override, band list, its last entry (custom effects), a variable

# name: (stage, keys pressed)
EVERY_SIZE = {
    "setup": ("setup", ()),
    "choose-player": ("setup", ("enter",)),
    "console": ("moves", ()),
    "injects": ("moves", ("3", "down", "down")),
    "handover": ("moves", ("p",)),
    "player": ("moves", ("p", "enter")),
    "handback": ("moves", ("p", "enter", "escape")),
    "results": ("review", ("4",)),
    "override-custom": ("review", CUSTOM),
    "end-turn": ("review", ("e",)),
    "note": ("review", ("n",)),
    "help": ("moves", ("f1",)),
}
SMALL_ONLY = {
    "roles": ("moves", ("2",)),
    "override": ("review", ("4", "o")),
    "moves": ("moves", ("p", "enter", "2")),
    "situation": ("moves", ("p", "enter", "3")),
    "briefs": ("moves", ("p", "enter", "4")),
    "objectives": ("moves", ("p", "enter", "5")),
    "ended": ("ended", ()),
}
CASES = [(name, size) for name in sorted(EVERY_SIZE) for size in SIZES] + [(name, SIZES[0]) for name in sorted(SMALL_ONLY)]


@pytest.mark.parametrize(("screen", "size"), CASES, ids=[f"{n}-{s[0]}x{s[1]}" for n, s in CASES])
def test_screen(screen: str, size: tuple[int, int], snap_compare, tmp_path: Path, iraq: Scenario,  # type: ignore[no-untyped-def]
                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # paths on screen are relative to the current folder: the same in every run
    stage, pressed = {**EVERY_SIZE, **SMALL_ONLY}[screen]
    session = session_at(tmp_path, iraq, stage)
    try:
        app = make_app(session, bots_move_on_turn_start=False)
        app.animation_level = "none"  # the tabs' underline slides in otherwise, at a timing-dependent pace
        assert snap_compare(app, terminal_size=size, run_before=keys(*pressed))
    finally:
        session.close()
