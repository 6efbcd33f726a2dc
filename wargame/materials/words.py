"""Scenario expressions in words, for a printed page: ``escalation >= 4.5`` → ‘Escalation is at least 4.5’.

Names become labels (variables by their label, ``role.action`` by the role's name
and the action's label); comparisons become words. An expression that names
anything the reader may not see — a variable hidden from the role, another
role's private or delayed action — is not put into words at all: :func:`in_words`
returns None and the pack says that a condition is withheld.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from wargame.engine.scenario import Scenario

_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?|\.\d+)|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)|(<=|>=|==|!=|[<>+\-*/(),]))")
_COMPARE = {">=": "is at least", "<=": "is at most", ">": "is above", "<": "is below", "==": "is", "!=": "is not"}
_FUNCTIONS = {"min": "the lower of", "max": "the higher of", "abs": "the size of"}


def in_words(source: str, scenario: Scenario, may_see: Callable[[str], bool], reader: str | None = None) -> str | None:
    """``source`` in words, or None if it names a variable ``may_see`` refuses or another role's unseen action.

    ``reader`` is the role reading (None: control, who sees everything).
    """
    variables = {v.id: v.label for v in scenario.world.variables}
    words: list[str] = []
    position = 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None:
            return None if source[position:].strip() else " ".join(words)
        position = match.end()
        number, name, op = match.groups()
        if number is not None:
            words.append(number)
        elif op is not None:
            words.append(_COMPARE.get(op, op))
        elif name in ("and", "or", "not"):
            words.append(name)
        elif name in ("true", "false"):
            words.append("always" if name == "true" else "never")
        elif name in _FUNCTIONS:
            words.append(_FUNCTIONS[name])
        elif name == "turn":
            words.append("the turn number")
        elif name is not None and "." in name:
            role_id, action_id = name.split(".", 1)
            try:
                role = scenario.role(role_id)
                action = scenario.action(role_id, action_id)
            except KeyError:
                return None
            if reader is not None and role_id != reader and action.visibility != "public":
                return None
            who = "you choose" if role_id == reader else f"{role.name} chooses"
            words.append(f"{who} ‘{action.label}’ this turn")
        elif name is not None:
            if name not in variables or not may_see(name):
                return None
            words.append(variables[name])
    text = " ".join(words)
    return re.sub(r"\(\s+", "(", re.sub(r"\s+([),])", r"\1", text))
