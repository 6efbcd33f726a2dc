"""The host: the one process that acts for the session itself while seats come and go.

Seats read the save and send their own lens's commands; the session of the seat
that opens a turn plays the bots. The host follows the save like any seat
(:class:`wargame.seats.live.Follower`) and steps in where nobody else will: bots
that have not moved a while after a turn opened (the seat that opened it died
first). The engine has no clock, so anything that happens because time passed is
the host's job too: it looks at the wall clock and issues the command.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from wargame.engine.errors import EngineError
from wargame.seats.live import POLL_S, Follower
from wargame.session import Session
from wargame.store import StoreError


BOT_GRACE_S = 3.0
"""How long after a turn opened the host waits for the opening seat's session to play the bots."""


class Host:
    """Acts for the session on ``session``'s save where no seat does: late bots (and, later, the clock)."""

    def __init__(self, session: Session, say: Callable[[str], None] = print) -> None:
        self.session = session
        self.follower = Follower(session)
        self.say = say
        self._waiting_since: tuple[int, float] | None = None

    def step(self, now: float | None = None) -> None:
        """One round: catch up with the save, then do what is due (safe to repeat: bots never move twice)."""
        now = time.monotonic() if now is None else now
        self.follower.poll()
        state = self.session.state
        bots = [r for r, p in state.assignments.items() if p != "human" and r not in state.sealed]
        if state.phase != "moves" or not bots:
            self._waiting_since = None
            return
        if self._waiting_since is None or self._waiting_since[0] != state.turn:
            self._waiting_since = (state.turn, now)
        if now - self._waiting_since[1] < BOT_GRACE_S:
            return
        try:
            events = self.session.play_bots()
        except (EngineError, StoreError) as error:  # another process got there first: next round sees it
            self.say(f"bots: {error}")
            return
        if events:
            self.say(f"turn {state.turn}: the host played the bots for {', '.join(bots)}")

    def run(self, stop: threading.Event, interval: float = POLL_S) -> None:
        """Step every ``interval`` s until ``stop`` is set."""
        while not stop.is_set():
            self.step()
            stop.wait(interval)
