"""The seat book: which join codes open which lens of one save, as salted hashes, beside the save.

Why a file beside the save and not events in it: the event log is the exercise's
record — byte-identical for the same scenario, seed and moves, copied whole by a
fork, shown in review and reports — and a join code is none of that. It is an
access credential: random, salted (so it would break the byte-identical log), to
be revoked and re-issued at will, and meaningless to anyone replaying the game.
So it lives in ``<save>.seats.json`` (0600), bound to its save by the save's
identity (:func:`save_identity`): copied beside another save, or kept after a
fork, it opens nothing. Deleting it locks every seat until control hosts again;
it never changes the game.

Every attempt to join — right or wrong — is appended to ``<save>.seats.log``
(JSON lines: time, outcome, lens, where from; never the text typed), and that
log is also the rate limiter: after :data:`MAX_FAILURES` wrong codes within
:data:`WINDOW_S` seconds, from any process, every attempt is refused until the
window has passed.

Shapes: ``seats.json`` is ``{"version": 1, "save": IDENTITY, "seats": {LENS:
{"salt": HEX, "hash": HEX, "issued": ISO, "revoked": ISO | null}}}`` where LENS
is ``control``, a role id or ``room``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wargame.seats.codes import hash_code, matches, new_code, new_salt, normalize

CONTROL = "control"
ROOM = "room"
"""The room display's lens: what the whole room may see."""

MAX_FAILURES = 10
WINDOW_S = 60.0
BOOK_VERSION = 1


class SeatError(Exception):
    """A join was refused; the message says why in words a player understands."""


class WrongCode(SeatError):
    pass


class RateLimited(SeatError):
    def __init__(self, retry_after: float) -> None:
        super().__init__(f"too many wrong codes: try again in {max(1, round(retry_after))} s")
        self.retry_after = retry_after


class NoSeats(SeatError):
    pass


@dataclass(frozen=True)
class SeatRecord:
    """One lens's entry in the book."""

    lens: str
    issued: str
    revoked: str | None


def _now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class SeatBook:
    """The seat book of one save. Safe across processes: every change and every check holds a file lock."""

    def __init__(self, save: Path | str, identity: str) -> None:
        self.save = Path(save)
        self.identity = identity
        self.path = self.save.with_name(self.save.name + ".seats.json")
        self.log_path = self.save.with_name(self.save.name + ".seats.log")
        self._lock_path = self.save.with_name(self.save.name + ".seats.lock")

    # ------------------------------------------------------------ the file

    @contextlib.contextmanager
    def _locked(self, *, writing: bool = True) -> Iterator[None]:
        """Hold the book's lock. Where the folder cannot be written (read-only media), reading goes on
        unlocked (the book is only ever replaced whole) and writing is refused in one line."""
        try:
            fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            if writing:
                raise NoSeats(f"{self.path}: the seat book cannot be written here ({error.strerror})") from None
            yield
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"version": BOOK_VERSION, "save": self.identity, "seats": {}}
        except (OSError, ValueError) as error:
            raise NoSeats(f"{self.path}: unreadable seat book ({error}); control can host again to issue new codes") from None
        if data.get("save") != self.identity:
            # A book of another session (copied, or left from before a fork): its codes open nothing here.
            return {"version": BOOK_VERSION, "save": self.identity, "seats": {}}
        return data

    def _write(self, data: dict[str, Any]) -> None:
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1, sort_keys=True)
        os.replace(tmp, self.path)

    # ------------------------------------------------------------ control's side

    def seats(self) -> list[SeatRecord]:
        """Every lens with a code, issued or revoked."""
        with self._locked(writing=False):
            data = self._read()
        return [SeatRecord(lens, s["issued"], s.get("revoked")) for lens, s in data["seats"].items()]

    def issue(self, lenses: Sequence[str]) -> dict[str, str]:
        """New codes for ``lenses`` (replacing any earlier code of the same lens); returns lens → code.

        The codes are returned once and never stored: only their salted hashes are.
        """
        codes = {lens: new_code() for lens in lenses}
        with self._locked():
            data = self._read()
            taken = set()
            for lens, code in codes.items():
                while code in taken:  # two lenses never share a code
                    code = codes[lens] = new_code()
                taken.add(code)
                salt = new_salt()
                data["seats"][lens] = {"salt": salt, "hash": hash_code(code, salt), "issued": _now_iso(), "revoked": None}
            self._write(data)
        for lens in codes:
            self._log({"event": "issued", "lens": lens})
        return codes

    def revoke(self, lens: str) -> bool:
        """Revoke ``lens``'s code; returns False if it had none (or it was already revoked).

        Seats already open with it stay open until they close (a running seat holds no code); control
        closes them by re-issuing and asking the team to re-join, or simply by ending the class.
        """
        with self._locked():
            data = self._read()
            seat = data["seats"].get(lens)
            if seat is None or seat.get("revoked"):
                return False
            seat["revoked"] = _now_iso()
            self._write(data)
        self._log({"event": "revoked", "lens": lens})
        return True

    # ------------------------------------------------------------ a joining seat

    def admit(self, typed: str, where: str = "terminal", now: float | None = None) -> str:
        """The lens ``typed`` opens; raises :class:`WrongCode`, :class:`RateLimited` or :class:`NoSeats`.

        Every call is logged. Revoked codes, codes of another session and anything
        that is not a code are all simply wrong, and count towards the limit.
        """
        now = time.time() if now is None else now
        with self._locked():
            recent = [t for t in self._failures() if now - t < WINDOW_S]
            if len(recent) >= MAX_FAILURES:
                self._log({"event": "refused", "reason": "rate limit", "where": where}, now)
                raise RateLimited(WINDOW_S - (now - min(recent)))
            data = self._read()
            if not data["seats"]:
                self._log({"event": "refused", "reason": "no seats", "where": where}, now)
                raise NoSeats("this session has no join codes yet: control starts it with 'wargame host'")
            code = normalize(typed)
            lens = None
            if code is not None:
                lens = next(
                    (name for name, seat in data["seats"].items()
                     if not seat.get("revoked") and matches(code, seat["salt"], seat["hash"])),
                    None,
                )
            if lens is None:
                self._log({"event": "wrong code", "where": where, "words": len(typed.split("-")) if typed else 0}, now)
                raise WrongCode("that code opens no seat of this session")
            self._log({"event": "joined", "lens": lens, "where": where}, now)
            return lens

    # ------------------------------------------------------------ the log

    def _log(self, entry: dict[str, Any], now: float | None = None) -> None:
        entry = {"at": now if now is not None else time.time(), "pid": os.getpid(), **entry}
        fd = os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, sort_keys=True) + "\n")

    def log(self) -> list[dict[str, Any]]:
        """Every logged attempt and change, oldest first (unreadable lines skipped)."""
        entries = []
        with contextlib.suppress(FileNotFoundError), self.log_path.open(encoding="utf-8") as handle:
            for line in handle:
                with contextlib.suppress(ValueError):
                    entries.append(json.loads(line))
        return entries

    def _failures(self) -> list[float]:
        return [e["at"] for e in self.log()[-200:] if e.get("event") == "wrong code"]
