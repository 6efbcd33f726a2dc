"""The engine's rule book: one small scenario per rule, the rule in each test's docstring."""

from __future__ import annotations

import dataclasses

import pytest

from wargame.engine import decide as c
from wargame.engine.errors import IllegalMove, NotAllowed, OverrideRefused, UnknownName, WrongPhase
from wargame.engine.events import (
    InjectDecisionUndone,
    InjectReleased,
    OutcomeAdjudicated,
    OutcomeOverridden,
    RuleTriggered,
    ScoresComputed,
    SessionEnded,
)
from wargame.engine.scenario import Effect
from wargame.engine.state import replay
from wargame.engine.views import view_for

from .builder import action, role, scenario, started


def outcomes(events: list) -> list[OutcomeAdjudicated]:  # type: ignore[type-arg]
    return [e for e in events if isinstance(e, OutcomeAdjudicated)]


def test_deterministic_effect() -> None:
    """Rule 1. An action whose chance is 1 always succeeds, and its effects apply exactly, each
    recorded with the value before and after."""
    s = scenario([role("a", [action("push", effects=[{"var": "x", "add": 2}])])])
    game = started(s)
    game.run(c.submit_move, "a", "push")
    [outcome] = outcomes(game.run(c.adjudicate))
    assert outcome.band == "success"
    assert [(e.var, e.op, e.value, e.before, e.after) for e in outcome.effects] == [("x", "add", 2.0, 5.0, 7.0)]
    assert game.state.variables["x"] == 7.0


def test_clamping_at_bounds() -> None:
    """Rule 2. Every effect is clamped to its variable's [min, max], whether it adds, sets or multiplies."""
    s = scenario([role("a", [
        action("surge", effects=[{"var": "x", "add": 100}]),
        action("crash", effects=[{"var": "y", "multiply": -3}]),
        action("reset", effects=[{"var": "z", "set": 99}]),
    ])], variables=[
        {"id": "x", "label": "X", "min": 0, "max": 10, "initial": 5},
        {"id": "y", "label": "Y", "min": 0, "max": 10, "initial": 5},
        {"id": "z", "label": "Z", "min": -1, "max": 1, "initial": 0},
    ])
    game = started(s)
    for move in ("surge", "crash", "reset"):
        game.run(c.submit_move, "a", move)
    game.run(c.adjudicate)
    assert game.state.variables == {"x": 10.0, "y": 0.0, "z": 1.0}


@pytest.mark.parametrize("seed", range(40))
def test_chance_zero_never_succeeds_and_chance_one_always_does(seed: int) -> None:
    """Rule 3. A chance of 0 never gives success and a chance of 1 always does, whatever the roll."""
    s = scenario([role("a", [
        action("sure", base=1.0),
        action("hopeless", base=0.0, bands=[{"id": "success"}, {"id": "failure", "share": 1}]),
    ])])
    game = started(s, seed=seed)
    game.run(c.submit_move, "a", "sure")
    game.run(c.submit_move, "a", "hopeless")
    bands = {o.action: o.band for o in outcomes(game.run(c.adjudicate))}
    assert bands == {"sure": "success", "hopeless": "failure"}


def test_modifiers_add_up_and_are_clamped() -> None:
    """Rule 4. Chance = base + every modifier whose condition holds (each with its reason), clamped to [0, 1];
    a modifier whose condition fails is left out of the explanation."""
    s = scenario([role("a", [
        action("try", base=0.5, chance={"base": 0.5, "modifiers": [
            {"add": 0.2, "reason": "always"},
            {"when": "x >= 5", "add": "x / 50", "reason": "scales with x"},
            {"when": "x > 100", "add": -0.9, "reason": "never holds"},
        ]}),
        action("overdo", chance={"base": 0.9, "modifiers": [{"add": 0.5, "reason": "too much"}]}),
    ])])
    game = started(s)
    game.run(c.submit_move, "a", "try")
    game.run(c.submit_move, "a", "overdo")
    tried, overdone = outcomes(game.run(c.adjudicate))
    assert [(m.reason, m.add) for m in tried.chance.modifiers] == [("always", 0.2), ("scales with x", 0.1)]
    assert tried.chance.chance == pytest.approx(0.8)
    assert overdone.chance.chance == 1.0


