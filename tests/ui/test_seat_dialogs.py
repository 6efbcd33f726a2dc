"""The live classroom's dialogs on control's seat, at the smallest terminal we support (80x24): the question
when time runs out, the improvised inject (F6), the clock (F5) and the message (m).

Seats here never poll by themselves (``poll_s`` of an hour): each test folds in the other process's commits
with ``app.poll()``, as the seat's timer would, so nothing depends on timing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.containers import VerticalScroll
from textual.widgets import Button, Label

from wargame.engine import commands as cmd
from wargame.engine.actors import CONTROL_ACTOR, Team
from wargame.session import Session
from wargame.ui.seat_app import SeatApp
from wargame.ui.seat_dialogs import ClockDialog, InjectDialog, LateDialog, MessageDialog

from .conftest import press, screen_text, settle

SMALL = (80, 24)
NEVER = 3600.0
"""A poll interval no test reaches: the tests call ``poll`` themselves."""


def started(path: Path, humans: tuple[str, ...]) -> Session:
    """Another process's session on ``path``: ``humans`` play, a bot plays every other role, turn 1 open."""
    session = Session.open(path)
    for role in session.scenario.world.roles:
        if role not in humans:
            session.execute(cmd.AssignRole(role=role, player="random"), CONTROL_ACTOR)
    session.execute(cmd.StartExercise(), CONTROL_ACTOR)
    return session


def control_seat(session: Session) -> SeatApp:
    return SeatApp(session, lens="control", poll_s=NEVER)


async def test_a_team_that_seals_while_time_is_up_leaves_the_not_sealed_list(new_session: Session) -> None:
    """Time runs out under "ask" with Washington, Tehran and the Europeans unsealed; control's seat asks about
    the three. Tehran seals from its own seat while the question is open: the question now names only the
    two still unsealed, as the status line behind it does."""
    other = started(new_session.path, ("washington", "tehran", "europeans"))
    app = control_seat(new_session)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        start = dt.datetime.now(dt.timezone.utc)
        other.execute(cmd.SetClock(seconds=1, now=start.isoformat(), on_expiry="ask"), CONTROL_ACTOR)
        other.execute(cmd.ExpireClock(now=(start + dt.timedelta(seconds=2)).isoformat()), CONTROL_ACTOR)
        app.poll()
        await settle(pilot)
        assert isinstance(app.screen, LateDialog)
        asked = screen_text(app)
        assert "Islamic Republic of Iran" in asked and "United States administration" in asked

        other.execute(cmd.SealMoves(role="tehran"), Team(role="tehran"))
        app.poll()
        await settle(pilot)
        assert isinstance(app.screen, LateDialog)  # two teams are still late: the question stays
        question = str(app.screen.query_one("#late-text").render())
        assert "Islamic Republic of Iran" not in question
        assert "United States administration" in question and "European mediators" in question
    other.close()


async def test_in_the_inject_dialog_down_and_space_tick_a_role_and_tab_goes_on_to_the_title(
        new_session: Session) -> None:
    """F6 opens with the cursor in the audience list, as the message dialog does: Down, Space ticks the
    second role (Tehran); Tab goes to the title, then the sender, then the message; Enter sends. The inject
    reaches Tehran only, with each text in its own field."""
    other = started(new_session.path, ("washington", "tehran"))
    app = control_seat(new_session)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await press(pilot, "f6", "down", "space", "tab")
        await pilot.press(*"Drone strike")
        await pilot.press("tab", *"Mossad", "tab", *"A convoy was hit")
        await press(pilot, "enter")
        assert not isinstance(app.screen, InjectDialog)
    sent = new_session.state.improvised[-1]
    assert (sent.title, sent.from_, sent.message, sent.audience) == ("Drone strike", "Mossad", "A convoy was hit",
                                                                    ("tehran",))
    other.close()


async def test_ticked_and_unticked_roles_look_different_without_colour(new_session: Session) -> None:
    """In the inject's audience and in a message's addressees, a ticked row shows ▐X▌ and an unticked one an
    empty box ▐ ▌: the difference is in the characters, so a 256-colour terminal shows it too."""
    other = started(new_session.path, ("washington", "tehran"))
    app = control_seat(new_session)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        for opens, dialog in (("f6", InjectDialog), ("m", MessageDialog)):
            await press(pilot, opens)
            assert isinstance(app.screen, dialog)
            await press(pilot, "down", "space")
            shown = screen_text(app)
            assert "▐X▌ Islamic Republic of Iran" in shown, shown
            assert "▐ ▌ Government of Iraq" in shown and "▐X▌ Government of Iraq" not in shown, shown
            await press(pilot, "escape")
    other.close()


async def test_the_inject_dialog_shows_its_whole_heading_and_a_send_button_at_80x24(new_session: Session) -> None:
    """At 80x24 every heading and label is whole (the audience heading says what no tick means), the Send button is on screen, and pressing it sends (or says
    what is missing)."""
    other = started(new_session.path, ("washington", "tehran"))
    app = control_seat(new_session)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await press(pilot, "f6")
        shown = screen_text(app)
        for label in app.screen.query(Label):
            assert str(label.render()) in shown, f"cut at 80 columns: {label.render()}"
        assert "none ticked = every role" in shown
        send = app.screen.query_one("#send", Button)
        assert app.screen.region.contains_region(send.region) and "Send" in shown
        await pilot.click("#send")
        await settle(pilot)
        assert "an inject needs a title and a message" in screen_text(app)
        app.screen.query_one("#title").value = "Ceasefire rumour"  # type: ignore[attr-defined]
        app.screen.query_one("#message").value = "Word spreads of a truce."  # type: ignore[attr-defined]
        await pilot.pause(send.active_effect_duration + 0.1)  # a button ignores clicks while it shows a press
        await pilot.click("#send")
        await settle(pilot)
        assert not isinstance(app.screen, InjectDialog), screen_text(app)
    sent = new_session.state.improvised[-1]
    assert (sent.title, sent.audience) == ("Ceasefire rumour", "all")
    other.close()


async def test_every_clock_button_fits_at_80x24_and_each_is_reached_with_tab(new_session: Session) -> None:
    """F5 at 80x24: Set, Extend, Pause, Resume, Clear and Plan are each whole inside the dialog; Tab reaches
    Clear and Enter presses it (the clock control set is cleared)."""
    other = started(new_session.path, ("washington", "tehran"))
    other.execute(cmd.SetClock(seconds=600, now=dt.datetime.now(dt.timezone.utc).isoformat(), on_expiry="pass"),
                  CONTROL_ACTOR)
    app = control_seat(new_session)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await press(pilot, "f5")
        assert isinstance(app.screen, ClockDialog)
        inside = app.screen.query_one(VerticalScroll).content_region
        shown = screen_text(app)
        for button in app.screen.query(Button):
            assert inside.contains_region(button.region), f"{button.label} is cut off: {button.region} in {inside}"
            assert str(button.label) in shown
        for _ in range(10):
            if app.focused is not None and app.focused.id == "clear":
                break
            await press(pilot, "tab")
        assert app.focused is not None and app.focused.id == "clear"
        await press(pilot, "enter")
        assert not isinstance(app.screen, ClockDialog)
    assert new_session.state.clock is None
    other.close()
