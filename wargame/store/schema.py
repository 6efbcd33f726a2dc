"""The save file's tables, version by version, and the migrations between them.

Why versions are applied in steps even for a new file: a new save is written as
version 1 and then migrated up, exactly as an old file would be. So the
migration path is exercised by every save ever created, not only by a test
fixture, and cannot rot.

The version lives in ``PRAGMA user_version`` (cheap to read before anything
else) and is mirrored in ``session.schema_version`` for people reading the file
with the sqlite3 shell, sqlite-utils or datasette.

Version 1 — ``session`` (one row: scenario id, title, seed, created, program
version, schema version, status, assignments), ``scenario`` (canonical JSON and
its sha256), ``events`` (seq, turn, kind, payload, recorded_at, hash),
``snapshots`` (seq, turn, kind, variables, digest).

Version 2 — ``events.batch`` (the first seq of the command that wrote the
event: one command, one transaction, one batch), ``snapshots.phase`` and
``snapshots.scores`` (so seeking to a turn needs no replay),
``session.forked_from`` and ``session.digest_version`` (the version of the
state digest the snapshots were taken with); the indexes on ``events.turn`` and
``events.kind`` are dropped (they doubled the cost of a commit).

Version 3 — ``events.closes`` (1 on the last event of each command, so a log
cut inside a command is seen as such), the hash chain covers every column of an
event row (see :func:`wargame.store.chain.link`), and ``seals`` holds Ed25519
signatures of the chain head. Migrating re-links the chain after checking the
old one.

Snapshots are derived data: a migration that needs them rebuilt sets
``session.digest_version`` to 0, and the session layer (which can replay)
rebuilds them in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

LATEST = 3
"""The schema version this program writes. A file with a higher one is refused, never guessed at."""

TABLES = ("session", "scenario", "events", "snapshots")


def create_v1(db: sqlite_utils.Database) -> None:
    """The first schema, kept verbatim: every newer file starts from it."""
    db["session"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "scenario_id": str,
            "title": str,
            "seed": int,
            "created": str,
            "program_version": str,
            "schema_version": int,
            "status": str,
            "assignments": str,
        },
        pk="id",
        not_null={"scenario_id", "seed", "created", "schema_version", "status"},
    )
    db["scenario"].create({"sha256": str, "canonical_json": str}, pk="sha256", not_null={"canonical_json"})  # type: ignore[union-attr]
    db["events"].create(  # type: ignore[union-attr]
        {"seq": int, "turn": int, "kind": str, "payload": str, "recorded_at": str, "hash": str},
        pk="seq",
        not_null={"turn", "kind", "payload", "recorded_at", "hash"},
    )
    db["events"].create_index(["turn"])  # type: ignore[union-attr]
    db["events"].create_index(["kind"])  # type: ignore[union-attr]
    db["snapshots"].create(  # type: ignore[union-attr]
        {"seq": int, "turn": int, "kind": str, "variables": str, "digest": str},
        pk="seq",
        not_null={"turn", "kind", "variables", "digest"},
    )
    db["snapshots"].create_index(["turn"])  # type: ignore[union-attr]
    db.execute("PRAGMA user_version = 1")


def columns_v1_to_v2(db: sqlite_utils.Database) -> None:
    """Add version 2's columns; the snapshots are to be rebuilt (digest_version 0)."""
    db["events"].add_column("batch", int)  # type: ignore[union-attr]
    db.execute("UPDATE events SET batch = seq")
    db["snapshots"].add_column("phase", str)  # type: ignore[union-attr]
    db["snapshots"].add_column("scores", str)  # type: ignore[union-attr]
    db["session"].add_column("forked_from", str)  # type: ignore[union-attr]
    db["session"].add_column("digest_version", int)  # type: ignore[union-attr]
    db.execute("UPDATE session SET digest_version = 0")
    # Each index on ``events`` is one more b-tree to update in every per-move commit: the two of
    # version 1 doubled the cost of an append (35 µs against 17 µs, bench/bench_store.py). A session
    # has at most some 100k events; filtering them by turn or kind without an index takes milliseconds.
    db.execute("DROP INDEX IF EXISTS idx_events_turn")
    db.execute("DROP INDEX IF EXISTS idx_events_kind")
    db.execute("PRAGMA user_version = 2")
    db.execute("UPDATE session SET schema_version = 2")


def columns_v2_to_v3(db: sqlite_utils.Database) -> None:
    """Add ``events.closes`` (each batch's last event closes it) and the ``seals`` table.

    The chain is re-linked by the caller (:meth:`wargame.store.savefile.SaveFile.upgrade`),
    which has checked the old links first.
    """
    db["events"].add_column("closes", int)  # type: ignore[union-attr]
    db.execute("UPDATE events SET closes = (seq = (SELECT max(e.seq) FROM events e WHERE e.batch = events.batch))")
    create_seals(db)
    db.execute("PRAGMA user_version = 3")
    db.execute("UPDATE session SET schema_version = 3")


def create_seals(db: sqlite_utils.Database) -> None:
    db["seals"].create(  # type: ignore[union-attr]
        {"id": int, "seq": int, "message": str, "public_key": str, "signature": str, "hashes": bytes},
        pk="id",
        not_null={"seq", "message", "public_key", "signature", "hashes"},
    )


MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {
    1: columns_v1_to_v2,
    2: columns_v2_to_v3,
}
"""From version N to N+1."""


def user_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])
