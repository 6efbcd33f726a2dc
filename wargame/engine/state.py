"""The state of a session: a fold over its events.

``replay(scenario, events)`` rebuilds the state after any prefix of a log; the
same function serves play, resume, review, fork and verify. ``apply`` only
records what an event says happened — it never rolls dice or evaluates rules —
so replaying an old log gives exactly the state it recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, assert_never
from weakref import ReferenceType

from wargame.engine.events import (
    EVENT_CLASSES,
    AgendaSet,
    ClockChanged,
    InjectImprovised,
    MessageSent,
    DebriefEntryAdded,
    EffectApplied,
    EffectScheduled,
    EffectsMatured,
    Event,
    InjectDecisionUndone,
    InjectHeld,
    InjectReleased,
    MoveSubmitted,
    MoveWithdrawn,
    MovesSealed,
    NoteAdded,
    OpenMoveJudged,
    OpenMoveOverridden,
    OpenMoveProposed,
    OpenMoveResolved,
    OutcomeAdjudicated,
    OutcomeOverridden,
    RedLineCrossed,
    RoleAssigned,
    RuleTriggered,
    ScoresComputed,
    SessionEnded,
    SeedChosen,
    SessionStarted,
    TurnAdjudicated,
    TurnEnded,
    TurnStarted,
)
from wargame.engine.rules import rules_for
from wargame.engine.scenario import Scenario

Phase = Literal["new", "setup", "moves", "review", "between", "ended"]


@dataclass
class Outcome:
    """One adjudicated move as it stands now (after any override)."""

    event: OutcomeAdjudicated
    band: str
    effects: tuple[EffectApplied, ...]
    """The effects in force: what a re-resolution of the turn applies again (as op and value)."""
    overrides: list[OutcomeOverridden] = field(default_factory=list)
    knock_ons: list[KnockOns | None] = field(default_factory=list)
    """For each override in ``overrides``: the turn's follow-on rules it undid and newly fired, or None when
    it left them as adjudicated (a save written before overrides tested rules again)."""


@dataclass(frozen=True)
class KnockOns:
    """What an override did to its turn's follow-on rules, by rule id in file order."""

    undone: tuple[str, ...] = ()
    """Rules that had fired and no longer hold with the override in place (their effects undone)."""
    fired: tuple[str, ...] = ()
    """Rules that hold only with the override in place."""


@dataclass(frozen=True)
class Clock:
    """The moves-phase clock as it stands: running to ``deadline``, or paused with ``remaining_s`` left.

    Times are ISO 8601 UTC text from control's commands (the engine reads no clock).
    """

    deadline: str | None
    remaining_s: float | None
    on_expiry: str
    expired: bool = False

    def left(self, now: str) -> float | None:
        """Seconds left at ``now`` (ISO 8601 with zone; negative once past), or None when it neither runs nor waits."""
        import datetime as dt

        if self.expired:
            return 0.0
        if self.deadline is None:
            return self.remaining_s
        return (dt.datetime.fromisoformat(self.deadline) - dt.datetime.fromisoformat(now)).total_seconds()


@dataclass(frozen=True)
class Agenda:
    """Control's planned pace: ``minutes_per_turn`` for each turn from ``from_turn`` on, starting at ``start``
    (ISO 8601 UTC). Public to every lens, like the clock."""

    start: str
    minutes_per_turn: int
    from_turn: int
    turns: int
    """The scenario's number of turns (the plan runs to the last)."""

    def planned_end(self, turn: int) -> str:
        """When ``turn`` is planned to be over (ISO 8601 UTC); turns before ``from_turn`` count as at ``start``."""
        import datetime as dt

        slots = max(0, turn - self.from_turn + 1)
        end = dt.datetime.fromisoformat(self.start) + dt.timedelta(minutes=self.minutes_per_turn * slots)
        return end.astimezone(dt.timezone.utc).isoformat(timespec="milliseconds")

    def behind(self, turn: int, now: str) -> float:
        """Seconds the session is behind plan at ``now`` in ``turn``: how far past the turn's planned end it is
        (negative: the time left in the turn's slot)."""
        import datetime as dt

        return (dt.datetime.fromisoformat(now) - dt.datetime.fromisoformat(self.planned_end(turn))).total_seconds()


