"""Limits on moves beyond preconditions: moves per turn, exclusive groups, uses per game, cooldowns, pools.

Each returns the reason in words a role reads when the move is not open to it, or None.
The checks use only what the role knows: its own moves this turn and in earlier turns,
and its own pools (variables a pool names should be visible to its role; ``validate`` says so).
"""

from __future__ import annotations

from collections.abc import Sequence

from wargame.engine.events import EffectApplied
from wargame.engine.expr import Context
from wargame.engine.rules import Rules
from wargame.engine.scenario import Effect
from wargame.engine.state import State


def limit_reason(state: State, rules: Rules, role: str, action: str, chosen: Sequence[str]) -> str | None:
    """Why ``role`` may not add ``action`` to ``chosen`` (its moves so far this turn) under the limits, or None."""
    if not rules.limited[role]:
        return None
    spec = rules.actions[(role, action)].action
    role_spec = rules.roles[role]
    if role_spec.max_moves is not None and len(chosen) >= role_spec.max_moves:
        return f"at most {role_spec.max_moves} move{'s' if role_spec.max_moves != 1 else ''} a turn"
    if spec.group is not None:
        for other in chosen:
            other_spec = rules.actions[(role, other)].action
            if other_spec.group == spec.group:
                return f"cannot be combined with {other_spec.label} in one turn"
    turns = state.move_turns.get((role, action), ())
    if spec.per_game is not None and len(turns) >= spec.per_game:
        made = ", ".join(str(t) for t in turns)
        if spec.per_game == 1:
            return f"once per exercise: already made in turn {made}"
        return f"at most {spec.per_game} times per exercise: made in turns {made}"
    if spec.cooldown and turns and state.turn - turns[-1] <= spec.cooldown:
        return f"made in turn {turns[-1]}: possible again from turn {turns[-1] + spec.cooldown + 1}"
    for var, amount in spec.costs.items():
        committed = sum(rules.actions[(role, other)].action.costs.get(var, 0) for other in chosen)
        left = state.variables[var] - committed
        if left < amount:
            label = rules.variables[var].label
            return f"needs {amount:g} {label}; {max(left, 0):g} left"
    return None


def spend(rules: Rules, role: str, action: str, variables: dict[str, float], ctx: Context) -> tuple[EffectApplied, ...]:
    """Draw a move's costs from its role's pools (in place), when it is adjudicated."""
    costs = rules.actions[(role, action)].action.costs
    if not costs:
        return ()
    return rules.apply_effects(variables, [Effect(var=var, add=-amount) for var, amount in costs.items()], ctx)


def refills(rules: Rules, role: str, variables: dict[str, float], ctx: Context) -> tuple[EffectApplied, ...]:
    """A role's pools refilled at a turn's opening (in place): to the maximum, or by their amount."""
    effects = []
    for pool in rules.roles[role].pools:
        if pool.refill == "full":
            effects.append(Effect(var=pool.var, set=rules.variables[pool.var].max))
        elif pool.refill:
            effects.append(Effect(var=pool.var, add=float(pool.refill)))
    return rules.apply_effects(variables, effects, ctx) if effects else ()
