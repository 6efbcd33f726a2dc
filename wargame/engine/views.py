"""What each lens may know, as immutable values: the only input of a face.

``View`` is a lens's record of the session (briefs, injects received, moves made,
outcomes it may know of, the variables it sees and their history, its scores): what a
role's replay and report read. :class:`RoleView` and :class:`ControlView` extend it with
the present — status, the moves a role may make with the odds it is shown, objectives
with their trend, what happened last turn, the facilitator's notes — which is what the
player screen, the console and the bots read. Builders: :func:`view_for` here, and
:func:`wargame.engine.situation.role_view` / :func:`~wargame.engine.situation.control_view`.

Views are frozen dataclasses built from parts that are already validated events or scenario
objects (no validation again): a report asks for a view at every turn of a long session and
autoplay gives one to every bot every turn. :func:`view_json` writes any view as JSON. Nothing in a view
is derived from what its lens may not know (see :mod:`wargame.engine.lens`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter
from pydantic_core import core_schema

from wargame.engine.events import CONTROL, EffectApplied, InjectImprovised, MessageSent, OutcomeAdjudicated, VarChanged
from wargame.engine.lens import (ShownChance, ShownModifier, lens_for, reveal_turn, sees_inject, sees_outcome,
                                 sees_variable)
from wargame.engine.scenario import Inject, Scenario
from wargame.engine.rules import rules_for
from wargame.engine.state import Agenda, Clock, State

__all__ = [
    "BandView", "BriefView", "BudgetView", "ControlView", "InjectStatusView", "InjectView", "MoveOption", "NoteView",
    "ObjectiveView", "OutcomeView", "OverrideView", "UndoView", "RoleStatusView", "RoleView", "RuleFiredView", "ShownChance", "ShownModifier",
    "StatusView", "VariableView", "View", "sees_inject", "sees_outcome", "sees_variable", "view_for", "view_json",
    "OpenMoveView", "MaturedView", "knows_red_line", "as_read_by", "unattributed_text",
]


@dataclass(frozen=True, slots=True)
class BriefView:
    role: str
    name: str
    public_brief: str
    private_brief: str | None


@dataclass(frozen=True, slots=True)
class InjectView:
    inject: Inject
    turn: int
    by: str
    effects: tuple[EffectApplied, ...]
    """Only the effects on variables the lens may see."""
    after_moves: bool = False
    """Released after this lens's moves of its turn (after it sealed, or after adjudication): news to it,
    not in the figures it moved on."""


@dataclass(frozen=True, slots=True)
class OverrideView:
    """One umpire override of an outcome: from which band to which, why, and what it changed."""

    from_band: str
    to_band: str
    rationale: str
    effects: tuple[EffectApplied, ...]
    rules_retested: bool = True
    """False for an override recorded before overrides tested the turn's follow-on rules again: the turn's
    rules then stand as adjudicated."""
    rules_undone: tuple[str, ...] = ()
    """Control only: the follow-on rules (ids) that had fired and the override undid."""
    rules_added: tuple[str, ...] = ()
    """Control only: the follow-on rules (ids) that fire only with the override in place."""


@dataclass(frozen=True, slots=True)
class OutcomeView:
    turn: int
    role: str
    action: str
    label: str
    band: str
    """The band in force (after any override)."""
    adjudicated_band: str
    odds: ShownChance
    """The odds as this lens may see them: withheld (``chance`` None) where they depend on what it cannot see."""
    chance: float | None
    roll: float | None
    """None when the odds are withheld: roll and band together would bound them."""
    explanation: OutcomeAdjudicated | None
    """The engine's whole account: control only (None for a role)."""
    adjudicated_effects: tuple[EffectApplied, ...]
    """What the adjudicated band changed (before any override), on variables the lens may see."""
    effects: tuple[EffectApplied, ...]
    overridden: bool
    rationale: str | None
    visibility: str
    reveal_turn: int
    """From which turn roles other than ``role`` may know of it (-1: never)."""
    overrides: tuple[OverrideView, ...] = ()
    """Every override of this outcome in order, its effects on variables the lens may see."""
    unattributed: bool = False
    """The band in force is unattributed (``Band.unattributed``) and the lens is neither control nor the actor:
    ``role``, ``action`` and the bands are empty, ``label`` is "Unattributed: …", the odds and roll withheld."""


