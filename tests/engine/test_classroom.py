"""The live classroom's rules: messages between roles, the moves-phase clock, improvised injects.
Each test is one rule, stated in its docstring."""

from __future__ import annotations

import datetime as dt

import pytest

from wargame.engine import commands as cmd
from wargame.engine.actors import CONTROL_ACTOR, Team
from wargame.engine.classroom import ROOM, improvised_for, messages_for
from wargame.engine.decide import decide, start_session
from wargame.engine.errors import EngineError, NotAllowed, WrongPhase
from wargame.engine.events import ClockChanged, InjectImprovised, MovesSealed, RoleAssigned
from wargame.engine.scenario import Scenario
from wargame.engine.state import State, apply, replay

T0 = dt.datetime(2026, 3, 11, 9, 0, tzinfo=dt.timezone.utc)


def at(seconds: float) -> str:
    return (T0 + dt.timedelta(seconds=seconds)).isoformat()


class Game:
    def __init__(self, scenario: Scenario, humans: tuple[str, ...] = ("washington", "tehran", "coalition")) -> None:
        assignments = {r: "human" if r in humans else "random" for r in scenario.world.roles}
        self.events = start_session(scenario, 5, assignments)
        self.scenario = scenario
        self.state: State = replay(scenario, self.events)
        self.run(cmd.StartExercise())

    def run(self, command: cmd.Command, actor=CONTROL_ACTOR):  # type: ignore[no-untyped-def]
        events = decide(self.state, command, actor)
        for event in events:
            apply(self.state, event)
        self.events += events
        return events


def test_a_message_reaches_its_recipients_and_control_only(iraq: Scenario) -> None:
    """A role's message to another is seen by sender, recipient and control; not by a third role or the room."""
    game = Game(iraq)
    game.run(cmd.SendMessage(sender="tehran", to=("militias",), text="Hold fire this week."), Team(role="tehran"))
    assert [len(messages_for(game.state, lens)) for lens in ("control", "tehran", "militias", "washington", ROOM)] == [1, 1, 1, 0, 0]


def test_a_public_statement_is_seen_by_every_lens(iraq: Scenario) -> None:
    """A message to nobody in particular is a public statement: every role and the room display see it."""
    game = Game(iraq)
    game.run(cmd.SendMessage(sender="washington", text="Any attack will be answered."), Team(role="washington"))
    for lens in ("control", ROOM, *iraq.world.roles):
        assert len(messages_for(game.state, lens)) == 1


def test_a_team_sends_only_as_itself_and_only_control_has_outside_voices(iraq: Scenario) -> None:
    """Tehran cannot send as Washington; a team cannot speak as the press; control can."""
    game = Game(iraq)
    with pytest.raises(NotAllowed):
        game.run(cmd.SendMessage(sender="washington", text="x"), Team(role="tehran"))
    with pytest.raises(EngineError):
        game.run(cmd.SendMessage(sender="tehran", text="x", voice="The press"), Team(role="tehran"))
    (event,) = game.run(cmd.SendMessage(sender="control", text="Reports of strikes near Karbala.", voice="Reuters"))
    assert event.voice == "Reuters" and not event.to


def test_the_clock_pauses_extends_and_resumes_from_what_was_left(iraq: Scenario) -> None:
    """Set 10 min at t=0, pause at t=4 min (6 left), extend 2 min (8 left), resume at t=20 min: deadline t=28 min."""
    game = Game(iraq)
    game.run(cmd.SetClock(seconds=600, now=at(0), on_expiry="pass"))
    game.run(cmd.PauseClock(now=at(240)))
    assert game.state.clock is not None and game.state.clock.remaining_s == 360
    game.run(cmd.ExtendClock(seconds=120))
    game.run(cmd.ResumeClock(now=at(1200)))
    assert game.state.clock.left(at(1200)) == 480
    assert [e.change for e in game.state.clock_changes] == ["set", "pause", "extend", "resume"]


def test_the_clock_cannot_expire_early_and_clearing_it_stops_it(iraq: Scenario) -> None:
    game = Game(iraq)
    game.run(cmd.SetClock(seconds=60, now=at(0), on_expiry="pass"))
    with pytest.raises(WrongPhase):
        game.run(cmd.ExpireClock(now=at(59)))
    game.run(cmd.ClearClock())
    assert game.state.clock is None
    with pytest.raises(WrongPhase):
        game.run(cmd.ExpireClock(now=at(120)))


def test_a_team_cannot_touch_the_clock(iraq: Scenario) -> None:
    game = Game(iraq)
    with pytest.raises(NotAllowed):
        game.run(cmd.SetClock(seconds=60, now=at(0)), Team(role="tehran"))


