"""The rule book of scenario language 2: one small scenario per rule, the rule in each test's docstring."""

from __future__ import annotations

from typing import Any

import pytest

from wargame.engine import decide as c
from wargame.engine.events import EffectsMatured, InjectReleased, OutcomeAdjudicated, RedLineCrossed
from wargame.engine.game import Game
from wargame.engine.views import view_for

from .builder import action, role, scenario, started

X = [{"id": "x", "label": "X", "min": 0, "max": 100, "initial": 10}]


def play_turn(game: Game, moves: dict[str, list[str]] | None = None, *, end: bool = True) -> list[Any]:
    """Submit the moves, adjudicate, and (unless ``end`` is False) end the turn; every event of it."""
    events: list[Any] = []
    for role_id, actions in (moves or {}).items():
        for action_id in actions:
            events += game.run(c.submit_move, role_id, action_id)
    events += game.run(c.adjudicate)
    if end:
        events += game.run(c.end_turn)
    return events


def x(game: Game) -> float:
    return game.state.variables["x"]


def test_delayed_effect_applies_after_n_turns() -> None:
    """Language rule 1. An effect with ``after: N`` made in turn t applies at the opening of turn t + N,
    not before; the outcome records it as scheduled, and the opening records it as matured from that outcome."""
    s = scenario([role("a", [action("order", effects=[{"var": "x", "add": 5, "after": 2}])])], variables=X, turns=4)
    game = started(s)
    [outcome] = [e for e in play_turn(game, {"a": ["order"]}, end=False) if isinstance(e, OutcomeAdjudicated)]
    assert outcome.effects == () and [(e.var, e.first, e.last) for e in outcome.scheduled] == [("x", 3, 3)]
    assert x(game) == 10
    game.run(c.end_turn)  # turn 2 opens: nothing yet
    assert x(game) == 10
    opened = play_turn(game)  # adjudicate turn 2, open turn 3: it arrives
    matured = [e for e in opened if isinstance(e, EffectsMatured)]
    assert [(m.turn, m.source, [(a.before, a.after) for a in m.effects]) for m in matured] == [
        (3, "outcome:1:a:order", [(10.0, 15.0)])]
    assert x(game) == 15 and game.state.pending == []


def test_lasting_effect_applies_each_turn_for_n_turns() -> None:
    """Language rule 2. An effect that ``lasts: 3`` applies three times: with the outcome, then at each
    of the next two turns' openings; then it stops."""
    s = scenario([role("a", [action("surge", effects=[{"var": "x", "add": 2, "lasts": 3}])])], variables=X, turns=5)
    game = started(s)
    play_turn(game, {"a": ["surge"]})
    assert x(game) == 14  # 12 at adjudication, 14 at turn 2's opening
    play_turn(game)
    assert x(game) == 16
    play_turn(game)
    assert x(game) == 16 and game.state.pending == []


def test_lasting_effect_until_a_condition() -> None:
    """Language rule 3. An effect with ``until`` and no ``lasts`` applies at every opening until its
    condition holds (checked before each application); the opening that finds it holding ends it."""
    s = scenario([role("a", [
        action("isolate", effects=[{"var": "x", "add": -3, "until": "reconnected >= 1"}]),
        action("reconnect", effects=[{"var": "reconnected", "set": 1}]),
    ])], variables=[*X, {"id": "reconnected", "label": "R", "min": 0, "max": 1, "initial": 0}], turns=6)
    game = started(s)
    play_turn(game, {"a": ["isolate"]})  # 7, then 4 at turn 2's opening
    assert x(game) == 4
    events = play_turn(game, {"a": ["reconnect"]})  # reconnected at turn 2: turn 3's opening ends it
    [ended] = [e for e in events if isinstance(e, EffectsMatured)]
    assert ended.effects == () and len(ended.ended) == 1
    assert x(game) == 4 and game.state.pending == []