@dataclass(frozen=True, slots=True)
class OpenMoveView:
    """An open move as a lens sees it: the proposal, and once judged and resolved, the odds, roll and outcome."""

    turn: int
    role: str
    index: int
    text: str
    argument: str
    chance: float | None
    roll: float | None
    band: str | None
    effects: tuple[EffectApplied, ...]
    rationale: str | None
    overridden: bool


@dataclass(frozen=True, slots=True)
class MaturedView:
    """Delayed or lasting effects that applied at a turn's opening, and where they came from."""

    turn: int
    source: str
    effects: tuple[EffectApplied, ...]


@dataclass(frozen=True, slots=True)
class VariableView:
    id: str
    label: str
    value: float
    min: float
    max: float
    history: tuple[float, ...]


class Deferred:
    """What a view built for a bot still has to compute, and from what: its state, role and ``history``.

    ``parts`` maps each deferred field to the function that computes it from (state, role, history),
    returning that field and any computed alongside it (see :func:`wargame.engine.situation.role_view`
    with ``deferred=True``).
    """

    __slots__ = ("state", "role", "history", "parts")

    def __init__(self, state: State, role: str, history: bool,
                 parts: dict[str, Callable[[State, str, bool], dict[str, Any]]]) -> None:
        self.state = state
        self.role = role
        self.history = history
        self.parts = parts


class _Parts:
    """Base of the views: lets a view leave some fields unset until first read (see :class:`Deferred`).

    A field left unset is computed on first read by the same function an eager view uses, from the
    state as it stood when the view was built: the state completes every such view before it changes
    (:func:`wargame.engine.state.apply`), so the value is the one an eager view would hold.
    """

    __slots__ = ("_deferred", "__weakref__")

    def __getattr__(self, name: str) -> Any:
        # only reached for a slot never set: a deferred field, or a name the view does not have
        deferred: Deferred | None = _deferred_of(self)
        compute = deferred.parts.get(name) if deferred is not None else None
        if compute is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        self._fill(compute(deferred.state, deferred.role, deferred.history))  # type: ignore[union-attr]
        return _get(self, name)

    def _fill(self, values: dict[str, Any]) -> None:
        for field_name, value in values.items():
            try:
                _get(self, field_name)
            except AttributeError:
                _set(self, field_name, value)

    def _complete(self) -> None:
        """Compute every deferred field now (before the state the view was built from changes)."""
        deferred = _deferred_of(self)
        if deferred is None:
            return
        done: set[int] = set()
        for compute in deferred.parts.values():
            if id(compute) not in done:
                done.add(id(compute))
                self._fill(compute(deferred.state, deferred.role, deferred.history))
        _set(self, "_deferred", None)


_get = object.__getattribute__
_set = object.__setattr__


def _deferred_of(view: object) -> Deferred | None:
    try:
        return _get(view, "_deferred")  # type: ignore[no-any-return]
    except AttributeError:
        return None


@dataclass(frozen=True, slots=True)
class View(_Parts):
    """One lens on a session at one moment: a role's, or control's (``role == "control"``)."""

    role: str
    turn: int
    phase: str
    date: str
    rung: int
    briefs: tuple[BriefView, ...]
    injects: tuple[InjectView, ...]
    moves: dict[int, dict[str, tuple[str, ...]]]
    """Moves per turn and role that this lens made (a role: its own; control: all)."""
    sealed_moves: dict[str, tuple[str, ...]]
    """Moves submitted this turn and not yet adjudicated: the role's own, or everyone's for control."""
    outcomes: tuple[OutcomeView, ...]
    variables: tuple[VariableView, ...]
    scores: dict[str, dict[str, float]]
    """The latest scores: the role's own objectives, or every role's for control."""
    score_history: dict[int, dict[str, dict[str, float]]]
    notes: tuple[str, ...]
    red_lines_crossed: tuple[tuple[str, str, int], ...]
    red_line_effects: dict[tuple[str, str], tuple[EffectApplied, ...]]
    """What crossing each line in ``red_lines_crossed`` changed at once, keyed (role, red line): every change for
    control; for a role, the changes to variables it sees (its delayed ones arrive as ``matured``)."""
    ended: str | None
    open_moves: tuple[OpenMoveView, ...]
    """Open moves: the lens's own (sealed until adjudication), and everyone's once resolved."""
    matured: tuple[MaturedView, ...]
    """Delayed and lasting effects applied at openings, from sources this lens may know of."""
    rules_fired: tuple[RuleFiredView, ...]
    """Follow-on rules that fired, in order: every one for control; for a role, those whose firing reads only
    what it may know (:meth:`wargame.engine.lens.Lens.sees_rule`) and that changed the value of a variable it
    sees, with only those changes."""


