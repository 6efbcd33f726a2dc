"""The session API: each command committed before it returns; resume, fork and sync give the same game."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from wargame.engine import decide as commands
from wargame.engine.actors import CONTROL_ACTOR, Team
from wargame.engine.commands import Adjudicate, SealMoves, StartExercise, SubmitMove
from wargame.engine.digest import state_digest
from wargame.engine.errors import WrongPhase
from wargame.engine.game import Game
from wargame.engine.scenario import Scenario
from wargame.session import Session, record_game
from wargame.store import SaveBusy, SaveExists, SaveFile, StaleSession
from wargame.session.fork import fork_save
from wargame.session.verify import verify_save

from .helpers import BOTS


def committed_rows(path: Path) -> int:
    """Count events through a separate plain sqlite3 connection: what another process would see."""
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])


def test_record_game_matches_the_pure_engine(harbour: Scenario, tmp_path: Path) -> None:
    """A recorded game is the very game the engine plays in memory: same events, same digest."""
    digest = record_game(harbour, 5, BOTS, tmp_path / "a.db")
    game = Game.new(harbour, 5, BOTS)
    game.play_to_end()
    assert digest == state_digest(game.state)
    with Session.open(tmp_path / "a.db") as session:
        assert session.events == game.events
        assert session.digest() == digest
    assert verify_save(tmp_path / "a.db").digest == digest


def test_session_file_exists_from_the_start(harbour: Scenario, tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Session.create(harbour, 3, {"navy": "human"}, path) as session:
        assert path.is_file()
        assert committed_rows(path) == 1
        assert session.state.phase == "setup"
        session.execute(StartExercise(), CONTROL_ACTOR)
        assert committed_rows(path) == 1 + len(session.events) - 1
        session.execute(SubmitMove(role="navy", action="shadow"), Team(role="navy"))
        assert committed_rows(path) == session.seq == len(session.events)


def test_engine_refusal_writes_nothing(harbour: Scenario, tmp_path: Path) -> None:
    with Session.create(harbour, 3, None, tmp_path / "a.db") as session:
        with pytest.raises(WrongPhase):
            session.execute(Adjudicate(), CONTROL_ACTOR)
        assert committed_rows(tmp_path / "a.db") == 1


def test_create_never_overwrites(harbour: Scenario, tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    path.write_text("precious")
    with pytest.raises(SaveExists):
        Session.create(harbour, 1, None, path)
    assert path.read_text() == "precious"


def test_a_new_save_is_never_made_over_a_dead_saves_leftover_log(harbour: Scenario, tmp_path: Path) -> None:
    """A save deleted without its -wal leaves a log SQLite would read into a new save of the same name: refused,
    with one line that says what to do, and the leftover untouched."""
    path = tmp_path / "a.db"
    with Session.create(harbour, 1, None, path) as session:
        session.execute(StartExercise(), CONTROL_ACTOR)
        leftover = (tmp_path / "a.db-wal").read_bytes()
        assert leftover, "an open session keeps its log beside the save"
        path.unlink()
        with pytest.raises(SaveExists, match="a leftover a.db-wal from an earlier save lies beside it"):
            Session.create(harbour, 2, None, path)
    assert not path.exists()


def test_open_uses_the_stored_scenario(harbour: Scenario, harbour_content: Path, tmp_path: Path) -> None:
    """A save replays after the YAML changed: the scenario comes from the file."""
    record_game(harbour, 2, BOTS, tmp_path / "a.db")
    with Session.open(tmp_path / "a.db") as session:
        assert session.scenario == harbour


def test_two_sessions_on_one_file_stay_in_step(harbour: Scenario, tmp_path: Path) -> None:
    """A console and a player's terminal: each re-reads what the other appended before acting."""
    path = tmp_path / "shared.db"
    with Session.create(harbour, 4, {"navy": "human", "fleet": "human"}, path) as console, Session.open(path) as player:
        console.execute(StartExercise(), CONTROL_ACTOR)
        player.execute(SubmitMove(role="fleet", action="fish"), Team(role="fleet"))  # syncs the start first
        console.execute(SubmitMove(role="navy", action="shadow"), Team(role="navy"))
        assert player.refresh() == 1
        assert player.view("control").sealed_moves == {"fleet": ("fish",), "navy": ("shadow",)}
        console.execute(SealMoves(role="navy"), Team(role="navy"))
        player.execute(SealMoves(role="fleet"), Team(role="fleet"))
        console.execute(Adjudicate(), CONTROL_ACTOR)
        assert player.view("control").phase == "moves", "a view reads no file: the player has not looked yet"
        player.refresh()
        assert player.view("control").phase == "review"
        assert console.digest() == player.digest()


