"""The session API: what the terminal UI and the CLI hold instead of game state.

A :class:`Session` is a save file plus the state folded from its events. Every
command goes the same way — re-read the file if another process appended, run
the engine command on the current state, commit its events (one transaction)
and only then report them — so whatever a screen confirms is on disk, and a
killed process loses nothing that was confirmed.

Faces call: :meth:`Session.create`, :meth:`Session.open`, :meth:`Session.execute`
(with a function of :mod:`wargame.engine.commands`), :meth:`Session.view`,
:meth:`Session.play_bots`, :meth:`Session.autoplay`, :meth:`Session.digest`,
:meth:`Session.close`; and :func:`record_game` for a whole headless game.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from wargame.engine import commands
from wargame.engine.digest import state_digest
from wargame.engine.events import Event
from wargame.engine.game import Game
from wargame.engine.scenario import Scenario
from wargame.engine.state import State
from wargame.engine.views import View, view_for
from wargame.engine.digest import DIGEST_VERSION
from wargame.engine.state import new_state
from wargame.session import cuts, signing
from wargame.session.opening import open_save
from wargame.session.snapshots import fold, projection
from wargame.store import Projection, SaveFile, Snapshot, StoredEvent, default_save_path
from wargame.store.savefile import bulk

Command = Callable[..., list[Event]]


class Session:
    """One exercise: its save file and the state folded from it. Not for use from two threads at once."""

    def __init__(self, save: SaveFile, scenario: Scenario, stored: list[StoredEvent]) -> None:
        self.save = save
        self.scenario = scenario
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
    ) -> Session:
        """A new save file, created now, holding SessionStarted. ``path`` defaults to :func:`default_save_path`."""
        started = commands.start_session(scenario, scenario.world.seed if seed is None else seed, assignments)
        target = Path(path) if path is not None else default_save_path(scenario.id)
        state = new_state(scenario)
        snapshots = fold(state, started, 1)
        save = SaveFile.create(target, scenario, started, snapshots, projection(state), digest_version=DIGEST_VERSION)
        return cls._from(save, scenario, save.read())

    @classmethod
    def open(cls, path: Path | str, *, readonly: bool = False) -> Session:
        """Open a save: the scenario comes from the file (not the YAML), every event is checked first.

        ``readonly`` (review, reports): nothing is written, the file is opened
        read-only and may be on read-only media. Otherwise an older file is
        upgraded and a command the log was cut inside is completed.
        """
        save, scenario, stored = open_save(path, readonly=readonly)
        session = cls._from(save, scenario, stored)
        if not readonly:
            try:
                session._complete_cut(stored)
            except BaseException:
                session.close()
                raise
        return session

    @classmethod
    def _from(cls, save: SaveFile, scenario: Scenario, stored: list[StoredEvent]) -> Session:
        try:
            return cls(save, scenario, stored)
        except BaseException:
            save.close()
            raise

    def _complete_cut(self, stored: list[StoredEvent]) -> None:
        first = cuts.open_batch(stored, self.state.phase)
        if first is None:
            return
        rest = cuts.missing_rest(self.scenario, stored, first, self.path)
        if rest:
            snapshots = fold(self.state, rest, self.seq + 1)
            self._commit(rest, snapshots, batch=stored[first].seq)
            self.completed = len(rest)

    def close(self) -> None:
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

    def sync(self) -> int:
        """Fold in events another process appended since we last looked; return how many."""
        last, head = self.save.tail()
        if last == self.seq and head == self.head:
            return 0
        if last <= self.seq:  # the log is shorter, or its tail differs: not ours to patch, read it whole
            self._reload()
            return 0
        fresh = self.save.read(after=self.seq, previous=self.head)
        self.game.record(s.event for s in fresh)
        self.seq, self.head = fresh[-1].seq, fresh[-1].hash
        return len(fresh)

    def view(self, role: str) -> View:
        """What ``role`` (or ``"control"``) may know now, computed by the engine."""
        self.sync()
        return view_for(self.state, role)

    def digest(self) -> str:
        """The state digest of the session as it stands (see :mod:`wargame.engine.digest`)."""
        return state_digest(self.state)

    # ------------------------------------------------------------ writing

    def execute(self, command: Command, *args: Any, **kwargs: Any) -> list[Event]:
        """Run an engine command on the current state; its events are committed before this returns.

        Engine errors (:class:`wargame.engine.errors.EngineError`) are raised before
        anything is written. A store error leaves the session re-read from the file.
        """
        self.sync()
        events = command(self.state, *args, **kwargs)
        try:
            snapshots = fold(self.state, events, self.seq + 1)
        except BaseException:  # pragma: no cover - the fold never refuses what a command returned
            self._reload()
            raise
        self._commit(events, snapshots)
        return events

    def play_bots(self, policies: Mapping[str, str] | None = None) -> list[Event]:
        """Every bot-played role that has not sealed its moves makes them and seals, committed as one command.

        One transaction for all the bots of a turn: a crash leaves either none or
        all of their moves, so a resumed session never gives a bot a second go
        (the engine skips roles that sealed) and ends as an uninterrupted run does.
        """
        self.sync()
        if self.state.phase != "moves":
            return []
        try:
            events = self.game.bot_moves(policies)
        except BaseException:
            self._reload()
            raise
        self._commit(events, [], recorded=True)
        return events

    def autoplay(self, takeover: str = "random", on_commit: Callable[[Session], None] | None = None) -> State:
        """Finish the session headless: bots take over human roles (recorded), every turn is played out."""
        self.sync()
        state = self.state

        def step(command: Command, *args: Any) -> None:
            if command is Session.play_bots:
                self.play_bots()
            else:
                self.execute(command, *args)
            if on_commit is not None:
                on_commit(self)

        if state.phase != "ended":
            for role in self.scenario.world.roles:
                if state.assignments.get(role, commands.HUMAN) == commands.HUMAN:
                    step(commands.assign, role, takeover)
        while state.phase != "ended":
            if state.phase == "setup":
                step(commands.start)
            elif state.phase == "moves":
                step(Session.play_bots)
                step(commands.adjudicate)
            elif state.phase == "review":
                step(commands.end_turn)
            else:
                raise RuntimeError(f"cannot play on from phase {state.phase!r} (a log cut inside a command?)")
        return state

    def _commit(self, events: list[Event], snapshots: list[Snapshot], recorded: bool = False, batch: int | None = None) -> None:
        """Append events already folded into the state (and kept in ``game.events`` when ``recorded``).

        The session row's projection goes in the same transaction when it changed.
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
            signing.seal(self.save, self.scenario, self.signer)

    def _reload(self) -> None:
        stored = self.save.read()
        with bulk():
            self.game = Game(self.scenario, (s.event for s in stored))
        self.seq = stored[-1].seq if stored else 0
        self.head = stored[-1].hash if stored else self.save.genesis()


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