def test_expression_valued_effects_read_the_world_when_they_apply() -> None:
    """Language rule 4. An effect's value may be an expression; it is evaluated when the effect applies,
    on the world as it is then (effects of the same resolution that came before included)."""
    s = scenario([role("a", [
        action("surge", effects=[{"var": "surge", "add": 4}]),
        action("harm", effects=[{"var": "x", "add": "surge * 2"}]),
    ])], variables=[*X, {"id": "surge", "label": "Surge", "min": 0, "max": 10, "initial": 1}])
    game = started(s)
    events = play_turn(game, {"a": ["surge", "harm"]}, end=False)
    harm = [e for e in events if isinstance(e, OutcomeAdjudicated)][1]
    assert [(e.op, e.value, e.before, e.after) for e in harm.effects] == [("add", 10.0, 10.0, 20.0)]


def test_at_least_and_at_most() -> None:
    """Language rule 5. ``at_least: v`` raises a variable to v if it is below (never lowers it);
    ``at_most: v`` lowers it to v if above (never raises it)."""
    s = scenario([role("a", [
        action("floor", effects=[{"var": "x", "at_least": 40}, {"var": "y", "at_least": 1}]),
        action("cap", effects=[{"var": "z", "at_most": 3}, {"var": "w", "at_most": 90}]),
    ])], variables=[{"id": v, "label": v, "min": 0, "max": 100, "initial": 10} for v in ("x", "y", "z", "w")])
    game = started(s)
    play_turn(game, {"a": ["floor", "cap"]}, end=False)
    assert game.state.variables == {"x": 40.0, "y": 10.0, "z": 3.0, "w": 10.0}


def test_an_action_gated_on_an_inject_says_why_in_words() -> None:
    """Language rule 6. ``released("C-1")`` holds once that inject has been released. A precondition
    written with a ``reason`` shows the reason while it fails — not the expression, which would give
    the inject away."""
    inject = {"id": "C-1", "title": "FBI", "kind": "contingency", "from": "c", "message": "The FBI calls.",
              "provenance": "invented"}
    s = scenario([role("a", [
        action("call_fbi", preconditions=[{"when": 'released("C-1")', "reason": "no contact with the FBI yet"}]),
        action("wait"),
    ])], injects=[inject])
    game = started(s)
    assert c.why_illegal(game.state, "a", "call_fbi") == "no contact with the FBI yet"
    assert "call_fbi" not in c.legal_actions(game.state, "a")
    game.run(c.release_inject, "C-1")
    assert c.why_illegal(game.state, "a", "call_fbi") is None


def test_conditions_on_earlier_turns_moves() -> None:
    """Language rule 7. ``played(r.a)`` holds if r made move a in an earlier turn, ``last(r.a)`` if in the
    turn just before, ``times(r.a)`` counts those turns; this turn's moves do not count."""
    s = scenario([role("a", [
        action("prepare"),
        action("strike", preconditions=["last(a.prepare)"]),
        action("third", preconditions=["times(a.prepare) >= 2 and played(a.strike)"]),
    ])], turns=5)
    game = started(s)
    assert c.why_illegal(game.state, "a", "strike") == "precondition not met: last(a.prepare)"
    game.run(c.submit_move, "a", "prepare")
    assert c.why_illegal(game.state, "a", "strike") is not None  # this turn's move does not count
    play_turn(game)
    assert c.why_illegal(game.state, "a", "strike") is None
    play_turn(game, {"a": ["prepare", "strike"]})
    assert c.why_illegal(game.state, "a", "third") is None
    play_turn(game)
    assert c.why_illegal(game.state, "a", "strike") is not None  # prepared two turns ago, not last turn


