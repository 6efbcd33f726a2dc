"""The session API: what the terminal UI and the CLI hold instead of game state.

A :class:`Session` is a save file plus the state folded from its events. Every
command goes the same way — re-read the file if another process appended, let the
engine decide the command for its actor, commit its events (one transaction) and
only then fold them in and report them — so whatever a screen confirms is on disk,
and a killed process loses nothing that was confirmed.

Faces call: :meth:`Session.create`, :meth:`Session.open`,
:meth:`Session.execute` ``(command, actor)`` with a command of
:mod:`wargame.engine.commands`, :meth:`Session.view` ``(lens)``, :meth:`Session.refresh`,
:meth:`Session.autoplay`, :meth:`Session.digest`, :meth:`Session.close`; and
:func:`record_game` for a whole headless game.

Bots are the session's business: when a command opens a turn, every bot-played role
moves and seals before :meth:`execute` returns (see :meth:`play_bots`).

Threads: every method takes the session's lock, so a face may call :meth:`view` from
one thread while a worker runs :meth:`execute` in another; a view is an immutable value
of the state after the last applied command, never of a half-applied one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from pathlib import Path

from wargame.engine import commands as cmd
from wargame.engine import decide as rules_of_play
from wargame.engine.actors import CONTROL_ACTOR, Bot, Control, Team
from wargame.engine.digest import state_digest
from wargame.engine.digest import DIGEST_VERSION
from wargame.engine.events import Event, RoleAssigned, TurnStarted
from wargame.engine.game import Game
from wargame.engine.scenario import Scenario
from wargame.engine.state import State, new_state
from wargame.engine.situation import lens_view
from wargame.engine.classroom import ROOM
from wargame.engine.room import RoomView, room_view
from wargame.engine.views import ControlView, RoleView
from wargame.session import cuts, signing
from wargame.session.opening import open_save
from wargame.session.snapshots import fold, projection
from wargame.store import Projection, SaveFile, Snapshot, StoredEvent, default_save_path
from wargame.store.savefile import bulk


class Session:
    """One exercise: its save file and the state folded from it. Safe to share between threads."""

    def __init__(self, save: SaveFile, scenario: Scenario, stored: list[StoredEvent], *, run_bots: bool = True) -> None:
        self.save = save
        self.scenario = scenario
        self.run_bots = run_bots
        """Whether bot-played roles move as soon as a turn opens (off only in tests that drive bots by hand)."""
        self._lock = threading.RLock()
        self._views: dict[str, RoleView | ControlView | RoomView] = {}
        with bulk():
            self.game = Game(scenario, (s.event for s in stored))
        self.seq = stored[-1].seq if stored else 0
        self.head = stored[-1].hash if stored else save.genesis()
        self.projected: Projection | None = None
        self.signer = None if save.readonly else signing.configured_signer()
        self.completed = 0
        """Events appended on opening to finish a command the log was cut inside (see :mod:`wargame.session.cuts`)."""

    # ------------------------------------------------------------ opening

    @classmethod
    def create(
        cls,
        scenario: Scenario,
        seed: int | None = None,
        assignments: Mapping[str, str] | None = None,
        path: Path | str | None = None,
        *,
        run_bots: bool = True,
    ) -> Session:
        """A new save file, created now, holding SessionStarted. ``path`` defaults to :func:`default_save_path`."""
        started = rules_of_play.decide(
            new_state(scenario),
            cmd.StartSession(seed=scenario.world.seed if seed is None else seed, assignments=dict(assignments or {})),
            CONTROL_ACTOR,
        )
        target = Path(path) if path is not None else default_save_path(scenario.id)
        state = new_state(scenario)
        snapshots = fold(state, started, 1)
        save = SaveFile.create(target, scenario, started, snapshots, projection(state), digest_version=DIGEST_VERSION)
        return cls._from(save, scenario, None, run_bots)

    @classmethod
    def open(cls, path: Path | str, *, run_bots: bool = True, readonly: bool = False) -> Session:
        """Open a save: the scenario comes from the file (not the YAML), every event is checked first.

        ``readonly`` (review, reports): nothing is written, the file is opened
        read-only and may be on read-only media, until a first command (a debrief
        entry written in review) reopens it for writing. Otherwise an older file is
        upgraded and a command the log was cut inside is completed.
        """
        save, scenario, stored = open_save(path, readonly=readonly)
        session = cls._from(save, scenario, stored, run_bots)
        if not readonly:
            try:
                session._complete_cut(stored)
            except BaseException:
                session.close()
                raise
        return session

    @classmethod
    def _from(cls, save: SaveFile, scenario: Scenario, stored: list[StoredEvent] | None, run_bots: bool) -> Session:
        try:
            return cls(save, scenario, save.read() if stored is None else stored, run_bots=run_bots)
        except BaseException:
            save.close()
            raise

    def _reopen_for_writing(self) -> None:
        """A session opened ``readonly`` becomes a writing one: upgraded, a cut command completed, re-read.

        Raises :class:`wargame.store.StoreError` (nothing changed) when the file cannot be
        written, e.g. on read-only media.
        """
        save, _scenario, stored = open_save(self.path, readonly=False)
        self.save.close()
        self.save = save
        self.signer = signing.configured_signer()
        self._reload()
        self._complete_cut(stored)

    def _complete_cut(self, stored: list[StoredEvent]) -> None:
        """Finish a command the log was cut inside, by re-running it (see :mod:`wargame.session.cuts`)."""
        first = cuts.open_batch(stored, self.state.phase)
        if first is None:
            return
        rest = cuts.missing_rest(self.scenario, stored, first, self.path)
        if rest:
            with self._lock:
                snapshots = fold(self.state, rest, self.seq + 1)
                self._views.clear()
                self._commit(rest, snapshots, batch=stored[first].seq)
                self.completed = len(rest)

    def close(self) -> None:
        with self._lock:
            self.save.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ reading

    @property
    def path(self) -> Path:
        return self.save.path

    @property
    def state(self) -> State:
        return self.game.state

    @property
    def events(self) -> list[Event]:
        return self.game.events

    def refresh(self) -> int:
        """Fold in events another process appended since we last looked; return how many (reads the file)."""
        with self._lock:
            return self.sync()

    def sync(self) -> int:
        """:meth:`refresh` without taking the lock (the caller holds it)."""
        last, head = self.save.tail()
        if last == self.seq and head == self.head:
            return 0
        if last <= self.seq:  # the log is shorter, or its tail differs: not ours to patch, read it whole
            self._reload()
            return 0
        fresh = self.save.read(after=self.seq, previous=self.head)
        self.game.record(s.event for s in fresh)
        self._views.clear()
        self.seq, self.head = fresh[-1].seq, fresh[-1].hash
        return len(fresh)

    def view(self, lens: str) -> RoleView | ControlView | RoomView:
        """What ``lens`` (a role id, ``"control"``, or ``"room"`` for the room display) may know after the last
        applied command.

        An immutable value, built once per change of the session and handed out as is; no file
        is read (call :meth:`refresh` first to see what another process appended). Raises
        KeyError for a lens that is neither control nor a role of the scenario.
        """
        with self._lock:
            view = self._views.get(lens)
            if view is None:
                view = self._views[lens] = room_view(self.state) if lens == ROOM else lens_view(self.state, lens)
            return view

    def recorded_times(self, kind: str) -> list[tuple[int, str]]:
        """When each event of ``kind`` (e.g. ``turn_ended``) was written: (its turn, ISO 8601 UTC), in log order.

        Wall-clock times are the store's, outside the events (the engine has no clock); reports use
        them to set the pace of play against control's agenda. Reads the file.
        """
        with self._lock:
            return [(s.event.turn, s.recorded_at) for s in self.save.read() if s.event.kind == kind]

    def players(self, role: str) -> tuple[str, ...]:
        """Who may play ``role``: ``human``, then the bot policies of the registry and the role's personas
        (what set-up and the console offer when a role changes hands). KeyError for an unknown role."""
        self.scenario.role(role)
        return tuple(rules_of_play.players_for(self.scenario, role))

    def digest(self) -> str:
        """The state digest of the session as it stands (see :mod:`wargame.engine.digest`)."""
        with self._lock:
            return state_digest(self.state)

    # ------------------------------------------------------------ writing

    def execute(self, command: cmd.Command, actor: Control | Team | Bot) -> list[Event]:
        """Decide ``command`` issued by ``actor``; its events are committed before this returns.

        Engine errors (:class:`wargame.engine.errors.EngineError`, including ``NotAllowed``
        when the actor may not issue the command) are raised before anything is written.
        A store error leaves the session re-read from the file. When the command opened a
        turn, or handed a role to a bot during the moves phase, the bots' moves follow (committed
        separately) and are part of what is returned.
        """
        return self._execute(command, actor, takeover=True)

    def _execute(self, command: cmd.Command, actor: Control | Team | Bot, *, takeover: bool) -> list[Event]:
        """:meth:`execute`; ``takeover`` False: a role handed to a bot waits for :meth:`play_bots` (autoplay
        hands every human role over first, then lets all the bots move in one batch)."""
        with self._lock:
            self.sync()
            events = rules_of_play.decide(self.state, command, actor)
            if self.save.readonly:  # opened for reading (review): the first command reopens it for writing
                self._reopen_for_writing()
                events = rules_of_play.decide(self.state, command, actor)
            try:
                snapshots = fold(self.state, events, self.seq + 1)
            except BaseException:  # pragma: no cover - the fold never refuses what a command returned
                self._reload()
                raise
            finally:
                self._views.clear()
            self._commit(events, snapshots)
            if self.run_bots and any(isinstance(event, TurnStarted) or (takeover and _bot_takes_over(event)) for event in events):
                events = events + self._play_bots()
            return events

    def play_bots(self) -> list[Event]:
        """Every bot-played role that has not sealed its moves makes them and seals, committed as one append.

        The session calls this itself when a turn opens; call it directly only to resume a
        session that stopped between a turn opening and its bots moving. One transaction for
        all the bots of a turn: a crash leaves either none or all of their moves, so a resumed
        session never gives a bot a second go (roles that sealed are skipped) and ends as an
        uninterrupted run does.
        """
        with self._lock:
            self.sync()
            return self._play_bots()

    def _play_bots(self) -> list[Event]:
        if self.state.phase != "moves":
            return []
        try:
            events = self.game.bot_moves()
        except BaseException:
            self._reload()
            raise
        finally:
            self._views.clear()
        self._commit(events, [], recorded=True)
        return events

    def autoplay(self, takeover: str = "random", on_commit: Callable[[Session], None] | None = None) -> State:
        """Finish the session headless: bots take over human roles (recorded), every turn is played out."""
        with self._lock:
            self.sync()
            state = self.state

            def step(command: cmd.Command) -> None:
                self._execute(command, CONTROL_ACTOR, takeover=False)
                if on_commit is not None:
                    on_commit(self)

            if state.phase != "ended":
                for role in self.scenario.world.roles:
                    if state.assignments.get(role, rules_of_play.HUMAN) == rules_of_play.HUMAN:
                        step(cmd.AssignRole(role=role, player=takeover))
            while state.phase != "ended":
                if state.phase == "setup":
                    step(cmd.StartExercise())
                elif state.phase == "moves":
                    # bots moved when the turn opened, unless the session stopped in between (or run_bots is off)
                    if self.play_bots() and on_commit is not None:
                        on_commit(self)
                    step(cmd.Adjudicate())
                elif state.phase == "review":
                    step(cmd.EndTurn())
                else:
                    raise RuntimeError(f"cannot play on from phase {state.phase!r} (a log cut inside a command?)")
            return state

    def _commit(self, events: list[Event], snapshots: list[Snapshot], recorded: bool = False, batch: int | None = None) -> None:
        """Append events already folded into the state (and kept in ``game.events`` when ``recorded``).

        The session row's projection goes in the same transaction when it changed; with a
        configured key the log is sealed after a turn ends (:mod:`wargame.session.signing`).
        On any failure the session is re-read from the file, so memory never holds what the file does not.
        """
        if not events:
            return
        projected = projection(self.state)
        try:
            self.seq, self.head = self.save.append(
                events, snapshots, self.seq, projected if projected != self.projected else None, batch=batch
            )
        except BaseException:
            self._reload()
            raise
        self.projected = projected
        if not recorded:
            self.game.events.extend(events)
        if self.signer is not None and any(e.kind in signing.SEAL_AT for e in events):
            signing.seal(self.save, self.scenario, self.signer, self.state)

    def _reload(self) -> None:
        stored = self.save.read()
        self._views.clear()
        with bulk():
            self.game = Game(self.scenario, (s.event for s in stored))
        self.seq = stored[-1].seq if stored else 0
        self.head = stored[-1].hash if stored else self.save.genesis()


def _bot_takes_over(event: Event) -> bool:
    """A role handed to a bot: if the turn is open, the bot moves at once (no face decides when bots move)."""
    return isinstance(event, RoleAssigned) and event.player != rules_of_play.HUMAN


def record_game(
    scenario: Scenario,
    seed: int | None,
    policies: Mapping[str, str] | None,
    path: Path | str,
    on_commit: Callable[[Session], None] | None = None,
) -> str:
    """Play a whole headless game into a new save at ``path``; return its final state digest.

    ``policies`` maps roles to bot policies (``random``, ``historical`` or a
    persona id); roles left out are played by ``random``. This is what
    ``wargame autoplay --games 1 --save PATH`` calls.
    """
    given = dict(policies or {})
    assignments = {role: given.get(role, "random") for role in scenario.world.roles}
    with Session.create(scenario, seed, assignments, path) as session:
        session.autoplay(on_commit=on_commit)
        return session.digest()
