"""Views from several threads while commands and bots run: memory and file agree at the end of every trial.

The terminal UI runs commands in a worker thread and repaints from views in the UI thread; a seat
may have more readers. A view is an immutable value of the state after the last applied command,
so a reader never sees a half-applied one, and the session's memory is always what its file says.
"""

from __future__ import annotations

import random
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from wargame.engine.actors import CONTROL_ACTOR, Team
from wargame.engine.commands import Adjudicate, EndTurn, SealMoves, StartExercise, SubmitMove
from wargame.engine.digest import state_digest
from wargame.engine.scenario import Scenario
from wargame.engine.situation import lens_view
from wargame.engine.state import replay
from wargame.engine.views import ControlView, RoleView
from wargame.session import Session

TRIALS = 200


@pytest.fixture
def fast_switching() -> Iterator[None]:
    """Switch threads as often as CPython allows, so that interleavings are many."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def consistent(view: RoleView | ControlView) -> None:
    """A view of one moment: its parts agree with each other."""
    assert view.phase == view.status.phase and view.turn == view.status.turn
    if isinstance(view, ControlView):
        assert tuple(r.role for r in view.roles if r.sealed) == view.status.sealed
        if view.phase == "moves":
            assert {r.role: r.moves for r in view.roles if r.moves} == view.sealed_moves
    else:
        if view.phase == "moves":
            assert view.chosen == view.sealed_moves.get(view.role, ())
        assert view.budget.spent == sum(o.cost for o in view.options if o.chosen)


def play(session: Session, rng: random.Random) -> None:
    """Control and the navy's team play the harbour to its end; the fleet's bot moves when each turn opens."""
    session.execute(StartExercise(), CONTROL_ACTOR)
    while session.view("control").phase != "ended":
        options = [o.id for o in session.view("navy").options if o.available]
        if options and rng.random() < 0.8:
            session.execute(SubmitMove(role="navy", action=rng.choice(options)), Team(role="navy"))
        session.execute(SealMoves(role="navy"), Team(role="navy"))
        session.execute(Adjudicate(), CONTROL_ACTOR)
        session.execute(EndTurn(), CONTROL_ACTOR)


def test_readers_never_see_a_half_applied_command(harbour: Scenario, tmp_path: Path, fast_switching: None) -> None:
    lenses = ["control", *harbour.world.roles]
    for trial in range(TRIALS):
        path = tmp_path / f"t{trial}.db"
        errors: list[BaseException] = []
        done = threading.Event()
        with Session.create(harbour, trial, {"navy": "human", "fleet": "random"}, path) as session:

            def read(seed: int) -> None:
                rng = random.Random(seed)
                try:
                    while not done.is_set():
                        consistent(session.view(rng.choice(lenses)))
                except BaseException as error:  # noqa: BLE001 - reported below
                    errors.append(error)

            readers = [threading.Thread(target=read, args=(trial * 10 + n,)) for n in range(2)]
            for reader in readers:
                reader.start()
            worker = threading.Thread(target=lambda: play(session, random.Random(trial)))
            worker.start()
            worker.join()
            done.set()
            for reader in readers:
                reader.join()
            assert errors == [], (trial, errors[:1])
            with Session.open(path) as fresh:
                assert fresh.events == session.events, trial
                assert fresh.digest() == session.digest() == state_digest(replay(harbour, fresh.events)), trial
                for lens in lenses:
                    assert session.view(lens) == lens_view(fresh.state, lens), (trial, lens)
