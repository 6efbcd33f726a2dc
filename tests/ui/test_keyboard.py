"""Every screen by keyboard alone, at 80×24: each tab from wherever the focus is, each action, each dialog.

The walk is one exercise from set-up to the end, pressing only keys a facilitator or a team would
press; after each step it checks the screen the person now sees (and, for commands, the save).
"""

from __future__ import annotations

from textual.widgets import DataTable, TabbedContent

from wargame.engine.scenario import Scenario
from wargame.session import Session
from wargame.ui.app import make_app
from wargame.ui.screens.console import ConsoleScreen
from wargame.ui.screens.dialogs import ConfirmScreen, NoteScreen, OverrideScreen
from wargame.ui.screens.help import HelpScreen
from wargame.ui.screens.hotseat import HandBackScreen, HandoverScreen
from wargame.ui.screens.player import PlayerScreen
from wargame.ui.screens.setup import ChoosePlayer, SetupScreen

from .conftest import press, screen_text, settle


def active_tab(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(TabbedContent).active)


def messages(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications]


async def test_every_screen_tab_and_action_by_keyboard_alone(new_session: Session, iraq: Scenario) -> None:
    """Set-up (help, choose a player, seed, PIN) → console tabs from inside each list → a team's view,
    its four tabs from inside the move list, choose, seal → the locked hand-back screen → release, hold,
    note, adjudicate, override, end turn (asked first) → end the exercise; each reached by keys only."""
    app = make_app(new_session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen) and "ctrl+s" in screen_text(app)
        await press(pilot, "escape")
        await press(pilot, "down", "down", "down", "enter")  # militias
        assert isinstance(app.screen, ChoosePlayer)
        await press(pilot, "down", "enter")  # the random bot
        assert new_session.state.assignments["militias"] == "random"
        await press(pilot, "tab")
        assert app.focused is app.screen.query_one("#seed")
        await press(pilot, "end", *["backspace"] * 4, *"77", "tab")  # leaving the field records the seed
        assert new_session.state.seed == 77
        assert app.focused is app.screen.query_one("#pin")
        await press(pilot, *"2468")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConsoleScreen)
        assert new_session.state.phase == "moves" and "militias" in new_session.state.sealed

        # tabs switch from inside each list, and the list of the new tab has the keyboard
        for key, tab in (("2", "roles"), ("3", "injects"), ("4", "results"), ("5", "notes"), ("1", "world")):
            await press(pilot, "down", key)
            assert active_tab(app) == tab, key
        await press(pilot, "3")
        table = app.screen.query_one("#inject-table", DataTable)
        row = table.cursor_row
        await press(pilot, "down", "down")
        assert app.focused is table and table.cursor_row == row + 2
        # the palette reaches the same tabs
        await press(pilot, "ctrl+p")
        await pilot.press(*"Roles tab")
        await press(pilot, "enter")
        assert active_tab(app) == "roles"
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen) and "How a turn runs" in screen_text(app)
        assert "adjudicate the turn" in app.screen.text  # the keys table, further down the page
        await press(pilot, "escape")

        # p opens the next team that has not sealed, whatever row is highlighted
        await press(pilot, "down", "down", "down", "p")
        assert isinstance(app.screen, HandoverScreen) and app.screen.role == "washington"
        await press(pilot, "enter")
        assert isinstance(app.screen, PlayerScreen)
        assert active_tab(app) == "news"  # what happened comes first at the start of a turn
        for key, tab in (("2", "moves"), ("3", "situation"), ("4", "briefs"), ("5", "objectives"), ("1", "news"),
                         ("2", "moves")):
            await press(pilot, "down", key)
            assert active_tab(app) == tab, key
        await press(pilot, "3", "down", "down", "2")  # Down on Situation scrolls it; it chooses nothing
        assert new_session.state.moves.get("washington", []) == []
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen) and "Your team's turn" in screen_text(app)
        assert "seal your moves" in app.screen.text
        await press(pilot, "escape")
        await press(pilot, "down")
        highlighted = app.screen.selected_action()  # type: ignore[attr-defined]
        await press(pilot, "enter")
        assert new_session.state.moves["washington"] == [highlighted]
        await press(pilot, "s")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        assert isinstance(app.screen, HandBackScreen) and "washington" in new_session.state.sealed
        await press(pilot, "enter", "escape")
        assert isinstance(app.screen, HandBackScreen)
        await pilot.press(*"control")
        await press(pilot, "enter")
        assert isinstance(app.screen, HandBackScreen), "with a PIN set, the word does not unlock"
        await pilot.press(*"2468")
        await press(pilot, "enter")
        assert isinstance(app.screen, ConsoleScreen)

        # Esc on the hand-over screen also locks
        await press(pilot, "p")
        assert isinstance(app.screen, HandoverScreen) and app.screen.role == "tehran"
        await press(pilot, "escape")
        assert isinstance(app.screen, HandBackScreen)
        await pilot.press(*"2468")
        await press(pilot, "enter")

        # release and hold name the inject; the highlighted row stays where it was
        await press(pilot, "3", "ctrl+home")
        table = app.screen.query_one("#inject-table", DataTable)
        assert table.cursor_row == 0
        contingency = next(i for i, inject in enumerate(iraq.injects) if inject.kind == "contingency")
        await press(pilot, *["down"] * contingency)
        inject = iraq.injects[contingency]
        await press(pilot, "r")
        assert inject.id in new_session.state.released
        assert f"Released {inject.id}: {inject.title} (u undoes it)" in messages(app)
        assert table.cursor_row == contingency
        later = next(i for i, inject in enumerate(iraq.injects) if inject.kind == "branch")  # a later inject, not yet released
        await press(pilot, *["up"] * (contingency - later) if contingency > later else ["down"] * (later - contingency))
        await press(pilot, "h")
        assert iraq.injects[later].id in new_session.state.held
        assert f"Held {iraq.injects[later].id}: {iraq.injects[later].title} (u undoes it)" in messages(app)
        assert table.cursor_row == later

        # u undoes the last decision (the hold), names the inject, keeps the row; only once
        await press(pilot, "u")
        assert iraq.injects[later].id not in new_session.state.held
        assert f"Undone: the hold of {iraq.injects[later].id} ({iraq.injects[later].title})" in messages(app)
        assert new_session.events[-1].kind == "inject_decision_undone"
        assert table.cursor_row == later
        logged = len(new_session.events)
        await press(pilot, "u")
        assert len(new_session.events) == logged and inject.id in new_session.state.released

        await press(pilot, "n")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"quiet room")
        await press(pilot, "enter")
        assert new_session.state.notes[-1].text == "quiet room"

        await press(pilot, "a")
        assert isinstance(app.screen, ConfirmScreen)  # not every team has sealed
        await press(pilot, "y")
        assert new_session.state.phase == "review" and active_tab(app) == "results"
        await press(pilot, "o")
        assert isinstance(app.screen, OverrideScreen)
        await press(pilot, "escape")
        assert new_session.state.phase == "review"

        await press(pilot, "e")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert new_session.state.turn == 1  # No keeps the turn open
        await press(pilot, "e", "y")
        assert (new_session.state.turn, new_session.state.phase) == (2, "moves")

        # a role handed to a bot mid-game (it moves at once), then back to a team
        await press(pilot, "2", "ctrl+home", "down", "b")
        assert isinstance(app.screen, ChoosePlayer)
        await press(pilot, "home", "down", "enter")
        assert new_session.state.assignments["tehran"] == "random" and "tehran" in new_session.state.sealed
        assert "Islamic Republic of Iran: Bot: random legal moves from turn 2 on" in messages(app)
        await press(pilot, "b", "home", "enter")
        assert new_session.state.assignments["tehran"] == "human"

        await press(pilot, "x", "y")
        assert new_session.state.phase == "ended"
        shown = screen_text(app)
        assert "wargame review" in shown and "wargame report" in shown
        footer = shown.rstrip().splitlines()[-1]
        assert "Adjudicate" not in footer and "Play" not in footer and "Note" in footer  # only what can still be done


