"""Seats: join codes, the seat book beside a save, following a save live, the host and the code sheet.

A class plays one save from many screens. ``wargame host`` issues one join code
per lens (control, each role, the room display); ``wargame join`` (or a browser
tab on ``wargame host --web``) opens the lens its code names, and nothing else.
"""

from __future__ import annotations

import hashlib

from wargame.seats.book import CONTROL, ROOM, SeatBook
from wargame.session import Session


def save_identity(session: Session) -> str:
    """What binds a seat book to one save: a digest of the save's creation time, scenario and seed.

    A fork or a copy made with ``wargame fork`` has its own creation time, so codes of
    another session never open this one.
    """
    info = session.save.info()
    return hashlib.sha256(f"{info.created}|{info.scenario_id}|{info.seed}".encode()).hexdigest()


def book_for(session: Session) -> SeatBook:
    """The seat book beside ``session``'s save."""
    return SeatBook(session.path, save_identity(session))


def lenses(session: Session) -> list[str]:
    """Every lens a seat can open, in the order a code sheet lists them: control, each role, the room."""
    return [CONTROL, *session.scenario.world.roles, ROOM]


def lens_name(session: Session, lens: str) -> str:
    """A lens in words: ``Control (White Cell)``, a role's name, ``Room display``."""
    if lens == CONTROL:
        return "Control (White Cell)"
    if lens == ROOM:
        return "Room display"
    return session.scenario.role(lens).name


__all__ = ["CONTROL", "ROOM", "SeatBook", "book_for", "lens_name", "lenses", "save_identity"]
