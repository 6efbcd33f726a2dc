"""The live classroom's rules: messages between roles, the moves-phase clock, improvised injects.

Rule functions (called by :func:`wargame.engine.decide.decide`) check the state and return events;
lens functions say what each lens may see of them. Pure like the rest of the engine: there is no
clock here. A command that depends on the time carries ``now`` (ISO 8601 UTC) as the issuing seat
or the host read it, and the events record the resulting instants, so a replay shows the pacing
exactly as it was lived. Noticing that a deadline has passed is the host's job
(:mod:`wargame.seats.host`), which then issues :class:`~wargame.engine.commands.ExpireClock`.

Who sees what:

- a message: control sees all; a role sees those it sent, those sent to it, and public statements
  (sent to all); the room display sees public statements only;
- the clock and the agenda: everyone (they are the room's pacing);
- an improvised inject: as a scripted one — control, and the roles in its audience; the room when
  its audience is all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Literal
from wargame.engine.errors import IllegalMove, UnknownName, WrongPhase
from wargame.engine.events import (
    CONTROL,
    AgendaSet,
    ClockChanged,
    Event,
    InjectImprovised,
    MessageSent,
    MovesSealed,
    RoleAssigned,
)
from wargame.engine.rules import rules_for
from wargame.engine.scenario import Effect
from wargame.engine.state import Clock, State

ROOM = "room"
"""The room display's lens."""
EXPIRY_BOT = "random"
"""The policy that plays a role whose team ran out of time, under the ``bot`` rule."""
MAX_MESSAGE = 2000


def _instant(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise IllegalMove(f"not a time: {text!r}") from None
    if moment.tzinfo is None:
        raise IllegalMove(f"a time needs its zone (UTC): {text!r}")
    return moment


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="milliseconds")


# ------------------------------------------------------------ messages

def send_message(state: State, sender: str, to: tuple[str, ...], text: str, voice: str = "") -> list[Event]:
    """A message from ``sender`` (a role, or control) to ``to`` (roles; empty for all)."""
    if state.phase in ("new", "ended"):
        raise WrongPhase("messages are sent while the exercise runs")
    roles = state.scenario.world.roles
    if sender != CONTROL and sender not in roles:
        raise UnknownName(f"no role {sender!r}")
    if voice and sender != CONTROL:
        raise IllegalMove("only control speaks as an outside voice")
    unknown = [r for r in to if r not in roles]
    if unknown:
        raise UnknownName(f"no role {', '.join(map(repr, unknown))} to send to")
    if sender in to:
        raise IllegalMove("a role does not send a message to itself")
    body = text.strip()
    if not body:
        raise IllegalMove("a message needs some text")
    if len(body) > MAX_MESSAGE:
        raise IllegalMove(f"a message holds at most {MAX_MESSAGE} characters")
    ordered = tuple(r for r in roles if r in to)  # one order, whatever order the sender picked
    return [MessageSent(turn=state.turn, sender=sender, to=ordered, text=body, voice=voice.strip())]


def sees_message(message: MessageSent, lens: str) -> bool:
    """Whether ``lens`` (control, a role id, or ``room``) may see ``message``."""
    if lens == CONTROL:
        return True
    if not message.to:
        return True
    if lens == ROOM:
        return False
    return lens == message.sender or lens in message.to


def messages_for(state: State, lens: str) -> tuple[MessageSent, ...]:
    """The messages ``lens`` may see, oldest first."""
    return tuple(m for m in state.messages if sees_message(m, lens))


# ------------------------------------------------------------ the clock

def _moves_phase(state: State) -> None:
    if state.phase != "moves":
        raise WrongPhase("the clock times the moves phase")


def _clock(state: State) -> Clock:
    if state.clock is None or state.clock.expired:
        raise WrongPhase("no clock is running this turn (set one first)")
    return state.clock