def test_pools_are_spent_by_moves_and_refilled_by_their_rule() -> None:
    """Language rule 8. A role's pools are variables its moves spend (``costs``) when adjudicated; a pool
    refills at each opening by its rule — ``full``, an amount, or never (0) — and a move that needs more
    than is left (after this turn's other moves) is not open, with the reason in words."""
    s = scenario([role("a", [
        action("treat", costs={"beds": 2, "staff": 1}),
        action("triage", costs={"staff": 1}),
    ], pools=[{"var": "beds", "refill": 0}, {"var": "staff", "refill": "full"}])], variables=[
        {"id": "beds", "label": "Beds", "min": 0, "max": 5, "initial": 5},
        {"id": "staff", "label": "Staff on shift", "min": 0, "max": 2, "initial": 2},
    ], turns=4)
    game = started(s)
    game.run(c.submit_move, "a", "treat")
    game.run(c.submit_move, "a", "triage")
    play_turn(game)
    assert game.state.variables == {"beds": 3.0, "staff": 2.0}  # staff refilled at turn 2's opening
    play_turn(game, {"a": ["treat"]})
    assert game.state.variables["beds"] == 1.0
    assert c.why_illegal(game.state, "a", "treat") == "needs 2 Beds; 1 left"


def test_limits_once_per_game_cooldown_and_moves_per_turn() -> None:
    """Language rule 9. ``per_game: 1`` allows a move in one turn of the exercise; ``cooldown: N`` closes
    it for N turns after it is made; ``max_moves`` caps how many moves a role makes in a turn."""
    s = scenario([role("a", [
        action("nuke", per_game=1),
        action("raid", cooldown=2),
        action("talk"),
    ], max_moves=2)], turns=6)
    game = started(s)
    game.run(c.submit_move, "a", "nuke")
    game.run(c.submit_move, "a", "raid")
    assert c.why_illegal(game.state, "a", "talk") == "at most 2 moves a turn"
    play_turn(game)
    assert c.why_illegal(game.state, "a", "nuke") == "once per exercise: already made in turn 1"
    assert c.why_illegal(game.state, "a", "raid") == "made in turn 1: possible again from turn 4"
    play_turn(game)
    play_turn(game)
    assert c.why_illegal(game.state, "a", "raid") is None  # turn 4


def test_exclusive_groups() -> None:
    """Language rule 10. Moves of one ``group`` cannot be combined in a turn (strike and hold fire)."""
    s = scenario([role("a", [action("strike", group="posture"), action("hold_fire", group="posture"), action("talk")])])
    game = started(s)
    game.run(c.submit_move, "a", "strike")
    assert c.why_illegal(game.state, "a", "hold_fire") == "cannot be combined with Strike in one turn"
    assert c.legal_actions(game.state, "a") == ["talk"]
    game.run(c.withdraw_move, "a", "strike")
    assert c.why_illegal(game.state, "a", "hold_fire") is None


def branch(**extra: Any) -> dict[str, Any]:
    return {"id": "B-1", "title": "Surge", "kind": "branch", "trigger": "x >= 0", "from": "c", "message": "m",
            "provenance": "invented", **extra}


def released_turns(game: Game) -> list[int]:
    return [e.turn for e in game.state.releases if e.inject_id == "B-1"]


def test_an_inject_with_a_chance_fires_by_a_seeded_roll() -> None:
    """Language rule 11. A branch inject with ``chance: p`` fires at an opening where its trigger holds only
    if the roll keyed by (seed, turn, inject) is under p: the same seed gives the same turns, different
    seeds different ones."""
    s = scenario([role("a", [action("wait")])], variables=X, injects=[branch(chance=0.5)], turns=8)
    first_turns = []
    for seed in range(12):
        game = started(s, seed=seed)
        while game.state.phase != "ended" and not released_turns(game):
            play_turn(game)
        first_turns.append(released_turns(game)[0] if released_turns(game) else None)
    again = started(s, seed=3)
    while again.state.phase != "ended" and not released_turns(again):
        play_turn(again)
    assert (released_turns(again) or [None])[0] == first_turns[3]
    assert len(set(first_turns)) > 2  # it does not always come at the same turn


