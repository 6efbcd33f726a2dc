"""The present as each lens sees it: :func:`role_view` and :func:`control_view`.

They extend a lens's record (:func:`wargame.engine.views.view_for`) with what a screen
draws now: the status line, a role's moves with the odds it is shown and why a move is
not available (in words, variables by their labels), objectives with their trend, the
last turn's outcomes; for control the roles, the MSEL with each inject's status, the
rules that fired and the notes. Everything goes through :mod:`wargame.engine.lens`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from itertools import product
from weakref import ref

from wargame.engine.classroom import improvised_for, messages_for
from wargame.engine.events import CONTROL, VarChanged
from wargame.engine.expr import Context
from wargame.engine.lens import Lens, ShownChance, in_words, lens_for, planned_effect, sees_outcome
from wargame.engine.limits import limit_reason
from wargame.engine.schedule import context
from wargame.engine.scenario import Inject
from wargame.engine.state import State
from wargame.engine.views import (
    BandView,
    BudgetView,
    ControlView,
    Deferred,
    InjectStatusView,
    MoveOption,
    NoteView,
    ObjectiveView,
    OutcomeView,
    RoleStatusView,
    RoleView,
    StatusView,
    UndoView,
    _record,
    outcome_view,
    variable_views,
)

PHASE_LABELS = {
    "new": "NEW",
    "setup": "SET-UP",
    "moves": "MOVES",
    "review": "UMPIRE REVIEW",
    "between": "BETWEEN TURNS",
    "ended": "ENDED",
}

CANNOT_SEE = "something you cannot see rules it out now"
"""Why a move is not available, told to a role whose precondition reads what it cannot see."""


def status(state: State, lens: Lens) -> StatusView:
    """The status line: turn, date, phase, who sealed, the ladder's rung, the clock and the agenda."""
    level = state.rung
    if not lens.is_control:
        # a role's status line reads nothing but these: the same line for the same values
        key = (state.turn, state.date, state.phase, level, lens.role in state.sealed,
               state.ended.message if state.ended else None, state.clock if state.phase == "moves" else None,
               state.agenda if state.phase != "ended" else None)
        found = lens.memo.get(key)
        if found is None:
            if len(lens.memo) > 4096:
                lens.memo.clear()
            found = lens.memo[key] = _status(state, lens, level)
        return found  # type: ignore[return-value]
    return _status(state, lens, level)


def _status(state: State, lens: Lens, level: int) -> StatusView:
    world = state.scenario.world
    rung = next((r for r in world.ladder.rungs if r.level == level), world.ladder.rungs[0])
    if lens.is_control:
        sealed = tuple(r for r in world.roles if r in state.sealed)
        waiting = tuple(r for r in world.roles if state.assignments.get(r) == "human" and r not in state.sealed) \
            if state.phase == "moves" else ()
    else:
        sealed = (lens.role,) if lens.role in state.sealed else ()
        waiting = ()
    return StatusView(
        turn=state.turn, turns=world.turns, date=state.date, phase=state.phase,
        phase_label=PHASE_LABELS.get(state.phase, state.phase), rung=rung.level, rung_label=rung.label,
        rung_meaning=rung.meaning, sealed=sealed, waiting=waiting,
        ended=state.ended.message if state.ended else None,
        clock=state.clock if state.phase == "moves" else None,
        agenda=state.agenda if state.phase != "ended" else None,
    )


def inject_status(state: State, inject: Inject) -> str:
    """Where an inject of the MSEL stands: released (when, by whom), held, due, waiting for its trigger."""
    if inject.id in state.released:
        event = state.released[inject.id]
        return f"released T{event.turn}" + (" by control" if event.by == "control" else "")
    if inject.id in state.held:
        return "HELD"
    if inject.kind == "historical":
        return "due now" if inject.turn == state.turn else f"due T{inject.turn}"
    if inject.kind == "branch":
        return "waits for trigger"
    return "control may release"


_STATIC: dict[tuple[int, str], tuple[Lens, tuple[tuple, ...]]] = {}  # type: ignore[type-arg]


