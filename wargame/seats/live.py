"""Following a save from another process: poll its tail, fold what is new, say when something changed.

There is no server holding the game: every seat opens the save itself and
watches the last row of its event log (one indexed SQLite read, some 50 µs).
When the tail moved, the seat folds the new events and repaints from a fresh
view. So the save stays the only source of truth, a seat that dies loses
nothing, and a seat that joins late catches up by reading the log.

:data:`POLL_S` is the interval: a commit reaches every seat within one
interval plus the time to fold and repaint (``bench/bench_seats.py``). A look
that finds nothing new costs one indexed read of the file's last row (some
15 µs here, about what two ``stat`` calls of the save and its ``-wal`` cost),
so the interval is short: waiting for the next look is the one part of a
seat's delay that costs nothing to cut.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from wargame.session import Session

POLL_S = 0.05
"""Seconds between two looks at a save's tail (a commit waits 25 ms on average, 50 ms at most, to be seen)."""


class Follower:
    """Keeps a :class:`Session` up to date with its save (the session is safe to share between threads)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def poll(self) -> int:
        """Fold in what other processes committed; return how many events were new (0 if none).

        A log that was rewritten under us (shorter, or its tail differs) is read again whole,
        which also counts as a change (returns 1 or more).
        """
        before, head = self.session.seq, self.session.head
        new = self.session.refresh()
        if new == 0 and (self.session.seq != before or self.session.head != head):
            return max(1, self.session.seq)
        return new

    def run(self, stop: threading.Event, on_change: Callable[[int], None], interval: float = POLL_S) -> None:
        """Poll every ``interval`` s until ``stop`` is set, calling ``on_change(new)`` after each change."""
        while not stop.wait(interval):
            new = self.poll()
            if new:
                on_change(new)
