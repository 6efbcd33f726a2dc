"""A delayed move is revealed when its turn comes, or when the exercise ends, whichever is first."""

from __future__ import annotations

from pathlib import Path

from wargame.engine.actors import CONTROL_ACTOR, Team
from wargame.engine.commands import Adjudicate, EndExercise, SealMoves, StartExercise, SubmitMove
from wargame.engine.scenario import Scenario
from wargame.session import Session


def test_a_delayed_move_still_pending_when_the_exercise_ends_is_revealed_to_the_other_roles(
        tmp_path: Path, iraq: Scenario) -> None:
    """Tehran resupplies the militias (the militias, its target, know at once; the others learn of it two turns
    later) and control ends the exercise the same turn: Baghdad's lens now knows of the move;
    before the end they did not. A private move stays private."""
    others = {r: "human" for r in iraq.world.roles}
    session = Session.create(iraq, 5, others, tmp_path / "end.db")
    session.execute(StartExercise(), CONTROL_ACTOR)
    session.execute(SubmitMove(role="tehran", action="resupply_militias"), Team(role="tehran"))
    session.execute(SealMoves(role="tehran"), Team(role="tehran"))
    session.execute(Adjudicate(), CONTROL_ACTOR)

    def baghdad_knows() -> bool:
        return any(o.role == "tehran" and o.action == "resupply_militias" for o in session.view("baghdad").outcomes)

    resupply = next(o for o in session.state.outcomes[1] if o.event.action == "resupply_militias").event
    assert resupply.reveal_turn > 1 and not baghdad_knows()
    session.execute(EndExercise(message="Time is up."), CONTROL_ACTOR)
    assert session.state.ended is not None
    assert baghdad_knows()
    assert all(o.role == "tehran" or o.visibility != "private" for o in session.view("baghdad").outcomes)
