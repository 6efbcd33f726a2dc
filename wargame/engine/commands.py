"""Commands: what a face asks of a session, as data. A closed union of frozen models.

A command says what is wanted; :func:`wargame.engine.decide.decide` checks it against the
state and the actor issuing it and returns the events that follow (or raises, writing
nothing). Commands are imperative (``SubmitMove``); the events they produce are in the
past tense (``MoveSubmitted``).

Who may issue what (checked by ``decide``):

- a role's own team or bot: ``SubmitMove``, ``WithdrawMove``, ``SealMoves`` — for that role only;
- control: everything else.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from wargame.engine.effect_text import UnknownVariable as UnknownVariable  # raised by effects_from_text
from wargame.engine.effect_text import parse_effects
from wargame.engine.scenario import Effect


class CommandBase(BaseModel):
    """Common to every command: frozen, strict about keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class StartSession(CommandBase):
    """Open a new session: its seed and who plays each role (roles left out are played by a human team)."""

    kind: Literal["start_session"] = "start_session"
    seed: int
    assignments: dict[str, str] = Field(default_factory=dict)


class ChooseSeed(CommandBase):
    """Control picks another seed during set-up."""

    kind: Literal["choose_seed"] = "choose_seed"
    seed: int


class AssignRole(CommandBase):
    """Hand a role to a human team (``human``) or a bot policy (see :mod:`wargame.engine.bots`)."""

    kind: Literal["assign_role"] = "assign_role"
    role: str
    player: str


class StartExercise(CommandBase):
    """Leave set-up: the first turn opens and its injects arrive."""

    kind: Literal["start_exercise"] = "start_exercise"


class SubmitMove(CommandBase):
    """A role chooses one of its actions for this turn (sealed from the others)."""

    kind: Literal["submit_move"] = "submit_move"
    role: str
    action: str


class WithdrawMove(CommandBase):
    """A role takes back a move before sealing."""

    kind: Literal["withdraw_move"] = "withdraw_move"
    role: str
    action: str


class SealMoves(CommandBase):
    """A role declares this turn's moves final (none is a valid choice: the role holds)."""

    kind: Literal["seal_moves"] = "seal_moves"
    role: str


class Adjudicate(CommandBase):
    """Resolve every move of the turn together."""

    kind: Literal["adjudicate"] = "adjudicate"


class Override(CommandBase):
    """The umpire replaces one outcome of this turn with another band, or with effects of its own."""

    kind: Literal["override"] = "override"
    role: str
    action: str
    rationale: str
    band: str | None = None
    effects: tuple[Effect, ...] | None = None


class ReleaseInject(CommandBase):
    """Control releases an inject now: a held one, a later one early, or a contingency."""

    kind: Literal["release_inject"] = "release_inject"
    inject_id: str


class HoldInject(CommandBase):
    """Control keeps a pending inject back until it is released."""

    kind: Literal["hold_inject"] = "hold_inject"
    inject_id: str
    reason: str = ""


class UndoInjectDecision(CommandBase):
    """Control takes back its last release or hold of an inject, while the turn is in the same stage."""

    kind: Literal["undo_inject_decision"] = "undo_inject_decision"


class AddNote(CommandBase):
    """A facilitator's note, kept for the debrief, seen only by control."""

    kind: Literal["add_note"] = "add_note"
    text: str


class AddDebriefEntry(CommandBase):
    """A strength, an area for improvement or an improvement-plan row (HSEEP AAR/IP)."""

    kind: Literal["add_debrief_entry"] = "add_debrief_entry"
    section: str
    text: str
    about_turn: int | None = None
    capability: str = ""
    issue: str = ""
    owner: str = ""
    due: str = ""


class EndTurn(CommandBase):
    """Close the turn: the exercise ends if an end condition holds or turns ran out, else the next opens."""

    kind: Literal["end_turn"] = "end_turn"


class EndExercise(CommandBase):
    """Control ends the exercise now."""

    kind: Literal["end_exercise"] = "end_exercise"
    message: str = "Control ended the exercise."


class SendMessage(CommandBase):
    """A role's message to some roles (or all: a public statement); control's, optionally as an outside voice."""

    kind: Literal["send_message"] = "send_message"
    sender: str
    """The role sending (a team sends only as itself), or ``control``."""
    to: tuple[str, ...] = ()
    """Role ids; empty for everyone."""
    text: str
    voice: str = ""
    """Control only: the outside voice it speaks as (``The press``, ``Ministry of Defence``)."""


