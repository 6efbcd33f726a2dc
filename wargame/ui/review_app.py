"""The after-action review in the terminal: a small app of its own over a saved session.

Why a separate app: review reads a finished (or paused) session and writes only
debrief entries, so it needs none of the console's turn machinery. It reuses the
console's stylesheet, holds the session and a cache of reports (one per lens,
built by :mod:`wargame.report` from the engine's views), and saves debrief
entries through :meth:`Session.execute` in a worker thread, the way
:class:`wargame.ui.app.WargameApp` runs commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wargame.engine import commands as cmd
from wargame.engine.events import CONTROL
from wargame.report import Report, build_report
from wargame.session import Session
from wargame.ui.app import CommandApplied, SessionApp


class ReviewApp(SessionApp):
    """Replay a saved session turn by turn, through any role's lens, and write the debrief."""

    CSS_PATH = [Path(__file__).parent / "app.tcss", Path(__file__).parent / "review.tcss"]
    TITLE = "wargame review"

    def __init__(self, session: Session, lens: str = CONTROL) -> None:
        super().__init__(session)
        self.lens = lens
        self._reports: dict[str, Report] = {}
        self.title = f"Review: {session.scenario.world.title}"

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
        self.send("debrief", cmd.AddDebriefEntry(section=section, text=text, **fields))

    def applied(self, message: CommandApplied) -> None:
        self._reports.clear()
        self.notify("Saved to the debrief.", title="Debrief")
        self.repaint()

    def action_help(self) -> None:
        from wargame.ui.screens.help import HelpScreen
        from wargame.ui.screens.review import HELP

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(HELP))


def make_review_app(session: Session, lens: str = CONTROL) -> ReviewApp:
    """The one factory used by ``wargame review`` and the tests alike."""
    return ReviewApp(session, lens)