def test_a_repeating_inject_fires_again_after_its_interval() -> None:
    """Language rule 12. With ``repeat_every: N`` a branch inject fires again whenever its trigger holds
    and at least N turns have passed since it last fired; without, it fires once."""
    s = scenario([role("a", [action("wait")])], variables=X, injects=[branch(repeat_every=2)], turns=6)
    game = started(s)
    while game.state.phase != "ended":
        play_turn(game)
    assert released_turns(game) == [1, 3, 5]


def test_red_line_consequences() -> None:
    """Language rule 13. Crossing a red line applies its consequences once: its effects, the injects it
    names (released at once), and a prompt to control. The crossing is shown to the roles it was declared
    to and to control, never to others."""
    inject = {"id": "C-9", "title": "Ultimatum", "kind": "contingency", "from": "c", "message": "Leave now.",
              "provenance": "invented"}
    s = scenario([
        role("a", [action("provoke", effects=[{"var": "x", "add": 50}])]),
        role("b", [action("wait")], red_lines=[{
            "id": "limit", "label": "X above 50", "when": "x > 50", "declared_to": ["c"],
            "effects": [{"var": "y", "add": 1}], "injects": ["C-9"], "prompt": "Does b retaliate?"}]),
        role("c", [action("wait")]),
    ], variables=[*X, {"id": "y", "label": "Y", "min": 0, "max": 10, "initial": 0}], injects=[inject])
    game = started(s)
    events = play_turn(game, {"a": ["provoke"]}, end=False)
    [crossed] = [e for e in events if isinstance(e, RedLineCrossed)]
    assert crossed.prompt == "Does b retaliate?" and [(e.var, e.after) for e in crossed.effects] == [("y", 1.0)]
    assert [e.inject_id for e in events if isinstance(e, InjectReleased) and e.by == "red_line"] == ["C-9"]
    assert game.state.variables["y"] == 1.0
    shown = {lens: view_for(game.state, lens).red_lines_crossed for lens in ("control", "a", "b", "c")}
    assert shown["control"] == shown["b"] == shown["c"] == (("b", "limit", 1),)
    assert shown["a"] == ()
    game.run(c.end_turn)
    play_turn(game, {"a": ["provoke"]}, end=False)
    assert game.state.variables["y"] == 1.0  # once


def test_an_override_replaces_a_delayed_effect() -> None:
    """Language rule 14. When the umpire overrides an outcome, its delayed and lasting effects are replaced
    by those of the new outcome: nothing of the overridden one arrives later."""
    s = scenario([role("a", [action("order", base=1.0, bands=[
        {"id": "success", "effects": [{"var": "x", "add": 5, "after": 1}]},
        {"id": "failure", "share": 1, "effects": [{"var": "x", "add": -1, "after": 1}]}])])], variables=X)
    game = started(s)
    play_turn(game, {"a": ["order"]}, end=False)
    game.run(c.override, "a", "order", "The order never reached the unit.", band="failure")
    game.run(c.end_turn)
    assert x(game) == 9


@pytest.mark.parametrize("hours", ["PT6H", "P1D"])
def test_elapsed_time_in_expressions(hours: str) -> None:
    """Language rule 15. ``elapsed_hours`` and ``elapsed_days`` measure time from turn 1's opening."""
    s = scenario([role("a", [action("late", preconditions=["elapsed_hours >= 12"])])], turns=4,
                 turn_length=hours, turn_length_days=None)
    game = started(s)
    play_turn(game)
    expected_open = hours == "P1D"  # after one 6-hour turn only 6 hours have passed
    assert (c.why_illegal(game.state, "a", "late") is None) == expected_open