# ---------------------------------------------------------------- parts of the present


@dataclass(frozen=True, slots=True)
class StatusView:
    """Where the exercise stands: the console's and the player's status line."""

    turn: int
    turns: int
    date: str
    phase: str
    phase_label: str
    rung: int
    rung_label: str
    rung_meaning: str
    sealed: tuple[str, ...]
    """Roles that sealed this turn: every one for control, the role itself for a role."""
    waiting: tuple[str, ...]
    """Control only: human teams that have not sealed this turn."""
    ended: str | None
    clock: Clock | None = None
    """This moves phase's clock, if control set one (None outside the moves phase)."""
    agenda: Agenda | None = None
    """Control's planned pace for the session, if it set one (public: every lens sees it)."""


@dataclass(frozen=True, slots=True)
class BudgetView:
    """A role's resources this turn."""

    label: str
    per_turn: int
    spent: int
    left: int


@dataclass(frozen=True, slots=True)
class BandView:
    """One outcome band of a move, with the effects the role may see (as the scenario states them)."""

    id: str
    label: str
    message: str
    effects: tuple[str, ...]


_new_object = object.__new__


class MoveOption:
    """One action of a role as its player screen shows it. Immutable.

    ``odds`` is worked out on first use (then kept): a bot that never reads the odds of its
    options should not pay for them. It is computed from what the view itself holds — the
    variables the role sees, the turn, the role's own moves — never from anything hidden.
    """

    __slots__ = ("id", "label", "description", "cost", "visibility", "chosen", "available", "why_not", "needs", "bands",
                 "_odds", "_source")

    FIELDS = ("id", "label", "description", "cost", "visibility", "chosen", "available", "why_not", "odds", "needs", "bands")

    id: str
    """The action's id."""
    label: str
    description: str
    cost: int
    visibility: str
    chosen: bool
    available: bool
    why_not: str | None
    """In words, variables by their labels; None when the move may be chosen (or is chosen)."""
    needs: tuple[str, ...]
    """Preconditions in words (one that reads what the role cannot see: "a condition you cannot see")."""
    bands: tuple[BandView, ...]
    _odds: ShownChance | None
    _source: Callable[[], ShownChance] | None

    def __init__(self, *, id: str, label: str, description: str, cost: int, visibility: str, chosen: bool,
                 available: bool, why_not: str | None, needs: tuple[str, ...], bands: tuple[BandView, ...],
                 odds: ShownChance | Callable[[], ShownChance]) -> None:
        setter = object.__setattr__
        setter(self, "id", id)
        setter(self, "label", label)
        setter(self, "description", description)
        setter(self, "cost", cost)
        setter(self, "visibility", visibility)
        setter(self, "chosen", chosen)
        setter(self, "available", available)
        setter(self, "why_not", why_not)
        setter(self, "needs", needs)
        setter(self, "bands", bands)
        if isinstance(odds, ShownChance):
            setter(self, "_odds", odds)
            setter(self, "_source", None)
        else:
            setter(self, "_odds", None)
            setter(self, "_source", odds)

    @classmethod
    def _make(cls, id: str, label: str, description: str, cost: int, visibility: str, chosen: bool, available: bool,
              why_not: str | None, needs: tuple[str, ...], bands: tuple[BandView, ...],
              source: Callable[[], ShownChance]) -> MoveOption:
        """The constructor with odds to work out on first use, positional (the views' hot path: each slot
        is set through its own descriptor, half the cost of ``object.__setattr__`` by name)."""
        option = _new_object(cls)
        _SET_ID(option, id)
        _SET_LABEL(option, label)
        _SET_DESCRIPTION(option, description)
        _SET_COST(option, cost)
        _SET_VISIBILITY(option, visibility)
        _SET_CHOSEN(option, chosen)
        _SET_AVAILABLE(option, available)
        _SET_WHY_NOT(option, why_not)
        _SET_NEEDS(option, needs)
        _SET_BANDS(option, bands)
        _SET_ODDS(option, None)
        _SET_SOURCE(option, source)
        return option

    @property
    def _values(self) -> tuple[Any, ...]:
        return (self.id, self.label, self.description, self.cost, self.visibility, self.chosen, self.available,
                self.why_not, self.needs, self.bands)

    @property
    def odds(self) -> ShownChance:
        """The odds this role is shown for the move now (see :class:`ShownChance`)."""
        odds = self._odds
        if odds is None:
            assert self._source is not None
            odds = self._source()
            object.__setattr__(self, "_odds", odds)
            object.__setattr__(self, "_source", None)
        return odds

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a move option is immutable ({name})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a move option is immutable ({name})")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MoveOption) and (self._values, self.odds) == (other._values, other.odds)

    def __hash__(self) -> int:
        return hash((self.id, self.chosen, self.available))

    def __repr__(self) -> str:
        return f"MoveOption({', '.join(f'{n}={getattr(self, n)!r}' for n in self.FIELDS)})"

    def as_dict(self) -> dict[str, Any]:
        """Plain data, for a face that sends views over a wire."""
        return {name: _plain(getattr(self, name)) for name in self.FIELDS}

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.is_instance_schema(
            cls, serialization=core_schema.plain_serializer_function_ser_schema(lambda option: option.as_dict())
        )


