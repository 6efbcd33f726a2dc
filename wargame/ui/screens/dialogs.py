"""Modal dialogs: confirm, override with rationale, facilitator note."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from rich.text import Text
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from wargame import explain
from wargame.engine import commands as cmd
from wargame.engine.events import CONTROL
from wargame.engine.scenario import Effect
from wargame.engine.views import ControlView, VariableView
from wargame.ui.safe import plain, safe
from wargame.ui.app import WargameApp
from wargame.ui.screens.base import UsesSession


CUSTOM = "__custom__"


class ConfirmScreen(ModalScreen[bool]):
    """Yes or no, keyboard first (y / n, Enter / Escape)."""

    HELP = """\
# A question

| key | does |
| --- | --- |
| y, or Enter on Yes | yes |
| n, Esc | no |
| Tab | move between the buttons |
"""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(plain(self.question))
            with Horizontal(classes="buttons"):
                yield Button("Yes (y)", variant="primary", id="yes")
                yield Button("No (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


OVERRIDE_RESOLVES = (
    "The turn is then resolved again: follow-on rules are tested again with the new outcome (a knock-on of "
    "the old one is undone, one of the new one fires); red lines crossed at adjudication stay crossed, with "
    "their consequences, since the injects they released have been read."
)
"""What an override does to the rest of the turn, said in the dialog before control applies it."""


class OverrideScreen(UsesSession, ModalScreen[None]):
    """The umpire replaces an outcome with another band, or effects of its own, and must say why."""

    HELP = """\
# Overriding an outcome

The fields go top to bottom: New band, (custom effects: the variable list, the effects line), Rationale,
then the buttons. Tab moves down, shift+Tab up; the label of the field that has the keyboard is shown in reverse.

| key | does |
| --- | --- |
| Enter on New band | open the list; ↑ ↓ and Enter choose a band, or *custom effects…* |
| Tab / shift+Tab | next / previous field, in the order they are shown |
| ↑ ↓, Enter on the variable list | custom effects: put the variable in the effects line, then type `+n`, `-n`, `=n` or `*n` |
| typing in the effects line | custom effects (`var +n, var -n, var =n, var *n`, comma-separated) |
| Enter in the effects line | check the effects (a fault is shown under the line), then go on to the rationale |
| Enter in the rationale | apply the override (a rationale is required) |
| Esc | cancel |

