"""What a seat does not redo when a screen is shown again: the footer keeps its keys while they are the
same keys, and a screen keeps its styles unless what they depend on (the theme, the app's classes) changed
— while it still shows new keys and a new theme at once."""

from __future__ import annotations

import pytest
from textual.widgets import Header
from textual.widgets._footer import FooterKey

from wargame.engine import commands as cmd
from wargame.engine.actors import CONTROL_ACTOR
from wargame.session import Session
from wargame.ui.screens.player import PlayerScreen
from wargame.ui.seat_app import RoleHomeScreen, SeatApp

from .conftest import press, settle


def footer_keys(app: SeatApp) -> list[FooterKey]:
    return list(app.screen.query(FooterKey))


async def test_the_footer_keeps_its_keys_while_they_are_the_same_and_shows_new_ones_at_once(new_session: Session) -> None:
    for role in new_session.scenario.world.roles:
        new_session.execute(cmd.AssignRole(role=role, player="random"), CONTROL_ACTOR)
    new_session.execute(cmd.StartExercise(), CONTROL_ACTOR)  # the bots move and seal as the turn opens
    app = SeatApp(new_session, lens="control")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        keys = footer_keys(app)
        shown = [k.description for k in keys]
        assert "Adjudicate" in shown and "End turn" not in shown
        app.screen.refresh_bindings()  # Textual's own Footer would throw its keys away and build them again
        await settle(pilot)
        assert footer_keys(app) == keys  # the very same widgets
        await press(pilot, "a")  # adjudicated: the keys of the umpire's review
        shown = [k.description for k in footer_keys(app)]
        assert "End turn" in shown and "Adjudicate" not in shown


@pytest.mark.parametrize("theme_changed", [False, True])
async def test_a_screen_shown_again_is_restyled_only_when_the_theme_changed(new_session: Session,
                                                                            theme_changed: bool) -> None:
    new_session.execute(cmd.StartExercise(), CONTROL_ACTOR)
    app = SeatApp(new_session, lens="washington")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        moves = app.screen
        assert isinstance(moves, PlayerScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, RoleHomeScreen)
        restyled: list[object] = []
        original = moves.update_node_styles
        moves.update_node_styles = lambda *a, **k: (restyled.append(a), original(*a, **k))[1]  # type: ignore[method-assign]
        if theme_changed:
            app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
            await settle(pilot)
        await press(pilot, "enter")
        assert app.screen is moves
        assert bool(restyled) == theme_changed
        # either way the moves screen wears the theme the home screen (restyled by Textual itself) wears
        home = next(s for s in app.screen_stack if isinstance(s, RoleHomeScreen))
        assert moves.query_one(Header).styles.background == home.query_one(Header).styles.background