@dataclass
class OpenMove:
    """One open move of a turn as it stands: proposal, judgement, resolution and any override."""

    proposed: OpenMoveProposed
    judged: OpenMoveJudged | None = None
    resolved: OpenMoveResolved | None = None
    band: str | None = None
    effects: tuple[EffectApplied, ...] = ()
    """The effects in force (after any override)."""
    overrides: list[OpenMoveOverridden] = field(default_factory=list)


@dataclass(frozen=True)
class InjectDecision:
    """Control's last release or hold of an inject, while it may still be undone (see ``State.undoable``)."""

    event: InjectReleased | InjectHeld
    was_held: bool = False
    """For a release: the inject had been held before control released it."""


UNDO_CLOSED_BY = frozenset({
    "turn_started", "turn_adjudicated", "turn_ended", "session_ended", "outcome_overridden", "open_move_overridden",
    "inject_improvised", "inject_decision_undone",
})
"""Events after which control's last release or hold can no longer be undone: the stage of the turn moved
on, or something else changed the world since (so restoring the variables would not be exact)."""


@dataclass
class State:
    """Everything a session has come to, rebuilt from its events."""

    scenario: Scenario
    seed: int = 0
    phase: Phase = "new"
    turn: int = 0
    date: str = ""
    assignments: dict[str, str] = field(default_factory=dict)
    variables: dict[str, float] = field(default_factory=dict)
    history: list[dict[str, float]] = field(default_factory=list)
    """Variables after each turn was adjudicated; ``history[0]`` is the start."""
    released: dict[str, InjectReleased] = field(default_factory=dict)
    held: set[str] = field(default_factory=set)
    moves: dict[str, list[str]] = field(default_factory=dict)
    """This turn's sealed moves, per role, in submission order."""
    sealed: set[str] = field(default_factory=set)
    """Roles that have sealed their moves this turn."""
    all_moves: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    outcomes: dict[int, list[Outcome]] = field(default_factory=dict)
    pre_adjudication: dict[int, dict[str, float]] = field(default_factory=dict)
    rules_fired: dict[str, int] = field(default_factory=dict)
    rule_events: dict[int, list[RuleTriggered]] = field(default_factory=dict)
    review_releases: dict[int, list[InjectReleased]] = field(default_factory=dict)
    """Injects control released after adjudication, per turn, in order."""
    red_lines: dict[tuple[str, str], int] = field(default_factory=dict)
    scores: dict[int, dict[str, dict[str, float]]] = field(default_factory=dict)
    notes: list[NoteAdded] = field(default_factory=list)
    ended: SessionEnded | None = None
    events: int = 0
    debrief: list[DebriefEntryAdded] = field(default_factory=list)
    """The facilitator's strengths, areas for improvement and improvement-plan rows, in the order written."""
    messages: list[MessageSent] = field(default_factory=list)
    clock: Clock | None = None
    """This turn's moves-phase clock, if control set one."""
    clock_changes: list[ClockChanged] = field(default_factory=list)
    agenda: Agenda | None = None
    """Control's planned pace for the session, if it set one."""
    improvised: list[InjectImprovised] = field(default_factory=list)
    pending: list[tuple[str, EffectScheduled]] = field(default_factory=list)
    """Delayed and lasting effects still to come, with the source that scheduled them (see EffectsMatured)."""
    releases: list[InjectReleased] = field(default_factory=list)
    released_after_adjudication: set[str] = field(default_factory=set)
    """Injects released once their turn was adjudicated (umpire review, between turns, a red line): news
    to the teams after their moves, not part of the figures they moved on."""
    released_after_seal: dict[str, frozenset[str]] = field(default_factory=dict)
    """Injects released while teams moved, each with the roles that had already sealed then: news to those."""
    seal_values: dict[int, dict[str, dict[str, float]]] = field(default_factory=dict)
    """Per turn, the variables as each role sealed its moves: what its "since your moves" counts from."""
    """Every release in order (a repeating inject appears once per release; ``released`` keeps the last)."""
    matured: dict[int, list[EffectsMatured]] = field(default_factory=dict)
    """Delayed and lasting effects applied at each turn's opening."""
    red_line_events: dict[int, list[RedLineCrossed]] = field(default_factory=dict)
    """Red lines crossed in each turn, with their consequences (applied again when a turn is re-resolved)."""
    open_moves: dict[int, list[OpenMove]] = field(default_factory=dict)
    """Open moves per turn, in the order proposed."""
    move_turns: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    """For each (role, action), the adjudicated turns in which it was played, in order."""
    deferred: list[ReferenceType[Any]] = field(default_factory=list, repr=False, compare=False)
    """Views built for bots with parts still to compute (weak references): each is completed before the
    state changes (see ``situation.role_view(..., deferred=True)``)."""
    undoable: InjectDecision | None = None
    """Control's last release or hold, while it may be undone: until the turn's next stage (adjudication,
    end of turn, end of exercise), an override, an improvised inject or an undo (see ``UNDO_CLOSED_BY``)."""

    def spent(self, role: str) -> int:
        """Resources a role has committed this turn."""
        costs = rules_for(self.scenario).costs
        return sum(costs[(role, a)] for a in self.moves.get(role, ()))

    @property
    def rung(self) -> int:
        """The escalation ladder's current rung: the highest level at or below the ladder variable."""
        ladder = self.scenario.world.ladder
        return ladder.rung_at(self.variables.get(ladder.variable, 0.0))


