"""What goes into the briefing packs: one per role, one for control, one poster for the room.

A role's pack is built from the engine's view of that role at the opening of the
exercise (:func:`wargame.engine.views.view_for`) and from the role's own file; every
other piece passes the engine's visibility rule (:func:`~wargame.engine.views.sees_variable`)
first. So a role's pack holds its own private brief and the public briefs of the
others; the variables it may see; the injects addressed to it at the opening; its
own objectives, resources, moves and red lines — with every condition, modifier
and effect that names something it may not see left out, and a line saying so.
Control's pack holds everything.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from wargame import explain
from wargame.engine.actors import CONTROL_ACTOR
from wargame.engine.commands import StartExercise
from wargame.engine.situation import role_view
from wargame.engine.events import CONTROL
from wargame.engine.game import Game
from wargame.engine.scenario import Inject, Modifier, Scenario
from wargame.engine.state import State
from wargame.engine.timing import format_duration, format_moment
from wargame.engine.views import View, sees_variable, view_for
from wargame.materials.words import in_words


@dataclass(frozen=True)
class JoinSheet:
    """A seat's join code for a hosted save, printed on the role's pack (the classroom's seats issue it)."""

    code: str
    how: str
    """How to join, in one line: e.g. ``wargame join`` then the code, or the address of the browser seat."""


@dataclass(frozen=True)
class Line:
    """A labelled piece of text; ``note`` is small print under it."""

    label: str
    text: str = ""
    note: str = ""


@dataclass(frozen=True)
class Move:
    """One entry of a role's move menu, in words."""

    label: str
    description: str
    cost: int
    visibility: str
    needs: tuple[str, ...]
    needs_withheld: int
    odds: str
    odds_factors: tuple[str, ...]
    odds_withheld: bool
    outcomes: tuple[Line, ...]


@dataclass(frozen=True)
class Variable:
    label: str
    description: str
    start: str
    range: str


@dataclass(frozen=True)
class Timing:
    """When an inject arrives, in words, and the phase of the MSEL it belongs to."""

    when: str
    phase: str


@dataclass
class RolePack:
    """Everything printed for one role: nothing it may not see."""

    role: str
    name: str
    scenario: str
    summary: str
    period: str
    turns: str
    public_brief: str
    private_brief: str
    others: list[Line]
    objectives: list[Line]
    resources: Line
    moves: list[Move]
    red_lines: list[Line]
    variables: list[Variable]
    ladder: list[Line]
    opening: list[Line]
    join: JoinSheet | None = None


@dataclass
class ControlPack:
    """Control's (white cell's) book: every brief, every inject in MSEL order, the contingencies, the ladder."""

    scenario: str
    summary: str
    period: str
    turns: str
    briefs: list[tuple[str, str, str]]
    phases: list[tuple[str, list[tuple[Timing, Inject, Line]]]]
    """Per phase: (when, the inject, Line(audience in words, effects in words, objectives exercised in words))."""
    contingencies: list[tuple[Inject, str]]
    ladder: list[Line]
    variables: list[Variable]
    timeline: list[Line]
    end_conditions: list[Line]
    join: dict[str, JoinSheet] = field(default_factory=dict)


@dataclass
class Poster:
    """The one-page room poster: the ladder and the timeline, nothing secret."""

    scenario: str
    period: str
    ladder: list[Line]
    timeline: list[Line]
    background: list[Line]


# ------------------------------------------------------------------ helpers


def opening_state(scenario: Scenario) -> State:
    """The session as it stands when the exercise opens: turn 1, its injects released, no move made."""
    game = Game.new(scenario)
    game.execute(StartExercise(), CONTROL_ACTOR)
    return game.state


def _period(scenario: Scenario) -> tuple[str, str]:
    """'11 March 2020 to 5 May 2020', '8 turns of 7 days each' (the last day is the one before turn N+1 would open)."""
    world = scenario.world
    end = world.opens_at(world.turns + 1) - dt.timedelta(seconds=1)
    dated = not isinstance(world.start_date, dt.datetime) and not any(isinstance(m, dt.datetime) for m in world.turn_dates)
    whole_days = dated and world.turn_delta % dt.timedelta(days=1) == dt.timedelta(0)
    last = _day(end.date()) if whole_days else _day(end.date()) + f" {end:%H:%M}"
    length = (f"{world.turns} turns of varying length (dates set by the scenario)" if world.turn_dates
              else f"{world.turns} turns of {format_duration(world.turn_delta)} each")
    return f"{format_moment(world.start_date).lstrip('0')} to {last}", length


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _turn_dates(scenario: Scenario, turn: int) -> str:
    """When a turn opens and closes: '11 Mar – 17 Mar 2020', or its opening moment for turns shorter than a day."""
    world = scenario.world
    opens = world.opens_at(turn)
    length = world.turn_length_of(turn)
    if length % dt.timedelta(days=1) != dt.timedelta(0) or isinstance(world.start_date, dt.datetime):
        return f"from {world.turn_opens(turn)}"
    last = (opens + length - dt.timedelta(days=1)).date()
    if last == opens.date():
        return f"{opens.day} {opens:%b %Y}"
    return f"{opens.day} {opens:%b} – {last.day} {last:%b %Y}"


def _variables(scenario: Scenario, view: View) -> list[Variable]:
    specs = {v.id: v for v in scenario.world.variables}
    return [Variable(v.label, specs[v.id].description, explain.number(specs[v.id].initial),
                     f"{explain.number(v.min)}–{explain.number(v.max)}") for v in view.variables]


def _ladder(scenario: Scenario, lens: str) -> list[Line]:
    ladder = scenario.world.ladder
    if not sees_variable(scenario, lens, ladder.variable):
        return []
    return [Line(f"{rung.level}. {rung.label}", rung.meaning) for rung in reversed(ladder.rungs)]


def _effects(scenario: Scenario, lens: str, effects: list) -> tuple[str, bool]:  # type: ignore[type-arg]
    shown = [explain.planned(scenario, e, lens) for e in effects if sees_variable(scenario, lens, e.var)]
    hidden = len(shown) < len(effects)
    return "; ".join(shown), hidden


VISIBILITY = {"public": "everyone learns of it at adjudication", "private": "only you and control learn of it"}


def _move(scenario: Scenario, state: State, role: str, action_id: str) -> Move:
    action = scenario.action(role, action_id)

    def see(var: str) -> bool:
        return sees_variable(scenario, role, var)

    needs, withheld = [], 0
    for condition, reason in action.conditions:
        words = reason or in_words(condition, scenario, see, role)
        if words is None:
            withheld += 1
        else:
            needs.append(words)
    factors, odds_withheld = [], False
    for modifier in action.chance.modifiers:
        text = _modifier(scenario, role, modifier)
        if text is None:
            odds_withheld = True
        else:
            factors.append(text)
    # The total at the opening is derived from every modifier that applies: when the role's view withholds it,
    # or any factor is withheld here, only the base is printed.
    shown = role_view(state, role, history=False).options
    seen = next(option.odds for option in shown if option.id == action_id)
    odds = (f"{explain.percent(action.chance.base)} before the factors below" if odds_withheld or seen.chance is None
            else explain.percent(seen.chance))
    outcomes = []
    for band in action.bands:
        effects, _ = _effects(scenario, role, list(band.effects))  # effects on hidden variables: not even their existence
        note = effects
        label = band.label or band.id.replace("_", " ")
        outcomes.append(Line(label[:1].upper() + label[1:], band.message, note or "no change you can see"))
    visibility = VISIBILITY.get(action.visibility, f"others learn of it {action.reveal_after} turn(s) later")
    if action.known_to:
        told = ", ".join(scenario.role(r).name for r in action.known_to)
        visibility = (f"only you, {told} and control learn of it" if action.visibility == "private"
                      else f"{told} learns of it at adjudication; {visibility}")
    return Move(action.label, action.description, action.cost, visibility, tuple(needs), withheld, odds, tuple(factors),
                odds_withheld, tuple(outcomes))


def _modifier(scenario: Scenario, role: str, modifier: Modifier) -> str | None:
    """'+20% when …: reason', or None when the condition or the amount names something the role may not see."""
    def see(var: str) -> bool:
        return sees_variable(scenario, role, var)

    when = in_words(modifier.when, scenario, see, role) if modifier.when else ""
    if when is None:
        return None
    if isinstance(modifier.add, str):
        amount_words = in_words(modifier.add, scenario, see, role)
        if amount_words is None:
            return None
        amount = f"plus {amount_words} (as a share: 0.1 is 10 points)"
    else:
        amount = f"{'+' if modifier.add >= 0 else '−'}{explain.percent(abs(modifier.add))}"
    condition = f" when {when}" if when else ""
    return f"{amount}{condition}: {modifier.reason}"


def _inject_line(scenario: Scenario, inject: Inject) -> Line:
    return Line(inject.title, inject.message, f"{inject.from_} · {inject.method}")


# ------------------------------------------------------------------ the packs


def role_pack(scenario: Scenario, role: str, state: State | None = None, join: JoinSheet | None = None) -> RolePack:
    """The pack of ``role``: built from its view at the opening, and its own file through the visibility rules."""
    state = state or opening_state(scenario)
    view = view_for(state, role)
    spec = scenario.role(role)
    own = next(b for b in view.briefs if b.role == role)

    def see(var: str) -> bool:
        return sees_variable(scenario, role, var)

    objectives = []
    for objective in spec.objectives:
        metric = in_words(objective.metric, scenario, see, role)
        note = (f"Scored each turn by: {metric} (higher is better)." if metric is not None
                else "Scored each turn by a measure that uses things you cannot see; control tells you how you stand.")
        objectives.append(Line(objective.label, objective.description, note))
    red_lines = []
    for line in spec.red_lines:
        words = in_words(line.when, scenario, see, role) if line.when else ""
        note = (f"Crossed when {words}." if words else
                ("Crossed under a condition you cannot see; control will tell you." if words is None else ""))
        red_lines.append(Line(line.label, "", note))
    period, turns = _period(scenario)
    return RolePack(
        role=role, name=own.name, scenario=scenario.world.title, summary=scenario.world.summary, period=period, turns=turns,
        public_brief=own.public_brief, private_brief=own.private_brief or "",
        others=[Line(b.name, b.public_brief) for b in view.briefs if b.role != role],
        objectives=objectives,
        resources=Line(spec.resources.label, f"{spec.resources.per_turn} per turn",
                       "Each move costs some of it; what you do not spend is not carried over."),
        moves=[_move(scenario, state, role, action.id) for action in spec.actions],
        red_lines=red_lines,
        variables=_variables(scenario, view),
        ladder=_ladder(scenario, role),
        opening=[_inject_line(scenario, item.inject) for item in view.injects],
        join=join,
    )


_USE_TO = re.compile(r"\b(Use (?:it )?to\b[^.]*\.?)", re.I)


def use_to(inject: Inject) -> str:
    """A contingency's guidance for control: the provenance's 'Use to …' sentence, else what it should prompt."""
    match = _USE_TO.search(inject.provenance)
    if match:
        return match.group(1).strip()
    if inject.expected_actions:
        return "Use to prompt: " + " ".join(inject.expected_actions)
    return ""


def _timing(scenario: Scenario, inject: Inject) -> str:
    if inject.kind == "historical":
        date = f" (dated {format_moment(inject.date).lstrip('0')})" if inject.date else ""
        return f"Turn {inject.turn}{date}"
    if inject.kind == "branch":
        words = in_words(inject.trigger or "", scenario, lambda _: True) or inject.trigger
        return f"When {words} (once)"
    return "Released by control"


def control_pack(scenario: Scenario, phases: list[tuple[str, list[str]]], join: dict[str, JoinSheet] | None = None) -> ControlPack:
    """Control's pack: everything, in MSEL order (``phases`` as (title, inject ids), in file order)."""
    state = opening_state(scenario)
    view = view_for(state, CONTROL)
    names = {r.id: r.name for r in scenario.roles}
    objective_labels = {f"{r.id}.{o.id}": f"{r.name}: {o.label}" for r in scenario.roles for o in r.objectives}
    grouped = []
    for title, ids in phases:
        rows = []
        for inject_id in ids:
            inject = scenario.inject(inject_id)
            audience = "everyone" if inject.audience == "all" else ", ".join(names[r] for r in inject.audience)
            effects, _ = _effects(scenario, CONTROL, list(inject.effects))
            exercised = "; ".join(objective_labels.get(o, o) for o in inject.objectives)
            rows.append((Timing(_timing(scenario, inject), title), inject, Line(audience, effects, exercised)))
        grouped.append((title, rows))
    contingencies = [(i, use_to(i)) for i in scenario.injects if i.kind == "contingency"]
    period, turns = _period(scenario)
    timeline = []
    for turn in range(1, scenario.world.turns + 1):
        arriving = [i.title for i in scenario.injects if i.kind == "historical" and i.turn == turn]
        timeline.append(Line(f"Turn {turn}", _turn_dates(scenario, turn), "; ".join(arriving)))
    return ControlPack(
        scenario=scenario.world.title, summary=scenario.world.summary, period=period, turns=turns,
        briefs=[(b.name, b.public_brief, b.private_brief or "") for b in view.briefs],
        phases=grouped, contingencies=contingencies, ladder=_ladder(scenario, CONTROL),
        variables=_variables(scenario, view), timeline=timeline,
        end_conditions=[Line(e.message, in_words(e.when, scenario, lambda _: True) or e.when) for e in scenario.world.end_conditions],
        join=join or {},
    )


def poster(scenario: Scenario) -> Poster:
    """The room poster: the ladder if every role sees it, the turns and their dates, and the public opening events.

    The room is everyone's: only what every role sees at the opening goes on it.
    """
    state = opening_state(scenario)
    views = [view_for(state, role) for role in scenario.world.roles]
    public = set.intersection(*({item.inject.id for item in v.injects} for v in views))
    seen_by_all = all(sees_variable(scenario, role, scenario.world.ladder.variable) for role in scenario.world.roles)
    ladder = _ladder(scenario, CONTROL) if seen_by_all else []
    background = []
    for item in views[0].injects:
        if item.inject.id in public:
            when = format_moment(item.inject.date).lstrip("0") if item.inject.date else f"Turn {item.turn}"
            background.append(Line(item.inject.title, when))
    period, _ = _period(scenario)
    timeline = [Line(f"Turn {t}", _turn_dates(scenario, t)) for t in range(1, scenario.world.turns + 1)]
    return Poster(scenario.world.title, period, ladder, timeline, background)