def test_order_of_simultaneous_moves() -> None:
    """Rule 5. Moves are resolved together: chances read the world as it stood when adjudication began,
    and effects apply in the world's role order (then submission order), whatever order the moves came in."""
    s = scenario([
        role("first", [action("double", effects=[{"var": "x", "multiply": 2}])]),
        role("second", [action("add_one", effects=[{"var": "x", "add": 1}],
                               chance={"base": 0.0, "modifiers": [{"when": "x >= 6", "add": 1, "reason": "x already high"}]},
                               bands=[{"id": "success", "effects": [{"var": "x", "add": 1}]}, {"id": "failure", "share": 1}])]),
    ], variables=[{"id": "x", "label": "X", "min": 0, "max": 100, "initial": 2}])
    game = started(s)
    game.run(c.submit_move, "second", "add_one")
    game.run(c.submit_move, "first", "double")
    events = outcomes(game.run(c.adjudicate))
    assert [o.role for o in events] == ["first", "second"]
    # 'first' doubled x to 4, but 'second' was judged on x = 2, so its modifier did not apply
    assert events[1].band == "failure" and game.state.variables["x"] == 4.0


def test_a_modifier_can_depend_on_another_roles_move_this_turn() -> None:
    """Rule 6. Modifiers see every move of the turn: Tehran restraining the militias lowers their odds."""
    s = scenario([
        role("tehran", [action("restrain")]),
        role("militias", [action("attack", chance={"base": 0.6, "modifiers": [
            {"when": "tehran.restrain", "add": -0.4, "reason": "Tehran restrains the militias"}]})]),
    ])
    game = started(s)
    game.run(c.submit_move, "tehran", "restrain")
    game.run(c.submit_move, "militias", "attack")
    attack = outcomes(game.run(c.adjudicate))[1]
    assert attack.chance.chance == pytest.approx(0.2)
    assert attack.chance.modifiers[0].reason == "Tehran restrains the militias"


def test_rolls_are_keyed_by_seed_turn_role_and_action() -> None:
    """Rule 7. Changing one role's move never changes another role's roll."""
    s = scenario([
        role("a", [action("one", base=0.5, bands=[{"id": "success"}, {"id": "failure", "share": 1}]), action("two")]),
        role("b", [action("act", base=0.5, bands=[{"id": "success"}, {"id": "failure", "share": 1}])]),
    ])
    rolls = []
    for a_move in ("one", "two"):
        game = started(s, seed=99)
        game.run(c.submit_move, "a", a_move)
        game.run(c.submit_move, "b", "act")
        rolls.append(next(o.roll for o in outcomes(game.run(c.adjudicate)) if o.role == "b"))
    assert rolls[0] == rolls[1]


def test_bands_share_the_miss() -> None:
    """Rule 8. A roll under the chance is success; the rest of [0, 1) is split among the other bands by share,
    in the order written."""
    from wargame.engine.rules import Rules

    s = scenario([role("a", [action("act", base=0.5, bands=[
        {"id": "success"}, {"id": "partial", "share": 0.5}, {"id": "failure", "share": 0.3}, {"id": "backfire", "share": 0.2}])])])
    act = s.action("a", "act")
    assert [Rules.band(act, 0.5, roll) for roll in (0.1, 0.5, 0.74, 0.76, 0.89, 0.91, 0.999)] == [
        "success", "partial", "partial", "failure", "failure", "backfire", "backfire"]


def test_inject_triggered_by_a_threshold_fires_once() -> None:
    """Rule 9. A branch inject arrives at the start of the first turn after its trigger holds, and only once."""
    s = scenario([role("a", [action("push", effects=[{"var": "x", "add": 3}])])], injects=[{
        "id": "B-1", "title": "Crisis", "kind": "branch", "trigger": "x >= 7", "from": "Control",
        "message": "It is a crisis.", "provenance": "invented"}], turns=4)
    game = started(s)
    released_at = []
    for _ in range(3):
        game.run(c.submit_move, "a", "push")
        game.run(c.adjudicate)
        events = game.run(c.end_turn)
        released_at += [(e.turn, e.by) for e in events if isinstance(e, InjectReleased)]
    assert released_at == [(2, "trigger")]