def _static_parts(lens: Lens, role: str) -> tuple[tuple, ...]:  # type: ignore[type-arg]
    """Per action of ``role``, what its option shows that is fixed per lens: the action, its preconditions
    each with the words a failed one is told in, its preconditions in words, and its bands with visible effects."""
    key = (id(lens), role)
    hit = _STATIC.get(key)
    if hit is not None and hit[0] is lens:
        return hit[1]
    if len(_STATIC) >= 256:
        _STATIC.clear()
    scenario = lens.scenario
    rules = lens.rules
    parts = []
    for action in scenario.role(role).actions:
        compiled = rules.actions[(role, action.id)]
        needs = tuple(
            "a condition you cannot see" if lens.hides_precondition(c) else in_words(scenario, c.source)
            for c in compiled.preconditions
        )
        failed = tuple(
            (c, CANNOT_SEE if lens.hides_precondition(c) else f"needs {in_words(scenario, c.source)}")
            for c in compiled.preconditions
        )
        bands = tuple(
            BandView(
                id=band.id, label=band.label, message=band.message,
                effects=tuple(planned_effect(scenario, e, lens.role) for e in band.effects if e.var in lens.visible),
            )
            for band in action.bands
        )
        limited = rules.limited[role] and (
            scenario.role(role).max_moves is not None or action.group is not None or action.per_game is not None
            or bool(action.cooldown) or bool(action.costs))  # else limits.limit_reason has nothing to say
        parts.append((action, failed, needs, bands, action.id, action.label, action.description, action.cost,
                      action.visibility, limited))
    result = tuple(parts)
    _STATIC[key] = (lens, result)
    return result


def options(state: State, lens: Lens, role: str, spent: int | None = None) -> tuple[MoveOption, ...]:
    """Every action of ``role`` with whether it may be chosen now, why not (in words), and the odds shown.

    ``spent``: what the role has committed this turn, if the caller has worked it out already."""
    rules = lens.rules
    chosen = state.moves.get(role, [])
    budget = rules.roles[role].resources
    left = budget.per_turn - (state.spent(role) if spent is None else spent)
    own = frozenset((role, a) for a in chosen)
    # legality as the engine decides it (why_illegal): released injects and earlier moves included
    ctx = context(state, rules, state.variables, state.turn, own)
    # the odds are worked out later, if read, from what the role sees: the variables as they are now
    seen = (dict(state.variables), state.turn, own)
    closed = None
    if state.phase != "moves":
        closed = "moves are made during the moves phase"
    elif role in state.sealed:
        closed = "moves are sealed for this turn"
    result = []
    make = MoveOption._make
    for _action, failed, needs, bands, action_id, label, description, cost, visibility, limited in _static_parts(lens, role):
        is_chosen = action_id in chosen
        why: str | None = closed
        if why is not None or is_chosen:
            pass
        elif cost > left:
            why = f"{label} costs {cost} {budget.label.lower()}; {left} left this turn"
        elif limited and (limit := limit_reason(state, rules, role, action_id, chosen)) is not None:
            why = limit
        else:
            for condition, words in failed:
                if not condition(ctx):
                    why = words
                    break
        result.append(make(action_id, label, description, cost, visibility, is_chosen, why is None and not is_chosen, why,
                           needs, bands, partial(_shown_odds, lens, role, action_id, seen)))
    return tuple(result)


def _shown_odds(lens: Lens, role: str, action: str, seen: tuple[dict[str, float], int, frozenset[tuple[str, str]]]) -> ShownChance:
    """The odds ``role`` is shown for ``action``, from the variables it sees as they were when its view was built."""
    variables, turn, own = seen
    return lens.option_odds(role, action, Context({var: variables[var] for var in lens.visible}, turn, own))


_SCALES: dict[int, tuple[object, dict[tuple[str, str], tuple[float, float] | None]]] = {}


def objective_scales(lens: Lens) -> dict[tuple[str, str], tuple[float, float] | None]:
    """Per (role, objective): the lowest and highest score its metric gives at the corners of its
    variables' bounds (exact for the sums, differences, min and max that metrics are written in;
    None for a metric of more than six variables or one that cannot be evaluated there)."""
    scenario = lens.scenario
    hit = _SCALES.get(id(scenario))
    if hit is not None and hit[0] is scenario:
        return hit[1]
    if len(_SCALES) >= 64:
        _SCALES.clear()
    specs = {v.id: v for v in scenario.world.variables}
    initial = {v.id: v.initial for v in scenario.world.variables}
    scales: dict[tuple[str, str], tuple[float, float] | None] = {}
    for role, metrics in lens.rules.objectives.items():
        for objective_id, metric in metrics:
            names = sorted(metric.variables)
            if len(names) > 6 or any(n not in specs for n in names):
                scales[(role, objective_id)] = None
                continue
            values: list[float] = []
            try:
                for corner in product(*((specs[n].min, specs[n].max) for n in names)):
                    values.append(float(metric(Context({**initial, **dict(zip(names, corner))}, 1))))
            except Exception:  # a metric that cannot be evaluated away from the game's own values
                scales[(role, objective_id)] = None
                continue
            scales[(role, objective_id)] = (min(values), max(values))
    _SCALES[id(scenario)] = (scenario, scales)
    return scales


