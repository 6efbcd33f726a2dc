"""The one resolution pipeline of a turn: used by adjudication and by an override's re-resolution.

Resolving a turn, in order, from the variables as they stood when adjudication began:

1. each outcome's effects, roles in the order of the world file's ``roles`` and each
   role's moves in the order submitted, each effect clamped to its variable's bounds;
2. follow-on rules: at adjudication, every rule whose condition holds now (in file order,
   ``once`` rules only if they never fired); on re-resolution, the rules that fired at
   adjudication apply again as they did (none newly fired, none retracted);
3. injects control released during umpire review (re-resolution only), in order;
4. red lines newly crossed; then every objective is scored.

A new kind of change to the world during a turn's resolution is added here, once, and both
adjudication and override see it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from wargame.engine.events import EffectApplied, RedLineCrossed, RuleTriggered, ScoresComputed
from wargame.engine.expr import Context
from wargame.engine.rules import Rules
from wargame.engine.scenario import Effect

EffectSpec = Sequence[Effect] | Sequence[EffectApplied]
"""Effects to apply: as the scenario states them, or as they applied before (op and value are reused)."""


@dataclass
class Resolution:
    """What resolving a turn did: the world after it, and the parts each event reports."""

    variables: dict[str, float]
    outcome_effects: list[tuple[EffectApplied, ...]]
    rules_fired: list[RuleTriggered]
    red_lines: list[RedLineCrossed]
    scores: ScoresComputed
    context: Context = field(repr=False)


def resolve(
    rules: Rules,
    turn: int,
    start: dict[str, float],
    moves: frozenset[tuple[str, str]],
    outcomes: Sequence[EffectSpec],
    *,
    fired_before: Sequence[RuleTriggered] | None,
    rules_fired_ever: dict[str, int],
    released_in_review: Sequence[EffectSpec] = (),
    red_lines_crossed: dict[tuple[str, str], int],
) -> Resolution:
    """Resolve a turn from ``start`` (not changed) with the given outcomes' effects, in order.

    ``fired_before`` None means adjudication (rules are tested now); a list means re-resolution
    (those rules apply again). ``rules_fired_ever`` and ``red_lines_crossed`` are the state's
    records, read to skip ``once`` rules that fired and red lines already crossed.
    """
    variables = dict(start)
    outcome_effects = [rules.apply_effects(variables, tuple(spec)) for spec in outcomes]  # type: ignore[arg-type]
    after = Context(variables, turn, moves)
    fired: list[RuleTriggered] = []
    if fired_before is None:
        for rule, when in rules.rules:
            if rule.once and rule.id in rules_fired_ever:
                continue
            if when(after):
                fired.append(RuleTriggered(turn=turn, rule_id=rule.id, effects=rules.apply_effects(variables, rule.effects)))
    else:
        for event in fired_before:
            fired.append(RuleTriggered(turn=turn, rule_id=event.rule_id,
                                       effects=rules.apply_effects(variables, event.effects)))  # type: ignore[arg-type]
    for spec in released_in_review:
        rules.apply_effects(variables, tuple(spec))  # type: ignore[arg-type]
    crossed = [
        RedLineCrossed(turn=turn, role=role, red_line=red_line)
        for role in rules.role_order
        for red_line, when in rules.red_lines[role]
        if (role, red_line) not in red_lines_crossed and when(after)
    ]
    scores = ScoresComputed(
        turn=turn,
        scores={role: {oid: float(metric(after)) for oid, metric in rules.objectives[role]} for role in rules.role_order},
    )
    return Resolution(variables, outcome_effects, fired, crossed, scores, after)
