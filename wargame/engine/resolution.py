"""The one resolution pipeline of a turn: used by adjudication and by an override's re-resolution.

Resolving a turn, in order, from the variables as they stood when adjudication began:

1. each outcome — roles in the order of the world file's ``roles`` and each role's moves in
   the order submitted: first what the move draws from the role's pools, then its band's
   immediate effects (delayed and lasting ones are scheduled by the caller), each clamped to
   its variable's bounds;
2. open moves, in the order proposed, with the effects of their band;
3. follow-on rules: every rule whose condition holds now, in file order (``once`` rules only
   if they never fired before this turn). On re-resolution they are tested again, so a rule
   that fired only because of the overridden band no longer fires (its effects, delayed ones
   included, are undone) and one that holds only under the new band fires;
4. red lines: on re-resolution the consequences of those crossed at adjudication apply again
   (a red line stays crossed: its crossing may have released injects the teams have read);
   then red lines newly crossed, each with its consequences (effects, injects released, a
   prompt to control);
5. injects control released during umpire review (re-resolution only), in order;
6. every objective is scored.

Effect values written as expressions are evaluated when they apply, on the world as it is
then (``context`` gives the turn, its moves, injects released and earlier moves).
A new kind of change to the world during a turn's resolution is added here, once, and both
adjudication and override see it.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, field

from wargame.engine.events import (
    EffectApplied,
    EffectScheduled,
    Event,
    PlannedEffect,
    RedLineCrossed,
    RuleTriggered,
    ScoresComputed,
    inject_released,
    rule_triggered,
    scores_computed,
)
from wargame.engine.expr import Context
from wargame.engine.rules import Rules
from wargame.engine.scenario import Effect

EffectSpec = Sequence[Effect] | Sequence[EffectApplied] | Sequence[PlannedEffect] | Sequence[EffectScheduled]
"""Effects to apply: as the scenario states them, or as they applied before (op and value are reused)."""


@dataclass
class Resolution:
    """What resolving a turn did: the world after it, and the parts each event reports."""

    variables: dict[str, float]
    outcome_effects: list[tuple[EffectApplied, ...]]
    rules_fired: list[RuleTriggered]
    red_lines: list[Event]
    """Red lines newly crossed (``RedLineCrossed``), each followed by the injects it released."""
    scores: ScoresComputed
    context: Context = field(repr=False)
    spent: list[tuple[EffectApplied, ...]] = field(default_factory=list)
    """What each outcome drew from its role's pools."""
    open_effects: list[tuple[EffectApplied, ...]] = field(default_factory=list)


def resolve(
    rules: Rules,
    turn: int,
    start: dict[str, float],
    moves: frozenset[tuple[str, str]],
    outcomes: Sequence[EffectSpec],
    *,
    rules_fired_ever: Container[str],
    released_in_review: Sequence[EffectSpec] = (),
    red_lines_crossed: dict[tuple[str, str], int],
    spends: Sequence[EffectSpec] = (),
    open_moves: Sequence[EffectSpec] = (),
    crossed_before: Sequence[RedLineCrossed] = (),
    released: Container[str] = (),
    context: Callable[[dict[str, float]], Context] | None = None,
) -> Resolution:
    """Resolve a turn from ``start`` (not changed) with the given outcomes' effects, in order.

    Follow-on rules are tested each time. ``rules_fired_ever`` holds the rules that fired before this
    turn (a ``once`` rule among them is skipped); ``red_lines_crossed`` the state's record of red lines
    crossed (skipped). On re-resolution ``crossed_before`` are the red lines crossed at adjudication,
    whose consequences apply again, and ``released_in_review`` the effects of injects released since
    adjudication, applied last. ``released`` holds the injects released so far (a red line does not
    release one twice). ``spends`` are each outcome's pool costs; ``open_moves`` the open moves' effects.
    ``context`` makes the expressions' context on the variables being resolved.
    """
    variables = dict(start)
    after = context(variables) if context is not None else Context(variables, turn, moves)
    spent: list[tuple[EffectApplied, ...]] = []
    outcome_effects: list[tuple[EffectApplied, ...]] = []
    for i, spec in enumerate(outcomes):
        spent.append(rules.apply_effects(variables, tuple(spends[i]), after) if i < len(spends) else ())  # type: ignore[arg-type]
        outcome_effects.append(rules.apply_effects(variables, tuple(spec), after))  # type: ignore[arg-type]
    open_effects = [rules.apply_effects(variables, tuple(spec), after) for spec in open_moves]  # type: ignore[arg-type]
    fired: list[RuleTriggered] = []
    for rule, when in rules.rules:
        if rule.once and rule.id in rules_fired_ever:
            continue
        if when(after):
            fired.append(rule_triggered(turn, rule.id, rules.apply_effects(variables, rule.effects, after),
                                        rules.schedule(rule.effects, turn)))
    for crossed in crossed_before:
        rules.apply_effects(variables, crossed.effects)
    crossings = _red_lines(rules, turn, variables, after, red_lines_crossed, released)
    for spec in released_in_review:
        rules.apply_effects(variables, tuple(spec))  # type: ignore[arg-type]
    scores = scores_computed(
        turn, {role: {oid: float(metric(after)) for oid, metric in rules.objectives[role]} for role in rules.role_order},
    )
    return Resolution(variables, outcome_effects, fired, crossings, scores, after, spent, open_effects)


def _red_lines(rules: Rules, turn: int, variables: dict[str, float], after: Context,
               crossed_ever: dict[tuple[str, str], int], released: Container[str]) -> list[Event]:
    """Red lines crossed now, each once, with their consequences applied to ``variables``."""
    events: list[Event] = []
    sent: set[str] = set()
    for role in rules.role_order:
        specs = {line.id: line for line in rules.roles[role].red_lines}
        for red_line, when in rules.red_lines[role]:
            if (role, red_line) in crossed_ever or not when(after):
                continue
            spec = specs[red_line]
            events.append(RedLineCrossed(turn=turn, role=role, red_line=red_line,
                                         effects=rules.apply_effects(variables, spec.effects, after),
                                         scheduled=rules.schedule(spec.effects, turn), prompt=spec.prompt))
            for inject_id in spec.injects:
                if inject_id in released or inject_id in sent:
                    continue
                sent.add(inject_id)
                inject = rules.scenario.inject(inject_id)
                events.append(inject_released(turn, inject_id, "red_line", rules.apply_effects(variables, inject.effects, after),
                                              rules.schedule(inject.effects, turn)))
    return events
