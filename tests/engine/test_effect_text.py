"""The umpire's one-line notation for custom effects."""

from __future__ import annotations

import pytest

from wargame.engine.effect_text import UnknownVariable, parse_effects

VARS = {"escalation", "stability"}


def test_each_operation_is_read() -> None:
    effects = parse_effects("escalation +1, stability -5.5, escalation =2, stability *0.5", VARS)
    assert [(e.var, e.op, e.value) for e in effects] == [
        ("escalation", "add", 1.0), ("stability", "add", -5.5), ("escalation", "set", 2.0), ("stability", "multiply", 0.5)]


@pytest.mark.parametrize(("text", "message"), [
    ("", "write at least one effect, e.g. 'escalation +1'"),
    (" , ", "write at least one effect, e.g. 'escalation +1'"),
    ("escalation", "'escalation': after escalation write +n, -n, =n or *n"),
    ("escalation 5", "'escalation 5': after escalation write +n, -n, =n or *n"),
    ("escalation +", "'escalation +': write a number after +"),
    ("escalation +-1", "'escalation +-1': write the number after + without a sign of its own, e.g. escalation +2"),
    ("+1", "'+1': start with a variable, then +n, -n, =n or *n, e.g. 'escalation +1'"),
    ("war +1", "'war' is not a variable of this scenario"),
    ("escalation + __import__", "'escalation + __import__': '__import__' is not a number; write digits, e.g. 2 or 0.5"),
])
def test_anything_else_is_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_effects(text, VARS)
    assert str(caught.value) == message


@pytest.mark.parametrize("number", ["1e400", "9" * 400], ids=["exponent", "400 digits"])
def test_a_number_too_large_to_be_finite_is_refused_as_a_number_not_as_a_variable(number: str) -> None:
    """Reader 10: 'escalation +1e400' was refused as 'write a variable, then +n …' (and the console added
    'Did you mean escalation?'): the variable is right, the number is what is wrong, and the message says so."""
    with pytest.raises(ValueError) as caught:
        parse_effects(f"escalation +{number}, nosuch +1", VARS)
    assert not isinstance(caught.value, UnknownVariable)
    assert str(caught.value).endswith(f"the number {number[:12]}{'…' if len(number) > 12 else ''} is too large (it must be finite)")
    assert len(str(caught.value)) < 120  # one short line, however long the number typed


def test_only_a_name_that_is_no_variable_is_an_unknown_variable() -> None:
    """A face offers 'Did you mean …' for an UnknownVariable only, and it carries the name as typed."""
    with pytest.raises(UnknownVariable) as caught:
        parse_effects("escalation +1, escalaton +1", VARS)
    assert caught.value.name == "escalaton"
    for known_variable_wrong_number in ("escalation", "escalation +", "escalation +x", "escalation +1e400", ""):
        with pytest.raises(ValueError) as other:
            parse_effects(known_variable_wrong_number, VARS)
        assert not isinstance(other.value, UnknownVariable), known_variable_wrong_number


def test_a_number_may_be_written_with_an_exponent() -> None:
    assert [(e.op, e.value) for e in parse_effects("escalation *1e-1, stability =2.5E1", VARS)] == [
        ("multiply", 0.1), ("set", 25.0)]


def test_an_effect_given_as_an_expression_is_shown_as_its_range_and_what_it_depends_on() -> None:
    """A move's planned effect whose value is an expression reads as the range it can take and what it depends
    on, never as the formula: a hidden variable or another role's private move is 'something you cannot see'."""
    from tests.engine.cases.builder import action, role, scenario
    from wargame.engine.lens import planned_effect as planned
    from wargame.engine.scenario import Effect

    case = scenario(
        [role("raider", [action("probe")]),
         role("garrison", [action("dig_in", visibility="private"), action("sortie")])],
        variables=[{"id": "x", "label": "X", "min": 0, "max": 10, "initial": 5},
                   {"id": "defences", "label": "Defences", "min": 0, "max": 10, "initial": 5, "visible_to": ["garrison"]}],
    )
    consent = Effect(var="x", add="if(garrison.sortie or played(garrison.sortie), 8, 4)")
    assert planned(case, consent, "raider") == "X +4 to +8 (depending on Garrison's “Sortie” this turn or earlier)"
    assert planned(case, Effect(var="x", add="if(turn >= 2, -6, -3)"), "raider") == "X −6 to −3 (depending on the turn)"
    assert planned(case, Effect(var="x", add="if(turn >= 6, -6, -3)"), "raider") == "X −3"  # a 3-turn game
    hidden = Effect(var="x", add="defences / 2 + if(garrison.dig_in, 1, 0)")
    assert planned(case, hidden, "raider") == "X +0 to +6 (depending on something you cannot see)"
    assert planned(case, hidden, "garrison") == "X +0 to +6 (depending on Defences and your “Dig In”)"
    assert planned(case, Effect(var="x", set="min(x, 3)"), "raider") == "X set to 0 to 3 (depending on X)"
