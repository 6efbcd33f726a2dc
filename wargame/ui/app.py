"""The terminal exercise: one app, a session behind it, screens that repaint from views.

The app owns the :class:`~wargame.session.Session`; screens hold no game state.
Every command goes through :meth:`WargameApp.execute`, which runs it in a
worker thread (the save is written before anything is confirmed on screen) and
posts :class:`CommandApplied` or :class:`CommandRefused` back. Screens repaint
from ``session.view(...)`` when a command was applied.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.content import Content
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from wargame.engine.errors import EngineError
from wargame.engine.events import Event
from wargame.session import Session
from wargame.session.legacy import legacy_command
from wargame.store.errors import StoreError
from wargame.text import one_line, terminal_safe


@dataclass
class CommandApplied(Message):
    """A command's events are committed to the save and folded into the session."""

    events: list[Event]
    label: str


@dataclass
class CommandRefused(Message):
    """The engine (or the store) refused a command; nothing was written."""

    reason: str
    label: str


class SessionApp(App[None]):
    """What both faces of a saved session share: the session, commands run in a worker thread
    (committed before they are confirmed), repaint on every applied command, the palette, quit."""

    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, tooltip="Quit; every confirmed step is already saved"),
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._lock = threading.Lock()
        self.sub_title = session.path.name

    def notify(self, message: str, *, title: str = "", severity: Any = "information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Every notification is literal text: messages quote names, notes and effects people typed."""
        super().notify(terminal_safe(message), title=one_line(title), severity=severity, timeout=timeout, markup=False)

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's title and sub-title (a scenario title, a role name), control characters shown."""
        return super().format_title(one_line(title), one_line(sub_title))

    def execute(self, label: str, command: Callable[..., list[Event]], *args: Any, **kwargs: Any) -> None:
        """Run ``command`` in a worker; :class:`CommandApplied` or :class:`CommandRefused` comes back."""

        def work() -> None:
            with self._lock:
                try:
                    events = command(*args, **kwargs)
                except (EngineError, StoreError) as error:
                    self.post_message(CommandRefused(str(error), label))
                    return
            self.post_message(CommandApplied(events, label))

        self.run_worker(work, thread=True, group="commands", name=label)

    def run_command(self, label: str, command: Callable[..., list[Event]], *args: Any, **kwargs: Any) -> None:
        """Run a rule of :mod:`wargame.engine.decide` on the session, as the command and actor it stands for."""
        self.execute(label, self.session.execute, *legacy_command(command, *args, **kwargs))

    def on_command_applied(self, message: CommandApplied) -> None:
        # Textual calls a handler of every class in the MRO, so subclasses override applied() instead.
        self.applied(message)

    def applied(self, message: CommandApplied) -> None:
        """A command is committed: repaint. Subclasses add what else follows."""
        self.repaint()

    def on_command_refused(self, message: CommandRefused) -> None:
        self.notify(message.reason, title=f"Not done: {message.label}", severity="error", timeout=8)

    def repaint(self) -> None:
        """Every screen on the stack redraws from the session."""
        for screen in self.screen_stack:
            repaint = getattr(screen, "repaint", None)
            if repaint is not None:
                repaint()

    async def action_quit(self) -> None:
        """Quit after any command in flight is committed; everything confirmed is already saved."""
        await self.workers.wait_for_complete()
        self.exit()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette offers every action of the current screen, with its key."""
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            node = active.node

            def run(action: str = binding.action, target: Any = node) -> None:
                self.call_later(self.run_action, action, target)

            yield SystemCommand(binding.description, f"key: {key}  {binding.tooltip}".rstrip(), run)
        yield from super().get_system_commands(screen)


class WargameApp(SessionApp):
    """A facilitator's console and the players' hot-seat screens, over one session."""

    CSS_PATH = Path(__file__).parent / "app.tcss"  # absolute, so subclasses elsewhere find it too
    TITLE = "wargame"
    # Screens get -narrow below 100 columns: panels stack instead of sitting side by side.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(self, session: Session, *, bots_move_on_turn_start: bool = True) -> None:
        super().__init__(session)
        self.bots_move_on_turn_start = bots_move_on_turn_start
        self.title = session.scenario.world.title

    def on_mount(self) -> None:
        from wargame.ui.screens.console import ConsoleScreen
        from wargame.ui.screens.setup import SetupScreen

        phase = self.session.state.phase
        if phase == "setup":
            self.push_screen(SetupScreen())
        else:
            self.push_screen(ConsoleScreen())
            if phase == "moves":
                self.move_bots()

    def move_bots(self) -> None:
        """Bot-played roles make their moves if they have not (the session runs them when a turn opens;
        this catches a session resumed between a turn opening and its bots moving)."""
        if self.bots_move_on_turn_start:
            self.execute("bots move", self.session.play_bots)

    def action_help(self) -> None:
        from wargame.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def make_app(session: Session, **options: Any) -> WargameApp:
    """The one factory used by the command line and the tests alike."""
    return WargameApp(session, **options)
