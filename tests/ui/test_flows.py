"""A whole turn driven with the keyboard, checked against what the save file holds."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static

from wargame.engine.scenario import Scenario
from wargame.session import Session
from wargame.ui.app import make_app
from wargame.ui.screens.console import ConsoleScreen
from wargame.ui.screens.hotseat import HandBackScreen, HandoverScreen
from wargame.ui.screens.player import PlayerScreen
from wargame.ui.screens.setup import SetupScreen

from .conftest import press, settle, washington_strike_adjudicated
from .test_literal_text import shown as static_text


async def assign(pilot: Pilot, role: str, player: str) -> None:  # type: ignore[type-arg]
    """On the set-up screen: put the cursor on the role, Enter, pick the player, Enter — as a person would."""
    app = pilot.app
    table = app.screen.query_one("#assignments", DataTable)
    table.focus()
    table.move_cursor(row=app.session.scenario.world.roles.index(role))  # type: ignore[attr-defined]
    await press(pilot, "enter")
    options = app.screen.query_one(OptionList)
    target = next(i for i in range(options.option_count) if options.get_option_at_index(i).id == player)
    await press(pilot, *(["down"] * (target - (options.highlighted or 0))), "enter")


def stored_kinds(path: Path) -> list[str]:
    with Session.open(path) as session:
        return [event.kind for event in session.events]


async def test_a_whole_turn_with_the_keyboard_then_quit_and_resume(new_session: Session, iraq: Scenario) -> None:
    """Set-up (two roles to bots) → every human team moves and seals → adjudicate → override with a
    rationale → note → end turn → ctrl+q; the save holds each step, and resuming returns to the same phase."""
    path = new_session.path
    app = make_app(new_session)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        await assign(pilot, "europeans", "random")
        await assign(pilot, "coalition", "historical")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConsoleScreen)
        state = new_session.state
        assert state.phase == "moves" and state.turn == 1
        assert {"europeans", "coalition"} <= state.sealed  # bots moved by themselves

        humans = ["washington", "tehran", "baghdad", "militias"]
        for role in humans:
            await press(pilot, "p")
            assert isinstance(app.screen, HandoverScreen) and app.screen.role == role
            await press(pilot, "enter")
            assert isinstance(app.screen, PlayerScreen)
            await press(pilot, "2", "enter")  # the Moves tab (what happened comes first), the first move in the list
            await press(pilot, "s", "y")
            assert isinstance(app.screen, HandBackScreen)
            await press(pilot, "enter")  # the team pressing Enter stays on the locked screen
            assert isinstance(app.screen, HandBackScreen)
            await pilot.press(*"control")
            await press(pilot, "enter")
            assert isinstance(app.screen, ConsoleScreen)
        assert set(state.sealed) == set(iraq.world.roles)
        first_moves = {r: state.moves.get(r, []) for r in humans}
        assert all(len(m) == 1 for m in first_moves.values())

        await press(pilot, "a")
        assert state.phase == "review"
        await press(pilot, "4", "o")
        await pilot.press("tab")
        await pilot.press(*"wrong target")
        await press(pilot, "enter")
        assert state.outcomes[1][0].overrides[0].rationale == "wrong target"
        await press(pilot, "n")
        await pilot.press(*"good debate")
        await press(pilot, "enter")
        await press(pilot, "e")
        assert state.turn == 1  # ending a turn asks first
        await press(pilot, "y")
        assert state.turn == 2 and state.phase == "moves"
        await pilot.press("ctrl+q")
        await settle(pilot)

    kinds = stored_kinds(path)
    for kind in ("session_started", "role_assigned", "turn_started", "move_submitted", "moves_sealed",
                 "outcome_adjudicated", "outcome_overridden", "note_added", "turn_ended"):
        assert kind in kinds, kind
    assert kinds.count("turn_started") == 2

    with Session.open(path) as resumed:
        assert (resumed.state.turn, resumed.state.phase) == (2, "moves")
        app = make_app(resumed)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, ConsoleScreen)
            await pilot.press("ctrl+q")


async def test_quitting_at_set_up_keeps_the_choices(new_session: Session) -> None:
    """The save exists from the first screen, and set-up choices are recorded as they are made."""
    path = new_session.path
    app = make_app(new_session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await assign(pilot, "tehran", "random")
        await pilot.press("ctrl+q")
        await settle(pilot)
    with Session.open(path) as session:
        assert session.state.phase == "setup"
        assert session.state.assignments["tehran"] == "random"


async def test_a_refused_command_is_shown_and_changes_nothing(new_session: Session) -> None:
    """Ending a turn before adjudication is refused with a message; the log does not grow."""
    app = make_app(new_session)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+s")
        before = len(new_session.events)
        from wargame.engine.commands import EndTurn

        app.send("end turn", EndTurn())
        await settle(pilot)
        assert len(new_session.events) == before
        assert any("after adjudication" in str(n.message) for n in app._notifications)


async def test_every_console_action_is_in_the_command_palette(new_session: Session) -> None:
    """ctrl+p lists the screen's actions by name; choosing 'Adjudicate' adjudicates."""
    from wargame.engine import decide as commands

    app = make_app(new_session)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+s")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for action in ("Play", "Adjudicate", "Release", "Hold", "Note", "Finish", "Help", "Quit"):
            assert action in titles, action
        await press(pilot, "ctrl+p")
        await pilot.press(*"Adjudicate")
        await settle(pilot)
        await press(pilot, "enter")
        await press(pilot, "y")  # not every team has sealed: confirm
        assert new_session.state.phase == "review"
        assert commands.why_illegal(new_session.state, "tehran", "restrain_militias") is not None


