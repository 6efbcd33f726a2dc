"""Helpers for driving the app with Textual's Pilot."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from textual.app import App
from textual.pilot import Pilot

from wargame.engine.scenario import Scenario
from wargame.session import Session


async def settle(pilot: Pilot) -> None:  # type: ignore[type-arg]
    """Wait until every command in flight is committed and the screen has repainted."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press(pilot: Pilot, *keys: str) -> None:  # type: ignore[type-arg]
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


@pytest.fixture
def new_session(tmp_path: Path, iraq: Scenario) -> Iterator[Session]:
    session = Session.create(iraq, None, None, tmp_path / "class.db")
    yield session
    session.close()


def washington_strike_adjudicated(session: Session) -> Session:
    """Turn 1 opened, Washington strikes Kataib Hezbollah's depots, the turn adjudicated: umpire review."""
    from wargame.engine.actors import CONTROL_ACTOR, Team
    from wargame.engine.commands import Adjudicate, StartExercise, SubmitMove

    session.execute(StartExercise(), CONTROL_ACTOR)
    session.execute(SubmitMove(role="washington", action="strike_kh_depots"), Team(role="washington"))
    session.execute(Adjudicate(), CONTROL_ACTOR)
    return session


def screen_text(app: App) -> str:  # type: ignore[type-arg]
    """What the terminal shows now, as plain text (the same rendering Textual's screenshots use)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, color_system="truecolor",
                      record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()