class SetClock(CommandBase):
    """Control sets a deadline for this moves phase: ``seconds`` from ``now`` (the engine has no clock)."""

    kind: Literal["set_clock"] = "set_clock"
    seconds: int = Field(gt=0, le=24 * 3600)
    now: str
    """ISO 8601 UTC, as the issuing seat read its clock."""
    on_expiry: Literal["pass", "bot", "ask"] = "ask"


class PauseClock(CommandBase):
    kind: Literal["pause_clock"] = "pause_clock"
    now: str


class ResumeClock(CommandBase):
    kind: Literal["resume_clock"] = "resume_clock"
    now: str


class ExtendClock(CommandBase):
    kind: Literal["extend_clock"] = "extend_clock"
    seconds: int = Field(gt=0, le=24 * 3600)


class ClearClock(CommandBase):
    kind: Literal["clear_clock"] = "clear_clock"


class ExpireClock(CommandBase):
    """Issued by the host when ``now`` has passed the deadline: control's chosen rule applies."""

    kind: Literal["expire_clock"] = "expire_clock"
    now: str


class SettleLate(CommandBase):
    """Control's answer when the clock ran out under ``ask``: the late teams pass (their moves are sealed as
    they stand) or a bot plays them this turn. (More time is a new :class:`SetClock`.)"""

    kind: Literal["settle_late"] = "settle_late"
    rule: Literal["pass", "bot"]


class SetAgenda(CommandBase):
    """Control plans the session's pace: ``minutes_per_turn`` for this turn and each one after, from ``now``
    (ISO 8601 UTC, as the issuing seat read its clock); 0 clears the plan."""

    kind: Literal["set_agenda"] = "set_agenda"
    minutes_per_turn: int = Field(ge=0, le=24 * 60)
    now: str


class ImproviseInject(CommandBase):
    """Control writes an inject on the fly: recorded as improvised, its effects applied now."""

    kind: Literal["improvise_inject"] = "improvise_inject"
    title: str = Field(min_length=1)
    audience: Literal["all"] | tuple[str, ...] = "all"
    message: str = Field(min_length=1)
    from_: str = "Control"
    effects: tuple[Effect, ...] = ()
class ProposeOpenMove(CommandBase):
    """A team proposes an action in its own words, with its argument (the umpire judges it)."""

    kind: Literal["propose_open_move"] = "propose_open_move"
    role: str
    text: str
    argument: str = ""


class JudgeOpenMove(CommandBase):
    """The umpire judges an open move of this turn: a chance of success (the seeded roll decides) or a band
    outright, the effects of success and of failure, and why."""

    kind: Literal["judge_open_move"] = "judge_open_move"
    role: str
    index: int
    rationale: str
    chance: float | None = None
    band: Literal["success", "failure"] | None = None
    success: tuple[Effect, ...] = ()
    failure: tuple[Effect, ...] = ()


class OverrideOpenMove(CommandBase):
    """After adjudication, the umpire replaces an open move's band, with a rationale."""

    kind: Literal["override_open_move"] = "override_open_move"
    role: str
    index: int
    band: Literal["success", "failure"]
    rationale: str


Command = Annotated[
    Union[
        StartSession,
        ChooseSeed,
        AssignRole,
        StartExercise,
        SubmitMove,
        WithdrawMove,
        SealMoves,
        Adjudicate,
        Override,
        ReleaseInject,
        HoldInject,
        UndoInjectDecision,
        AddNote,
        AddDebriefEntry,
        EndTurn,
        EndExercise,
        SendMessage,
        SetClock,
        PauseClock,
        ResumeClock,
        ExtendClock,
        ClearClock,
        ExpireClock,
        SettleLate,
        SetAgenda,
        ImproviseInject,
        ProposeOpenMove,
        JudgeOpenMove,
        OverrideOpenMove,
    ],
    Field(discriminator="kind"),
]

def effects_from_text(text: str, variables: Collection[str]) -> tuple[Effect, ...]:
    """The effects of an umpire's override or judgement typed as ``var +n, var -n, var =n, var *n``.

    ``variables`` are the ids the effects may name. Raises ValueError saying what is wrong: an
    :class:`UnknownVariable` (its ``name`` as typed) for a name that is no variable, so a face can offer
    the valid ones, and for nothing else.
    """
    return tuple(parse_effects(text, variables))


ROLE_COMMANDS = (SubmitMove, WithdrawMove, SealMoves, ProposeOpenMove)
"""Commands a role issues for itself; every other command is control's."""


@cache
def command_adapter() -> TypeAdapter[Command]:
    """The validator of the command union (e.g. for a seat sending commands as JSON)."""
    return TypeAdapter(Command)
