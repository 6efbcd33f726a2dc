"""What a lens may know: the visibility rules, in one place.

A lens is control (sees everything) or one role. A role sees the variables its
scenario file shows it, the injects addressed to it, its own moves, the outcomes of
others' public moves (and delayed ones once revealed), and nothing derived from
anything else. "Derived" is the hard part: a chance modifier computed from a hidden
variable (the militias' odds against ``base_defences``) or from another role's private
move (Tehran restraining the militias) would let a role read that value off its own
screen. So each expression of the scenario is judged by what it refers to
(:class:`wargame.engine.expr.Compiled` knows its variables and moves): where it refers
to something the lens may not see, the lens is told that *something it cannot see*
applies, never its value — and the odds it would change are withheld too.

The judgement is static wherever possible (per scenario, role and action), so that a
modifier that happens not to hold does not give away, by its absence, what it depends on.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from wargame.engine.events import CONTROL, ChanceExplained, OutcomeAdjudicated
from wargame.engine.effect_text import number, planned
from wargame.engine.expr import Bounds, Compiled, Context
from wargame.engine.rules import CompiledModifier, Rules, rules_for
from wargame.engine.scenario import Effect, Inject, Scenario

HIDDEN_REASON = "something you cannot see applies"
"""What a role is told in place of a modifier that depends on what it may not know."""


def sees_variable(scenario: Scenario, role: str, var: str) -> bool:
    """Whether ``role`` (or control) may know the value of ``var``."""
    if role == CONTROL:
        return True
    spec = next(v for v in scenario.world.variables if v.id == var)
    if spec.visible_to == "all":
        return True
    if spec.visible_to == "control":
        return False
    return role in spec.visible_to


def sees_inject(inject: Inject, role: str) -> bool:
    """Whether ``role`` (or control) receives ``inject`` when it is released."""
    return role == CONTROL or inject.audience == "all" or role in inject.audience


def sees_outcome(outcome: OutcomeAdjudicated, role: str, turn: int, ended: bool = False,
                 scenario: Scenario | None = None) -> bool:
    """Whether ``role`` may know of ``outcome`` in turn ``turn``: its own, public, delayed and revealed — and
    once the exercise has ``ended``, every delayed one (the hot wash does not wait for a turn that will never
    come; private moves stay private) — or, given the ``scenario``, one whose action tells ``role`` at once
    (:func:`known_to`)."""
    if role in (CONTROL, outcome.role):
        return True
    if outcome.reveal_turn >= 0 and (ended or turn >= outcome.reveal_turn):
        return True
    return scenario is not None and role in known_to(scenario, outcome)


_KNOWN_TO: dict[int, tuple[Scenario, dict[tuple[str, str], tuple[str, ...]]]] = {}


def known_to(scenario: Scenario, outcome: OutcomeAdjudicated) -> tuple[str, ...]:
    """The roles ``outcome``'s action tells at once, as if it were public (its ``known_to``); () if none
    (also for a move the scenario does not have)."""
    hit = _KNOWN_TO.get(id(scenario))
    if hit is None or hit[0] is not scenario:
        if len(_KNOWN_TO) >= 16:
            _KNOWN_TO.clear()
        hit = _KNOWN_TO[id(scenario)] = (scenario, {(r.id, a.id): tuple(a.known_to)
                                                    for r in scenario.roles for a in r.actions if a.known_to})
    return hit[1].get((outcome.role, outcome.action), ())


def reveal_turn(scenario: Scenario, outcome: OutcomeAdjudicated, role: str) -> int:
    """The turn from which ``role`` (not its actor, not control) knows of ``outcome``: the turn it was made
    for a role it tells at once (:func:`known_to`), else when its visibility reveals it (-1: never)."""
    return outcome.turn if role in known_to(scenario, outcome) else outcome.reveal_turn


@dataclass(frozen=True, slots=True)
class ShownModifier:
    """A chance modifier as a lens sees it: its reason and value."""

    reason: str
    add: float


@dataclass(frozen=True, slots=True)
class ShownChance:
    """Odds as a lens may see them.

    ``modifiers`` are the modifiers that held and that the lens may know of. ``hidden`` says that
    something the lens cannot see bears on these odds (a hidden variable, another role's private
    move); then ``chance`` is None — the odds are withheld rather than shown wrong. ``assumed``
    says the odds assume the other roles make none of the moves they depend on this turn (before
    adjudication, the others' moves are sealed).
    """

    base: float
    modifiers: tuple[ShownModifier, ...]
    hidden: bool
    chance: float | None
    assumed: bool = False


class Lens:
    """The visibility rules of one scenario for one lens, prepared once (see :func:`lens_for`)."""

    def __init__(self, scenario: Scenario, role: str) -> None:
        if role != CONTROL and role not in scenario.world.roles:
            raise KeyError(role)
        self.scenario = scenario
        self.role = role
        self.is_control = role == CONTROL
        self.rules: Rules = rules_for(scenario)
        self.visible: frozenset[str] = frozenset(v.id for v in scenario.world.variables if sees_variable(scenario, role, v.id))
        self.sees_all_variables = len(self.visible) == len(scenario.world.variables)
        self._visibility = {(r.id, a.id): (a.visibility, a.reveal_after) for r in scenario.roles for a in r.actions}
        self.injects: dict[str, Inject] = {inject.id: inject for inject in scenario.injects}
        self.receives: frozenset[str] = frozenset(i.id for i in scenario.injects if sees_inject(i, role))
        """The injects this lens receives when they are released."""
        self.variable_specs = tuple(v for v in scenario.world.variables if v.id in self.visible)
        """The variables this lens sees, in the world file's order."""
        self._flag_cache: dict[tuple[str, str, int | None], tuple[tuple[bool, ...], bool]] = {}
        self.memo: dict[object, object] = {}
        self._rule_parts: dict[str, tuple[Compiled, ...]] = {}
        """Parts of this lens's views that depend on a few values only (see ``situation.status``)."""
        rules = self.rules
        self.hidden_objectives: frozenset[tuple[str, str]] = frozenset(
            (r, oid) for r, objectives in rules.objectives.items() for oid, metric in objectives if not self.sees_metric(metric)
        )
        """Objectives whose score reads what this lens may not see: their scores are withheld."""
        self.hidden_red_lines: frozenset[tuple[str, str]] = frozenset(
            (r, rid) for r, lines in rules.red_lines.items() for rid, when in lines if not self.sees_metric(when)
        )

    # ------------------------------------------------------------ expressions

    def hides_variables(self, expr: Compiled | float | None) -> bool:
        """Whether ``expr`` reads a variable this lens may not see."""
        return isinstance(expr, Compiled) and not expr.variables <= self.visible

    def sees_move(self, move: tuple[str, str], adjudicated: int, now: int) -> bool:
        """Whether this lens may know if ``move`` was made in turn ``adjudicated``, seen in turn ``now``."""
        if self.is_control or move[0] == self.role:
            return True
        visibility, reveal_after = self._visibility[move]
        return visibility == "public" or (visibility == "delayed" and now >= adjudicated + reveal_after)

    def hides_modifier(self, modifier: CompiledModifier, adjudicated: int | None, now: int) -> bool:
        """Whether ``modifier`` depends on what this lens may not know.

        ``adjudicated`` is the turn of the outcome it explains, or None for odds shown before
        moving: then others' moves are not hidden but assumed not made (see :class:`ShownChance`).
        """
        if self.is_control:
            return False
        parts = [p for p in (modifier.when, modifier.add) if isinstance(p, Compiled)]
        if any(self.hides_variables(p) for p in parts):
            return True
        if adjudicated is None:
            return False
        return any(not self.sees_move(move, adjudicated, now) for p in parts for move in p.moves)

    def depends_on_others(self, modifier: CompiledModifier) -> bool:
        parts = [p for p in (modifier.when, modifier.add) if isinstance(p, Compiled)]
        return any(move[0] != self.role for p in parts for move in p.moves)

    # ------------------------------------------------------------ odds

    def _flags(self, role: str, action: str, adjudicated: int | None, now: int) -> tuple[tuple[bool, ...], bool]:
        """Per modifier of the action, whether it is hidden from this lens; and whether odds assume others' moves."""
        key = (role, action, None if adjudicated is None else now - adjudicated)
        hit = self._flag_cache.get(key)
        if hit is None:
            compiled = self.rules.actions[(role, action)].modifiers
            hit = (tuple(self.hides_modifier(m, adjudicated, now) for m in compiled),
                   adjudicated is None and any(self.depends_on_others(m) for m in compiled))
            self._flag_cache[key] = hit
        return hit

    def option_odds(self, role: str, action: str, ctx: Context) -> ShownChance:
        """The odds ``role`` is shown for ``action`` before moving, judged on ``ctx`` (the variables and its
        own moves so far). A modifier hidden from the lens is never evaluated; if there is one, no chance is given."""
        compiled = self.rules.actions[(role, action)]
        hidden, assumed = self._flags(role, action, None, ctx.turn)
        base = compiled.action.chance.base
        total = base
        shown = []
        for modifier, is_hidden in zip(compiled.modifiers, hidden):
            if is_hidden or (modifier.when is not None and not modifier.when(ctx)):
                continue
            add = float(modifier.add(ctx)) if isinstance(modifier.add, Compiled) else modifier.add
            shown.append(ShownModifier(modifier.reason, add))
            total += add
        if True in hidden:
            return ShownChance(base, tuple(shown), True, None, assumed)
        return ShownChance(base, tuple(shown), False, min(1.0, max(0.0, total)), assumed)

    def chance(self, role: str, action: str, explained: ChanceExplained, adjudicated: int | None, now: int) -> ShownChance:
        """``explained`` (the engine's full account of some odds) as this lens may see it.

        Every modifier of the action is judged, held or not: if any depends on what the lens
        cannot see, the odds are withheld, so that a modifier's absence tells nothing either.
        """
        compiled = self.rules.actions[(role, action)].modifiers
        hidden_flags, assumed = self._flags(role, action, adjudicated, now)
        if True not in hidden_flags:
            shown = tuple(ShownModifier(m.reason, m.add) for m in explained.modifiers)
            return ShownChance(explained.base, shown, False, explained.chance, assumed)
        hidden_reasons = {m.reason for m, hidden in zip(compiled, hidden_flags) if hidden}
        visible_reasons = {m.reason for m, hidden in zip(compiled, hidden_flags) if not hidden}
        shown = tuple(
            ShownModifier(m.reason, m.add) for m in explained.modifiers
            if m.reason in visible_reasons and m.reason not in hidden_reasons
        )
        return ShownChance(explained.base, shown, True, None, assumed)

    def sees_expression(self, expr: Compiled, adjudicated: int, now: int) -> bool:
        """Whether this lens may know everything ``expr`` reads, for an expression evaluated in turn
        ``adjudicated`` and seen in turn ``now``: variables it sees, this turn's moves it knows of (see
        :meth:`sees_move`), earlier moves that are its own or public, and injects it receives."""
        if self.is_control:
            return True
        if not expr.variables <= self.visible or not expr.injects <= self.receives:
            return False
        if any(not self.sees_move(move, adjudicated, now) for move in expr.moves):
            return False
        return all(move[0] == self.role or self._visibility[move][0] == "public" for move in expr.earlier_moves)

    def sees_rule(self, rule_id: str, adjudicated: int, now: int) -> bool:
        """Whether this lens may know that the follow-on rule ``rule_id`` fired in turn ``adjudicated``
        (seen in turn ``now``): its condition, and every expression among its effects, read only what
        the lens may know (:meth:`sees_expression`). Otherwise its firing would tell the lens
        something about a value it cannot see, so the lens sees only the changes it can see, unexplained."""
        if self.is_control:
            return True
        parts = self._rule_parts.get(rule_id)
        if parts is None:
            rule, when = next((r, w) for r, w in self.rules.rules if r.id == rule_id)
            found = [when]
            for effect in rule.effects:
                if isinstance(effect.value, str):
                    found.append(self.rules.number(effect.value))
                if effect.until is not None:
                    found.append(self.rules.condition(effect.until))
            parts = self._rule_parts[rule_id] = tuple(found)
        return all(self.sees_expression(p, adjudicated, now) for p in parts)

    def reads_in_words(self, expr: Compiled) -> str:
        """What ``expr`` reads, as this lens may be told it: 'the turn, Iraqi sovereignty and Government of
        Iraq's “Demand consent”'; whatever it may not know (a hidden variable, another role's private move, an
        inject not addressed to it) is 'something you cannot see', named once. '' if it reads nothing."""
        scenario = self.scenario
        names: list[str] = []
        hidden = False
        if re.search(r"\bturn\b", expr.source):
            names.append("the turn")
        for var in sorted(expr.variables):
            if var in self.visible:
                names.append(next(v.label for v in self.variable_specs if v.id == var))
            else:
                hidden = True
        for role, action in sorted(expr.moves | expr.earlier_moves):
            if role == self.role or self.is_control or self._visibility[(role, action)][0] == "public":
                who = "your" if role == self.role else f"{scenario.role(role).name}'s"
                now, earlier = (role, action) in expr.moves, (role, action) in expr.earlier_moves
                label = scenario.action(role, action).label
                names.append(f"{who} “{label}” this turn or earlier" if now and earlier
                             else f"{who} earlier “{label}”" if earlier else f"{who} “{label}”")
            else:
                hidden = True
        for inject in sorted(expr.injects):
            if inject in self.receives:
                names.append(f"whether “{self.injects[inject].title}” has arrived")
            else:
                hidden = True
        if hidden:
            names.append("something you cannot see")
        if len(names) <= 1:
            return "".join(names)
        return ", ".join(names[:-1]) + " and " + names[-1]

    def hides_precondition(self, condition: Compiled) -> bool:
        """Whether a precondition reads a variable this lens may not see (others' moves are assumed not made)."""
        return not self.is_control and self.hides_variables(condition)

    def sees_metric(self, metric: Compiled) -> bool:
        """Whether an objective's score (or a red line's test) reads only what this lens may see."""
        return self.is_control or not self.hides_variables(metric)


_CACHE: dict[tuple[int, str], tuple[Scenario, Lens]] = {}


def lens_for(scenario: Scenario, role: str) -> Lens:
    """The :class:`Lens` of ``role`` (or control) on ``scenario``, prepared once per process."""
    key = (id(scenario), role)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is scenario:
        return hit[1]
    if len(_CACHE) >= 256:
        _CACHE.clear()
    lens = Lens(scenario, role)
    _CACHE[key] = (scenario, lens)
    return lens


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?|<=|>=|==|!=|.", re.S)
_OPERATORS = {"<=": "≤", ">=": "≥", "==": "=", "!=": "≠"}


_LABELS: dict[int, tuple[Scenario, dict[str, str]]] = {}


def _labels(scenario: Scenario) -> dict[str, str]:
    hit = _LABELS.get(id(scenario))
    if hit is not None and hit[0] is scenario:
        return hit[1]
    if len(_LABELS) >= 16:
        _LABELS.clear()
    names = {v.id: v.label for v in scenario.world.variables}
    for role in scenario.roles:
        for action in role.actions:
            names[f"{role.id}.{action.id}"] = f"{role.name} chose “{action.label}”"
    names["turn"] = "the turn"
    _LABELS[id(scenario)] = (scenario, names)
    return names


_PAST_MOVE = re.compile(r"\b(last|played|times)\(\s*([A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*)\s*\)")
_PAST_WORDS = {"last": "{} in the turn before", "played": "{} in an earlier turn",
               "times": "the number of earlier turns in which {}"}
_RELEASED = re.compile(r"""\breleased\(\s*["']([^"']*)["']\s*\)""")


def in_words(scenario: Scenario, source: str) -> str:
    """A condition as a person reads it: variables by their labels, ``>=`` as ≥, a past move as a sentence
    (``backchannel >= 25 and last(baghdad.offer_channel)`` becomes ``US-Iran back channel ≥ 25 and
    Government of Iraq chose “Offer Baghdad as a channel” in the turn before``)."""
    labels = _labels(scenario)

    def plain(part: str) -> str:
        return "".join(labels.get(token, _OPERATORS.get(token, token)) for token in _WORD.findall(part))

    def past(match: re.Match[str]) -> str:
        move = match.group(2)
        return "\0" + _PAST_WORDS[match.group(1)].format(labels.get(move, move)) + "\0"

    marked = _RELEASED.sub(lambda m: f"\0inject {m.group(1)} has been released\0", _PAST_MOVE.sub(past, source))
    return "".join(part if index % 2 else plain(part) for index, part in enumerate(marked.split("\0")))


def planned_effect(scenario: Scenario, spec: Effect, role: str = CONTROL) -> str:
    """An effect before it happens, as ``role`` (or control) reads it: 'Escalation +1'; a value given as an
    expression as the range it can take and what it depends on (:func:`spread`), never the formula."""
    return planned(scenario, spec, lambda source, signed: spread(scenario, source, signed=signed, role=role))


def spread(scenario: Scenario, source: str, *, signed: bool, role: str = CONTROL) -> str:
    """A number expression in words for ``role``: the range it can take over every state the scenario allows
    (never its value now, which may read what ``role`` cannot see) and what it depends on, as ``role`` may be
    told it: '+4 to +8 (depending on Government of Iraq's “Demand consent”)'. ``signed`` writes '+4' / '−3'."""
    compiled = rules_for(scenario).number(source)
    world = scenario.world
    low, high = compiled.range(Bounds({v.id: (v.min, v.max) for v in world.variables}, (1.0, float(world.turns))))

    def write(x: float) -> str:
        return (("+" if x >= 0 else "−") + number(abs(x))) if signed else number(x)

    if not (math.isfinite(low) and math.isfinite(high)):
        amount = "a varying amount"
    elif low == high:  # it cannot vary within the scenario (``if(turn >= 9, …)`` in an 8-turn game)
        return write(low)
    else:
        amount = f"{write(low)} to {write(high)}"
    reads = lens_for(scenario, role).reads_in_words(compiled)
    return f"{amount} (depending on {reads})" if reads else amount
