"""Seats: a join code opens one lens and nothing else, whatever keys are pressed; every seat repaints
from the save by itself when another process commits."""

from __future__ import annotations

import asyncio
import html
import random
import re
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot

from wargame.engine import commands as cmd
from wargame.engine.actors import CONTROL_ACTOR, Team
from wargame.engine.decide import why_illegal
from wargame.engine.scenario import Scenario
from wargame.engine.views import sees_variable
from wargame.seats import book_for, lenses
from wargame.session import Session
from wargame.ui.room import RoomScreen
from wargame.ui.screens.console import ConsoleScreen
from wargame.ui.screens.hotseat import HandBackScreen, HandoverScreen
from wargame.ui.screens.player import PlayerScreen
from wargame.ui.screens.setup import SetupScreen
from wargame.ui.seat_app import JoinScreen, RoleHomeScreen, SeatApp

from .conftest import press, settle

# the seats must repaint within a second of a commit: timed, so run alone (see `make test`)
pytestmark = pytest.mark.realtime

FORBIDDEN_SCREENS = (ConsoleScreen, SetupScreen, HandoverScreen, HandBackScreen, RoomScreen)


def screen_text(app: SeatApp) -> str:
    """Every character on the screen, as the player sees it (from the exported screenshot)."""
    svg = app.export_screenshot()
    text = " ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S))
    return html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\xa0", " ")


def secrets_of_others(scenario: Scenario, role: str) -> list[str]:
    """Text a role's seat must never show: hidden variables' labels, other roles' private briefs (first line)."""
    hidden = [v.label for v in scenario.world.variables if not sees_variable(scenario, role, v.id)]
    briefs = [r.private_brief.strip().splitlines()[0][:60] for r in scenario.roles if r.id != role]
    return hidden + briefs


async def type_code(pilot: Pilot, code: str) -> None:  # type: ignore[type-arg]
    await pilot.press(*code)
    await pilot.press("enter")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        await pilot.pause(0.1)
        await pilot.app.workers.wait_for_complete()
        if not isinstance(pilot.app.screen, JoinScreen) or "opens no seat" in screen_text(pilot.app):  # type: ignore[arg-type]
            break
    await settle(pilot)


def started(path: Path, humans: tuple[str, ...]) -> Session:
    session = Session.open(path)
    for role in session.scenario.world.roles:
        if role not in humans:
            session.execute(cmd.AssignRole(role=role, player="random"), CONTROL_ACTOR)
    session.execute(cmd.StartExercise(), CONTROL_ACTOR)  # the session plays the bots when the turn opens
    return session


async def test_wrong_and_revoked_codes_open_nothing_and_the_right_one_opens_its_lens(new_session: Session) -> None:
    book = book_for(new_session)
    codes = book.issue(lenses(new_session))
    book.revoke("washington")
    app = SeatApp(new_session, admit=book.admit)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for wrong in ("amber cedar harbor opal tulip", codes["washington"]):
            await type_code(pilot, wrong.replace("-", " "))
            assert isinstance(app.screen, JoinScreen) and app.lens is None
            assert "opens no seat" in screen_text(app)
        await type_code(pilot, codes["tehran"])
        assert isinstance(app.screen, RoleHomeScreen) and app.lens == "tehran"
        assert len(app.screen_stack) == 2  # the join screen was replaced: nothing lies below but Textual's default


async def test_every_key_sequence_in_a_role_seat_stays_in_that_lens(new_session: Session, iraq: Scenario) -> None:
    """A hundred and fifty seeded random keys from every binding of every screen (and Esc, Tab, palette, help):
    the seat never shows the console, set-up, hand-over or room screens, a hidden variable or another
    team's private brief — through moves, sealing and adjudication by another process."""
    path = new_session.path
    other = started(path, ("washington", "tehran"))
    app = SeatApp(new_session, lens="washington")
    forbidden = secrets_of_others(iraq, "washington")
    keys = ["escape", "enter", "s", "y", "n", "1", "2", "3", "4", "5", "tab", "shift+tab", "down", "up", "p", "a", "o",
            "r", "h", "e", "x", "q", "ctrl+p", "f1", "question_mark", "space", "backspace", "ctrl+s", "ctrl+b", "ctrl+h"]
    rng = random.Random(13)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for i in range(150):
            await pilot.press(rng.choice(keys))
            await settle(pilot)
            if i == 75:  # control moves the game on from another process meanwhile
                for role in ("tehran", "washington"):
                    if role not in other.state.sealed:
                        other.execute(cmd.SealMoves(role=role), Team(role=role))
                other.execute(cmd.Adjudicate(), CONTROL_ACTOR)
                other.execute(cmd.EndTurn(), CONTROL_ACTOR)
                await pilot.pause(0.5)
            for screen in app.screen_stack:
                assert not isinstance(screen, FORBIDDEN_SCREENS), f"key {i}: {type(screen).__name__}"
            shown = screen_text(app)
            for secret in forbidden:
                assert secret not in shown, f"key {i}: {secret!r} on a Washington seat"
    other.close()


