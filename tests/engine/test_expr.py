"""The expression language: what it accepts, what it refuses, and that it never does anything else."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.engine.expr import ExprError, compile_expr, evaluate

VARS = {"escalation": 3.0, "stability": 40.0}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2 * 3", 7.0),
        ("(1 + 2) * 3", 9.0),
        ("-escalation + 10", 7.0),
        ("escalation >= 3 and stability < 50", True),
        ("not escalation > 3 or false", True),
        ("min(escalation, stability, 2)", 2.0),
        ("max(1, 2) + abs(-4)", 6.0),
        ("stability / 0", 0.0),
        ("turn * 2", 8.0),
        ("militias.attack", True),
        ("tehran.restrain", False),
        ("1 == 1.0", True),
        ("2 != 2", False),
    ],
)
def test_the_grammar_evaluates_as_written(source: str, expected: float | bool) -> None:
    """Arithmetic, comparisons, logic, functions, the turn and this turn's moves."""
    assert evaluate(source, VARS, turn=4, moves={("militias", "attack")}) == expected


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("__import__('os')", "unexpected character \"'\""),
        ("escalation ** 2", "expected a number, a name or '(', found '*'"),
        ("escalation and 3", "'and' needs true or false"),
        ("1 < 2 < 3", "comparisons cannot be chained; join them with 'and'"),
        ("abs(1, 2)", "abs() takes exactly one argument"),
        ("min(1)", "min() takes two or more arguments"),
        ("escalaton > 1", "unknown variable 'escalaton' (did you mean 'escalation'?)"),
        ("", "empty expression"),
        ("(1 + 2", "expected ')', found end of expression"),
        ("x.y.z", "unexpected character '.'"),
        ("lambda: 1", "unexpected character ':'"),
    ],
)
def test_anything_outside_the_grammar_is_refused(source: str, message: str) -> None:
    """A scenario's expression is refused at load time, with a message that says why."""
    with pytest.raises(ExprError) as caught:
        compile_expr(source, variables=set(VARS), moves=set())
    assert caught.value.message == message


def test_the_type_asked_for_is_enforced() -> None:
    """A metric must be a number and a condition a truth value."""
    with pytest.raises(ExprError, match="expected a condition"):
        compile_expr("escalation + 1", want="bool", variables=set(VARS))
    with pytest.raises(ExprError, match="expected a number"):
        compile_expr("escalation > 1", want="number", variables=set(VARS))


def test_deep_nesting_and_long_input_are_refused_quickly() -> None:
    """Hostile expressions cannot exhaust the stack or the clock."""
    with pytest.raises(ExprError, match="nested deeper"):
        compile_expr("(" * 100 + "1" + ")" * 100)
    with pytest.raises(ExprError, match="longer than"):
        compile_expr("1+" * 600 + "1")
    with pytest.raises(ExprError, match="tokens"):
        compile_expr("1+" * 300 + "1")
    with pytest.raises(ExprError, match="nested deeper"):
        compile_expr("not " * 100 + "true")


ALPHABET = st.sampled_from(list("0123456789.+-*/()<>=! abcdeilmnortxsuv_,") + ["and", "or", "not", "min(", "max(", "abs(", "escalation", "turn", "a.b"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join) | st.text(max_size=80))
def test_any_input_gives_a_value_or_a_clean_error(source: str) -> None:
    """Property: for any text, compiling and evaluating yields a number or truth value, or ExprError — nothing else."""
    try:
        compiled = compile_expr(source, variables=set(VARS) | {"a"}, moves={("a", "b")})
    except ExprError as error:
        assert error.message and 1 <= error.column <= len(source) + 1
        return
    from wargame.engine.expr import Context

    value = compiled(Context({**VARS, "a": 1.0}, 1, frozenset()))
    assert isinstance(value, (bool, float, int))
    assert compiled.type == ("bool" if isinstance(value, bool) else "number")
