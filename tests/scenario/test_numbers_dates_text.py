"""One rule for numbers, dates and text in scenario files, on copies of the documented example as a user
would write them: every number finite and of its type, booleans never numbers, an impossible date located
with the reason, no control characters. Each refusal is `file:line:col: field: message`, exit 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.hostile import replace_in
from wargame.cli import main

WORLD = "scenarios/harbour.yaml"


def validate(content: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["validate", "--content", str(content), "harbour"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout.splitlines()


@pytest.fixture
def copy(harbour_content: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A copy of the documented harbour scenario, with one line of one file replaced."""
    target = tmp_path / "content"
    shutil.copytree(harbour_content, target)

    return lambda file, old, new: replace_in(target, file, old, new)


def test_case_6_not_a_number_and_infinity_are_refused(copy) -> None:  # type: ignore[no-untyped-def]
    """Case 6: `add: .nan` validated (its save was then unreadable); `max: .inf` validated (then crashed play)."""
    copy(WORLD, "add: -10}", "add: .nan}")
    code, lines = validate(copy(WORLD, "min: 0, max: 100, initial: 50", "min: 0, max: .inf, initial: 50"))
    assert code == 2
    assert lines == [
        "scenarios/harbour.yaml:13:51: variables[catch].max: YAML read .inf as infinity; every number in a scenario must be finite",
        "scenarios/harbour.yaml:26:33: rules[press_arrives].effects[0].add: YAML read .nan as not-a-number; every number in a scenario must be finite",
    ]


def test_case_7_yaml_booleans_are_never_numbers_and_need_quotes_as_text(copy) -> None:  # type: ignore[no-untyped-def]
    """Case 7: `add: yes` loaded as +1; a role id `no` said only "Input should be a valid string"."""
    copy(WORLD, "add: -10}", "add: yes}")
    code, lines = validate(copy(WORLD, "roles: [navy, fleet]", "roles: [navy, no]"))
    assert code == 2
    assert lines == [
        "scenarios/harbour.yaml:10:15: roles[1]: YAML 1.1 read no as the boolean false (yes, no, on, off, true and false "
        "are booleans); put it in quotes ('no') to write it as text",
        "scenarios/harbour.yaml:26:33: rules[press_arrives].effects[0].add: YAML 1.1 read yes as the boolean true (yes, no, "
        "on, off, true and false are booleans), and a boolean is not a number here: write the number you mean",
    ]


def test_numbers_where_text_is_meant_get_the_same_hint(copy) -> None:  # type: ignore[no-untyped-def]
    code, lines = validate(copy(WORLD, "label: Tension,", "label: 1.5,"))
    assert code == 2
    assert lines == ["scenarios/harbour.yaml:12:26: variables[tension].label: YAML read 1.5 as a number; "
                     "put it in quotes ('1.5') to write it as text"]


def test_whole_numbers_are_whole(copy) -> None:  # type: ignore[no-untyped-def]
    code, lines = validate(copy(WORLD, "turns: 3", "turns: 2.5"))
    assert code == 2 and lines == ["scenarios/harbour.yaml:8:8: turns: Input should be a valid integer"]


def test_case_8_an_impossible_date_is_located_with_the_reason(copy) -> None:  # type: ignore[no-untyped-def]
    """Case 8: `start_date: 2021-02-30` gave `harbour.yaml:1:1: YAML: cannot be read (ValueError)`."""
    code, lines = validate(copy(WORLD, "start_date: 2021-06-01", "start_date: 2021-02-30"))
    assert code == 2
    assert lines == ["scenarios/harbour.yaml:6:13: start_date: 2021-02-30 is not a date: February has 28 days in 2021"]


def test_a_leap_day_is_a_date_and_date_like_text_stays_text(copy) -> None:  # type: ignore[no-untyped-def]
    copy(WORLD, "start_date: 2021-06-01", "start_date: 2020-02-29")
    code, _ = validate(copy(WORLD, "{turn: 1, moves:", "{turn: 1, dates: 2020-03-11, moves:"))
    assert code == 0


def test_control_characters_in_scenario_text_are_refused_where_they_are(copy) -> None:  # type: ignore[no-untyped-def]
    """Case 4 at its source: an escape sequence in a scenario string (here a YAML escape) is refused at validate."""
    code, lines = validate(copy(WORLD, "message: Reporters crowd the quay; the fleet loses a day.",
                                'message: "Reporters \\e]0;pwned\\a\\e[2J crowd the quay"'))
    assert code == 2
    assert lines == ["scenarios/harbour.yaml:27:14: rules[press_arrives].message: holds the control character "
                     "U+001B (ESC); scenario text may hold line breaks and tabs, no other control characters"]


def test_a_raw_control_character_in_the_file_is_located(copy) -> None:  # type: ignore[no-untyped-def]
    code, lines = validate(copy(WORLD, "title: Harbour standoff", "title: Harbour \x1b[2Jstandoff"))
    assert code == 2
    assert lines == ["scenarios/harbour.yaml:2:16: holds the control character U+001B (ESC); scenario text may hold "
                     "line breaks and tabs, no other control characters"]


def test_a_calendar_past_the_year_9999_is_refused_when_validated(copy) -> None:  # type: ignore[no-untyped-def]
    """A start date whose last turn ends after 9999-12-31 validated, then autoplay crashed (OverflowError)."""
    code, lines = validate(copy(WORLD, "start_date: 2021-06-01", "start_date: 9999-12-31"))
    assert code == 2
    assert lines == ["scenarios/harbour.yaml:1:1: the last of the 3 turns would end after the year 9999, beyond the "
                     "calendar: start earlier, or give fewer or shorter turns"]
