"""A team's seat home: what the team knows, all of it, the latest first."""

from __future__ import annotations

import time

from textual.widgets import Static

from wargame.engine import commands as cmd
from wargame.engine.actors import CONTROL_ACTOR
from wargame.engine.scenario import Scenario
from wargame.engine.views import RoleView
from wargame.seats import book_for, lenses
from wargame.session import Session
from wargame.ui.seat_app import JoinScreen, RoleHomeScreen, SeatApp

from .conftest import settle


async def test_a_seat_home_lists_every_outcome_and_inject_the_team_knows_the_latest_first(
        tmp_path, iraq: Scenario) -> None:  # type: ignore[no-untyped-def]
    """Reader 10: the home kept the last 10 outcomes and silently dropped the rest, the team's own among them,
    while during umpire review it is the only screen a team has. Every known outcome and inject is listed
    (the list scrolls), the latest turn first, with how many there are."""
    session = Session.create(iraq, 4, {r: "historical" for r in iraq.world.roles}, tmp_path / "class.db")
    for command in (cmd.StartExercise(), cmd.Adjudicate(), cmd.EndTurn(), cmd.Adjudicate()):
        session.execute(command, CONTROL_ACTOR)
    view = session.view("washington")
    assert isinstance(view, RoleView) and len(view.outcomes) > 10
    book = book_for(session)
    code = book.issue(lenses(session))["washington"]
    app = SeatApp(session, admit=book.admit)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*code.replace("-", " "), "enter")
        deadline = time.monotonic() + 10
        while isinstance(app.screen, JoinScreen) and time.monotonic() < deadline:
            await pilot.pause(0.1)
        await settle(pilot)
        assert isinstance(app.screen, RoleHomeScreen)
        home = str(app.screen.query_one("#role-home", Static).render())
    lines = [line.strip() for line in home.splitlines()]
    listed = [line for line in lines if line.startswith("T") and "→" in line]
    assert len(listed) == len(view.outcomes)
    assert [int(line[1:line.index(" ")]) for line in listed] == sorted((o.turn for o in view.outcomes), reverse=True)
    own = [o for o in view.outcomes if o.role == "washington"]
    for outcome in own:
        assert f"T{outcome.turn} United States administration: {outcome.label} → {outcome.band}" in lines
    assert f"Injects you have received ({len(view.injects)}, the latest first)" in lines
    session.close()