def _set(state: State, effects: Iterable[EffectApplied]) -> None:
    for effect in effects:
        state.variables[effect.var] = effect.after


def _schedule(state: State, source: str, scheduled: Iterable[EffectScheduled]) -> None:
    state.pending.extend((source, effect) for effect in scheduled)


def outcome_source(turn: int, role: str, action: str) -> str:
    """The name an outcome's delayed and lasting effects go by (see ``EffectsMatured.source``)."""
    return f"outcome:{turn}:{role}:{action}"


def new_state(scenario: Scenario) -> State:
    """The state before any event: variables at their initial values."""
    variables = {v.id: v.initial for v in scenario.world.variables}
    return State(scenario=scenario, variables=variables, history=[dict(variables)])


def apply(state: State, event: Event) -> State:
    """Fold one event into ``state`` (in place, for speed) and return it.

    Every kind of the event union has its own step below (``_FOLD``, checked complete when this module
    loads); anything else is refused (``assert_never``).
    """
    if state.deferred:
        _complete_views(state)
    step = _FOLD.get(event.__class__)
    if step is None:
        assert_never(event)  # type: ignore[arg-type]
    state.events += 1
    if event.__class__ in _CLOSES_UNDO:
        state.undoable = None
    step(state, event)
    return state


def _session_started(state: State, event: SessionStarted) -> None:
    state.seed = event.seed
    state.assignments = dict(event.assignments)
    state.phase = "setup"


def _seed_chosen(state: State, event: SeedChosen) -> None:
    state.seed = event.seed


def _role_assigned(state: State, event: RoleAssigned) -> None:
    state.assignments[event.role] = event.player


def _turn_started(state: State, event: TurnStarted) -> None:
    state.turn = event.turn
    state.date = event.date
    state.phase = "moves"
    state.moves = {}
    state.sealed = set()
    state.all_moves[event.turn] = state.moves
    state.clock = None


def _inject_released(state: State, event: InjectReleased) -> None:
    if event.by == "control":
        state.undoable = InjectDecision(event, was_held=event.inject_id in state.held)
    state.released[event.inject_id] = event
    state.releases.append(event)
    state.held.discard(event.inject_id)
    if state.phase in ("review", "between") or event.by == "red_line":
        state.released_after_adjudication.add(event.inject_id)
    elif state.phase == "moves" and state.sealed:
        state.released_after_seal[event.inject_id] = frozenset(state.sealed)
    _set(state, event.effects)
    _schedule(state, f"inject:{event.turn}:{event.inject_id}", event.scheduled)
    if state.phase == "review" or event.by == "red_line":
        # released during umpire review, or by a red line crossed at adjudication: part of this
        # turn's result, and of any re-resolution
        state.review_releases.setdefault(event.turn, []).append(event)
        _record_history(state)


