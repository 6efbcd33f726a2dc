"""The room display's lens: what everyone in the room may see, and nothing a single team may not.

Handed out by the session as ``Session.view("room")`` like the other lenses' views.

The room sees what every role sees: variables visible to all, injects addressed
to all, outcomes once they are public (public ones at once, delayed ones from
their reveal turn, private ones never) with only their effects on public
variables, and the ladder when its variable is public. It never holds a hidden
variable, a private brief, a sealed move, a private outcome or a note.

Built from :func:`wargame.engine.views.view_for` parts so the rules of who sees
what stay in one place: an outcome or inject is shown here only if *every* role
could see it (the intersection of the role lenses).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from wargame.engine.classroom import ROOM, improvised_for, messages_for
from wargame.engine.effect_text import applied_change
from wargame.engine.events import EffectApplied, InjectImprovised, MessageSent
from wargame.engine.state import Agenda, Clock, State
from wargame.engine.views import sees_inject, sees_outcome, sees_variable, unattributed_text



class RoomItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    turn: int
    title: str
    text: str


class RoomView(BaseModel):
    """One moment of the session as the projector shows it."""

    model_config = ConfigDict(frozen=True)

    title: str
    turn: int
    turns: int
    date: str
    phase: str
    sealed: int
    """How many roles have sealed this turn (a count, not who: that is public in a room anyway)."""
    roles: int
    rung: int | None
    """The ladder rung, or None when the ladder's variable is not public."""
    ladder: tuple[tuple[int, str], ...]
    injects: tuple[RoomItem, ...]
    outcomes: tuple[RoomItem, ...]
    variables: tuple[tuple[str, float], ...]
    statements: tuple[RoomItem, ...]
    """Public statements: messages sent to everyone (by a role, or by control as an outside voice)."""
    ended: str | None
    clock: Clock | None = None
    """This moves phase's clock, if control set one: every seat, the room's too, shows it."""
    agenda: Agenda | None = None
    """Control's planned pace for the session, if it set one: the room shows how the class stands against it."""
    messages: tuple[MessageSent, ...] = ()
    """The public messages (to everyone), as events: what the room's seat announces as they arrive."""
    improvised: tuple[InjectImprovised, ...] = ()
    """Improvised injects addressed to everyone, with only their effects on public variables."""


def _public_var(state: State, var: str) -> bool:
    return all(sees_variable(state.scenario, role, var) for role in state.scenario.world.roles)


def _effects(state: State, effects: tuple[EffectApplied, ...]) -> str:
    """An outcome's effects on public variables as changes ('Iraqi sovereignty -2'), never 'before → after'
    (:func:`wargame.engine.effect_text.applied_change`)."""
    labels = {v.id: v.label for v in state.scenario.world.variables}
    return "; ".join(applied_change(labels[e.var], e) for e in effects if _public_var(state, e.var))


def room_view(state: State) -> RoomView:
    """The room's lens on ``state`` now."""
    scenario = state.scenario
    roles = scenario.world.roles
    injects = tuple(
        RoomItem(turn=event.turn, title=scenario.inject(event.inject_id).title, text=scenario.inject(event.inject_id).message)
        for event in state.released.values()
        if all(sees_inject(scenario.inject(event.inject_id), role) for role in roles)
    ) + tuple(
        RoomItem(turn=i.turn, title=f"{i.title} (improvised)", text=i.message) for i in improvised_for(state, ROOM)
    )
    statements = tuple(
        RoomItem(turn=m.turn, title=(m.voice or "Control") if m.sender == "control" else scenario.role(m.sender).name,
                 text=m.text)
        for m in messages_for(state, ROOM)
    )
    outcomes = []
    for turn in sorted(state.outcomes):
        for outcome in state.outcomes[turn]:
            event = outcome.event
            if not all(sees_outcome(event, role, state.turn, state.ended is not None, scenario) for role in roles):
                continue
            unattributed = unattributed_text(scenario, event.role, event.action, outcome.band)
            if unattributed is not None:  # the room is every role's lens: the actor's too, but not only
                title = f"Unattributed: {unattributed}"
            else:
                title = (f"{scenario.role(event.role).name}: {scenario.action(event.role, event.action).label} → "
                         f"{outcome.band}")
            outcomes.append(RoomItem(turn=turn, title=title, text=_effects(state, outcome.effects)))
    ladder_var = scenario.world.ladder.variable
    public_ladder = _public_var(state, ladder_var)
    return RoomView(
        title=scenario.world.title, turn=state.turn, turns=scenario.world.turns, date=state.date, phase=state.phase,
        sealed=len(state.sealed) if state.phase == "moves" else 0, roles=len(roles),
        rung=state.rung if public_ladder else None,
        ladder=tuple((r.level, r.label) for r in scenario.world.ladder.rungs) if public_ladder else (),
        injects=injects, outcomes=tuple(outcomes),
        variables=tuple((v.label, state.variables[v.id]) for v in scenario.world.variables if _public_var(state, v.id)),
        statements=statements,
        ended=state.ended.message if state.ended else None,
        clock=state.clock if state.phase == "moves" else None,
        agenda=state.agenda if state.phase != "ended" else None,
        messages=messages_for(state, ROOM),
        improvised=improvised_for(state, ROOM),
    )
