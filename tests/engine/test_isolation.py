"""Isolation by construction: nothing in a role's view is derived from what the role may not know.

The property, checked over whole seeded games of both shipped scenarios (the documented
``harbour`` example and ``iraq-2020``), for every role, after the bots move and after each
adjudication, against control's view of the same moment:

1. no hidden variable appears (variables, effects, planned effects of its moves);
2. every chance modifier shown to the role reads only what the role may see — variables it
   sees, its own moves, others' moves it has been told of — and where an action has any
   modifier that does not, the odds and the roll are withheld (``chance`` is None);
3. every number shown is explained by what is shown: a shown chance is base plus the shown
   modifiers, clamped, and equals the chance control sees;
4. a score is shown only for an objective whose metric reads what the role sees;
5. the present does not depend on what the role cannot see: set any hidden variable to its
   bounds, or take back another role's moves this turn, and the role's view is unchanged.
6. a follow-on rule is shown as fired only where its condition and its effects' expressions read
   only what the role may know, and only with its changes to variables the role sees.
7. an outcome in an unattributed band (``Band.unattributed``) names no actor, move, band or odds to any
   role but its actor: it reads "Unattributed: …" with the changes the role sees.

``test_the_property_finds_the_old_leak`` points the same checks at the old behaviour (every
modifier shown with its reason and value) and shows they fail on it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator

import pytest

from wargame.engine import decide as c
from wargame.engine.game import Game
from wargame.engine.lens import Lens, lens_for
from wargame.engine.scenario import Scenario
from wargame.engine.situation import control_view, role_view
from wargame.engine.state import State
from wargame.engine.views import OutcomeView, RoleView, unattributed_text

GAMES = 25


def moments(scenario: Scenario, seeds: range) -> Iterator[State]:
    """Every seeded game with random full-budget bots, stopped after the bots move and after adjudication.

    Every third game the umpire overrides the first outcome of each turn, so re-resolved turns are checked too.
    """
    for seed in seeds:
        game = Game.new(scenario, seed=seed, assignments={r: "random" for r in scenario.world.roles})
        game.run(c.start)
        while game.state.phase != "ended":
            game.bot_moves()
            yield game.state
            game.run(c.adjudicate)
            outcomes = game.state.outcomes.get(game.state.turn, [])
            if seed % 3 == 0 and outcomes:
                first = outcomes[0].event
                other = next((b.id for b in scenario.action(first.role, first.action).bands if b.id != outcomes[0].band), None)
                if other is not None:
                    game.run(c.override, first.role, first.action, "umpire's judgement", band=other)
            yield game.state
            game.run(c.end_turn)
        yield game.state


def _reads_only_visible(lens: Lens, role: str, action: str, reason: str, adjudicated: int | None, now: int) -> bool:
    modifiers = [m for m in lens.rules.actions[(role, action)].modifiers if m.reason == reason]
    return bool(modifiers) and not any(lens.hides_modifier(m, adjudicated, now) for m in modifiers)


def _odds_problems(lens: Lens, role: str, action: str, odds_base: float, shown: tuple, chance: float | None,  # type: ignore[type-arg]
                   adjudicated: int | None, now: int, where: str) -> list[str]:
    problems = []
    for modifier in shown:
        if not _reads_only_visible(lens, role, action, modifier.reason, adjudicated, now):
            problems.append(f"{where}: modifier {modifier.reason!r} ({modifier.add:+}) reads what {lens.role} cannot see")
    any_hidden = any(lens.hides_modifier(m, adjudicated, now) for m in lens.rules.actions[(role, action)].modifiers)
    if any_hidden and chance is not None:
        problems.append(f"{where}: odds {chance} shown though they depend on what {lens.role} cannot see")
    if chance is not None:
        expected = min(1.0, max(0.0, odds_base + sum(m.add for m in shown)))
        if abs(expected - chance) > 1e-9:
            problems.append(f"{where}: odds {chance} are not explained by what is shown ({expected})")
    return problems


def violations(state: State, role: str) -> list[str]:
    """Every way ``role``'s view at this moment holds something derived from what it may not know."""
    scenario = state.scenario
    lens = lens_for(scenario, role)
    view = role_view(state, role)
    control = control_view(state)
    hidden = [v for v in scenario.world.variables if v.id not in lens.visible]
    problems: list[str] = []
    # 1. hidden variables, directly
    for v in view.variables:
        if v.id not in lens.visible:
            problems.append(f"variable {v.id} shown")
    effects = [e for i in view.injects for e in i.effects]
    effects += [e for o in (*view.outcomes, *view.last_turn) for e in (*o.effects, *o.adjudicated_effects)]
    problems += [f"effect on hidden {e.var} shown" for e in effects if e.var not in lens.visible]
    problems += [f"change of hidden {c.var} shown" for c in view.changed if c.var not in lens.visible]
    planned = [text for option in view.options for band in option.bands for text in band.effects]
    problems += [f"planned effect {t!r} names a hidden variable" for t in planned for v in hidden if t.startswith(v.label + " ")]
    # 2 and 3. odds of outcomes, against control's account of the same outcome
    full = {(o.turn, o.role, o.action): o for o in control.outcomes}
    for seen in (*view.outcomes, *view.last_turn):
        assert isinstance(seen, OutcomeView)
        if seen.unattributed:  # 7. nothing of the actor
            if (seen.role, seen.action, seen.band, seen.adjudicated_band, seen.chance, seen.roll, seen.overrides) != (
                    "", "", "", "", None, None, ()) or not seen.label.startswith("Unattributed: "):
                problems.append(f"T{seen.turn}: an unattributed outcome shows part of its actor's account")
            continue
        truth = full[(seen.turn, seen.role, seen.action)]
        where = f"T{seen.turn} {seen.role}.{seen.action}"
        problems += _odds_problems(lens, seen.role, seen.action, seen.odds.base, seen.odds.modifiers, seen.chance,
                                   seen.turn, state.turn, where)
        if seen.chance is not None and truth.chance is not None and abs(seen.chance - truth.chance) > 1e-9:
            problems.append(f"{where}: odds {seen.chance} differ from control's {truth.chance}")
        if seen.chance is None and seen.roll is not None:
            problems.append(f"{where}: roll shown while the odds are withheld")
        if seen.explanation is not None:
            problems.append(f"{where}: the engine's whole explanation is handed to a role")
    for option in view.options:
        problems += _odds_problems(lens, role, option.id, option.odds.base, option.odds.modifiers, option.odds.chance,
                                   None, state.turn, f"option {option.id}")
    # 4. scores
    metrics = dict(lens.rules.objectives[role])
    for objective in view.objectives:
        if objective.score is not None and not metrics[objective.id].variables <= lens.visible:
            problems.append(f"score of {objective.id} reads what {role} cannot see")
    for oid in view.scores.get(role, {}):
        if not metrics[oid].variables <= lens.visible:
            problems.append(f"score of {oid} reads what {role} cannot see")
    # 6. follow-on rules: shown only when their firing reads nothing hidden, with visible changes only
    for fired in view.rules_fired:
        if not lens.sees_rule(fired.rule_id, fired.turn, state.turn):
            problems.append(f"T{fired.turn} rule {fired.rule_id} shown though it reads what {role} cannot see")
        problems += [f"T{fired.turn} rule {fired.rule_id}: effect on hidden {e.var} shown"
                     for e in fired.effects if e.var not in lens.visible]
    # 7. an outcome no one can attribute is never shown with its actor to another role
    for truth in control.outcomes:
        if truth.role != role and unattributed_text(scenario, truth.role, truth.action, truth.band) is not None:
            named = [o for o in (*view.outcomes, *view.last_turn) if (o.turn, o.role, o.action) == (truth.turn, truth.role, truth.action)]
            problems += [f"T{truth.turn} {truth.role}.{truth.action}: unattributed, yet shown with its actor" for _ in named]
    # 5. the present does not move with what the role cannot see (the past is fixed events, checked above)
    present = role_view(state, role, history=False)
    # what a bot is handed (parts computed on first read) is that same view, and the whole view likewise
    if role_view(state, role, history=False, deferred=True) != present or role_view(state, role, deferred=True) != view:
        problems.append("a bot's view (deferred parts) differs from the view checked here")
    for variable in hidden:
        for value in (variable.min, variable.max):
            other = copy.copy(state)
            other.variables = {**state.variables, variable.id: value}
            if role_view(other, role, history=False) != present:
                problems.append(f"the view changes with {variable.id} = {value}")
    if state.phase == "moves":
        for other_role, moves in state.moves.items():
            if other_role != role and moves:
                other = copy.copy(state)
                other.moves = {r: m for r, m in state.moves.items() if r != other_role}
                if role_view(other, role, history=False) != present:
                    problems.append(f"the view changes with {other_role}'s moves this turn")
    return problems