async def test_override_with_custom_effects(new_session: Session) -> None:
    """The umpire picks a variable from the list (label, id, value now, bounds) and writes its change; a typed
    effect still works, and a mistyped variable is refused naming the valid one."""
    from textual.widgets import Input, OptionList, Select, Static

    app = make_app(washington_strike_adjudicated(new_session), bots_move_on_turn_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "4", "o")
        band = app.screen.query_one("#band", Select)
        await press(pilot, "enter", "end", "enter")  # the last option: custom effects
        assert band.value == "__custom__"
        picker = app.screen.query_one("#picker", OptionList)
        assert app.focused is picker  # choosing custom effects leads to the list of variables
        first = picker.get_option_at_index(0)
        assert "Escalation (ladder rung)" in str(first.prompt) and "escalation" in str(first.prompt)
        assert "now 3" in str(first.prompt) and "[0–6]" in str(first.prompt)
        await press(pilot, "enter")
        effects = app.screen.query_one("#effects", Input)
        assert effects.value == "escalation " and app.focused is effects
        await pilot.press(*"=5")
        await press(pilot, "shift+tab")  # back to the list, the fourth variable
        await press(pilot, "down", "down", "down", "enter")
        assert effects.value == "escalation =5, us_support "
        await pilot.press(*"+10")
        await pilot.press("tab", *"umpire's call")
        effects.value = "escalaton +1"
        await press(pilot, "enter")
        shown = static_text(app.screen.query_one("#effects-error", Static))
        assert "escalaton" in shown and "Did you mean escalation" in shown
        assert new_session.state.outcomes[1][0].overrides == []
        effects.value = "escalation =5, us_support +10"
        effects.focus()
        await press(pilot, "enter")  # the effects are checked: on to the rationale, where Enter applies
        assert app.focused is app.screen.query_one("#rationale", Input)
        await press(pilot, "enter")
        [override] = new_session.state.outcomes[1][0].overrides
        assert override.to_band == "custom" and override.rationale == "umpire's call"
        assert [(e.var, e.op, e.value) for e in override.effects] == [("escalation", "set", 5.0), ("us_support", "add", 10.0)]
        assert override.effects[0].after == 5.0
        # the turn's follow-on rules are tested again: proxy fire has a ceiling, and the Results detail says so
        assert "proxy_ceiling" in new_session.state.rules_fired and new_session.state.variables["escalation"] < 5
        await settle(pilot)
        detail = static_text(app.screen.query_one("#outcome-detail", Static))
        assert "follow-on rules tested again:" in detail and "now fire Proxy fire has a ceiling" in detail


