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


# ---------------------------------------------------------------- generated code = the closures


def _expressions(depth: int) -> st.SearchStrategy[tuple[str, str]]:
    """(source, type) of random well-typed expressions over x, y, z, turn, a move, an inject and earlier moves."""
    numbers = st.sampled_from(["x", "y", "z", "turn", "0", "2", "0.5", "1000000", "elapsed_days", "times(r.a)"])
    conditions = st.sampled_from(["true", "false", "r.a", "r.b", 'released("I-1")', "played(r.a)", "last(r.b)"])
    if depth == 0:
        return st.one_of(numbers.map(lambda s: (s, "number")), conditions.map(lambda s: (s, "bool")))
    sub = _expressions(depth - 1)
    num = sub.filter(lambda e: e[1] == "number").map(lambda e: e[0])
    cond = sub.filter(lambda e: e[1] == "bool").map(lambda e: e[0])
    return st.one_of(
        sub,
        st.tuples(num, st.sampled_from(["+", "-", "*", "/"]), num).map(lambda t: (f"({t[0]} {t[1]} {t[2]})", "number")),
        st.tuples(num, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), num).map(lambda t: (f"({t[0]} {t[1]} {t[2]})", "bool")),
        st.tuples(cond, st.sampled_from(["and", "or"]), cond).map(lambda t: (f"({t[0]} {t[1]} {t[2]})", "bool")),
        cond.map(lambda c: (f"(not {c})", "bool")),
        num.map(lambda n: (f"(-{n})", "number")),
        num.map(lambda n: (f"abs({n})", "number")),
        st.tuples(st.sampled_from(["min", "max"]), st.lists(num, min_size=2, max_size=4)).map(
            lambda t: (f"{t[0]}({', '.join(t[1])})", "number")),
        st.tuples(cond, num, num).map(lambda t: (f"if({t[0]}, {t[1]}, {t[2]})", "number")),
        st.tuples(cond, cond, cond).map(lambda t: (f"if({t[0]}, {t[1]}, {t[2]})", "bool")),
    )


@settings(max_examples=400, deadline=None)
@given(
    expression=_expressions(3),
    values=st.tuples(*[st.sampled_from([0.0, -0.0, 1.0, -3.5, 7.25, 1e308, -1e308, 1e-300]) for _ in range(3)]),
    turn=st.integers(0, 9),
    moves=st.sets(st.sampled_from([("r", "a"), ("r", "b")])),
    released=st.sets(st.sampled_from(["I-1"])),
    earlier=st.dictionaries(st.sampled_from([("r", "a"), ("r", "b")]), st.lists(st.integers(1, 8), max_size=3).map(tuple)),
)
def test_the_generated_code_computes_what_the_closures_compute(expression, values, turn, moves, released, earlier) -> None:  # type: ignore[no-untyped-def]
    """An expression runs as one generated Python function; it gives the very value (type, sign, infinities,
    NaN) the per-node closures give, or fails with the same error, on any context."""
    from wargame.engine.expr import Context, _Parser

    source, _ = expression
    names = {"x", "y", "z"}
    parser = _Parser(source, names, {("r", "a"), ("r", "b")}, {"I-1"})
    closures = parser.parse().run
    generated = compile_expr(source, variables=names, moves={("r", "a"), ("r", "b")}, injects={"I-1"}).run
    assert generated is not closures
    ctx = Context(dict(zip(("x", "y", "z"), values)), turn, frozenset(moves), frozenset(released), earlier, 30.0)

    def outcome(run):  # type: ignore[no-untyped-def]
        try:
            value = run(ctx)
        except Exception as error:  # noqa: BLE001 - the same error either way
            return ("error", type(error).__name__)
        return (type(value).__name__, repr(value))

    assert outcome(generated) == outcome(closures)


def test_scenario_text_is_never_code() -> None:
    """Names and numbers reach the generated code as constants, never as text spliced into it."""
    compiled = compile_expr("a_b + 1.5 > 2 and released(\"X-1\")", variables={"a_b"}, injects={"X-1"})
    code = compiled.run.__code__
    assert "a_b" not in code.co_names and "X-1" not in code.co_consts and "a_b" not in code.co_consts
    assert compiled.run.__globals__["__builtins"+"__"] == {}
