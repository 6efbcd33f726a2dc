"""The strategies a balance run plays, and how each chooses a role's moves.

- ``random``: every role plays the random bot (the baseline every other strategy is compared to);
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

from wargame.engine.bots import choose_moves
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

    def moves(self, state: State, role: str, legal: list[str] | None = None) -> list[str]:
        """The moves ``role`` makes in the current turn under this strategy.

        ``legal`` is the role's legal actions when the caller already has them (it saves a second pass).
        """
        if role != self.role or self.kind == "random":
            return choose_moves(state, role, "random")
        if self.kind == "pass":
            return []
        if self.kind == "persona":
            return choose_moves(state, role, self.persona)
        from wargame.engine.decide import why_illegal

        if legal is not None:
            return [self.action] if self.action in legal else []
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
