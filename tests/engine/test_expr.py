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
        ("__import__('os')", "unknown variable '__import__'"),
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


SPAN_SOURCES = [
    "x + y * 2", "x - y", "x * y", "x / (y + 1)", "min(x, y) - abs(x - 3)", "max(x, 2) / 4", "-x + turn",
    "x >= 3 and y < 2", "not (x == y) or turn > 5", "x != 2", "x <= y", "x / y",
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SPAN_SOURCES), st.floats(-5, 5), st.floats(-5, 5), st.integers(1, 8))
def test_the_static_span_holds_every_value_the_expression_takes(source: str, x: float, y: float, turn: int) -> None:
    """What `validate` calls "never" must be certain: every value an expression takes for variables
    within their bounds lies within the span computed for those bounds."""
    from wargame.engine.expr import Bounds, Context

    compiled = compile_expr(source)
    low, high = compiled.span(Bounds({"x": (-5.0, 5.0), "y": (-5.0, 5.0)}, (1.0, 8.0)))
    value = compiled(Context({"x": x, "y": y}, turn))
    if compiled.type == "bool":
        assert (high > 0) if value else (low > 0)
    else:
        assert low - 1e-9 <= value <= high + 1e-9
