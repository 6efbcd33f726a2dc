"""The hook between briefing packs and the classroom's seats: join-code sheets for a hosted save.

Join codes belong to the classroom's seats (``wargame host``): they are issued for
a save, kept only as salted hashes, and shown once. A pack made for a hosted save
asks the seats for fresh codes — one per role and one for control — and prints
each on its reader's pack (control's pack lists them all, since control hands them
out). When the save cannot be opened, :class:`JoinUnavailable` says so.
"""

from __future__ import annotations

from pathlib import Path

from wargame.engine.events import CONTROL
from wargame.materials.packs import JoinSheet


class JoinUnavailable(RuntimeError):
    """Join codes cannot be issued here (the save cannot be opened)."""


def join_sheets(save: Path) -> dict[str, JoinSheet]:
    """Fresh join codes for every lens of ``save`` (replacing earlier ones), as sheets by lens.

    Raises ``JoinUnavailable`` when the save cannot be opened.
    """
    from wargame.seats import book_for
    from wargame.session import Session
    from wargame.store import StoreError

    try:
        session = Session.open(save)
    except StoreError as error:
        raise JoinUnavailable(str(error)) from None
    try:
        lenses = [*session.scenario.world.roles, CONTROL]
        codes = book_for(session).issue(lenses)
    finally:
        session.close()
    how = f"At a terminal: wargame join {save.name}, then type the code."
    return {lens: JoinSheet(code, how) for lens, code in codes.items()}
