"""One save file: an SQLite database holding one exercise's scenario and its append-only event log.

The store is a log and nothing more: it appends the events and the snapshot
rows it is handed, reads them back checked, and knows none of the engine's
rules (which events close a turn, where a fork may cut, what the state is).
Those live in :mod:`wargame.session`.

Why it is shaped like this:

- **Durable per command.** :meth:`SaveFile.append` writes one command's events
  (and the snapshots and session-row projection the caller computed) in one
  ``BEGIN IMMEDIATE`` transaction and commits before returning, so whatever a
  screen confirms is on disk. WAL mode with ``synchronous=NORMAL`` survives a
  killed process (not necessarily a power cut: the last commits may then be
  lost, never half-written). The last event of each command is marked
  (``closes``), so a log cut inside a command is known as such.
- **No state only in memory.** The tail (last seq and hash) is read from the
  file inside the write transaction, and the caller says which seq it believes
  is last; if another process appended meanwhile, :class:`StaleSession` is
  raised instead of forking the log.
- **Tamper-evident, not tamper-proof.** Every event row is hash-chained
  (:mod:`wargame.store.chain`). Reading always checks the chain and parses every
  payload before handing anything back: a bad file is refused whole, never
  half-loaded. The chain has no secret; signatures (``seals``) are stored here
  but made and checked by the session layer.
- **Readers never write.** :meth:`SaveFile.open` with ``readonly`` opens the file
  with ``mode=ro`` (or ``immutable=1`` when no ``-wal`` file exists, where
  ``mode=ro`` would create one), so listing, verifying, reporting and
  reviewing work on read-only media and leave the folder as they found it.
- **Self-contained at rest.** A writer switches the file back to a rollback
  journal when it is the last to close it, so a save that is not open is one
  file: copying it copies everything.
- **Readable by people.** Plain tables and JSON text, nothing pickled.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import hashlib
import json
import os
import re
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from itertools import repeat
from operator import attrgetter
from typing import Any, NamedTuple

import sqlite_utils
from pydantic import TypeAdapter, ValidationError

from wargame.engine.events import EVENT_CLASSES, Event, SessionStarted, event_from_json, event_json_bytes
from wargame.engine.scenario import Scenario, canonical_json, scenario_digest
from wargame.store import schema
from wargame.store.chain import chain_version, link_v1, link_v2
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
from wargame.store.snapshots import Snapshot

BUSY_TIMEOUT_MS = 10_000
"""How long a writer waits for another process's transaction before giving up."""

SQLITE_HEADER = b"SQLite format 3\x00"
_TAIL = "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1"
_INSERT = "INSERT INTO events (seq, turn, kind, payload, recorded_at, hash, batch, closes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
_SNAPSHOT = (
    "INSERT OR REPLACE INTO snapshots (seq, turn, kind, phase, variables, scores, digest) "
    "VALUES (:seq, :turn, :kind, :phase, :variables, :scores, :digest)"
)
_sha256 = hashlib.sha256
_SLICE = 2048
"""Rows checked and parsed at a time when reading the log."""
_kind, _turn = attrgetter("kind"), attrgetter("turn")


@functools.cache
def _kind_adapter(kind: str) -> TypeAdapter[list[Any]]:
    """The validator of a list of one kind of event, built on its first read (not at import, so that
    starting a new session stays quick); raises KeyError for a kind no event has."""
    return TypeAdapter(list[EVENT_CLASSES[kind]])  # type: ignore[valid-type]


def program_version() -> str:
    try:
        return metadata.version("wargame")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        return "unknown"


_second: tuple[int, str] = (-1, "")
"""The last whole second :func:`_now` formatted, and its text up to the seconds."""


def _now() -> str:
    """The current UTC time as ``2026-11-29T19:40:42.704+00:00``: what
    ``datetime.now(timezone.utc).isoformat(timespec="milliseconds")`` gives (milliseconds truncated).

    On every append, so built cheaply: the text up to the seconds is formatted
    once a second (``isoformat`` costs about 17,000 instructions a call here).
    """
    global _second
    second, nanoseconds = divmod(time.time_ns(), 1_000_000_000)
    cached, text = _second
    if second != cached:
        text = dt.datetime.fromtimestamp(second, dt.timezone.utc).isoformat()[:19]
        _second = (second, text)
    return f"{text}.{nanoseconds // 1_000_000:03d}+00:00"


