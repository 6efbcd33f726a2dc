"""The session layer: the one door between faces and the engine, the store and the log.

Faces import :class:`Session` and :func:`record_game` from here.
"""

from wargame.session.core import Session, record_game

__all__ = ["Session", "record_game"]
