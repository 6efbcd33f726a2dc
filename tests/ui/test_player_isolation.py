"""A team at the keyboard, pressing anything: it never sees what its lens may not know.

Tehran's player view is opened in the hot seat, then every key (and Esc before and after it) is
pressed; after each press the whole terminal is read as text and must hold no hidden variable,
no held or unreleased inject, no inject addressed to others, and no other team's private text.
"""

from __future__ import annotations

import re
from pathlib import Path

from textual.screen import ModalScreen

from wargame.engine.actors import CONTROL_ACTOR, Team
from wargame.engine.commands import HoldInject, ReleaseInject, StartExercise, SubmitMove
from wargame.engine.scenario import Scenario
from wargame.session import Session
from wargame.ui.app import make_app
from wargame.ui.screens.console import ConsoleScreen
from wargame.ui.screens.hotseat import HandBackScreen, HandoverScreen
from wargame.ui.screens.player import PlayerScreen

from .conftest import screen_text, settle

ROLE = "tehran"
PIN = "zq-9173"
BOUND = ["enter", "escape", "s", "1", "2", "3", "4", "5", "tab", "shift+tab", "up", "down", "pagedown", "end", "space",
         "f1", "question_mark", "ctrl+p", "ctrl+s", "ctrl+c", "ctrl+q"]
"""Every key the player screen, its widgets or the app binds (and ones a team may try): each pressed alone,
then Esc, then again, from a fresh view. ctrl+q among them: it does nothing while a team has the keyboard
(quitting would hand the team the command line and `wargame resume`, past the PIN)."""
OTHERS = [*"abcdefghijklmnopqrtuvwxyz", *"06789", "A", "E", "P", "S", "X", "left", "right", "home", "backspace",
          "ctrl+b", "ctrl+h", "ctrl+o"]
"""The remaining letters, digits and keys, pressed one after another in one view."""


def squeeze(text: str) -> str:
    """Whitespace removed, so a text wrapped across lines still matches."""
    return re.sub(r"\s+", "", text)


def secrets(session: Session, scenario: Scenario) -> dict[str, str]:
    """What Tehran may not know at this moment, by what it is."""
    state = session.state
    hidden = [v for v in scenario.world.variables if v.visible_to != "all" and ROLE not in v.visible_to]
    assert hidden, "the scenario hides no variable from Tehran: pick another role"
    out = {f"hidden variable {v.id}": v.label for v in hidden}
    for inject in scenario.injects:
        released = inject.id in state.released
        for_tehran = inject.audience == "all" or ROLE in inject.audience
        if not released or not for_tehran:
            out[f"inject {inject.id} ({'held' if inject.id in state.held else 'not for Tehran' if released else 'not released'})"] = inject.title
    washington = scenario.role("washington")
    out["Washington's private brief"] = washington.private_brief.strip()[:60]
    for action in state.moves["washington"]:
        out[f"Washington's move {action}"] = scenario.action("washington", action).label
    own_texts = squeeze(" ".join([scenario.role(ROLE).private_brief, scenario.role(ROLE).public_brief,
                                  *(r.public_brief for r in scenario.roles),
                                  *(i.message + i.title for i in scenario.injects
                                    if i.id in state.released and (i.audience == "all" or ROLE in i.audience))]))
    # a secret that Tehran's own texts mention anyway would make the check meaningless
    return {what: text for what, text in out.items() if squeeze(text) not in own_texts}


async def test_no_key_in_a_player_view_shows_what_the_team_may_not_know(tmp_path: Path, iraq: Scenario) -> None:
    session = Session.create(iraq, 3, None, tmp_path / "class.db")
    session.execute(StartExercise(), CONTROL_ACTOR)
    held = next(i for i in iraq.injects if i.kind == "branch")  # one that has not arrived yet
    session.execute(HoldInject(inject_id=held.id, reason="not yet"), CONTROL_ACTOR)
    for_others = next(i for i in iraq.injects if i.kind == "contingency" and i.audience != "all" and ROLE not in i.audience)
    session.execute(ReleaseInject(inject_id=for_others.id), CONTROL_ACTOR)
    session.execute(SubmitMove(role="washington", action="strike_kh_depots"), Team(role="washington"))
    forbidden = secrets(session, iraq)
    assert f"inject {held.id} (held)" in forbidden and f"inject {for_others.id} (not for Tehran)" in forbidden

    app = make_app(session, bots_move_on_turn_start=False, control_pin=PIN)
    async with app.run_test(size=(80, 24)) as pilot:

        async def press(*keys: str) -> None:
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()

        await settle(pilot)
        assert isinstance(app.screen, ConsoleScreen)
        # the check must see a secret where it belongs: Washington's own Briefs tab shows its private brief
        app.push_screen(HandoverScreen("washington"))
        await press("enter", "4")
        assert squeeze(forbidden["Washington's private brief"]) in squeeze(screen_text(app))
        await press("escape", *PIN, "enter")
        assert isinstance(app.screen, ConsoleScreen)

        async def fresh_view() -> None:
            while isinstance(app.screen, ModalScreen):
                app.pop_screen()
                await settle(pilot)
            if isinstance(app.screen, (HandBackScreen, PlayerScreen)):
                app.switch_screen(PlayerScreen(ROLE))
            else:
                assert isinstance(app.screen, ConsoleScreen)
                app.push_screen(HandoverScreen(ROLE))
                await settle(pilot)
                await press("enter")
            await settle(pilot)
            assert isinstance(app.screen, PlayerScreen)

        def check(after: str) -> None:
            assert not isinstance(app.screen, ConsoleScreen), f"the console showed after {after}"
            shown = squeeze(screen_text(app))
            for what, text in forbidden.items():
                assert squeeze(text) not in shown, f"{what} shown after {after}"

        for key in BOUND:
            await fresh_view()
            await press(key)
            check(key)
            await press("escape")
            check(f"{key}, escape")
            await press(key)
            check(f"{key}, escape, {key}")
        await fresh_view()
        for key in OTHERS:
            await press(key)
            check(key)
            if not isinstance(app.screen, PlayerScreen):
                await fresh_view()