def test_append_refuses_a_stale_tail(harbour: Scenario, tmp_path: Path) -> None:
    """The tail is read inside the write transaction: two writers never both append after one event."""
    path = tmp_path / "a.db"
    with Session.create(harbour, 4, None, path) as one, SaveFile.open(path).begin_writing() as other:
        events = commands.start(one.state)
        other.append(events, [], 1)
        with pytest.raises(StaleSession):
            one.save.append(events, [], 1)
        one.sync()
        assert one.state.turn == 1


def test_resume_after_partial_bot_moves_is_deterministic(harbour: Scenario, tmp_path: Path) -> None:
    """A role that already moved this turn is not asked again, so resuming never adds a move."""
    path = tmp_path / "a.db"
    reference = record_game(harbour, 8, BOTS, tmp_path / "ref.db")
    with Session.create(harbour, 8, BOTS, path, run_bots=False) as session:
        session.execute(StartExercise(), CONTROL_ACTOR)
        session.play_bots()
        moved = len(session.events)
    with Session.open(path) as session:
        assert session.play_bots() == []
        assert len(session.events) == moved
        session.autoplay()
        assert session.digest() == reference


def test_fork_resumes_at_the_next_turn(harbour: Scenario, tmp_path: Path) -> None:
    digest = record_game(harbour, 2, BOTS, tmp_path / "a.db")
    info = fork_save(tmp_path / "a.db", tmp_path / "f.db", turn=1)
    assert info.forked_from and info.forked_from.startswith("a.db#")
    with Session.open(tmp_path / "f.db") as fork:
        assert (fork.state.phase, fork.state.turn) == ("moves", 2)
        assert fork.state.moves == {}
        fork.autoplay()
        assert fork.digest() == digest  # same seed, same bots: the same game
    verify_save(tmp_path / "f.db")


def test_seek_to_a_turn_by_snapshot(harbour: Scenario, tmp_path: Path) -> None:
    record_game(harbour, 2, BOTS, tmp_path / "a.db")
    with Session.open(tmp_path / "a.db") as session:
        snap = session.save.snapshot_for_turn(2)
        assert snap is not None and snap.kind == "turn_ended" and snap.turn == 2
        prefix = Game(harbour, session.events[: snap.seq])
        assert snap.variables == prefix.state.variables
        assert snap.digest == state_digest(prefix.state)


def test_resume_with_takeover_records_the_bots(harbour: Scenario, tmp_path: Path) -> None:
    with Session.create(harbour, 6, {"navy": "human", "fleet": "random"}, tmp_path / "a.db") as session:
        session.autoplay(takeover="historical")
        kinds = [e.kind for e in session.events]
        assert kinds.count("role_assigned") == 1
        assert session.save.info().assignments["navy"] == "historical"


def test_a_held_write_lock_is_a_clear_error(harbour: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process holding the write lock past the busy timeout: SaveBusy, and the session stays as the file is."""
    path = tmp_path / "a.db"
    with Session.create(harbour, 4, None, path) as session:
        session.save.db.execute("PRAGMA busy_timeout = 50")
        blocker = sqlite3.connect(path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(SaveBusy, match="locked"):
                session.execute(StartExercise(), CONTROL_ACTOR)
            assert session.state.phase == "setup"
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        session.execute(StartExercise(), CONTROL_ACTOR)
        assert session.state.turn == 1
