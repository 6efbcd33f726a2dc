"""The control console's World tab: each variable's value now, its range, how it moved this turn and its turns."""

from __future__ import annotations

from textual.widgets import DataTable

from wargame.engine.actors import CONTROL_ACTOR, Team
from wargame.engine.commands import Adjudicate, EndTurn, SubmitMove
from wargame.session import Session
from wargame.ui.app import make_app
from wargame.ui.widgets.text import since_last_turn, trend

from .conftest import press, settle, washington_strike_adjudicated


async def arrows(session: Session) -> dict[str, str]:
    """Each variable's trend mark on the World tab at 80x24, by variable id."""
    app = make_app(session, bots_move_on_turn_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "1")
        table = app.screen.query_one("#variables", DataTable)
        return {str(key.value): str(table.get_row(key)[3]) for key in table.rows}


async def test_the_arrow_compares_a_variable_with_the_end_of_the_previous_turn(new_session: Session) -> None:
    """Reader 10: at turn 2 'Coalition personnel killed  3  0–200  ▲  ▁▁' although it was 3 when turn 1 ended:
    the arrow compared the end of turn 1 with the scenario's start. It shows how a variable moved since the
    previous turn ended (for turn 1, since the start): · when it has not moved, ▲ or ▼ when it has."""
    washington_strike_adjudicated(new_session).execute(EndTurn(), CONTROL_ACTOR)
    state = new_session.state
    start, end_of_turn_1 = state.history
    assert state.turn == 2 and state.phase == "moves"
    assert start["coalition_casualties"] == 0 and state.variables["coalition_casualties"] == end_of_turn_1["coalition_casualties"] == 3
    shown = await arrows(new_session)
    assert shown["coalition_casualties"] == "·"
    assert set(shown.values()) == {"·"}  # nothing has moved since turn 1 ended

    new_session.execute(SubmitMove(role="washington", action="strike_kh_depots"), Team(role="washington"))
    new_session.execute(Adjudicate(), CONTROL_ACTOR)  # turn 2's review: the arrows say how turn 2 moved them
    shown = await arrows(new_session)
    now = new_session.state.variables
    expected = {var: "·" if now[var] == end_of_turn_1[var] else "▲" if now[var] > end_of_turn_1[var] else "▼"
                for var in shown}
    assert shown == expected and {"▲", "▼"} & set(shown.values())


def test_the_baseline_is_the_end_of_the_turn_before() -> None:
    history = [0.0, 3.0, 5.0]  # the start, after turn 1, after turn 2
    assert since_last_turn(history, 0) is None  # set-up: nothing to compare with
    assert since_last_turn(history, 1) == 0.0
    assert since_last_turn(history, 2) == 3.0  # turn 2 (its moves, or its review with 5 now)
    assert since_last_turn(history, 3) == 5.0
    assert [trend(3.0, 3.0), trend(5.0, 3.0), trend(1.0, 3.0), trend(1.0, None)] == ["·", "▲", "▼", "·"]
