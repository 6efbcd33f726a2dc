"""Scenario time: ISO 8601 turn lengths, and when each turn opens."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from wargame.engine.scenario import World
from wargame.engine.timing import format_duration, parse_duration, turn_opens

WORLD = yaml.safe_load("""
id: ward
title: Ward
summary: A ransomware night shift.
start_date: 2024-05-02T06:00
turn_length: PT6H
turns: 4
roles: [it]
variables: [{id: harm, label: Harm, min: 0, max: 10, initial: 0}]
ladder: {variable: harm, rungs: [{level: 0, label: Calm, meaning: calm}, {level: 5, label: Crisis, meaning: crisis}]}
""")


@pytest.mark.parametrize(("text", "delta"), [
    ("PT6H", dt.timedelta(hours=6)), ("P1W", dt.timedelta(weeks=1)), ("P1D", dt.timedelta(days=1)),
    ("P1DT12H", dt.timedelta(days=1, hours=12)), ("PT30M", dt.timedelta(minutes=30)), ("pt2h", dt.timedelta(hours=2)),
])
def test_iso_8601_durations_are_read(text: str, delta: dt.timedelta) -> None:
    assert parse_duration(text) == delta


@pytest.mark.parametrize(("text", "message"), [
    ("P1M", "years and months have no fixed length"), ("P1Y", "years and months"), ("6h", "not an ISO 8601 duration"),
    ("PT0H", "is zero"), ("P", "not an ISO 8601 duration"), ("PT", "not an ISO 8601 duration"),
])
def test_other_durations_are_refused_in_words(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_duration(text)


def test_six_hour_turns_open_at_a_time_of_day() -> None:
    """Turns shorter than a day show the time: turn 3 of 6-hour turns from 06:00 opens at 18:00."""
    world = World.model_validate(WORLD)
    assert [world.turn_opens(t) for t in (1, 2, 3, 4)] == [
        "2024-05-02 06:00", "2024-05-02 12:00", "2024-05-02 18:00", "2024-05-03 00:00"]
    assert format_duration(world.turn_delta) == "6 hours"


def test_a_week_from_a_date_opens_on_dates() -> None:
    assert turn_opens(dt.date(2020, 3, 11), parse_duration("P1W"), 2) == "2020-03-18"
    assert turn_opens(dt.date(2020, 3, 11), parse_duration("PT12H"), 2) == "2020-03-11 12:00"


def test_the_turn_length_is_given_once() -> None:
    with pytest.raises(ValueError, match="give the turn length once"):
        World.model_validate({**WORLD, "turn_length_days": 1})
    without = {k: v for k, v in WORLD.items() if k != "turn_length"}
    with pytest.raises(ValueError, match="give the turn length once"):
        World.model_validate(without)
    with pytest.raises(ValueError, match="not an ISO 8601 duration"):
        World.model_validate({**WORLD, "turn_length": "six hours"})