def _inject_held(state: State, event: InjectHeld) -> None:
    state.held.add(event.inject_id)
    state.undoable = InjectDecision(event)


def _move_submitted(state: State, event: MoveSubmitted) -> None:
    state.moves.setdefault(event.role, []).append(event.action)


def _move_withdrawn(state: State, event: MoveWithdrawn) -> None:
    remaining = [a for a in state.moves.get(event.role, []) if a != event.action]
    if remaining:
        state.moves[event.role] = remaining
    else:
        state.moves.pop(event.role, None)


def _moves_sealed(state: State, event: MovesSealed) -> None:
    state.sealed.add(event.role)
    state.seal_values.setdefault(event.turn, {})[event.role] = dict(state.variables)


def _outcome_adjudicated(state: State, event: OutcomeAdjudicated) -> None:
    if event.turn not in state.pre_adjudication:
        state.pre_adjudication[event.turn] = dict(state.variables)
    state.outcomes.setdefault(event.turn, []).append(Outcome(event, event.band, event.effects))
    variables = state.variables
    for effect in event.spent:
        variables[effect.var] = effect.after
    for effect in event.effects:
        variables[effect.var] = effect.after
    if event.scheduled:
        _schedule(state, outcome_source(event.turn, event.role, event.action), event.scheduled)


def _rule_triggered(state: State, event: RuleTriggered) -> None:
    if event.turn not in state.pre_adjudication:
        state.pre_adjudication[event.turn] = dict(state.variables)
    state.rules_fired[event.rule_id] = state.rules_fired.get(event.rule_id, 0) + 1
    state.rule_events.setdefault(event.turn, []).append(event)
    _set(state, event.effects)
    _schedule(state, f"rule:{event.turn}:{event.rule_id}", event.scheduled)


def _red_line_crossed(state: State, event: RedLineCrossed) -> None:
    state.red_lines[(event.role, event.red_line)] = event.turn
    state.red_line_events.setdefault(event.turn, []).append(event)
    _set(state, event.effects)
    _schedule(state, f"red_line:{event.turn}:{event.role}:{event.red_line}", event.scheduled)


def _effects_matured(state: State, event: EffectsMatured) -> None:
    state.matured.setdefault(event.turn, []).append(event)
    _set(state, event.effects)
    state.pending = [
        (source, effect) for source, effect in state.pending
        if not (source == event.source and (effect in event.ended or (effect.last is not None and effect.last <= event.turn)))
    ]


def _scores_computed(state: State, event: ScoresComputed) -> None:
    state.scores[event.turn] = event.scores


def _turn_adjudicated(state: State, event: TurnAdjudicated) -> None:
    for role, actions in state.moves.items():
        for action in actions:
            state.move_turns.setdefault((role, action), []).append(event.turn)
    state.phase = "review"
    if event.turn not in state.pre_adjudication:
        state.pre_adjudication[event.turn] = dict(state.variables)
    _record_history(state)


def _outcome_overridden(state: State, event: OutcomeOverridden) -> None:
    target: Outcome | None = None
    for outcome in state.outcomes.get(event.turn, []):
        if outcome.event.role == event.role and outcome.event.action == event.action:
            target = outcome
            outcome.band = event.to_band
            outcome.effects = event.effects
            outcome.overrides.append(event)
    for again in event.others:  # the other outcomes, as the turn resolved again applied them
        for outcome in state.outcomes.get(event.turn, []):
            if outcome.event.role == again.role and outcome.event.action == again.action:
                outcome.effects = again.effects
    for change in event.changes:
        state.variables[change.var] = change.after
    source = outcome_source(event.turn, event.role, event.action)
    state.pending = [(s, e) for s, e in state.pending if s != source]
    _schedule(state, source, event.scheduled)
    knock_ons = _rules_retested(state, event.turn, event.rules)
    if target is not None:
        target.knock_ons.append(knock_ons)
    _record_history(state)


