"""The umpire's one-line notation for custom effects."""

from __future__ import annotations

import pytest

from wargame.engine.effect_text import parse_effects

VARS = {"escalation", "stability"}


def test_each_operation_is_read() -> None:
    effects = parse_effects("escalation +1, stability -5.5, escalation =2, stability *0.5", VARS)
    assert [(e.var, e.op, e.value) for e in effects] == [
        ("escalation", "add", 1.0), ("stability", "add", -5.5), ("escalation", "set", 2.0), ("stability", "multiply", 0.5)]


@pytest.mark.parametrize(("text", "message"), [
    ("", "write at least one effect, e.g. 'escalation +1'"),
    ("escalation", "'escalation': write a variable, then +n, -n, =n or *n"),
    ("war +1", "'war' is not a variable of this scenario"),
    ("escalation + __import__", "'escalation + __import__': write a variable, then +n, -n, =n or *n"),
])
def test_anything_else_is_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_effects(text, VARS)
    assert str(caught.value) == message
