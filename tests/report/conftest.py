"""A seeded, autoplayed iraq-2020 save with what a facilitator adds: an override, notes, debrief entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.engine.actors import CONTROL_ACTOR
from wargame.engine.commands import AddDebriefEntry, AddNote, Adjudicate, EndTurn, Override, StartExercise
from wargame.engine.scenario import Scenario
from wargame.session import Session, record_game

SEED = 2020
RECORDED = "2020-05-06T09:00:00+00:00"
"""Stands in for the save's creation time, so that goldens do not depend on when the test ran."""


def facilitated_save(scenario: Scenario, path: Path, seed: int = SEED) -> Path:
    """Bots play every role; control overrides one outcome in turn 2 and writes notes and a debrief."""
    with Session.create(scenario, seed, {role: "random" for role in scenario.world.roles}, path,
                        run_bots=False) as session:
        session.execute(StartExercise(), CONTROL_ACTOR)
        session.execute(AddNote(text="Set-up: all six cells are bots for this run."), CONTROL_ACTOR)
        session.play_bots()
        session.execute(Adjudicate(), CONTROL_ACTOR)
        session.execute(EndTurn(), CONTROL_ACTOR)
        session.play_bots()
        session.execute(Adjudicate(), CONTROL_ACTOR)
        first = session.state.outcomes[2][0]
        other = next(b.id for b in scenario.action(first.event.role, first.event.action).bands if b.id != first.band)
        session.execute(Override(role=first.event.role, action=first.event.action,
                                 rationale="CONTROL-RATIONALE the umpire judges the move differently", band=other),
                        CONTROL_ACTOR)
        session.execute(AddNote(text="CONTROL-NOTE the Tehran cell hesitated over resupply"), CONTROL_ACTOR)
        session.autoplay()
        for entry in (
            AddDebriefEntry(section="strength", text="CONTROL-DEBRIEF Cells explained their choices", about_turn=1),
            AddDebriefEntry(section="improvement", text="Few moves used the back channel", about_turn=3),
            AddDebriefEntry(section="plan", text="Rehearse the back-channel procedure", capability="Coordination",
                            issue="Few moves used the back channel", owner="E3 desk", due="2020-09"),
        ):
            session.execute(entry, CONTROL_ACTOR)
    return path


@pytest.fixture(scope="session")
def save(tmp_path_factory: pytest.TempPathFactory, iraq: Scenario) -> Path:
    return facilitated_save(iraq, tmp_path_factory.mktemp("aar") / "class-a.db")


@pytest.fixture(scope="session")
def other_save(tmp_path_factory: pytest.TempPathFactory, iraq: Scenario) -> Path:
    """A second class: the same scenario, another seed, Washington and Tehran on the historical line."""
    path = tmp_path_factory.mktemp("aar") / "class-b.db"
    record_game(iraq, 7, {"washington": "historical", "tehran": "historical"}, path)
    return path