def objectives(state: State, lens: Lens, roles: tuple[str, ...], history: bool = True) -> tuple[ObjectiveView, ...]:
    """Each objective of ``roles`` with its latest score and its score after each adjudicated turn."""
    latest = state.scores[max(state.scores)] if state.scores else {}
    scales = objective_scales(lens)
    result = []
    for role in roles:
        for objective in state.scenario.role(role).objectives:
            score: float | None
            trend: tuple[float, ...]
            if (role, objective.id) in lens.hidden_objectives:
                score, trend = None, ()
            else:
                score = latest.get(role, {}).get(objective.id)
                trend = tuple(
                    state.scores[t][role][objective.id] for t in sorted(state.scores) if objective.id in state.scores[t].get(role, {})
                ) if history else ()
            hidden = (role, objective.id) in lens.hidden_objectives
            result.append(ObjectiveView(role=role, id=objective.id, label=objective.label,
                                        description=objective.description, score=score, trend=trend,
                                        scale=None if hidden else scales.get((role, objective.id))))
    return tuple(result)


def last_turn(state: State, role: str) -> tuple[OutcomeView, ...]:
    """The outcomes of the last adjudicated turn that ``role`` may know of."""
    turn = _last_adjudicated(state)
    return tuple(
        outcome_view(state, role, outcome, turn)
        for outcome in state.outcomes.get(turn, [])
        if sees_outcome(outcome.event, role, state.turn, state.ended is not None, state.scenario)
    )


def _last_adjudicated(state: State) -> int:
    return state.turn if state.phase in ("review", "between", "ended") else state.turn - 1


def changed_since_moves(state: State, role: str) -> tuple[VarChanged, ...]:
    """The variables ``role`` sees whose value now differs from their value when it sealed its moves in the
    last adjudicated turn (or, if it did not seal, when that turn was adjudicated); empty before the first
    adjudication."""
    turn = _last_adjudicated(state)
    if turn not in state.pre_adjudication:
        return ()
    before = state.seal_values.get(turn, {}).get(role) or state.pre_adjudication.get(turn)
    if before is None:
        return ()
    now = state.variables
    return tuple(VarChanged(var=v.id, before=before[v.id], after=now[v.id])
                 for v in lens_for(state.scenario, role).variable_specs if before[v.id] != now[v.id])


def role_view(state: State, role: str, *, history: bool = True, deferred: bool = False) -> RoleView:
    """Everything ``role``'s screen draws now (KeyError for a role the scenario lacks).

    ``history=False`` leaves out the past (see :func:`wargame.engine.views.view_for`): the
    view a bot is handed, cheap enough to build for every bot every turn of thousands of games.
    ``deferred=True`` builds the moves (options, budget, chosen) now and every other part on first
    read, from the state as it stands now: the state completes the view before it changes (see
    :func:`wargame.engine.state.apply`), so every field holds what an eager view holds. For a caller
    that owns the state in one thread (the bots): a view handed to another thread must be eager.
    """
    if role == CONTROL:
        raise KeyError("control's view is control_view()")
    lens = lens_for(state.scenario, role)
    spec = state.scenario.role(role)
    spent = state.spent(role)
    budget = BudgetView(label=spec.resources.label, per_turn=spec.resources.per_turn, spent=spent,
                        left=spec.resources.per_turn - spent)
    if deferred:
        return _deferred_role_view(state, role, lens, spec.name, budget, history, spent)
    return RoleView(
        **_record(state, role, history=history),
        status=status(state, lens),
        role_name=spec.name,
        budget=budget,
        chosen=tuple(state.moves.get(role, ())),
        options=options(state, lens, role, spent),
        objectives=objectives(state, lens, (role,), history),
        red_lines=_red_line_labels(state, role),
        last_turn=last_turn(state, role) if history else (),
        historical_moves=_historical_moves(state, role),
        messages=messages_for(state, role),
        improvised=improvised_for(state, role),
        changed=changed_since_moves(state, role),
    )


def _red_line_labels(state: State, role: str) -> tuple[str, ...]:
    return tuple(line.label for line in state.scenario.role(role).red_lines)


def _historical_moves(state: State, role: str) -> tuple[str, ...]:
    entry = next((e for e in state.scenario.world.historical_line if e.turn == state.turn), None)
    return tuple(entry.moves.get(role, ())) if entry else ()


def _record_part(state: State, role: str, history: bool) -> dict[str, object]:
    return _record(state, role, history=history)