@dataclass(frozen=True)
class Projection:
    """The session row's columns derived from the events, computed by the session layer and only stored here.

    Nothing reads them as truth: a session's seed, status and assignments are
    the fold of its events; these columns serve listings and people reading the
    file, and ``verify`` checks them against the fold.
    """

    seed: int
    status: str
    assignments: dict[str, str]


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
    complete: bool = True
    """False when the last event does not close its command: the log was cut inside one."""


class StoredEvent(NamedTuple):
    """One row of ``events``, parsed and checked (a named tuple: a 100k-event log makes 100k of them).

    The payload's bytes are not kept once checked and parsed: ``event_json_bytes(event)`` gives them again
    for any payload the store wrote (``tests/engine/test_event_bytes.py``), and keeping 100,000 of them
    took a third of a read's memory.
    """

    seq: int
    event: Event
    hash: str
    batch: int
    """The seq of the first event of the command that wrote this one."""
    closes: bool
    """True on the last event of its command."""
    recorded_at: str


@dataclass(frozen=True)
class Seal:
    """A stored signature (made and checked by :mod:`wargame.session.signing`)."""

    seq: int
    message: str
    public_key: str
    signature: str
    hashes: bytes


@contextlib.contextmanager
def bulk() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while loading a whole log.

    Parsing 100k events allocates millions of small objects, none of them in
    cycles; the collector's repeated passes over them tripled the cost of
    opening a large session (bench/bench_store.py). Restored on the way out.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Hand what the load allocated to the oldest generation without a pass over it: re-enabled as
            # it stood, the collector's next young-generation pass would traverse every object just loaded
            # (a third of opening 100k events). freeze() moves every tracked object out of the collector's
            # generations in one step (and zeroes the young count), unfreeze() puts them back as old; they
            # are still freed by reference counting, and a later full pass still sees them.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _translate(path: Path, error: sqlite3.Error) -> StoreError:
    """SQLite's own complaint about a file, as one clear :class:`StoreError`."""
    message = str(error)
    if "not a database" in message:
        return NotASave(path, "not an SQLite database")
    if "malformed" in message or "disk image" in message or "corrupt" in message:
        return CorruptSave(path, f"the file is damaged or truncated ({message})")
    if "locked" in message or "busy" in message:
        return SaveBusy(path, f"another process kept the file locked for over {BUSY_TIMEOUT_MS // 1000} s")
    if "Could not decode to UTF-8" in message:  # SQLite's message goes on to quote the damaged text itself
        column = re.search(r"column '([^']*)'", message)
        where = f" (column {column.group(1)})" if column else ""
        return CorruptSave(path, f"the file is damaged: a text in it is not valid UTF-8{where}")
    if "readonly" in message or "read-only" in message or "unable to open" in message:
        return StoreError(path, "the file or its folder is read-only: it can be read (verify, review, report, export), not played on")
    return CorruptSave(path, f"SQLite error: {message}")


@contextlib.contextmanager
def _sqlite_errors(path: Path) -> Iterator[None]:
    """Turn SQLite's own complaints about a damaged file into one clear :class:`StoreError`."""
    try:
        yield
    except sqlite3.DatabaseError as error:
        raise _translate(path, error) from None


def _uri(path: Path, mode: str) -> str:
    base = path.resolve().as_uri().replace("file://", "file:", 1)
    return f"{base}?immutable=1" if mode == "immutable" else f"{base}?mode={mode}"


def _connect(path: Path, mode: str) -> sqlite_utils.Database:
    """``mode``: ``rwc`` (create), ``rw``, ``ro`` or ``immutable`` (read-only, no locks, the ``-wal`` ignored)."""
    conn = sqlite3.connect(_uri(path, mode), uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=False)
    db = sqlite_utils.Database(conn, execute_plugins=False)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return db


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


_LOCKED_HERE: dict[tuple[int, int], int] = {}
"""How many saves this process has open on each file (device, inode) through a connection that takes locks."""


