"""The screens show what people and scenario files wrote as text: never markup, never a terminal escape
(issue 10, cases 2, 3 and 4), and a crash inside the console is never reported as success."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text
from textual.widgets import DataTable, Select, Static

from tests.hostile import ACTION, ESCAPES, INJECT, ROLE, RUNG, TYPED, VARIABLE, hostile_copy
from wargame.engine.actors import CONTROL_ACTOR, Team
from wargame.engine.commands import AddNote, Adjudicate, Override, SealMoves, StartExercise, SubmitMove
from wargame.engine.scenario import Effect, Scenario
from wargame.scenario import load_scenario
from wargame.session import Session
from wargame.text import BIDI_CONTROLS, terminal_safe
from wargame.ui.app import make_app
from wargame.ui.review_app import make_review_app
from wargame.ui.safe import plain, row, safe

from .conftest import press, settle

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(BIDI_CONTROLS) + "]")


def shown(widget: Static) -> str:
    """The text a Static holds, as drawn: it must be a Text (never parsed as markup)."""
    content = widget.content
    assert isinstance(content, Text), f"#{widget.id} got {type(content).__name__}, not Text"
    return content.plain


def cell_texts(table: DataTable) -> list[str]:  # type: ignore[type-arg]
    cells = [table.get_row_at(i) for i in range(table.row_count)]
    flat = [cell for cells_ in cells for cell in cells_]
    return [cell.plain if isinstance(cell, Text) else str(cell) for cell in flat]


@pytest.fixture
def hostile(harbour_content: Path, tmp_path: Path) -> Scenario:
    return load_scenario("harbour", hostile_copy(harbour_content, tmp_path / "content"))


async def test_case_2_custom_effects_with_markup_are_refused_in_words_and_the_dialog_lives(new_session: Session) -> None:
    """Case 2: `escalation [/] 1` froze the dialog and the next key ended the program with a markup traceback;
    `[bold red]x` and `[@click=app.quit]x[/]` were rendered as markup."""
    new_session.execute(StartExercise(), CONTROL_ACTOR)
    new_session.execute(SubmitMove(role="washington", action="strike_kh_depots"), Team(role="washington"))
    new_session.execute(Adjudicate(), CONTROL_ACTOR)
    app = make_app(new_session, bots_move_on_turn_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "4", "o")
        await press(pilot, "enter", "end", "enter")
        assert app.screen.query_one("#band", Select).value == "__custom__"
        app.screen.query_one("#effects").focus()
        await pilot.press(*"escalation [/] 1")
        await pilot.press("tab", *"[bold red]x [@click=app.quit]x[/]")
        await press(pilot, "enter")
        assert "'escalation [/] 1'" in shown(app.screen.query_one("#effects-error", Static))
        await press(pilot, "tab", "shift+tab")  # the next keys: the program goes on
        assert app.is_running and app.return_code is None
        effects = app.screen.query_one("#effects")
        effects.value = "escalation +1"  # type: ignore[attr-defined]
        effects.focus()
        await press(pilot, "enter", "enter")  # checked, on to the rationale; Enter there applies
        [override] = new_session.state.outcomes[1][0].overrides
        assert override.rationale == "[bold red]x [@click=app.quit]x[/]"
        assert "[bold red]x [@click=app.quit]x[/]" in shown(app.screen.query_one("#outcome-detail", Static))
        assert app.is_running and app.return_code is None


async def test_case_3_markup_in_scenario_names_is_shown_literally_everywhere(hostile: Scenario, tmp_path: Path) -> None:
    """Case 3: a role named `Iran [/]` (or an action, rung or inject title with markup) crashed the console
    or review; `Coast guard [and navy]` showed as `Coast guard` in the set-up table and status line."""
    session = Session.create(hostile, 1, {"navy": "human", "fleet": "human"}, tmp_path / "h.db")
    app = make_app(session, bots_move_on_turn_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert terminal_safe(ROLE) in cell_texts(app.screen.query_one("#assignments", DataTable))
        await press(pilot, "ctrl+s")
        assert app.screen.__class__.__name__ == "ConsoleScreen"
        texts = cell_texts(app.screen.query_one("#role-table", DataTable))
        assert terminal_safe(ROLE) in texts
        assert INJECT in cell_texts(app.screen.query_one("#inject-table", DataTable))
        assert terminal_safe(VARIABLE) in cell_texts(app.screen.query_one("#variables", DataTable))
        await press(pilot, "p")  # hand the keyboard to the coast guard
        assert terminal_safe(ROLE) in shown(app.screen.query_one("#handover-text", Static))
        await press(pilot, "enter")
        assert ACTION in cell_texts(app.screen.query_one("#move-table", DataTable))
        assert terminal_safe(ROLE) in shown(app.screen.query_one("#player-status", Static))
        assert app.is_running and app.return_code is None
    session.execute(SubmitMove(role="navy", action="shadow"), Team(role="navy"))
    session.execute(SealMoves(role="navy"), Team(role="navy"))
    session.execute(Adjudicate(), CONTROL_ACTOR)
    session.execute(Override(role="navy", action="shadow", rationale=TYPED, effects=(Effect(var="tension", set=2),)),
                    CONTROL_ACTOR)  # rung: Standoff
    session.execute(AddNote(text=TYPED), CONTROL_ACTOR)
    review = make_review_app(session, lens="control")
    async with review.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        detail = shown(review.screen.query_one("#turn-detail", Static))
        # Rich itself drops BEL, BS, VT, FF and CR from a Text; every other escape is shown visibly
        assert ACTION in detail and "[bold red]x [@click=app.quit]x[/] ␛]0;pwned" in detail and not UNSAFE.search(detail)
        assert RUNG in shown(review.screen.query_one("#review-status", Static))
        assert review.is_running and review.return_code is None
    session.close()


async def test_a_sealed_team_named_with_markup_is_named_literally_when_picked_on_roles(hostile: Scenario,
                                                                                       tmp_path: Path) -> None:
    """Enter on the Roles row of a team that has sealed says so by the team's name: the name is text, not markup
    (`Coast guard [and navy] … [/]` would otherwise end the console with a markup error)."""
    session = Session.create(hostile, 1, {"navy": "human", "fleet": "human"}, tmp_path / "h.db")
    session.execute(StartExercise(), CONTROL_ACTOR)
    session.execute(SealMoves(role="navy"), Team(role="navy"))
    app = make_app(session, bots_move_on_turn_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        table = app.screen.query_one("#role-table", DataTable)
        table.focus()
        table.move_cursor(row=0)
        await press(pilot, "enter")
        notification = list(app._notifications)[-1]
        assert notification.markup is False and notification.message.startswith(terminal_safe(ROLE))
        assert app.is_running and app.return_code is None
    session.close()


async def test_case_4_escapes_in_a_note_are_shown_visibly_in_the_console(new_session: Session) -> None:
    """Case 4 in the console: a note holding ESC ] 0 ; title BEL and ESC [ 2 J is shown as ␛]0;title␇…, not obeyed."""
    new_session.execute(StartExercise(), CONTROL_ACTOR)
    new_session.execute(AddNote(text=TYPED), CONTROL_ACTOR)
    app = make_app(new_session, bots_move_on_turn_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "5")
        notes = shown(app.screen.query_one("#notes-text", Static))
        assert "␛]0;pwned␇␛[2J" in notes and "[bold red]x [@click=app.quit]x[/]" in notes
        assert not any(char in notes for char in ESCAPES)


# ---------------------------------------------------------------- properties

HOSTILE = st.sampled_from(["\x1b]0;t\x07", "\x1b[2J", "\x9b", "\u202e", "[/]", "[bold red]x", "[@click=app.quit]x[/]",
                           "[link=x]y[/link]", "\n", "\t", "\r", "<b>", "\\[", "]"])
TEXT = st.lists(st.one_of(st.text(max_size=10), HOSTILE), max_size=6).map("".join)
CONSOLE = Console(width=200, color_system=None, force_terminal=False, legacy_windows=False)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, TEXT)
def test_widget_content_is_literal_and_safe(text: str, other: str) -> None:
    """What the helpers hand to widgets renders (with Rich, as Textual does) to exactly the safe text."""
    for content in (plain(text, "bold"), safe(text), row(text, 3)[0], safe(plain(text, "bold") + plain(other))):
        with CONSOLE.capture() as capture:
            CONSOLE.print(content, end="", soft_wrap=True, highlight=False)
        drawn = capture.get()
        assert not UNSAFE.search(drawn.replace("\n", "").replace("\t", ""))
    assert safe(plain(text, "bold") + plain(other)).plain == terminal_safe(text) + terminal_safe(other)
    assert plain(text).plain == terminal_safe(text)


@pytest.fixture(scope="module")
def notes_app_session(tmp_path_factory: pytest.TempPathFactory, iraq: Scenario) -> Session:
    session = Session.create(iraq, 1, None, tmp_path_factory.mktemp("notes") / "n.db")
    session.execute(StartExercise(), CONTROL_ACTOR)
    return session


_NOTES = st.lists(TEXT.filter(lambda t: bool(t.strip())), min_size=200, max_size=200)


@settings(max_examples=1, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(_NOTES)
def test_notes_of_any_text_are_drawn_literally_in_the_console(notes_app_session: Session, notes: list[str]) -> None:
    """A Pilot check: 200 notes drawn by hypothesis from the same strategy as the properties above are
    saved, then the console's notes tab is drawn once with all of them, in order, each as written (fewer
    than the 500 of the pure properties: each note is a committed event and the console is drawn for real);
    then a notification quoting hostile text is shown without harm."""
    for note in notes:
        notes_app_session.execute(AddNote(text=note), CONTROL_ACTOR)

    async def check() -> None:
        app = make_app(notes_app_session, bots_move_on_turn_start=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await press(pilot, "5")
            drawn = shown(app.screen.query_one("#notes-text", Static))
            assert not UNSAFE.search(drawn.replace("\n", "").replace("\t", ""))
            position = 0
            for note in notes:
                position = drawn.index(terminal_safe(note.strip()), position)
            app.notify(TYPED, title=TYPED)
            await pilot.pause()
            assert app.is_running and app.return_code is None

    asyncio.run(check())


def test_a_crash_inside_the_console_exits_2_and_never_says_saved(tmp_path: Path, harbour: Scenario,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """`play` and `resume` printed `saved:` and exited 0 after a traceback in the console."""
    import wargame.ui.app as ui_app

    class Crashing(ui_app.WargameApp):
        def on_mount(self) -> None:
            raise RuntimeError("boom")

        def run(self, *args, **kwargs):  # type: ignore[no-untyped-def,override]
            return super().run(headless=True)

    monkeypatch.setattr(ui_app, "make_app", lambda session, **options: Crashing(session))
    path = tmp_path / "c.db"
    Session.create(harbour, 1, None, path).close()
    from wargame.cli import main

    result = CliRunner().invoke(main, ["resume", str(path)])
    assert result.exit_code == 2
    assert "saved:" not in result.stdout
    assert result.stderr.strip().splitlines()[-1].startswith("error: the terminal screen stopped on an unexpected error")


def test_a_crash_inside_a_seat_exits_2(tmp_path: Path, harbour: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    """`wargame join` exited 0 after a traceback in the seat."""
    import wargame.ui.seat_app as seat_app
    from wargame.seats import book_for, lenses

    class Crashing(seat_app.SeatApp):
        def on_mount(self) -> None:
            raise RuntimeError("boom")

        def run(self, *args, **kwargs):  # type: ignore[no-untyped-def,override]
            return super().run(headless=True)

    monkeypatch.setattr(seat_app, "SeatApp", Crashing)
    path = tmp_path / "c.db"
    session = Session.create(harbour, 1, None, path)
    book_for(session).issue(lenses(session))  # hosted: a session without codes is refused before any screen
    session.close()
    from wargame.cli import main

    result = CliRunner().invoke(main, ["join", str(path), "--code", "wrong words"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1].startswith("error: the terminal screen stopped on an unexpected error")