async def test_a_role_seat_sees_another_seats_commit_within_a_second(new_session: Session) -> None:
    """Control starts the turn in another process: the team's seat shows it, no key pressed; then the
    team's other laptop chooses a move, and this one shows it chosen."""
    app = SeatApp(new_session, lens="tehran")
    other = Session.open(new_session.path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RoleHomeScreen)
        other.execute(cmd.StartExercise(), CONTROL_ACTOR)
        committed = time.monotonic()
        while "Turn 1, 2020-03-11" not in screen_text(app):
            await asyncio.sleep(0.02)  # not pilot.pause(): that waits until the app is idle, hiding when it drew
            assert time.monotonic() - committed < 1.0, "the turn did not reach the seat within a second"
        assert "moves open" in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, PlayerScreen) and "chosen: nothing yet" in screen_text(app)
        other.execute(cmd.SubmitMove(role="tehran", action=iraq_action(other)), Team(role="tehran"))
        committed = time.monotonic()
        while "chosen: nothing yet" in screen_text(app):
            await asyncio.sleep(0.02)
            assert time.monotonic() - committed < 1.0
    other.close()


def iraq_action(session: Session) -> str:
    return next(a.id for a in session.scenario.role("tehran").actions
                if why_illegal(session.state, "tehran", a.id) is None)


async def test_the_room_display_shows_public_things_only(new_session: Session, iraq: Scenario) -> None:
    other = started(new_session.path, ())
    other.execute(cmd.Adjudicate(), CONTROL_ACTOR)
    app = SeatApp(new_session, lens="room")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RoomScreen)
        shown = screen_text(app)
        assert "Turn 1 of 8" in shown
        hidden = [v.label for v in iraq.world.variables if not all(sees_variable(iraq, r, v.id) for r in iraq.world.roles)]
        for secret in hidden + [r.private_brief.strip().splitlines()[0][:60] for r in iraq.roles]:
            assert secret not in shown
    other.close()


async def test_a_role_seat_cannot_act_for_another_role_or_for_control(new_session: Session) -> None:
    """Whatever a screen of a Washington seat asks, it is issued as Washington's team: the engine refuses
    Tehran's move and control's adjudication, and nothing is written."""
    from wargame.engine import commands as cmd
    from wargame.engine.actors import Team
    from wargame.ui.app import CommandRefused

    other = started(new_session.path, ("washington", "tehran"))
    app = SeatApp(new_session, lens="washington")
    refused: list[str] = []
    async with app.run_test(size=(100, 30), message_hook=lambda m: refused.append(m.reason)
                            if isinstance(m, CommandRefused) else None) as pilot:
        await settle(pilot)
        before = new_session.seq
        action = next(a.id for a in new_session.scenario.role("tehran").actions
                      if why_illegal(new_session.state, "tehran", a.id) is None)
        app.send("tehran's move", cmd.SubmitMove(role="tehran", action=action), Team(role="tehran"))
        app.send("seal tehran", cmd.SealMoves(role="tehran"), Team(role="tehran"))
        app.send("adjudicate", cmd.Adjudicate())
        await settle(pilot)
        assert len(refused) == 3, refused
        assert new_session.refresh() == 0 and new_session.seq == before
    other.close()


def test_a_code_of_another_session_opens_nothing_here(new_session: Session, iraq: Scenario, tmp_path: Path) -> None:
    """Two real saves of the same scenario and seed: each one's codes are refused by the other."""
    from wargame.seats.book import WrongCode

    with Session.create(iraq, None, None, tmp_path / "other.db") as second:
        mine, theirs = book_for(new_session), book_for(second)
        assert mine.identity != theirs.identity
        mine.issue(lenses(new_session))
        foreign = theirs.issue(lenses(second))
        for code in foreign.values():
            try:
                mine.admit(code)
            except WrongCode:
                continue
            raise AssertionError("another session's code opened a seat")


async def test_a_message_typed_in_one_seat_reaches_its_recipient_and_not_a_third_team(new_session: Session) -> None:
    """Washington ticks Tehran, types, Enter: Tehran's seat (another session on the save) shows it within a
    second; Baghdad's seat never does; the room display neither."""
    other = started(new_session.path, ("washington", "tehran"))
    sender = SeatApp(new_session, lens="washington")
    secret = "Quiet channel: we hold fire if you do"
    tehran = SeatApp(Session.open(new_session.path), lens="tehran")
    baghdad = SeatApp(Session.open(new_session.path), lens="baghdad")
    async with sender.run_test(size=(100, 30)) as pilot, tehran.run_test(size=(100, 30)), \
            baghdad.run_test(size=(100, 30)) as p3:
        await settle(pilot)
        await press(pilot, "m")
        await press(pilot, "space", "tab")
        await pilot.press(*secret)
        await press(pilot, "enter")
        committed = time.monotonic()
        while secret not in screen_text(tehran):
            await asyncio.sleep(0.02)
            assert time.monotonic() - committed < 1.0, "the message did not reach Tehran's seat within a second"
        await p3.pause(0.5)
        assert secret not in screen_text(baghdad)
        assert secret in screen_text(sender)
    other.close()


async def test_every_seat_shows_the_clock(new_session: Session) -> None:
    import datetime as dt

    other = started(new_session.path, ("washington", "tehran"))
    now = dt.datetime.now(dt.timezone.utc).isoformat()
    other.execute(cmd.SetClock(seconds=300, now=now, on_expiry="bot"), CONTROL_ACTOR)
    for lens in ("tehran", "room"):
        app = SeatApp(Session.open(new_session.path), lens=lens)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            await pilot.pause(1.2)
            assert re.search(r"⏱ 0[45]:\d\d left \(a bot plays late teams\)", screen_text(app)), screen_text(app)[:300]
    other.close()
