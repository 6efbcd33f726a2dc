"""The home screen: the saves in a folder, to resume, to review, or a new exercise.

A small app of its own that only chooses: it exits with the facilitator's choice
and the command line opens the console or the review for it. Keeping the choice
apart from the apps it leads to means each of them starts as it always does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Static

from wargame.session import StoreError
from wargame.session.listing import list_saves
from wargame.text import one_line
from wargame.ui.safe import LiteralTable, row, safe
from wargame.ui.widgets.footer import SteadyFooter
from wargame.ui.widgets.tables import refilled


@dataclass(frozen=True)
class Choice:
    """What the facilitator chose on the home screen."""

    action: Literal["resume", "review", "new"]
    path: Path | None = None


class HomeApp(App[Choice]):
    """Lists the saves of a folder; Enter resumes, v reviews, n starts a new exercise."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "wargame"
    BINDINGS = [
        Binding("enter", "resume", "Resume", show=False),
        Binding("r", "resume", "Resume", tooltip="Continue the selected session where it stopped"),
        Binding("v", "review", "Review", tooltip="Replay the selected session, write the debrief"),
        Binding("n", "new", "New exercise", tooltip="Set up a new exercise on the default scenario"),
        Binding("f5", "reload", "Reload"),
        Binding("ctrl+q,q", "quit", "Quit", priority=True),
    ]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.sub_title = one_line(str(folder))
        self.paths: list[Path] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Static(id="home-title", classes="section-title")
            yield LiteralTable(id="saves", cursor_type="row", zebra_stripes=True)
            yield Static("Enter or r: resume · v: review · n: new exercise · q: quit", classes="hint")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.query_one("#saves", DataTable).add_columns("File", "Scenario", "Started", "Turn", "Status", "Roles")
        self.action_reload()
        self.query_one("#saves", DataTable).focus()

    def action_reload(self) -> None:
        table = self.query_one("#saves", DataTable)
        found = list_saves(self.folder) if self.folder.is_dir() else []
        self.paths = []
        with refilled(table):
            for info in found:
                if isinstance(info, StoreError):
                    table.add_row(*row(info.path.name, "—", "—", "—", "unreadable", info.detail))
                    self.paths.append(info.path)
                    continue
                humans = sum(1 for player in info.assignments.values() if player == "human")
                roles = f"{humans} human team{'s' if humans != 1 else ''}, {len(info.assignments) - humans} bots"
                table.add_row(*row(info.path.name, info.scenario_id, info.created[:16].replace("T", " "), str(info.turn),
                                   info.status, roles))
                self.paths.append(info.path)
        count = len(self.paths)
        self.query_one("#home-title", Static).update(safe(
            f"{count} saved session{'s' if count != 1 else ''} in {self.folder}" if count
            else f"No saved sessions in {self.folder} yet: press n to set up a new exercise."
        ))

    def selected(self) -> Path | None:
        table = self.query_one("#saves", DataTable)
        if not self.paths:
            return None
        return self.paths[min(table.cursor_row, len(self.paths) - 1)]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_resume()

    def action_resume(self) -> None:
        path = self.selected()
        if path is not None and self.opens(path):
            self.exit(Choice("resume", path))

    def action_review(self) -> None:
        path = self.selected()
        if path is not None and self.opens(path):
            self.exit(Choice("review", path))

    def opens(self, path: Path) -> bool:
        """Whether the save opens (read, checked, nothing written); if not, its one-line reason, and the list stays
        (a damaged file must not close the home screen on the way to an error)."""
        from wargame.session import Session

        try:
            Session.open(path, readonly=True).close()
        except StoreError as error:
            self.notify(one_line(str(error)), title="This save does not open", severity="error", timeout=10,
                        markup=False)
            return False
        return True

    def action_new(self) -> None:
        self.exit(Choice("new"))
