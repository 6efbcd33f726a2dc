"""What each main screen looks like, at 80×24 and 120×40 (pytest-textual-snapshot).

Update after an intended change with ``pytest tests/ui/test_snapshots.py --snapshot-update``
and look at the report before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from wargame.engine import decide as commands
from wargame.engine.actors import CONTROL_ACTOR, Team
from wargame.engine.commands import Adjudicate, SealMoves, StartExercise, SubmitMove
from wargame.engine.scenario import Scenario
from wargame.session import Session
from wargame.ui.app import make_app

from .conftest import press, settle

SIZES = [(80, 24), (120, 40)]


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
    return session


def keys(*pressed: str) -> Callable[[Pilot], Awaitable[None]]:  # type: ignore[type-arg]
    async def run_before(pilot: Pilot) -> None:  # type: ignore[type-arg]
        await settle(pilot)
        await press(pilot, *pressed)
        await settle(pilot)

    return run_before


SCREENS = {
    "setup": ("setup", ()),
    "console": ("moves", ()),
    "player": ("moves", ("p", "enter")),
    "results": ("review", ("4",)),
    "override": ("review", ("4", "o")),
    "help": ("moves", ("f1",)),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_screen(screen: str, size: tuple[int, int], snap_compare, tmp_path: Path, iraq: Scenario) -> None:  # type: ignore[no-untyped-def]
    stage, pressed = SCREENS[screen]
    session = session_at(tmp_path, iraq, stage)
    try:
        app = make_app(session, bots_move_on_turn_start=False)
        app.animation_level = "none"  # the tabs' underline slides in otherwise, at a timing-dependent pace
        assert snap_compare(app, terminal_size=size, run_before=keys(*pressed))
    finally:
        session.close()
