"""Review shows, turn by turn and through each lens, the messages, clock changes and improvised injects."""

from __future__ import annotations

import pytest

from tests.report.test_communications import PRIVATE, PUBLIC, events  # noqa: F401  (the fixture)
from wargame.engine.scenario import Scenario
from wargame.report import build_report
from wargame.ui.screens.review import turn_text


@pytest.mark.parametrize(("lens", "private_seen"), [("control", True), ("tehran", True), ("baghdad", False)])
def test_the_turn_pane_lists_what_the_lens_heard(events: list, iraq: Scenario, lens: str,  # type: ignore[type-arg]  # noqa: F811
                                                 private_seen: bool) -> None:
    report = build_report(events, lens, scenario=iraq)
    entry = report.turns[0]
    shown = turn_text(entry, lens == "control", [c for c in report.communications if c.turn == entry.turn]).plain
    assert "Messages, clock and improvised injects" in shown
    assert PUBLIC in shown
    assert (PRIVATE in shown) is private_seen
