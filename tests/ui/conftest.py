"""Helpers for driving the app with Textual's Pilot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from wargame.engine.scenario import Scenario
from wargame.session import Session


async def settle(pilot: Pilot) -> None:  # type: ignore[type-arg]
    """Wait until every command in flight is committed and the screen has repainted."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press(pilot: Pilot, *keys: str) -> None:  # type: ignore[type-arg]
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


@pytest.fixture
def new_session(tmp_path: Path, iraq: Scenario) -> Iterator[Session]:
    session = Session.create(iraq, None, None, tmp_path / "class.db")
    yield session
    session.close()
