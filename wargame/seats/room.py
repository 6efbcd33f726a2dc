"""The room display's lens now lives in the engine (:mod:`wargame.engine.room`); faces ask the session
for ``view("room")``. Kept for the seats' callers and tests that import it from here."""

from __future__ import annotations

from wargame.engine.room import RoomItem, RoomView, room_view

__all__ = ["RoomItem", "RoomView", "room_view"]
