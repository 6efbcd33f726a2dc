"""decide(state, command, actor): check a command against the state and its actor, return the events.

Nothing here changes the state: the events returned are folded in by the caller
(:func:`wargame.engine.state.apply`). One rule function per command, named for it
(``submit_move``, ``adjudicate``, …); :func:`decide` checks who may issue what, then
calls it.

The turn cycle, in the order the engine runs it:

1. **Start of turn** (``start``, ``end_turn``): the turn opens; historical injects of this
   turn and branch injects whose trigger holds are released, in the order of the
   scenario's inject files, unless control has held them. Their effects apply.
2. **Moves** (``submit_move``, ``withdraw_move``): each role submits moves, sealed
   from the others. A move must be one of the role's actions, not already chosen
   this turn, within the role's resources per turn, and its preconditions must hold. A move
   may not be withdrawn while another of the role's moves this turn needs it (a precondition
   that holds only with it, e.g. a denial of this turn's attack).
   Control may release an inject (held, future or contingency) or hold a pending one.
3. **Adjudication** (``adjudicate``): every move is resolved together. Chances are
   computed against the world as it stood when adjudication began, seeing all of
   this turn's moves (so Tehran restraining the militias lowers their odds whatever
   the order). Rolls come from (seed, turn, role, action). Effects are then applied
   in a fixed order — roles in the order of the world file's ``roles``, each role's
   moves in the order submitted — each clamped to the variable's bounds. Follow-on
   rules are checked in file order, then red lines, then every objective is scored.
4. **Umpire review** (``override``): control may replace any outcome with another band
   or with effects of its own, giving a rationale. The turn's effects are resolved
   again from the start of adjudication with the new outcome in place: follow-on rules
   are tested again (a knock-on of the old band is undone, one of the new band fires),
   red lines crossed at adjudication stay crossed with their consequences (they may have
   released injects the teams have read), injects released since adjudication apply
   again, and scores are computed again.
5. **End of turn** (``end_turn``): the session ends if an end condition holds or this
   was the last turn; otherwise the next turn starts.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from typing import assert_never

from wargame.engine import classroom
from wargame.engine import commands as cmd
from wargame.engine import open_moves
from wargame.engine.actors import Bot, Control, Team
from wargame.engine.bots import HUMAN, players_for
from wargame.engine.errors import IllegalMove, NotAllowed, OverrideRefused, UnknownName, WrongPhase
from wargame.engine.events import (
    CONTROL,
    ChanceExplained,
    DebriefEntryAdded,
    EffectsMatured,
    Event,
    InjectDecisionUndone,
    InjectHeld,
    InjectReleased,
    MoveWithdrawn,
    NoteAdded,
    OpenMoveOverridden,
    OutcomeOverridden,
    ResolvedAgain,
    RoleAssigned,
    SeedChosen,
    SessionEnded,
    SessionStarted,
    TurnEnded,
    VarChanged,
    inject_released,
    move_submitted,
    moves_sealed,
    turn_adjudicated,
    turn_started,
    outcome_adjudicated,
)
from wargame.engine.expr import Context
from wargame.engine.limits import limit_reason, refills
from wargame.engine.resolution import Resolution, resolve
from wargame.engine.rules import Rules, derive_unit, rules_for
from wargame.engine.schedule import context, matured
from wargame.engine.scenario import Effect, Scenario
from wargame.engine.state import State

__all__ = ["HUMAN", "decide", "legal_actions", "players_for", "shown_chance", "why_illegal"]

def _check_player(scenario: Scenario, role: str, player: str) -> None:
    if role not in scenario.world.roles:
        raise UnknownName(f"no role {role!r} in {scenario.id}")
    allowed = players_for(scenario, role)
    if player not in allowed:
        raise UnknownName(f"{player!r} cannot play {role}: choose one of {', '.join(allowed)}")


def start_session(scenario: Scenario, seed: int, assignments: Mapping[str, str] | None = None) -> list[Event]:
    """Open a session: the scenario it plays (by digest), its seed, who plays each role."""
    if not 0 <= seed < 2**63:
        raise IllegalMove("a seed is a whole number from 0 to 2^63 - 1")
    given = dict(assignments or {})
    for role in given:
        if role not in scenario.world.roles:
            raise UnknownName(f"no role {role!r} in {scenario.id}")
    full = {role: given.get(role, HUMAN) for role in scenario.world.roles}
    for role, player in full.items():
        _check_player(scenario, role, player)
    digest = rules_for(scenario).digest
    return [SessionStarted(turn=0, scenario_id=scenario.id, scenario_hash=digest, seed=seed, assignments=full)]


def assign(state: State, role: str, player: str) -> list[Event]:
    """Hand a role to a human team or a bot, at set-up or later (a bot may take over a team)."""
    _not_ended(state)
    _check_player(state.scenario, role, player)
    return [RoleAssigned(turn=state.turn, role=role, player=player)]


def choose_seed(state: State, seed: int) -> list[Event]:
    """Control picks the seed during set-up; once the first turn opens the dice are fixed."""
    if state.phase != "setup":
        raise WrongPhase("the seed can be changed only during set-up")
    if not 0 <= seed < 2**63:
        raise IllegalMove("a seed is a whole number from 0 to 2^63 - 1")
    return [SeedChosen(turn=0, seed=seed)]


def start(state: State) -> list[Event]:
    """Leave set-up: the first turn opens and its injects arrive."""
    if state.phase != "setup":
        raise WrongPhase(f"the exercise has already started (phase: {state.phase})")
    return _open_turn(state, 1)


def _turn_date(scenario: Scenario, turn: int) -> str:
    return rules_for(scenario).turn_opens(turn)


def _open_turn(state: State, turn: int) -> list[Event]:
    """A turn opens: delayed and lasting effects due now, pools refilled, then the injects that arrive."""
    rules = rules_for(state.scenario)
    events: list[Event] = [turn_started(turn, _turn_date(state.scenario, turn))]
    variables = dict(state.variables)
    events.extend(matured(state, rules, turn, variables))
    ctx = context(state, rules, variables, turn)
    for role in rules.role_order:
        refilled = refills(rules, role, variables, ctx)
        if refilled:
            events.append(EffectsMatured(turn=turn, source=f"refill:{role}", effects=refilled))
    for inject in state.scenario.injects:
        if inject.id in state.held:
            continue
        last = state.released.get(inject.id)
        if last is not None and (inject.repeat_every is None or turn - last.turn < inject.repeat_every):
            continue
        if inject.kind == "historical" and inject.turn == turn:
            by = "schedule"
        elif (inject.kind == "branch" and rules.triggers[inject.id](ctx)
              and (inject.chance >= 1.0 or derive_unit(state.seed, turn, inject.id, "inject") < inject.chance)):
            by = "trigger"
        else:
            continue
        events.append(_release(rules, variables, ctx, inject, turn, by))
    return events


def _release(rules: Rules, variables: dict[str, float], ctx: Context, inject, turn: int, by: str) -> InjectReleased:  # type: ignore[no-untyped-def]
    """An inject arrives: its immediate effects apply to ``variables`` (in place), the rest are scheduled."""
    effects = rules.apply_effects(variables, inject.effects, ctx)
    return inject_released(turn, inject.id, by, effects, rules.schedule(inject.effects, turn))


def _not_ended(state: State) -> None:
    if state.phase == "ended":
        raise WrongPhase("the exercise has ended")
    if state.phase == "new":
        raise WrongPhase("no session has started")


def _inject(state: State, inject_id: str):  # type: ignore[no-untyped-def]
    try:
        return state.scenario.inject(inject_id)
    except KeyError:
        raise UnknownName(f"no inject {inject_id!r} in {state.scenario.id}") from None


def hold_inject(state: State, inject_id: str, reason: str = "") -> list[Event]:
    """Control keeps a pending inject back: it will not arrive until released."""
    _not_ended(state)
    _inject(state, inject_id)
    if inject_id in state.released:
        raise WrongPhase(f"inject {inject_id} was already released in turn {state.released[inject_id].turn}")
    if inject_id in state.held:
        raise WrongPhase(f"inject {inject_id} is already held")
    return [InjectHeld(turn=state.turn, inject_id=inject_id, reason=reason)]


def release_inject(state: State, inject_id: str) -> list[Event]:
    """Control releases an inject now: a held one, a later one early, or a contingency."""
    _not_ended(state)
    if state.phase not in ("moves", "review"):
        raise WrongPhase("injects are released during a turn (start the exercise first)")
    inject = _inject(state, inject_id)
    if inject_id in state.released:
        raise WrongPhase(f"inject {inject_id} was already released in turn {state.released[inject_id].turn}")
    rules = rules_for(state.scenario)
    variables = dict(state.variables)
    return [_release(rules, variables, context(state, rules, variables, state.turn), inject, state.turn, "control")]


def undo_inject_decision(state: State) -> list[Event]:
    """Control takes back its last release or hold, while the turn is still in the same stage.

    Refused (:class:`NotAllowed`) when there is nothing to undo: no release or hold by control
    yet, it was already undone, or the turn has moved on since (adjudication, end of turn, end of
    the exercise), or an override or an improvised inject has changed the world after it. A
    release's undo restores each variable the release changed to its value before the release
    (exact: nothing else has changed the world since) and drops its scheduled effects.
    """
    last = state.undoable
    if last is None:
        raise NotAllowed("nothing to undo: no release or hold of an inject in this stage of the turn "
                         "(undo is possible until adjudication, the end of the turn, an override or an improvised inject)")
    event = last.event
    if isinstance(event, InjectHeld):
        return [InjectDecisionUndone(turn=state.turn, inject_id=event.inject_id, decision="hold")]
    restored: dict[str, VarChanged] = {}
    for effect in reversed(event.effects):
        restored[effect.var] = VarChanged(var=effect.var, before=state.variables[effect.var], after=effect.before)
    return [InjectDecisionUndone(
        turn=state.turn, inject_id=event.inject_id, decision="release",
        restored=tuple(change for change in reversed(restored.values()) if change.before != change.after),
        held_again=last.was_held,
    )]


def _action(state: State, role: str, action: str):  # type: ignore[no-untyped-def]
    compiled = rules_for(state.scenario).actions.get((role, action))
    if compiled is None:
        if role not in state.scenario.world.roles:
            raise UnknownName(f"no role {role!r} in {state.scenario.id}")
        raise UnknownName(f"{role} has no action {action!r}")
    return compiled.action


def why_illegal(state: State, role: str, action: str) -> str | None:
    """Why ``role`` may not choose ``action`` now, or None if it may. Uses only what the role knows."""
    rules = rules_for(state.scenario)
    compiled = rules.actions.get((role, action))
    if compiled is None:
        _action(state, role, action)  # raises UnknownName, saying which name is unknown
    assert compiled is not None
    spec = compiled.action
    if state.phase != "moves":
        return "moves are made during the moves phase"
    if role in state.sealed:
        return "moves are sealed for this turn"
    chosen = state.moves.get(role, [])
    if action in chosen:
        return "already chosen this turn"
    # the world's bar first: a team that drops a move frees points and a place, not a precondition (reader 9
    # read "at most 3 moves a turn" on a move whose real bar was "needs US-Iran back channel ≥ 25")
    if compiled.preconditions:
        ctx = context(state, rules, state.variables, state.turn, frozenset([(role, a) for a in chosen]))
        for condition, reason in zip(compiled.preconditions, compiled.reasons):
            if not condition(ctx):
                return reason or f"precondition not met: {condition.source}"
    budget = rules.roles[role].resources
    costs = rules.costs
    spent = sum([costs[(role, a)] for a in chosen])
    if spent + spec.cost > budget.per_turn:
        left = budget.per_turn - spent
        return f"costs {spec.cost} {budget.label.lower()}; {left} left this turn"
    if rules.limited[role]:
        return limit_reason(state, rules, role, action, chosen)
    return None


def legal_actions(state: State, role: str) -> list[str]:
    """The actions ``role`` may choose now, in the order the scenario lists them.

    The same test as :func:`why_illegal`, written as one pass because bots ask it
    for every role every turn of thousands of games (a test holds the two equal).
    """
    if state.phase != "moves" or role in state.sealed:
        return []
    rules = rules_for(state.scenario)
    chosen = state.moves.get(role, ())
    left = rules.roles[role].resources.per_turn - state.spent(role)
    ctx = context(state, rules, state.variables, state.turn, frozenset((role, a) for a in chosen))
    limited = rules.limited[role]
    legal = []
    for action in rules.roles[role].actions:
        if action.id in chosen or action.cost > left:
            continue
        if limited and limit_reason(state, rules, role, action.id, chosen) is not None:
            continue
        if all(condition(ctx) for condition in rules.actions[(role, action.id)].preconditions):
            legal.append(action.id)
    return legal


def submit_move(state: State, role: str, action: str) -> list[Event]:
    """A role commits a move, sealed until adjudication."""
    _not_ended(state)
    if state.phase != "moves":
        raise WrongPhase(f"moves are made during the moves phase (now: {state.phase})")
    reason = why_illegal(state, role, action)
    if reason is not None:
        raise IllegalMove(f"{state.scenario.role(role).name} cannot choose “{_action(state, role, action).label}”: {reason}")
    return [move_submitted(state.turn, role, action)]


def withdraw_move(state: State, role: str, action: str) -> list[Event]:
    """A role takes back a move before adjudication."""
    _not_ended(state)
    if state.phase != "moves":
        raise WrongPhase(f"moves can be withdrawn only before adjudication (now: {state.phase})")
    spec = _action(state, role, action)
    name = state.scenario.role(role).name
    if role in state.sealed:
        raise IllegalMove(f"{name} has sealed its moves for this turn")
    if action not in state.moves.get(role, []):
        raise IllegalMove(f"{name} has not chosen “{spec.label}” this turn")
    needed_by = _needs(state, role, action)
    if needed_by is not None:
        raise IllegalMove(f"“{needed_by.label}” needs “{spec.label}” this turn: drop “{needed_by.label}” first")
    return [MoveWithdrawn(turn=state.turn, role=role, action=action)]


def _needs(state: State, role: str, action: str):  # type: ignore[no-untyped-def]
    """The first of the role's other moves this turn whose preconditions hold with ``action`` among its moves
    and fail without it (e.g. a denial that needs this turn's attack), or None."""
    rules = rules_for(state.scenario)
    chosen = state.moves.get(role, [])
    others = [a for a in chosen if a != action and rules.actions[(role, a)].preconditions]
    if not others:
        return None
    with_it = context(state, rules, state.variables, state.turn, frozenset((role, a) for a in chosen))
    without = context(state, rules, state.variables, state.turn, frozenset((role, a) for a in chosen if a != action))
    for other in others:
        conditions = rules.actions[(role, other)].preconditions
        if all(c(with_it) for c in conditions) and not all(c(without) for c in conditions):
            return rules.actions[(role, other)].action
    return None


def seal_moves(state: State, role: str) -> list[Event]:
    """A role declares its moves final for this turn (none is a valid choice: the role holds)."""
    _not_ended(state)
    if state.phase != "moves":
        raise WrongPhase(f"moves are sealed during the moves phase (now: {state.phase})")
    if role not in state.scenario.world.roles:
        raise UnknownName(f"no role {role!r} in {state.scenario.id}")
    if role in state.sealed:
        raise IllegalMove(f"{role} has already sealed its moves")
    return [moves_sealed(state.turn, role)]


def shown_chance(state: State, role: str, action: str) -> ChanceExplained:
    """The odds a role is shown before moving: modifiers judged on its own moves only, since the
    others' are sealed. The odds at adjudication may differ; the screen says so."""
    own = frozenset((role, a) for a in state.moves.get(role, ()))
    rules = rules_for(state.scenario)
    return rules.chance(role, action, context(state, rules, state.variables, state.turn, own))


def _reveal_turn(turn: int, visibility: str, reveal_after: int) -> int:
    if visibility == "public":
        return turn
    if visibility == "delayed":
        return turn + reveal_after
    return -1


def _resolve(state: State, outcomes: list[tuple], start: dict[str, float], *,  # type: ignore[type-arg]
             spends: list[tuple] | None = None,  # type: ignore[type-arg]
             open_specs: list[tuple] | None = None) -> Resolution:  # type: ignore[type-arg]
    """Resolve this turn: at adjudication (moves phase) or again after an override (review phase).

    Again, the world is seen as adjudication saw it: the rules that fired before this turn (not this
    turn's own firings, which are tested afresh), the injects released before adjudication, and the
    earlier turns' moves without this turn's (recorded as played once the turn was adjudicated).
    """
    rules = rules_for(state.scenario)
    turn = state.turn
    moves = frozenset((role, action) for role, actions in state.moves.items() for action in actions)
    again = state.phase == "review"
    if again:
        review = state.review_releases.get(turn, [])
        later = {release.inject_id for release in review}
        released = frozenset(inject for inject in state.released if inject not in later)
        earlier = {key: tuple(t for t in turns if t < turn) for key, turns in state.move_turns.items()}
        hours = rules.elapsed_hours(turn)
        fired_ever: Container[str] = fired_before_turn(state, turn)

        def make_context(variables: dict[str, float]) -> Context:
            return Context(variables, turn, moves, released, earlier, hours)
    else:
        review = []
        fired_ever = state.rules_fired

        def make_context(variables: dict[str, float]) -> Context:
            return context(state, rules, variables, turn, moves)
    return resolve(
        rules, turn, start, moves, outcomes, rules_fired_ever=fired_ever,
        released_in_review=[r.effects for r in review], red_lines_crossed=state.red_lines,
        spends=spends if spends is not None else [o.event.spent for o in state.outcomes.get(turn, [])],
        open_moves=open_specs if open_specs is not None else [m.effects for m in state.open_moves.get(turn, [])],
        crossed_before=state.red_line_events.get(turn, []) if again else (),
        released=state.released, context=make_context,
    )


def fired_before_turn(state: State, turn: int) -> frozenset[str]:
    """The follow-on rules that fired in some turn other than ``turn`` (a ``once`` rule among them cannot fire again)."""
    counts = dict(state.rules_fired)
    for event in state.rule_events.get(turn, []):
        counts[event.rule_id] -= 1
    return frozenset(rule for rule, count in counts.items() if count > 0)


def adjudicate(state: State) -> list[Event]:
    """Resolve every move of the turn together; see the module docstring for the order."""
    _not_ended(state)
    if state.phase != "moves":
        raise WrongPhase(f"adjudication closes the moves phase (now: {state.phase})")
    waiting = open_moves.unjudged(state)
    if waiting:
        raise WrongPhase(f"judge the open moves first: {', '.join(waiting)}")
    rules = rules_for(state.scenario)
    turn = state.turn
    moves = frozenset((role, action) for role, actions in state.moves.items() for action in actions)
    start = context(state, rules, dict(state.variables), turn, moves)
    rolled = []
    for role in rules.role_order:
        for action_id in state.moves.get(role, ()):
            action = rules.actions[(role, action_id)].action
            chance = rules.chance(role, action_id, start)
            roll = derive_unit(state.seed, turn, role, action_id)
            band = rules.band(action, chance.chance, roll)
            rolled.append((role, action, chance, roll, band))
    specs = [rules.band_effects(role, action.id, band) for role, action, _, _, band in rolled]
    costs = [tuple(Effect(var=var, add=-amount) for var, amount in action.costs.items()) for _, action, _, _, _ in rolled]
    judged = open_moves.judged_bands(state, rules)
    resolution = _resolve(state, specs, dict(state.variables), spends=costs,  # type: ignore[arg-type]
                          open_specs=[effects for _, _, effects in judged])
    events: list[Event] = [
        outcome_adjudicated(
            turn, role, action.id, chance, roll, band, effects, action.visibility,
            _reveal_turn(turn, action.visibility, action.reveal_after), rules.scheduled(spec, turn), spent,
        )
        for (role, action, chance, roll, band), effects, spec, spent in zip(rolled, resolution.outcome_effects, specs,
                                                                            resolution.spent)
    ]
    events.extend(open_moves.resolved_events(state, judged, resolution.open_effects))
    events.extend(resolution.rules_fired)
    events.extend(resolution.red_lines)
    events.append(resolution.scores)
    events.append(turn_adjudicated(turn))
    return events


def override(
    state: State,
    role: str,
    action: str,
    rationale: str,
    band: str | None = None,
    effects: list[Effect] | None = None,
) -> list[Event]:
    """The umpire replaces one outcome of this turn — with another band, or with its own effects.

    The turn is resolved again by the same pipeline as adjudication (:mod:`wargame.engine.resolution`),
    from the world as it stood when adjudication began, with the new outcome in place.
    """
    _not_ended(state)
    if state.phase != "review":
        raise WrongPhase(f"outcomes are overridden after adjudication, before the turn ends (now: {state.phase})")
    if not rationale.strip():
        raise OverrideRefused("an override needs a rationale")
    if (band is None) == (effects is None):
        raise OverrideRefused("give either a band or custom effects")
    rules = rules_for(state.scenario)
    outcomes = state.outcomes.get(state.turn, [])
    target = next((o for o in outcomes if o.event.role == role and o.event.action == action), None)
    if target is None:
        raise OverrideRefused(f"no outcome of {role}.{action} this turn")
    if band is not None:
        bands = [b.id for b in rules.actions[(role, action)].action.bands]
        if band not in bands and not (band == "failure" and "failure" not in bands):
            raise UnknownName(f"{role}.{action} has no band {band!r} (bands: {', '.join(bands)})")
        new_spec: tuple = rules.band_effects(role, action, band)  # type: ignore[type-arg]
        to_band = band
    else:
        for effect in effects or []:
            if effect.var not in rules.variables:
                raise UnknownName(f"no variable {effect.var!r}")
        new_spec = tuple(effects or [])
        to_band = "custom"
    specs = [new_spec if outcome is target else outcome.effects for outcome in outcomes]
    resolution = _resolve(state, specs, dict(state.pre_adjudication[state.turn]))
    new_effects = resolution.outcome_effects[next(i for i, o in enumerate(outcomes) if o is target)]
    others = tuple(ResolvedAgain(role=o.event.role, action=o.event.action, effects=tuple(applied))
                   for o, applied in zip(outcomes, resolution.outcome_effects)
                   if o is not target and tuple(applied) != tuple(o.effects))
    return [
        OutcomeOverridden(
            turn=state.turn, role=role, action=action, from_band=target.band, to_band=to_band,
            rationale=rationale.strip(), effects=new_effects, changes=_changes(state, resolution),
            scheduled=rules.schedule(new_spec, state.turn), rules=tuple(resolution.rules_fired), others=others,
        ),
        *resolution.red_lines,
        resolution.scores,
    ]


def _changes(state: State, resolution: Resolution) -> tuple[VarChanged, ...]:
    return tuple(
        VarChanged(var=var, before=state.variables[var], after=value)
        for var, value in resolution.variables.items()
        if value != state.variables[var]
    )


def override_open_move(state: State, role: str, index: int, band: str, rationale: str) -> list[Event]:
    """The umpire replaces an open move's band after adjudication; the turn is resolved again by the one pipeline."""
    _not_ended(state)
    if state.phase != "review":
        raise WrongPhase(f"open moves are overridden after adjudication, before the turn ends (now: {state.phase})")
    if not rationale.strip():
        raise OverrideRefused("an override needs a rationale")
    if band not in ("success", "failure"):
        raise UnknownName(f"an open move's band is success or failure, not {band!r}")
    moves = state.open_moves.get(state.turn, [])
    at = next((i for i, m in enumerate(moves) if m.proposed.role == role and m.proposed.index == index and m.resolved), None)
    if at is None:
        raise OverrideRefused(f"no resolved open move {index} of {role} this turn")
    target = moves[at]
    open_specs = [open_moves.effects_of(m, band) if m is target else m.effects for m in moves]
    resolution = _resolve(state, [o.effects for o in state.outcomes.get(state.turn, [])],
                          dict(state.pre_adjudication[state.turn]), open_specs=open_specs)  # type: ignore[arg-type]
    return [
        OpenMoveOverridden(turn=state.turn, role=role, index=index, from_band=target.band or "", to_band=band,  # type: ignore[arg-type]
                           rationale=rationale.strip(), effects=resolution.open_effects[at], changes=_changes(state, resolution),
                           rules=tuple(resolution.rules_fired)),
        *resolution.red_lines,
        resolution.scores,
    ]


def end_turn(state: State) -> list[Event]:
    """Close the turn: end the exercise if an end condition holds or turns ran out, else open the next."""
    _not_ended(state)
    if state.phase != "review":
        raise WrongPhase(f"a turn ends after adjudication (now: {state.phase})")
    rules = rules_for(state.scenario)
    events: list[Event] = [TurnEnded(turn=state.turn)]
    ctx = context(state, rules, state.variables, state.turn)
    for end, when in rules.end_conditions:
        if when(ctx):
            events.append(SessionEnded(turn=state.turn, reason=end.id, message=end.message))
            return events
    if state.turn >= state.scenario.world.turns:
        events.append(SessionEnded(turn=state.turn, reason="last_turn", message=f"The last turn ({state.turn}) was played."))
        return events
    return events + _open_turn(state, state.turn + 1)


def end_session(state: State, message: str = "Control ended the exercise.") -> list[Event]:
    """Control ends the exercise early."""
    _not_ended(state)
    return [SessionEnded(turn=state.turn, reason="control", message=message)]


def add_note(state: State, text: str, author: str = CONTROL) -> list[Event]:
    """A facilitator's note, at any moment; kept for the debrief, seen only by control."""
    if not text.strip():
        raise IllegalMove("a note needs some text")
    if state.phase == "new":
        raise WrongPhase("no session has started")
    return [NoteAdded(turn=state.turn, author=author, text=text.strip())]


DEBRIEF_SECTIONS = ("strength", "improvement", "plan")


def add_debrief_entry(
    state: State,
    section: str,
    text: str,
    *,
    about_turn: int | None = None,
    capability: str = "",
    issue: str = "",
    owner: str = "",
    due: str = "",
    author: str = CONTROL,
) -> list[Event]:
    """The facilitator records a strength, an area for improvement or an improvement-plan row.

    Allowed once the exercise has started, in any phase including after it ended:
    the hot wash happens during and right after play, and the report is written later.
    """
    if state.phase in ("new", "setup"):
        raise WrongPhase("the debrief follows play: start the exercise first")
    if section not in DEBRIEF_SECTIONS:
        raise IllegalMove(f"a debrief entry is one of {', '.join(DEBRIEF_SECTIONS)}, not {section!r}")
    if not text.strip():
        raise IllegalMove("a debrief entry needs some text")
    if about_turn is not None and not 1 <= about_turn <= max(state.turn, 1):
        raise IllegalMove(f"turn {about_turn} has not been played (turns 1 to {state.turn})")
    return [
        DebriefEntryAdded(
            turn=state.turn, section=section, text=text.strip(), about_turn=about_turn,  # type: ignore[arg-type]
            capability=capability.strip(), issue=issue.strip(), owner=owner.strip(), due=due.strip(), author=author,
        )
    ]


def check_actor(state: State, command: cmd.Command, actor: Control | Team | Bot) -> None:
    """Refuse a command its actor may not issue: a role acts only for itself, control does the rest."""
    if isinstance(command, cmd.SendMessage):  # a team speaks for itself, control for itself or an outside voice
        speaker = CONTROL if isinstance(actor, Control) else actor.role
        if command.sender != speaker:
            raise NotAllowed(f"{speaker} cannot send a message as {command.sender}")
        return
    if isinstance(command, cmd.ROLE_COMMANDS):
        if isinstance(actor, Control):
            raise NotAllowed(f"control cannot act for {command.role}: the role's own team or bot does")
        if actor.role != command.role:
            raise NotAllowed(f"{actor.role} cannot act for {command.role}")
        if isinstance(actor, Bot) and state.assignments.get(actor.role) != actor.policy:
            raise NotAllowed(f"{actor.role} is not played by the bot {actor.policy!r}")
        return
    if not isinstance(actor, Control):
        raise NotAllowed(f"{actor.role} cannot {command.kind.replace('_', ' ')}: only control can")


def decide(state: State, command: cmd.Command, actor: Control | Team | Bot) -> list[Event]:
    """The events that follow from ``command`` issued by ``actor`` now; raises an EngineError otherwise.

    Raises :class:`NotAllowed` when the actor may not issue the command, and the other
    :class:`~wargame.engine.errors.EngineError` subclasses when the state does not allow it.
    Pure: nothing is changed, the caller folds the events in.
    """
    check_actor(state, command, actor)
    match command:
        case cmd.StartSession():
            if state.phase != "new":
                raise WrongPhase("this session has already started")
            return start_session(state.scenario, command.seed, command.assignments)
        case cmd.ChooseSeed():
            return choose_seed(state, command.seed)
        case cmd.AssignRole():
            return assign(state, command.role, command.player)
        case cmd.StartExercise():
            return start(state)
        case cmd.SubmitMove():
            return submit_move(state, command.role, command.action)
        case cmd.WithdrawMove():
            return withdraw_move(state, command.role, command.action)
        case cmd.SealMoves():
            return seal_moves(state, command.role)
        case cmd.Adjudicate():
            return adjudicate(state)
        case cmd.Override():
            effects = list(command.effects) if command.effects is not None else None
            return override(state, command.role, command.action, command.rationale, band=command.band, effects=effects)
        case cmd.ReleaseInject():
            return release_inject(state, command.inject_id)
        case cmd.HoldInject():
            return hold_inject(state, command.inject_id, command.reason)
        case cmd.UndoInjectDecision():
            return undo_inject_decision(state)
        case cmd.AddNote():
            return add_note(state, command.text)
        case cmd.AddDebriefEntry():
            return add_debrief_entry(
                state, command.section, command.text, about_turn=command.about_turn, capability=command.capability,
                issue=command.issue, owner=command.owner, due=command.due,
            )
        case cmd.EndTurn():
            return end_turn(state)
        case cmd.EndExercise():
            return end_session(state, command.message)
        case cmd.SendMessage():
            return classroom.send_message(state, command.sender, command.to, command.text, command.voice)
        case cmd.SetClock():
            return classroom.set_clock(state, command.seconds, command.now, command.on_expiry)
        case cmd.PauseClock():
            return classroom.pause_clock(state, command.now)
        case cmd.ResumeClock():
            return classroom.resume_clock(state, command.now)
        case cmd.ExtendClock():
            return classroom.extend_clock(state, command.seconds)
        case cmd.ClearClock():
            return classroom.clear_clock(state)
        case cmd.ExpireClock():
            return classroom.expire_clock(state, command.now)
        case cmd.SettleLate():
            return classroom.settle_late(state, command.rule)
        case cmd.SetAgenda():
            return classroom.set_agenda(state, command.minutes_per_turn, command.now)
        case cmd.ImproviseInject():
            return classroom.improvise_inject(state, command.title, command.audience, command.message, command.from_,
                                              command.effects)
        case cmd.ProposeOpenMove():
            return open_moves.propose(state, command.role, command.text, command.argument)
        case cmd.JudgeOpenMove():
            return open_moves.judge(state, command.role, command.index, command.rationale, chance=command.chance,
                                    band=command.band, success=command.success, failure=command.failure)
        case cmd.OverrideOpenMove():
            return override_open_move(state, command.role, command.index, command.band, command.rationale)
        case _:
            assert_never(command)
