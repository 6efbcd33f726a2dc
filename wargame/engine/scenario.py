"""The scenario as validated data: world, roles, actions, injects.

These pydantic models are the schema of the YAML files (``wargame schema`` prints
them as JSON Schema) and the frozen input of the engine. They check everything a
single file can check on its own; references between files (a role named in an
inject's audience, a variable named in an effect, an action named in an
expression) are checked by :mod:`wargame.scenario.checks`, which knows the files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import calendar
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
"""Identifiers: lower case, digits and underscores, so that they read well in expressions."""

ScenarioId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
"""Scenario ids name folders and files, so they may hold hyphens: ``iraq-2020``."""
InjectId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64)]
Text = Annotated[str, StringConstraints(max_length=20_000)]
Expr = Annotated[str, StringConstraints(min_length=1, max_length=1000)]
Finite = Annotated[float, Field(strict=True, allow_inf_nan=False)]
"""Every number in a scenario: finite (no ``.nan``, no ``.inf``), and never a boolean (YAML 1.1 reads ``yes`` as true)."""
Integer = Annotated[int, Field(strict=True)]
"""Whole numbers: not a boolean, not a float (``2.0`` is refused where a count is meant)."""
Probability = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=0.0, le=1.0)]

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](.+))?$")


def _calendar_moment(value: Any) -> Any:
    """A date ``YYYY-MM-DD`` or a date and time ``YYYY-MM-DDTHH:MM`` (or already one), with the reason
    when it is none: ``2021-02-30`` → "February has 28 days in 2021". Raises ValueError saying what is wrong."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    if not isinstance(value, str):
        raise ValueError("write a date as YYYY-MM-DD, e.g. 2020-03-11 (or a date and time, 2020-03-11T06:00)")
    match = _ISO_DATE.match(value.strip())
    if match is None:
        raise ValueError(f"{value!r} is not a date: write YYYY-MM-DD, e.g. 2020-03-11")
    year, month, day = (int(part) for part in match.groups()[:3])
    if year < 1:
        raise ValueError(f"{value} is not a date: there is no year 0")
    if not 1 <= month <= 12:
        raise ValueError(f"{value} is not a date: there is no month {month}")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ValueError(f"{value} is not a date: {calendar.month_name[month]} has {last} days in {year}")
    if match.group(4) is None:
        return dt.date(year, month, day)
    try:
        return dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a date and time: write YYYY-MM-DDTHH:MM, e.g. 2020-03-11T06:00") from None


Date = Annotated[dt.date, BeforeValidator(_calendar_moment)]
"""A calendar date, ``YYYY-MM-DD``; an impossible one (``2021-02-30``) is refused with the reason."""
Moment = Annotated[dt.date | dt.datetime, Field(union_mode="left_to_right"), BeforeValidator(_calendar_moment)]
"""A date (``2020-03-11``) or a date and time (``2020-03-11T06:00``): ISO 8601; impossible ones refused with the reason."""
"""A date (``2020-03-11``) or a date and time (``2020-03-11T06:00``): ISO 8601."""
Duration = Annotated[str, StringConstraints(min_length=2, max_length=40)]
"""An ISO 8601 duration without years or months: ``PT6H``, ``P1D``, ``P1W``, ``P1DT12H``."""

FORMAT_VERSIONS = (1, 2)
"""The scenario formats this program reads. 1: the first language; 2: adds durations and later features."""


def _is_none(value: object) -> bool:
    return value is None


def _is_one(value: object) -> bool:
    return value == 1


def _is_zero(value: object) -> bool:
    return value == 0


def _is_empty(value: object) -> bool:
    return not value


Number = Finite | Expr
"""A number, or a number expression over the state evaluated when it is used."""


