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


def test_the_pacing_shows_the_agenda_and_each_turn_against_it(iraq: Scenario, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Control plans 10 min a turn; two turns are played at once: the report (and so review) lists the agenda
    and, for each turn that ended, when it ended against the plan — well ahead of it here — for every lens."""
    import datetime as dt
    import re

    from wargame.engine.actors import CONTROL_ACTOR
    from wargame.session import Session

    with Session.create(iraq, 5, {r: "random" for r in iraq.world.roles}, tmp_path / "paced.db") as session:
        session.execute(cmd.StartExercise(), CONTROL_ACTOR)
        session.execute(cmd.SetAgenda(minutes_per_turn=10, now=dt.datetime.now(dt.timezone.utc).isoformat()), CONTROL_ACTOR)
        for _turn in range(2):
            session.execute(cmd.Adjudicate(), CONTROL_ACTOR)
            session.execute(cmd.EndTurn(), CONTROL_ACTOR)
        for lens in ("control", "baghdad"):
            report = build_report(session, lens)
            kinds = [(c.turn, c.kind) for c in report.communications]
            assert kinds == [(1, "agenda"), (1, "pacing"), (2, "pacing")]
            agenda, first, second = (c.text for c in report.communications)
            assert re.fullmatch(r"agenda: 10 min a turn from turn 1, from \d\d:\d\d UTC \(the last turn planned over by "
                                r"\d\d:\d\d UTC\)", agenda), agenda
            assert re.fullmatch(r"turn 1 ended at \d\d:\d\d UTC: on plan, 9 min to spare \(planned over by \d\d:\d\d UTC\)",
                                first), first
            assert "turn 2 ended" in second and "19 min to spare" in second
            assert "Pacing" in RENDERERS["md"](report) or "pacing" in RENDERERS["md"](report)
    assert build_report(session.events, "control", scenario=iraq).communications[0].kind == "agenda"  # bare events: the plan only