def test_follow_on_rule_fires_when_a_threshold_is_crossed() -> None:
    """Rule 10. After adjudication, follow-on rules whose condition holds apply their effects; a rule marked
    once fires once per session, others every turn their condition holds."""
    s = scenario([role("a", [action("push", effects=[{"var": "x", "add": 1}])])], variables=[
        {"id": "x", "label": "X", "min": 0, "max": 10, "initial": 5},
        {"id": "y", "label": "Y", "min": 0, "max": 10, "initial": 0},
        {"id": "z", "label": "Z", "min": 0, "max": 10, "initial": 0},
    ], rules=[
        {"id": "once", "label": "Once", "when": "x >= 6", "effects": [{"var": "y", "add": 1}]},
        {"id": "every", "label": "Every", "when": "x >= 6", "once": False, "effects": [{"var": "z", "add": 1}]},
    ])
    game = started(s)
    fired = []
    for _ in range(3):
        game.run(c.submit_move, "a", "push")
        fired += [e.rule_id for e in game.run(c.adjudicate) if isinstance(e, RuleTriggered)]
        if game.state.turn < 3:
            game.run(c.end_turn)
    assert fired == ["once", "every", "every", "every"]
    assert game.state.variables["y"] == 1.0 and game.state.variables["z"] == 3.0


def test_held_inject_waits_for_control() -> None:
    """Rule 11. Control may hold a pending inject: it does not arrive on its turn, and arrives when released."""
    s = scenario([role("a", [action("wait")])], injects=[{
        "id": "H-2", "title": "News", "kind": "historical", "turn": 2, "from": "Wire", "message": "News.",
        "effects": [{"var": "x", "add": 1}], "provenance": "source"}])
    game = started(s)
    game.run(c.hold_inject, "H-2", "class needs more time")
    game.run(c.adjudicate)
    assert not [e for e in game.run(c.end_turn) if isinstance(e, InjectReleased)]
    [released] = game.run(c.release_inject, "H-2")
    assert released.by == "control" and game.state.variables["x"] == 6.0
    with pytest.raises(WrongPhase):
        game.run(c.release_inject, "H-2")


def test_contingency_inject_is_released_by_control_only() -> None:
    """Rule 12. A contingency inject never arrives by itself; control releases it, and its effects apply."""
    s = scenario([role("a", [action("wait")])], injects=[{
        "id": "C-1", "title": "Storm", "kind": "contingency", "from": "Control", "message": "A storm.",
        "effects": [{"var": "x", "set": 0}], "provenance": "invented"}], turns=2)
    game = started(s)
    game.run(c.adjudicate)
    game.run(c.end_turn)
    assert "C-1" not in game.state.released
    game.run(c.release_inject, "C-1")
    assert game.state.variables["x"] == 0.0


def test_override_needs_a_rationale_and_resolves_the_turn_again() -> None:
    """Rule 13. The umpire may replace an outcome with another band or custom effects, and must say why.
    The turn is resolved again from the start of adjudication with the new outcome in place; scores follow."""
    s = scenario([
        role("a", [action("strike", base=1.0, bands=[
            {"id": "success", "effects": [{"var": "x", "add": 3}]},
            {"id": "backfire", "share": 1, "effects": [{"var": "x", "add": -4}]}])],
            objectives=[{"id": "high", "label": "High x", "metric": "x"}]),
        role("b", [action("cap", effects=[{"var": "x", "multiply": 2}])]),
    ], variables=[{"id": "x", "label": "X", "min": 0, "max": 10, "initial": 4}])
    game = started(s)
    game.run(c.submit_move, "a", "strike")
    game.run(c.submit_move, "b", "cap")
    game.run(c.adjudicate)
    assert game.state.variables["x"] == 10.0  # (4 + 3) * 2, clamped
    with pytest.raises(OverrideRefused, match="rationale"):
        game.run(c.override, "a", "strike", "  ", band="backfire")
    with pytest.raises(UnknownName):
        game.run(c.override, "a", "strike", "typo", band="backfyre")
    overridden, scores = game.run(c.override, "a", "strike", "the strike hit the wrong depot", band="backfire")
    assert isinstance(overridden, OutcomeOverridden) and isinstance(scores, ScoresComputed)
    assert (overridden.from_band, overridden.to_band) == ("success", "backfire")
    assert game.state.variables["x"] == 0.0  # (4 - 4) * 2
    assert scores.scores["a"]["high"] == 0.0
    game.run(c.override, "a", "strike", "umpire's call", effects=[Effect(var="x", set=1)])
    assert game.state.variables["x"] == 2.0  # set 1, then doubled
    assert replay(s, game.events).variables == game.state.variables


def test_objectives_are_scored_every_turn() -> None:
    """Rule 14. After every adjudication each role's objectives are scored from the state."""
    s = scenario([role("a", [action("push", effects=[{"var": "x", "add": 1}])],
                       objectives=[{"id": "x_high", "label": "x", "metric": "x * 10"},
                                   {"id": "x_low", "label": "low", "metric": "10 - x"}])])
    game = started(s)
    for _ in range(2):
        game.run(c.submit_move, "a", "push")
        game.run(c.adjudicate)
        if game.state.turn < 2:
            game.run(c.end_turn)
    assert game.state.scores == {1: {"a": {"x_high": 60.0, "x_low": 4.0}}, 2: {"a": {"x_high": 70.0, "x_low": 3.0}}}


