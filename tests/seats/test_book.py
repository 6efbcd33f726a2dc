"""The seat book: codes open their lens and nothing else; wrong, revoked and foreign codes are refused, limited and logged."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from wargame.seats.book import MAX_FAILURES, WINDOW_S, NoSeats, RateLimited, SeatBook, WrongCode

LENSES = ["control", "washington", "tehran", "room"]


@pytest.fixture
def book(tmp_path: Path) -> SeatBook:
    save = tmp_path / "class.db"
    save.write_bytes(b"")
    return SeatBook(save, "identity-of-this-save")


def test_each_code_opens_its_own_lens(book: SeatBook) -> None:
    codes = book.issue(LENSES)
    assert len(set(codes.values())) == len(LENSES)
    for lens, code in codes.items():
        assert book.admit(code.replace("-", " ").upper()) == lens


def test_only_salted_hashes_are_kept_and_the_files_are_private(book: SeatBook) -> None:
    codes = book.issue(LENSES)
    text = book.path.read_text()
    for code in codes.values():
        assert code not in text
        for word in code.split("-"):
            assert f'"{word}"' not in text
    for path in (book.path, book.log_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_wrong_code_is_refused_and_logged_without_its_text(book: SeatBook) -> None:
    book.issue(LENSES)
    with pytest.raises(WrongCode):
        book.admit("amber cedar harbor opal tulip")
    with pytest.raises(WrongCode):
        book.admit("not a code at all")
    wrong = [e for e in book.log() if e["event"] == "wrong code"]
    assert len(wrong) == 2
    assert "amber" not in book.log_path.read_text()


def test_a_revoked_code_opens_nothing_and_a_reissued_one_does(book: SeatBook) -> None:
    old = book.issue(LENSES)["tehran"]
    assert book.revoke("tehran")
    with pytest.raises(WrongCode):
        book.admit(old)
    new = book.issue(["tehran"])["tehran"]
    assert new != old and book.admit(new) == "tehran"
    assert book.admit(book.issue(["room"])["room"]) == "room"


def test_a_code_of_another_session_opens_nothing(tmp_path: Path, book: SeatBook) -> None:
    """Another save's code, and this save's own book left beside a save of another identity (a fork, a copy)."""
    other_save = tmp_path / "other.db"
    other = SeatBook(other_save, "identity-of-another-save")
    foreign = other.issue(LENSES)["control"]
    book.issue(LENSES)
    with pytest.raises(WrongCode):
        book.admit(foreign)
    # the other save's book copied next to this save: bound to its own identity, it opens nothing here
    mine = SeatBook(other_save, "identity-of-this-save")
    with pytest.raises(NoSeats):
        mine.admit(foreign)


def test_wrong_codes_are_rate_limited_across_the_window(book: SeatBook) -> None:
    codes = book.issue(LENSES)
    for i in range(MAX_FAILURES):
        with pytest.raises(WrongCode):
            book.admit("wrong", now=1000.0 + i)
    with pytest.raises(RateLimited):
        book.admit(codes["control"], now=1000.0 + MAX_FAILURES)  # even the right code waits
    assert book.admit(codes["control"], now=1000.0 + WINDOW_S + 1) == "control"
    events = [e["event"] for e in book.log()]
    assert events.count("refused") == 1 and events.count("joined") == 1


def test_no_codes_yet(book: SeatBook) -> None:
    with pytest.raises(NoSeats):
        book.admit("amber cedar harbor opal tulip")


def test_the_book_is_json_a_person_can_read(book: SeatBook) -> None:
    book.issue(["control"])
    data = json.loads(book.path.read_text())
    assert data["save"] == "identity-of-this-save"
    assert set(data["seats"]["control"]) == {"salt", "hash", "issued", "revoked"}
