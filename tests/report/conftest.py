"""A seeded, autoplayed iraq-2020 save with what a facilitator adds: an override, notes, debrief entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.engine import commands
from wargame.engine.scenario import Scenario
from wargame.session import Session, record_game

SEED = 2020
RECORDED = "2020-05-06T09:00:00+00:00"
"""Stands in for the save's creation time, so that goldens do not depend on when the test ran."""


def facilitated_save(scenario: Scenario, path: Path, seed: int = SEED) -> Path:
    """Bots play every role; control overrides one outcome in turn 2 and writes notes and a debrief."""
    with Session.create(scenario, seed, {role: "random" for role in scenario.world.roles}, path) as session:
        session.execute(commands.start)
        session.execute(commands.add_note, "Set-up: all six cells are bots for this run.")
        session.play_bots()
        session.execute(commands.adjudicate)
        session.execute(commands.end_turn)
        session.play_bots()
        session.execute(commands.adjudicate)
        first = session.state.outcomes[2][0]
        other = next(b.id for b in scenario.action(first.event.role, first.event.action).bands if b.id != first.band)
        session.execute(commands.override, first.event.role, first.event.action,
                        "CONTROL-RATIONALE the umpire judges the move differently", band=other)
        session.execute(commands.add_note, "CONTROL-NOTE the Tehran cell hesitated over resupply")
        session.autoplay()
        session.execute(commands.add_debrief_entry, "strength", "CONTROL-DEBRIEF Cells explained their choices",
                        about_turn=1)
        session.execute(commands.add_debrief_entry, "improvement", "Few moves used the back channel", about_turn=3)
        session.execute(commands.add_debrief_entry, "plan", "Rehearse the back-channel procedure",
                        capability="Coordination", issue="Few moves used the back channel", owner="E3 desk",
                        due="2020-09")
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
