"""The room display's lens holds only what every role may see: never a hidden variable, a private brief,
a private or not-yet-revealed outcome, a sealed move, or an inject addressed to some roles only."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.engine.events import TurnAdjudicated, TurnStarted
from wargame.engine.scenario import Scenario
from wargame.engine.state import replay
from wargame.engine.views import sees_variable, view_for
from wargame.seats.room import room_view
from wargame.session import Session, record_game


def _moments(scenario: Scenario, events: list) -> list:  # type: ignore[type-arg]
    """The state after every turn opened and after every adjudication: where a room display repaints."""
    cuts = [i + 1 for i, e in enumerate(events) if isinstance(e, (TurnStarted, TurnAdjudicated))] + [len(events)]
    return [replay(scenario, events[:cut]) for cut in cuts]


@pytest.mark.parametrize("seed", [3, 9])
def test_the_room_never_shows_what_a_role_may_not_see(iraq: Scenario, tmp_path: Path, seed: int) -> None:
    path = tmp_path / "game.db"
    record_game(iraq, seed, {"militias": "historical", "tehran": "historical"}, path)
    with Session.open(path) as session:
        events = list(session.events)
    hidden = [v for v in iraq.world.variables if not all(sees_variable(iraq, r, v.id) for r in iraq.world.roles)]
    assert hidden, "the shipped scenario has hidden variables: the test must see them"
    private_seen = 0
    for state in _moments(iraq, events):
        room = room_view(state)
        text = room.model_dump_json()
        for var in hidden:
            assert var.label not in text, f"hidden variable {var.id} on the room display at turn {state.turn}"
        for role in iraq.roles:
            assert role.private_brief not in text
        assert "sealed_moves" not in text
        shown = {(o.turn, o.title) for o in room.outcomes}
        role_views = [view_for(state, r) for r in iraq.world.roles]
        for turn, outcomes in state.outcomes.items():
            for outcome in outcomes:
                seen_by_all = all(
                    any(o.turn == turn and o.role == outcome.event.role and o.action == outcome.event.action for o in v.outcomes)
                    for v in role_views
                )
                title_start = f"{iraq.role(outcome.event.role).name}: {iraq.action(outcome.event.role, outcome.event.action).label}"
                on_room = any(t == turn and title.startswith(title_start) for t, title in shown)
                private_seen += not seen_by_all
                assert on_room == seen_by_all, f"T{turn} {outcome.event.role}/{outcome.event.action}"
        public_injects = {i.inject.title for i in role_views[0].injects if i.inject.audience == "all"}
        assert {i.title for i in room.injects} == public_injects
    assert private_seen, "no private outcome in these games: the check above proved nothing"


def test_the_room_reads_an_outcomes_effects_as_changes_never_from_a_value_to_a_value(iraq: Scenario, tmp_path: Path) -> None:
    """Reader 10: the room showed "Iraqi sovereignty 28 → 26". The value before one effect sums up the turn's
    effects before it, private moves' among them, so the room reads "Iraqi sovereignty -2", as the seats do."""
    path = tmp_path / "game.db"
    record_game(iraq, 5, {"militias": "historical", "tehran": "historical"}, path)
    with Session.open(path) as session:
        events = list(session.events)
    effects_read = 0
    for state in _moments(iraq, events):
        for item in room_view(state).outcomes:
            assert "→" not in item.text, item.text
            effects_read += bool(item.text)
    assert effects_read > 10
