"""Bots: policies that play a role with no human at the table, and the registry that lists them.

A :class:`Policy` is handed its role's view (:class:`wargame.engine.views.RoleView`, built
through the role's lens, so it holds nothing the role may not know) and a generator seeded
from (session seed, turn, role), and returns the moves it makes this turn, in order. How
many is the policy's choice; the shipped ones play like a full team and spend the budget:

- ``random``: available moves drawn uniformly until the budget is spent;
- ``historical``: what the scenario's historical line says the role did this turn;
- a persona id (``hawk``, ``dove``, … declared in the role file): moves drawn by the
  persona's weights (numbers, or expressions over what the role sees) until it draws
  "pass" (``pass_weight``) or the budget is spent.

The session (never a face) runs the bots when a turn opens: it submits each move in order,
skipping any that has become illegal, then seals. The command line, the set-up screen and
autoplay list the players of a role with :func:`players_for`.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

from wargame.engine.expr import Compiled, Context
from wargame.engine.rules import derive_seed, rules_for
from wargame.engine.scenario import Scenario
from wargame.engine.state import State
from wargame.engine.views import MoveOption, RoleView

HUMAN = "human"
"""The player of a role that no bot plays: a human team."""


@runtime_checkable
class Policy(Protocol):
    """A bot's way of choosing moves from what its role may know."""

    id: str
    wants_history: bool
    """Whether it reads the past (earlier injects and outcomes, variable histories): building it costs more."""

    def choose(self, view: RoleView, rng: random.Random) -> list[str]:
        """The action ids to submit this turn, in order (possibly none)."""
        ...


def _affordable(options: Sequence[MoveOption], left: int, taken: set[str]) -> list[MoveOption]:
    return [o for o in options if o.available and o.id not in taken and o.cost <= left]


class RandomPolicy:
    """Uniformly random available moves until the budget is spent."""

    id = "random"
    wants_history = False

    def choose(self, view: RoleView, rng: random.Random) -> list[str]:
        left = view.budget.left
        chosen: list[str] = []
        # the affordable moves not yet taken, in the view's order: narrowed after each pick (the same
        # list, and so the same draws, as filtering the view's options again each time)
        candidates = _affordable(view.options, left, set())
        while candidates:
            pick = rng.choice(candidates)
            chosen.append(pick.id)
            left -= pick.cost
            candidates = [o for o in candidates if o is not pick and o.cost <= left]
        return chosen


class HistoricalPolicy:
    """What the scenario's historical line says the role did this turn."""

    id = "historical"
    wants_history = False

    def choose(self, view: RoleView, rng: random.Random) -> list[str]:
        return list(view.historical_moves)


class PersonaPolicy:
    """Moves drawn by a persona's weights until it passes or the budget is spent.

    Weights are evaluated over the variables the role sees and its own moves chosen so far;
    a persona whose weights read a variable hidden from its role is refused when made.
    """

    wants_history = False

    def __init__(self, scenario: Scenario, role: str, persona: str) -> None:
        rules = rules_for(scenario)
        weights = rules.persona_weights.get((role, persona))
        if weights is None:
            raise ValueError(f"{role} has no persona {persona!r}")
        self.id = persona
        self.role = role
        self.weights = weights
        self.pass_weight = rules.persona_pass[(role, persona)]
        visible = {v.id for v in scenario.world.variables if v.visible_to == "all" or (
            isinstance(v.visible_to, list) and role in v.visible_to)}
        for _, value in (*weights, ("pass", self.pass_weight)):
            if isinstance(value, Compiled) and not value.variables <= visible:
                hidden = ", ".join(sorted(value.variables - visible))
                raise ValueError(f"persona {persona!r} of {role} reads {hidden}, which {role} cannot see")

    def choose(self, view: RoleView, rng: random.Random) -> list[str]:
        variables = {v.id: v.value for v in view.variables}
        left = view.budget.left
        taken: set[str] = set()
        chosen: list[str] = []
        while True:
            ctx = Context(variables, view.turn, frozenset((self.role, a) for a in (*view.chosen, *chosen)))

            def weight(value: Compiled | float) -> float:
                return max(0.0, float(value(ctx)) if isinstance(value, Compiled) else value)

            affordable = {o.id for o in _affordable(view.options, left, taken)}
            options: list[str | None] = []
            weights: list[float] = []
            for action, value in self.weights:
                if action in affordable:
                    options.append(action)
                    weights.append(weight(value))
            if not options:
                return chosen
            options.append(None)
            weights.append(weight(self.pass_weight))
            if sum(weights) <= 0:
                return chosen
            pick = rng.choices(options, weights)[0]
            if pick is None:
                return chosen
            chosen.append(pick)
            taken.add(pick)
            left -= next(o.cost for o in view.options if o.id == pick)


PolicyFactory = Callable[[Scenario, str], Policy]
"""Makes the policy for one role of one scenario."""

_REGISTRY: dict[str, PolicyFactory] = {
    "random": lambda scenario, role: RandomPolicy(),
    "historical": lambda scenario, role: HistoricalPolicy(),
}


def register(policy_id: str, factory: PolicyFactory) -> None:
    """Add a policy every role may be played by (a persona is registered by its role file instead)."""
    if policy_id == HUMAN:
        raise ValueError(f"{HUMAN!r} is not a policy")
    _REGISTRY[policy_id] = factory


def policy_ids(scenario: Scenario, role: str) -> list[str]:
    """The policies that may play ``role``: the registered ones, then the role's personas."""
    return [*_REGISTRY, *(p.id for p in scenario.role(role).personas if p.id not in _REGISTRY)]


def players_for(scenario: Scenario, role: str) -> list[str]:
    """Who may play a role: a human team, or one of the policies."""
    return [HUMAN, *policy_ids(scenario, role)]


def make_policy(scenario: Scenario, role: str, policy_id: str) -> Policy:
    """The policy ``policy_id`` for ``role``; ValueError if it cannot play that role."""
    factory = _REGISTRY.get(policy_id)
    if factory is not None:
        return factory(scenario, role)
    return PersonaPolicy(scenario, role, policy_id)


def choose_moves(state: State, role: str, policy_id: str) -> list[str]:
    """The moves the policy ``policy_id`` makes for ``role`` this turn: handed the role's view and the
    generator seeded from (seed, turn, role) — exactly what the session's bots get."""
    from wargame.engine.situation import role_view

    policy = make_policy(state.scenario, role, policy_id)
    view = role_view(state, role, history=policy.wants_history, deferred=True)
    return policy.choose(view, random.Random(derive_seed(state.seed, state.turn, role, "bot")))
