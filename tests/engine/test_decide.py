"""decide(state, command, actor): who may issue what, and nothing written on a refusal."""

from __future__ import annotations

import typing

import pytest
from pydantic import ValidationError

from wargame.engine import commands as cmd
from wargame.engine.actors import CONTROL_ACTOR, Bot, Team
from wargame.engine.decide import decide
from wargame.engine.errors import NotAllowed
from wargame.engine.events import MoveSubmitted, MovesSealed
from wargame.engine.game import Game
from wargame.engine.scenario import Scenario


def started(harbour: Scenario, assignments: dict[str, str] | None = None) -> Game:
    game = Game.new(harbour, seed=3, assignments=assignments or {"navy": "human", "fleet": "random"})
    game.execute(cmd.StartExercise(), CONTROL_ACTOR)
    return game


def test_a_role_acts_for_itself(harbour: Scenario) -> None:
    """A team submits, withdraws and seals its own moves."""
    game = started(harbour)
    [submitted] = game.execute(cmd.SubmitMove(role="navy", action="shadow"), Team(role="navy"))
    assert isinstance(submitted, MoveSubmitted)
    [sealed] = game.execute(cmd.SealMoves(role="navy"), Team(role="navy"))
    assert isinstance(sealed, MovesSealed)


@pytest.mark.parametrize("command", [
    cmd.SubmitMove(role="fleet", action="fish"),
    cmd.WithdrawMove(role="fleet", action="fish"),
    cmd.SealMoves(role="fleet"),
])
def test_a_role_never_acts_for_another(harbour: Scenario, command: cmd.Command) -> None:
    """The navy's team cannot move, withdraw or seal for the fleet; the state is untouched."""
    game = started(harbour)
    before = game.state.events
    with pytest.raises(NotAllowed, match="navy cannot act for fleet"):
        decide(game.state, command, Team(role="navy"))
    assert game.state.events == before


def test_control_does_not_move_for_a_role(harbour: Scenario) -> None:
    """Moves are the teams' own: control hands the keyboard over instead of moving for them."""
    game = started(harbour)
    with pytest.raises(NotAllowed, match="control cannot act for navy"):
        decide(game.state, cmd.SubmitMove(role="navy", action="shadow"), CONTROL_ACTOR)


def test_a_bot_plays_only_the_role_it_is_assigned(harbour: Scenario) -> None:
    """A bot actor must be the policy that plays the role: the navy is a human team here."""
    game = started(harbour)
    with pytest.raises(NotAllowed, match="not played by the bot"):
        decide(game.state, cmd.SealMoves(role="navy"), Bot(role="navy", policy="random"))
    assert decide(game.state, cmd.SealMoves(role="fleet"), Bot(role="fleet", policy="random"))


CONTROL_ONLY = [
    cmd.ChooseSeed(seed=1), cmd.AssignRole(role="navy", player="random"), cmd.StartExercise(), cmd.Adjudicate(),
    cmd.Override(role="navy", action="shadow", rationale="x", band="success"), cmd.ReleaseInject(inject_id="x"),
    cmd.HoldInject(inject_id="x"), cmd.UndoInjectDecision(), cmd.AddNote(text="x"), cmd.AddDebriefEntry(section="strength", text="x"),
    cmd.EndTurn(), cmd.EndExercise(), cmd.StartSession(seed=1),
    cmd.SetClock(seconds=60, now="2026-03-11T09:00:00+00:00"), cmd.PauseClock(now="2026-03-11T09:00:00+00:00"),
    cmd.ResumeClock(now="2026-03-11T09:00:00+00:00"), cmd.ExtendClock(seconds=60), cmd.ClearClock(),
    cmd.ExpireClock(now="2026-03-11T09:00:00+00:00"), cmd.SettleLate(rule="pass"),
    cmd.SetAgenda(minutes_per_turn=10, now="2026-03-11T09:00:00+00:00"), cmd.ImproviseInject(title="x", message="x"),
    cmd.JudgeOpenMove(role="navy", index=1, rationale="x", chance=0.5),
    cmd.OverrideOpenMove(role="navy", index=1, band="success", rationale="x"),
]
SPEAKS_FOR_ITSELF = (cmd.SendMessage,)
"""A message: a team sends as itself, control as itself or an outside voice (tests/engine/test_classroom.py)."""


