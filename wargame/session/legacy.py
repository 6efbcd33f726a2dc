"""Transitional: the old calling convention of the terminal UI, mapped onto commands and actors.

Until the screens are converted to issue :mod:`wargame.engine.commands` themselves, the UI
passes a rule function of :mod:`wargame.engine.decide` and its arguments (as
``run_command(label, decide.submit_move, role, action)``); :func:`legacy_command` turns that
into the command it stands for and the actor the hot-seat UI acts as: the role itself for a
role's own commands (the keyboard has been handed to that team), control for the rest.
To be deleted once no face calls it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wargame.engine import commands as cmd
from wargame.engine import decide as rules_of_play
from wargame.engine.actors import CONTROL_ACTOR, Control, Team


def legacy_command(rule: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[cmd.Command, Control | Team]:
    """The command and actor that ``rule(state, *args, **kwargs)`` stood for; ValueError for anything else."""
    r = rules_of_play
    if rule is r.submit_move:
        return cmd.SubmitMove(role=args[0], action=args[1]), Team(role=args[0])
    if rule is r.withdraw_move:
        return cmd.WithdrawMove(role=args[0], action=args[1]), Team(role=args[0])
    if rule is r.seal_moves:
        return cmd.SealMoves(role=args[0]), Team(role=args[0])
    simple: dict[Any, Callable[..., cmd.Command]] = {
        r.start: cmd.StartExercise,
        r.adjudicate: cmd.Adjudicate,
        r.end_turn: cmd.EndTurn,
    }
    if rule in simple:
        return simple[rule](), CONTROL_ACTOR
    if rule is r.assign:
        return cmd.AssignRole(role=args[0], player=args[1]), CONTROL_ACTOR
    if rule is r.choose_seed:
        return cmd.ChooseSeed(seed=args[0]), CONTROL_ACTOR
    if rule is r.release_inject:
        return cmd.ReleaseInject(inject_id=args[0]), CONTROL_ACTOR
    if rule is r.hold_inject:
        return cmd.HoldInject(inject_id=args[0], reason=args[1] if len(args) > 1 else kwargs.get("reason", "")), CONTROL_ACTOR
    if rule is r.add_note:
        return cmd.AddNote(text=args[0]), CONTROL_ACTOR
    if rule is r.end_session:
        return cmd.EndExercise(**({"message": args[0]} if args else {})), CONTROL_ACTOR
    if rule is r.override:
        role, action, rationale = args[:3]
        effects = kwargs.get("effects")
        return cmd.Override(role=role, action=action, rationale=rationale, band=kwargs.get("band"),
                            effects=tuple(effects) if effects is not None else None), CONTROL_ACTOR
    if rule is r.add_debrief_entry:
        section, text = args[:2]
        return cmd.AddDebriefEntry(section=section, text=text, **kwargs), CONTROL_ACTOR
    raise ValueError(f"{getattr(rule, '__name__', rule)!r} is not a command")
