"""Bots: policies that play a role with no human at the table.

- ``random``: one legal move, uniformly.
- ``historical``: the moves the scenario's historical line gives for this role and turn.
- a persona id (``hawk``, ``dove``, … declared in the role file): one move drawn by the
  persona's weights, which may depend on the state; or no move, by ``pass_weight``.

A bot sees only what its role may know: the variables and its own moves. Its
generator is seeded from (session seed, turn, role), so bots are reproducible
and one bot's choice never shifts another's.
"""

from __future__ import annotations

import random

from wargame.engine.decide import legal_actions
from wargame.engine.expr import Compiled, Context
from wargame.engine.rules import derive_seed, rules_for
from wargame.engine.state import State


def historical_moves(state: State, role: str) -> list[str]:
    """What the historical line says ``role`` did in the current turn."""
    for entry in state.scenario.world.historical_line:
        if entry.turn == state.turn:
            return list(entry.moves.get(role, []))
    return []


def choose_moves(state: State, role: str, policy: str) -> list[str]:
    """The moves a bot playing ``policy`` makes for ``role`` this turn (possibly none)."""
    if policy == "historical":
        return historical_moves(state, role)
    legal = legal_actions(state, role)
    if not legal:
        return []
    rng = random.Random(derive_seed(state.seed, state.turn, role, "bot"))
    if policy == "random":
        return [rng.choice(legal)]
    rules = rules_for(state.scenario)
    weights_spec = rules.persona_weights.get((role, policy))
    if weights_spec is None:
        raise ValueError(f"{role} has no persona {policy!r}")
    ctx = Context(state.variables, state.turn, frozenset())

    def weight(value: Compiled | float) -> float:
        return max(0.0, float(value(ctx)) if isinstance(value, Compiled) else value)

    options: list[str | None] = []
    weights: list[float] = []
    for action, value in weights_spec:
        if action in legal:
            options.append(action)
            weights.append(weight(value))
    pass_weight = weight(rules.persona_pass[(role, policy)])
    options.append(None)
    weights.append(pass_weight)
    if sum(weights) <= 0:
        return []
    choice = rng.choices(options, weights)[0]
    return [] if choice is None else [choice]
