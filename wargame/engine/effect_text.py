"""Effects typed by the umpire: ``escalation +1, iraqi_stability -5, us_support =40, pressure *0.5``.

A tiny notation so that an override with custom effects can be written in one line at the
console. It is parsed here, not evaluated: each item becomes an :class:`Effect`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection

from wargame.engine.scenario import Effect

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
