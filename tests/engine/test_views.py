"""Role isolation: no role's view holds another role's private brief, private injects, sealed moves
or private outcomes — checked over whole seeded games of every scenario we ship."""

from __future__ import annotations

import pytest

from wargame.engine import decide as c
from wargame.engine.events import CONTROL
from wargame.engine.game import Game
from wargame.engine.scenario import Scenario
from wargame.engine.views import sees_variable, view_for, view_json


def games(scenario: Scenario, seeds: range):  # type: ignore[no-untyped-def]
    """Yield (game, phase label) at every point of seeded random games where a view could leak."""
    for seed in seeds:
        game = Game.new(scenario, seed=seed, assignments={r: "random" for r in scenario.world.roles})
        game.run(c.start)
        while game.state.phase != "ended":
            game.bot_moves()
            yield game
            game.run(c.adjudicate)
            yield game
            game.run(c.end_turn)
        yield game


@pytest.fixture(params=["harbour", "iraq"])
def any_scenario(request: pytest.FixtureRequest) -> Scenario:
    return request.getfixturevalue(request.param)


def test_no_role_sees_what_is_not_its_own(any_scenario: Scenario) -> None:
    """A role's view never holds another role's private brief, injects not addressed to it, others' sealed
    moves, private or not-yet-revealed outcomes (a delayed one is revealed at its turn, or when the exercise ends),
    or variables hidden from it."""
    s = any_scenario
    checked = 0
    for game in games(s, range(6)):
        state = game.state
        for role in s.world.roles:
            view = view_for(state, role)
            dump = view_json(view)
            for other in s.roles:
                if other.id != role:
                    assert other.private_brief not in dump, f"{role} sees {other.id}'s private brief"
            for inject in view.injects:
                assert inject.inject.audience == "all" or role in inject.inject.audience
            assert set(view.sealed_moves) <= {role}
            assert all(set(per) <= {role} for per in view.moves.values())
            for outcome in view.outcomes:
                if outcome.role not in ("", role) and role in s.action(outcome.role, outcome.action).known_to:
                    assert outcome.explanation is None and outcome.reveal_turn == outcome.turn  # its target: told at once
                elif outcome.role != role:
                    assert outcome.visibility != "private" and outcome.explanation is None
                    # revealed in its turn, or when the exercise ended before that turn came
                    assert outcome.reveal_turn <= state.turn or state.ended is not None
                for effect in outcome.effects:
                    assert sees_variable(s, role, effect.var)
            assert {v.id for v in view.variables} == {v.id for v in s.world.variables if sees_variable(s, role, v.id)}
            assert view.notes == ()
            assert set(view.scores) <= {role}
            checked += 1
    assert checked > 50


def test_control_sees_everything(harbour: Scenario) -> None:
    """Control's view holds every private brief, every sealed move and every variable."""
    game = Game.new(harbour, seed=1)
    game.run(c.start)
    game.run(c.submit_move, "fleet", "ram")
    view = view_for(game.state, CONTROL)
    assert all(b.private_brief for b in view.briefs)
    assert view.sealed_moves == {"fleet": ("ram",)}
    assert len(view.variables) == len(harbour.world.variables)
    navy = view_for(game.state, "navy")
    assert navy.sealed_moves == {} and "catch" not in {v.id for v in navy.variables}


def test_outcomes_from_keeps_only_this_turns_news(iraq: Scenario) -> None:
    """view_for(..., outcomes_from=t) holds exactly the visible outcomes adjudicated or revealed from turn t on."""
    for game in games(iraq, range(3)):
        state = game.state
        for role in [CONTROL, *iraq.world.roles]:
            full = view_for(state, role).outcomes
            news = view_for(state, role, outcomes_from=state.turn).outcomes
            expected = [o for o in full if o.turn >= state.turn or o.reveal_turn >= state.turn]
            assert [(o.turn, o.role, o.action) for o in news] == [(o.turn, o.role, o.action) for o in expected]


def test_a_bots_deferred_view_holds_what_the_eager_view_holds_even_when_read_after_the_state_moved_on(
    any_scenario: Scenario,
) -> None:
    """A view built for a bot (``deferred=True``) computes most parts on first read; whenever it is read —
    at once, or after moves, adjudication or the next turn changed the state — every field is what an eager
    view built at the same moment holds (compared as values and as JSON), with and without the past."""
    from wargame.engine.situation import role_view

    s = any_scenario
    compared = 0
    for seed in range(4):
        game = Game.new(s, seed=seed, assignments={r: "random" for r in s.world.roles})
        game.run(c.start)
        while game.state.phase != "ended":
            state = game.state
            kept = []
            for history in (False, True):
                for role in s.world.roles:
                    eager = role_view(state, role, history=history)
                    read_now = role_view(state, role, history=history, deferred=True)
                    assert read_now == eager and view_json(read_now) == view_json(eager)
                    kept.append((eager, view_json(eager), role_view(state, role, history=history, deferred=True)))
            game.bot_moves()
            game.run(c.adjudicate)
            game.run(c.end_turn)
            for eager, text, later in kept:
                assert later == eager and view_json(later) == text
                compared += 1
    assert compared > 30


def test_a_bot_that_reads_only_its_options_does_not_build_the_rest(iraq: Scenario) -> None:
    """Reading a deferred view's moves builds nothing else; reading one part of the record builds the record."""
    from wargame.engine.situation import role_view

    game = Game.new(iraq, seed=3, assignments={r: "random" for r in iraq.world.roles})
    game.run(c.start)
    view = role_view(game.state, "tehran", history=False, deferred=True)

    def built(name: str) -> bool:
        try:
            object.__getattribute__(view, name)
        except AttributeError:
            return False
        return True

    assert view.options and view.budget.left >= 0 and built("options")
    assert not any(built(n) for n in ("injects", "variables", "objectives", "status", "messages", "scores"))
    _ = view.injects  # reading one lazy field builds it (and what it needs)
    assert built("injects") and built("scores") and not built("objectives")
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        _ = view.nonsense  # type: ignore[attr-defined]


def test_control_reads_a_branch_injects_trigger_in_words(iraq: Scenario) -> None:
    """The MSEL's triggers name variables by their labels, not their ids."""
    from wargame.engine.situation import control_view
    from wargame.engine.state import new_state

    statuses = {i.id: i for i in control_view(new_state(iraq)).inject_statuses}
    assert statuses["H-23"].trigger == ("the turn = 2 and (Iraqis killed in US-militia exchanges ≥ 6 or "
                                        "Pressure for US withdrawal from Iraq ≥ 55)")
    assert all(s.trigger == "" for s in statuses.values() if s.inject.trigger is None)


def test_after_adjudication_control_reads_how_many_moves_each_role_made(harbour: Scenario) -> None:
    """Reader 7: once adjudicated, the Roles tab read "—" for every role, so control could not tell that a
    role had made no move this turn."""
    game = Game.new(harbour, seed=1)
    game.run(c.start)
    game.run(c.submit_move, "fleet", "ram")
    game.run(c.adjudicate)
    from wargame.engine.situation import control_view

    statuses = {r.role: r.status for r in control_view(game.state).roles}
    assert statuses == {"fleet": "adjudicated (1 move)", "navy": "no moves this turn"}
