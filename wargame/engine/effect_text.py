"""Effects as text: typed by the umpire (``escalation +1, us_support =40, pressure *0.5``), and
written out as the scenario states them (``Escalation +1``), once for every face.

The notation lets an override with custom effects be written in one line at the console.
It is parsed here, not evaluated: each item becomes an :class:`Effect`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection

from collections.abc import Callable

from wargame.engine.events import EffectApplied
from wargame.engine.scenario import Effect, Scenario

_ITEM = re.compile(r"^\s*([a-z][a-z0-9_]*)\s*([+\-=*×])\s*(\d+(?:\.\d+)?|\.\d+)\s*$")


def parse_effects(text: str, variables: Collection[str]) -> list[Effect]:
    """Parse comma-separated ``var +n`` / ``var -n`` / ``var =n`` / ``var *n``; ValueError says what is wrong."""
    effects: list[Effect] = []
    items = [item for item in text.split(",") if item.strip()]
    if not items:
        raise ValueError("write at least one effect, e.g. 'escalation +1'")
    for item in items:
        match = _ITEM.match(item)
        if match is None:
            raise ValueError(f"{item.strip()!r}: write a variable, then +n, -n, =n or *n")
        var, sign, number = match.group(1), match.group(2), float(match.group(3))
        if not math.isfinite(number):
            raise ValueError(f"{var}: the number is too large")
        if var not in variables:
            raise ValueError(f"{var!r} is not a variable of this scenario")
        if sign == "+":
            effects.append(Effect(var=var, add=number))
        elif sign == "-":
            effects.append(Effect(var=var, add=-number))
        elif sign == "=":
            effects.append(Effect(var=var, set=number))
        else:
            effects.append(Effect(var=var, multiply=number))
    return effects


def number(value: float) -> str:
    """3.0 → '3', 0.25 → '0.25': numbers as a person writes them."""
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def variable_label(scenario: Scenario, var: str) -> str:
    """A variable's label (its id if the scenario has no such variable)."""
    for variable in scenario.world.variables:
        if variable.id == var:
            return variable.label
    return var


def applied_parts(applied: EffectApplied) -> tuple[str, str, str]:
    """An applied effect's parts in words: what it asked ('+12', '×0.5', 'at least 3', 'set 40'), ', held at
    its bound' when the variable's range stopped it (else ''), and for such an addition what it changed with
    what it asked ('+9 (+12, held at its bound)'; else '')."""
    if applied.op == "add":
        how = f"{'+' if applied.value >= 0 else ''}{number(applied.value)}"
    elif applied.op == "multiply":
        how = f"×{number(applied.value)}"
    elif applied.op == "at_least":
        how = f"at least {number(applied.value)}"
    elif applied.op == "at_most":
        how = f"at most {number(applied.value)}"
    else:
        how = f"set {number(applied.value)}"
    expected = {"add": applied.before + applied.value, "multiply": applied.before * applied.value, "set": applied.value,
                "at_least": max(applied.before, applied.value), "at_most": min(applied.before, applied.value)}[applied.op]
    clamped = ", held at its bound" if abs(expected - applied.after) > 1e-9 else ""
    change = applied.after - applied.before
    held = f"{'+' if change >= 0 else '-'}{number(abs(change))} ({how}{clamped})" if clamped and applied.op == "add" else ""
    return how, clamped, held


def applied_change(label: str, applied: EffectApplied) -> str:
    """What an applied effect changed, without the values around it: 'Iraqi sovereignty -2',
    'Force protection +9 (+12, held at its bound)'. A lens other than control's reads effects so: the value
    just before one effect sums up the effects before it in the turn, some of them of moves it may not know of."""
    how, _, held = applied_parts(applied)
    return f"{label} {held or how}"


def planned(scenario: Scenario, spec: Effect, words: Callable[[str, bool], str] | None = None) -> str:
    """An effect as the scenario states it, before it happens: 'Escalation +1', 'Stability ×0.5',
    'Harm +(surge * 2) after 2 turns', 'Isolated at least 1 each turn until network >= 1'.

    ``words(source, signed)`` writes a value given as an expression (``signed``: for an ``add``, as '+4'),
    e.g. as the range it can take (:func:`wargame.engine.lens.planned_effect`); without it, the formula shows.
    """
    label = variable_label(scenario, spec.var)
    value = spec.value
    if isinstance(value, str):
        shown: str | None = words(value, spec.op == "add") if words is not None else f"({value})"
        if spec.op == "add" and words is None:
            shown = f"+{shown}"
    else:
        shown = None
    if spec.op == "add":
        text = f"{label} {shown}" if shown else f"{label} {'+' if value >= 0 else '−'}{number(abs(value))}"  # type: ignore[operator,arg-type]
    elif spec.op == "multiply":
        text = f"{label} ×{shown or number(value)}"  # type: ignore[arg-type]
    elif spec.op in ("at_least", "at_most"):
        text = f"{label} {spec.op.replace('_', ' ')} {shown or number(value)}"  # type: ignore[arg-type]
    else:
        text = f"{label} set to {shown or number(value)}"  # type: ignore[arg-type]
    return text + timing(spec)


def timing(spec: Effect) -> str:
    """When a delayed or lasting effect applies, in words ('' for an immediate one)."""
    parts = []
    if spec.after:
        parts.append(f"after {spec.after} turn{'s' if spec.after != 1 else ''}")
    if spec.lasts and spec.lasts > 1:
        parts.append(f"for {spec.lasts} turns")
    if spec.until:
        parts.append(f"{'each turn ' if not spec.lasts else ''}until {spec.until}")
    return (" " + ", ".join(parts)) if parts else ""
