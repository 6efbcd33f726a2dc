"""Join codes: random word groups a facilitator can read aloud, kept only as salted hashes.

A code is :data:`CODE_WORDS` words drawn with :mod:`secrets` from the 256 words
of :data:`wargame.seats.words.WORDS`: 8 bits a word, :data:`CODE_BITS` bits in
all (``amber-cedar-harbor-opal-tulip``). What is stored is never the code but
``scrypt(code, salt)`` with a fresh 16-byte salt per code, so a copied save or
seat book gives nobody a way in short of guessing ~10^12 codes through the
rate-limited door.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from wargame.seats.words import WORDS

CODE_WORDS = 5
CODE_BITS = CODE_WORDS * 8
"""Entropy of one code: 40 bits (5 words of 256)."""

SALT_BYTES = 16
# scrypt cost: 4 MiB and some 35 ms a check here: a join tries every code of the book (up to a dozen), and
# 2^40 codes at that cost are out of reach of an offline guess at a copied book.
_SCRYPT = {"n": 2**12, "r": 8, "p": 1, "maxmem": 64 * 1024 * 1024, "dklen": 32}
_INDEX = {word: i for i, word in enumerate(WORDS)}


def new_code() -> str:
    """A fresh random code: five words joined by hyphens."""
    return "-".join(secrets.choice(WORDS) for _ in range(CODE_WORDS))


def normalize(text: str) -> str | None:
    """The canonical form of a typed code, or None if it cannot be one.

    Case, spaces, hyphens and other separators are forgiven (``Amber cedar  HARBOR-opal,tulip``);
    every word must be one of the list and there must be exactly five.
    """
    words = [w for w in re.split(r"[^a-z]+", text.lower()) if w]
    if len(words) != CODE_WORDS or any(w not in _INDEX for w in words):
        return None
    return "-".join(words)


def new_salt() -> str:
    """A fresh salt, as hex."""
    return secrets.token_hex(SALT_BYTES)


def hash_code(code: str, salt: str) -> str:
    """``scrypt(code, salt)`` as hex; ``code`` must be normalized first."""
    return hashlib.scrypt(code.encode(), salt=bytes.fromhex(salt), **_SCRYPT).hex()  # type: ignore[arg-type]


def matches(code: str, salt: str, digest: str) -> bool:
    """Whether a normalized ``code`` hashes to ``digest`` under ``salt`` (constant-time comparison)."""
    return hmac.compare_digest(hash_code(code, salt), digest)