def test_end_condition_ends_the_exercise() -> None:
    """Rule 15a. The exercise ends at the end of a turn in which an end condition holds."""
    s = scenario([role("a", [action("push", effects=[{"var": "x", "add": 5}])])],
                 end_conditions=[{"id": "boom", "when": "x >= 10", "message": "It blew up."}], turns=5)
    game = started(s)
    game.run(c.submit_move, "a", "push")
    game.run(c.adjudicate)
    ended = game.run(c.end_turn)[-1]
    assert isinstance(ended, SessionEnded) and (ended.reason, ended.turn) == ("boom", 1)
    with pytest.raises(WrongPhase):
        game.run(c.submit_move, "a", "push")


def test_last_turn_ends_the_exercise() -> None:
    """Rule 15b. After the last turn the exercise ends with reason last_turn."""
    s = scenario([role("a", [action("wait")])], turns=2)
    game = started(s)
    for _ in range(2):
        game.run(c.adjudicate)
        last = game.run(c.end_turn)[-1]
    assert isinstance(last, SessionEnded) and last.reason == "last_turn" and game.state.turn == 2


def test_control_may_end_the_exercise() -> None:
    """Rule 15c. Control may end the exercise at any moment."""
    s = scenario([role("a", [action("wait")])])
    game = started(s)
    [ended] = game.run(c.end_session)
    assert ended.reason == "control" and game.state.phase == "ended"


def test_refused_moves() -> None:
    """Rule 16. A move is refused, with a clear reason and nothing changed, when it breaks a precondition,
    exceeds the role's resources this turn, is already chosen, is not the role's, or comes outside the moves phase."""
    s = scenario([role("a", [
        action("big", cost=2), action("small", cost=1), action("gated", cost=0, preconditions=["x >= 8"]),
    ], per_turn=2)])
    game = started(s)
    with pytest.raises(IllegalMove, match="precondition not met: x >= 8"):
        game.run(c.submit_move, "a", "gated")
    game.run(c.submit_move, "a", "big")
    with pytest.raises(IllegalMove, match="costs 1 capacity; 0 left"):
        game.run(c.submit_move, "a", "small")
    with pytest.raises(IllegalMove, match="already chosen"):
        game.run(c.submit_move, "a", "big")
    with pytest.raises(UnknownName):
        game.run(c.submit_move, "a", "fly")
    events_before = len(game.events)
    game.run(c.adjudicate)
    with pytest.raises(WrongPhase):
        game.run(c.submit_move, "a", "small")
    assert len(game.events) > events_before


def test_withdrawn_move_is_not_adjudicated() -> None:
    """Rule 17. A move withdrawn before adjudication is not resolved, and frees its cost."""
    s = scenario([role("a", [action("big", cost=2, effects=[{"var": "x", "add": 1}]), action("other", cost=2)], per_turn=2)])
    game = started(s)
    game.run(c.submit_move, "a", "big")
    game.run(c.withdraw_move, "a", "big")
    game.run(c.submit_move, "a", "other")
    assert [o.action for o in outcomes(game.run(c.adjudicate))] == ["other"]


def test_a_move_another_move_needs_cannot_be_withdrawn_first() -> None:
    """Rule 17b. A move may not be withdrawn while another of the role's moves this turn needs it (a
    precondition that holds only with it, such as a denial of this turn's attack): the dependent move is
    dropped first."""
    s = scenario([role("a", [
        action("attack"),
        action("deny", preconditions=[{"when": "a.attack", "reason": "there is no attack to deny"}]),
    ])])
    game = started(s)
    assert c.why_illegal(game.state, "a", "deny") == "there is no attack to deny"
    game.run(c.submit_move, "a", "attack")
    game.run(c.submit_move, "a", "deny")
    with pytest.raises(IllegalMove, match="“Deny” needs “Attack” this turn: drop “Deny” first"):
        game.run(c.withdraw_move, "a", "attack")
    game.run(c.withdraw_move, "a", "deny")
    game.run(c.withdraw_move, "a", "attack")
    assert game.state.moves == {}


