"""The host: the one process that acts for the session itself while seats come and go.

Seats read the save and send their own lens's commands; the session of the seat
that opens a turn plays the bots. The host follows the save like any seat
(:class:`wargame.seats.live.Follower`) and steps in where nobody else will: bots
that have not moved a while after a turn opened (the seat that opened it died
first). The engine has no clock, so anything that happens because time passed is
the host's job too: it looks at the wall clock and issues the command.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable

from wargame.engine import commands as cmd
from wargame.engine.actors import CONTROL_ACTOR
from wargame.engine.classroom import handed_to_bot_for_lateness
from wargame.engine.errors import EngineError
from wargame.engine.events import ClockChanged
from wargame.seats.live import POLL_S, Follower
from wargame.session import Session
from wargame.store import StoreError


def utc_now() -> str:
    """The host's clock, as commands carry it (ISO 8601 UTC)."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


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
        self.expire_clock()
        self.hand_back()
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

    def expire_clock(self, wall: str | None = None) -> None:
        """When the moves-phase clock has run out, issue the expiry (control's rule then applies);
        under the ``bot`` rule, the session then plays the late teams' turn."""
        state = self.session.state
        clock = state.clock
        wall = wall or utc_now()
        if state.phase != "moves" or clock is None or clock.expired or clock.deadline is None:
            return
        left = clock.left(wall)
        if left is None or left > 0:
            return
        try:
            events = self.session.execute(cmd.ExpireClock(now=wall), CONTROL_ACTOR)
        except (EngineError, StoreError) as error:  # a control seat changed the clock meanwhile: next round sees it
            self.say(f"clock: {error}")
            return
        late = next((e.roles for e in events if isinstance(e, ClockChanged)), ())
        self.say(f"turn {state.turn}: time is up ({clock.on_expiry}); late: {', '.join(late) or 'nobody'}")
        if clock.on_expiry == "bot" and late:
            self.session.play_bots()

    def hand_back(self) -> None:
        """Roles a bot played because their team ran out of time go back to their teams once that turn
        is adjudicated (before the next opens, so the bot never plays them again). Read from the log,
        so a restarted host does it too."""
        state = self.session.state
        if state.phase not in ("review", "between"):
            return
        for role in handed_to_bot_for_lateness(state):
            try:
                self.session.execute(cmd.AssignRole(role=role, player="human"), CONTROL_ACTOR)
                self.say(f"turn {state.turn}: {role} back to its team")
            except (EngineError, StoreError) as error:
                self.say(f"hand back {role}: {error}")

    def run(self, stop: threading.Event, interval: float = POLL_S) -> None:
        """Step every ``interval`` s until ``stop`` is set."""
        while not stop.is_set():
            self.step()
            stop.wait(interval)
