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

_NAME = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*(.*)$", re.DOTALL)
_NUMBER = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_OPERATIONS = "+-=*×"


class UnknownVariable(ValueError):
    """An effect names a variable the scenario does not have; ``name`` is the name as typed."""

    def __init__(self, name: str) -> None:
        super().__init__(f"{name!r} is not a variable of this scenario")
        self.name = name


def parse_effects(text: str, variables: Collection[str]) -> list[Effect]:
    """Parse comma-separated ``var +n`` / ``var -n`` / ``var =n`` / ``var *n`` (n in digits, e.g. 2, 0.5, 1e3).

    Blank items between commas are skipped. Raises :class:`UnknownVariable` (a ValueError) when an item
    names no variable in ``variables``, and ValueError naming the item and its fault otherwise: nothing
    written, no variable first, no ``+``/``-``/``=``/``*`` after it, no number after that, or a number
    too large to be finite.
    """
    effects: list[Effect] = []
    items = [item.strip() for item in text.split(",") if item.strip()]
    if not items:
        raise ValueError("write at least one effect, e.g. 'escalation +1'")
    for item in items:
        effects.append(_effect(item, variables))
    return effects


def _effect(item: str, variables: Collection[str]) -> Effect:
    """One stripped, non-empty item as an Effect; the errors of :func:`parse_effects`."""
    quoted = repr(_cut(item, 40))
    named = _NAME.match(item)
    if named is None:
        raise ValueError(f"{quoted}: start with a variable, then +n, -n, =n or *n, e.g. 'escalation +1'")
    var, rest = named.group(1), named.group(2)
    if var not in variables:
        raise UnknownVariable(var)
    if not rest or rest[0] not in _OPERATIONS:
        raise ValueError(f"{quoted}: after {var} write +n, -n, =n or *n")
    sign, written = rest[0], rest[1:].strip()
    if not written:
        raise ValueError(f"{quoted}: write a number after {sign}")
    if written[0] in "+-":
        raise ValueError(f"{quoted}: write the number after {sign} without a sign of its own, e.g. {var} {sign}2")
    if _NUMBER.match(written) is None:
        raise ValueError(f"{quoted}: {_cut(written, 20)!r} is not a number; write digits, e.g. 2 or 0.5")
    number = float(written)
    if not math.isfinite(number):
        raise ValueError(f"{quoted}: the number {_cut(written, 12)} is too large (it must be finite)")
    if sign == "+":
        return Effect(var=var, add=number)
    if sign == "-":
        return Effect(var=var, add=-number)
    if sign == "=":
        return Effect(var=var, set=number)
    return Effect(var=var, multiply=number)


def _cut(text: str, most: int) -> str:
    """``text`` as typed, cut to ``most`` characters and '…' when longer (an error message stays one short line)."""
    return text if len(text) <= most else text[:most] + "…"


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
