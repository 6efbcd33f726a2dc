"""Scenario time: ISO 8601 durations for turn lengths, and the moment each turn opens.

A turn is ``turn_length`` long (``PT6H``, ``P1D``, ``P1W``, ``P1DT12H`` …; the older
``turn_length_days: 7`` means ``P7D``). Years and months are refused: their length
depends on the calendar, and a turn needs a fixed one.

Turn *n* opens at ``start_date + (n - 1) × turn_length``. It is written as a date
(``2020-03-11``) when every turn starts at midnight — whole-day turns from a date,
exactly as before durations existed, so older saves replay to the same events —
and as a date and a time (``2020-03-11 06:00``) otherwise.
"""

from __future__ import annotations

import datetime as dt
import re

_DURATION = re.compile(
    r"^P(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?$"
)


def parse_duration(text: str) -> dt.timedelta:
    """``P1W``, ``P2D``, ``PT6H``, ``PT30M``, ``P1DT12H`` → a timedelta; ValueError for anything else.

    Raises ValueError with a sentence a scenario author can act on (years and months
    are named, since they are the likely mistake).
    """
    if not isinstance(text, str):
        raise ValueError("a duration is text such as PT6H, P1D or P1W")
    upper = text.strip().upper()
    if upper.startswith("P") and ("Y" in upper.split("T")[0] or "M" in upper.split("T")[0]):
        raise ValueError(f"{text!r}: years and months have no fixed length; write weeks or days (P4W, P30D)")
    match = _DURATION.match(upper)
    if match is None or upper in ("P", "PT") or upper.endswith("T"):
        raise ValueError(f"{text!r} is not an ISO 8601 duration such as PT6H, P1D, P1W or P1DT12H")
    parts = {name: int(value) for name, value in match.groupdict().items() if value}
    delta = dt.timedelta(**parts)
    if delta <= dt.timedelta(0):
        raise ValueError(f"{text!r} is zero: a turn must last some time")
    return delta


def format_duration(delta: dt.timedelta) -> str:
    """A timedelta in words for screens: ``6 hours``, ``7 days``, ``1 day 12 hours``."""
    seconds = int(delta.total_seconds())
    parts = []
    for size, name in ((86400, "day"), (3600, "hour"), (60, "minute")):
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count} {name}{'s' if count != 1 else ''}")
    return " ".join(parts) or "0 minutes"


def as_datetime(moment: dt.date) -> dt.datetime:
    """A date is its midnight; a datetime stays itself."""
    if isinstance(moment, dt.datetime):
        return moment
    return dt.datetime(moment.year, moment.month, moment.day)


def format_moment(moment: dt.date) -> str:
    """A start date for screens: ``11 March 2020``, or ``11 March 2020 06:00`` with a time of day."""
    if isinstance(moment, dt.datetime):
        return f"{moment:%d %B %Y %H:%M}"
    return f"{moment:%d %B %Y}"


def turn_opens(start: dt.date, length: dt.timedelta, turn: int) -> str:
    """When turn ``turn`` (1-based) opens, as shown everywhere: a date, or a date and time of day."""
    moment = as_datetime(start) + length * (turn - 1)
    if not isinstance(start, dt.datetime) and length % dt.timedelta(days=1) == dt.timedelta(0):
        return moment.date().isoformat()
    return moment.strftime("%Y-%m-%d %H:%M")
