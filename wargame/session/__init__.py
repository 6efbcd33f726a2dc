"""The session layer: the one door between faces and the engine, the store and the log.

Faces import :class:`Session` and :func:`record_game` from here.
"""

from wargame.session.core import Session, record_game
from wargame.store import StoreError

__all__ = ["Session", "StoreError", "record_game"]
