"""The room display: the projector's seat. Large, public, live; it has no keys that change anything.

It draws only from the room's view (``session.view("room")``, built by :mod:`wargame.engine.room`): turn,
date, phase, how many teams have sealed, the ladder (when public), public
variables, injects addressed to everyone and public outcomes. Scenario and
player text is shown as plain text (``rich.text.Text``), never as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from wargame import explain
from wargame.engine.room import RoomView
from wargame.ui.screens.base import UsesSession
from wargame.ui.widgets.footer import SteadyFooter
from wargame.ui.widgets.paint import show

PHASES = {"setup": "SET-UP", "moves": "MOVES", "review": "UMPIRE REVIEW", "between": "BETWEEN TURNS", "ended": "ENDED"}


def status_text(view: RoomView) -> Text:
    parts = [f"Turn {view.turn} of {view.turns}" if view.turn else "Before the first turn", view.date,
             PHASES.get(view.phase, view.phase)]
    if view.phase == "moves":
        parts.append(f"{view.sealed} of {view.roles} teams sealed")
    if view.ended:
        parts.append(view.ended)
    return Text("  ·  ".join(p for p in parts if p))


def ladder_text(view: RoomView) -> Text:
    text = Text()
    if view.rung is None:
        return text
    text.append("Escalation ladder\n", style="bold")
    for level, label in reversed(view.ladder):
        current = level == view.rung
        text.append(f"{'▶' if current else ' '} {level} {label}\n", style="bold reverse" if current else "")
    if view.variables:
        text.append("\nThe world (public)\n", style="bold")
        for label, value in view.variables:
            text.append(f"  {label}: {explain.number(value)}\n")
    return text


def news_text(view: RoomView) -> Text:
    text = Text()
    if view.statements:
        text.append("Public statements\n", style="bold")
        for item in reversed(view.statements[-6:]):
            text.append(f"  T{item.turn} {item.title}: ", style="bold")
            text.append(f"{item.text}\n")
        text.append("\n")
    text.append("Public outcomes\n", style="bold")
    if not view.outcomes:
        text.append("  none yet\n")
    for item in reversed(view.outcomes[-12:]):
        text.append(f"  T{item.turn} {item.title}\n")
        if item.text:
            text.append(f"      {item.text}\n", style="italic")
    text.append("\nInjects to everyone\n", style="bold")
    if not view.injects:
        text.append("  none yet\n")
    for item in reversed(view.injects[-8:]):
        text.append(f"  T{item.turn} · {item.title}\n", style="bold")
        text.append(f"  {item.text}\n\n")
    return text


class RoomScreen(UsesSession, Screen[None]):
    """The public lens, for the projector."""

    BINDINGS = [Binding("ctrl+q", "app.quit", "Quit", priority=True)]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="status")
        with Horizontal(id="world-row"):
            yield Static(id="ladder")
            with VerticalScroll():
                yield Static(id="room-news")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.repaint()

    def repaint(self) -> None:
        view = self.wargame.session.view("room")
        assert isinstance(view, RoomView)
        self.sub_title = "room display"
        show(self.query_one("#status", Static), status_text(view))
        show(self.query_one("#ladder", Static), ladder_text(view))
        show(self.query_one("#room-news", Static), news_text(view))