async def test_the_inject_list_opens_each_turn_on_that_turns_injects(tmp_path, iraq: Scenario) -> None:  # type: ignore[no-untyped-def]
    """After a turn ends, the facilitator finds the new turn's injects under the cursor, not the end of the MSEL."""
    from wargame.engine.actors import CONTROL_ACTOR
    from wargame.engine.commands import Adjudicate, EndTurn, StartExercise

    session = Session.create(iraq, 4, {r: "historical" for r in iraq.world.roles}, tmp_path / "class.db")
    session.execute(StartExercise(), CONTROL_ACTOR)
    app = make_app(session, bots_move_on_turn_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        table = app.screen.query_one("#inject-table", DataTable)
        await press(pilot, "end", *["pagedown"] * 5)  # the facilitator wanders to the bottom of the list
        session.execute(Adjudicate(), CONTROL_ACTOR)
        session.execute(EndTurn(), CONTROL_ACTOR)
        app.screen.repaint()  # type: ignore[attr-defined]
        await settle(pilot)
        statuses = session.view("control").inject_statuses  # type: ignore[union-attr]
        first = next(s for s in statuses if s.status.startswith("released T2"))
        assert statuses[table.cursor_row] == first


async def test_home_and_end_go_to_the_first_and_last_row_of_a_list_never_sideways(tmp_path, iraq: Scenario) -> None:  # type: ignore[no-untyped-def]
    """At 80 columns the Results list is wider than the screen (its Effects run on): End goes to the last
    outcome with the first columns still in sight (Textual's End would scroll to the last column and leave
    the rows looking blank)."""
    from wargame.engine.actors import CONTROL_ACTOR
    from wargame.engine.commands import Adjudicate, StartExercise

    session = Session.create(iraq, 4, {r: "historical" for r in iraq.world.roles}, tmp_path / "class.db")
    session.execute(StartExercise(), CONTROL_ACTOR)
    session.execute(Adjudicate(), CONTROL_ACTOR)
    app = make_app(session, bots_move_on_turn_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        table = app.screen.query_one("#outcome-table", DataTable)
        assert table.row_count > 1 and table.max_scroll_x > 0, "the list is longer and wider than the screen"
        await press(pilot, "end")
        assert table.cursor_row == table.row_count - 1 and table.scroll_x == 0
        await press(pilot, "home")
        assert table.cursor_row == 0 and table.scroll_x == 0


async def test_on_the_moves_tab_enter_chooses_from_one_place_and_the_page_keys_scroll_the_detail(tmp_path, iraq: Scenario) -> None:  # type: ignore[no-untyped-def]
    """Reader 6: Tab wandered into the move's detail, where nothing showed the focus and Enter still toggled the
    highlighted move. The detail takes no focus: the move list keeps the keyboard, and PageDown / PageUp
    scroll the detail under it (a strike's detail is longer than an 80×24 pane) without moving the cursor."""
    from textual.containers import VerticalScroll

    from wargame.engine.actors import CONTROL_ACTOR
    from wargame.engine.commands import StartExercise

    session = Session.create(iraq, 4, {r: "historical" for r in iraq.world.roles if r != "washington"},
                             tmp_path / "class.db")
    session.execute(StartExercise(), CONTROL_ACTOR)
    app = make_app(session, bots_move_on_turn_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(PlayerScreen("washington"))
        await settle(pilot)
        await press(pilot, "2")
        table = app.screen.query_one("#move-table", DataTable)
        box = app.screen.query_one("#move-detail-box", VerticalScroll)
        assert app.focused is table
        assert box not in app.screen.focus_chain
        assert box.max_scroll_y > 0, "the first move's detail is longer than its pane at 80×24"
        row = table.cursor_row
        await press(pilot, "pagedown")
        assert box.scroll_y > 0 and table.cursor_row == row
        await press(pilot, "pageup")
        assert box.scroll_y == 0
        await press(pilot, "tab", "tab")  # round the chain: the tab bar, then the list again, never the detail
        assert app.focused is table
