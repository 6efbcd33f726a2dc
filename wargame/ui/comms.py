"""Messages, improvised injects and the clock, as seats show them (plain text: players' words are data)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from wargame.engine.events import CONTROL, InjectImprovised, MessageSent
from wargame.engine.scenario import Scenario
from wargame.engine.views import Agenda, Clock
from wargame.text import prose
from wargame.ui.screens.base import UsesSession
from wargame.ui.widgets.paint import show

RULE_WORDS = {"pass": "late teams pass", "bot": "a bot plays late teams", "ask": "control decides"}


def clock_text(clock: Clock | None, now: str) -> str:
    """``⏱ 04:32 left (a bot plays late teams)``, ``⏸ 04:32 left, paused``, ``⏱ time is up``; empty when no clock.

    ``clock`` is a view's (``view.status.clock``, or the room view's ``clock``): None outside the moves phase.
    """
    if clock is None:
        return ""
    rule = RULE_WORDS.get(clock.on_expiry, clock.on_expiry)
    if clock.expired:
        return f"⏱ time is up ({rule})"
    left = clock.left(now) or 0.0
    minutes, seconds = divmod(max(0, int(left + 0.999)), 60)
    if clock.deadline is None:
        return f"⏸ {minutes:02d}:{seconds:02d} left, paused ({rule})"
    return f"⏱ {minutes:02d}:{seconds:02d} left ({rule})" if left > 0 else f"⏱ time is up ({rule})"


def agenda_text(agenda: Agenda | None, turn: int, now: str) -> str:
    """``turn 3 of 8 · 12 min behind plan``, ``turn 3 of 8 · on plan, 4 min left in this turn's slot``; empty
    without an agenda or before the first turn."""
    if agenda is None or turn < 1:
        return ""
    behind = agenda.behind(turn, now)
    if behind >= 60:
        where = f"{int(behind // 60)} min behind plan"
    elif behind >= 0:
        where = "on plan, this turn's slot ends now"
    else:
        where = f"on plan, {int((-behind + 59) // 60)} min left in this turn's slot"
    return f"turn {turn} of {agenda.turns} · {where}"


def speaker(scenario: Scenario, message: MessageSent) -> str:
    if message.sender == CONTROL:
        return message.voice or "Control"
    return scenario.role(message.sender).name


def message_heading(scenario: Scenario, message: MessageSent) -> str:
    """``T2 · Islamic Republic of Iran → United States administration`` (or ``→ everyone``)."""
    to = ", ".join(scenario.role(r).name for r in message.to) if message.to else "everyone"
    return f"T{message.turn} · {speaker(scenario, message)} → {to}"


def messages_text(scenario: Scenario, messages: tuple[MessageSent, ...], injects: tuple[InjectImprovised, ...],
                  last: int = 8) -> Text:
    """The latest messages and improvised injects of a lens, newest first."""
    text = Text()
    text.append("Messages (m to send, F7 for all)\n", style="bold")
    if not messages:
        text.append("  none yet\n")
    for message in reversed(messages[-last:]):
        text.append(f"  {message_heading(scenario, message)}\n", style="bold")
        text.append(f"  {message.text}\n")
    if injects:
        text.append("\nImprovised injects\n", style="bold")
        for inject in reversed(injects[-last:]):
            text.append(f"  T{inject.turn} · {inject.title} (improvised, from {inject.from_})\n", style="bold")
            text.append(f"  {prose(inject.message)}\n")
    return text


class CommsScreen(UsesSession, ModalScreen[None]):
    """Every message and improvised inject this seat's lens may see, newest first."""

    BINDINGS = [Binding("escape", "dismiss", "Close"), Binding("f7", "dismiss", "Close", show=False)]
    DEFAULT_CSS = """
    CommsScreen { align: center middle; }
    CommsScreen > VerticalScroll { width: 90%; height: 90%; border: thick $primary; background: $surface; padding: 0 1; }
    """

    def __init__(self, lens: str) -> None:
        super().__init__()
        self.lens = lens

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(id="comms")

    def on_mount(self) -> None:
        self.repaint()

    def repaint(self) -> None:
        session = self.wargame.session
        view = session.view(self.lens)
        messages = getattr(view, "messages", ())
        improvised = getattr(view, "improvised", ())
        show(self.query_one("#comms", Static), messages_text(session.scenario, messages, improvised, last=500))
