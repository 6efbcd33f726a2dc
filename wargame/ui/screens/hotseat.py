"""The hot seat's two neutral screens: hand the keyboard to a team, and take it back.

Neither shows anything of the game. Leaving a team's view (sealing, Esc, or
Esc on the hand-over screen) always ends on :class:`HandBackScreen`, which
only control can dismiss: by typing the control PIN chosen at set-up, or, when
none was chosen, the word the screen names. So a team that presses Enter or Esc
at the wrong moment sees a blank screen, never the console.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, Static

from wargame.text import terminal_safe
from wargame.ui.screens.base import UsesSession
from wargame.ui.widgets.footer import SteadyFooter

CONTROL_WORD = "control"
"""What control types to take the keyboard back when no PIN was set at set-up."""

HANDOVER_HELP = """\
# Handing the keyboard to a team

Only the named team should look at the screen now.

| key | does |
| --- | --- |
| Enter | the team is at the keyboard: show its view |
| Esc | not now: lock the screen until control takes the keyboard back |
"""

HANDBACK_HELP = """\
# Taking the keyboard back

The screen is locked so that no team sees the console. Control types the
control PIN set at set-up (or, if none was set, the word named on the screen)
and presses Enter.

| key | does |
| --- | --- |
| typing, Enter | the control PIN (or word), then back to the console |

Quitting is control's, from the console: while a team has the keyboard (its screen, the hand-over or
this one), ctrl+q does nothing, so no team reaches the command line and the save behind the console.
"""


class HandoverScreen(UsesSession, Screen[None]):
    """A blank screen naming who should take the keyboard, so nobody sees another team's view."""

    HELP = HANDOVER_HELP
    BINDINGS = [
        Binding("enter", "begin", "We are at the keyboard"),
        Binding("escape", "lock", "Not now"),
    ]

    def __init__(self, role: str) -> None:
        super().__init__()
        self.role = role

    def compose(self) -> ComposeResult:
        name = self.wargame.session.scenario.role(self.role).name
        text = Text(justify="center")
        text.append("Pass the keyboard to\n\n")
        text.append(terminal_safe(name), style="bold")
        text.append("\n\nEveryone else, look away.\n\n")
        text.append(terminal_safe(name))
        text.append(": press Enter when you are ready.")
        with Center(id="handover"):
            yield Static(text, id="handover-text")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.app.clear_notifications()  # control's toasts (a held inject's title, an undo hint) are not the team's

    def action_begin(self) -> None:
        from wargame.ui.screens.player import PlayerScreen

        self.app.clear_notifications()
        self.app.switch_screen(PlayerScreen(self.role))

    def action_lock(self) -> None:
        self.app.switch_screen(HandBackScreen(self.wargame.session.scenario.role(self.role).name, "did not start"))


class HandBackScreen(Screen[None]):
    """Blank but for what a team needs to know; only control's PIN (or word) leads back to the console."""

    HELP = HANDBACK_HELP
    BINDINGS = [Binding("escape", "nothing", show=False)]  # Esc must not leave this screen

    def __init__(self, role_name: str, what: str) -> None:
        """``what`` completes '<team>: …', e.g. 'your 2 moves are sealed and saved'."""
        super().__init__()
        self.role_name = role_name
        self.what = what

    @property
    def pin(self) -> str:
        return str(getattr(self.app, "control_pin", "") or "")

    def compose(self) -> ComposeResult:
        text = Text(justify="center")
        text.append(terminal_safe(self.role_name), style="bold")
        text.append(f": {self.what}.\n\nPass the keyboard back to control.")
        asked = "Control: type your PIN and press Enter" if self.pin else \
            f"Control: type the word {CONTROL_WORD} and press Enter"
        with Center(id="handover"):
            with Vertical(id="handback-box"):
                yield Static(text, id="handover-text")
                yield Static(asked, id="handback-ask")
                yield Input(password=True, id="control-code", placeholder="control only")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.app.clear_notifications()  # the team's toasts stay with the team, not with whoever walks up next
        self.query_one("#control-code", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        expected = self.pin or CONTROL_WORD
        if event.value.strip().casefold() == expected.casefold():
            self.app.pop_screen()
            return
        event.input.value = ""
        self.notify("That is not it: only control takes the keyboard back.", severity="warning", timeout=3)

    def action_nothing(self) -> None:
        """Esc does nothing here."""


class PinScreen(ModalScreen[None]):
    """Control sets or changes the PIN that takes the keyboard back from a team (a resumed session has none
    until control sets one: the PIN is never written to the save)."""

    HELP = """\
# The control PIN

Type the PIN and press Enter: from now on a team's locked screen opens only with it. Enter on an empty
field goes back to the word *control*. Esc leaves the PIN as it was. The PIN is kept only while this
console runs, never in the save.
"""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Control PIN for this sitting (Enter sets it, empty: the word control; Esc cancels)")
            yield Input(password=True, id="new-pin", placeholder="control only")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from wargame.ui.app import WargameApp

        pin = event.value.strip()
        app = self.app
        assert isinstance(app, WargameApp)
        app.control_pin = pin
        self.app.notify("Control PIN set: a team's locked screen opens only with it." if pin else
                        f"No control PIN: a team's locked screen opens with the word {CONTROL_WORD}.", markup=False)
        self.dismiss(None)
        app.repaint()

    def action_cancel(self) -> None:
        self.dismiss(None)
