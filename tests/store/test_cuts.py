"""Any cut log resumes: a recorded game cut after every one of its events.

Every command's events are committed in one transaction, so a log ends inside a
command only when the file was cut or copied by other means. After every event
k of a recorded game, the cut copy must: verify (saying when it ends inside a
command), report, open in review, resume in the console and be driven to the
next turn, and resume headless to the very digest of the uninterrupted game.

The command-line checks run on every cut; the screens on one cut of each kind
(``PILOT_CUTS=all`` runs them on every cut: about six seconds a cut here)::

    PILOT_CUTS=all .venv/bin/python -m pytest -q tests/store/test_cuts.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.store.cutting import cut_copy
from tests.store.helpers import BOTS, long_harbour
from wargame.cli import main
from wargame.engine.scenario import Scenario
from wargame.session import Session, record_game
from wargame.store import SaveFile


@pytest.fixture(scope="module")
def long_game(harbour_content: Path, tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    """The documented harbour scenario over four turns, without the early clash that ends it."""
    return long_harbour(harbour_content, tmp_path_factory.mktemp("content"), turns=4)


@pytest.fixture(scope="module")
def recorded(long_game: Scenario, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    path = tmp_path_factory.mktemp("recorded") / "whole.db"
    digest = record_game(long_game, 5, BOTS, path)
    with SaveFile.open(path, readonly=True) as save:
        count = len(save.read())
    return path, digest, count


def one_line_refusal(result) -> bool:  # type: ignore[no-untyped-def]
    return result.exit_code == 2 and len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_every_cut_verifies_reports_and_resumes_to_the_same_digest(
    long_game: Scenario, recorded: tuple[Path, str, int], tmp_path: Path
) -> None:
    whole, digest, count = recorded
    runner = CliRunner()
    inside = 0
    for keep in range(1, count + 1):
        cut = cut_copy(whole, tmp_path / f"cut-{keep}.db", keep, long_game)
        checked = runner.invoke(main, ["verify", str(cut)])
        assert checked.exit_code == 0, f"cut after event {keep}: {checked.output}"
        inside += "incomplete: the log ends inside the command" in checked.output
        reported = runner.invoke(main, ["report", str(cut)])
        assert reported.exit_code == 0 or one_line_refusal(reported), f"cut after event {keep}: {reported.output}"
        resumed = runner.invoke(main, ["resume", str(cut), "--autoplay"])
        assert resumed.exit_code == 0, f"cut after event {keep}: {resumed.output}"
        assert f"state digest: {digest}" in resumed.output, f"cut after event {keep}"
        assert runner.invoke(main, ["verify", str(cut)]).exit_code == 0
    assert inside >= count // 3, "the game should have many multi-event commands to cut inside"


def test_a_cut_between_turn_end_and_next_turn_start_resumes(long_game: Scenario, recorded: tuple[Path, str, int],
                                                            tmp_path: Path) -> None:
    """The case that used to crash: the log ends at turn_ended, before the next turn_started."""
    whole, digest, _count = recorded
    with SaveFile.open(whole, readonly=True) as save:
        stored = save.read()
    keep = next(s.seq for s in stored if s.event.kind == "turn_ended")
    cut = cut_copy(whole, tmp_path / "between.db", keep, long_game)
    with Session.open(cut, readonly=True) as session:
        assert session.state.phase == "between"
    with Session.open(cut) as session:
        assert session.completed > 0 and session.state.phase == "moves" and session.state.turn == 2
        session.autoplay()
        assert session.digest() == digest


def test_a_cut_that_is_no_command_beginning_is_refused_in_one_line(long_game: Scenario, recorded: tuple[Path, str, int],
                                                                    tmp_path: Path) -> None:
    """Events that no command would have written that way cannot be completed: one line, exit 2, file unchanged."""
    import sqlite3

    from tests.store.helpers import relink

    whole, _digest, _count = recorded
    with SaveFile.open(whole, readonly=True) as save:
        stored = save.read()
    ended = next(s for s in stored if s.event.kind == "turn_ended")
    cut = cut_copy(whole, tmp_path / "odd.db", ended.seq + 1, long_game)  # turn_ended + turn_started, batch left open
    with sqlite3.connect(cut) as conn:
        conn.execute("UPDATE events SET payload = replace(payload, '\"date\":\"', '\"date\":\"1') WHERE seq = ?", [ended.seq + 1])
        conn.execute("UPDATE events SET closes = 0")
        relink(conn)
    before = dump(cut)
    result = CliRunner().invoke(main, ["resume", str(cut), "--autoplay"])
    assert one_line_refusal(result), result.output
    assert "the rest cannot be recomputed" in result.output
    assert dump(cut) == before


def dump(path: Path) -> list[str]:
    import sqlite3

    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


async def test_every_cut_opens_in_review_and_resumes_in_the_console_to_the_next_turn(
    long_game: Scenario, recorded: tuple[Path, str, int], tmp_path: Path
) -> None:
    """The screens too: review steps through a cut log; the console, resumed, is driven on to the next turn."""
    from tests.ui.conftest import press, settle
    from wargame.ui.app import make_app
    from wargame.ui.review_app import make_review_app
    from wargame.ui.screens.setup import SetupScreen

    whole, _digest, count = recorded
    with SaveFile.open(whole, readonly=True) as save:
        stored = save.read()
    # Every cut when PILOT_CUTS=all (about 6 s a cut here); in make test, one cut of each kind:
    # each event kind, at a command boundary and inside a command.
    kinds: dict[tuple[str, bool], int] = {}
    for s in stored:
        kinds.setdefault((s.event.kind, s.closes), s.seq)
    cuts = range(1, count + 1) if os.environ.get("PILOT_CUTS") == "all" else sorted(kinds.values())
    for keep in cuts:
        cut = cut_copy(whole, tmp_path / f"cut-{keep}.db", keep, long_game)
        with Session.open(cut, readonly=True) as session:
            review = make_review_app(session)
            async with review.run_test(size=(120, 40)) as pilot:
                await settle(pilot)
            assert review.return_code in (None, 0), f"cut after event {keep}"
        with Session.open(cut) as session:
            start = session.state.turn
            app = make_app(session)
            async with app.run_test(size=(120, 40)) as pilot:
                await settle(pilot)
                for _ in range(8):
                    state = session.state
                    if state.phase == "ended" or state.turn > start:
                        break
                    if isinstance(app.screen, SetupScreen):
                        await press(pilot, "ctrl+s")
                    elif state.phase == "moves":
                        await press(pilot, "a")
                    elif state.phase == "review":
                        await press(pilot, "e")
                state = session.state
                assert state.phase == "ended" or state.turn > start, f"cut after event {keep}: stuck at {state.phase}"
            assert app.return_code in (None, 0), f"cut after event {keep}"