The turn is then resolved again: follow-on rules are tested again with the new outcome (a knock-on of
the old one is undone, one of the new one fires); red lines crossed at adjudication stay crossed, with
their consequences, since the injects they released have been read.
"""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, role: str, action: str) -> None:
        super().__init__()
        self.role = role
        self.action_id = action

    def compose(self) -> ComposeResult:
        session = self.wargame.session
        scenario = session.scenario
        view = session.view(CONTROL)
        assert isinstance(view, ControlView)
        outcome = next(o for o in view.last_turn if o.role == self.role and o.action == self.action_id)
        action = scenario.action(self.role, self.action_id)
        bands = [(b.id, b.label or b.id) for b in action.bands]
        if "failure" not in [b for b, _ in bands]:
            bands.append(("failure", "Failure (no effect)"))  # the engine's implicit band, in the list's wording
        options = [(plain(label), b) for b, label in bands if b != outcome.band] + [("custom effects…", CUSTOM)]
        what = Text()
        what.append("Override  ", style="bold")
        what.append(explain.outcome(scenario, outcome.explanation) if outcome.explanation is not None
                    else explain.outcome_seen(scenario, outcome, relative=False))
        with VerticalScroll(classes="dialog", id="override-dialog"):
            yield Static(safe(what), id="override-what")
            # each field with its label, top to bottom as Tab visits them; the label of the field that has
            # the keyboard is shown in reverse (.field:focus-within), visible in any terminal's colours
            with Vertical(classes="field"):
                yield Label("New band (Enter opens the list)")
                yield Select(options, value=options[0][1], allow_blank=False, id="band")
            with Vertical(classes="field hidden", id="picker-field"):
                yield Label("Variables: Enter puts one in the effects line, Tab goes there")
                yield OptionList(*self._variable_options(), id="picker")
            with Vertical(classes="field hidden", id="effects-field"):
                yield Label("Effects (var +n, -n, =n or *n, comma-separated; Enter checks them)")
                yield Input(placeholder="e.g. escalation +1, iraqi_stability -5, us_support =40", id="effects",
                            select_on_focus=False)
                yield Static("", id="effects-error", classes="hidden")
            with Vertical(classes="field"):
                yield Label("Rationale (required; every team that may see the outcome reads it)")
                yield Input(placeholder="why the umpire rules otherwise", id="rationale")
            yield Static(OVERRIDE_RESOLVES, id="override-resolves", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Override", variant="warning", id="apply", disabled=True)
                yield Button("Cancel (Esc)", id="cancel")

    def _control_variables(self) -> tuple[VariableView, ...]:
        view = self.wargame.session.view(CONTROL)
        assert isinstance(view, ControlView)
        return view.variables

    def _variable_options(self) -> list[Option]:
        """Every variable the override may change: label, id, value now, bounds (control sees them all)."""
        rows = []
        for v in self._control_variables():
            line = Text()
            line.append(v.label, style="bold")
            line.append(f"  {v.id}  now {explain.number(v.value)}  [{explain.number(v.min)}–{explain.number(v.max)}]")
            rows.append(Option(safe(line), id=v.id))
        return rows

    def on_mount(self) -> None:
        # Tab visits the fields and buttons only, top to bottom: the scrolling frame is no stop of its own
        self.query_one("#override-dialog").can_focus = False
        self.query_one("#band", Select).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        custom = event.value == CUSTOM
        for field in ("#picker-field", "#effects-field"):
            self.query_one(field).set_class(not custom, "hidden")
        if not custom:
            self._show_fault(None)
        if custom:
            self.query_one("#picker", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A variable picked from the list: its id goes into the effects line, ready for '+n'."""
        if event.option_list.id != "picker":
            return
        effects = self.query_one("#effects", Input)
        text = effects.value.rstrip()
        if text and not text.endswith(","):
            text += ","
        effects.value = (text + " " if text else "") + f"{event.option.id} "
        effects.focus()
        effects.cursor_position = len(effects.value)

    def on_descendant_focus(self, event: object) -> None:
        widget = getattr(event, "widget", None)
        if widget is not None:  # the field with the keyboard is always in sight, even at 80x24
            self.call_after_refresh(widget.scroll_visible, animate=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "rationale":
            self.query_one("#apply", Button).disabled = not event.value.strip()
        elif event.input.id == "effects":
            self._show_fault(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the effects line checks them and goes on to the rationale; Enter in the rationale applies."""
        if event.input.id == "effects":
            if self._custom_effects() is not None:
                self.query_one("#rationale", Input).focus()
            return
        self._apply()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            self._apply()
        else:
            self.dismiss(None)

    def _custom_effects(self) -> tuple[Effect, ...] | None:
        """The effects typed in the effects line; None, with the fault shown under the line and the
        cursor put there, when they cannot be read."""
        variables = self._control_variables()
        effects = self.query_one("#effects", Input)
        try:
            return cmd.effects_from_text(effects.value, [v.id for v in variables])
        except cmd.UnknownVariable as error:
            self._show_fault(f"{error}. {valid_variables(error.name, variables)}")
        except ValueError as error:
            self._show_fault(str(error))
        effects.focus()
        return None

    def _show_fault(self, fault: str | None) -> None:
        """What is wrong with the effects line, shown just under it (None: nothing, hidden)."""
        shown = self.query_one("#effects-error", Static)
        shown.update(plain(f"Effects: {fault}") if fault else "")
        shown.set_class(fault is None, "hidden")

    def _apply(self) -> None:
        rationale = self.query_one("#rationale", Input).value.strip()
        band = str(self.query_one("#band", Select).value)
        if band == CUSTOM:
            effects = self._custom_effects()
            if effects is None:
                return
        if not rationale:
            self.notify("An override needs a rationale.", severity="warning")
            self.query_one("#rationale", Input).focus()
            return
        if band == CUSTOM:
            self.wargame.send("override", cmd.Override(role=self.role, action=self.action_id, rationale=rationale,
                                                       effects=effects))
        else:
            self.wargame.send("override", cmd.Override(role=self.role, action=self.action_id, rationale=rationale,
                                                       band=band))
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def valid_variables(wrong: str, variables: Sequence[Any]) -> str:
    """After an effect naming no variable: the closest variable ids, or where to find the valid ones."""
    close = difflib.get_close_matches(wrong, [v.id for v in variables], n=3, cutoff=0.5)
    if close:
        return "Did you mean " + " or ".join(close) + "? Valid variables are in the list above."
    return "Valid variables are in the list above."


class NoteScreen(ModalScreen[None]):
    """A facilitator note, saved with the turn it was written in."""

    HELP = """\
# A facilitator note

Type the note and press Enter to save it with this turn; Esc cancels. Notes are seen by control only
and appear in the review and the after-action report.
"""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Facilitator note (Enter saves, Esc cancels)")
            yield Input(placeholder="what you noticed", id="note")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        app = self.app
        assert isinstance(app, WargameApp)
        if event.value.strip():
            app.send("note", cmd.AddNote(text=event.value))
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
