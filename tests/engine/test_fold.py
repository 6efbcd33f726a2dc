"""The fold handles every kind of event: one test per member of the event union."""

from __future__ import annotations

import typing

import pytest

from wargame.engine import events as ev
from wargame.engine.scenario import Scenario
from wargame.engine.state import apply, new_state

KINDS = typing.get_args(typing.get_args(ev.Event)[0])

EXAMPLES: dict[type, ev.EventBase] = {
    ev.SessionStarted: ev.SessionStarted(turn=0, scenario_id="harbour", scenario_hash="x", seed=1,
                                         assignments={"navy": "human", "fleet": "random"}),
    ev.SeedChosen: ev.SeedChosen(turn=0, seed=2),
    ev.RoleAssigned: ev.RoleAssigned(turn=0, role="navy", player="random"),
    ev.TurnStarted: ev.TurnStarted(turn=1, date="2026-01-01"),
    ev.InjectReleased: ev.InjectReleased(turn=1, inject_id="x", by="control"),
    ev.InjectHeld: ev.InjectHeld(turn=1, inject_id="x"),
    ev.InjectDecisionUndone: ev.InjectDecisionUndone(turn=1, inject_id="x", decision="release",
                                                     restored=(ev.VarChanged(var="tension", before=1, after=3),)),
    ev.MoveSubmitted: ev.MoveSubmitted(turn=1, role="navy", action="shadow"),
    ev.MoveWithdrawn: ev.MoveWithdrawn(turn=1, role="navy", action="shadow"),
    ev.MovesSealed: ev.MovesSealed(turn=1, role="navy"),
    ev.OutcomeAdjudicated: ev.OutcomeAdjudicated(
        turn=1, role="navy", action="shadow", chance=ev.ChanceExplained(base=0.8, chance=0.8), roll=0.1, band="success",
        effects=(ev.EffectApplied(var="tension", op="add", value=-1, before=2, after=1),), visibility="public", reveal_turn=1),
    ev.RuleTriggered: ev.RuleTriggered(turn=1, rule_id="r"),
    ev.RedLineCrossed: ev.RedLineCrossed(turn=1, role="navy", red_line="x"),
    ev.ScoresComputed: ev.ScoresComputed(turn=1, scores={"navy": {"calm": 3.0}}),
    ev.TurnAdjudicated: ev.TurnAdjudicated(turn=1),
    ev.OutcomeOverridden: ev.OutcomeOverridden(turn=1, role="navy", action="shadow", from_band="success", to_band="failure",
                                               rationale="r", changes=(ev.VarChanged(var="tension", before=1, after=2),)),
    ev.NoteAdded: ev.NoteAdded(turn=1, author="control", text="n"),
    ev.TurnEnded: ev.TurnEnded(turn=1),
    ev.SessionEnded: ev.SessionEnded(turn=1, reason="control", message="m"),
    ev.DebriefEntryAdded: ev.DebriefEntryAdded(turn=1, section="strength", text="t"),
    ev.EffectsMatured: ev.EffectsMatured(turn=1, source="outcome:1:navy:shadow",
                                         effects=(ev.EffectApplied(var="tension", op="add", value=1, before=1, after=2),)),
    ev.OpenMoveProposed: ev.OpenMoveProposed(turn=1, role="navy", index=1, text="Radio the fleet's owner"),
    ev.OpenMoveJudged: ev.OpenMoveJudged(turn=1, role="navy", index=1, chance=0.5, rationale="r"),
    ev.OpenMoveResolved: ev.OpenMoveResolved(turn=1, role="navy", index=1, chance=0.5, roll=0.2, band="success",
                                             effects=(ev.EffectApplied(var="tension", op="add", value=-1, before=1, after=0),)),
    ev.OpenMoveOverridden: ev.OpenMoveOverridden(turn=1, role="navy", index=1, from_band="success", to_band="failure",
                                                 rationale="r", changes=(ev.VarChanged(var="tension", before=1, after=2),)),
    ev.MessageSent: ev.MessageSent(turn=1, sender="navy", to=("fleet",), text="Stand off the reef"),
    ev.ClockChanged: ev.ClockChanged(turn=1, change="set", deadline="2026-11-29T14:00:00+00:00", on_expiry="pass"),
    ev.AgendaSet: ev.AgendaSet(turn=1, start="2026-11-29T13:00:00.000+00:00", minutes_per_turn=10),
    ev.InjectImprovised: ev.InjectImprovised(turn=1, inject_id="X1", title="A storm", audience="all", message="m",
                                             effects=(ev.EffectApplied(var="tension", op="add", value=1, before=1, after=2),)),
}


def test_every_kind_has_an_example() -> None:
    assert set(EXAMPLES) == set(KINDS)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_the_fold_records_every_kind(kind: type, harbour: Scenario) -> None:
    """Folded after a session started, a turn opened and a move was made, an event of each kind leaves
    its mark on the state beyond the event count: no kind falls through the fold unrecorded."""
    state = new_state(harbour)
    prefix = [EXAMPLES[ev.SessionStarted], EXAMPLES[ev.TurnStarted], EXAMPLES[ev.MoveSubmitted]]
    for event in prefix if kind is not ev.SessionStarted else []:
        apply(state, event)  # type: ignore[arg-type]
    before = repr(state)
    apply(state, EXAMPLES[kind])  # type: ignore[arg-type]
    state.events -= 1
    assert repr(state) != before


def test_an_unknown_kind_is_refused(harbour: Scenario) -> None:
    """An object outside the union reaches assert_never: the fold never silently ignores a kind."""
    with pytest.raises(AssertionError):
        apply(new_state(harbour), object())  # type: ignore[arg-type]