def test_message_variants_per_audience() -> None:
    """Language rule 16. An inject's ``variants`` give some of its audience another message: each role reads
    its own variant (or the main message), never another audience's; control reads them all."""
    inject = {"id": "H-1", "title": "Outage", "kind": "historical", "turn": 1, "from": "c", "audience": "all",
              "message": "Systems are down.", "provenance": "invented",
              "variants": [{"audience": ["it"], "message": "Ransomware on 40 hosts; domain controller encrypted."}]}
    s = scenario([role("it", [action("wait")]), role("clinic", [action("wait")])], injects=[inject])
    game = started(s)

    def read(lens: str) -> tuple[str, int]:
        [shown] = view_for(game.state, lens).injects
        return shown.inject.message, len(shown.inject.variants)

    assert read("it") == ("Ransomware on 40 hosts; domain controller encrypted.", 0)
    assert read("clinic") == ("Systems are down.", 0)
    assert read("control") == ("Systems are down.", 1)


def test_persona_weights_may_be_conditional() -> None:
    """Language rule 17. A persona's weights are expressions and may use ``if``: this bot strikes only
    once x is high, and holds otherwise (one move a turn here: the budget is 1)."""
    import random

    from wargame.engine.bots import make_policy
    from wargame.engine.situation import role_view

    s = scenario([role("a", [action("strike"), action("hold")], per_turn=1, personas=[
        {"id": "hawk", "weights": {"strike": "if(x >= 50, 1, 0)", "hold": "if(x >= 50, 0, 1)"}}])], variables=X)
    game = started(s)
    hawk = make_policy(s, "a", "hawk")
    assert hawk.choose(role_view(game.state, "a", history=False), random.Random(1)) == ["hold"]
    game.state.variables["x"] = 60
    assert hawk.choose(role_view(game.state, "a", history=False), random.Random(1)) == ["strike"]


def test_an_open_move_is_judged_rolled_recorded_and_can_be_overridden() -> None:
    """Language rule 18. A team proposes an open move in its own words with its argument (at most
    ``open_moves_per_turn`` a turn). The umpire judges it — a chance and the effects of success and failure,
    with a rationale — and adjudication waits for that. The roll keyed by (seed, turn, role, open:N) decides;
    the outcome is recorded and explained like any other, sealed from the other roles until adjudicated.
    In review the umpire may override its band, and the turn is resolved again."""
    from wargame.engine import commands as cmd
    from wargame.engine.actors import CONTROL_ACTOR, Team
    from wargame.engine.errors import IllegalMove, WrongPhase
    from wargame.engine.events import OpenMoveOverridden, OpenMoveResolved
    from wargame.engine.scenario import Effect

    s = scenario([role("a", [action("wait")]), role("b", [action("wait")])], variables=X, open_moves_per_turn=1)
    game = started(s, seed=5)
    game.execute(cmd.ProposeOpenMove(role="a", text="Call the vendor's CEO directly",
                                     argument="They owe us after last year's outage"), Team(role="a"))
    with pytest.raises(IllegalMove, match="has made its 1 open move"):
        game.execute(cmd.ProposeOpenMove(role="a", text="Again"), Team(role="a"))
    assert [m.text for m in view_for(game.state, "b").open_moves] == []  # sealed from b
    with pytest.raises(WrongPhase, match="judge the open moves first: a #1"):
        game.run(c.adjudicate)
    game.execute(cmd.JudgeOpenMove(role="a", index=1, chance=0.6, rationale="Plausible: a personal tie",
                                   success=(Effect(var="x", add=5),), failure=(Effect(var="x", add=-2),)), CONTROL_ACTOR)
    [resolved] = [e for e in game.run(c.adjudicate) if isinstance(e, OpenMoveResolved)]
    assert resolved.band == ("success" if resolved.roll < 0.6 else "failure")  # type: ignore[operator]
    after = x(game)
    assert after == (15 if resolved.band == "success" else 8)
    [shown] = view_for(game.state, "b").open_moves
    assert (shown.text, shown.band, shown.rationale) == ("Call the vendor's CEO directly", resolved.band, "Plausible: a personal tie")
    other = "failure" if resolved.band == "success" else "success"
    [overridden] = [e for e in game.execute(cmd.OverrideOpenMove(role="a", index=1, band=other, rationale="The CEO is on leave"),
                                            CONTROL_ACTOR) if isinstance(e, OpenMoveOverridden)]
    assert x(game) == (15 if other == "success" else 8)
    assert view_for(game.state, "a").open_moves[0].overridden and overridden.from_band == resolved.band
    again = started(s, seed=5)
    again.execute(cmd.ProposeOpenMove(role="a", text="Call the vendor's CEO directly"), Team(role="a"))
    again.execute(cmd.JudgeOpenMove(role="a", index=1, chance=0.6, rationale="r"), CONTROL_ACTOR)
    [same] = [e for e in again.run(c.adjudicate) if isinstance(e, OpenMoveResolved)]
    assert same.roll == resolved.roll  # seeded


