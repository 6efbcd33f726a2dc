"""The hash chain over the event log: each row's hash covers the previous hash and the row itself.

Two link formats, chosen by the file's schema version:

- **Chain 1** (schema 1 and 2): ``sha256(previous + payload)``. The payload
  holds turn and kind (which reading compares with their columns), but
  ``recorded_at`` and ``batch`` were outside the chain.
- **Chain 2** (schema 3): ``sha256(previous | recorded_at | batch | closes | payload)``:
  every column of an event row is covered, so a changed timestamp or a moved
  command boundary breaks the chain like a changed payload does.

The first event's previous hash is the scenario's sha256 (the *genesis*), so
swapping the scenario breaks the chain at event 1.

What the chain proves, and what it does not: it is keyed by nothing secret.
It catches an edit that was not followed by recomputing every later hash (a
flipped byte, a hand edit, a partly copied file). Anyone who rewrites an event
*and* recomputes the chain makes a file every check accepts: only a signature
(:mod:`wargame.session.signing`) tells that apart.
"""

from __future__ import annotations

import hashlib

_sha256 = hashlib.sha256


def link_v1(previous: str, payload: bytes) -> str:
    """Chain 1: sha256 over the previous hash (hex) followed by the payload."""
    return _sha256(previous.encode() + payload).hexdigest()


def link_v2(previous: str, recorded_at: str, batch: int, closes: bool, payload: bytes) -> str:
    """Chain 2: sha256 over ``previous|recorded_at|batch|closes|payload``."""
    return _sha256(f"{previous}|{recorded_at}|{batch}|{int(closes)}|".encode() + payload).hexdigest()


def chain_version(schema_version: int) -> int:
    """The link format a file of ``schema_version`` uses."""
    return 1 if schema_version < 3 else 2
