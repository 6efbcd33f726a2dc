"""What each role may know, computed here and nowhere else.

Parts of a view are built with ``model_construct``: every value in them is already a validated
event or scenario object, and a report asks for a view at every turn of a long session.

A role's screen, a role's replay and a role's report all read the same
:class:`View`, so they show the same things and nothing more: its own briefs and
the public briefs of others; the injects addressed to it; its own moves; the
outcomes it may see (public ones, its own, delayed ones once revealed) with the
effects on variables it may see; those variables and their history; its own
objectives and scores. Control sees everything, including the sealed moves.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from wargame.engine.events import CONTROL, EffectApplied, OutcomeAdjudicated
from wargame.engine.scenario import Inject, Scenario
from wargame.engine.state import State


class ViewModel(BaseModel):
    model_config = ConfigDict(frozen=True)


class BriefView(ViewModel):
    role: str
    name: str
    public_brief: str
    private_brief: str | None


class InjectView(ViewModel):
    inject: Inject
    turn: int
    by: str
    effects: tuple[EffectApplied, ...]


class OutcomeView(ViewModel):
    turn: int
    role: str
    action: str
    label: str
    band: str
    chance: float
    roll: float
    explanation: OutcomeAdjudicated
    effects: tuple[EffectApplied, ...]
    overridden: bool
    rationale: str | None


class OpenMoveView(ViewModel):
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


class MaturedView(ViewModel):
    """Delayed or lasting effects that applied at a turn's opening, and where they came from."""

    turn: int
    source: str
    effects: tuple[EffectApplied, ...]


class VariableView(ViewModel):
    id: str
    label: str
    value: float
    min: float
    max: float
    history: tuple[float, ...]


class View(ViewModel):
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
    ended: str | None
    open_moves: tuple[OpenMoveView, ...] = ()
    """Open moves: the lens's own (sealed until adjudication), and everyone's once resolved."""
    matured: tuple[MaturedView, ...] = ()
    """Delayed and lasting effects applied at openings, from sources this lens may know of."""


def sees_variable(scenario: Scenario, role: str, var: str) -> bool:
    if role == CONTROL:
        return True
    spec = next(v for v in scenario.world.variables if v.id == var)
    if spec.visible_to == "all":
        return True
    if spec.visible_to == "control":
        return False
    return role in spec.visible_to


def knows_red_line(scenario: Scenario, owner: str, red_line: str, role: str) -> bool:
    """Whether ``role`` knows of ``owner``'s red line (so sees its crossing): declared to it, or its own."""
    if role in (CONTROL, owner):
        return True
    spec = next(line for line in scenario.role(owner).red_lines if line.id == red_line)
    return spec.declared_to == "all" or (isinstance(spec.declared_to, list) and role in spec.declared_to)


def knows_source(state: State, source: str, role: str) -> bool:
    """Whether ``role`` may know of the event that scheduled delayed or lasting effects (see EffectsMatured)."""
    if role == CONTROL:
        return True
    kind, _, rest = source.partition(":")
    if kind == "outcome":
        turn, owner, action = rest.split(":")
        outcome = next((o.event for o in state.outcomes.get(int(turn), []) if o.event.role == owner and o.event.action == action), None)
        return outcome is not None and sees_outcome(outcome, role, state.turn)
    if kind == "inject":
        return sees_inject(state.scenario.inject(rest.split(":", 1)[1]), role)
    if kind == "red_line":
        _, owner, line = rest.split(":")
        return knows_red_line(state.scenario, owner, line, role)
    if kind == "refill":
        return rest == role
    return False  # rules: control's


def as_read_by(inject: Inject, role: str) -> Inject:
    """The inject as ``role`` reads it: its variant's message if one is addressed to it, and no other
    audience's variant (control reads every one)."""
    if role == CONTROL or not inject.variants:
        return inject
    message = next((v.message for v in inject.variants if role in v.audience), inject.message)
    return inject.model_copy(update={"message": message, "variants": []})


def sees_inject(inject: Inject, role: str) -> bool:
    return role == CONTROL or inject.audience == "all" or role in inject.audience


def sees_outcome(outcome: OutcomeAdjudicated, role: str, turn: int) -> bool:
    if role in (CONTROL, outcome.role):
        return True
    return outcome.reveal_turn >= 0 and turn >= outcome.reveal_turn


def _filtered(event: OutcomeAdjudicated, effects: tuple[EffectApplied, ...]) -> OutcomeAdjudicated:
    """The outcome with only the effects this lens may see (the same object when nothing is hidden)."""
    return event if effects == event.effects else event.model_copy(update={"effects": effects})


