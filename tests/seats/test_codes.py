"""Join codes: enough randomness, readable aloud, forgiving of how they are typed, never stored as typed."""

from __future__ import annotations

import math

from wargame.seats.codes import CODE_BITS, CODE_WORDS, hash_code, matches, new_code, new_salt, normalize
from wargame.seats.words import WORDS


def test_a_code_carries_at_least_40_bits() -> None:
    """Five words of a 256-word list: 40 bits."""
    assert len(set(WORDS)) == 256
    assert CODE_BITS == CODE_WORDS * math.log2(len(WORDS)) >= 40


def test_codes_are_words_of_the_list_and_differ() -> None:
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        words = code.split("-")
        assert len(words) == CODE_WORDS and all(w in WORDS for w in words)


def test_typing_is_forgiven_but_not_spelling() -> None:
    code = "amber-cedar-harbor-opal-tulip"
    assert normalize("Amber cedar  HARBOR-opal,tulip ") == code
    assert normalize("amber cedar harbour opal tulip") is None  # not a word of the list
    assert normalize("amber cedar harbor opal") is None  # four words
    assert normalize("") is None


def test_the_hash_is_salted_and_checks_only_the_right_code() -> None:
    code, salt = new_code(), new_salt()
    digest = hash_code(code, salt)
    assert code not in digest and matches(code, salt, digest)
    assert hash_code(code, new_salt()) != digest
    assert not matches(new_code(), salt, digest)
