"""The state is a fold over the events: replaying any prefix gives the state that play had reached."""

from __future__ import annotations

import copy

import pytest

from wargame.engine import decide as c
from wargame.engine.events import event_from_json, event_to_json
from wargame.engine.game import Game
from wargame.engine.scenario import Scenario
from wargame.engine.state import State, replay


def comparable(state: State) -> dict:  # type: ignore[type-arg]
    return {
        "phase": state.phase, "turn": state.turn, "variables": state.variables, "history": state.history,
        "released": sorted(state.released), "held": sorted(state.held), "moves": state.moves,
        "scores": state.scores, "rules": state.rules_fired, "red_lines": state.red_lines,
        "ended": state.ended, "outcomes": {t: [(o.event.role, o.event.action, o.band, o.effects) for o in os]
                                            for t, os in state.outcomes.items()},
    }


@pytest.mark.parametrize("name", ["harbour", "iraq"])
def test_replaying_any_prefix_gives_the_state_play_reached(name: str, request: pytest.FixtureRequest) -> None:
    """For many seeded games, after every event, replay(events[:n]) equals the live state after n events —
    also when the events went through their stored JSON form."""
    scenario: Scenario = request.getfixturevalue(name)
    for seed in range(25):
        game = Game(scenario)
        snapshots = []

        def step(events: list) -> None:  # type: ignore[type-arg]
            for event in events:
                game.record([event])
                snapshots.append(copy.deepcopy(comparable(game.state)))

        step(c.start_session(scenario, seed, {r: "random" for r in scenario.world.roles}))
        step(c.start(game.state))
        while game.state.phase != "ended":
            for role in scenario.world.roles:
                import random

                from wargame.engine.bots import RandomPolicy
                from wargame.engine.situation import role_view

                for action in RandomPolicy().choose(role_view(game.state, role), random.Random(seed)):
                    if c.why_illegal(game.state, role, action) is None:
                        step(c.submit_move(game.state, role, action))
            step(c.adjudicate(game.state))
            if seed % 3 == 0 and game.state.outcomes.get(game.state.turn):
                first = game.state.outcomes[game.state.turn][0].event
                step(c.override(game.state, first.role, first.action, "umpire test", band="success"))
            step(c.end_turn(game.state))
        stored = [event_from_json(event_to_json(e)) for e in game.events]
        for n in range(1, len(stored) + 1, 7):
            assert comparable(replay(scenario, stored[:n])) == snapshots[n - 1]
        assert comparable(replay(scenario, stored)) == snapshots[-1]


def test_same_seed_and_moves_give_byte_identical_events(harbour: Scenario) -> None:
    """Determinism: the same scenario, seed and moves give the same bytes; another seed does not."""
    def run(seed: int) -> list[str]:
        game = Game.new(harbour, seed=seed, assignments={"navy": "hawk", "fleet": "random"})
        game.play_to_end()
        return [event_to_json(e) for e in game.events]

    assert run(5) == run(5)
    assert run(5) != run(6)