_DEFERRED_PARTS: dict[str, Callable[[State, str, bool], dict[str, object]]] = {
    **{name: _record_part for name in (
        "briefs", "injects", "moves", "sealed_moves", "outcomes", "scores", "score_history", "notes",
        "red_lines_crossed", "red_line_effects", "open_moves", "matured", "rules_fired")},
    "variables": lambda state, role, history: {"variables": variable_views(state, role, history)},
    "status": lambda state, role, history: {"status": status(state, lens_for(state.scenario, role))},
    "objectives": lambda state, role, history: {
        "objectives": objectives(state, lens_for(state.scenario, role), (role,), history)},
    "red_lines": lambda state, role, history: {"red_lines": _red_line_labels(state, role)},
    "last_turn": lambda state, role, history: {"last_turn": last_turn(state, role) if history else ()},
    "historical_moves": lambda state, role, history: {"historical_moves": _historical_moves(state, role)},
    "messages": lambda state, role, history: {"messages": messages_for(state, role)},
    "improvised": lambda state, role, history: {"improvised": improvised_for(state, role)},
    "changed": lambda state, role, history: {"changed": changed_since_moves(state, role)},
}
"""Every field of a deferred role view not built at once, with the function that computes it (the
same functions an eager view is built with); ``_record`` gives all of the record's fields at once."""


def _deferred_role_view(state: State, role: str, lens: Lens, name: str, budget: BudgetView, history: bool,
                        spent: int) -> RoleView:
    view = _new_view(RoleView)
    _set(view, "role", role)
    _set(view, "turn", state.turn)
    _set(view, "phase", state.phase)
    _set(view, "date", state.date)
    _set(view, "rung", state.rung)
    _set(view, "ended", state.ended.message if state.ended else None)
    _set(view, "role_name", name)
    _set(view, "budget", budget)
    _set(view, "chosen", tuple(state.moves.get(role, ())))
    _set(view, "options", options(state, lens, role, spent))
    _set(view, "_deferred", Deferred(state, role, history, _DEFERRED_PARTS))  # type: ignore[arg-type]
    state.deferred.append(ref(view))
    return view


_new_view = object.__new__
_set = object.__setattr__


def _role_status(state: State, role: str) -> RoleStatusView:
    chosen = tuple(state.moves.get(role, ()))
    plural = "s" if len(chosen) != 1 else ""
    if state.phase == "review":  # the moves stay in the state until the turn ends: control sees who made none
        text = f"adjudicated ({len(chosen)} move{plural})" if chosen else "no moves this turn"
    elif state.phase != "moves":
        text = "—"
    elif role in state.sealed:
        text = f"sealed ({len(chosen)} move{plural})"
    elif chosen:
        text = f"choosing ({len(chosen)})"
    else:
        text = "waiting"
    return RoleStatusView(role=role, name=state.scenario.role(role).name, player=state.assignments.get(role, "human"),
                          moves=chosen, sealed=role in state.sealed, status=text)


def _trigger_in_words(lens: Lens, inject: Inject) -> str:
    """A branch inject's trigger in words, worked out once per scenario (the control view is built after every command)."""
    key = ("trigger", inject.id)
    if key not in lens.memo:
        lens.memo[key] = in_words(lens.scenario, inject.trigger) if inject.trigger else ""
    return str(lens.memo[key])


def control_view(state: State) -> ControlView:
    """Everything the facilitator's console draws now."""
    lens = lens_for(state.scenario, CONTROL)
    scenario = state.scenario
    injects = tuple(
        InjectStatusView(
            id=inject.id, title=inject.title, kind=inject.kind,
            when=f"T{inject.turn}" if inject.turn else ("trigger" if inject.trigger else "control"),
            status=inject_status(state, inject),
            audience="all roles" if inject.audience == "all" else ", ".join(inject.audience), inject=inject,
            trigger=_trigger_in_words(lens, inject),
        )
        for inject in scenario.injects
    )
    undo = None
    if state.undoable is not None:
        decided = state.undoable.event
        undo = UndoView(inject_id=decided.inject_id, title=scenario.inject(decided.inject_id).title,
                        decision="release" if decided.kind == "inject_released" else "hold")
    return ControlView(
        **_record(state, CONTROL),
        status=status(state, lens),
        roles=tuple(_role_status(state, role) for role in scenario.world.roles),
        inject_statuses=injects,
        objectives=objectives(state, lens, tuple(scenario.world.roles)),
        last_turn=last_turn(state, CONTROL),
        note_entries=tuple(NoteView(turn=n.turn, author=n.author, text=n.text) for n in state.notes),
        seed=state.seed,
        messages=messages_for(state, CONTROL),
        improvised=improvised_for(state, CONTROL),
        undo=undo,
    )


def lens_view(state: State, lens: str) -> RoleView | ControlView:
    """:func:`control_view` for ``"control"``, else :func:`role_view`."""
    return control_view(state) if lens == CONTROL else role_view(state, lens)


__all__ = ["control_view", "inject_status", "lens_view", "role_view", "status"]
