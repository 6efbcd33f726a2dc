"""A seat: one screen — a terminal or a browser tab — opened with a join code, showing one lens live.

``wargame join SAVE`` (and every browser tab of ``wargame host --web``) runs a
:class:`SeatApp`. It first asks for the join code (:class:`JoinScreen`); the
code decides the lens, and the lens decides the only screens the seat can ever
reach:

- **control**: the facilitator's console, as in ``wargame play``;
- **a role**: that team's home screen (:class:`RoleHomeScreen`) and its player
  screen — leaving or sealing comes back to the home screen, never to the console;
- **room**: the room display (:mod:`wargame.ui.room`).

Every seat polls the save's tail (:class:`wargame.seats.live.Follower`) and
repaints when another process committed, so each seat shows every commit
within a poll interval plus a repaint, without a refresh key. Bots are played
by the host process (``wargame host``), not by seats.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from dataclasses import dataclass

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from wargame.engine import commands as cmd
from wargame.engine.actors import CONTROL_ACTOR, Team
from wargame.engine.views import ControlView, RoleView, view_json
from wargame.seats.book import CONTROL, ROOM, SeatError
from wargame.seats.live import POLL_S, Follower
from wargame.session import Session
from wargame.ui.app import CommandApplied, CommandRefused, WargameApp
from wargame.ui.comms import agenda_text, clock_text, message_heading, messages_text
from wargame.ui.screens.base import KeepsStyles, UsesSession
from wargame.ui.seat_dialogs import utc_now
from wargame.ui.widgets.footer import SteadyFooter
from wargame.ui.widgets.paint import show
from wargame.ui.safe import plain, safe

MOVES = "moves"
"""The name a role seat installs its one moves screen under."""
WRONG_CODE_PAUSE_S = 1.0
"""Each wrong code costs this long before the next try (on top of the seat book's rate limit)."""


@dataclass
class SeatOpened(Message):
    lens: str


@dataclass
class JoinRefused(Message):
    reason: str


class JoinScreen(Screen[None]):
    """Asks for the join code; nothing of the session is shown before a right one."""

    BINDINGS = [Binding("ctrl+q", "app.quit", "Quit", priority=True)]

    def __init__(self, title: str) -> None:
        super().__init__()
        self.session_title = title

    def compose(self) -> ComposeResult:
        yield Header()
        with Center(id="join"):
            yield Static(safe(Text(f"{self.session_title}\n\nType the join code your facilitator gave you "
                              "(five words), then Enter.")), id="join-text")
            yield Input(placeholder="e.g. amber cedar harbor opal tulip", id="join-code")
            yield Static("", id="join-error")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.query_one("#join-code", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            return
        event.input.disabled = True
        self.query_one("#join-error", Static).update("Checking…")
        app = self.app
        assert isinstance(app, SeatApp)
        app.try_code(event.value)

    def refused(self, reason: str) -> None:
        field = self.query_one("#join-code", Input)
        field.value = ""
        field.disabled = False
        field.focus()
        self.query_one("#join-error", Static).update(plain(reason, "bold red"))


class RoleHomeScreen(UsesSession, KeepsStyles, Screen[None]):
    """A team's own seat between its moves: where the turn stands and what the team knows.

    Enter opens the team's moves while the moves phase is open and it has not sealed. (The moves do not
    open by themselves: a screen that changes under a team's hands is worse than a key to press.)
    Nothing here leads to another lens: this is the bottom of a role seat's screen stack.
    """

    BINDINGS = [
        Binding("enter", "moves", "Open my moves"),
        Binding("ctrl+q", "app.quit", "Quit", priority=True),
    ]

    def __init__(self, role: str) -> None:
        super().__init__()
        self.role = role

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="player-status")
        with VerticalScroll():
            yield Static(id="role-home")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.repaint()

    def on_screen_resume(self) -> None:
        self.repaint()

    def repaint(self) -> None:
        session = self.wargame.session
        view = session.view(self.role)
        role = session.scenario.role(self.role)
        assert isinstance(view, RoleView)
        sealed = view.phase == "moves" and self.role in view.status.sealed
        self.sub_title = role.name
        phase = {"setup": "waiting for control to start", "moves": "moves open", "review": "umpire review",
                 "between": "between turns", "ended": "the exercise has ended"}.get(view.phase, view.phase)
        when = f"Turn {view.turn}, {view.date}" if view.turn else "before the first turn"
        status = f"{role.name}  ·  {when}  ·  {phase}"
        if view.phase == "moves":
            status += "  ·  your moves are sealed" if sealed else "  ·  press Enter for your moves"
        show(self.query_one("#player-status", Static), plain(status))
        text = Text()
        mine = view.moves.get(view.turn, {}).get(self.role, ())
        if view.phase == "moves" and mine:
            labels = [session.scenario.action(self.role, a).label for a in mine]
            text.append("Chosen this turn: ", style="bold")
            text.append(", ".join(labels) + "\n\n")
        known = [o for o in view.outcomes if o.turn < view.turn or o.role == self.role or view.phase != "moves"]
        # every outcome and inject the team knows of, the latest turn first: the list scrolls (↑ ↓, PageUp),
        # and during umpire review this screen is the only one the team has
        if known:
            text.append(f"Outcomes you know of ({len(known)}, the latest turn first)\n", style="bold")
            for outcome in sorted(known, key=lambda o: -o.turn):
                if outcome.unattributed:
                    text.append(f"  T{outcome.turn} {outcome.label}\n")
                    continue
                name = session.scenario.role(outcome.role).name
                text.append(f"  T{outcome.turn} {name}: {outcome.label} → {outcome.band}\n")
            text.append("\n")
        text.append(f"Injects you have received ({len(view.injects)}, the latest first)\n", style="bold")
        for inject in reversed(view.injects):
            text.append(f"  T{inject.turn} · {inject.inject.title}\n")
        text.append("\n")
        text.append_text(messages_text(session.scenario, view.messages, view.improvised))
        if view.ended:
            text.append(f"\n{view.ended}\n", style="bold")
        show(self.query_one("#role-home", Static), text)

    def action_moves(self) -> None:
        from wargame.ui.screens.player import PlayerScreen

        view = self.wargame.session.view(self.role)
        assert isinstance(view, RoleView)
        if view.phase != "moves":
            self.notify("Moves open when control starts the turn.", severity="warning")
            return
        if self.role in view.status.sealed:
            self.notify("Your moves for this turn are sealed.", severity="warning")
            return
        # One moves screen per seat, kept between turns: building it takes a second of CPU, showing it again
        # a tenth (six teams open theirs at once when a turn opens). It repaints from the view on the way in.
        app = self.app
        if not app.is_screen_installed(MOVES):
            app.install_screen(PlayerScreen(self.role), MOVES)
        else:
            screen = app.get_screen(MOVES)
            assert isinstance(screen, PlayerScreen)
            screen.repaint()
            screen.action_tab("moves" if screen.view.chosen else "news")
        app.push_screen(MOVES)


class SeatApp(WargameApp):
    """One seat over a save: asks for the code, then shows that code's lens live."""

    teams_share_the_keyboard = False  # each team at its own seat: quitting a seat is the team's own

    BINDINGS = [
        Binding("m", "message", "Message", tooltip="Send a message to other roles (or to all)"),
        Binding("f7", "comms", "Messages", tooltip="Every message and improvised inject this seat may see"),
        Binding("f5", "clock", "Clock", tooltip="Set, pause, extend or clear the moves-phase clock"),
        Binding("f6", "improvise", "Improvise inject", tooltip="Write an inject now (recorded as improvised)"),
    ]

    def __init__(self, session: Session, admit: Callable[[str], str] | None = None, lens: str | None = None,
                 poll_s: float = POLL_S, code: str | None = None) -> None:
        super().__init__(session, bots_move_on_turn_start=False)
        self.admit = admit
        self.lens = lens
        self.code = code
        self._drawn: object = None
        self._asked = False
        """Control's seat: whether it has asked about the late teams of the current expiry under ``ask``."""
        self._seen: tuple[int, int] | None = None
        self.poll_s = poll_s
        self.follower = Follower(session)

    def _on_mount(self, event: events.Mount) -> None:
        # Textual would go on to WargameApp.on_mount, which opens the set-up or console screen: never in a seat.
        # (Named _on_mount, which Textual dispatches like on_mount, so its signature may differ from the parent's.)
        event.prevent_default()
        if self.lens is None:
            self.push_screen(JoinScreen(self.session.scenario.world.title))
            if self.code:  # given on the command line or in a link: checked exactly like a typed one
                self.try_code(self.code)
        else:
            self.open_lens(self.lens)
        self.set_interval(self.poll_s, self.poll)
        self.set_interval(1.0, self.show_clock)

    # ------------------------------------------------------------ joining

    @work(thread=True, exclusive=True, group="join")
    def try_code(self, typed: str) -> None:
        """Check a typed code in a worker (hashing takes a moment); a wrong one costs a pause."""
        assert self.admit is not None
        try:
            lens = self.admit(typed)
        except SeatError as error:
            time.sleep(WRONG_CODE_PAUSE_S)
            self.post_message(JoinRefused(str(error)))
            return
        self.post_message(SeatOpened(lens))

    def on_join_refused(self, message: JoinRefused) -> None:
        if isinstance(self.screen, JoinScreen):
            self.screen.refused(message.reason)

    def on_seat_opened(self, message: SeatOpened) -> None:
        self.open_lens(message.lens)

    def open_lens(self, lens: str) -> None:
        """Show ``lens`` and nothing else from now on (the join screen is replaced, not kept below)."""
        from wargame.ui.room import RoomScreen

        self.lens = lens
        self._announce()  # what was said before this seat opened is in the messages list, not popped up
        self.show_clock()
        if lens == CONTROL:
            self.sub_title = f"{self.session.path.name} · control"
            screen: Screen[None]
            if self.session.view(CONTROL).phase == "setup":
                from wargame.ui.screens.setup import SetupScreen

                screen = SetupScreen()
            else:
                from wargame.ui.screens.console import ConsoleScreen

                screen = ConsoleScreen()
        elif lens == ROOM:
            self.sub_title = "room display"
            screen = RoomScreen()
        else:
            self.sub_title = self.session.scenario.role(lens).name
            screen = RoleHomeScreen(lens)
        if isinstance(self.screen, JoinScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        self._ask_if_time_ran_out()  # control joining after time ran out under "ask" is asked too

    # ------------------------------------------------------------ screens

    def switch_screen(self, screen: Screen[Any] | str) -> Any:
        """A team at its own seat needs no hot-seat lock: where the player screen would hand the keyboard
        back to control (after sealing, or Esc), the seat goes back to the team's own home screen."""
        from wargame.ui.screens.hotseat import HandBackScreen

        if self.lens not in (None, CONTROL, ROOM) and isinstance(screen, HandBackScreen):
            return self.pop_screen()
        return super().switch_screen(screen)

    # ------------------------------------------------------------ commands

    def send(self, label: str, command: cmd.Command, actor: Any = None, *, announce: str | None = None) -> None:
        """Issue a command as this seat's actor: control, or the seat's own team — whatever a screen asks.

        A role seat issues every command as ``Team(its role)`` (``actor`` is ignored), so a command for
        another role (or one only control may issue) is refused by the engine, never carried out; the
        room display issues none.
        """
        if self.lens == ROOM or self.lens is None:
            self.post_message(CommandRefused("the room display changes nothing", label))
            return
        seat_actor = CONTROL_ACTOR if self.lens == CONTROL else Team(role=self.lens)
        self.execute(label, self.session.execute, command, seat_actor, announce=announce)

    # ------------------------------------------------------------ the classroom: messages, clock, improvised injects

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("message", "comms"):
            return self.lens is not None and self.lens != ROOM
        if action in ("clock", "improvise"):
            return self.lens == CONTROL
        return True

    def issue(self, label: str, command: cmd.Command | None) -> None:
        """Issue a command from a dialog as this seat's actor (the engine checks it)."""
        if command is None or self.lens is None or self.lens == ROOM:
            return
        actor = CONTROL_ACTOR if self.lens == CONTROL else Team(role=self.lens)
        self.execute(label, self.session.execute, command, actor)

    def action_message(self) -> None:
        from wargame.ui.seat_dialogs import MessageDialog

        if self.lens is not None and self.lens != ROOM:
            self.push_screen(MessageDialog(self.session.scenario, self.lens), lambda c: self.issue("message", c))

    def action_clock(self) -> None:
        """F5: the clock dialog — or, while time has run out under ``ask`` with teams unsealed, the question."""
        from wargame.ui.seat_dialogs import ClockDialog

        if self.lens != CONTROL:
            return
        if self._late():
            self._ask_about_late()
        else:
            self.push_screen(ClockDialog(), lambda c: self.issue("clock", c))

    def _late(self) -> list[str]:
        """Control's seat: the teams control is asked about — time ran out under ``ask`` and they have not sealed."""
        view = self.session.view(CONTROL)
        assert isinstance(view, ControlView)
        clock = view.status.clock
        if view.phase != "moves" or clock is None or not clock.expired or clock.on_expiry != "ask":
            return []
        return [self.session.scenario.role(r).name for r in view.status.waiting]

    def _ask_about_late(self) -> None:
        """Ask control what happens to the late teams (once per expiry; F5 asks again)."""
        from wargame.ui.seat_dialogs import LateDialog

        if not self._late() or any(isinstance(s, LateDialog) for s in self.screen_stack):
            return
        self.push_screen(LateDialog(self.session.view(CONTROL).turn, self._late), lambda c: self.issue("late teams", c))

    def _ask_if_time_ran_out(self) -> None:
        """When the host has just issued an expiry under ``ask``, control's seat asks at once."""
        if self.lens != CONTROL:
            return
        from wargame.ui.seat_dialogs import LateDialog

        late = bool(self._late())
        if late and not self._asked:
            self.call_later(self._ask_about_late)  # after the repaint's own screen changes (set-up → console)
        if not late and isinstance(self.screen, LateDialog):  # answered at another control seat (or all sealed)
            self.screen.dismiss(None)
            self.notify("The late teams are settled (another control seat answered, or they sealed).", timeout=6)
        self._asked = late

    def action_improvise(self) -> None:
        from wargame.ui.seat_dialogs import InjectDialog

        if self.lens == CONTROL:
            self.push_screen(InjectDialog(self.session.scenario), lambda c: self.issue("improvised inject", c))

    def action_comms(self) -> None:
        from wargame.ui.comms import CommsScreen

        if self.lens is not None and self.lens != ROOM:
            self.push_screen(CommsScreen(self.lens))

    def show_clock(self) -> None:
        """The clock and the agenda in every seat's title bar: time left, or paused, or run out, with the rule at
        expiry; the turn against control's planned pace."""
        title = self.session.scenario.world.title
        view = self.session.view(self.lens if self.lens not in (None, "") else CONTROL)
        status = getattr(view, "status", view)  # a role's or control's view keeps them in its status; the room's on itself
        now = utc_now()
        parts = [clock_text(status.clock, now), agenda_text(status.agenda, status.turn, now), title]
        self.title = " · ".join(p for p in parts if p)

    def _announce(self) -> None:
        """New messages and improvised injects this lens may see pop up at once."""
        if self.lens is None:
            return
        lens = self.lens
        view = self.session.view(lens)
        messages = getattr(view, "messages", ())
        injects = getattr(view, "improvised", ())
        if self._seen is not None:
            for message in messages[self._seen[0]:]:
                if message.sender != lens:
                    self.notify(message.text, title=message_heading(self.session.scenario, message), markup=False,
                                timeout=12)
            for inject in injects[self._seen[1]:]:
                self.notify(inject.message, title=f"Inject: {inject.title}", markup=False, timeout=12)
        self._seen = (len(messages), len(injects))

    # ------------------------------------------------------------ live

    def poll(self) -> None:
        """Fold in other processes' commits; repaint when they changed what this lens shows."""
        if self.lens is None:
            return
        new = self.follower.poll()
        self._close_moves_if_done()
        if new:
            self._announce()
            if self._lens_changed():
                self.repaint()
            self.show_clock()  # a clock set, paused or cleared elsewhere shows now, not at the next second's tick
            self._ask_if_time_ran_out()

    def _close_moves_if_done(self) -> None:
        """A team's moves screen closes when its moves can no longer change — sealed from the team's other
        laptop, or the moves phase ended (control adjudicated) — and the seat is back on the team's home screen."""
        from wargame.ui.screens.player import PlayerScreen

        if self.lens in (None, CONTROL, ROOM):
            return
        moves = [s for s in self.screen_stack if isinstance(s, PlayerScreen)]
        if not moves or not all(s.is_mounted for s in moves):  # one still opening closes at the next poll
            return
        view = self.session.view(self.lens)
        assert isinstance(view, RoleView)
        if view.phase == "moves" and self.lens not in view.status.sealed:
            return
        while not isinstance(self.screen, RoleHomeScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        self.notify("Your moves are sealed." if view.phase == "moves" else "The moves phase has closed.", timeout=6)

    def _lens_changed(self) -> bool:
        """Whether this seat's lens differs from what it last drew (control: always, it sees every commit).

        Another team's sealed move changes nothing a role may see; redrawing a player screen for it would
        cost a repaint (its briefs are Markdown) for no visible change.
        """
        from wargame.engine.room import RoomView

        if self.lens == CONTROL:
            return True
        view = self.session.view(self.lens or "")
        fingerprint = view.model_dump_json() if isinstance(view, RoomView) else view_json(view)
        changed = fingerprint != self._drawn
        self._drawn = fingerprint
        return changed

    def applied(self, message: CommandApplied) -> None:
        self._announce()
        self.repaint()
        self.show_clock()
        self._ask_if_time_ran_out()

    def on_command_refused(self, message: CommandRefused) -> None:
        # (SessionApp's handler runs too and says why.) Another seat may have got there first: show the truth.
        self.follower.poll()
        self.repaint()

    def repaint(self) -> None:
        """Every mounted screen redraws (a screen pushed by this very repaint draws itself when mounted)."""
        for screen in list(self.screen_stack):
            repaint = getattr(screen, "repaint", None)
            if repaint is not None and screen._is_mounted:
                repaint()

    def action_help(self) -> None:
        if self.lens == CONTROL:
            super().action_help()
        else:
            self.notify("Enter opens your moves; in your moves: Enter chooses or drops, s seals, Esc comes back here; "
                        "ctrl+q leaves this seat (re-join with the same code at any time).", timeout=10)