def test_every_command_kind_is_covered_here() -> None:
    """Each command of the union is either a role's own or in CONTROL_ONLY above."""
    kinds = {model.__name__ for model in typing.get_args(typing.get_args(cmd.Command)[0])}
    listed = ({type(c).__name__ for c in CONTROL_ONLY} | {model.__name__ for model in cmd.ROLE_COMMANDS}
              | {model.__name__ for model in SPEAKS_FOR_ITSELF})
    assert kinds == listed


@pytest.mark.parametrize("command", CONTROL_ONLY, ids=lambda c: c.kind)
def test_only_control_runs_the_exercise(harbour: Scenario, command: cmd.Command) -> None:
    """Adjudicate, override, release, hold, notes, debrief, end turn, end exercise, assign, seed: control's alone."""
    game = started(harbour)
    for actor in (Team(role="navy"), Bot(role="fleet", policy="random")):
        with pytest.raises(NotAllowed, match="only control can"):
            decide(game.state, command, actor)


def test_commands_are_frozen_data(harbour: Scenario) -> None:
    """A command is a value: frozen, compared by content, readable from JSON."""
    command = cmd.SubmitMove(role="navy", action="shadow")
    with pytest.raises(ValidationError):
        command.role = "fleet"  # type: ignore[misc]
    assert cmd.command_adapter().validate_json(command.model_dump_json()) == command


def test_a_refused_move_names_the_role_and_the_move_as_the_teams_read_them(harbour: Scenario) -> None:
    """Reader 9: a toast read "washington: … is already chosen this turn", an id no team sees elsewhere."""
    from wargame.engine.errors import IllegalMove

    game = started(harbour)
    game.execute(cmd.SubmitMove(role="navy", action="shadow"), Team(role="navy"))
    with pytest.raises(IllegalMove) as again:
        game.execute(cmd.SubmitMove(role="navy", action="shadow"), Team(role="navy"))
    assert str(again.value) == "Coast guard cannot choose “Shadow the fleet”: already chosen this turn"
    with pytest.raises(IllegalMove) as dear:
        game.execute(cmd.SubmitMove(role="navy", action="board"), Team(role="navy"))
    assert str(dear.value) == "Coast guard cannot choose “Board a trawler”: costs 2 boat hours; 1 left this turn"
    with pytest.raises(IllegalMove) as unchosen:
        game.execute(cmd.WithdrawMove(role="navy", action="board"), Team(role="navy"))
    assert str(unchosen.value) == "Coast guard has not chosen “Board a trawler” this turn"


def test_a_move_barred_twice_gives_the_reason_dropping_a_move_cannot_lift(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Reader 9: "Limited sanctions easing" read "at most 3 moves a turn" once three moves were chosen, though
    its real bar was "needs US-Iran back channel ≥ 25"; the detail's Needs line told the truth, the list did not."""
    from wargame.engine import decide as c
    from wargame.engine.decide import legal_actions as decide_legal
    from wargame.engine.decide import why_illegal
    from wargame.scenario import load_scenario

    iraq = load_scenario("iraq-2020")
    game = Game.new(iraq, seed=1)
    game.run(c.start)
    easing = next(a for a in iraq.role("washington").actions if a.id == "ease_sanctions")
    assert easing.preconditions
    barred = why_illegal(game.state, "washington", easing.id)  # nothing chosen yet: only its precondition bars it
    assert barred is not None and "left this turn" not in barred and "a turn" not in barred
    for action in (a.id for a in iraq.role("washington").actions if a.id != easing.id):
        if why_illegal(game.state, "washington", action) is None:
            game.run(c.submit_move, "washington", action)
    assert not decide_legal(game.state, "washington"), "the points or the places are all taken now"
    assert why_illegal(game.state, "washington", easing.id) == barred
