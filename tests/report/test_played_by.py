"""Who played which turns: a role handed to a bot during play, or by `resume --autoplay`, changes hands
from that turn on; the report never rewrites the turns before."""

from __future__ import annotations

from pathlib import Path

from wargame.engine.actors import CONTROL_ACTOR, Team
from wargame.engine.commands import Adjudicate, AssignRole, EndTurn, SealMoves, StartExercise, SubmitMove
from wargame.engine.scenario import Scenario
from wargame.report import build_report
from wargame.session import Session


def played_by(session: Session) -> dict[str, str]:
    return {line.id: line.played_by or "" for line in build_report(session).overview.roles}


def test_resume_autoplay_takes_over_from_the_turn_it_starts(iraq: Scenario, tmp_path: Path) -> None:
    """Two turns by human teams, then `resume --autoplay`: the teams' turns stay theirs, the bots' follow."""
    bots = {r: "random" for r in iraq.world.roles if r not in ("washington", "tehran")}
    with Session.create(iraq, 5, bots, tmp_path / "class.db") as session:
        session.execute(StartExercise(), CONTROL_ACTOR)
        for _turn in (1, 2):
            for role in ("washington", "tehran"):
                session.execute(SealMoves(role=role), Team(role=role))
            session.execute(Adjudicate(), CONTROL_ACTOR)
            session.execute(EndTurn(), CONTROL_ACTOR)
        session.autoplay()
        last = session.state.turn
        who = played_by(session)
    assert who["washington"] == f"Human team (turns 1–2); Bot: random legal moves (turns 3–{last})"
    assert who["europeans"] == f"Bot: random legal moves (turns 1–{last})"


def test_a_role_handed_to_a_bot_mid_turn_and_back(iraq: Scenario, tmp_path: Path) -> None:
    """Control gives Tehran to the historical bot during turn 1 (it moves at once), and back to the team before
    turn 2 opens."""
    with Session.create(iraq, 5, {r: "random" for r in iraq.world.roles if r != "tehran"}, tmp_path / "c.db") as session:
        session.execute(StartExercise(), CONTROL_ACTOR)
        session.execute(SubmitMove(role="tehran", action=session.state.scenario.role("tehran").actions[0].id),
                        Team(role="tehran"))
        session.execute(AssignRole(role="tehran", player="historical"), CONTROL_ACTOR)
        session.play_bots()
        assert "tehran" in session.state.sealed
        session.execute(Adjudicate(), CONTROL_ACTOR)
        session.execute(AssignRole(role="tehran", player="human"), CONTROL_ACTOR)
        session.execute(EndTurn(), CONTROL_ACTOR)
        assert "tehran" not in session.state.sealed
        session.execute(SealMoves(role="tehran"), Team(role="tehran"))
        session.execute(Adjudicate(), CONTROL_ACTOR)
        kinds = [e.kind for e in session.events]
        who = played_by(session)
    assert kinds.count("role_assigned") == 2  # each hand-over is an event of its own
    assert who["tehran"] == "Bot: the historical line (turn 1); Human team (turn 2)"