def view_for(state: State, role: str, *, outcomes_from: int = 0) -> View:
    """The session as ``role`` (or ``"control"``) may know it now.

    ``outcomes_from`` leaves out outcomes that were adjudicated and revealed before that turn:
    a report that asks for the view at the end of every turn needs only what is new each time,
    and would otherwise rebuild every earlier outcome again (quadratic in the turns).
    """
    scenario = state.scenario
    if role != CONTROL and role not in scenario.world.roles:
        raise KeyError(role)
    is_control = role == CONTROL
    visible = {v.id for v in scenario.world.variables if sees_variable(scenario, role, v.id)}

    sees_all = len(visible) == len(scenario.world.variables)

    def filter_effects(effects: tuple[EffectApplied, ...]) -> tuple[EffectApplied, ...]:
        if sees_all:
            return effects
        return tuple(e for e in effects if e.var in visible)

    briefs = tuple(
        BriefView(
            role=r.id, name=r.name, public_brief=r.public_brief,
            private_brief=r.private_brief if (is_control or r.id == role) else None,
        )
        for r in scenario.roles
    )
    injects = tuple(
        InjectView.model_construct(
            inject=as_read_by(scenario.inject(event.inject_id), role), turn=event.turn, by=event.by,
            effects=filter_effects(event.effects)
        )
        for event in state.releases
        if sees_inject(scenario.inject(event.inject_id), role)
    )
    outcomes = []
    for turn in sorted(state.outcomes):
        for outcome in state.outcomes[turn]:
            if not sees_outcome(outcome.event, role, state.turn):
                continue
            if turn < outcomes_from and outcome.event.reveal_turn < outcomes_from:
                continue
            last = outcome.overrides[-1] if outcome.overrides else None
            outcomes.append(
                OutcomeView.model_construct(
                    turn=turn, role=outcome.event.role, action=outcome.event.action,
                    label=scenario.action(outcome.event.role, outcome.event.action).label,
                    band=outcome.band, chance=outcome.event.chance.chance, roll=outcome.event.roll,
                    explanation=_filtered(outcome.event, filter_effects(outcome.event.effects)),
                    effects=filter_effects(outcome.effects), overridden=last is not None,
                    rationale=last.rationale if last else None,
                )
            )
    variables = tuple(
        VariableView.model_construct(
            id=v.id, label=v.label, value=state.variables[v.id], min=v.min, max=v.max,
            history=tuple(h[v.id] for h in state.history),
        )
        for v in scenario.world.variables
        if v.id in visible
    )
    def own(r: str) -> bool:
        return is_control or r == role

    moves = {
        turn: {r: tuple(actions) for r, actions in per_role.items() if own(r)}
        for turn, per_role in state.all_moves.items()
    }
    sealed = {r: tuple(a) for r, a in state.moves.items() if own(r)} if state.phase == "moves" else {}
    latest = state.scores[max(state.scores)] if state.scores else {}
    scores = {r: s for r, s in latest.items() if own(r)}
    score_history = {t: {r: s for r, s in per.items() if own(r)} for t, per in state.scores.items()}
    red_lines = tuple(
        (r, line, turn) for (r, line), turn in sorted(state.red_lines.items(), key=lambda item: item[1])
        if is_control or r == role or knows_red_line(scenario, r, line, role)
    )
    open_moves = tuple(
        OpenMoveView.model_construct(
            turn=turn, role=move.proposed.role, index=move.proposed.index, text=move.proposed.text,
            argument=move.proposed.argument,
            chance=move.judged.chance if move.judged and (move.resolved or own(move.proposed.role)) else None,
            roll=move.resolved.roll if move.resolved else None, band=move.band, effects=filter_effects(move.effects),
            rationale=(move.overrides[-1].rationale if move.overrides else move.judged.rationale)
            if move.judged and (move.resolved or own(move.proposed.role)) else None,
            overridden=bool(move.overrides),
        )
        for turn in sorted(state.open_moves)
        for move in state.open_moves[turn]
        if own(move.proposed.role) or move.resolved is not None
    )
    matured = tuple(
        MaturedView.model_construct(turn=event.turn, source=event.source, effects=filter_effects(event.effects))
        for turn in sorted(state.matured)
        for event in state.matured[turn]
        if knows_source(state, event.source, role) and filter_effects(event.effects)
    )
    return View(
        open_moves=open_moves, matured=matured,
        role=role, turn=state.turn, phase=state.phase, date=state.date, rung=state.rung,
        briefs=briefs, injects=injects, moves=moves, sealed_moves=sealed, outcomes=tuple(outcomes),
        variables=variables, scores=scores, score_history=score_history,
        notes=tuple(n.text for n in state.notes) if is_control else (),
        red_lines_crossed=red_lines, ended=state.ended.message if state.ended else None,
    )
