"""The host: the one process that acts for the session itself while seats come and go.

Seats only read the save and send their own lens's commands. What no seat
should do twice — bots making their moves when a turn opens — the host does,
following the save like any seat (:class:`wargame.seats.live.Follower`). The
engine has no clock, so anything that happens because time passed is the
host's job too: it looks at the wall clock and issues the command.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from wargame.engine.errors import EngineError
from wargame.seats.live import POLL_S, Follower
from wargame.session import Session
from wargame.store import StoreError


class Host:
    """Acts for the session on ``session``'s save: bots move when a turn opens."""

    def __init__(self, session: Session, say: Callable[[str], None] = print) -> None:
        self.session = session
        self.follower = Follower(session)
        self.say = say

    def step(self) -> None:
        """One round: catch up with the save, then do what is due (safe to repeat: bots never move twice)."""
        self.follower.poll()
        with self.follower.lock:
            state = self.session.state
            bots = [r for r, p in state.assignments.items() if p != "human" and r not in state.sealed]
            if state.phase == "moves" and bots:
                try:
                    events = self.session.play_bots()
                except (EngineError, StoreError) as error:  # another process got there first: next round sees it
                    self.say(f"bots: {error}")
                    return
                if events:
                    self.say(f"turn {state.turn}: bots moved for {', '.join(bots)}")

    def run(self, stop: threading.Event, interval: float = POLL_S) -> None:
        """Step every ``interval`` s until ``stop`` is set."""
        while not stop.is_set():
            self.step()
            stop.wait(interval)