def test_delayed_move_is_revealed_later() -> None:
    """Rule 18. A delayed action's outcome is hidden from other roles until reveal_after turns have passed;
    a private one never reaches them."""
    s = scenario([
        role("a", [action("covert", visibility="delayed", reveal_after=1), action("secret", visibility="private")]),
        role("b", [action("wait")]),
    ])
    game = started(s)
    game.run(c.submit_move, "a", "covert")
    game.run(c.submit_move, "a", "secret")
    game.run(c.adjudicate)
    assert [o.action for o in view_for(game.state, "b").outcomes] == []
    assert [o.action for o in view_for(game.state, "a").outcomes] == ["covert", "secret"]
    game.run(c.end_turn)
    assert [o.action for o in view_for(game.state, "b").outcomes] == ["covert"]


def test_sealed_moves_are_final() -> None:
    """Rule 19. Once a role seals its moves (possibly none) it can neither add nor withdraw one this turn;
    the seal lapses when the next turn opens."""
    s = scenario([role("a", [action("one"), action("two")])])
    game = started(s)
    game.run(c.submit_move, "a", "one")
    game.run(c.seal_moves, "a")
    with pytest.raises(IllegalMove, match="sealed"):
        game.run(c.submit_move, "a", "two")
    with pytest.raises(IllegalMove, match="sealed"):
        game.run(c.withdraw_move, "a", "one")
    game.run(c.adjudicate)
    game.run(c.end_turn)
    game.run(c.submit_move, "a", "two")


def test_seed_is_chosen_during_set_up_only() -> None:
    """Rule 20. Control may change the seed during set-up; once the first turn opens the dice are fixed."""
    from wargame.engine.game import Game

    s = scenario([role("a", [action("one")])])
    game = Game.new(s, seed=1)
    game.run(c.choose_seed, 42)
    assert game.state.seed == 42
    with pytest.raises(IllegalMove):
        game.run(c.choose_seed, -1)
    with pytest.raises(IllegalMove):
        c.start_session(s, -5)
    game.run(c.start)
    with pytest.raises(WrongPhase):
        game.run(c.choose_seed, 43)


def test_debrief_entries_are_events_written_after_the_start_even_once_ended() -> None:
    """Rule 21. The facilitator's strengths, areas for improvement and improvement-plan rows are events:
    refused before the exercise starts, accepted in any phase after it (including once it has ended),
    kept in order in the state, and never change the world."""
    from wargame.engine.events import DebriefEntryAdded
    from wargame.engine.game import Game

    s = scenario([role("a", [action("one")])], turns=1)
    game = Game.new(s, seed=1)
    with pytest.raises(WrongPhase):
        game.run(c.add_debrief_entry, "strength", "too early")
    game.run(c.start)
    game.run(c.add_debrief_entry, "strength", "  quick consensus  ")
    with pytest.raises(IllegalMove):
        game.run(c.add_debrief_entry, "praise", "not a section")
    with pytest.raises(IllegalMove):
        game.run(c.add_debrief_entry, "improvement", "   ")
    game.run(c.adjudicate)
    game.run(c.end_turn)
    assert game.state.phase == "ended"
    before = dict(game.state.variables)
    [entry] = game.run(c.add_debrief_entry, "plan", "Rehearse the hand-over", capability="Coordination",
                       issue="slow hand-over", owner="J3", due="2020-06", about_turn=1)
    assert isinstance(entry, DebriefEntryAdded) and entry.turn == 1 and entry.about_turn == 1
    assert [(e.section, e.text) for e in game.state.debrief] == [("strength", "quick consensus"),
                                                                 ("plan", "Rehearse the hand-over")]
    assert game.state.variables == before
    assert [(e.section, e.text) for e in replay(s, game.events).debrief] == [(e.section, e.text) for e in game.state.debrief]


def test_override_keeps_an_inject_released_during_review() -> None:
    """Rule 13b. An inject control released after adjudication stays in force when an outcome of the
    same turn is overridden: the re-resolution applies it again, after the outcomes and rules."""
    s = scenario([role("a", [action("push", base=1.0, bands=[
        {"id": "success", "effects": [{"var": "x", "add": 2}]},
        {"id": "failure", "share": 1, "effects": []}])])],
        injects=[{"id": "C-1", "title": "Aid", "kind": "contingency", "from": "Control", "message": "Aid arrives.",
                  "effects": [{"var": "x", "add": 1}], "provenance": "invented"}])
    game = started(s)
    game.run(c.submit_move, "a", "push")
    game.run(c.adjudicate)
    game.run(c.release_inject, "C-1")
    assert game.state.variables["x"] == 8.0 and game.state.history[1]["x"] == 8.0
    game.run(c.override, "a", "push", "the push stalled", band="failure")
    assert game.state.variables["x"] == 6.0  # 5, no push, then the aid
    assert replay(s, game.events).variables == game.state.variables