class Strict(BaseModel):
    """Every scenario model: unknown keys are errors, and loaded data never changes."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------- world


class Source(Strict):
    """A published source the scenario rests on."""

    title: Text
    author: Text | None = None
    publisher: Text | None = None
    date: Date | None = None
    url: Text | None = None
    note: Text | None = None


class Variable(Strict):
    """A state variable: a number kept within [min, max] by every effect."""

    id: Id
    label: Text
    description: Text = ""
    min: Finite
    max: Finite
    initial: Finite
    visible_to: Literal["all", "control"] | list[Id] = "all"
    """Who sees it: every role, only control, or the listed roles (control always sees all)."""

    @model_validator(mode="after")
    def _bounds(self) -> Variable:
        if self.min > self.max:
            raise ValueError(f"min {self.min:g} is above max {self.max:g}")
        if not self.min <= self.initial <= self.max:
            raise ValueError(f"initial {self.initial:g} is outside [{self.min:g}, {self.max:g}]")
        return self


class Rung(Strict):
    """One step of the escalation ladder: the ladder variable's value at that step."""

    level: Integer
    label: Text
    meaning: Text


class Ladder(Strict):
    """The escalation ladder: which variable it reads, and what each rung means."""

    variable: Id
    rungs: list[Rung] = Field(min_length=2)

    @model_validator(mode="after")
    def _ascending(self) -> Ladder:
        levels = [rung.level for rung in self.rungs]
        if levels != sorted(set(levels)):
            raise ValueError("rung levels must be distinct and in ascending order")
        return self

    def rung_at(self, value: float) -> int:
        """The rung a value of the ladder variable stands on: the highest level at or below it."""
        level = self.rungs[0].level
        for rung in self.rungs:
            if value >= rung.level:
                level = rung.level
        return level


EffectOp = Literal["add", "set", "multiply", "at_least", "at_most"]
OPERATIONS: tuple[EffectOp, ...] = ("add", "set", "multiply", "at_least", "at_most")


