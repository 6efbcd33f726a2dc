"""Events and parts the engine builds on its hot path without validating them again (``events.applied_effect``
and the other builders) are exactly what validation gives: equal, same repr, same JSON, same fields set. Recurring
parts are shared, never across 0.0 and -0.0 (equal numbers, different JSON)."""

from __future__ import annotations

import dataclasses

import pytest
from pydantic import TypeAdapter

from wargame.engine import events as ev


def _json(record: ev.Record) -> bytes:
    return TypeAdapter(type(record)).dump_json(record)


def _same(built: ev.Record, validated: ev.Record) -> None:
    assert type(built) is type(validated)
    assert built == validated
    assert repr(built) == repr(validated)
    assert _json(built) == _json(validated)
    for field in dataclasses.fields(built):  # type: ignore[arg-type]
        assert type(getattr(built, field.name)) is type(getattr(validated, field.name)), field.name
    copy = dataclasses.replace(built, turn=9) if hasattr(built, "turn") else dataclasses.replace(built)  # type: ignore[type-var]
    assert copy is not built and TypeAdapter(type(built)).validate_json(_json(copy)) == copy


EFFECT = ev.EffectApplied(var="tension", op="add", value=1.5, before=2.0, after=3.5)
SCHEDULED = ev.EffectScheduled(var="tension", op="add", value=1.0, first=3, last=4)


@pytest.mark.parametrize(("built", "validated"), [
    (lambda: ev.applied_effect("tension", "add", 1.5, 2, 3.5),
     lambda: ev.EffectApplied(var="tension", op="add", value=1.5, before=2, after=3.5)),
    (lambda: ev.applied_effect("tension", "multiply", -0.0, 2.0, -0.0),
     lambda: ev.EffectApplied(var="tension", op="multiply", value=-0.0, before=2.0, after=-0.0)),
    (lambda: ev.modifier_applied("Hardened bases", -0.1), lambda: ev.ModifierApplied(reason="Hardened bases", add=-0.1)),
    (lambda: ev.modifier_applied("Nothing", -0.0), lambda: ev.ModifierApplied(reason="Nothing", add=-0.0)),
    (lambda: ev.chance_from(0.6, (("a", 0.1), ("b", -0.2)), 0.5),
     lambda: ev.ChanceExplained(base=0.6, modifiers=(ev.ModifierApplied(reason="a", add=0.1),
                                                     ev.ModifierApplied(reason="b", add=-0.2)), chance=0.5)),
    (lambda: ev.chance_from(0.0, (), 0.0), lambda: ev.ChanceExplained(base=0.0, modifiers=(), chance=0.0)),
    (lambda: ev.move_submitted(3, "tehran", "send_envoy"), lambda: ev.MoveSubmitted(turn=3, role="tehran", action="send_envoy")),
    (lambda: ev.moves_sealed(3, "tehran"), lambda: ev.MovesSealed(turn=3, role="tehran")),
    (lambda: ev.turn_started(2, "2020-03-18"), lambda: ev.TurnStarted(turn=2, date="2020-03-18")),
    (lambda: ev.inject_released(2, "I-01", "schedule", (EFFECT,), ()),
     lambda: ev.InjectReleased(turn=2, inject_id="I-01", by="schedule", effects=(EFFECT,), scheduled=())),
    (lambda: ev.rule_triggered(2, "r1", (EFFECT,), (SCHEDULED,)),
     lambda: ev.RuleTriggered(turn=2, rule_id="r1", effects=(EFFECT,), scheduled=(SCHEDULED,))),
    (lambda: ev.scores_computed(2, {"tehran": {"survive": 3.25}}),
     lambda: ev.ScoresComputed(turn=2, scores={"tehran": {"survive": 3.25}})),
    (lambda: ev.turn_adjudicated(2), lambda: ev.TurnAdjudicated(turn=2)),
], ids=lambda f: "")
def test_a_built_event_is_the_validated_one(built, validated) -> None:  # type: ignore[no-untyped-def]
    _same(built(), validated())
    _same(built(), validated())  # the second time from the shared copy, where there is one


def test_recurring_parts_are_shared_but_zero_signs_are_kept_apart() -> None:
    assert ev.applied_effect("x", "add", 1.0, 2.0, 3.0) is ev.applied_effect("x", "add", 1, 2.0, 3.0)
    assert ev.move_submitted(1, "r", "a") is ev.move_submitted(1, "r", "a")
    plus, minus = ev.applied_effect("x", "multiply", 0.0, 2.0, 0.0), ev.applied_effect("x", "multiply", -0.0, 2.0, -0.0)
    assert _json(plus) != _json(minus)
    assert _json(ev.modifier_applied("m", 0.0)) != _json(ev.modifier_applied("m", -0.0))


@pytest.mark.parametrize("name", ["harbour", "iraq"])
def test_the_canonical_bytes_are_pydantics_own_json(name: str, request: pytest.FixtureRequest) -> None:
    """The store writes ``event_json_bytes`` (pydantic-core's serializer called directly, without a
    ``TypeAdapter``'s wrapper): for every event of seeded bot games it is ``TypeAdapter(...).dump_json`` exactly,
    and it reads back as the same event."""
    from wargame.engine.game import Game

    scenario = request.getfixturevalue(name)
    kinds: set[str] = set()
    for seed in range(4):
        game = Game.new(scenario, seed=seed, assignments={role: "random" for role in scenario.world.roles})
        game.play_to_end()
        for event in game.events:
            kinds.add(event.kind)
            assert ev.event_json_bytes(event) == _json(event)
            assert ev.event_to_json(event) == _json(event).decode()
            assert ev.event_from_json(ev.event_json_bytes(event)) == event
    assert {"session_started", "move_submitted", "outcome_adjudicated", "scores_computed", "turn_ended"} <= kinds