def test_at_expiry_under_pass_unsealed_human_teams_are_sealed_as_they_stand(iraq: Scenario) -> None:
    game = Game(iraq)
    game.run(cmd.SealMoves(role="washington"), Team(role="washington"))
    game.run(cmd.SetClock(seconds=60, now=at(0), on_expiry="pass"))
    events = game.run(cmd.ExpireClock(now=at(61)))
    assert isinstance(events[0], ClockChanged) and events[0].roles == ("tehran", "coalition")
    assert {e.role for e in events if isinstance(e, MovesSealed)} == {"tehran", "coalition"}


def test_at_expiry_under_bot_a_bot_takes_the_late_teams_and_it_is_recorded(iraq: Scenario) -> None:
    game = Game(iraq)
    game.run(cmd.SetClock(seconds=60, now=at(0), on_expiry="bot"))
    events = game.run(cmd.ExpireClock(now=at(60)))
    assert [(e.role, e.player) for e in events if isinstance(e, RoleAssigned)] == [
        ("washington", "random"), ("tehran", "random"), ("coalition", "random")]


def test_at_expiry_under_ask_nothing_but_the_expiry_happens(iraq: Scenario) -> None:
    game = Game(iraq)
    game.run(cmd.SetClock(seconds=60, now=at(0), on_expiry="ask"))
    events = game.run(cmd.ExpireClock(now=at(60)))
    assert len(events) == 1 and game.state.clock is not None and game.state.clock.expired


def test_asked_at_expiry_control_may_seal_the_late_teams_as_they_stand(iraq: Scenario) -> None:
    """Under ask, control answers "pass": every human team still unsealed is sealed as it stands, recorded
    as control's answer (a clock event naming the late teams), and the question is closed."""
    game = Game(iraq)
    game.run(cmd.SealMoves(role="washington"), Team(role="washington"))
    game.run(cmd.SetClock(seconds=60, now=at(0), on_expiry="ask"))
    game.run(cmd.ExpireClock(now=at(60)))
    events = game.run(cmd.SettleLate(rule="pass"))
    assert isinstance(events[0], ClockChanged) and events[0].change == "settle" and events[0].roles == ("tehran", "coalition")
    assert {e.role for e in events if isinstance(e, MovesSealed)} == {"tehran", "coalition"}
    assert game.state.clock is not None and game.state.clock.expired and game.state.clock.on_expiry == "pass"
    with pytest.raises(WrongPhase):
        game.run(cmd.SettleLate(rule="bot"))


def test_asked_at_expiry_control_may_hand_the_late_teams_to_a_bot_for_this_turn(iraq: Scenario) -> None:
    """Under ask, control answers "bot": the late teams go to the random bot, recorded; they are the roles
    handed back to their teams after adjudication."""
    from wargame.engine.classroom import handed_to_bot_for_lateness

    game = Game(iraq)
    game.run(cmd.SealMoves(role="tehran"), Team(role="tehran"))
    game.run(cmd.SetClock(seconds=60, now=at(0), on_expiry="ask"))
    game.run(cmd.ExpireClock(now=at(61)))
    events = game.run(cmd.SettleLate(rule="bot"))
    assert [(e.role, e.player) for e in events if isinstance(e, RoleAssigned)] == [("washington", "random"),
                                                                                   ("coalition", "random")]
    assert handed_to_bot_for_lateness(game.state) == ("washington", "coalition")


def test_asked_at_expiry_control_may_give_more_time_with_a_new_clock(iraq: Scenario) -> None:
    """More time is a new clock: it runs again from now, and nothing is settled until it runs out."""
    game = Game(iraq)
    game.run(cmd.SetClock(seconds=60, now=at(0), on_expiry="ask"))
    game.run(cmd.ExpireClock(now=at(60)))
    game.run(cmd.SetClock(seconds=120, now=at(90), on_expiry="ask"))
    assert game.state.clock is not None and not game.state.clock.expired and game.state.clock.left(at(90)) == 120
    with pytest.raises(WrongPhase):
        game.run(cmd.SettleLate(rule="pass"))


def test_control_is_asked_only_when_time_ran_out_under_ask(iraq: Scenario) -> None:
    """No answer is taken while the clock runs, after an expiry under another rule, or from a team."""
    game = Game(iraq)
    game.run(cmd.SetClock(seconds=60, now=at(0), on_expiry="ask"))
    with pytest.raises(WrongPhase):
        game.run(cmd.SettleLate(rule="pass"))
    game.run(cmd.ExpireClock(now=at(60)))
    with pytest.raises(NotAllowed):
        game.run(cmd.SettleLate(rule="pass"), Team(role="tehran"))
    other = Game(iraq)
    other.run(cmd.SetClock(seconds=60, now=at(0), on_expiry="pass"))
    other.run(cmd.ExpireClock(now=at(60)))
    with pytest.raises(WrongPhase):
        other.run(cmd.SettleLate(rule="bot"))