@pytest.mark.parametrize("name", ["harbour", "iraq"])
def test_no_role_view_holds_anything_derived_from_what_it_cannot_see(name: str, request: pytest.FixtureRequest) -> None:
    scenario: Scenario = request.getfixturevalue(name)
    checked = 0
    for state in moments(scenario, range(GAMES)):
        for role in scenario.world.roles:
            assert violations(state, role) == [], (state.seed, state.turn, state.phase, role)
            checked += 1
    assert checked >= GAMES * len(scenario.world.roles) * 2


def test_the_property_finds_the_old_leak(iraq: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pointed at the old behaviour — every modifier shown with its reason and value, whatever it reads —
    the same checks report the militias' and Tehran's odds computed from base_defences, which they cannot see."""
    monkeypatch.setattr(Lens, "chance", _old_chance)
    found: list[str] = []
    for state in moments(iraq, range(3)):
        for role in ("tehran", "militias"):
            found += violations(state, role)
    assert any("Hardened and defended bases" in problem for problem in found), found[:5]


def _old_chance(self: Lens, role: str, action: str, explained, adjudicated, now):  # type: ignore[no-untyped-def]
    from wargame.engine.lens import ShownChance, ShownModifier

    return ShownChance(explained.base, tuple(ShownModifier(m.reason, m.add) for m in explained.modifiers), False,
                       explained.chance)


def test_a_role_is_told_that_something_it_cannot_see_applies() -> None:
    """A move's odds that read a variable hidden from its role: the role sees the move, its base and the modifiers
    it may know of, that something it cannot see applies, and no number for the odds."""
    from tests.engine.cases.builder import action, role, scenario, started

    probe = action("probe", base=0.5, chance={"base": 0.5, "modifiers": [
        {"when": "defences >= 3", "add": -0.3, "reason": "Hardened and defended bases"},
        {"add": 0.1, "reason": "Good weather"},
    ]})
    case = scenario(
        [role("raider", [probe]), role("garrison", [action("dig_in")])],
        variables=[{"id": "x", "label": "X", "min": 0, "max": 10, "initial": 5},
                   {"id": "defences", "label": "Defences", "min": 0, "max": 10, "initial": 5,
                    "visible_to": ["garrison"]}],
    )
    game = started(case)
    raider: RoleView = role_view(game.state, "raider")
    option = next(o for o in raider.options if o.id == "probe")
    assert option.odds.hidden and option.odds.chance is None
    assert [m.reason for m in option.odds.modifiers] == ["Good weather"]


# ---------------------------------------------------------------- language 2 (issue 14)


def ward_moments(scenario: Scenario, seeds: range) -> Iterator[State]:
    """Seeded games of the documented language-2 example (``ward``): six-hour turns, pools on variables only
    the IT team sees, delayed and lasting effects, red-line consequences, a chance-and-repeat inject, and
    every turn an open move by the IT team judged with effects on a variable only it sees and on one everyone sees."""
    from wargame.engine import commands as cmd
    from wargame.engine.actors import CONTROL_ACTOR, Team
    from wargame.engine.scenario import Effect

    for seed in seeds:
        game = Game.new(scenario, seed=seed, assignments={r: "random" for r in scenario.world.roles})
        game.run(c.start)
        while game.state.phase != "ended":
            game.execute(cmd.ProposeOpenMove(role="it_team", text="Borrow staff from the university hospital",
                                             argument="They offered after last year's flood"), Team(role="it_team"))
            yield game.state
            game.execute(cmd.JudgeOpenMove(role="it_team", index=1, chance=0.5, rationale="Plausible at night",
                                           success=(Effect(var="staff_hours", add=4), Effect(var="harm", add=-1)),
                                           failure=(Effect(var="staff_hours", add=-2),)), CONTROL_ACTOR)
            game.bot_moves()
            yield game.state
            game.run(c.adjudicate)
            if seed % 2 == 0:
                game.execute(cmd.OverrideOpenMove(role="it_team", index=1, band="failure", rationale="No one answered"),
                             CONTROL_ACTOR)
            yield game.state
            game.run(c.end_turn)
        yield game.state


def language_2_violations(state: State, role: str) -> list[str]:
    """The parts of a view language 2 added: open moves, matured effects and red-line crossings."""
    lens = lens_for(state.scenario, role)
    view = role_view(state, role)
    problems = []
    for move in view.open_moves:
        problems += [f"open move effect on hidden {e.var}" for e in move.effects if e.var not in lens.visible]
        if move.role != role and state.phase == "moves" and move.turn == state.turn:
            problems.append(f"{move.role}'s open move shown before adjudication")
    for matured in view.matured:
        problems += [f"matured effect on hidden {e.var} ({matured.source})" for e in matured.effects if e.var not in lens.visible]
    return problems


def test_language_2_parts_of_a_view_hold_nothing_hidden(harbour_content) -> None:  # type: ignore[no-untyped-def]
    """Delayed and lasting effects, pools, open moves and red lines keep to the same isolation: over seeded games of
    the language-2 example, every role's view passes the checks above and the language-2 ones."""
    from wargame.scenario import load_scenario

    ward = load_scenario("ward", harbour_content)
    checked = 0
    for state in ward_moments(ward, range(12)):
        for role in ward.world.roles:
            assert violations(state, role) + language_2_violations(state, role) == [], (state.seed, state.turn, state.phase, role)
            checked += 1
    assert checked > 12 * 2 * 3


def test_the_language_2_checks_find_a_leak(harbour_content, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Pointed at views that show every open move and every matured effect unfiltered, the checks above
    report the IT team's pool refills and open-move effects on a variable the clinicians cannot see."""
    from wargame.engine import situation, views
    from wargame.scenario import load_scenario

    real = views._record

    def leaky(state: State, role: str, **kw):  # type: ignore[no-untyped-def]
        record = real(state, role, **kw)
        record["matured"] = tuple(views.MaturedView(turn=e.turn, source=e.source, effects=e.effects)
                                  for turn in state.matured for e in state.matured[turn])
        record["open_moves"] = tuple(
            views.OpenMoveView(turn=turn, role=m.proposed.role, index=m.proposed.index, text=m.proposed.text, argument="",
                               chance=None, roll=None, band=m.band, effects=m.effects, rationale=None, overridden=False)
            for turn in state.open_moves for m in state.open_moves[turn])
        return record

    monkeypatch.setattr(situation, "_record", leaky)
    ward = load_scenario("ward", harbour_content)
    found = {problem for state in ward_moments(ward, range(3)) for problem in language_2_violations(state, "clinicians")}
    assert "open move effect on hidden staff_hours" in found
    assert "matured effect on hidden staff_hours (refill:it_team)" in found


def test_a_team_sees_why_a_follow_on_rule_changed_its_numbers_but_not_a_rule_that_reads_what_it_cannot_see() -> None:
    """A follow-on rule that changes what a team sees is shown to it as fired, with the changes it may see;
    one whose condition reads a variable hidden from the team is not shown as fired (its firing would tell
    the team that the hidden value crossed the threshold), though the change itself still shows in the variables."""
    from wargame.engine.situation import control_view

    game = _walls_game()
    assert [r.rule_id for r in control_view(game.state).rules_fired] == ["pressure", "walls"]
    raider = role_view(game.state, "raider")
    assert [(r.rule_id, [e.var for e in r.effects]) for r in raider.rules_fired] == [("pressure", ["morale"])]
    garrison = role_view(game.state, "garrison")
    assert [(r.rule_id, [e.var for e in r.effects]) for r in garrison.rules_fired] == [
        ("pressure", ["morale", "defences"]), ("walls", ["morale"])]
    assert violations(game.state, "raider") == []


def _walls_game() -> Game:
    """Turn 1 adjudicated: the raider's probe lifts X to 6, so "pressure" fires (morale −1, defences −1), and then
    "walls" (defences ≥ 4, which only the garrison sees: morale +2)."""
    from tests.engine.cases.builder import action, role, scenario, started

    case = scenario(
        [role("raider", [action("probe", effects=[{"var": "x", "add": 1}])]), role("garrison", [action("dig_in")])],
        variables=[{"id": "x", "label": "X", "min": 0, "max": 10, "initial": 5},
                   {"id": "defences", "label": "Defences", "min": 0, "max": 10, "initial": 5, "visible_to": ["garrison"]},
                   {"id": "morale", "label": "Morale", "min": 0, "max": 10, "initial": 5}],
        rules=[
            {"id": "pressure", "label": "Pressure tells", "when": "x >= 6", "message": "The raids wear the garrison down.",
             "effects": [{"var": "morale", "add": -1}, {"var": "defences", "add": -1}]},
            {"id": "walls", "label": "The walls hold", "when": "defences >= 4", "message": "Behind strong walls, spirits rise.",
             "effects": [{"var": "morale", "add": 2}]},
        ],
    )
    game = started(case)
    game.run(c.submit_move, "raider", "probe")
    game.run(c.adjudicate)
    return game



def test_the_rule_check_finds_a_rule_shown_whatever_it_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pointed at views that show every rule that fired, with all its changes, to every role, check 6 reports
    the rule whose condition reads a variable the role cannot see, and the change to that variable."""
    from wargame.engine import situation

    game = _walls_game()
    real = situation._record

    def leaky(state: State, role: str, **kw):  # type: ignore[no-untyped-def]
        return {**real(state, role, **kw), "rules_fired": real(state, "control", **kw)["rules_fired"]}

    monkeypatch.setattr(situation, "_record", leaky)
    found = violations(game.state, "raider")
    assert "T1 rule walls shown though it reads what raider cannot see" in found
    assert "T1 rule pressure: effect on hidden defences shown" in found


def test_an_unattributed_outcome_names_no_actor_in_any_view_or_report(iraq: Scenario) -> None:
    """Rule 7, read as the teams read it: Tehran harasses shipping in the Gulf every turn it can. Where the band
    says no one can attribute it ("Costs imposed, deniably", "Little effect"), every other role's view (as JSON,
    what a seat or a bot is handed) and its after-action report read "Unattributed: …" and never name the move,
    its band or Tehran as its author; Tehran's own record names it; when Tehran is caught in the act, the
    others read who did it (so the check can fail)."""
    from wargame.engine.views import view_for, view_json
    from wargame.report.build import build_report
    from wargame.report.markdown import render_markdown

    action = iraq.action("tehran", "harass_gulf_shipping")
    secret = ["harass_gulf_shipping", action.label, *(b.label for b in action.bands if b.unattributed)]
    bands: set[str] = set()
    for seed in range(6):
        game = Game.new(iraq, seed=seed, assignments={r: ("human" if r == "tehran" else "random") for r in iraq.world.roles})
        game.run(c.start)
        while game.state.phase != "ended":
            if c.why_illegal(game.state, "tehran", "harass_gulf_shipping") is None:
                game.run(c.submit_move, "tehran", "harass_gulf_shipping")
            game.run(c.seal_moves, "tehran")
            game.bot_moves()
            game.run(c.adjudicate)
            game.run(c.end_turn)
        played = {o.band: o for turn in game.state.outcomes.values() for o in turn if o.event.action == "harass_gulf_shipping"}
        bands |= set(played)
        for role in iraq.world.roles:
            seen = view_json(view_for(game.state, role)) + render_markdown(build_report(game.events, role, scenario=iraq))
            if role == "tehran":
                assert action.label in seen
                continue
            if {"success", "failure"} & set(played):
                assert "Unattributed: " in seen, (seed, role)
            if "backfire" not in played:
                assert not [s for s in secret if s in seen], (seed, role, [s for s in secret if s in seen])
            else:
                assert action.label in seen, (seed, role)
    assert {"success", "failure", "backfire"} <= bands