def _toll_scenario(**extra_role: object):  # type: ignore[no-untyped-def]
    """Washington strikes (a success kills 25, a miss kills none); Iraqi outrage is a ``once`` rule at 20 dead
    with a delayed sequel; a quiet week (fewer than 10 dead) lowers the pressure."""
    return scenario([
        role("washington", [action("strike", base=1.0, bands=[
            {"id": "success", "effects": [{"var": "toll", "add": 25}]},
            {"id": "miss", "share": 1, "effects": []}])], **extra_role),  # type: ignore[arg-type]
    ], variables=[
        {"id": "toll", "label": "Iraqi deaths", "min": 0, "max": 100, "initial": 0},
        {"id": "pressure", "label": "Withdrawal pressure", "min": 0, "max": 100, "initial": 50},
    ], rules=[
        {"id": "outrage", "label": "Outrage at Iraqi deaths", "when": "toll >= 20", "message": "Iraq is outraged.",
         "effects": [{"var": "pressure", "add": 6}, {"var": "pressure", "add": 4, "after": 1}]},
        {"id": "calm", "label": "A quiet week", "when": "toll < 10", "once": False, "message": "Calm.",
         "effects": [{"var": "pressure", "add": -1}]},
    ], turns=3)


def test_an_override_tests_the_turns_follow_on_rules_again() -> None:
    """Rule 13c. An override tests the turn's follow-on rules again with the new outcome in place: a rule
    that fired only because of the overridden band is undone — its effects, its delayed effects, and its
    firing, so a ``once`` rule fires later when its condition really holds — and a rule that holds only
    under the new band fires. Here an override that takes the Iraqi toll back under 20 undoes "Outrage at
    Iraqi deaths", which then fires when the toll really reaches 20."""
    s = _toll_scenario()
    game = started(s)
    game.run(c.submit_move, "washington", "strike")
    adjudicated = game.run(c.adjudicate)
    assert [e.rule_id for e in adjudicated if isinstance(e, RuleTriggered)] == ["outrage"]
    assert game.state.variables == {"toll": 25.0, "pressure": 56.0}
    overridden, _ = game.run(c.override, "washington", "strike", "the strike hit an empty depot", band="miss")
    assert isinstance(overridden, OutcomeOverridden)
    assert [(r.rule_id, [(e.var, e.before, e.after) for e in r.effects]) for r in overridden.rules or ()] == [
        ("calm", [("pressure", 50.0, 49.0)])]
    assert game.state.variables == {"toll": 0.0, "pressure": 49.0}
    assert game.state.rules_fired == {"calm": 1}
    assert [e.rule_id for e in game.state.rule_events[1]] == ["calm"]
    assert not game.state.pending  # the outrage's sequel will not arrive
    shown = [(r.turn, r.rule_id) for r in view_for(game.state, "washington").rules_fired]
    assert shown == [(1, "calm")]
    game.run(c.end_turn)
    assert game.state.variables["pressure"] == 49.0
    game.run(c.submit_move, "washington", "strike")
    turn_two = game.run(c.adjudicate)
    assert [e.rule_id for e in turn_two if isinstance(e, RuleTriggered)] == ["outrage"]  # the toll really reaches 20
    assert game.state.variables == {"toll": 25.0, "pressure": 55.0}
    assert replay(s, game.events).rules_fired == game.state.rules_fired == {"calm": 1, "outrage": 1}


def test_overriding_back_restores_the_knock_ons_and_an_unchanged_rule_stays() -> None:
    """Rule 13d. Overrides of the same turn compose: overriding back to the adjudicated band fires the
    knock-ons again as at adjudication, and the fold of the log agrees with the state at every step."""
    s = _toll_scenario()
    game = started(s)
    game.run(c.submit_move, "washington", "strike")
    game.run(c.adjudicate)
    adjudicated = (dict(game.state.variables), dict(game.state.rules_fired), list(game.state.pending))
    game.run(c.override, "washington", "strike", "an empty depot", band="miss")
    assert replay(s, game.events).rules_fired == game.state.rules_fired == {"calm": 1}
    game.run(c.override, "washington", "strike", "on reflection, it hit", band="success")
    assert (game.state.variables, game.state.rules_fired, game.state.pending) == adjudicated
    folded = replay(s, game.events)
    assert (folded.variables, folded.rules_fired, folded.pending) == adjudicated


