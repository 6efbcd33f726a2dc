"""The terminal exercise: one app, a session behind it, screens that repaint from views.

The app owns the :class:`~wargame.session.Session`; screens hold no game state.
Every command goes through :meth:`WargameApp.execute`, which runs it in a
worker thread (the save is written before anything is confirmed on screen) and
posts :class:`CommandApplied` or :class:`CommandRefused` back. Screens repaint
from ``session.view(...)`` when a command was applied.

Start-up: this module imports only Textual. Given an ``open_session`` function
instead of a session, the app draws its first screen at once and opens the save
in a worker (the engine, pydantic and SQLite are imported there), then posts
:class:`SessionOpened`; screens drawn before that show what is still loading.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.content import Content
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from wargame.text import one_line, terminal_safe

if TYPE_CHECKING:
    from wargame.engine.actors import Bot, Control, Team
    from wargame.engine.commands import Command
    from wargame.engine.events import Event

    Actor = Control | Team | Bot
    from wargame.session import Session


@dataclass
class CommandApplied(Message):
    """A command's events are committed to the save and folded into the session."""

    events: list[Event]
    label: str
    announce: str | None = None
    """What to tell the facilitator now that it is done (e.g. 'Released C-06: …'), or None."""


@dataclass
class SessionOpened(Message):
    """The save named at start-up is open (or could not be: ``error`` says why, and the app exits)."""

    error: BaseException | None = None


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

    def __init__(self, session: Session | None = None, *, open_session: Callable[[], Session] | None = None) -> None:
        super().__init__()
        if (session is None) == (open_session is None):
            raise ValueError("give a session, or a function that opens one")
        self._session = session
        self._open_session = open_session
        self._opening = False
        self.open_error: BaseException | None = None
        """Why the save could not be opened at start-up (the app has exited), or None."""
        self._lock = threading.Lock()
        if session is not None:
            self.sub_title = session.path.name

    def notify(self, message: str, *, title: str = "", severity: Any = "information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Every notification is literal text: messages quote names, notes and effects people typed."""
        super().notify(terminal_safe(message), title=one_line(title), severity=severity, timeout=timeout, markup=False)

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's title and sub-title (a scenario title, a role name), control characters shown."""
        return super().format_title(one_line(title), one_line(sub_title))

    @property
    def loaded(self) -> bool:
        """True once the session is open (at once when the app was given one)."""
        return self._session is not None

    @property
    def session(self) -> Session:
        """The open session; screens drawn before :class:`SessionOpened` check :attr:`loaded` first."""
        if self._session is None:
            raise RuntimeError("the session is still opening")
        return self._session

    def on_ready(self) -> None:
        if self._open_session is not None and self._session is None and not self._opening:
            self._opening = True
            # after the first frame: the imports in the worker would otherwise hold the GIL while it is drawn
            self.call_after_refresh(self.run_worker, self._open, thread=True, group="open", name="open the save")

    def _open(self) -> None:
        assert self._open_session is not None
        try:
            self._session = self._open_session()
        except Exception as error:  # shown by the caller after the app exits, as one line
            self.post_message(SessionOpened(error))
            return
        self.post_message(SessionOpened())

    def on_session_opened(self, message: SessionOpened) -> None:
        if message.error is not None:
            self.open_error = message.error
            self.exit(return_code=2)
            return
        self.sub_title = self.session.path.name
        self.opened()

    def opened(self) -> None:
        """The session opened after the first screen was drawn: subclasses show it."""
        self.repaint()

    def execute(self, label: str, command: Callable[..., list[Event]], *args: Any, announce: str | None = None,
                **kwargs: Any) -> None:
        """Run ``command`` in a worker; :class:`CommandApplied` or :class:`CommandRefused` comes back.

        ``announce`` is shown as a notification once the command is committed (never when refused).
        """
        from wargame.engine.errors import EngineError
        from wargame.session import StoreError

        def work() -> None:
            with self._lock:
                try:
                    events = command(*args, **kwargs)
                except (EngineError, StoreError) as error:
                    self.post_message(CommandRefused(str(error), label))
                    return
            self.post_message(CommandApplied(events, label, announce))

        self.run_worker(work, thread=True, group="commands", name=label)

    def send(self, label: str, command: Command, actor: Actor | None = None, *, announce: str | None = None) -> None:
        """Issue ``command`` through the session's one door, as ``actor`` (control when None), in a worker.

        :class:`CommandApplied` (with ``announce`` shown once committed) or :class:`CommandRefused`
        (the engine's or the store's reason; nothing written) comes back.
        """
        if actor is None:
            from wargame.engine.actors import CONTROL_ACTOR

            actor = CONTROL_ACTOR
        self.execute(label, self.session.execute, command, actor, announce=announce)

    def on_command_applied(self, message: CommandApplied) -> None:
        # Textual calls a handler of every class in the MRO, so subclasses override applied() instead.
        if message.announce:
            self.notify(message.announce, timeout=6, markup=False)
        self.applied(message)

    def applied(self, message: CommandApplied) -> None:
        """A command is committed: repaint. Subclasses add what else follows."""
        self.repaint()

    def on_command_refused(self, message: CommandRefused) -> None:
        self.notify(message.reason, title=f"Not done: {message.label}", severity="error", timeout=8, markup=False)

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

    teams_share_the_keyboard = True
    """The hot seat: teams take turns at this keyboard, so only control may quit (a seat's app sets False)."""

    def __init__(self, session: Session | None = None, *, open_session: Callable[[], Session] | None = None,
                 bots_move_on_turn_start: bool = True, control_pin: str = "") -> None:
        super().__init__(session, open_session=open_session)
        self.bots_move_on_turn_start = bots_move_on_turn_start
        self.control_pin = control_pin
        """What control types to take the keyboard back from a team; empty: the word ``control``."""
        if session is not None:
            self.title = session.scenario.world.title

    def on_mount(self) -> None:
        from wargame.ui.screens.setup import SetupScreen

        if not self.loaded:  # a new exercise: the set-up screen at once, filled when the save is open
            self.push_screen(SetupScreen())
            return
        self._first_screen()

    def _first_screen(self) -> None:
        from wargame.ui.screens.console import ConsoleScreen
        from wargame.ui.screens.setup import SetupScreen

        phase = self.session.view("control").phase
        if phase == "setup":
            if not isinstance(self.screen, SetupScreen):
                self.push_screen(SetupScreen())
        else:
            self.switch_screen(ConsoleScreen()) if isinstance(self.screen, SetupScreen) else self.push_screen(ConsoleScreen())
            if phase == "moves":
                self.move_bots()

    def opened(self) -> None:
        self.title = self.session.scenario.world.title
        self._first_screen()
        self.repaint()

    def move_bots(self) -> None:
        """Bot-played roles make their moves if they have not (the session runs them when a turn opens;
        this catches a session resumed between a turn opening and its bots moving)."""
        if self.bots_move_on_turn_start:
            self.execute("bots move", self.session.play_bots)

    def team_has_keyboard(self) -> bool:
        """Whether a team holds the hot seat's keyboard: its screen, the hand-over or the locked hand-back is open."""
        from wargame.ui.screens.hotseat import HandBackScreen, HandoverScreen
        from wargame.ui.screens.player import PlayerScreen

        return self.teams_share_the_keyboard and any(
            isinstance(screen, (HandoverScreen, HandBackScreen, PlayerScreen)) for screen in self.screen_stack)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No quit while a team has the keyboard (hidden from the footer): ctrl+q would hand it the command
        line, and ``wargame resume`` the console, past the control PIN."""
        if action == "quit" and self.team_has_keyboard():
            return False
        return True

    async def action_quit(self) -> None:
        if self.team_has_keyboard():  # the command palette's Quit calls this directly
            self.notify("Only control quits: pass the keyboard back to control.", severity="warning", markup=False)
            return
        await super().action_quit()

    def action_help(self) -> None:
        from wargame.ui.screens.help import HelpScreen, help_for

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(help_for(self.screen)))


def make_app(session: Session | None = None, **options: Any) -> WargameApp:
    """The one factory used by the command line and the tests alike.

    Give an open ``session``, or ``open_session=`` a function that opens or creates one
    (called in a worker after the first screen is drawn). Options: ``bots_move_on_turn_start``,
    ``control_pin`` (see :class:`WargameApp`).
    """
    return WargameApp(session, **options)
