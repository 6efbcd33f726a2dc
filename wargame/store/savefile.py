"""One save file: an SQLite database holding one exercise's scenario and its append-only event log.

Why it is shaped like this:

- **Durable per command.** :meth:`SaveFile.append` writes one command's events
  (and the snapshots they make due) in one ``BEGIN IMMEDIATE`` transaction and
  commits before returning, so whatever a screen confirms is on disk. WAL mode
  with ``synchronous=NORMAL`` survives a killed process (not necessarily a power
  cut: the last commits may then be lost, never half-written).
- **No state only in memory.** The tail (last seq and hash) is read from the
  file inside the write transaction, and the caller says which seq it believes
  is last; if another process appended meanwhile, :class:`StaleSession` is
  raised instead of forking the log.
- **Tamper-evident.** ``hash = sha256(previous hash + payload)``, starting from
  the scenario's sha256, so an edited, removed or reordered event breaks the
  chain at its seq. Reading always checks the chain and parses every payload
  before handing anything back: a bad file is refused whole, never half-loaded.
- **Readable by people.** Plain tables and JSON text, nothing pickled.
"""

from __future__ import annotations

import functools

import contextlib
import datetime as dt
import gc
import hashlib
import json
import os
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import sqlite_utils
from pydantic import TypeAdapter, ValidationError

from wargame.engine.digest import DIGEST_VERSION
from wargame.engine.events import (
    Event,
    RoleAssigned,
    SeedChosen,
    SessionEnded,
    SessionStarted,
    event_from_json,
    event_to_json,
)
from wargame.engine.scenario import Scenario, canonical_json, scenario_digest
from wargame.engine.state import new_state
from wargame.store import schema
from wargame.store.errors import (
    CorruptSave,
    NewerSchema,
    NotASave,
    SaveBusy,
    SaveExists,
    SaveNotFound,
    ScenarioMismatch,
    StaleSession,
    StoreError,
    TamperedEvent,
)
from wargame.store.snapshots import Snapshot, fold

BUSY_TIMEOUT_MS = 10_000
"""How long a writer waits for another process's transaction before giving up."""

SQLITE_HEADER = b"SQLite format 3\x00"
_TAIL = "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1"
_INSERT = "INSERT INTO events (seq, turn, kind, payload, recorded_at, hash, batch) VALUES (?, ?, ?, ?, ?, ?, ?)"
@functools.cache
def _events_adapter() -> TypeAdapter[list[Event]]:
    """Built on first read, not at import, so that starting a new session stays quick."""
    return TypeAdapter(list[Event])


def program_version() -> str:
    try:
        return metadata.version("wargame")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        return "unknown"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


def chain(previous: str, payload: str) -> str:
    """The hash of one event: sha256 over the previous event's hash followed by this payload."""
    return hashlib.sha256((previous + payload).encode()).hexdigest()


@dataclass(frozen=True)
class SessionInfo:
    """The ``session`` row plus what a listing needs from the log."""

    path: Path
    scenario_id: str
    title: str
    seed: int
    created: str
    program_version: str
    schema_version: int
    status: str
    assignments: dict[str, str]
    events: int
    turn: int
    forked_from: str | None


@dataclass(frozen=True)
class StoredEvent:
    """One row of ``events``, parsed and checked."""

    seq: int
    event: Event
    payload: str
    hash: str


@contextlib.contextmanager
def bulk() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while loading a whole log.

    Parsing 100k events allocates millions of small objects, none of them in
    cycles; the collector's repeated passes over them tripled the cost of
    opening a large session (9 µs an event against 3 µs, bench/bench_store.py).
    Restored on the way out, whatever happens.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _translate(path: Path, error: sqlite3.DatabaseError) -> StoreError:
    """SQLite's own complaint about a file, as one clear :class:`StoreError`."""
    message = str(error)
    if "not a database" in message:
        return NotASave(path, "not an SQLite database")
    if "malformed" in message or "disk image" in message or "corrupt" in message:
        return CorruptSave(path, f"the file is damaged or truncated ({message})")
    if "locked" in message or "busy" in message:
        return SaveBusy(path, f"another process kept the file locked for over {BUSY_TIMEOUT_MS // 1000} s")
    return CorruptSave(path, f"SQLite error: {message}")