def test_a_red_line_crossed_stays_crossed_after_an_override() -> None:
    """Rule 13e. A red line crossed at adjudication stays crossed when an override takes back what crossed
    it, and its consequences stay in force: its crossing may have released injects the teams have read.
    The follow-on rules are tested again all the same."""
    s = _toll_scenario(red_lines=[{"id": "massacre", "label": "A massacre", "when": "toll >= 20",
                                   "effects": [{"var": "pressure", "add": 10}]}])
    game = started(s)
    game.run(c.submit_move, "washington", "strike")
    game.run(c.adjudicate)
    assert game.state.variables["pressure"] == 66.0  # 50 + 6 (outrage) + 10 (red line)
    game.run(c.override, "washington", "strike", "an empty depot", band="miss")
    assert game.state.red_lines == {("washington", "massacre"): 1}
    assert game.state.variables == {"toll": 0.0, "pressure": 59.0}  # 50 - 1 (calm) + 10 (red line)
    assert replay(s, game.events).variables == game.state.variables


def test_an_override_from_a_save_before_rules_were_retested_keeps_the_turns_rules() -> None:
    """Rule 13f. An override recorded before overrides tested rules again (no ``rules`` in the event) folds
    as it did then: the turn's rules stand as adjudicated, and the event is written without the field."""
    from wargame.engine.events import event_to_json

    s = _toll_scenario()
    game = started(s)
    game.run(c.submit_move, "washington", "strike")
    game.run(c.adjudicate)
    [overridden, *rest] = c.override(game.state, "washington", "strike", "an empty depot", band="miss")
    old = dataclasses.replace(overridden, rules=None)
    assert '"rules"' not in event_to_json(old) and '"rules":[' in event_to_json(overridden)
    state = replay(s, [*game.events, old])
    assert state.rules_fired == {"outrage": 1} and [e.rule_id for e in state.rule_events[1]] == ["outrage"]
    assert len(state.pending) == 1
    [shown] = view_for(state, "control").outcomes[0].overrides
    assert not shown.rules_retested and shown.rules_undone == shown.rules_added == ()
    [now] = view_for(replay(s, [*game.events, overridden]), "control").outcomes[0].overrides
    assert now.rules_retested and (now.rules_undone, now.rules_added) == (("outrage",), ("calm",))


def test_control_undoes_its_last_release_or_hold_within_the_stage() -> None:
    """Rule 11b. Control may undo its last release or hold while the turn is in the same stage. Undoing a
    release puts back every variable the release changed, drops its scheduled effects, and leaves the
    inject pending again (held again if it had been held); undoing a hold leaves the inject pending.
    Only the last decision may be undone, once; adjudication, the end of the turn, an override or an
    improvised inject closes the undo. The undo is an event of its own: the fold of the log agrees."""
    s = scenario([role("a", [action("wait")])], injects=[
        {"id": "C-1", "title": "Storm", "kind": "contingency", "from": "Control", "message": "A storm.",
         "effects": [{"var": "x", "add": 2}, {"var": "x", "multiply": 2}, {"var": "y", "add": 1, "after": 1}],
         "provenance": "invented"},
        {"id": "H-2", "title": "News", "kind": "historical", "turn": 2, "from": "Wire", "message": "News.",
         "provenance": "source"}],
        variables=[{"id": "x", "label": "X", "min": 0, "max": 100, "initial": 5},
                   {"id": "y", "label": "Y", "min": 0, "max": 10, "initial": 0}])
    game = started(s)
    before = dict(game.state.variables)
    with pytest.raises(NotAllowed, match="nothing to undo"):
        game.run(c.undo_inject_decision)
    game.run(c.hold_inject, "C-1", "not yet")
    game.run(c.release_inject, "C-1")
    assert game.state.variables["x"] == 14.0 and game.state.pending
    [undone] = game.run(c.undo_inject_decision)
    assert isinstance(undone, InjectDecisionUndone) and undone.decision == "release" and undone.held_again
    assert game.state.variables == before and not game.state.pending
    assert "C-1" not in game.state.released and "C-1" in game.state.held
    with pytest.raises(NotAllowed, match="nothing to undo"):
        game.run(c.undo_inject_decision)  # only once: the hold before it is not undone by a second undo
    game.run(c.hold_inject, "H-2")
    [undone] = game.run(c.undo_inject_decision)
    assert undone.decision == "hold" and "H-2" not in game.state.held
    game.run(c.release_inject, "C-1")
    game.run(c.adjudicate)
    with pytest.raises(NotAllowed, match="nothing to undo"):
        game.run(c.undo_inject_decision)  # the stage moved on: the release stands
    assert game.state.variables["x"] == 14.0
    assert replay(s, game.events).variables == game.state.variables
    assert replay(s, game.events).released.keys() == game.state.released.keys()