async def test_a_custom_override_is_made_with_the_keyboard_alone_at_80x24(new_session: Session) -> None:
    """Reader 10: the override dialog's fields are visited in the order they are shown, top to bottom (New band,
    the variable list, the effects line, the rationale, the buttons; the scrolling frame is no stop), and an
    umpire with only a keyboard at 80x24 chooses custom effects, types them, presses Enter (a fault is shown under
    the line, the cursor stays there), fixes them, Enter goes on to the rationale, and Enter there records the
    override with those effects."""
    from textual.widgets import Label, Static

    app = make_app(washington_strike_adjudicated(new_session), bots_move_on_turn_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "4", "o", "enter", "end", "enter")  # Results, override, the band list's last entry
        assert app.focused is not None and app.focused.id == "picker"

        async def visits(key: str) -> list[str | None]:
            seen = []
            for _ in range(5):
                await press(pilot, key)
                seen.append(app.focused.id if app.focused is not None else None)
            return seen

        assert await visits("tab") == ["effects", "rationale", "cancel", "band", "picker"]
        assert await visits("shift+tab") == ["band", "cancel", "rationale", "effects", "picker"]

        await press(pilot, "tab")
        labels = {field.id: field.query_one(Label) for field in app.screen.query(".field") if field.id}
        assert labels["effects-field"].styles.text_style.reverse  # where the keyboard is, in any colours
        assert not labels["picker-field"].styles.text_style.reverse
        await pilot.press(*"escalation +1e400")
        await press(pilot, "enter")
        fault = static_text(app.screen.query_one("#effects-error", Static))
        assert "1e400 is too large" in fault and "Did you mean" not in fault
        assert app.focused is not None and app.focused.id == "effects"
        await press(pilot, "ctrl+u")
        await pilot.press(*"escalation +1, us_support -2")
        await press(pilot, "enter")
        assert app.focused is not None and app.focused.id == "rationale"
        assert new_session.state.outcomes[1][0].overrides == []
        await pilot.press(*"informant inside KH")
        await press(pilot, "enter")
        [override] = new_session.state.outcomes[1][0].overrides
        assert override.to_band == "custom" and override.rationale == "informant inside KH"
        assert [(e.var, e.op, e.value) for e in override.effects] == [("escalation", "add", 1.0), ("us_support", "add", -2.0)]
        assert isinstance(app.screen, ConsoleScreen)  # the dialog closed


async def test_control_undoes_a_release_and_the_team_no_longer_has_the_inject(new_session: Session) -> None:
    """Issue 11 problem 6: r releases the highlighted contingency by mistake, u takes it back — the variables
    are as before, the inject is pending again in the console, absent from the teams' views, and the log
    holds the release and its undo (a replay of the log gives the same state)."""
    from wargame.engine.state import replay

    app = make_app(new_session)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+s")
        before = dict(new_session.state.variables)
        await press(pilot, "3", "ctrl+end")
        table = app.screen.query_one("#inject-table", DataTable)
        row = table.cursor_row
        inject = new_session.scenario.injects[row]
        assert inject.kind == "contingency"
        await press(pilot, "r")
        assert inject.id in new_session.state.released
        audience = new_session.scenario.world.roles if inject.audience == "all" else inject.audience
        assert any(i.inject.id == inject.id for i in new_session.view(audience[0]).injects)
        await press(pilot, "u")
        assert inject.id not in new_session.state.released
        assert new_session.state.variables == before
        assert not any(i.inject.id == inject.id for i in new_session.view(audience[0]).injects)
        assert table.cursor_row == row
        assert any(f"Undone: the release of {inject.id}" in str(n.message) for n in app._notifications)
        assert [e.kind for e in new_session.events[-2:]] == ["inject_released", "inject_decision_undone"]
        assert replay(new_session.scenario, new_session.events).variables == new_session.state.variables


