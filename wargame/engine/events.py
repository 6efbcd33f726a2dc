"""Everything that happens in an exercise, as events: a closed union, named in the past tense.

The log of events is the only truth. The state of a session is a fold over it
(:func:`wargame.engine.state.replay`); the store saves events and nothing it
cannot rebuild from them. Events carry their explanations (chances, modifiers,
rolls, effects before → after), so a replay never needs to recompute a roll to
say why something happened — and a save stays readable after the rules change.
Events hold no clock and nothing random: the same scenario, seed and moves give
byte-identical events.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Literal, Union, cast, get_args

from pydantic import ConfigDict, Field, TypeAdapter
from pydantic.dataclasses import dataclass

CONTROL = "control"
"""The facilitator (White Cell), as an author of events and a lens for views."""


# Built on first use, not at import: start-up of the terminal UI matters more than the first validation
# of a rarely used event. No NaN or infinity in any event: pydantic writes them as null, which no reader
# takes back.
_CONFIG = ConfigDict(extra="forbid", defer_build=True, allow_inf_nan=False)


class Record:
    """Parts of events: frozen, strict about keys.

    Every part and event is a frozen pydantic dataclass with slots (``@dataclass(frozen=True, slots=True,
    kw_only=True, config=_CONFIG)``), not a ``BaseModel``: no ``__dict__`` and no set of the fields given
    on each object. A read of the bench's 100,000 events, with their rows' payload bytes, held 81 MB
    instead of 213 MB, and took about a fifth less CPU time (docs/performance.md § Store). Constructed by keyword, validated on construction,
    compared and hashed by value, written by pydantic's serializer (:func:`event_json_bytes`) byte for byte
    as the ``BaseModel`` events were (``tests/engine/test_event_bytes.py``).
    """

    __slots__ = ()


def _empty(value: object) -> bool:
    return not value


def _absent(value: object) -> bool:
    return value is None


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class EffectApplied(Record):
    """One change made to one variable, with the value before and after (after clamping).

    ``value`` is the number used, an expression's value as it was when the effect applied.
    """

    var: str
    op: Literal["add", "set", "multiply", "at_least", "at_most"]
    value: float
    before: float
    after: float


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class EffectScheduled(Record):
    """An effect that applies later: at the opening of turn ``first`` and, while it lasts, of each turn
    up to ``last`` (or, with ``last`` None, until ``until`` holds or the exercise ends)."""

    var: str
    op: Literal["add", "set", "multiply", "at_least", "at_most"]
    value: float | str
    """A number, or an expression evaluated when the effect applies."""
    first: int
    last: int | None = None
    until: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class ModifierApplied(Record):
    """A chance modifier that held, with its reason."""

    reason: str
    add: float


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class ChanceExplained(Record):
    """How the chance of success was reached: base + modifiers, clamped to [0, 1]."""

    base: float
    modifiers: tuple[ModifierApplied, ...] = ()
    chance: float


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class EventBase(Record):
    """Common to every event: the turn it happened in (0 before the first turn)."""

    turn: int


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class SessionStarted(EventBase):
    kind: Literal["session_started"] = "session_started"
    scenario_id: str
    scenario_hash: str
    seed: int
    assignments: dict[str, str]
    """Who plays each role: ``human`` or a bot policy (``random``, ``historical``, a persona id)."""


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class SeedChosen(EventBase):
    """Control chose another seed during set-up, before any die was rolled."""

    kind: Literal["seed_chosen"] = "seed_chosen"
    seed: int


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class RoleAssigned(EventBase):
    kind: Literal["role_assigned"] = "role_assigned"
    role: str
    player: str


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class TurnStarted(EventBase):
    kind: Literal["turn_started"] = "turn_started"
    date: str


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class InjectReleased(EventBase):
    kind: Literal["inject_released"] = "inject_released"
    inject_id: str
    by: Literal["schedule", "trigger", "control", "red_line"]
    effects: tuple[EffectApplied, ...] = ()
    scheduled: tuple[EffectScheduled, ...] = Field(default=(), exclude_if=_empty)


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class InjectHeld(EventBase):
    kind: Literal["inject_held"] = "inject_held"
    inject_id: str
    reason: str = ""


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class InjectDecisionUndone(EventBase):
    """Control took back its last release or hold of an inject, within the same stage of the turn.

    ``decision`` is what was undone. For a release, ``restored`` puts back every variable the
    release changed (value after the release → value before it), its scheduled effects are
    dropped, and the inject is pending again (held again when ``held_again``: it had been held
    before control released it). For a hold, the inject is pending again.
    """

    kind: Literal["inject_decision_undone"] = "inject_decision_undone"
    inject_id: str
    decision: Literal["release", "hold"]
    restored: tuple[VarChanged, ...] = ()
    held_again: bool = False


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class MoveSubmitted(EventBase):
    kind: Literal["move_submitted"] = "move_submitted"
    role: str
    action: str


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class MoveWithdrawn(EventBase):
    kind: Literal["move_withdrawn"] = "move_withdrawn"
    role: str
    action: str


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class MovesSealed(EventBase):
    """A role declared its moves for the turn final (possibly none): control knows it is done."""

    kind: Literal["moves_sealed"] = "moves_sealed"
    role: str


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class OutcomeAdjudicated(EventBase):
    kind: Literal["outcome_adjudicated"] = "outcome_adjudicated"
    role: str
    action: str
    chance: ChanceExplained
    roll: float
    band: str
    effects: tuple[EffectApplied, ...] = ()
    visibility: Literal["public", "private", "delayed"]
    reveal_turn: int
    """The turn from which roles other than ``role`` may see it (public: this turn; private: never, -1)."""
    scheduled: tuple[EffectScheduled, ...] = Field(default=(), exclude_if=_empty)
    """Its delayed and lasting effects, still to come."""
    spent: tuple[EffectApplied, ...] = Field(default=(), exclude_if=_empty)
    """What the move drew from the role's pools."""


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class RuleTriggered(EventBase):
    kind: Literal["rule_triggered"] = "rule_triggered"
    rule_id: str
    effects: tuple[EffectApplied, ...] = ()
    scheduled: tuple[EffectScheduled, ...] = Field(default=(), exclude_if=_empty)


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class RedLineCrossed(EventBase):
    """A declared red line was crossed; its consequences applied (injects it releases follow as their own events)."""

    kind: Literal["red_line_crossed"] = "red_line_crossed"
    role: str
    red_line: str
    effects: tuple[EffectApplied, ...] = Field(default=(), exclude_if=_empty)
    scheduled: tuple[EffectScheduled, ...] = Field(default=(), exclude_if=_empty)
    prompt: str = Field(default="", exclude_if=_empty)
    """What the scenario asks control to consider (shown to control only)."""


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class EffectsMatured(EventBase):
    """Delayed or lasting effects applied at a turn's opening, with where they came from.

    ``source`` names the event that scheduled them: ``outcome:TURN:ROLE:ACTION``,
    ``rule:TURN:RULE``, ``inject:TURN:INJECT``, ``red_line:TURN:ROLE:LINE`` or ``open:TURN:ROLE:N``.
    ``ended`` is True when a lasting effect's ``until`` held, so it stopped without applying.
    """

    kind: Literal["effects_matured"] = "effects_matured"
    source: str
    effects: tuple[EffectApplied, ...] = ()
    ended: tuple[EffectScheduled, ...] = Field(default=(), exclude_if=_empty)


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class VarChanged(Record):
    var: str
    before: float
    after: float


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class ResolvedAgain(Record):
    """Another outcome of the turn whose effects came out differently when an override resolved the turn
    again (a bound reached sooner or later): its effects as they now apply."""

    role: str
    action: str
    effects: tuple[EffectApplied, ...]


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class PlannedEffect(Record):
    """An effect the umpire wrote for an open move (with the variable picker): a number, not an expression."""

    var: str
    op: Literal["add", "set", "multiply", "at_least", "at_most"]
    value: float


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class OpenMoveProposed(EventBase):
    """A team proposed an action in its own words, with its argument (matrix-game style); sealed like a move."""

    kind: Literal["open_move_proposed"] = "open_move_proposed"
    role: str
    index: int
    """1, 2, … within the role's open moves of this turn."""
    text: str
    argument: str = ""


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class OpenMoveJudged(EventBase):
    """The umpire judged an open move before adjudication: a chance of success (the seeded roll decides),
    or a band outright; the effects of success and of failure; the rationale."""

    kind: Literal["open_move_judged"] = "open_move_judged"
    role: str
    index: int
    chance: float | None = None
    band: Literal["success", "failure"] | None = None
    success: tuple[PlannedEffect, ...] = ()
    failure: tuple[PlannedEffect, ...] = ()
    rationale: str


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class OpenMoveResolved(EventBase):
    """An open move resolved at adjudication, after the scenario's moves: roll, band, effects."""

    kind: Literal["open_move_resolved"] = "open_move_resolved"
    role: str
    index: int
    chance: float | None
    roll: float | None
    """None when the umpire picked the band outright."""
    band: Literal["success", "failure"]
    effects: tuple[EffectApplied, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class OpenMoveOverridden(EventBase):
    """The umpire replaced an open move's band after adjudication; the turn was resolved again."""

    kind: Literal["open_move_overridden"] = "open_move_overridden"
    role: str
    index: int
    from_band: str
    to_band: Literal["success", "failure"]
    rationale: str
    effects: tuple[EffectApplied, ...] = ()
    changes: tuple[VarChanged, ...] = ()
    rules: tuple[RuleTriggered, ...] | None = Field(default=None, exclude_if=_absent)
    """The turn's follow-on rules as tested again with the new band (see ``OutcomeOverridden.rules``)."""


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class ScoresComputed(EventBase):
    kind: Literal["scores_computed"] = "scores_computed"
    scores: dict[str, dict[str, float]]


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class TurnAdjudicated(EventBase):
    kind: Literal["turn_adjudicated"] = "turn_adjudicated"


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class OutcomeOverridden(EventBase):
    kind: Literal["outcome_overridden"] = "outcome_overridden"
    role: str
    action: str
    from_band: str
    to_band: str
    """The band now in force: one of the action's bands, or ``custom`` for effects the umpire wrote."""
    rationale: str
    effects: tuple[EffectApplied, ...] = ()
    """The overriding outcome's own effects, as they applied when the turn was resolved again."""
    changes: tuple[VarChanged, ...] = ()
    """Net change to the world relative to before the override."""
    scheduled: tuple[EffectScheduled, ...] = Field(default=(), exclude_if=_empty)
    """The overriding outcome's delayed and lasting effects (replacing the overridden one's)."""
    rules: tuple[RuleTriggered, ...] | None = Field(default=None, exclude_if=_absent)
    """The turn's follow-on rules as tested again with the override in place, replacing the turn's
    ``RuleTriggered`` events (their effects, counts and delayed effects); ``()`` when none holds now.
    Absent in saves written before overrides re-tested rules: the turn's rules then stand as adjudicated."""
    others: tuple[ResolvedAgain, ...] = Field(default=(), exclude_if=_empty)
    """The turn's other outcomes whose effects changed when it was resolved again, with their new effects
    (absent when none changed, and in saves written before overrides recorded them)."""


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class NoteAdded(EventBase):
    kind: Literal["note_added"] = "note_added"
    author: str
    text: str


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class TurnEnded(EventBase):
    kind: Literal["turn_ended"] = "turn_ended"


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class SessionEnded(EventBase):
    kind: Literal["session_ended"] = "session_ended"
    reason: str
    """An end condition's id, ``last_turn``, or ``control``."""
    message: str


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class DebriefEntryAdded(EventBase):
    """The facilitator's input to the after-action report: a strength, an area for improvement, or a row
    of the improvement plan (HSEEP AAR/IP). An event, like everything else, so the debrief is part of the
    one log: it survives resume and fork, and a report rebuilt later shows the same entries."""

    kind: Literal["debrief_entry_added"] = "debrief_entry_added"
    section: Literal["strength", "improvement", "plan"]
    text: str
    """The observation, or for a plan row the corrective action."""
    about_turn: int | None = None
    """The turn the entry is about, if any (``turn`` is when it was written)."""
    capability: str = ""
    """Plan rows: the capability or objective the action improves."""
    issue: str = ""
    """Plan rows: the area for improvement it answers."""
    owner: str = ""
    """Plan rows: the organisation or person responsible."""
    due: str = ""
    """Plan rows: when it should be done, as the facilitator wrote it."""
    author: str = CONTROL


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class MessageSent(EventBase):
    """Words between roles during play: to some roles, or to all (a public statement).

    ``sender`` is a role id or ``control``; control may speak as a named outside voice (``voice``:
    the press, a ministry). Control sees every message; a role sees what it sent, what was sent
    to it, and public statements; the room display sees public statements only.
    """

    kind: Literal["message_sent"] = "message_sent"
    sender: str
    to: tuple[str, ...] = ()
    """Role ids; empty for a public statement to all."""
    text: str
    voice: str = ""


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class ClockChanged(EventBase):
    """Control set, paused, resumed, extended or cleared the moves-phase clock, or it ran out.

    The engine has no clock: times come in with control's command (``now`` as the seat or the
    host read it), so the log records the pacing as it was lived, and replays it as recorded.
    """

    kind: Literal["clock_changed"] = "clock_changed"
    change: Literal["set", "pause", "resume", "extend", "clear", "expire", "settle"]
    """``settle``: control's answer after an expiry under ``ask`` — ``on_expiry`` then holds the rule control chose
    (``pass`` or ``bot``) and ``roles`` the late teams it applied to."""
    deadline: str | None = None
    """ISO 8601 UTC instant the moves phase closes, while the clock runs; None when paused or cleared."""
    remaining_s: float | None = None
    """Seconds left while paused (and at a pause); None when running or cleared."""
    on_expiry: Literal["pass", "bot", "ask"] = "ask"
    """At expiry: unsealed roles pass (sealed as they stand), a bot plays them, or control is asked."""
    roles: tuple[str, ...] = ()
    """At expiry: the human roles that had not sealed."""


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class AgendaSet(EventBase):
    """Control planned the session's pace: ``minutes_per_turn`` for each turn from this one on, starting at
    ``start`` (ISO 8601 UTC, as control's seat read its clock); 0 minutes clears the plan.

    Turn ``k`` (from ``max(turn, 1)`` on) is planned to be over by ``start + (k - max(turn, 1) + 1) * minutes``.
    """

    kind: Literal["agenda_set"] = "agenda_set"
    start: str
    minutes_per_turn: int


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class InjectImprovised(EventBase):
    """An inject control wrote during play (not in the MSEL): recorded as improvised, with its effects."""

    kind: Literal["inject_improvised"] = "inject_improvised"
    inject_id: str
    """``X1``, ``X2``, … in the order written."""
    title: str
    audience: Literal["all"] | tuple[str, ...]
    message: str
    from_: str = "Control"
    effects: tuple[EffectApplied, ...] = ()


Event = Annotated[
    Union[
        SessionStarted,
        SeedChosen,
        RoleAssigned,
        TurnStarted,
        InjectReleased,
        InjectHeld,
        InjectDecisionUndone,
        MoveSubmitted,
        MoveWithdrawn,
        MovesSealed,
        OutcomeAdjudicated,
        RuleTriggered,
        RedLineCrossed,
        EffectsMatured,
        OpenMoveProposed,
        OpenMoveJudged,
        OpenMoveResolved,
        OpenMoveOverridden,
        ScoresComputed,
        TurnAdjudicated,
        OutcomeOverridden,
        NoteAdded,
        TurnEnded,
        SessionEnded,
        DebriefEntryAdded,
        MessageSent,
        ClockChanged,
        AgendaSet,
        InjectImprovised,
    ],
    Field(discriminator="kind"),
]

EVENT_CLASSES: dict[str, type[EventBase]] = {
    cls.__dataclass_fields__["kind"].default: cls for cls in get_args(get_args(Event)[0])
}
"""Every event class of the union, by its ``kind``."""

# ---------------------------------------------------------------- trusted construction
#
# The engine's hot path (a bot's move, adjudication) builds the same few events and parts thousands
# of times a game from values it has already checked: ids looked up in the scenario, numbers that are
# floats, clamped and finite, tuples of parts already built. These build them without validating them
# again — the object is the one validation would give (same fields, same types, same fields set, so the
# same bytes when stored). Anything read from outside (a save, a command) is still validated.

_new = object.__new__
_setattr = object.__setattr__


def _trusted(record: Record, values: dict[str, object]) -> Record:
    """``record`` (made by ``object.__new__``) with every one of its fields set from ``values``."""
    for name, value in values.items():
        _setattr(record, name, value)
    return record


# Parts and events that recur — the same effect on the same values, the same modifier, the same move in the
# same turn — are built once and shared: they are frozen, so one object serves every event that holds it
# (equal, same JSON). Keys are the builders' arguments; a key holding a zero is never shared, because 0.0
# and -0.0 are equal keys but not the same JSON. Each cache is emptied when it grows past _SHARED_MAX.

_SHARED_MAX = 50_000
_EFFECTS: dict[tuple[str, str, float, float, float], EffectApplied] = {}
_MODIFIERS: dict[tuple[str, float], ModifierApplied] = {}
_CHANCES: dict[tuple[float, tuple[tuple[str, float], ...], float], ChanceExplained] = {}
_SUBMITTED: dict[tuple[int, str, str], MoveSubmitted] = {}
_SEALED: dict[tuple[int, str], MovesSealed] = {}


def applied_effect(var: str, op: str, value: float, before: float, after: float) -> EffectApplied:
    """``EffectApplied(...)`` from checked values (floats, an op of the five)."""
    if not (value and before and after):
        return _trusted(_new(EffectApplied), {"var": var, "op": op, "value": float(value), "before": float(before),  # type: ignore[return-value]
                                             "after": float(after)})
    key = (var, op, value, before, after)
    found = _EFFECTS.get(key)
    if found is None:
        if len(_EFFECTS) >= _SHARED_MAX:
            _EFFECTS.clear()
        found = _EFFECTS[key] = cast(EffectApplied, _trusted(_new(EffectApplied), {
            "var": var, "op": op, "value": float(value), "before": float(before), "after": float(after)}))
    return found


def modifier_applied(reason: str, add: float) -> ModifierApplied:
    """``ModifierApplied(...)`` from checked values."""
    if not add:
        return _trusted(_new(ModifierApplied), {"reason": reason, "add": float(add)})  # type: ignore[return-value]
    key = (reason, add)
    found = _MODIFIERS.get(key)
    if found is None:
        if len(_MODIFIERS) >= _SHARED_MAX:
            _MODIFIERS.clear()
        found = _MODIFIERS[key] = cast(ModifierApplied, _trusted(_new(ModifierApplied), {"reason": reason, "add": float(add)}))
    return found


def chance_explained(base: float, modifiers: tuple[ModifierApplied, ...], chance: float) -> ChanceExplained:
    """``ChanceExplained(...)`` from checked values (``modifiers`` a tuple of built parts)."""
    return _trusted(_new(ChanceExplained), {"base": float(base), "modifiers": modifiers, "chance": float(chance)})  # type: ignore[return-value]


def chance_from(base: float, applied: tuple[tuple[str, float], ...], chance: float) -> ChanceExplained:
    """``ChanceExplained`` of ``base``, the modifiers that held as (reason, add) pairs, and the chance."""
    if not (base and chance) or not all(add for _, add in applied):
        return chance_explained(base, tuple(modifier_applied(reason, add) for reason, add in applied), chance)
    key = (base, applied, chance)
    found = _CHANCES.get(key)
    if found is None:
        if len(_CHANCES) >= _SHARED_MAX:
            _CHANCES.clear()
        found = _CHANCES[key] = chance_explained(base, tuple(modifier_applied(reason, add) for reason, add in applied), chance)
    return found


def move_submitted(turn: int, role: str, action: str) -> MoveSubmitted:
    """``MoveSubmitted(...)`` for a move ``decide`` has found legal."""
    key = (turn, role, action)
    found = _SUBMITTED.get(key)
    if found is None:
        if len(_SUBMITTED) >= _SHARED_MAX:
            _SUBMITTED.clear()
        found = _SUBMITTED[key] = cast(MoveSubmitted, _trusted(_new(MoveSubmitted), {
            "turn": turn, "kind": "move_submitted", "role": role, "action": action}))
    return found


def moves_sealed(turn: int, role: str) -> MovesSealed:
    """``MovesSealed(...)`` for a seal ``decide`` has allowed."""
    key = (turn, role)
    found = _SEALED.get(key)
    if found is None:
        if len(_SEALED) >= _SHARED_MAX:
            _SEALED.clear()
        found = _SEALED[key] = cast(MovesSealed, _trusted(_new(MovesSealed), {"turn": turn, "kind": "moves_sealed", "role": role}))
    return found


def outcome_adjudicated(turn: int, role: str, action: str, chance: ChanceExplained, roll: float, band: str,
                        effects: tuple[EffectApplied, ...], visibility: str, reveal_turn: int,
                        scheduled: tuple[EffectScheduled, ...], spent: tuple[EffectApplied, ...]) -> OutcomeAdjudicated:
    """``OutcomeAdjudicated(...)`` from adjudication's own parts (every field given, tuples of built parts)."""
    return _trusted(_new(OutcomeAdjudicated), {  # type: ignore[return-value]
        "turn": turn, "kind": "outcome_adjudicated", "role": role, "action": action, "chance": chance,
        "roll": float(roll), "band": band, "effects": effects, "visibility": visibility, "reveal_turn": reveal_turn,
        "scheduled": scheduled, "spent": spent,
    })


def turn_started(turn: int, date: str) -> TurnStarted:
    """``TurnStarted(...)`` for a turn ``decide`` opens."""
    return _trusted(_new(TurnStarted), {"turn": turn, "kind": "turn_started", "date": date})  # type: ignore[return-value]


def inject_released(turn: int, inject_id: str, by: str, effects: tuple[EffectApplied, ...],
                    scheduled: tuple[EffectScheduled, ...]) -> InjectReleased:
    """``InjectReleased(...)`` for an inject of the scenario ``decide`` releases (tuples of built parts)."""
    return _trusted(_new(InjectReleased), {  # type: ignore[return-value]
        "turn": turn, "kind": "inject_released", "inject_id": inject_id, "by": by, "effects": effects, "scheduled": scheduled})


def rule_triggered(turn: int, rule_id: str, effects: tuple[EffectApplied, ...],
                   scheduled: tuple[EffectScheduled, ...]) -> RuleTriggered:
    """``RuleTriggered(...)`` for a rule of the scenario that fired (tuples of built parts)."""
    return _trusted(_new(RuleTriggered), {  # type: ignore[return-value]
        "turn": turn, "kind": "rule_triggered", "rule_id": rule_id, "effects": effects, "scheduled": scheduled})


def scores_computed(turn: int, scores: dict[str, dict[str, float]]) -> ScoresComputed:
    """``ScoresComputed(...)`` from scores the engine computed: new dictionaries of finite floats."""
    return _trusted(_new(ScoresComputed), {"turn": turn, "kind": "scores_computed", "scores": scores})  # type: ignore[return-value]


def turn_adjudicated(turn: int) -> TurnAdjudicated:
    """``TurnAdjudicated(...)``."""
    return _trusted(_new(TurnAdjudicated), {"turn": turn, "kind": "turn_adjudicated"})  # type: ignore[return-value]


@cache
def event_adapter() -> TypeAdapter[Event]:
    """The validator of the event union, built once on first use."""
    return TypeAdapter(Event)


def event_from_json(text: str | bytes) -> Event:
    """Parse one stored event; raises pydantic's ValidationError on anything else."""
    return event_adapter().validate_json(text)


def event_json_bytes(event: EventBase) -> bytes:
    """The canonical bytes of an event (UTF-8 JSON): what is hashed, stored, and compared for determinism.

    Exactly ``TypeAdapter(type(event)).dump_json(event)``, from the class's own pydantic-core
    serializer called directly with its defaults (the store calls it on every append, and a
    keyword-argument wrapper cost more than the serializing).
    """
    return event.__pydantic_serializer__.to_json(event)  # type: ignore[attr-defined, no-any-return]


def event_to_json(event: EventBase) -> str:
    """:func:`event_json_bytes` as text."""
    return event_json_bytes(event).decode()