def set_clock(state: State, seconds: int, now: str, on_expiry: str) -> list[Event]:
    _moves_phase(state)
    deadline = _instant(now) + dt.timedelta(seconds=seconds)
    return [ClockChanged(turn=state.turn, change="set", deadline=_iso(deadline), on_expiry=on_expiry)]  # type: ignore[arg-type]


def pause_clock(state: State, now: str) -> list[Event]:
    _moves_phase(state)
    clock = _clock(state)
    if clock.deadline is None:
        raise WrongPhase("the clock is already paused")
    left = max(0.0, round(clock.left(now) or 0.0, 3))
    return [ClockChanged(turn=state.turn, change="pause", remaining_s=left, on_expiry=clock.on_expiry)]  # type: ignore[arg-type]


def resume_clock(state: State, now: str) -> list[Event]:
    _moves_phase(state)
    clock = _clock(state)
    if clock.deadline is not None:
        raise WrongPhase("the clock is running")
    deadline = _instant(now) + dt.timedelta(seconds=clock.remaining_s or 0.0)
    return [ClockChanged(turn=state.turn, change="resume", deadline=_iso(deadline), on_expiry=clock.on_expiry)]  # type: ignore[arg-type]


def extend_clock(state: State, seconds: int) -> list[Event]:
    _moves_phase(state)
    clock = _clock(state)
    if clock.deadline is not None:
        deadline = _iso(_instant(clock.deadline) + dt.timedelta(seconds=seconds))
        return [ClockChanged(turn=state.turn, change="extend", deadline=deadline, on_expiry=clock.on_expiry)]  # type: ignore[arg-type]
    remaining = (clock.remaining_s or 0.0) + seconds
    return [ClockChanged(turn=state.turn, change="extend", remaining_s=remaining, on_expiry=clock.on_expiry)]  # type: ignore[arg-type]


def clear_clock(state: State) -> list[Event]:
    _moves_phase(state)
    _clock(state)
    return [ClockChanged(turn=state.turn, change="clear")]


def expire_clock(state: State, now: str) -> list[Event]:
    """The deadline has passed: the clock's rule applies to every human role that has not sealed.

    ``pass``: their moves are sealed as they stand. ``bot``: each is handed to the ``random`` bot
    (recorded; the session then plays it, and the host hands it back to the team for the next turn).
    ``ask``: nothing more — control decides.
    """
    _moves_phase(state)
    clock = _clock(state)
    left = clock.left(now)
    if clock.deadline is None or left is None or left > 0:
        raise WrongPhase("the clock has not run out")
    late = tuple(r for r in state.scenario.world.roles if state.assignments.get(r) == "human" and r not in state.sealed)
    events: list[Event] = [ClockChanged(turn=state.turn, change="expire", on_expiry=clock.on_expiry, roles=late)]  # type: ignore[arg-type]
    if clock.on_expiry == "pass":
        events += [MovesSealed(turn=state.turn, role=r) for r in late]
    elif clock.on_expiry == "bot":
        events += [RoleAssigned(turn=state.turn, role=r, player=EXPIRY_BOT) for r in late]
    return events


def settle_late(state: State, rule: str) -> list[Event]:
    """Control's answer after the clock ran out under ``ask``: every human role still unsealed passes
    (``pass``: sealed as it stands) or is handed to the ``random`` bot for this turn (``bot``: the
    session plays it at once; the host hands it back once the turn is adjudicated). Refused unless
    time ran out under ``ask`` this moves phase and nobody answered yet."""
    _moves_phase(state)
    clock = state.clock
    if clock is None or not clock.expired or clock.on_expiry != "ask":
        raise WrongPhase("control is asked about late teams only when the clock ran out under 'ask'")
    late = tuple(r for r in state.scenario.world.roles if state.assignments.get(r) == "human" and r not in state.sealed)
    events: list[Event] = [ClockChanged(turn=state.turn, change="settle", on_expiry=rule, roles=late)]  # type: ignore[arg-type]
    if rule == "pass":
        events += [MovesSealed(turn=state.turn, role=r) for r in late]
    else:
        events += [RoleAssigned(turn=state.turn, role=r, player=EXPIRY_BOT) for r in late]
    return events