def test_a_scenario_without_open_moves_refuses_them() -> None:
    """Language rule 19. With ``open_moves_per_turn: 0`` (the default) no open move may be proposed."""
    from wargame.engine import commands as cmd
    from wargame.engine.actors import Team
    from wargame.engine.errors import IllegalMove

    game = started(scenario([role("a", [action("wait")])]))
    with pytest.raises(IllegalMove, match="allows no open moves"):
        game.execute(cmd.ProposeOpenMove(role="a", text="Anything"), Team(role="a"))


def test_delayed_effects_are_shown_to_those_who_saw_their_source() -> None:
    """Language rule 20. When a delayed effect arrives, a role sees it (with its source) only if it may see
    the outcome that scheduled it and the variable it changes; a private move's delayed effect stays hidden."""
    s = scenario([
        role("a", [action("secret", visibility="private", effects=[{"var": "x", "add": 1, "after": 1}]),
                   action("open", effects=[{"var": "x", "add": 2, "after": 1}])]),
        role("b", [action("wait")]),
    ], variables=X)
    game = started(s)
    play_turn(game, {"a": ["secret", "open"]})
    seen = {lens: [(m.source, [e.after for e in m.effects]) for m in view_for(game.state, lens).matured]
            for lens in ("control", "a", "b")}
    assert seen["control"] == seen["a"] == [("outcome:1:a:secret", [11.0]), ("outcome:1:a:open", [13.0])]
    assert seen["b"] == [("outcome:1:a:open", [13.0])]


def test_turn_dates_give_a_calendar_with_time_jumps() -> None:
    """Language rule 21. ``turn_dates`` lists when each turn opens (the first is ``start_date``), so weekly
    turns can be followed by a jump of months; the turn's date and ``elapsed_days`` follow it, and the last
    turn lasts ``turn_length``. A list that does not begin with the start, has the wrong length or goes
    backwards is refused."""
    from pydantic import ValidationError

    s = scenario([role("a", [action("late", preconditions=["elapsed_days >= 60"])])], turns=3,
                 turn_length="P4W", turn_length_days=None, turn_dates=["2020-03-11", "2020-03-18", "2020-07-01"])
    game = started(s)
    assert game.state.date == "2020-03-11" and c.why_illegal(game.state, "a", "late") is not None
    play_turn(game)
    assert game.state.date == "2020-03-18" and c.why_illegal(game.state, "a", "late") is not None
    play_turn(game)
    assert game.state.date == "2020-07-01" and c.why_illegal(game.state, "a", "late") is None  # 112 days in
    assert s.world.turn_opens(4) == "2020-07-29"  # the last turn lasts turn_length (four weeks)
    for dates, turns in ((["2020-03-12", "2020-03-18", "2020-07-01"], 3), (["2020-03-11", "2020-03-18"], 3),
                         (["2020-03-11", "2020-07-01", "2020-03-18"], 3)):
        with pytest.raises(ValidationError, match="turn_dates"):
            scenario([role("a", [action("wait")])], turns=turns, turn_length="P4W", turn_length_days=None,
                     turn_dates=dates)
