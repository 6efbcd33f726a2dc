"""The report's communications section: each lens reads the messages it saw, in Markdown and in HTML alike."""

from __future__ import annotations

import pytest

from tests.engine.test_classroom import Game
from wargame.engine import commands as cmd
from wargame.engine.actors import Team
from wargame.engine.scenario import Scenario
from wargame.report import RENDERERS, build_report

PRIVATE = "Hold fire for 48 hours <b>and</b> we talk"
PUBLIC = "Tehran calls on every party to show restraint"


@pytest.fixture(scope="module")
def events(iraq: Scenario) -> list:  # type: ignore[type-arg]
    game = Game(iraq)
    game.run(cmd.SendMessage(sender="washington", to=("tehran",), text=PRIVATE), Team(role="washington"))
    game.run(cmd.SendMessage(sender="tehran", text=PUBLIC), Team(role="tehran"))
    return game.events


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize(("lens", "private_seen"), [("control", True), ("tehran", True), ("washington", True),
                                                     ("baghdad", False)])
def test_each_lens_reads_the_messages_it_saw(events: list, iraq: Scenario, fmt: str, lens: str,  # type: ignore[type-arg]
                                            private_seen: bool) -> None:
    text = RENDERERS[fmt](build_report(events, lens, scenario=iraq))
    assert "Communications" in text
    assert PUBLIC in text
    assert ("Hold fire for 48 hours" in text) is private_seen
    assert "<b>and</b>" not in text  # a message is text, never markup