def _file_key(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_dev, stat.st_ino


def _header_says_wal(path: Path) -> bool:
    """Bytes 18 and 19 of an SQLite header are 2 when the file is in WAL mode."""
    with path.open("rb") as handle:
        header = handle.read(20)
    return len(header) == 20 and header[18] == 2 and header[19] == 2


def _read_only_mode(path: Path) -> str:
    """How to open ``path`` for reading without writing anything beside it.

    With a ``-wal`` file present, ``mode=ro`` reads it (a writer may be active).
    Without one, a WAL-mode file opened with ``mode=ro`` would get an empty
    ``-wal`` and ``-shm`` created beside it; ``immutable=1`` reads the file as
    it is, which is all there is.
    """
    if wal_path(path).exists() or not _header_says_wal(path):
        return "ro"
    return "immutable"



SIDE_FILE_SUFFIXES = ("-wal", "-shm", "-journal")
"""What SQLite appends to a save's name for the files it keeps beside it."""


def _refuse_side_file_name(path: Path) -> None:
    """A new save may not be named like another save's side file: ``g.db-wal`` written as a save would be
    taken (and deleted) by SQLite as part of ``g.db``. Raises :class:`StoreError`."""
    if path.name.endswith(SIDE_FILE_SUFFIXES):
        raise StoreError(path, "a save's name may not end in -wal, -shm or -journal: SQLite keeps the files "
                               "beside a save under such names; choose another name")

def _refuse_replacing_an_open_save(path: Path) -> None:
    """Before a save is replaced: refuse (:class:`StoreError`) when SQLite keeps a side file beside it, as it does
    while a session has the save open or after one stopped abruptly: the new file would be read with the old
    save's ``-wal`` and be damaged."""
    for suffix in SIDE_FILE_SUFFIXES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            raise StoreError(path, f"{side.name} is beside it: the save may be open in a session (or was not "
                                   "closed cleanly); close it, or choose another name")


class SaveFile:
    """An open save. Not safe for concurrent use from two threads at once; one process may hold many."""

    def __init__(self, path: Path, db: sqlite_utils.Database, readonly: bool = False) -> None:
        self.path = path
        self.db = db
        self.readonly = readonly
        self._genesis: str | None = None
        self._schema: int | None = None
        self._writing = False
        self._cursor = db.conn.cursor()
        self._locks: tuple[int, int] | None = None
        """The file's (device, inode) while this save counts in ``_LOCKED_HERE``."""

    # ------------------------------------------------------------ opening

    @classmethod
    def create(
        cls,
        path: Path | str,
        scenario: Scenario,
        events: Sequence[Event],
        snapshots: Sequence[Snapshot],
        projection: Projection,
        *,
        title: str | None = None,
        forked_from: str | None = None,
        digest_version: int,
        batches: Sequence[int] | None = None,
    ) -> SaveFile:
        """Write a new save holding ``scenario`` and ``events`` (starting with SessionStarted), then open it.

        ``snapshots`` and ``projection`` are computed by the caller; ``batches``
        gives the number of events of each command (default: one command). The
        file is built under a temporary name and linked into place only when
        complete, so no half-made save ever sits at ``path``; an existing file
        there is never overwritten.
        """
        path = Path(path)
        _refuse_side_file_name(path)
        if path.exists():
            raise SaveExists(path, "a file already exists there; choose another name")
        for side in (wal_path(path), path.with_name(path.name + "-shm")):
            if side.exists():  # SQLite would read a dead save's log into the new one
                raise SaveExists(path, f"a leftover {side.name} from an earlier save lies beside it; "
                                       "remove it or choose another name")
        if not events or not isinstance(events[0], SessionStarted):
            raise ValueError("a session begins with SessionStarted")
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = _connect(tmp, "rwc")
        except (OSError, sqlite3.Error) as error:
            raise StoreError(path, f"cannot write a save there ({getattr(error, 'strerror', None) or error})") from None
        try:
            db.execute("PRAGMA journal_mode = DELETE")
            with _sqlite_errors(path), bulk(), _transaction(db):
                schema.create_v1(db)
                for version in range(1, schema.LATEST):
                    schema.MIGRATIONS[version](db)
                digest = scenario_digest(scenario)
                db["scenario"].insert({"sha256": digest, "canonical_json": canonical_json(scenario)})  # type: ignore[union-attr]
                db["session"].insert(  # type: ignore[union-attr]
                    {
                        "id": 1, "scenario_id": scenario.id, "title": title or scenario.world.title,
                        "seed": projection.seed, "created": _now(), "program_version": program_version(),
                        "schema_version": schema.LATEST, "status": projection.status,
                        "assignments": json.dumps(projection.assignments), "forked_from": forked_from,
                        "digest_version": digest_version,
                    }
                )
                save = cls(tmp, db)
                save._genesis = digest
                last, previous = 0, digest
                for size in batches or [len(events)]:
                    previous = save._insert(events[last : last + size], last, previous, last + 1, True)
                    last += size
                if last != len(events):
                    raise ValueError("batches do not add up to the events")
                db.conn.executemany(_SNAPSHOT, [s.row() for s in snapshots])
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
        opened = cls.open(path)
        try:
            return opened.begin_writing()
        except BaseException:
            opened.close()
            raise

    @classmethod
    def open(cls, path: Path | str, *, readonly: bool = False) -> SaveFile:
        """Open an existing save, checking that it is one; a newer schema is refused.

        ``readonly`` (verify, listing, review, reports, a fork's source): the file
        is opened read-only and nothing is ever written, not even beside it.
        Otherwise nothing is written either until :meth:`begin_writing`; an older
        schema is left as it is until :meth:`upgrade`.
        """
        path = Path(path)
        if not path.is_file():
            raise SaveNotFound(path, "no such save file")
        key = _file_key(path)
        if _LOCKED_HERE.get(key):
            # This process already has the file open through SQLite, which holds POSIX locks on it; closing any
            # other descriptor of the file would drop them all (POSIX), and a writer elsewhere could then delete
            # the -wal under that open session. The header is known good: it is not read again.
            mode = "ro" if readonly else "rw"
        else:
            try:
                with path.open("rb") as handle:
                    header = handle.read(len(SQLITE_HEADER))
            except OSError as error:
                raise StoreError(path, f"cannot be read ({error.strerror or error})") from None
            if header != SQLITE_HEADER:
                raise NotASave(path, "not an SQLite database" if header else "an empty file, not a save")
            mode = _read_only_mode(path) if readonly else "rw"
        try:
            db = _connect(path, mode)
        except sqlite3.Error as error:
            raise _translate(path, error) from None
        save = cls(path, db, readonly)
        if mode != "immutable":  # an immutable connection takes no lock, so nothing of it can be dropped
            save._locks = key
            _LOCKED_HERE[key] = _LOCKED_HERE.get(key, 0) + 1
        try:
            try:
                version = save.version()
            except StoreError:
                if mode != "ro":
                    raise
                # Read-only media with a -wal but no -shm beside it: read what the file itself holds.
                db.close()
                db = save.db = _connect(path, "immutable")
                save._cursor = db.conn.cursor()
                version = save.version()
            with _sqlite_errors(path):
                if version > schema.LATEST:
                    raise NewerSchema(
                        path, f"written by a newer wargame (schema version {version}; this program knows up to {schema.LATEST})"
                    )
                missing = [t for t in schema.TABLES if not db[t].exists()]
                if version < 1 or missing:
                    raise NotASave(path, f"an SQLite database, but not a wargame save (missing: {', '.join(missing) or 'version'})")
        except BaseException:
            save.close()
            raise
        return save

    def begin_writing(self) -> SaveFile:
        """Switch the file to WAL with ``synchronous=NORMAL``, for appending; called once the caller's checks passed.

        Until then a file opened for writing has not been touched, so a refused file stays byte for byte as it was.
        """
        if self.readonly:
            raise StoreError(self.path, "opened read-only")
        with _sqlite_errors(self.path):
            if self.db.journal_mode != "wal":
                self.db.enable_wal()
            self.db.execute("PRAGMA synchronous = NORMAL")
        self._writing = True
        return self

    def close(self) -> None:
        """Close; a writer that is the file's last user switches it back to one self-contained file."""
        if self._writing:
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("PRAGMA busy_timeout = 0")
                self.db.execute("PRAGMA journal_mode = DELETE")  # refused (busy) while another connection is open
        self.db.close()
        if self._locks is not None:
            left = _LOCKED_HERE.get(self._locks, 1) - 1
            if left > 0:
                _LOCKED_HERE[self._locks] = left
            else:
                _LOCKED_HERE.pop(self._locks, None)
            self._locks = None

    def __enter__(self) -> SaveFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ reading

    @contextlib.contextmanager
    def snapshot_read(self) -> Iterator[None]:
        """One read transaction: every read inside sees the file as it was at its first read.

        Another process may append meanwhile; nothing it writes is seen until
        the transaction ends. ``verify`` runs inside one, so that it never
        compares events of one moment with snapshots of another.
        """
        conn = self.db.conn
        with _sqlite_errors(self.path):
            conn.execute("BEGIN")
        try:
            yield
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")

    def version(self) -> int:
        with _sqlite_errors(self.path):
            return schema.user_version(self.db)

    def digest_version(self) -> int:
        """The state-digest version the stored snapshots were taken with (1 before the column existed, 0 = to rebuild)."""
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
            closes = "closes" if self.version() >= 3 else "1"
            last = self.db.execute(f"SELECT turn, {closes} FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        turn = int(last[0]) if last else 0  # turns never go back: the last event's is the highest
        return SessionInfo(
            path=self.path, scenario_id=row["scenario_id"], title=row.get("title") or "", seed=row["seed"],
            created=row["created"], program_version=row.get("program_version") or "", schema_version=row["schema_version"],
            status=row["status"], assignments=json.loads(row.get("assignments") or "{}"), events=count, turn=turn,
            forked_from=row.get("forked_from"), complete=bool(last[1]) if last else True,
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

    def _schema_version(self) -> int:
        if self._schema is None:
            self._schema = self.version()
        return self._schema

    def read(self, after: int = 0, previous: str | None = None, upto: int | None = None) -> list[StoredEvent]:
        """Events after seq ``after`` (up to ``upto``), each checked: contiguous, chained, a valid event.

        ``previous`` is the hash of event ``after`` (the genesis when ``after`` is 0);
        when not given it is read from the file. Raises :class:`TamperedEvent`
        naming the first event at fault.
        """
        if previous is None:
            previous = self.genesis() if after == 0 else self._hash_of(after)
        version = self._schema_version()
        columns = {1: "seq, 1", 2: "batch, 1"}.get(version, "batch, closes")
        sql = f"SELECT seq, turn, kind, CAST(payload AS BLOB), hash, recorded_at, {columns} FROM events WHERE seq > ?"
        params: list[int] = [after]
        if upto is not None:
            sql += " AND seq <= ?"
            params.append(upto)
        chain = chain_version(version)
        with bulk(), _sqlite_errors(self.path):
            cursor = self.db.conn.execute(sql + " ORDER BY seq", params)
            if version < 3:  # a command's end is derived from the next row: the whole log at once
                return self._check(_derive_closes(cursor.fetchall()), after, previous, chain)
            # In slices, all from the one statement (one read transaction, so one consistent snapshot):
            # each slice's temporary rows, columns, link texts and JSON array reuse the memory the last
            # slice freed, instead of the whole log's being held at once (bench/bench_store.py).
            out: list[StoredEvent] = []
            while rows := cursor.fetchmany(_SLICE):
                part = self._check(rows, after, previous, chain)
                out += part
                after, previous = part[-1].seq, part[-1].hash
            return out

    def _check(self, rows: list[tuple[Any, ...]], after: int, previous: str, chain: int) -> list[StoredEvent]:
        """Contiguous seqs, every link, every payload, columns agreeing with payloads; the first fault is raised.

        Written column-wise (C-level ``zip``/``map`` over whole columns, each link
        checked against the stored hash before it rather than in a loop carrying
        the previous hash): reading a large log is dominated by per-row Python
        overhead otherwise (bench/bench_store.py).
        """
        if not rows:
            return []
        seqs, turns, kinds, payloads, hashes, recorded, batches, closes = zip(*rows)
        if seqs[0] != after + 1 or seqs[-1] != after + len(rows):
            expected = after + 1
            for seq in seqs:
                if seq != expected:
                    raise TamperedEvent(self.path, expected, f"missing from the log (next stored is {seq})")
                expected += 1
        sha256 = _sha256
        befores = (previous, *hashes[:-1])
        links: list[str] = []
        append = links.append
        # Each link's head and payload are fed to sha256 apart: joining them first copied every payload
        # once more, which cost more than the second call (bench/bench_store.py).
        if chain == 2:
            for before, at, batch, last, payload in zip(befores, recorded, batches, closes, payloads):
                link = sha256(f"{before}|{at}|{batch}|{last}|".encode())
                link.update(payload)
                append(link.hexdigest())
        else:
            for before, payload in zip(befores, payloads):
                link = sha256(before.encode())
                link.update(payload)
                append(link.hexdigest())
        if links != list(hashes):
            seq = next(seq for seq, link, stored in zip(seqs, links, hashes) if link != stored)
            raise TamperedEvent(self.path, seq, "hash mismatch: the event was changed after it was recorded")
        events, by_kind = self._parse(rows, payloads, kinds)
        if (not by_kind and tuple(map(_kind, events)) != kinds) or tuple(map(_turn, events)) != turns:
            row, event = next((r, e) for r, e in zip(rows, events) if (e.kind, e.turn) != (r[2], r[1]))
            raise TamperedEvent(self.path, row[0], f"columns say {row[2]}/turn {row[1]}, payload says {event.kind}/turn {event.turn}")
        # One text per command for the time it was recorded (every event of a command has the same), not one per row.
        once: dict[str, str] = {}
        times = map(once.setdefault, recorded, recorded)
        out: list[StoredEvent] = list(map(
            tuple.__new__, repeat(StoredEvent), zip(seqs, events, hashes, batches, map(bool, closes), times)
        ))
        if after == 0 and out and not isinstance(out[0].event, SessionStarted):
            raise TamperedEvent(self.path, 1, "the log does not begin with session_started")
        return out

    def _parse(self, rows: list[tuple[Any, ...]], payloads: Sequence[bytes], kinds: Sequence[str]) -> tuple[list[Event], bool]:
        """Parse a slice's payloads a kind at a time: pydantic-core validates each kind's JSON bytes as one
        array, as the class its rows' ``kind`` column names (no dispatch on the union per event; 6% faster).
        Returns the events, and whether each was parsed as its row's kind (then no kind differs from its column).

        Any anomaly — a validation error (a payload of another kind than its column
        says among them), a kind no event has, or a payload that is not exactly one
        JSON value and so shifts the array — falls back to parsing one by one,
        which names the event at fault.
        """
        if rows:
            groups: dict[str, tuple[list[int], list[bytes]]] = {}
            for at, (kind, payload) in enumerate(zip(kinds, payloads)):
                group = groups.get(kind)
                if group is None:
                    group = groups[kind] = ([], [])
                group[0].append(at)
                group[1].append(payload)
            parsed: list[Any] = [None] * len(rows)
            try:
                for kind, (places, texts) in groups.items():
                    # strict: what the store writes always passes, and 15% faster; anything strict refuses
                    # (e.g. 1.0 for a turn) is parsed again one by one below, as before
                    events = _kind_adapter(kind).validate_json(b"[" + b",".join(texts) + b"]", strict=True)
                    if len(events) != len(places):
                        break
                    for at, event in zip(places, events):
                        parsed[at] = event
                else:
                    return parsed, True
            except (ValidationError, KeyError):
                pass
        events = []
        for row in rows:
            try:
                events.append(event_from_json(row[3]))
            except ValidationError as error:
                raise TamperedEvent(self.path, row[0], f"payload is not a valid event ({error.errors()[0]['msg']})") from None
        return events, False

    def _hash_of(self, seq: int) -> str:
        with _sqlite_errors(self.path):
            row = self.db.execute("SELECT hash FROM events WHERE seq = ?", [seq]).fetchone()
        if row is None:
            raise TamperedEvent(self.path, seq, "missing from the log")
        return str(row[0])

    def hashes(self, first: int, last: int) -> list[str]:
        """The stored hashes of events ``first`` … ``last`` (as stored; :meth:`read` checks them)."""
        with _sqlite_errors(self.path):
            rows = self.db.execute("SELECT hash FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq", [first, last]).fetchall()
        return [str(r[0]) for r in rows]

    def snapshots(self) -> list[Snapshot]:
        with _sqlite_errors(self.path):
            return [Snapshot.from_row(row) for row in self.db.query("SELECT * FROM snapshots ORDER BY seq")]

    def snapshot_for_turn(self, turn: int) -> Snapshot | None:
        """The last snapshot taken in ``turn`` (its end, when it ended): one indexed row, no replay."""
        with _sqlite_errors(self.path):
            rows = list(self.db.query("SELECT * FROM snapshots WHERE turn = ? ORDER BY seq DESC LIMIT 1", [turn]))
        return Snapshot.from_row(rows[0]) if rows else None

    def seals(self) -> list[Seal]:
        """Stored signatures, oldest first (none before schema 3)."""
        if self._schema_version() < 3:
            return []
        with _sqlite_errors(self.path):
            rows = self.db.execute("SELECT seq, message, public_key, signature, hashes FROM seals ORDER BY id").fetchall()
        return [Seal(int(r[0]), str(r[1]), str(r[2]), str(r[3]), bytes(r[4])) for r in rows]

    def integrity_check(self) -> list[str]:
        """SQLite's own full check; an empty list when the file is sound."""
        with _sqlite_errors(self.path):
            rows = [str(r[0]) for r in self.db.execute("PRAGMA integrity_check").fetchall()]
        return [] if rows == ["ok"] else rows

    def events_in_file_alone(self) -> int | None:
        """How many events the main file holds without its ``-wal`` (None when there is no ``-wal``).

        A copy of the ``.db`` alone, taken while a session is open, holds only
        this many: the rest sit in the ``-wal`` beside it until a checkpoint.
        """
        wal = wal_path(self.path)
        if not wal.exists() or wal.stat().st_size == 0:
            return None
        try:
            alone = sqlite3.connect(_uri(self.path, "immutable"), uri=True)
            try:
                return int(alone.execute("SELECT count(*) FROM events").fetchone()[0])
            finally:
                alone.close()
        except sqlite3.Error:
            return 0

    def export(self, target: Path | str, *, replace: bool = False) -> None:
        """A consistent single-file copy at ``target`` (SQLite's backup API), never over an existing file
        unless ``replace``; then only over a regular file with no SQLite side file beside it (a save that
        may be open elsewhere is never replaced), swapped in whole by a rename.

        Takes what is committed at the moment it starts, ``-wal`` included, while
        other processes go on appending. Raises :class:`SaveExists` for an existing ``target`` (without
        ``replace``), :class:`StoreError` when it cannot be written.
        """
        target = Path(target)
        _refuse_side_file_name(target)
        if replace:
            _refuse_replacing_an_open_save(target)
        elif target.exists() or target.is_symlink():
            raise SaveExists(target, "a file already exists there; choose another name")
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            copy = sqlite3.connect(tmp, isolation_level=None)
            try:
                with _sqlite_errors(self.path):
                    self.db.conn.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
            finally:
                copy.close()
            if replace:
                _refuse_replacing_an_open_save(target)  # once more: the world may have changed meanwhile
                os.replace(tmp, target)
            else:
                _place(tmp, target)
        except FileExistsError:
            raise SaveExists(target, "a file already exists there; choose another name") from None
        except OSError as error:
            raise StoreError(target, f"cannot write there ({error.strerror or error})") from None
        except sqlite3.Error as error:
            raise StoreError(target, f"cannot write there ({error})") from None
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()

    # ------------------------------------------------------------ writing

    def append(
        self,
        events: Sequence[Event],
        snapshots: Sequence[Snapshot],
        expected_last: int,
        projection: Projection | None = None,
        *,
        batch: int | None = None,
    ) -> tuple[int, str]:
        """Commit one command's events, their snapshots and the new projection in one transaction.

        Returns the new last seq and hash. ``expected_last`` is the seq the
        caller's state was folded up to; it is compared with the tail read inside
        the transaction, so two processes can never both append after the same
        event. ``batch`` continues a command cut short (the seq of its first
        event); by default the events start a new one. The last event closes it.
        """
        if not events:
            return self.tail()
        if not self._writing:
            raise StoreError(self.path, "opened read-only" if self.readonly else "not opened for writing (begin_writing)")
        conn = self.db.conn
        cursor = self._cursor  # the hot path: one cursor reused, plain calls, no per-call parsing
        try:
            cursor.execute("BEGIN IMMEDIATE")
            try:
                row = cursor.execute(_TAIL).fetchone()
                last, previous = (int(row[0]), str(row[1])) if row else (0, self.genesis())
                if last != expected_last:
                    raise StaleSession(
                        self.path, f"another process appended (the log is at event {last}, this session at {expected_last})"
                    )
                head = self._insert(events, last, previous, batch or last + 1, True)
                if snapshots:
                    cursor.executemany(_SNAPSHOT, [s.row() for s in snapshots])
                if projection is not None:
                    cursor.execute(
                        "UPDATE session SET seed = ?, status = ?, assignments = ? WHERE id = 1",
                        [projection.seed, projection.status, json.dumps(projection.assignments)],
                    )
                cursor.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    cursor.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as error:
            raise _translate(self.path, error) from None
        return last + len(events), head

    def _insert(self, events: Sequence[Event], last: int, previous: str, batch: int, closes: bool) -> str:
        now = _now()
        rows: list[tuple[Any, ...]] = []
        final = last + len(events)
        for seq, event in enumerate(events, start=last + 1):
            payload = event_json_bytes(event)
            flag = int(closes and seq == final)
            previous = _sha256(f"{previous}|{now}|{batch}|{flag}|".encode() + payload).hexdigest()
            rows.append((seq, event.turn, event.kind, payload.decode(), now, previous, batch, flag))
        if len(rows) == 1:
            self._cursor.execute(_INSERT, rows[0])
        else:
            self._cursor.executemany(_INSERT, rows)
        return previous

    def add_seal(self, seal: Seal) -> None:
        """Store a signature (one transaction)."""
        if self.readonly:
            raise StoreError(self.path, "opened read-only")
        with _sqlite_errors(self.path), _transaction(self.db):
            self.db.conn.execute(
                "INSERT INTO seals (seq, message, public_key, signature, hashes) VALUES (?, ?, ?, ?, ?)",
                [seal.seq, seal.message, seal.public_key, seal.signature, seal.hashes],
            )

    def needs_upgrade(self, digest_version: int) -> bool:
        """True when the schema is older than :data:`schema.LATEST` or the snapshots were taken with another digest."""
        return self.version() < schema.LATEST or self.digest_version() != digest_version

    def upgrade(self, snapshots_for: Callable[[list[StoredEvent]], Sequence[Snapshot]], digest_version: int) -> None:
        """Bring the file to :data:`schema.LATEST`: migrate, re-link the chain, rebuild snapshots — all or nothing.

        The old chain is checked first (a tampered file is refused, not
        re-linked); ``snapshots_for`` (the session layer's replay) computes the
        snapshots from the checked events.
        """
        with _sqlite_errors(self.path), bulk(), _transaction(self.db):
            self._schema = None
            stored = self.read()
            version = schema.user_version(self.db)
            relink = chain_version(version) != chain_version(schema.LATEST)
            while version < schema.LATEST:
                schema.MIGRATIONS[version](self.db)
                version = schema.user_version(self.db)
            self._schema = None
            if relink:
                self._relink()
            self.db.execute("DELETE FROM snapshots")
            self.db.conn.executemany(_SNAPSHOT, [s.row() for s in snapshots_for(stored)])
            self.db.execute("UPDATE session SET digest_version = ? WHERE id = 1", [digest_version])

    def _relink(self) -> None:
        previous = self.genesis()
        rows = self.db.conn.execute(
            "SELECT seq, CAST(payload AS BLOB), recorded_at, batch, closes FROM events ORDER BY seq"
        ).fetchall()
        updates = []
        for seq, payload, recorded_at, batch, closes in rows:
            previous = link_v2(previous, recorded_at, batch, bool(closes), payload)
            updates.append((previous, seq))
        self.db.conn.executemany("UPDATE events SET hash = ? WHERE seq = ?", updates)


def _derive_closes(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Before schema 3 a command's last event was not marked: it is the one before the next batch begins."""
    out = []
    for i, row in enumerate(rows):
        closes = i + 1 == len(rows) or rows[i + 1][6] != row[6]
        out.append((*row[:7], int(closes)))
    return out


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


__all__ = ["Projection", "SaveFile", "Seal", "SessionInfo", "StoredEvent", "bulk", "link_v1", "wal_path"]
