"""The review screen driven with Pilot: every turn stepped through, lenses, decision points, debrief entries."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import OptionList, Select, Static, TabbedContent

from wargame.engine.scenario import Scenario
from wargame.session import Session
from wargame.ui.review_app import make_review_app
from wargame.ui.screens.review import ReviewScreen
from wargame.ui.screens.review_dialogs import DebriefEntryScreen, GotoScreen

from ..report.conftest import facilitated_save
from .conftest import press, settle


@pytest.fixture(scope="module")
def save(tmp_path_factory: pytest.TempPathFactory, iraq: Scenario) -> Path:
    return facilitated_save(iraq, tmp_path_factory.mktemp("review") / "class.db")


def plain(widget: Static) -> str:
    """What a Static shows, as plain text (rich renderables rendered without styles)."""
    console = Console(width=200, record=True, color_system=None, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()


def status(app) -> str:  # type: ignore[no-untyped-def]
    return plain(app.screen.query_one("#review-status", Static))


def detail(app) -> str:  # type: ignore[no-untyped-def]
    return plain(app.screen.query_one("#turn-detail", Static))


async def test_step_through_every_turn_and_back(save: Path) -> None:
    """→ walks from the first turn to the last, ← back; the timeline, status and detail follow."""
    with Session.open(save) as session:
        turns = session.state.turn
        app = make_review_app(session)
        app.animation_level = "none"
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, ReviewScreen)
            for turn in range(1, turns + 1):
                assert f"Turn {turn} of {turns}" in status(app)
                opening = detail(app).splitlines()
                if turn == turns and session.state.ended is not None:  # how it ended heads the last turn, whole
                    assert opening[0] == f"The exercise ended: {session.state.ended.message}", opening[:2]
                    opening = opening[1:]
                assert opening[0].startswith(f"Turn {turn} ·")
                assert app.screen.query_one("#timeline", OptionList).highlighted == turn - 1
                await press(pilot, "right")
            assert f"Turn {turns} of {turns}" in status(app)  # stops at the last
            await press(pilot, "left_square_bracket")
            assert f"Turn {turns - 1} of {turns}" in status(app)
            await press(pilot, "2")
            assert "Turn 2 of" in status(app) and "CONTROL-RATIONALE" in detail(app)
            await press(pilot, "g")
            assert isinstance(app.screen, GotoScreen)
            await pilot.press("3")
            await press(pilot, "enter")
            assert "Turn 3 of" in status(app)
            await press(pilot, "w")
            assert app.screen.query_one(TabbedContent).active == "world"
            world = plain(app.screen.query_one("#world-detail", Static))
            assert "World at the end of turn 3" in world and "Escalation" in world
            await pilot.press("ctrl+q")
            await settle(pilot)


async def test_decision_points_and_lenses(save: Path, iraq: Scenario) -> None:
    """n / p jump between turns with decision points; l cycles control and every role, each lens from its view."""
    with Session.open(save) as session:
        app = make_review_app(session)
        app.animation_level = "none"
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            report = app.report()
            marked = [i for i, t in enumerate(report.turns) if t.decision_points]
            await press(pilot, "n")
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            assert screen.index == next(i for i in marked if i > 0)
            await press(pilot, "p")
            assert screen.index == marked[0]
            await press(pilot, "2")
            assert "CONTROL-NOTE" in detail(app)
            for role in iraq.world.roles:
                await press(pilot, "l")
                assert app.lens == role and iraq.role(role).name in status(app)
                text = detail(app)
                assert "CONTROL-NOTE" not in text
                others = [m for t in app.report().turns for m in t.moves if m.role != role]
                assert others == []
                await press(pilot, "d")
                assert "control's" in plain(app.screen.query_one("#debrief-detail", Static))
                await press(pilot, "t")
            await press(pilot, "l")
            assert app.lens == "control"


async def test_a_debrief_entry_is_saved_as_an_event(save: Path, tmp_path: Path) -> None:
    """e opens the dialog; a plan row typed there is committed to the save and shown in the Debrief pane."""
    copy = tmp_path / "copy.db"
    copy.write_bytes(save.read_bytes())
    with Session.open(copy) as session:
        app = make_review_app(session)
        app.animation_level = "none"
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await press(pilot, "3", "e")
            assert isinstance(app.screen, DebriefEntryScreen)
            app.screen.query_one("#section", Select).value = "plan"
            await pilot.press(*"Brief the cells on delayed outcomes")
            await press(pilot, "enter")
            assert isinstance(app.screen, ReviewScreen)
            shown = plain(app.screen.query_one("#debrief-detail", Static))
            assert "Brief the cells on delayed outcomes" in shown
            await pilot.press("ctrl+q")
            await settle(pilot)
    with Session.open(copy) as reopened:
        last = reopened.state.debrief[-1]
        assert (last.section, last.text, last.about_turn) == ("plan", "Brief the cells on delayed outcomes", 3)


async def test_the_turn_pane_scrolls_from_the_timeline_and_opens_at_its_top(save: Path) -> None:
    """At 80×24 the page keys scroll the turn's text while the focus stays on the timeline (↑/↓ keep moving
    the turns); another turn or another lens is read from its top, not from where the last one was left."""
    from textual.containers import VerticalScroll

    with Session.open(save) as session:
        app = make_review_app(session)
        app.animation_level = "none"
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            scroller = app.screen.query_one("#turn VerticalScroll", VerticalScroll)
            assert isinstance(app.focused, OptionList) and scroller.scroll_y == 0
            await press(pilot, "pagedown")
            assert scroller.scroll_y > 0 and isinstance(app.focused, OptionList)
            assert "Turn 1 of" in status(app)
            await press(pilot, "space")
            lower = scroller.scroll_y
            await press(pilot, "pageup")
            assert 0 <= scroller.scroll_y < lower
            await press(pilot, "pagedown")
            await press(pilot, "right")
            assert "Turn 2 of" in status(app) and scroller.scroll_y == 0
            await press(pilot, "pagedown")
            await press(pilot, "l")
            assert scroller.scroll_y == 0
            await pilot.press("ctrl+q")
            await settle(pilot)
