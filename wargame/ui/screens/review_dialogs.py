"""Dialogs of the review screen: go to a turn; add a debrief entry."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from wargame.ui.review_app import ReviewApp
from wargame.ui.safe import plain

SECTIONS = [("Strength", "strength"), ("Area for improvement", "improvement"), ("Improvement-plan row", "plan")]


class GotoScreen(ModalScreen[int | None]):
    """Type a turn number, Enter jumps there."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, turns: int) -> None:
        super().__init__()
        self.turns = turns

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(f"Go to turn (1–{self.turns}); Enter jumps, Esc cancels"))
            yield Input(type="integer", id="goto-turn")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        self.dismiss(int(value) if value.lstrip("-").isdigit() else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class DebriefEntryScreen(ModalScreen[None]):
    """A strength, an area for improvement, or an improvement-plan row; Enter saves it as an event."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, about_turn: int | None) -> None:
        super().__init__()
        self.about_turn = about_turn

    def compose(self) -> ComposeResult:
        about = f" (about turn {self.about_turn})" if self.about_turn else ""
        with Vertical(classes="dialog", id="debrief-dialog"):
            yield Label(plain(f"Debrief entry{about}: Enter saves, Esc cancels, Tab moves"))
            yield Select(SECTIONS, value="strength", allow_blank=False, id="section", compact=True)
            yield Input(placeholder="what went well / what to improve / the corrective action", id="text", compact=True)
            yield Label("Plan rows only (optional):", classes="hint")
            with Grid(id="plan-fields"):
                yield Input(placeholder="capability", id="capability", compact=True)
                yield Input(placeholder="area for improvement it answers", id="issue", compact=True)
                yield Input(placeholder="owner", id="owner", compact=True)
                yield Input(placeholder="due", id="due", compact=True)

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.save()

    def save(self) -> None:
        text = self.query_one("#text", Input).value.strip()
        if not text:
            self.notify("Write the entry first.", severity="warning")
            return
        app = self.app
        assert isinstance(app, ReviewApp)
        fields = {name: self.query_one(f"#{name}", Input).value for name in ("capability", "issue", "owner", "due")}
        app.add_debrief(str(self.query_one("#section", Select).value), text, about_turn=self.about_turn, **fields)
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
