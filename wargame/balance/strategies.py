"""The strategies a balance run plays, and how each chooses a role's moves.

- ``random``: every role plays the random bot, which spends its role's whole budget (the baseline
  every other strategy is compared to);
- ``always:ROLE.ACTION``: that role plays that action every turn it is legal, and nothing else;
  the other roles play random;
- ``pass:ROLE``: that role never moves; the others play random (what "doing nothing" is worth);
- ``persona:ROLE.PERSONA``: that role plays one of its personas; the others play random.

In every strategy, control releases contingency injects by the control policy (see
:func:`control_releases`), so that their effects are in the games too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from wargame.engine.rules import derive_unit
from wargame.engine.scenario import Scenario
from wargame.engine.state import State

Kind = Literal["random", "always", "pass", "persona"]
CONTROL_POLICIES = ("random", "none")


@dataclass(frozen=True)
class Strategy:
    """Who plays what in one set of games: one role's fixed strategy against random others."""

    kind: Kind
    role: str = ""
    action: str = ""
    persona: str = ""

    @property
    def id(self) -> str:
        if self.kind == "random":
            return "random"
        if self.kind == "always":
            return f"always:{self.role}.{self.action}"
        if self.kind == "pass":
            return f"pass:{self.role}"
        return f"persona:{self.role}.{self.persona}"

    def player(self, role: str) -> str:
        """Who plays ``role`` in these games: a bot policy id, or ``human`` when the strategy moves for it."""
        if role != self.role:
            return "random"
        if self.kind == "persona":
            return self.persona
        return "human" if self.kind in ("always", "pass") else "random"

    def moves(self, state: State, role: str) -> list[str]:
        """The moves of the role this strategy plays by hand (``always`` and ``pass``) this turn."""
        if role != self.role or self.kind not in ("always", "pass"):
            return []
        if self.kind == "pass":
            return []
        from wargame.engine.decide import why_illegal

        return [self.action] if why_illegal(state, role, self.action) is None else []


def strategies(scenario: Scenario) -> list[Strategy]:
    """Every strategy of a balance run, baseline first, then per role in the world's order:
    each action always, passing, each persona."""
    found = [Strategy("random")]
    for role in scenario.roles:
        found += [Strategy("always", role.id, action=action.id) for action in role.actions]
        found.append(Strategy("pass", role.id))
        found += [Strategy("persona", role.id, persona=persona.id) for persona in role.personas]
    return found


def control_releases(state: State, policy: str) -> list[str]:
    """The contingency injects control releases at the start of this turn's moves.

    ``random``: each contingency not yet released (nor held) is released with chance 1 / turns
    per turn, rolled from (seed, turn, inject) — so about two games in three see each one, at any
    turn. ``none``: control releases nothing, as in plain autoplay.
    """
    if policy == "none":
        return []
    chance = 1.0 / state.scenario.world.turns
    return [
        inject.id
        for inject in state.scenario.injects
        if inject.kind == "contingency" and inject.id not in state.released and inject.id not in state.held
        and derive_unit(state.seed, state.turn, inject.id, "control") < chance
    ]