(_SET_ID, _SET_LABEL, _SET_DESCRIPTION, _SET_COST, _SET_VISIBILITY, _SET_CHOSEN, _SET_AVAILABLE, _SET_WHY_NOT, _SET_NEEDS,
 _SET_BANDS, _SET_ODDS, _SET_SOURCE) = (MoveOption.__dict__[name].__set__ for name in MoveOption.__slots__)


def _plain(value: object) -> object:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {k: _plain(getattr(value, k)) for k in value.__dataclass_fields__}  # type: ignore[attr-defined]
    return value


@dataclass(frozen=True, slots=True)
class ObjectiveView:
    """An objective with its score now and after each adjudicated turn (None: withheld or not yet scored)."""

    role: str
    id: str
    label: str
    description: str
    score: float | None
    trend: tuple[float, ...]
    scale: tuple[float, float] | None = None
    """The lowest and highest score the metric can give over its variables' bounds (None: withheld, or not
    worked out for a metric of many variables)."""
    good: str = "higher is better"
    """What a good score means, in words (every objective is scored so that higher is better)."""


@dataclass(frozen=True, slots=True)
class RoleStatusView:
    """A role as control sees it this turn."""

    role: str
    name: str
    player: str
    moves: tuple[str, ...]
    sealed: bool
    status: str


@dataclass(frozen=True, slots=True)
class InjectStatusView:
    """An inject of the MSEL with where it stands (control only)."""

    id: str
    title: str
    kind: str
    when: str
    status: str
    audience: str
    inject: Inject
    trigger: str = ""
    """A branch inject's trigger as a person reads it (variables by their labels; '' for none)."""


@dataclass(frozen=True, slots=True)
class UndoView:
    """Control's last release or hold of an inject, which it may still undo (see ``decide.undo_inject_decision``)."""

    inject_id: str
    title: str
    decision: str
    """``release`` or ``hold``."""

    @property
    def in_words(self) -> str:
        """'the release of C-04 (Title)'."""
        return f"the {self.decision} of {self.inject_id} ({self.title})"


@dataclass(frozen=True, slots=True)
class RuleFiredView:
    turn: int
    rule_id: str
    effects: tuple[EffectApplied, ...]


@dataclass(frozen=True, slots=True)
class NoteView:
    turn: int
    author: str
    text: str


@dataclass(frozen=True, slots=True)
class RoleView(View):
    """Everything a role's screen (or its bot) draws: its record plus the present."""

    status: StatusView
    role_name: str
    budget: BudgetView
    chosen: tuple[str, ...]
    options: tuple[MoveOption, ...]
    objectives: tuple[ObjectiveView, ...]
    red_lines: tuple[str, ...]
    last_turn: tuple[OutcomeView, ...]
    """Outcomes of the last adjudicated turn this role may know of."""
    historical_moves: tuple[str, ...]
    """What the scenario's historical line says this role did this turn."""
    messages: tuple[MessageSent, ...] = ()
    """Messages this role may see (sent by it, to it, or to everyone), oldest first."""
    improvised: tuple[InjectImprovised, ...] = ()
    """Improvised injects addressed to this role, with only the effects it may see."""
    changed: tuple[VarChanged, ...] = ()
    """The variables this role sees whose value now differs from when it sealed its moves in the last
    adjudicated turn (or when that turn was adjudicated, if it did not seal): that turn's outcomes,
    knock-ons and overrides, and what arrived since; in the world file's order."""


