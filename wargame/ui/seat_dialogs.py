"""Dialogs of the live classroom: a message between roles, control's clock, an improvised inject.

Each dialog returns a command (:mod:`wargame.engine.commands`) or None; the seat issues it as its
own actor, so the engine decides whether it is allowed. Text typed here is data: shown back as
plain text, never as markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from wargame.engine import commands as cmd
from wargame.engine.scenario import Scenario
from wargame.ui.safe import plain, safe
from wargame.ui.widgets.checklist import Checklist

EVERYONE = "*all*"
RULES = [("unsealed teams pass (sealed as they stand)", "pass"), ("a bot plays unsealed teams", "bot"),
         ("ask control", "ask")]


def utc_now() -> str:
    """The seat's clock, as the engine's commands carry it (ISO 8601 UTC)."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


class _Dialog(ModalScreen[cmd.Command | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    _Dialog { align: center middle; }
    _Dialog > VerticalScroll { width: 76; max-width: 100%; height: auto; max-height: 100%;
                               border: thick $primary; background: $surface; padding: 0 1; }
    _Dialog Checklist { height: auto; max-height: 9; }
    _Dialog .error { color: $error; }
    _Dialog Horizontal { height: auto; }
    _Dialog Horizontal Input { width: 14; }
    _Dialog Horizontal Label { padding: 1 0; }
    _Dialog Horizontal.field Label { width: 9; padding: 0; }
    _Dialog Horizontal.field Input { width: 1fr; }
    _Dialog #clock-buttons Button { min-width: 10; margin-right: 1; }
    _Dialog #send-row { margin-top: 1; }
    _Dialog #send-row Button { min-width: 8; margin-right: 2; }
    """

    def action_cancel(self) -> None:
        self.dismiss(None)

    def refuse(self, reason: str) -> None:
        self.query_one(".error", Static).update(safe(reason))

    def _seconds(self) -> int | None:
        """The ``#minutes`` field in seconds, or None (and the reason shown) when it is not 0 < minutes ≤ 1440."""
        try:
            minutes = float(self.query_one("#minutes", Input).value.strip())
        except ValueError:
            minutes = -1
        if not 0 < minutes <= 24 * 60:
            self.refuse("minutes: a number above 0, at most 1440")
            return None
        return max(1, round(minutes * 60))


class MessageDialog(_Dialog):
    """A message from ``sender`` (a role, or control — who may also speak as an outside voice)."""

    def __init__(self, scenario: Scenario, sender: str) -> None:
        super().__init__()
        self.scenario = scenario
        self.sender = sender

    def compose(self) -> ComposeResult:
        others = [(plain(r.name), r.id) for r in self.scenario.roles if r.id != self.sender]
        with VerticalScroll():
            yield Label("Message to (space ticks; none ticked = everyone, a public statement):")
            yield Checklist[str](*others, id="to")
            if self.sender == "control":
                yield Input(placeholder="speaking as (e.g. The press) — empty: Control", id="voice")
            yield Input(placeholder="your message, then Enter", id="text")
            yield Static("", classes="error")

    def on_mount(self) -> None:
        self.query_one("#to", Checklist).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = self.query_one("#text", Input).value
        if not text.strip():
            self.query_one("#text", Input).focus()
            return
        voice = self.query_one("#voice", Input).value if self.sender == "control" else ""
        to = tuple(self.query_one("#to", Checklist).selected)
        self.dismiss(cmd.SendMessage(sender=self.sender, to=to, text=text, voice=voice))


class ClockDialog(_Dialog):
    """Control's clock for this moves phase: set (minutes and the rule at expiry), pause, resume, extend, clear;
    and the session's agenda: minutes planned per turn from now (0 clears it)."""

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label("Moves-phase clock. At expiry:")
            yield Select(RULES, value="ask", allow_blank=False, id="rule", prompt="At expiry")
            yield Label("Minutes (to set, or to extend by); Enter sets:")
            yield Input("10", id="minutes")
            with Horizontal(id="clock-buttons"):  # five buttons side by side within 80 columns
                yield Button("Set", id="set", variant="primary")
                yield Button("Extend", id="extend")
                yield Button("Pause", id="pause")
                yield Button("Resume", id="resume")
                yield Button("Clear", id="clear")
            yield Label("Agenda: minutes planned for each turn, from this one (0 clears the plan):")
            with Horizontal():
                yield Input("", placeholder="e.g. 15", id="agenda")
                yield Button("Plan", id="plan")
            yield Static("", classes="error")

    def on_mount(self) -> None:
        self.query_one("#rule", Select).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._press("plan" if event.input.id == "agenda" else "set")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self._press(event.button.id or "")

    def _press(self, which: str) -> None:
        now = utc_now()
        command: cmd.Command
        if which == "plan":
            typed = self.query_one("#agenda", Input).value.strip()
            if not typed.isdigit() or int(typed) > 24 * 60:
                self.refuse("agenda: whole minutes per turn, 0 to 1440 (0 clears the plan)")
                return
            command = cmd.SetAgenda(minutes_per_turn=int(typed), now=now)
        elif which in ("set", "extend"):
            seconds = self._seconds()
            if seconds is None:
                return
            rule = self.query_one("#rule", Select).value
            command = (cmd.SetClock(seconds=seconds, now=now, on_expiry=rule) if which == "set"  # type: ignore[arg-type]
                       else cmd.ExtendClock(seconds=seconds))
        elif which == "pause":
            command = cmd.PauseClock(now=now)
        elif which == "resume":
            command = cmd.ResumeClock(now=now)
        else:
            command = cmd.ClearClock()
        self.dismiss(command)


class InjectDialog(_Dialog):
    """An improvised inject: audience, title, from, message, optional effects (``var +n, var =n``).

    Laid out as the message dialog is: the cursor starts in the audience list (Space ticks a role; none
    ticked = every role), Tab goes on through the fields in the order shown, Enter in a field or the Send
    button sends. Everything, the Send button included, fits an 80x24 terminal.
    """

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(plain("Improvised inject (kept in the record as improvised)", "bold"))
            yield Label("Audience (Space ticks a role; none ticked = every role):")
            yield Checklist[str](*[(plain(r.name), r.id) for r in self.scenario.roles], id="audience")
            for field, label, hint in (("title", "Title", "what every recipient sees first"),
                                       ("from", "From", "e.g. Reuters — empty: Control"),
                                       ("message", "Message", "the text of the inject"),
                                       ("effects", "Effects", "optional: escalation +0.5, us_support =40")):
                with Horizontal(classes="field"):
                    yield Label(label)
                    yield Input(placeholder=hint, id=field, compact=True)
            with Horizontal(id="send-row"):
                yield Button("Send", id="send", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
                yield Label("Enter in a field sends; Esc cancels", classes="hint")
            yield Static("", classes="error")
            variables = ", ".join(f"{v.id} ({v.label})" for v in self.scenario.world.variables)
            yield Static(plain(f"Variables: {variables}"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#audience", Checklist).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.send()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "send":
            self.send()
        else:
            self.dismiss(None)

    def send(self) -> None:
        """Dismiss with the inject, or say in the dialog what is missing or wrong (nothing is sent then)."""
        title = self.query_one("#title", Input).value
        message = self.query_one("#message", Input).value
        if not title.strip() or not message.strip():
            self.refuse("an inject needs a title and a message")
            return
        typed = self.query_one("#effects", Input).value
        try:
            effects = cmd.effects_from_text(typed, [v.id for v in self.scenario.world.variables]) if typed.strip() else []
        except ValueError as error:
            self.refuse(str(error))
            return
        audience = tuple(self.query_one("#audience", Checklist).selected)
        self.dismiss(cmd.ImproviseInject(title=title, audience=audience or "all", message=message,
                                         from_=self.query_one("#from", Input).value, effects=tuple(effects)))


class LateDialog(_Dialog):
    """Time ran out under ``ask``: control is asked what happens to the teams that have not sealed.

    Seal them as they stand, hand them to a bot for this turn, or give them more time (a new clock, still
    under ``ask``); Esc decides later (F5 asks again). Each answer is a command the engine checks.

    ``late`` gives the names of the teams not sealed yet, as the session stands now: the list is drawn from
    it when the dialog opens and again at each :meth:`repaint` (the seat repaints every screen when the
    session changes), so a team that seals while the question is open leaves the list.
    """

    def __init__(self, turn: int, late: Callable[[], list[str]]) -> None:
        super().__init__()
        self.turn = turn
        self.late = late

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self._late_text(), id="late-text")
            yield Label("What happens to them?")
            with Horizontal():
                yield Button("Seal as they stand", id="pass", variant="primary")
                yield Button("A bot plays them", id="bot")
            with Horizontal():
                yield Button("More time", id="more")
                yield Input("5", id="minutes")
                yield Label(" minutes")
            yield Static("Esc: decide later (F5 asks again)", classes="hint")
            yield Static("", classes="error")

    def on_mount(self) -> None:
        self.query_one("#pass", Button).focus()

    def _late_text(self) -> Text:
        names = self.late()
        if not names:
            return plain(f"Time is up (turn {self.turn}). Every team has sealed.", "bold")
        return plain(f"Time is up (turn {self.turn}). Not sealed:", "bold") + plain("".join(f"\n  {n}" for n in names))

    def repaint(self) -> None:
        """Redraw the list of teams not sealed from the session as it stands."""
        self.query_one("#late-text", Static).update(self._late_text())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._answer("more")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self._answer(event.button.id or "")

    def _answer(self, which: str) -> None:
        if which in ("pass", "bot"):
            self.dismiss(cmd.SettleLate(rule=which))  # type: ignore[arg-type]
            return
        seconds = self._seconds()
        if seconds is not None:
            self.dismiss(cmd.SetClock(seconds=seconds, now=utc_now(), on_expiry="ask"))
