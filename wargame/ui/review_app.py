"""The after-action review in the terminal: a small app of its own over a saved session.

Why a separate app: review reads a finished (or paused) session and writes only
debrief entries, so it needs none of the console's turn machinery. It reuses the
console's stylesheet, holds the session and a cache of reports (one per lens,
built by :mod:`wargame.report` from the engine's views), and saves debrief
entries through :meth:`Session.execute` in a worker thread, the way
:class:`wargame.ui.app.WargameApp` runs commands.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.message import Message

from wargame.engine import commands
from wargame.engine.errors import EngineError
from wargame.engine.events import CONTROL, Event
from wargame.report import Report, build_report
from wargame.session import Session
from wargame.store.errors import StoreError


@dataclass
class DebriefSaved(Message):
    """A debrief entry is committed to the save."""

    events: list[Event]


@dataclass
class DebriefRefused(Message):
    """The engine or the store refused the entry; nothing was written."""

    reason: str


class ReviewApp(App[None]):
    """Replay a saved session turn by turn, through any role's lens, and write the debrief."""

    CSS_PATH = ["app.tcss", "review.tcss"]
    TITLE = "wargame review"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
    ]

    def __init__(self, session: Session, lens: str = CONTROL) -> None:
        super().__init__()
        self.session = session
        self.lens = lens
        self._reports: dict[str, Report] = {}
        self._lock = threading.Lock()
        self.title = f"Review: {session.scenario.world.title}"
        self.sub_title = session.path.name

    @property
    def lenses(self) -> list[str]:
        return [CONTROL, *self.session.scenario.world.roles]

    def report(self, lens: str | None = None) -> Report:
        """The report for a lens, built once per lens and rebuilt after a debrief entry is saved."""
        lens = lens or self.lens
        if lens not in self._reports:
            self._reports[lens] = build_report(self.session, None if lens == CONTROL else lens)
        return self._reports[lens]

    def on_mount(self) -> None:
        from wargame.ui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen())

    def add_debrief(self, section: str, text: str, **fields: Any) -> None:
        """Save one debrief entry in a worker; the answer comes back as a message."""

        def work() -> None:
            with self._lock:
                try:
                    events = self.session.execute(commands.add_debrief_entry, section, text, **fields)
                except (EngineError, StoreError) as error:
                    self.post_message(DebriefRefused(str(error)))
                    return
            self.post_message(DebriefSaved(events))

        self.run_worker(work, thread=True, group="debrief", name="debrief")

    def on_debrief_saved(self, message: DebriefSaved) -> None:
        self._reports.clear()
        self.notify("Saved to the debrief.", title="Debrief")
        self.repaint()

    def on_debrief_refused(self, message: DebriefRefused) -> None:
        self.notify(message.reason, title="Not saved", severity="error", timeout=8)

    def repaint(self) -> None:
        for screen in self.screen_stack:
            repaint = getattr(screen, "repaint", None)
            if repaint is not None:
                repaint()

    def action_help(self) -> None:
        from wargame.ui.screens.review import ReviewHelpScreen

        if not isinstance(self.screen, ReviewHelpScreen):
            self.push_screen(ReviewHelpScreen())

    async def action_quit(self) -> None:
        """Quit once any entry in flight is committed."""
        await self.workers.wait_for_complete()
        self.exit()


def make_review_app(session: Session, lens: str = CONTROL) -> ReviewApp:
    """The one factory used by ``wargame review`` and the tests alike."""
    return ReviewApp(session, lens)