def test_the_agenda_plans_each_turn_from_the_one_it_is_set_in(iraq: Scenario) -> None:
    """10 minutes a turn set at 09:00 in turn 1: turn 1 is planned over by 09:10, turn 3 by 09:30; at 09:42 in
    turn 3 the session is 12 minutes behind plan; at 09:25 it has 5 minutes left of turn 3's slot."""
    game = Game(iraq)
    game.run(cmd.SetAgenda(minutes_per_turn=10, now=at(0)))
    agenda = game.state.agenda
    assert agenda is not None and agenda.turns == iraq.world.turns
    assert agenda.planned_end(1) == "2026-03-11T09:10:00.000+00:00"
    assert agenda.behind(3, at(42 * 60)) == 12 * 60
    assert agenda.behind(3, at(25 * 60)) == -5 * 60


def test_an_agenda_set_later_plans_from_that_turn_and_zero_clears_it(iraq: Scenario) -> None:
    """Set in turn 2 at 09:30 for 15 minutes a turn: turn 2 is planned over by 09:45. 0 minutes clears the plan;
    clearing none is refused, and so is an agenda from a team."""
    game = Game(iraq)
    for role in ("washington", "tehran", "coalition"):
        game.run(cmd.SealMoves(role=role), Team(role=role))
    game.run(cmd.Adjudicate())
    game.run(cmd.EndTurn())
    game.run(cmd.SetAgenda(minutes_per_turn=15, now=at(30 * 60)))
    assert game.state.agenda is not None and game.state.agenda.planned_end(2) == "2026-03-11T09:45:00.000+00:00"
    game.run(cmd.SetAgenda(minutes_per_turn=0, now=at(31 * 60)))
    assert game.state.agenda is None
    with pytest.raises(WrongPhase):
        game.run(cmd.SetAgenda(minutes_per_turn=0, now=at(32 * 60)))
    with pytest.raises(NotAllowed):
        game.run(cmd.SetAgenda(minutes_per_turn=5, now=at(32 * 60)), Team(role="tehran"))


def test_a_new_turn_starts_without_a_clock(iraq: Scenario) -> None:
    game = Game(iraq)
    game.run(cmd.SetClock(seconds=60, now=at(0)))
    for role in ("washington", "tehran", "coalition"):
        game.run(cmd.SealMoves(role=role), Team(role=role))
    game.run(cmd.Adjudicate())
    game.run(cmd.EndTurn())
    assert game.state.turn == 2 and game.state.clock is None


def test_an_improvised_inject_is_recorded_as_improvised_and_reaches_its_audience(iraq: Scenario) -> None:
    """Its effects apply at once; roles outside the audience and the room never see it; a role sees only
    effects on variables it may see."""
    game = Game(iraq)
    hidden = next(v.id for v in iraq.world.variables if v.visible_to != "all" and "tehran" not in v.visible_to)
    before = game.state.variables[hidden]
    (event,) = game.run(cmd.ImproviseInject(title="Leak", audience=("washington", "tehran"), message="A cable leaks.",
                                            effects=({"var": hidden, "add": 1},)))
    assert isinstance(event, InjectImprovised) and event.inject_id == "X1"
    assert game.state.variables[hidden] != before or before == max(v.max for v in iraq.world.variables if v.id == hidden)
    assert len(improvised_for(game.state, "baghdad")) == 0 and len(improvised_for(game.state, ROOM)) == 0
    (seen,) = improvised_for(game.state, "tehran")
    assert all(e.var != hidden for e in seen.effects)


def test_the_classroom_events_replay_to_the_same_state(iraq: Scenario) -> None:
    game = Game(iraq)
    game.run(cmd.SendMessage(sender="washington", text="hello"), Team(role="washington"))
    game.run(cmd.SetClock(seconds=30, now=at(0), on_expiry="bot"))
    game.run(cmd.ImproviseInject(title="t", message="m"))
    again = replay(iraq, game.events)
    assert again.messages == game.state.messages and again.clock == game.state.clock
    assert again.improvised == game.state.improvised


def test_a_roles_status_line_follows_the_clock_and_the_agenda(iraq: Scenario) -> None:
    """The clock and the agenda are public: a role's status line shows them as they change within a turn, not
    as they stood the first time its status was drawn."""
    from wargame.engine.situation import role_view

    game = Game(iraq)
    assert role_view(game.state, "tehran").status.clock is None
    game.run(cmd.SetClock(seconds=600, now=at(0), on_expiry="pass"))
    assert role_view(game.state, "tehran").status.clock == game.state.clock
    game.run(cmd.PauseClock(now=at(240)))
    assert role_view(game.state, "tehran").status.clock == game.state.clock
    game.run(cmd.SetAgenda(minutes_per_turn=20, now=at(0)))
    assert role_view(game.state, "tehran").status.agenda == game.state.agenda is not None