def handed_to_bot_for_lateness(state: State) -> tuple[str, ...]:
    """The roles a bot plays this turn because their team ran out of time (the ``bot`` rule at expiry, or
    control's answer ``bot`` under ``ask``): the host gives them back to their teams once it is adjudicated."""
    late = {r for e in state.clock_changes if e.turn == state.turn and e.change in ("expire", "settle")
            and e.on_expiry == "bot" for r in e.roles}
    return tuple(r for r in state.scenario.world.roles if r in late and state.assignments.get(r) == EXPIRY_BOT)


def clock_of(state: State) -> Clock | None:
    """This turn's clock (public to every lens), or None."""
    return state.clock


# ------------------------------------------------------------ the agenda

def set_agenda(state: State, minutes_per_turn: int, now: str) -> list[Event]:
    """Control's planned pace: ``minutes_per_turn`` for this turn and each after it, from ``now`` (0 clears it).
    Public to every lens; set at any time before the exercise ends."""
    if state.phase in ("new", "ended"):
        raise WrongPhase("an agenda is planned for a session that has not ended")
    if minutes_per_turn == 0 and state.agenda is None:
        raise WrongPhase("there is no agenda to clear")
    start = _iso(_instant(now))
    return [AgendaSet(turn=state.turn, start=start, minutes_per_turn=minutes_per_turn)]


# ------------------------------------------------------------ improvised injects

def improvise_inject(state: State, title: str, audience: str | tuple[str, ...], message: str, from_: str,
                     effects: tuple[Effect, ...]) -> list[Event]:
    """An inject control writes now; its effects apply at once (not during umpire review, where an
    override's re-resolution could not replay them: release it before adjudicating, or next turn)."""
    if state.phase not in ("moves", "review", "between"):
        raise WrongPhase("injects are written during a turn (start the exercise first)")
    if effects and state.phase == "review":
        raise WrongPhase("an improvised inject with effects waits for the next turn (or goes in before adjudication)")
    roles = state.scenario.world.roles
    to: Literal["all"] | tuple[str, ...] = "all"
    if audience != "all":
        unknown = [r for r in audience if r not in roles]
        if unknown or not audience:
            raise UnknownName(f"no role {', '.join(map(repr, unknown))}" if unknown else "an inject needs an audience")
        to = tuple(r for r in roles if r in audience)
    known = {v.id for v in state.scenario.world.variables}
    wrong = [e.var for e in effects if e.var not in known]
    if wrong:
        raise UnknownName(f"no variable {', '.join(map(repr, wrong))}: choose from {', '.join(sorted(known))}")
    applied = rules_for(state.scenario).apply_effects(dict(state.variables), effects)
    return [InjectImprovised(turn=state.turn, inject_id=f"X{len(state.improvised) + 1}", title=title.strip(),
                             audience=to, message=message.strip(), from_=from_.strip() or "Control",
                             effects=applied)]


def sees_improvised(inject: InjectImprovised, lens: str) -> bool:
    if lens == CONTROL or inject.audience == "all":
        return True
    return lens != ROOM and lens in inject.audience


def improvised_for(state: State, lens: str) -> tuple[InjectImprovised, ...]:
    """The improvised injects ``lens`` may see, each with only the effects on variables it may see."""
    from wargame.engine.views import sees_variable

    scenario = state.scenario
    roles = scenario.world.roles

    def visible(var: str) -> bool:
        if lens == ROOM:
            return all(sees_variable(scenario, r, var) for r in roles)
        return sees_variable(scenario, lens, var)

    shown = []
    for inject in state.improvised:
        if sees_improvised(inject, lens):
            effects = tuple(e for e in inject.effects if visible(e.var))
            shown.append(inject if effects == inject.effects else dataclasses.replace(inject, effects=effects))
    return tuple(shown)