class Effect(Strict):
    """A change to one variable: exactly one operation; the result is clamped to the variable's bounds.

    The value may be a number or a number expression (evaluated when the effect applies).
    ``at_least`` raises the variable to the value if it is below; ``at_most`` lowers it if above.
    ``after``: turns to wait — the effect applies at the opening of turn t + after instead of now.
    ``lasts``: turns it applies, once each (now, or from turn t + after, then at each opening);
    ``until``: a condition that ends a lasting effect (checked before each application; with no
    ``lasts`` the effect lasts until the condition holds or the exercise ends).
    """

    var: Id
    add: Number | None = None
    set: Number | None = None
    multiply: Number | None = None
    at_least: Number | None = Field(default=None, exclude_if=_is_none)
    at_most: Number | None = Field(default=None, exclude_if=_is_none)
    after: Integer = Field(default=0, ge=0, le=500, exclude_if=_is_zero)
    lasts: Integer | None = Field(default=None, ge=1, le=500, exclude_if=_is_none)
    until: Expr | None = Field(default=None, exclude_if=_is_none)

    @model_validator(mode="after")
    def _one_operation(self) -> Effect:
        given = [name for name in OPERATIONS if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("an effect needs exactly one of add, set, multiply, at_least or at_most")
        return self

    @property
    def op(self) -> EffectOp:
        if self.add is not None:
            return "add"
        if self.set is not None:
            return "set"
        if self.multiply is not None:
            return "multiply"
        return "at_least" if self.at_least is not None else "at_most"

    @property
    def value(self) -> float | str:
        """The number, or the expression's text."""
        for value in (self.add, self.set, self.multiply, self.at_least, self.at_most):
            if value is not None:
                return value
        raise AssertionError("an effect has one operation")  # the validator guarantees it

    @property
    def immediate(self) -> bool:
        """Applies once, now: neither delayed nor lasting."""
        return self.after == 0 and self.lasts in (None, 1) and self.until is None


class EndCondition(Strict):
    """The exercise ends after the turn in which ``when`` holds."""

    id: Id
    when: Expr
    message: Text


class FollowOnRule(Strict):
    """A threshold rule checked after every adjudication: when ``when`` holds, its effects apply."""

    id: Id
    label: Text
    when: Expr
    effects: list[Effect] = Field(default_factory=list)
    once: bool = True
    message: Text = ""


class HistoricalTurn(Strict):
    """What each role really did in one turn, so that a class can be compared with history."""

    turn: Integer = Field(ge=1)
    dates: Text = ""
    moves: dict[Id, list[Id]] = Field(default_factory=dict)
    note: Text = ""


class History(Strict):
    """What really happened, for the debrief."""

    summary: Text = ""
    end_state: dict[Id, Finite] = Field(default_factory=dict)
    label: Text = Field(default="", exclude_if=_is_empty)
    """What the comparison is called wherever it is shown ("the article's projection as this model renders
    it"); empty: "history", for a scenario whose end state is a sourced record."""


class ExerciseObjective(Strict):
    """An exercise objective in the HSEEP sense: what the exercise lets players experience and discuss,
    with the hot-wash questions that open the debrief; the after-action report's analysis shows each one
    beside the variables that bear on it."""

    id: Id
    label: Text
    description: Text = ""
    source: Text = ""
    """Where the claim behind it comes from (a passage of the source, paraphrased and located)."""
    variables: list[Id] = Field(default_factory=list)
    """Variables whose course the analysis shows beside the objective."""
    questions: list[Text] = Field(min_length=1, max_length=12)
    """Debrief questions for the hot wash."""
    notes: Text = ""
    """For the facilitator at the debrief (e.g. what the source recommends); never shown to a role in play."""


class World(Strict):
    """The world file ``scenarios/<id>.yaml``: everything that is not a role or an inject.

    Fields added after format 1 are left out of the canonical JSON while they hold their
    default (``exclude_if``), so a scenario written before them keeps its digest and every
    save made on it still opens.
    """

    format: Integer = Field(default=1, exclude_if=_is_one)
    """The scenario format the file is written in (see ``FORMAT_VERSIONS``); 1 when absent."""
    id: ScenarioId
    title: Text
    summary: Text
    sources: list[Source] = Field(default_factory=list)
    start_date: Moment
    """When turn 1 opens: a date, or a date and time of day."""
    turn_length: Duration | None = Field(default=None, exclude_if=_is_none)
    """How long a turn lasts, as an ISO 8601 duration (``PT6H``, ``P1W``); or give ``turn_length_days``."""
    turn_length_days: Integer | None = Field(default=None, ge=1, le=3650, exclude_if=_is_none)
    """The older way to say the turn length, in whole days."""
    turns: Integer = Field(ge=1, le=500)
    seed: Integer = Field(default=0, ge=0, le=2**63 - 1)
    roles: list[Id] = Field(min_length=1, max_length=32)
    """The roles in adjudication order; each has a file ``roles/<scenario>/<role>.yaml``."""
    variables: list[Variable] = Field(min_length=1, max_length=200)
    ladder: Ladder
    end_conditions: list[EndCondition] = Field(default_factory=list)
    rules: list[FollowOnRule] = Field(default_factory=list)
    historical_line: list[HistoricalTurn] = Field(default_factory=list)
    history: History = Field(default_factory=History)
    open_moves_per_turn: int = Field(default=0, ge=0, le=20, exclude_if=_is_zero)
    """How many open moves (a team's own proposal, judged by the umpire) each role may make per turn; 0: none."""
    turn_dates: list[Moment] = Field(default_factory=list, max_length=500, exclude_if=_is_empty)
    """When each turn opens, for a calendar with time jumps (weekly turns, then a month); the first is
    ``start_date``. Empty: turn n opens at start_date + (n - 1) x turn length. The last turn lasts the turn length."""
    exercise_objectives: list[ExerciseObjective] = Field(default_factory=list, max_length=20, exclude_if=_is_empty)
    """HSEEP exercise objectives with their debrief questions (the report's analysis section)."""

    @model_validator(mode="after")
    def _calendar(self) -> World:
        if self.format not in FORMAT_VERSIONS:
            newest = FORMAT_VERSIONS[-1]
            raise ValueError(f"format {self.format} is not one this program reads (1 to {newest}); update wargame")
        if (self.turn_length is None) == (self.turn_length_days is None):
            raise ValueError("give the turn length once: turn_length (e.g. PT6H, P1W) or turn_length_days")
        if self.turn_dates:
            from wargame.engine.timing import as_datetime

            if len(self.turn_dates) != self.turns:
                raise ValueError(f"turn_dates lists {len(self.turn_dates)} openings for {self.turns} turns: give one per turn")
            if as_datetime(self.turn_dates[0]) != as_datetime(self.start_date):
                raise ValueError("turn_dates must begin with start_date (turn 1 opens then)")
            moments = [as_datetime(m) for m in self.turn_dates]
            if any(b <= a for a, b in zip(moments, moments[1:], strict=False)):
                raise ValueError("turn_dates must be in ascending order, each after the one before")
        try:
            self.opens_at(self.turns + 1)
        except (OverflowError, ValueError):
            raise ValueError(f"the last of the {self.turns} turns would end after the year 9999, beyond the calendar: "
                             "start earlier, or give fewer or shorter turns") from None
        return self

    @field_validator("turn_length")
    @classmethod
    def _duration(cls, value: str | None) -> str | None:
        if value is not None:
            from wargame.engine.timing import parse_duration

            parse_duration(value)
        return value

    @property
    def turn_delta(self) -> dt.timedelta:
        """How long one turn lasts."""
        if self.turn_length is not None:
            from wargame.engine.timing import parse_duration

            return parse_duration(self.turn_length)
        return dt.timedelta(days=self.turn_length_days or 1)

    def opens_at(self, turn: int) -> dt.datetime:
        """The moment turn ``turn`` opens (``turns + 1``: when the last turn ends)."""
        from wargame.engine.timing import as_datetime

        if self.turn_dates:
            if turn <= len(self.turn_dates):
                return as_datetime(self.turn_dates[max(turn, 1) - 1])
            return as_datetime(self.turn_dates[-1]) + self.turn_delta * (turn - len(self.turn_dates))
        return as_datetime(self.start_date) + self.turn_delta * (turn - 1)

    def turn_length_of(self, turn: int) -> dt.timedelta:
        """How long turn ``turn`` lasts (with ``turn_dates``, until the next turn opens)."""
        return self.opens_at(turn + 1) - self.opens_at(turn)

    def turn_opens(self, turn: int) -> str:
        """When turn ``turn`` opens, as screens and events show it (see :mod:`wargame.engine.timing`)."""
        from wargame.engine.timing import turn_opens

        if self.turn_dates:
            moment = self.opens_at(turn)
            dated = not any(isinstance(m, dt.datetime) for m in (self.start_date, *self.turn_dates))
            if dated and self.turn_delta % dt.timedelta(days=1) == dt.timedelta(0):
                return moment.date().isoformat()
            return moment.strftime("%Y-%m-%d %H:%M")
        return turn_opens(self.start_date, self.turn_delta, turn)


# ---------------------------------------------------------------- roles


class Objective(Strict):
    """One of a role's aims, scored every turn by ``metric`` (higher is better; no single winner)."""

    id: Id
    label: Text
    description: Text = ""
    metric: Expr


class RedLine(Strict):
    """A line the role has declared; ``when`` says when it has been crossed, and crossing it has consequences.

    ``declared_to``: who knows of the line (and sees its crossing): ``self`` (the role and control,
    the default), ``all``, or a list of roles (the role itself always). Consequences, applied once when
    it is first crossed: ``effects``, ``injects`` released, and a ``prompt`` to control.
    """

    id: Id
    label: Text
    when: Expr | None = None
    declared_to: Literal["self", "all"] | list[Id] = Field(default="self", exclude_if=lambda v: v == "self")
    effects: list[Effect] = Field(default_factory=list, exclude_if=_is_empty)
    injects: list[InjectId] = Field(default_factory=list, exclude_if=_is_empty)
    prompt: Text = Field(default="", exclude_if=_is_empty)


class Resources(Strict):
    """What a role can spend each turn; every action costs some of it."""

    label: Text = "Capacity"
    per_turn: Integer = Field(ge=0, le=1000)


class Modifier(Strict):
    """A change to an action's chance, applied while ``when`` holds (always, if absent)."""

    when: Expr | None = None
    add: Number
    reason: Text


class Chance(Strict):
    """Chance of success: ``base`` plus every modifier that applies, clamped to [0, 1]."""

    base: Probability = 1.0
    modifiers: list[Modifier] = Field(default_factory=list)


class Band(Strict):
    """An outcome band. ``success`` is the roll under the chance; other bands share the rest."""

    id: Id
    label: Text = ""
    share: Probability = 0.0
    message: Text = ""
    effects: list[Effect] = Field(default_factory=list)
    unattributed: Text | None = Field(default=None, exclude_if=_is_none)
    """When set, an outcome in this band cannot be pinned on its actor: every role but the actor reads
    "Unattributed: <this text>" in place of the actor, the move, the band and the odds (control reads all).
    Absent: the outcome reads with its actor, as the action's visibility allows."""


class Precondition(Strict):
    """A condition with the words a role reads when it does not hold (instead of the expression)."""

    when: Expr
    reason: Text


class Action(Strict):
    """A move a role may make."""

    id: Id
    label: Text
    description: Text = ""
    preconditions: list[Expr | Precondition] = Field(default_factory=list)
    """Conditions that must all hold: an expression, or ``{when, reason}`` to say why in words."""
    cost: Integer = Field(default=1, ge=0, le=1000)
    chance: Chance = Field(default_factory=Chance)
    bands: list[Band] = Field(min_length=1, max_length=8)
    visibility: Literal["public", "private", "delayed"] = "public"
    reveal_after: Integer = Field(default=0, ge=0, le=100)
    """For ``delayed`` actions: turns after adjudication before other roles learn of it."""
    known_to: list[Id] = Field(default_factory=list, exclude_if=_is_empty)
    """For ``private`` and ``delayed`` actions: roles that learn of the move and its outcome as if it were
    public (its target, who sees the rockets arrive); everyone else, as ``visibility`` says."""
    rationale: Text = ""
    """Why the odds and effects are what they are (shown to the designer, not to players)."""
    costs: dict[Id, int] = Field(default_factory=dict, exclude_if=_is_empty)
    """Spent from the role's pools (variable id → amount) when the move is adjudicated."""
    group: Id | None = Field(default=None, exclude_if=_is_none)
    """Exclusive group: at most one move of a group per turn (e.g. strike and hold fire)."""
    per_game: int | None = Field(default=None, ge=1, le=500, exclude_if=_is_none)
    """At most this many turns with this move in a whole exercise (1: once per game)."""
    cooldown: int = Field(default=0, ge=0, le=500, exclude_if=_is_zero)
    """Turns that must pass after the move before it may be made again."""

    @model_validator(mode="after")
    def _bands(self) -> Action:
        ids = [band.id for band in self.bands]
        if "success" not in ids:
            raise ValueError("bands need one with id 'success'")
        if len(set(ids)) != len(ids):
            raise ValueError("band ids must be distinct")
        misses = [band for band in self.bands if band.id != "success"]
        if misses:
            total = sum(band.share for band in misses)
            if abs(total - 1.0) > 1e-6:
                raise ValueError(f"shares of the bands other than success add up to {total:g}, not 1")
        if self.visibility == "delayed" and self.reveal_after == 0:
            raise ValueError("a delayed action needs reveal_after of 1 or more turns")
        if self.known_to and self.visibility == "public":
            raise ValueError("known_to is for private and delayed actions: every role knows of a public one")
        return self

    @property
    def conditions(self) -> list[tuple[str, str | None]]:
        """Each precondition as (expression, the reason in words or None)."""
        return [(p, None) if isinstance(p, str) else (p.when, p.reason) for p in self.preconditions]


class Pool(Strict):
    """A stock a role spends from (a world variable, so effects and expressions reach it) and how it refills.

    ``refill``: ``full`` (back to the variable's max at each turn's opening), a number added at each
    opening, or 0 (never: it refills only by effects).
    """

    var: Id
    refill: Literal["full"] | float = 0.0


class Persona(Strict):
    """A bot's temperament: weights of each action (numbers or expressions over the state)."""

    id: Id
    label: Text = ""
    description: Text = ""
    weights: dict[Id, Number] = Field(min_length=1)
    pass_weight: Number = 0.0
    """Weight of making no move this turn."""


class Role(Strict):
    """A player cell: ``roles/<scenario>/<role>.yaml``."""

    id: Id
    name: Text
    public_brief: Text
    private_brief: Text
    objectives: list[Objective] = Field(min_length=1, max_length=12)
    red_lines: list[RedLine] = Field(default_factory=list)
    resources: Resources
    actions: list[Action] = Field(min_length=1, max_length=40)
    personas: list[Persona] = Field(default_factory=list)
    pools: list[Pool] = Field(default_factory=list, exclude_if=_is_empty)
    """Named stocks the role's moves spend from (``costs``), besides the per-turn resources."""
    max_moves: int | None = Field(default=None, ge=1, le=40, exclude_if=_is_none)
    """At most this many moves in one turn."""


# ---------------------------------------------------------------- injects


class Variant(Strict):
    """The message some roles read instead of the inject's main one."""

    audience: list[Id] = Field(min_length=1)
    message: Text


class Inject(Strict):
    """One entry of the master scenario events list (MSEL)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: InjectId
    title: Text
    kind: Literal["historical", "branch", "contingency"]
    date: Moment | None = None
    """The real or notional date, or date and time (``2024-05-02T14:30``)."""
    turn: Integer | None = Field(default=None, ge=1)
    """Historical injects: the turn they arrive at the start of."""
    trigger: Expr | None = None
    """Branch injects: arrive at the start of the first turn after this holds (once)."""
    from_: Text = Field(alias="from")
    audience: Literal["all"] | list[Id] = "all"
    method: Text = "briefing"
    message: Text
    expected_actions: list[Text] = Field(default_factory=list)
    objectives: list[Text] = Field(default_factory=list)
    """Objectives it exercises, as ``role.objective``."""
    effects: list[Effect] = Field(default_factory=list)
    provenance: Text
    """What in the source it rests on, or a text starting with ``invented``."""
    chance: Probability = Field(default=1.0, exclude_if=_is_one)
    """Branch injects: the chance it fires at a turn's opening when its trigger holds (seeded roll)."""
    repeat_every: int | None = Field(default=None, ge=1, le=500, exclude_if=_is_none)
    """Branch injects: may fire again, at least this many turns after it last fired (else once)."""
    variants: list[Variant] = Field(default_factory=list, exclude_if=_is_empty)
    """Other messages for some of the audience (e.g. the technical version for IT)."""

    @property
    def origin(self) -> str:
        """Where the inject comes from, as teams are told it (never the provenance itself, which may hold
        control's guidance): ``invented`` or ``projection`` when the provenance starts with that word,
        else ``from the source`` (what the scenario's sources report)."""
        start = self.provenance.lstrip().lower()
        if start.startswith("invented"):
            return "invented"
        if start.startswith("projection"):
            return "projection"
        return "from the source"

    @model_validator(mode="after")
    def _timing(self) -> Inject:
        if self.kind == "historical" and self.turn is None:
            raise ValueError("a historical inject needs a turn")
        if self.kind == "branch" and self.trigger is None:
            raise ValueError("a branch inject needs a trigger")
        if self.kind == "contingency" and (self.turn is not None or self.trigger is not None):
            raise ValueError("a contingency inject is released by control: it takes no turn or trigger")
        if self.kind == "historical" and self.trigger is not None:
            raise ValueError("a historical inject arrives on its turn: it takes no trigger")
        if self.kind != "branch" and (self.chance != 1.0 or self.repeat_every is not None):
            raise ValueError("chance and repeat_every belong to branch injects (fired by a trigger)")
        return self


class InjectFile(Strict):
    """A file of ``injects/<scenario>/``: one phase of the MSEL."""

    phase: Text = ""
    injects: list[Inject] = Field(min_length=1, max_length=500)


# ---------------------------------------------------------------- the whole


class Scenario(Strict):
    """A loaded, checked scenario: the engine's only input besides the seed and the moves."""

    world: World
    roles: tuple[Role, ...]
    injects: tuple[Inject, ...]

    @property
    def id(self) -> str:
        return self.world.id

    def role(self, role_id: str) -> Role:
        for role in self.roles:
            if role.id == role_id:
                return role
        raise KeyError(role_id)

    def action(self, role_id: str, action_id: str) -> Action:
        for action in self.role(role_id).actions:
            if action.id == action_id:
                return action
        raise KeyError(f"{role_id}.{action_id}")

    def inject(self, inject_id: str) -> Inject:
        for inject in self.injects:
            if inject.id == inject_id:
                return inject
        raise KeyError(inject_id)


def canonical_json(scenario: Scenario) -> str:
    """The scenario as canonical JSON: what a save keeps, so it replays after the YAML changes."""
    return json.dumps(scenario.model_dump(mode="json", by_alias=True), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def scenario_digest(scenario: Scenario) -> str:
    """sha256 of the canonical JSON: names exactly which scenario a session was played on."""
    return hashlib.sha256(canonical_json(scenario).encode()).hexdigest()