def _rules_retested(state: State, turn: int, fired: tuple[RuleTriggered, ...] | None) -> KnockOns | None:
    """An override's follow-on rules, tested again, replace the turn's: their record, their counts and
    their delayed effects (the variables follow from the override's ``changes``). None (a save written
    before overrides re-tested rules): the turn's rules stand as adjudicated. Returns what changed."""
    if fired is None:
        return None
    before = [old.rule_id for old in state.rule_events.get(turn, [])]
    after = [event.rule_id for event in fired]
    for old in state.rule_events.pop(turn, []):
        count = state.rules_fired[old.rule_id] - 1
        if count:
            state.rules_fired[old.rule_id] = count
        else:
            del state.rules_fired[old.rule_id]
    prefix = f"rule:{turn}:"
    at = next((i for i, (source, _) in enumerate(state.pending) if source.startswith(prefix)), len(state.pending))
    kept = [(s, e) for s, e in state.pending if not s.startswith(prefix)]
    scheduled: list[tuple[str, EffectScheduled]] = []
    for event in fired:
        state.rules_fired[event.rule_id] = state.rules_fired.get(event.rule_id, 0) + 1
        state.rule_events.setdefault(turn, []).append(event)
        scheduled.extend((f"{prefix}{event.rule_id}", effect) for effect in event.scheduled)
    state.pending = kept[:at] + scheduled + kept[at:]  # in the old rules' place: the next opening applies them in order
    return KnockOns(undone=tuple(r for r in before if r not in after), fired=tuple(r for r in after if r not in before))


def _open_move_proposed(state: State, event: OpenMoveProposed) -> None:
    state.open_moves.setdefault(event.turn, []).append(OpenMove(event))


def _open_move_judged(state: State, event: OpenMoveJudged) -> None:
    _open_move(state, event.turn, event.role, event.index).judged = event


def _open_move_resolved(state: State, event: OpenMoveResolved) -> None:
    if event.turn not in state.pre_adjudication:
        state.pre_adjudication[event.turn] = dict(state.variables)
    move = _open_move(state, event.turn, event.role, event.index)
    move.resolved, move.band, move.effects = event, event.band, event.effects
    _set(state, event.effects)


def _open_move_overridden(state: State, event: OpenMoveOverridden) -> None:
    move = _open_move(state, event.turn, event.role, event.index)
    move.band, move.effects = event.to_band, event.effects
    move.overrides.append(event)
    for change in event.changes:
        state.variables[change.var] = change.after
    _rules_retested(state, event.turn, event.rules)
    _record_history(state)


def _note_added(state: State, event: NoteAdded) -> None:
    state.notes.append(event)


def _turn_ended(state: State, event: TurnEnded) -> None:
    state.phase = "between"


def _session_ended(state: State, event: SessionEnded) -> None:
    state.phase = "ended"
    state.ended = event


def _debrief_entry_added(state: State, event: DebriefEntryAdded) -> None:
    state.debrief.append(event)


def _message_sent(state: State, event: MessageSent) -> None:
    state.messages.append(event)


def _clock_changed(state: State, event: ClockChanged) -> None:
    state.clock_changes.append(event)
    state.clock = _clock_after(state.clock, event)


def _agenda_set(state: State, event: AgendaSet) -> None:
    state.agenda = (Agenda(start=event.start, minutes_per_turn=event.minutes_per_turn, from_turn=max(event.turn, 1),
                           turns=state.scenario.world.turns) if event.minutes_per_turn else None)


def _inject_improvised(state: State, event: InjectImprovised) -> None:
    state.improvised.append(event)
    _set(state, event.effects)