def test_undo_of_a_release_during_review_leaves_the_turn_as_adjudicated() -> None:
    """Rule 11c. An inject released during umpire review and then undone is no part of the turn's result:
    the turn's recorded variables are back to the adjudicated ones, and an override resolves the turn
    again without it."""
    s = scenario([role("a", [action("push", base=1.0, bands=[
        {"id": "success", "effects": [{"var": "x", "add": 2}]},
        {"id": "failure", "share": 1, "effects": []}])])],
        injects=[{"id": "C-1", "title": "Aid", "kind": "contingency", "from": "Control", "message": "Aid arrives.",
                  "effects": [{"var": "x", "add": 1}], "provenance": "invented"}])
    game = started(s)
    game.run(c.submit_move, "a", "push")
    game.run(c.adjudicate)
    game.run(c.release_inject, "C-1")
    assert game.state.history[1]["x"] == 8.0
    game.run(c.undo_inject_decision)
    assert game.state.variables["x"] == 7.0 and game.state.history[1]["x"] == 7.0
    assert not game.state.review_releases.get(1)
    game.run(c.override, "a", "push", "the push stalled", band="failure")
    assert game.state.variables["x"] == 5.0
    assert replay(s, game.events).variables == game.state.variables


def test_a_secret_move_is_known_at_once_to_the_roles_it_tells() -> None:
    """Rule 18b. A private or delayed move whose ``known_to`` names a role (its target) reaches that role
    at adjudication, as a public one would; every other role learns of it as its visibility says."""
    s = scenario([
        role("a", [action("ship", visibility="delayed", reveal_after=2, known_to=["b"]),
                   action("whisper", visibility="private", known_to=["b"])]),
        role("b", [action("wait")]),
        role("c", [action("wait")]),
    ])
    game = started(s)
    game.run(c.submit_move, "a", "ship")
    game.run(c.submit_move, "a", "whisper")
    game.run(c.adjudicate)
    told = view_for(game.state, "b").outcomes
    assert [o.action for o in told] == ["ship", "whisper"]
    assert all(o.reveal_turn == 1 for o in told)  # learned in the turn it was made, not "late"
    assert [o.action for o in view_for(game.state, "c").outcomes] == []
    game.run(c.end_turn)
    assert [o.action for o in view_for(game.state, "c").outcomes] == []
    game.run(c.adjudicate)
    game.run(c.end_turn)
    assert [o.action for o in view_for(game.state, "c").outcomes] == ["ship"]  # delayed: two turns on


def test_known_to_is_refused_on_a_public_move() -> None:
    """Rule 18c. Every role knows of a public move: naming roles it tells is a mistake, refused at load."""
    with pytest.raises(ValueError, match="known_to is for private and delayed actions"):
        scenario([role("a", [action("shout", known_to=["b"])]), role("b", [action("wait")])])


def test_an_override_resolves_the_other_outcomes_again() -> None:
    """Rule 13g. An override resolves the whole turn again: another outcome whose effect met a bound at
    adjudication, and no longer does (or now does), is recorded with the effect it now has, so every
    outcome of the turn adds up to the world that stands."""
    s = scenario([
        role("a", [action("push", bands=[{"id": "success", "effects": [{"var": "tension", "add": 4}]}])]),
        role("b", [action("pull", bands=[{"id": "success", "effects": [{"var": "tension", "add": -2}]}])]),
    ], variables=[{"id": "tension", "label": "Tension", "min": 0, "max": 10, "initial": 8}])
    game = started(s)
    game.run(c.submit_move, "a", "push")
    game.run(c.submit_move, "b", "pull")
    game.run(c.adjudicate)
    pull = next(o for o in game.state.outcomes[1] if o.event.action == "pull")
    assert (pull.effects[0].before, pull.effects[0].after) == (10, 8)  # push first: 8 → 10 (held), then 10 → 8
    game.run(c.override, "a", "push", "the push never came", effects=[])
    assert (pull.effects[0].before, pull.effects[0].after) == (8, 6)  # now from 8, nothing held
    assert game.state.variables["tension"] == 6
    assert pull.event.effects[0].after == 8  # the adjudication itself is kept as it was