async def test_at_80_columns_controls_footer_shows_every_key_whole_in_umpire_review_after_a_release(
        new_session: Session) -> None:
    """The review phase with an undo pending offers the most keys at once (override, release, hold, undo, note,
    end turn, finish, quit, help): at 80 columns every one of them is on screen whole, help last."""
    from textual.widgets._footer import FooterKey

    from wargame.engine.actors import CONTROL_ACTOR
    from wargame.engine.commands import Adjudicate, StartExercise

    new_session.execute(StartExercise(), CONTROL_ACTOR)
    new_session.execute(Adjudicate(), CONTROL_ACTOR)
    app = make_app(new_session, bots_move_on_turn_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "3", "ctrl+end", "r")
        assert new_session.view("control").undo is not None
        await settle(pilot)
        keys = list(app.screen.query(FooterKey))
        shown = [(key.description, key.region) for key in keys]
        assert [d for d, _ in shown] == ["Override", "Release", "Hold", "Undo", "Note", "End turn", "Finish", "Quit",
                                         "Help"], shown
        assert all(region.width > 0 and region.right <= 80 for _, region in shown), shown


async def test_controls_toasts_never_reach_a_team_at_the_keyboard_nor_a_team_the_next(new_session: Session) -> None:
    """Hot seat: control holds an inject (its toast names the inject and the undo key), then hands the keyboard
    over: the hand-over and the team's screen show no toast of control's; the team's own toasts (a move chosen,
    sealed) are gone when the locked hand-back screen appears for the next person."""
    app = make_app(new_session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+s")
        await press(pilot, "3", "ctrl+end", "h")
        assert any("Held" in str(n.message) for n in app._notifications)
        await press(pilot, "p")
        assert isinstance(app.screen, HandoverScreen) and not list(app._notifications)
        await press(pilot, "enter")
        assert isinstance(app.screen, PlayerScreen) and not list(app._notifications)
        app.notify("Tehran's secret plan, in a toast")  # whatever a team's own screen tells it
        await press(pilot, "2", "enter", "s", "y")
        assert isinstance(app.screen, HandBackScreen) and not list(app._notifications)


async def test_an_unavailable_move_says_why_in_words_in_the_list_and_the_detail(new_session: Session) -> None:
    """Issue 11 problem 4: the Status column of an unavailable move gives the reason with variable labels
    (not ids, not cut to a stub), and the detail pane's first line says the same."""
    from wargame.ui.screens.player import PlayerScreen

    app = make_app(new_session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+s")
        app.push_screen(PlayerScreen("washington"))
        await settle(pilot)
        await press(pilot, "2")
        screen = app.screen
        table = screen.query_one("#move-table", DataTable)
        option = next(o for o in new_session.view("washington").options if (o.why_not or "").startswith("needs "))
        labels = [v.label for v in new_session.scenario.world.variables]
        assert any(label in option.why_not for label in labels), option.why_not
        assert not any(v.id in option.why_not for v in new_session.scenario.world.variables if "_" in v.id)
        row = table.get_row_index(option.id)
        # at 80 columns the reason wraps onto a second line of the row instead of being cut
        assert " ".join(str(table.get_row_at(row)[-1]).split()) == option.why_not
        while table.cursor_row != row:
            await press(pilot, "down")
        detail = str(screen.query_one("#move-detail").render())
        assert detail.startswith(f"Not available now: {option.why_not}")
        assert ">=" not in detail and ">=" not in str(table.get_row_at(row)[-1])
        assert f"Needs: {option.why_not.removeprefix('needs ')}" in detail


async def test_a_moves_detail_says_how_likely_each_result_is_not_only_success(new_session: Session) -> None:
    """A team told '0%' for an attack must not be surprised by damage: the detail gives the chance of success
    and each other result's share of what success leaves, as adjudication splits the roll (they add to 100%)."""
    import re

    from wargame.engine.actors import CONTROL_ACTOR
    from wargame.engine.commands import StartExercise

    new_session.execute(StartExercise(), CONTROL_ACTOR)
    app = make_app(new_session, bots_move_on_turn_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(PlayerScreen("militias"))
        await settle(pilot)
        await press(pilot, "2")
        screen = app.screen
        option = next(o for o in new_session.view("militias").options if o.id == "rocket_attack")
        table = screen.query_one("#move-table", DataTable)
        while table.cursor_row != table.get_row_index(option.id):
            await press(pilot, "down")
        detail = " ".join(str(screen.query_one("#move-detail").render()).split())
        action = new_session.scenario.action("militias", "rocket_attack")
        shown = {}
        for band in action.bands:
            found = re.search(re.escape(band.label or band.id) + r" \((<?[\d.]+)%\)", detail)
            assert found, (band.label, detail)
            shown[band.id] = float(found.group(1).lstrip("<"))
        assert abs(sum(shown.values()) - 100) < 0.5, shown
        assert shown["success"] == round(option.odds.chance * 100, 1)


async def test_a_teams_status_line_states_its_move_limit_before_it_is_reached(new_session: Session) -> None:
    """Washington may make at most 3 moves a turn: the status line says so from the start, beside its budget."""
    from textual.widgets import Static

    app = make_app(new_session, bots_move_on_turn_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(PlayerScreen("washington"))
        await settle(pilot)
        status = str(app.screen.query_one("#player-status", Static).render())
        assert new_session.scenario.role("washington").max_moves == 3
        assert "4 of 4 left, at most 3 moves" in " ".join(status.split()), status


async def test_releasing_a_branch_inject_whose_trigger_has_not_held_asks_first(new_session: Session) -> None:
    """Reader 6: control released "No American answer yet" by mistake after four US strikes. A branch
    inject's text assumes its trigger, so r on one still waiting for it asks first, naming the trigger in
    words; n leaves it pending, y releases it."""
    from wargame.ui.screens.dialogs import ConfirmScreen

    app = make_app(new_session)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+s", "3", "ctrl+home")
        statuses = new_session.view("control").inject_statuses  # type: ignore[union-attr]
        row = next(i for i, s in enumerate(statuses) if s.kind == "branch" and s.status == "waits for trigger")
        await press(pilot, *["down"] * row)
        inject = statuses[row]
        await press(pilot, "r")
        assert isinstance(app.screen, ConfirmScreen)
        assert inject.trigger and inject.trigger in app.screen.question and "has not held" in app.screen.question
        await press(pilot, "n")
        assert inject.id not in new_session.state.released
        await press(pilot, "r", "y")
        assert inject.id in new_session.state.released


async def test_once_the_exercise_has_ended_each_team_can_read_how_its_last_turn_came_out(
        tmp_path: Path, iraq: Scenario) -> None:
    """Reader 7: after the end, Enter on a team said "Moves are made during the moves phase", so a team's last
    What happened was readable only in the review. Now the hand-over opens the team's screen on it."""
    from wargame.engine.actors import CONTROL_ACTOR, Team
    from wargame.engine.commands import Adjudicate, EndExercise, SealMoves, StartExercise, SubmitMove

    session = Session.create(iraq, 3, {r: "historical" for r in iraq.world.roles if r != "washington"},
                             tmp_path / "class.db")
    session.execute(StartExercise(), CONTROL_ACTOR)
    session.execute(SubmitMove(role="washington", action="strike_kh_depots"), Team(role="washington"))
    session.execute(SealMoves(role="washington"), Team(role="washington"))
    session.execute(Adjudicate(), CONTROL_ACTOR)
    session.execute(EndExercise(), CONTROL_ACTOR)
    app = make_app(session, bots_move_on_turn_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Enter on a team (Roles) shows it its last turn" in static_text(app.screen.query_one("#ended"))
        await press(pilot, "2", "ctrl+home", "enter")  # the Roles tab: Washington, sealed in the last turn
        assert isinstance(app.screen, HandoverScreen) and app.screen.role == "washington"
        await press(pilot, "enter")
        assert isinstance(app.screen, PlayerScreen)
        news = static_text(app.screen.query_one("#news-text"))
        assert "What happened in turn 1 (the exercise has ended" in news
        # read only (reader 8: the ended seat offered Seal, and answered a seal with two contradicting messages)
        assert "the exercise has ended: read only" in static_text(app.screen.query_one("#player-status"))
        events = len(session.events)
        await press(pilot, "s", "2", "enter")
        assert isinstance(app.screen, PlayerScreen) and len(session.events) == events
        assert not any("Not done" in str(n.message) for n in app._notifications)
        await press(pilot, "escape")  # handed back: in words that are true once the exercise has ended
        assert isinstance(app.screen, HandBackScreen)
        assert "the exercise has ended; read only" in static_text(app.screen.query_one("#handover-text"))


async def test_a_reason_that_appears_mid_turn_wraps_at_words_in_two_lines_at_most(tmp_path: Path, iraq: Scenario) -> None:
    """Reader 9: at 80 columns, once the militias had spent their points, the Status column was as narrow as
    "available" and broke the new reasons mid-word ("fighters / and launc / hers; 0"). The column keeps room
    for reasons that come later in the turn; each cell is whole words, in two lines at most, ending in "…"
    where the detail under the list has to say the rest."""
    from wargame.engine.actors import CONTROL_ACTOR
    from wargame.engine.commands import StartExercise
    from wargame.ui.screens.player import PlayerScreen

    session = Session.create(iraq, 4, {r: "historical" for r in iraq.world.roles if r != "militias"}, tmp_path / "c.db")
    session.execute(StartExercise(), CONTROL_ACTOR)
    app = make_app(session, bots_move_on_turn_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(PlayerScreen("militias"))
        await settle(pilot)
        await press(pilot, "2")
        while session.view("militias").options and any(o.available for o in session.view("militias").options):
            table = app.screen.query_one("#move-table", DataTable)
            first = next(o.id for o in session.view("militias").options if o.available)
            while table.cursor_row != table.get_row_index(first):
                await press(pilot, "down" if table.cursor_row < table.get_row_index(first) else "up")
            await press(pilot, "enter")
        table = app.screen.query_one("#move-table", DataTable)
        barred = [o for o in session.view("militias").options if not o.chosen]
        assert barred and all(o.why_not for o in barred)
        for option in barred:
            cell = str(table.get_row_at(table.get_row_index(option.id))[-1])
            lines = cell.splitlines()
            assert 1 <= len(lines) <= 2, cell
            words = option.why_not.split()
            shown = cell.replace("…", " ").split()
            assert shown == words[: len(shown)], (cell, option.why_not)
            assert len(shown) == len(words) or cell.endswith("…"), cell


async def test_no_team_quits_the_hot_seat_past_the_control_pin(new_session: Session) -> None:
    """Reader 10: ctrl+q on a team's screen quit at once, and `wargame resume` then opened control's console
    with every sealed move. While a team has the keyboard (hand-over, its screen, the locked hand-back),
    ctrl+q and the palette's Quit do nothing and Quit is not offered; back on the console, ctrl+q quits."""
    from textual.widgets._footer import FooterKey

    app = make_app(new_session, control_pin="1234")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+s", "p")
        for screen in (HandoverScreen, PlayerScreen):
            assert isinstance(app.screen, screen)
            await press(pilot, "ctrl+q")
            assert app.is_running and isinstance(app.screen, screen)
            assert "Quit" not in [key.description for key in app.screen.query(FooterKey)]
            await app.action_quit()  # what the command palette's Quit runs
            await settle(pilot)
            assert app.is_running and isinstance(app.screen, screen)
            if screen is HandoverScreen:
                await press(pilot, "enter")
        await press(pilot, "escape")
        assert isinstance(app.screen, HandBackScreen)
        await press(pilot, "ctrl+q")
        assert app.is_running and isinstance(app.screen, HandBackScreen)
        await pilot.press(*"1234", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConsoleScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_resumed_hot_seat_says_it_has_no_pin_and_control_sets_one_with_k(new_session: Session) -> None:
    """The PIN is never written to the save, so a resumed session has none: the Roles tab says so, and `k`
    sets one; the locked hand-back screen then opens only with it."""
    from wargame.engine.actors import CONTROL_ACTOR
    from wargame.engine.commands import StartExercise

    new_session.execute(StartExercise(), CONTROL_ACTOR)
    app = make_app(new_session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        hint = app.screen.query_one("#roles-hint", Static)
        assert "No control PIN" in str(hint.render())
        await press(pilot, "k")
        await pilot.press(*"4321", "enter")
        await settle(pilot)
        assert app.control_pin == "4321" and "No control PIN" not in str(hint.render())
        await press(pilot, "p", "escape")
        assert isinstance(app.screen, HandBackScreen)
        await pilot.press(*"control", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HandBackScreen)
        await pilot.press(*"4321", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConsoleScreen)
