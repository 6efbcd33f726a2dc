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
        shown = await seat_after_a_second(new_session.path, lens)
        assert re.search(r"⏱ 0[45]:\d\d left \(a bot plays late teams\)", shown), shown[:300]
    other.close()


async def seat_after_a_second(path: Path, lens: str) -> str:
    """What a seat of ``lens`` newly opened on ``path`` shows once its title has ticked (the clock, the agenda)."""
    app = SeatApp(Session.open(path), lens=lens)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        await pilot.pause(1.2)
        return screen_text(app)


def _expired_under_ask(path: Path) -> Session:
    """Another process's session on ``path``: Washington and Tehran play, a one-second clock under ``ask``
    set and run out (the host's expiry, issued as the host does)."""
    import datetime as dt

    other = started(path, ("washington", "tehran"))
    start = dt.datetime.now(dt.timezone.utc)
    other.execute(cmd.SetClock(seconds=1, now=start.isoformat(), on_expiry="ask"), CONTROL_ACTOR)
    other.execute(cmd.ExpireClock(now=(start + dt.timedelta(seconds=2)).isoformat()), CONTROL_ACTOR)
    return other


@pytest.mark.parametrize("answer", ["pass", "bot", "more"])
async def test_when_time_runs_out_under_ask_control_is_asked_about_the_late_teams(new_session: Session,
                                                                                answer: str) -> None:
    """The host issues the expiry under "ask": control's seat asks at once, naming the teams that have not
    sealed, and offers to seal them as they stand, hand them to a bot for this turn, or give more time. The
    answer is a command through the door: their moves sealed / the bot's moves in the save / a new clock."""
    from wargame.ui.seat_dialogs import LateDialog

    app = SeatApp(new_session, lens="control")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not any(isinstance(s, LateDialog) for s in app.screen_stack)
        other = _expired_under_ask(new_session.path)
        deadline = time.monotonic() + 5
        while not isinstance(app.screen, LateDialog):
            assert time.monotonic() < deadline, "control was not asked"
            await pilot.pause(0.1)
        await settle(pilot)
        shown = screen_text(app)
        assert "Time is up (turn 1)" in shown
        assert "United States administration" in shown and "Islamic Republic of Iran" in shown
        if answer == "more":
            app.screen.query_one("#minutes").value = "3"
        await pilot.click(f"#{answer}")
        await settle(pilot)
        assert not isinstance(app.screen, LateDialog)
        state = app.session.state
        if answer == "pass":
            assert {"washington", "tehran"} <= state.sealed and state.assignments["tehran"] == "human"
        elif answer == "bot":
            assert state.assignments["washington"] == state.assignments["tehran"] == "random"
            assert {"washington", "tehran"} <= state.sealed  # the bot played them at once
        else:
            assert state.clock is not None and not state.clock.expired and state.clock.on_expiry == "ask"
            assert "⏱ 0" in screen_text(app) and not state.sealed & {"washington", "tehran"}
        settled = [e for e in state.clock_changes if e.change == "settle"]
        assert [(e.on_expiry, e.roles) for e in settled] == ([] if answer == "more" else [(answer, ("washington", "tehran"))])
        await pilot.pause(0.5)
        assert not isinstance(app.screen, LateDialog)  # asked once per expiry
    other.close()


async def test_control_who_decides_later_is_asked_again_with_f5(new_session: Session) -> None:
    from wargame.ui.seat_dialogs import ClockDialog, LateDialog

    other = _expired_under_ask(new_session.path)
    app = SeatApp(new_session, lens="control")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LateDialog)  # a seat opened after the expiry asks too
        await press(pilot, "escape")
        assert not isinstance(app.screen, LateDialog) and "time is up (control decides)" in screen_text(app)
        await press(pilot, "f5")
        assert isinstance(app.screen, LateDialog)
        await pilot.click("#pass")
        await settle(pilot)
        await press(pilot, "f5")
        assert isinstance(app.screen, ClockDialog)  # answered: F5 is the clock again
    other.close()


async def test_the_agenda_control_plans_shows_on_every_seat(new_session: Session) -> None:
    """Control plans 10 minutes a turn (F5, the agenda field, Enter): its seat, a team's and the room display
    show the turn against the plan; the plan is an event in the save."""
    other = started(new_session.path, ("washington", "tehran"))
    app = SeatApp(new_session, lens="control")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f5")
        app.screen.query_one("#agenda").focus()
        await pilot.press("1", "0")
        await press(pilot, "enter")
        await pilot.pause(1.2)
        assert "turn 1 of 8 · on plan, 10 min left in this turn's slot" in screen_text(app)
    assert [e.minutes_per_turn for e in new_session.events if e.kind == "agenda_set"] == [10]
    for lens in ("tehran", "room"):
        shown = await seat_after_a_second(new_session.path, lens)
        assert re.search(r"turn 1 of 8 · on plan, (9|10) min left", shown), shown[:300]
    other.close()


async def test_two_control_seats_are_asked_and_one_answer_closes_both_questions(new_session: Session) -> None:
    """Both control seats ask; the first answers (a bot plays the late teams); the other's question closes by
    itself, with the truth on screen, and nothing is answered twice."""
    from wargame.ui.seat_dialogs import LateDialog

    other = _expired_under_ask(new_session.path)
    first = SeatApp(new_session, lens="control")
    second = SeatApp(Session.open(new_session.path), lens="control")
    async with first.run_test(size=(120, 40)) as p1, second.run_test(size=(120, 40)) as p2:
        await settle(p1)
        await settle(p2)
        assert isinstance(first.screen, LateDialog) and isinstance(second.screen, LateDialog)
        await p1.click("#bot")
        await settle(p1)
        deadline = time.monotonic() + 5
        while isinstance(second.screen, LateDialog):
            assert time.monotonic() < deadline, "the second seat still asks"
            await p2.pause(0.1)
    with Session.open(new_session.path) as final:
        assert [e.on_expiry for e in final.state.clock_changes if e.change == "settle"] == ["bot"]
    other.close()