@dataclass(frozen=True, slots=True)
class ControlView(View):
    """Everything the facilitator's console draws."""

    status: StatusView
    roles: tuple[RoleStatusView, ...]
    inject_statuses: tuple[InjectStatusView, ...]
    objectives: tuple[ObjectiveView, ...]
    last_turn: tuple[OutcomeView, ...]
    note_entries: tuple[NoteView, ...]
    seed: int
    """The session's seed (set-up shows and changes it)."""
    undo: UndoView | None
    """What control may undo now (its last release or hold, in this stage of the turn), or None."""
    messages: tuple[MessageSent, ...] = ()
    """Every message, oldest first."""
    improvised: tuple[InjectImprovised, ...] = ()


# ---------------------------------------------------------------- the record


def _filtered(event: OutcomeAdjudicated, effects: tuple[EffectApplied, ...]) -> OutcomeAdjudicated:
    """The outcome with only the effects this lens may see (the same object when nothing is hidden)."""
    return event if effects == event.effects else dataclasses.replace(event, effects=effects)


def outcome_view(state: State, role: str, outcome: object, turn: int) -> OutcomeView:
    """One adjudicated outcome (a :class:`wargame.engine.state.Outcome`) as ``role`` may see it now."""
    from wargame.engine.state import Outcome

    assert isinstance(outcome, Outcome)
    lens = lens_for(state.scenario, role)
    event = outcome.event
    seen_from = reveal_turn(state.scenario, event, role) if role != event.role and not lens.is_control else event.reveal_turn

    def visible(effects: tuple[EffectApplied, ...]) -> tuple[EffectApplied, ...]:
        return effects if lens.sees_all_variables else tuple(e for e in effects if e.var in lens.visible)

    if not lens.is_control and role != event.role:
        unattributed = unattributed_text(state.scenario, event.role, event.action, outcome.band)
        if unattributed is not None:
            return OutcomeView(
                turn=turn, role="", action="", label=f"Unattributed: {unattributed}", band="", adjudicated_band="",
                odds=ShownChance(base=0.0, modifiers=(), hidden=True, chance=None), chance=None, roll=None,
                explanation=None, adjudicated_effects=visible(outcome.effects), effects=visible(outcome.effects),
                overridden=False, rationale=None, visibility=event.visibility, reveal_turn=seen_from,
                unattributed=True,
            )
    odds = lens.chance(event.role, event.action, event.chance, turn, state.turn)
    last = outcome.overrides[-1] if outcome.overrides else None
    return OutcomeView(
        turn=turn, role=event.role, action=event.action,
        label=state.scenario.action(event.role, event.action).label,
        band=outcome.band, adjudicated_band=event.band, odds=odds, chance=odds.chance,
        roll=event.roll if odds.chance is not None else None,
        explanation=_filtered(event, visible(event.effects)) if lens.is_control else None,
        adjudicated_effects=visible(event.effects),
        effects=visible(outcome.effects), overridden=last is not None,
        rationale=last.rationale if last else None, visibility=event.visibility, reveal_turn=seen_from,
        overrides=tuple(
            OverrideView(from_band=o.from_band, to_band=o.to_band, rationale=o.rationale, effects=visible(o.effects),
                         rules_retested=o.rules is not None,
                         rules_undone=k.undone if k is not None and lens.is_control else (),
                         rules_added=k.fired if k is not None and lens.is_control else ())
            for o, k in zip(outcome.overrides, outcome.knock_ons)),
    )


def unattributed_text(scenario: Scenario, role: str, action: str, band: str) -> str | None:
    """What others read of an outcome of ``role``'s ``action`` in ``band`` that cannot be attributed, or None."""
    spec = next((b for b in scenario.action(role, action).bands if b.id == band), None)
    return spec.unattributed if spec is not None else None


_PRESENT: dict[tuple[int, float], VariableView] = {}


def _present_variable(spec: Any, value: float) -> VariableView:
    """A variable's value without its history: the same immutable object for the same variable and value."""
    key = (id(spec), value)
    found = _PRESENT.get(key)
    if found is None or found.id != spec.id:
        if len(_PRESENT) > 100_000:
            _PRESENT.clear()
        found = _PRESENT[key] = VariableView(id=spec.id, label=spec.label, value=value, min=spec.min, max=spec.max, history=())
    return found


