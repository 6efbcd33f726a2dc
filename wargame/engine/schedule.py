"""Effects over time: delayed effects coming due and lasting effects applying again, at a turn's opening.

An effect written with ``after: N`` is recorded (``EffectScheduled``) by the event that made it —
an outcome, a rule, an inject, a red line — and applies at the opening of turn t + N. One that
``lasts: L`` applies L times: the first with the event itself (or at t + N when also delayed), then
at each opening. One with ``until`` stops before any application at which its condition holds.

At a turn's opening, right after ``TurnStarted`` and before any inject arrives, every pending effect
due that turn applies, in the order the effects were scheduled, grouped by their source into one
``EffectsMatured`` event each. Values written as expressions are evaluated then, on the world as it is.
"""

from __future__ import annotations

from wargame.engine.events import EffectApplied, EffectScheduled, EffectsMatured
from wargame.engine.expr import Context
from wargame.engine.rules import Rules
from wargame.engine.state import State


def context(state: State, rules: Rules, variables: dict[str, float], turn: int,
            moves: frozenset[tuple[str, str]] = frozenset()) -> Context:
    """What the engine's expressions see: the variables given, the turn, its moves, the injects released
    so far, every earlier turn's moves and the time elapsed (the engine knows everything; what a role is
    shown is the views' business)."""
    return Context(variables, turn, moves, state.released.keys(), state.move_turns, rules.elapsed_hours(turn))


def matured(state: State, rules: Rules, turn: int, variables: dict[str, float]) -> list[EffectsMatured]:
    """The delayed and lasting effects due at the opening of ``turn``, applied to ``variables`` in place."""
    groups: dict[str, tuple[list[EffectApplied], list[EffectScheduled]]] = {}
    for source, effect in state.pending:
        if effect.first > turn or (effect.last is not None and effect.last < turn):
            continue
        applied, ended = groups.setdefault(source, ([], []))
        ctx = context(state, rules, variables, turn)
        if effect.until is not None and rules.condition(effect.until)(ctx):
            ended.append(effect)
            continue
        applied.extend(rules.apply_effects(variables, [effect], ctx))
    return [EffectsMatured(turn=turn, source=source, effects=tuple(applied), ended=tuple(ended))
            for source, (applied, ended) in groups.items()]