_FOLD: dict[type, Callable[[State, Any], None]] = {
    SessionStarted: _session_started,
    SeedChosen: _seed_chosen,
    RoleAssigned: _role_assigned,
    TurnStarted: _turn_started,
    InjectReleased: _inject_released,
    InjectHeld: _inject_held,
    InjectDecisionUndone: lambda state, event: _undo_inject_decision(state, event),
    MoveSubmitted: _move_submitted,
    MoveWithdrawn: _move_withdrawn,
    MovesSealed: _moves_sealed,
    OutcomeAdjudicated: _outcome_adjudicated,
    RuleTriggered: _rule_triggered,
    RedLineCrossed: _red_line_crossed,
    EffectsMatured: _effects_matured,
    ScoresComputed: _scores_computed,
    TurnAdjudicated: _turn_adjudicated,
    OutcomeOverridden: _outcome_overridden,
    OpenMoveProposed: _open_move_proposed,
    OpenMoveJudged: _open_move_judged,
    OpenMoveResolved: _open_move_resolved,
    OpenMoveOverridden: _open_move_overridden,
    NoteAdded: _note_added,
    TurnEnded: _turn_ended,
    SessionEnded: _session_ended,
    DebriefEntryAdded: _debrief_entry_added,
    MessageSent: _message_sent,
    ClockChanged: _clock_changed,
    AgendaSet: _agenda_set,
    InjectImprovised: _inject_improvised,
}
"""The fold's step for each kind of event, by the event's class (one dictionary look-up per event)."""

_KINDS = set(EVENT_CLASSES.values())
if set(_FOLD) != _KINDS:  # pragma: no cover - a kind added to the union without its step
    raise TypeError(f"the fold has no step for {sorted(k.__name__ for k in _KINDS - set(_FOLD))}")
_CLOSES_UNDO = frozenset(cls for kind, cls in EVENT_CLASSES.items() if kind in UNDO_CLOSED_BY)


def _complete_views(state: State) -> None:
    """Views built with deferred parts compute them now, from the state as they saw it, before it changes."""
    views, state.deferred = state.deferred, []
    for view_ref in views:
        view = view_ref()
        if view is not None:
            view._complete()


def _undo_inject_decision(state: State, event: InjectDecisionUndone) -> None:
    """Take back a release (its variables, schedule, place in the turn's record) or a hold."""
    if event.decision == "hold":
        state.held.discard(event.inject_id)
        return
    release = state.released.pop(event.inject_id, None)
    state.released_after_adjudication.discard(event.inject_id)
    state.released_after_seal.pop(event.inject_id, None)
    if release is not None:
        for i in range(len(state.releases) - 1, -1, -1):
            if state.releases[i] is release:
                del state.releases[i]
                break
        in_review = state.review_releases.get(release.turn, [])
        if release in in_review:
            in_review.remove(release)
            if not in_review:
                del state.review_releases[release.turn]
        source = f"inject:{release.turn}:{release.inject_id}"
        state.pending = [(s, e) for s, e in state.pending if s != source]
    for change in event.restored:
        state.variables[change.var] = change.after
    if event.held_again:
        state.held.add(event.inject_id)
    if state.phase == "review":
        _record_history(state)


def _clock_after(clock: Clock | None, event: ClockChanged) -> Clock | None:
    if event.change == "clear":
        return None
    if event.change in ("expire", "settle"):
        return Clock(deadline=None, remaining_s=None, on_expiry=event.on_expiry, expired=True)
    return Clock(deadline=event.deadline, remaining_s=event.remaining_s, on_expiry=event.on_expiry)
def _open_move(state: State, turn: int, role: str, index: int) -> OpenMove:
    """The open move an event refers to (a log from ``decide`` always proposed it first; a hand-made
    log that did not gets an empty proposal rather than a crash)."""
    moves = state.open_moves.setdefault(turn, [])
    found = next((m for m in moves if m.proposed.role == role and m.proposed.index == index), None)
    if found is None:
        found = OpenMove(OpenMoveProposed(turn=turn, role=role, index=index, text=""))
        moves.append(found)
    return found


def _record_history(state: State) -> None:
    """Keep one entry per adjudicated turn: replaced when an override changes that turn."""
    while len(state.history) <= state.turn:
        state.history.append(dict(state.variables))
    state.history[state.turn] = dict(state.variables)


def replay(scenario: Scenario, events: Iterable[Event]) -> State:
    """The state after ``events``: the one fold behind play, resume, review, fork and verify."""
    state = new_state(scenario)
    for event in events:
        apply(state, event)
    return state