def view_for(state: State, role: str, *, outcomes_from: int = 0, history: bool = True) -> View:
    """The session as ``role`` (or ``"control"``) may know it now; KeyError for an unknown lens.

    ``outcomes_from`` leaves out outcomes that were adjudicated and revealed before that turn:
    a report that asks for the view at the end of every turn needs only what is new each time,
    and would otherwise rebuild every earlier outcome again (quadratic in the turns).
    ``history=False`` leaves out the past (injects of earlier turns, outcomes, variable
    histories, earlier moves and scores): what a bot does not read, and costs most to build.
    """
    return View(**_record(state, role, outcomes_from=outcomes_from, history=history))


def _record(state: State, role: str, *, outcomes_from: int = 0, history: bool = True) -> dict[str, Any]:
    scenario = state.scenario
    lens = lens_for(scenario, role)
    is_control = lens.is_control

    def filter_effects(effects: tuple[EffectApplied, ...]) -> tuple[EffectApplied, ...]:
        if lens.sees_all_variables:
            return effects
        return tuple(e for e in effects if e.var in lens.visible)

    briefs = tuple(
        BriefView(
            role=r.id, name=r.name, public_brief=r.public_brief,
            private_brief=r.private_brief if (is_control or r.id == role) else None,
        )
        for r in scenario.roles
    ) if history else ()
    receives = lens.receives
    injects = tuple(
        InjectView(
            inject=as_read_by(lens.injects[event.inject_id], role), turn=event.turn, by=event.by,
            effects=filter_effects(event.effects),
            after_moves=(event.inject_id in state.released_after_adjudication
                         or role in state.released_after_seal.get(event.inject_id, ())),
        )
        for event in state.releases
        if (history or event.turn == state.turn) and event.inject_id in receives
    )
    outcomes = []
    if history:
        for turn in sorted(state.outcomes):
            for outcome in state.outcomes[turn]:
                if not sees_outcome(outcome.event, role, state.turn, state.ended is not None, state.scenario):
                    continue
                if turn < outcomes_from and reveal_turn(state.scenario, outcome.event, role) < outcomes_from:
                    continue
                outcomes.append(outcome_view(state, role, outcome, turn))
    variables = variable_views(state, role, history)

    def own(r: str) -> bool:
        return is_control or r == role

    moves = {
        turn: {r: tuple(actions) for r, actions in per_role.items() if own(r)}
        for turn, per_role in state.all_moves.items()
        if history or turn == state.turn
    }
    sealed = {r: tuple(a) for r, a in state.moves.items() if own(r)} if state.phase == "moves" else {}
    latest = state.scores[max(state.scores)] if state.scores else {}
    hidden = lens.hidden_objectives

    def seen_scores(per: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
        if not hidden:
            return {r: s for r, s in per.items() if own(r)}
        return {r: {o: v for o, v in s.items() if (r, o) not in hidden} for r, s in per.items() if own(r)}

    scores = seen_scores(latest)
    score_history = {t: seen_scores(per) for t, per in state.scores.items()} if history else {}
    red_lines = tuple(
        (r, line, turn) for (r, line), turn in sorted(state.red_lines.items(), key=lambda item: item[1])
        if (own(r) and (r, line) not in lens.hidden_red_lines) or (not own(r) and knows_red_line(state, r, line, role))
    )
    open_moves = tuple(
        OpenMoveView(
            turn=turn, role=move.proposed.role, index=move.proposed.index, text=move.proposed.text,
            argument=move.proposed.argument,
            chance=move.judged.chance if move.judged and (move.resolved or own(move.proposed.role)) else None,
            roll=move.resolved.roll if move.resolved else None, band=move.band, effects=filter_effects(move.effects),
            rationale=(move.overrides[-1].rationale if move.overrides else move.judged.rationale)
            if move.judged and (move.resolved or own(move.proposed.role)) else None,
            overridden=bool(move.overrides),
        )
        for turn in sorted(state.open_moves)
        if history or turn == state.turn
        for move in state.open_moves[turn]
        if own(move.proposed.role) or move.resolved is not None
    )
    matured = tuple(
        MaturedView(turn=event.turn, source=event.source, effects=filter_effects(event.effects))
        for turn in sorted(state.matured)
        if history or turn == state.turn
        for event in state.matured[turn]
        if knows_source(state, event.source, role) and filter_effects(event.effects)
    )
    def changed_effects(effects: tuple[EffectApplied, ...]) -> tuple[EffectApplied, ...]:
        return tuple(e for e in filter_effects(effects) if e.before != e.after)

    rules_fired = tuple(
        RuleFiredView(turn=turn, rule_id=event.rule_id,
                      effects=event.effects if is_control else changed_effects(event.effects))
        for turn in sorted(state.rule_events)
        if history or turn == state.turn
        for event in state.rule_events[turn]
        if is_control or (changed_effects(event.effects) and lens.sees_rule(event.rule_id, turn, state.turn))
    )
    crossings = {(e.role, e.red_line): e for turn in sorted(state.red_line_events) for e in state.red_line_events[turn]}
    red_line_effects = {(r, line): crossings[(r, line)].effects if is_control else changed_effects(crossings[(r, line)].effects)
                        for r, line, _turn in red_lines if (r, line) in crossings}
    return dict(
        role=role, turn=state.turn, phase=state.phase, date=state.date, rung=state.rung,
        briefs=briefs, injects=injects, moves=moves, sealed_moves=sealed, outcomes=tuple(outcomes),
        variables=variables, scores=scores, score_history=score_history,
        notes=tuple(n.text for n in state.notes) if is_control else (),
        red_lines_crossed=red_lines, red_line_effects=red_line_effects,
        ended=state.ended.message if state.ended else None,
        open_moves=open_moves, matured=matured, rules_fired=rules_fired,
    )


def variable_views(state: State, role: str, history: bool = True) -> tuple[VariableView, ...]:
    """The variables ``role`` (or control) sees, with their history after each turn unless ``history`` is False."""
    specs = lens_for(state.scenario, role).variable_specs
    values = state.variables
    if history:
        return tuple(
            VariableView(id=v.id, label=v.label, value=values[v.id], min=v.min, max=v.max,
                         history=tuple(h[v.id] for h in state.history))
            for v in specs
        )
    return tuple(_present_variable(v, values[v.id]) for v in specs)


def knows_red_line(state: State, owner: str, red_line: str, role: str) -> bool:
    """Whether ``role`` knows of ``owner``'s red line (so sees its crossing): its own, or declared to it —
    and, for another role's line, only if the line's threshold reads nothing ``role`` may not see."""
    if role in (CONTROL, owner):
        return True
    scenario = state.scenario
    spec = next(line for line in scenario.role(owner).red_lines if line.id == red_line)
    if not (spec.declared_to == "all" or (isinstance(spec.declared_to, list) and role in spec.declared_to)):
        return False
    when = dict(rules_for(scenario).red_lines[owner]).get(red_line)
    return when is None or when.variables <= lens_for(scenario, role).visible


def knows_source(state: State, source: str, role: str) -> bool:
    """Whether ``role`` may know of the event that scheduled delayed or lasting effects (see EffectsMatured)."""
    if role == CONTROL:
        return True
    kind, _, rest = source.partition(":")
    if kind == "outcome":
        turn, owner, action = rest.split(":")
        outcome = next((o.event for o in state.outcomes.get(int(turn), []) if o.event.role == owner and o.event.action == action),
                       None)
        return outcome is not None and sees_outcome(outcome, role, state.turn, state.ended is not None, state.scenario)
    if kind == "inject":
        return sees_inject(state.scenario.inject(rest.split(":", 1)[1]), role)
    if kind == "red_line":
        _, owner, line = rest.split(":")
        return knows_red_line(state, owner, line, role)
    if kind == "rule":
        turn, rule_id = rest.split(":")
        return lens_for(state.scenario, role).sees_rule(rule_id, int(turn), state.turn)
    if kind == "refill":
        return rest == role
    return False  # the rest: control's


def as_read_by(inject: Inject, role: str) -> Inject:
    """The inject as ``role`` reads it: its variant's message if one is addressed to it, and no other
    audience's variant (control reads every one)."""
    if role == CONTROL or not inject.variants:
        return inject
    message = next((v.message for v in inject.variants if role in v.audience), inject.message)
    return inject.model_copy(update={"message": message, "variants": []})


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def view_json(view: View) -> str:
    """A view as JSON (for a seat in a browser, or to compare two views as text)."""
    adapter = _ADAPTERS.get(type(view))
    if adapter is None:
        adapter = _ADAPTERS[type(view)] = TypeAdapter(type(view))
    return adapter.dump_json(view).decode()
