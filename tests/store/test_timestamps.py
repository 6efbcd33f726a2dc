"""When an event was recorded: ``recorded_at`` is UTC to the millisecond, as ISO 8601 with its offset.

The store stamps every append; the text up to the seconds is formatted once a
second (``wargame/store/savefile.py::_now``), so these tests pin that the text is
always what ``datetime.isoformat(timespec="milliseconds")`` gives for that instant,
across second, day and year boundaries and in the same second.
"""

from __future__ import annotations

import datetime as dt

import pytest

from wargame.store import savefile


def iso(ns: int) -> str:
    """What the store wrote before the cache: ``datetime.isoformat`` of the instant, milliseconds truncated."""
    seconds, rest = divmod(ns, 1_000_000_000)
    instant = dt.datetime.fromtimestamp(seconds, dt.timezone.utc).replace(microsecond=rest // 1000)
    return instant.isoformat(timespec="milliseconds")


INSTANTS = [
    1_780_000_000_000_000_000,  # a whole second
    1_780_000_000_000_999_999,  # still .000
    1_780_000_000_001_000_000,  # .001
    1_780_000_000_999_999_999,  # .999, then the next second
    1_780_000_001_000_000_000,
    1_780_000_001_123_456_789,
    1_798_761_599_999_000_000,  # the last millisecond of 2026 (UTC)
    1_798_761_600_000_000_000,  # the first of 2027
    1_798_761_600_500_000_000,
    1_780_000_001_250_000_000,  # back to an earlier second (a clock set back)
    946_684_800_000_000_000,  # 2000-01-01T00:00:00.000
]


def test_recorded_at_is_iso_8601_utc_to_the_millisecond(monkeypatch: pytest.MonkeyPatch) -> None:
    for ns in INSTANTS:
        monkeypatch.setattr(savefile.time, "time_ns", lambda ns=ns: ns)
        assert savefile._now() == iso(ns), ns
        assert savefile._now() == iso(ns), ns  # again, from the second's cached text


def test_recorded_at_is_now() -> None:
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    stamp = dt.datetime.fromisoformat(savefile._now())
    after = dt.datetime.now(dt.timezone.utc)
    assert before <= stamp <= after
    assert stamp.utcoffset() == dt.timedelta(0)