@contextlib.contextmanager
def _sqlite_errors(path: Path) -> Iterator[None]:
    """Turn SQLite's own complaints about a damaged file into one clear :class:`StoreError`."""
    try:
        yield
    except sqlite3.DatabaseError as error:
        raise _translate(path, error) from None


def _connect(path: Path, create: bool) -> sqlite_utils.Database:
    uri = f"{path.resolve().as_uri().replace('file://', 'file:', 1)}?mode={'rwc' if create else 'rw'}"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    db = sqlite_utils.Database(conn, execute_plugins=False)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return db


class SaveFile:
    """An open save. Not safe for concurrent use from two threads at once; one process may hold many."""

    def __init__(self, path: Path, db: sqlite_utils.Database) -> None:
        self.path = path
        self.db = db
        self._genesis: str | None = None

    # ------------------------------------------------------------ opening

    @classmethod
    def create(
        cls,
        path: Path | str,
        scenario: Scenario,
        events: Sequence[Event],
        *,
        title: str | None = None,
        forked_from: str | None = None,
    ) -> SaveFile:
        """Write a new save holding ``scenario`` and ``events`` (starting with SessionStarted), then open it.

        The file is built under a temporary name and linked into place only when
        complete, so no half-made save ever sits at ``path``; an existing file
        there is never overwritten.
        """
        path = Path(path)
        if path.exists():
            raise SaveExists(path, "a file already exists there; choose another name")
        if not events or not isinstance(events[0], SessionStarted):
            raise ValueError("a session begins with SessionStarted")
        started = events[0]
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = _connect(tmp, create=True)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(path, f"cannot write a save there ({getattr(error, 'strerror', None) or error})") from None
        try:
            db.execute("PRAGMA journal_mode = DELETE")
            with _sqlite_errors(path), bulk(), _transaction(db):
                schema.create_v1(db)
                for version in range(1, schema.LATEST):
                    change, _rebuild = schema.MIGRATIONS[version]
                    change(db)  # a new file has no snapshots yet: nothing to rebuild
                digest = scenario_digest(scenario)
                db["scenario"].insert({"sha256": digest, "canonical_json": canonical_json(scenario)})  # type: ignore[union-attr]
                db["session"].insert(  # type: ignore[union-attr]
                    {
                        "id": 1, "scenario_id": scenario.id, "title": title or scenario.world.title, "seed": started.seed,
                        "created": _now(), "program_version": program_version(), "schema_version": schema.LATEST,
                        "status": "active", "assignments": json.dumps(started.assignments), "forked_from": forked_from,
                        "digest_version": DIGEST_VERSION,
                    }
                )
                save = cls(tmp, db)
                save._genesis = digest
                save._insert(events, fold(new_state(scenario), events, 1), 0, digest)
            db.close()
            _place(tmp, path)
        except FileExistsError:
            raise SaveExists(path, "a file already exists there; choose another name") from None
        except OSError as error:
            raise StoreError(path, f"cannot write a save there ({error.strerror or error})") from None
        finally:
            with contextlib.suppress(Exception):
                db.close()
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        return cls.open(path)

    @classmethod
    def open(cls, path: Path | str, *, migrate: bool = True) -> SaveFile:
        """Open an existing save, checking that it is one.

        With ``migrate`` (for playing on), an older schema is migrated and the file
        is switched to WAL. Without it (verify, listing) nothing is written.
        """
        path = Path(path)
        if not path.is_file():
            raise SaveNotFound(path, "no such save file")
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header != SQLITE_HEADER:
            raise NotASave(path, "not an SQLite database" if header else "an empty file, not a save")
        db = _connect(path, create=False)
        save = cls(path, db)
        try:
            with _sqlite_errors(path):
                version = schema.user_version(db)
                if version > schema.LATEST:
                    raise NewerSchema(
                        path, f"written by a newer wargame (schema version {version}; this program knows up to {schema.LATEST})"
                    )
                missing = [t for t in schema.TABLES if not db[t].exists()]
                if version < 1 or missing:
                    raise NotASave(path, f"an SQLite database, but not a wargame save (missing: {', '.join(missing) or 'version'})")
                if migrate:
                    if db.journal_mode != "wal":
                        db.enable_wal()
                    db.execute("PRAGMA synchronous = NORMAL")
                    if version < schema.LATEST or save.digest_version() != DIGEST_VERSION:
                        save._migrate()
        except BaseException:
            db.close()
            raise
        return save

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SaveFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ reading

    def version(self) -> int:
        with _sqlite_errors(self.path):
            return schema.user_version(self.db)

    def digest_version(self) -> int:
        """The state-digest version the stored snapshots were taken with (1 before the column existed)."""
        with _sqlite_errors(self.path):
            if "digest_version" not in self.db["session"].columns_dict:  # type: ignore[union-attr]
                return 1
            row = self.db.execute("SELECT digest_version FROM session WHERE id = 1").fetchone()
        return int(row[0]) if row and row[0] is not None else 1

    def info(self) -> SessionInfo:
        """The session row and the log's extent; works on every schema version."""
        with _sqlite_errors(self.path):
            rows = list(self.db.query("SELECT * FROM session WHERE id = 1"))
            if not rows:
                raise NotASave(self.path, "no session row")
            row = rows[0]
            count = self.db.execute("SELECT count(*) FROM events").fetchone()[0]
            last = self.db.execute("SELECT turn FROM events ORDER BY seq DESC LIMIT 1").fetchone()
            turn = int(last[0]) if last else 0  # turns never go back: the last event's is the highest
        return SessionInfo(
            path=self.path, scenario_id=row["scenario_id"], title=row.get("title") or "", seed=row["seed"],
            created=row["created"], program_version=row.get("program_version") or "", schema_version=row["schema_version"],
            status=row["status"], assignments=json.loads(row.get("assignments") or "{}"), events=count, turn=turn,
            forked_from=row.get("forked_from"),
        )

    def scenario(self) -> Scenario:
        """The scenario exactly as it was when the session started, checked against its hash."""
        with _sqlite_errors(self.path):
            rows = list(self.db.query("SELECT sha256, canonical_json FROM scenario"))
            session_id = self.db.execute("SELECT scenario_id FROM session WHERE id = 1").fetchone()
        if len(rows) != 1:
            raise ScenarioMismatch(self.path, f"expected one stored scenario, found {len(rows)}")
        stored, text = rows[0]["sha256"], rows[0]["canonical_json"]
        if hashlib.sha256(text.encode()).hexdigest() != stored:
            raise ScenarioMismatch(self.path, "the stored scenario does not match its sha256 (edited after the session started?)")
        try:
            scenario = Scenario.model_validate_json(text)
        except ValidationError as error:
            raise ScenarioMismatch(self.path, f"the stored scenario is not valid ({error.error_count()} problems)") from None
        if canonical_json(scenario) != text:
            raise ScenarioMismatch(self.path, "the stored scenario does not round-trip (written by an incompatible program?)")
        if session_id is None or session_id[0] != scenario.id:
            raise ScenarioMismatch(self.path, f"the session names scenario {session_id and session_id[0]!r}, the file holds {scenario.id!r}")
        self._genesis = stored
        return scenario

    def genesis(self) -> str:
        """The hash the chain starts from: the scenario's sha256."""
        if self._genesis is None:
            with _sqlite_errors(self.path):
                row = self.db.execute("SELECT sha256 FROM scenario").fetchone()
            if row is None:
                raise ScenarioMismatch(self.path, "no stored scenario")
            self._genesis = str(row[0])
        return self._genesis

    def tail(self) -> tuple[int, str]:
        """The last committed seq and its hash, read from the file (0 and the genesis when empty)."""
        with _sqlite_errors(self.path):
            row = self.db.conn.execute(_TAIL).fetchone()
        return (int(row[0]), str(row[1])) if row else (0, self.genesis())

    def read(self, after: int = 0, previous: str | None = None, upto: int | None = None) -> list[StoredEvent]:
        """Events after seq ``after`` (up to ``upto``), each checked: contiguous, chained, a valid event.

        ``previous`` is the hash of event ``after`` (the genesis when ``after`` is 0);
        when not given it is read from the file.
        """
        if previous is None:
            previous = self.genesis() if after == 0 else self._hash_of(after)
        sql = "SELECT seq, turn, kind, payload, hash FROM events WHERE seq > ?"
        params: list[int] = [after]
        if upto is not None:
            sql += " AND seq <= ?"
            params.append(upto)
        with bulk():
            return self._read(sql + " ORDER BY seq", params, after, previous)

    def _read(self, sql: str, params: list[int], after: int, previous: str) -> list[StoredEvent]:
        with _sqlite_errors(self.path):
            rows = self.db.execute(sql, params).fetchall()
        expected = after + 1
        for seq, _turn, _kind, payload, stored_hash in rows:
            if seq != expected:
                raise TamperedEvent(self.path, expected, f"missing from the log (next stored is {seq})")
            if chain(previous, payload) != stored_hash:
                raise TamperedEvent(self.path, seq, "hash mismatch: the event was changed after it was recorded")
            previous = stored_hash
            expected += 1
        events = self._parse(rows)
        out: list[StoredEvent] = []
        for (seq, turn, kind, payload, stored_hash), event in zip(rows, events):
            if event.kind != kind or event.turn != turn:
                raise TamperedEvent(self.path, seq, f"columns say {kind}/turn {turn}, payload says {event.kind}/turn {event.turn}")
            out.append(StoredEvent(seq, event, payload, stored_hash))
        if after == 0 and out and not isinstance(out[0].event, SessionStarted):
            raise TamperedEvent(self.path, 1, "the log does not begin with session_started")
        return out

    def _parse(self, rows: list[tuple[int, int, str, str, str]]) -> list[Event]:
        """Parse payloads all at once (pydantic-core, one call: ~1.6x faster than one call per event).

        Any anomaly — a validation error, or a payload that is not exactly one
        JSON value and so shifts the array — falls back to parsing one by one,
        which names the event at fault.
        """
        if rows:
            try:
                events = _events_adapter().validate_json("[" + ",".join(row[3] for row in rows) + "]")
                if len(events) == len(rows):
                    return events
            except ValidationError:
                pass
        events = []
        for seq, _turn, _kind, payload, _hash in rows:
            try:
                events.append(event_from_json(payload))
            except ValidationError as error:
                raise TamperedEvent(self.path, seq, f"payload is not a valid event ({error.errors()[0]['msg']})") from None
        return events

    def _hash_of(self, seq: int) -> str:
        with _sqlite_errors(self.path):
            row = self.db.execute("SELECT hash FROM events WHERE seq = ?", [seq]).fetchone()
        if row is None:
            raise TamperedEvent(self.path, seq, "missing from the log")
        return str(row[0])

    def snapshots(self) -> list[Snapshot]:
        with _sqlite_errors(self.path):
            return [Snapshot.from_row(row) for row in self.db.query("SELECT * FROM snapshots ORDER BY seq")]

    def snapshot_for_turn(self, turn: int) -> Snapshot | None:
        """The last snapshot taken in ``turn`` (its end, when it ended): one indexed row, no replay."""
        with _sqlite_errors(self.path):
            rows = list(self.db.query("SELECT * FROM snapshots WHERE turn = ? ORDER BY seq DESC LIMIT 1", [turn]))
        return Snapshot.from_row(rows[0]) if rows else None

    def integrity_check(self) -> list[str]:
        """SQLite's own full check; an empty list when the file is sound."""
        with _sqlite_errors(self.path):
            rows = [str(r[0]) for r in self.db.execute("PRAGMA integrity_check").fetchall()]
        return [] if rows == ["ok"] else rows

    # ------------------------------------------------------------ writing

    def append(self, events: Sequence[Event], snapshots: Sequence[Snapshot], expected_last: int) -> tuple[int, str]:
        """Commit one command's events and their snapshots in one transaction; return the new last seq and hash.

        ``expected_last`` is the seq the caller's state was folded up to. It is
        compared with the tail read inside the transaction, so two processes
        can never both append after the same event.
        """
        if not events:
            return self.tail()
        conn = self.db.conn  # the hot path: plain calls on sqlite-utils' connection, no per-call parsing
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                row = conn.execute(_TAIL).fetchone()
                last, previous = (int(row[0]), str(row[1])) if row else (0, self.genesis())
                if last != expected_last:
                    raise StaleSession(
                        self.path, f"another process appended (the log is at event {last}, this session at {expected_last})"
                    )
                head = self._insert(events, snapshots, last, previous)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as error:
            raise _translate(self.path, error) from None
        return last + len(events), head

    def _insert(self, events: Sequence[Event], snapshots: Sequence[Snapshot], last: int, previous: str) -> str:
        now = _now()
        rows: list[tuple[Any, ...]] = []
        for seq, event in enumerate(events, start=last + 1):
            payload = event_to_json(event)
            previous = chain(previous, payload)
            rows.append((seq, event.turn, event.kind, payload, now, previous, last + 1))
        conn = self.db.conn
        if len(rows) == 1:
            conn.execute(_INSERT, rows[0])
        else:
            conn.executemany(_INSERT, rows)
        if snapshots:
            conn.executemany(
                "INSERT OR REPLACE INTO snapshots (seq, turn, kind, phase, variables, scores, digest) "
                "VALUES (:seq, :turn, :kind, :phase, :variables, :scores, :digest)",
                [s.row() for s in snapshots],
            )
        for event in events:
            if isinstance(event, SessionEnded):
                conn.execute("UPDATE session SET status = 'ended' WHERE id = 1")
            elif isinstance(event, SeedChosen):
                conn.execute("UPDATE session SET seed = ? WHERE id = 1", [event.seed])
            elif isinstance(event, RoleAssigned):
                current = json.loads(conn.execute("SELECT assignments FROM session WHERE id = 1").fetchone()[0] or "{}")
                current[event.role] = event.player
                conn.execute("UPDATE session SET assignments = ? WHERE id = 1", [json.dumps(current)])
        return previous

    def _migrate(self) -> None:
        """Bring an older file up to :data:`schema.LATEST` and the current digest, in one transaction (all or nothing)."""
        with _sqlite_errors(self.path), _transaction(self.db):
            version = schema.user_version(self.db)
            rebuild = False
            while version < schema.LATEST:
                change, needs_rebuild = schema.MIGRATIONS[version]
                change(self.db)
                rebuild = rebuild or needs_rebuild
                version = schema.user_version(self.db)
            if rebuild or self.digest_version() != DIGEST_VERSION:
                self.rebuild_snapshots()
                self.db.execute("UPDATE session SET digest_version = ? WHERE id = 1", [DIGEST_VERSION])

    def rebuild_snapshots(self) -> None:
        """Recompute every snapshot by replaying the (checked) log. Call inside a transaction."""
        scenario = self.scenario()
        stored = self.read()
        taken = fold(new_state(scenario), [s.event for s in stored], 1)
        self.db.execute("DELETE FROM snapshots")
        self.db.conn.executemany(
            "INSERT INTO snapshots (seq, turn, kind, phase, variables, scores, digest) "
            "VALUES (:seq, :turn, :kind, :phase, :variables, :scores, :digest)",
            [s.row() for s in taken],
        )


def _place(tmp: Path, path: Path) -> None:
    """Move the finished file into place without ever clobbering one that appeared meanwhile."""
    try:
        os.link(tmp, path)  # atomic, and fails if ``path`` exists
    except FileExistsError:
        raise
    except OSError:  # a filesystem without hard links
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(tmp, path)


@contextlib.contextmanager
def _transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``: takes the write lock up front, so a busy writer waits instead of deadlocking.

    (``db.atomic()`` begins a deferred transaction, which can fail with SQLITE_BUSY
    when two processes both upgrade from reading to writing.) sqlite-utils
    calls made inside nest as savepoints.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")
