"""Bots play only legal moves, reproducibly; the historical bot replays the historical line."""

from __future__ import annotations

import pytest

from wargame.engine import decide as c
from wargame.engine.events import MoveSubmitted
import random

from wargame.engine.bots import make_policy, players_for, policy_ids, register
from wargame.engine.situation import role_view
from wargame.engine.views import RoleView
from wargame.engine.game import Game
from wargame.engine.scenario import Scenario


@pytest.mark.parametrize("name", ["harbour", "iraq"])
def test_historical_policy_reproduces_the_historical_line(name: str, request: pytest.FixtureRequest) -> None:
    """With every role on the historical bot, each turn's moves are exactly the scenario's historical line,
    whatever the dice did in earlier turns."""
    scenario: Scenario = request.getfixturevalue(name)
    line = {entry.turn: {r: list(a) for r, a in entry.moves.items() if a} for entry in scenario.world.historical_line}
    for seed in (scenario.world.seed, 1, 2, 3):
        game = Game.new(scenario, seed=seed, assignments={r: "historical" for r in scenario.world.roles})
        game.play_to_end()
        played: dict[int, dict[str, list[str]]] = {}
        for event in game.events:
            if isinstance(event, MoveSubmitted):
                played.setdefault(event.turn, {}).setdefault(event.role, []).append(event.action)
        expected = {turn: moves for turn, moves in line.items() if turn <= game.state.turn and moves}
        assert played == expected


@pytest.mark.parametrize("policy", ["random", "hawk"])
def test_bots_are_reproducible_and_legal(harbour: Scenario, policy: str) -> None:
    """The same seed gives the same bot moves, and every bot move passes the engine's checks."""
    def moves(seed: int) -> list[tuple[int, str, str]]:
        game = Game.new(harbour, seed=seed, assignments={"navy": policy, "fleet": "random"})
        game.play_to_end()
        return [(e.turn, e.role, e.action) for e in game.events if isinstance(e, MoveSubmitted)]

    assert moves(8) == moves(8)
    assert any(moves(s) != moves(8) for s in range(9, 15))


@pytest.mark.parametrize(("x", "expected"), [(10, {"escalate"}), (0, {"calm"}), (5, {"escalate", "calm"})])
def test_persona_weights_follow_the_state(x: float, expected: set[str]) -> None:
    """A persona's weights are expressions over the state: with x at 10 the hawk only escalates, at 0 it
    only calms, in between it does both."""
    from tests.engine.cases.builder import action, role, scenario

    s = scenario([role("a", [action("escalate"), action("calm")],
                       personas=[{"id": "hawk", "weights": {"escalate": "x", "calm": "10 - x"}}])],
                 variables=[{"id": "x", "label": "X", "min": 0, "max": 10, "initial": x}])
    chosen = set()
    for seed in range(40):
        game = Game.new(s, seed=seed, assignments={"a": "hawk"})
        game.run(c.start)
        chosen.update(make_policy(s, "a", "hawk").choose(role_view(game.state, "a"), random.Random(seed)))
    assert chosen == expected


@pytest.mark.parametrize("name", ["harbour", "iraq", "ward"])
def test_legal_actions_agrees_with_why_illegal(name: str, request: pytest.FixtureRequest) -> None:
    """The fast list of legal moves, and the moves a role's view shows as available, are exactly the moves for
    which why_illegal finds nothing, at every step — ``ward`` has preconditions on released injects and earlier moves."""
    if name == "ward":
        from wargame.scenario import load_scenario

        scenario: Scenario = load_scenario("ward", request.getfixturevalue("harbour_content"))
    else:
        scenario = request.getfixturevalue(name)
    for seed in range(15):
        game = Game.new(scenario, seed=seed, assignments={r: "random" for r in scenario.world.roles})
        game.run(c.start)
        while game.state.phase != "ended":
            for role in scenario.world.roles:
                for _ in range(3):
                    slow = [a.id for a in scenario.role(role).actions if c.why_illegal(game.state, role, a.id) is None]
                    assert c.legal_actions(game.state, role) == slow
                    assert [o.id for o in role_view(game.state, role).options if o.available] == slow
                    if not slow:
                        break
                    game.run(c.submit_move, role, slow[seed % len(slow)])
            game.run(c.adjudicate)
            game.run(c.end_turn)


def test_random_bots_spend_the_whole_budget(iraq: Scenario) -> None:
    """After the random bots move, no role has an affordable legal move left, and teams often make several."""
    import copy

    from wargame.engine.decide import why_illegal

    most = 0
    for seed in range(5):
        game = Game.new(iraq, seed=seed, assignments={r: "random" for r in iraq.world.roles})
        game.run(c.start)
        while game.state.phase != "ended":
            game.bot_moves()
            state = game.state
            for role in iraq.world.roles:
                chosen = state.moves.get(role, [])
                most = max(most, len(chosen))
                unsealed = copy.copy(state)  # the same turn as if the team had not sealed yet
                unsealed.sealed = {r for r in state.sealed if r != role}
                still = [a.id for a in iraq.role(role).actions if why_illegal(unsealed, role, a.id) is None]
                assert still == [], (seed, state.turn, role, still)
            game.run(c.adjudicate)
            game.run(c.end_turn)
    assert most >= 2


def test_a_policy_is_handed_only_its_role_view(harbour: Scenario) -> None:
    """A registered policy receives a RoleView of its own role (not the state) and a seeded generator."""
    seen: list[tuple[str, str]] = []

    class Spy:
        id = "spy"
        wants_history = False

        def choose(self, view: RoleView, rng: random.Random) -> list[str]:
            assert isinstance(view, RoleView) and isinstance(rng, random.Random)
            seen.append((view.role, type(view).__name__))
            return []

    register("spy", lambda scenario, role: Spy())
    try:
        assert "spy" in policy_ids(harbour, "navy") and "spy" in players_for(harbour, "fleet")
        game = Game.new(harbour, seed=1, assignments={"navy": "spy", "fleet": "human"})
        game.run(c.start)
        game.bot_moves()
        assert seen == [("navy", "RoleView")]
    finally:
        from wargame.engine import bots

        bots._REGISTRY.pop("spy")


def test_the_registry_lists_personas_after_the_built_in_policies(harbour: Scenario) -> None:
    assert players_for(harbour, "navy") == ["human", "random", "historical", *(p.id for p in harbour.role("navy").personas)]
