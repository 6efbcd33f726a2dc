"""Set-up: the scenario's briefing, who plays each role, the seed, the control PIN, and start.

Each choice is recorded in the save the moment it is made, so quitting here
leaves a session that resumes at set-up with the same choices. The screen is
drawn before the save is open (see :mod:`wargame.ui.app`) and filled in when it is.
The control PIN is kept in memory only: it guards the hot seat for this sitting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from wargame.ui.safe import LiteralTable, plain, safe, wrapped
from wargame.ui.app import WargameApp
from wargame.ui.screens.base import UsesSession
from wargame.ui.widgets.footer import SteadyFooter
from wargame.ui.widgets.tables import refilled

if TYPE_CHECKING:
    from wargame.engine.views import ControlView

PLAYER_WIDTH = 25
"""The least width of the Played-by column of set-up ("Bot: the historical line")."""

HELP = """\
# Setting up the exercise

Choose who plays each role (a human team or a bot), the seed, and if you like a control PIN; then start.
Every choice is saved at once.

| key | does |
| --- | --- |
| ↑ ↓, Enter | highlight a role, choose who plays it (a list opens: ↑ ↓ and Enter, Esc cancels) |
| Tab / shift+Tab | move between the roles, the seed, the control PIN and the Start button |
| ctrl+s | start the exercise: turn 1 opens |
| ctrl+b / ctrl+h | every role to the random bot / to human teams |
| ctrl+q | quit; the save resumes at set-up with these choices |
| F1 | this help |

**Seed**: the same seed and the same moves give the same outcomes. **Control PIN**: what control types to
take the keyboard back from a team in the hot seat (kept for this sitting only; without one, control types
the word shown on the hand-back screen).
"""


def briefing(app: WargameApp) -> Text:
    """The scenario's briefing as one block of text (one widget: the set-up screen must open fast)."""
    from wargame.engine.timing import format_duration, format_moment

    world = app.session.scenario.world
    text = Text()
    text.append(f"{world.title}\n\n", style="bold")
    text.append(f"{world.summary}\n\n")
    text.append(f"{world.turns} turns", style="bold")
    span = ("" if not world.turn_dates else
            ", opening " + ", ".join(world.turn_opens(t) for t in range(1, world.turns + 1)) + ";")
    text.append((f" of {format_duration(world.turn_delta)}" if not world.turn_dates else " of varying length")
                + f" from {format_moment(world.start_date)}{span} Roles move in secret; "
                "control adjudicates, may override with a reason, and ends each turn.\n")
    if world.sources:
        text.append("\nSources\n", style="bold")
        for source in world.sources:
            line = source.title + (f", {source.author}" if source.author else "")
            text.append(f"  • {line}" + (f" ({source.publisher})" if source.publisher else "") + "\n")
    return text


class ChoosePlayer(ModalScreen[str | None]):
    """Pick who plays one role: a human team or one of the bots."""

    HELP = """\
# Who plays this role

↑ ↓ highlight a player, Enter chooses it, Esc keeps the current one. A bot makes its moves by itself
when each turn opens; a human team takes the keyboard when control hands it over.
"""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, role_name: str, options: list[tuple[str, str]], current: str) -> None:
        super().__init__()
        self.role_name = role_name
        self.options = options
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(f"Who plays {self.role_name}?\n↑ ↓ and Enter to choose; Esc cancels"))
            yield OptionList(*[Option(plain(label), id=value) for label, value in self.options], id="players")

    def on_mount(self) -> None:
        players = self.query_one(OptionList)
        players.highlighted = next((i for i, (_, v) in enumerate(self.options) if v == self.current), 0)
        players.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class SetupScreen(UsesSession, Screen[None]):
    """Assign the roles, pick the seed and the control PIN, start."""

    HELP = HELP
    # No automatic focus: on_mount gives it to the roles table. Textual's would first focus the scrolling
    # container, then the table took it: two restyles of the whole screen before the first frame.
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("enter", "choose", "Choose player", show=False),
        Binding("ctrl+s", "start", "Start", tooltip="Open turn 1 with these assignments"),
        Binding("ctrl+b", "all_bots", "All bots", tooltip="Give every role to the random bot"),
        Binding("ctrl+h", "all_humans", "All humans", tooltip="Give every role to a human team"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="setup"):
            yield Static("Opening the scenario and creating the save…", id="setup-title", classes="section-title")
            yield LiteralTable(id="assignments", cursor_type="row", show_header=False)
            with Horizontal(id="seed-row"):
                yield Label("Seed", classes="seed-label")
                yield Input("", type="integer", id="seed", tooltip="Same seed and moves, same outcomes")
                yield Label("Control PIN", classes="seed-label")
                yield Input("", password=True, id="pin", placeholder="optional",
                            tooltip="What control types to take the keyboard back from a team")
                yield Button("Start", variant="primary", id="start")
            yield Static(id="briefing")
        yield SteadyFooter(compact=True, show_command_palette=False)

    _briefed = False

    def on_mount(self) -> None:
        table = self.query_one("#assignments", DataTable)
        pin = self.query_one("#pin", Input)
        pin.value = str(getattr(self.app, "control_pin", "") or "")
        self.repaint()
        table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("start", "all_bots", "all_humans", "choose"):
            return self.wargame.loaded
        return True

    def repaint(self) -> None:
        if not self.wargame.loaded:
            return
        view = self._control_view()
        if view.phase != "setup":
            from wargame.ui.screens.console import ConsoleScreen

            self.app.switch_screen(ConsoleScreen())
            return
        from wargame.ui.widgets.names import player_name  # the engine: loaded by the worker, never before the first frame

        scenario = self.wargame.session.scenario
        title = self.query_one("#setup-title", Static)
        if not self._briefed:
            self._briefed = True
            title.update(safe(plain(f"{scenario.world.title}: who plays each role (Enter to change)")))
            self.query_one("#briefing", Static).update(safe(briefing(self.wargame)))
        table = self.query_one("#assignments", DataTable)
        if not table.columns:
            # fixed widths: a table keeps the widths of its first rows, and a bot's name is longer than "Human team";
            # every player's whole name (the longest bot of this scenario), the rest for the role's name, which
            # wraps onto a second line where it must
            room = max(40, (self.app.size.width or 80) - 8)  # cell padding, margins and the scrollbar
            names = [player_name(scenario, r.role, p) for r in view.roles for p in self.wargame.session.players(r.role)]
            longest = max((len(r.name) for r in view.roles), default=20)
            player_width = min(max([PLAYER_WIDTH, *map(len, names)]), room - 20)
            role_width = max(20, min(longest, room - player_width))
            table.add_column("Role", width=role_width)
            table.add_column("Played by", width=room - role_width)
        role_width = table.ordered_columns[0].width
        with refilled(table):
            for role in view.roles:
                name = wrapped(role.name, role_width)
                table.add_row(name, plain(player_name(scenario, role.role, role.player)), key=role.role,
                              height=len(name.plain.splitlines()))
        seed = self.query_one("#seed", Input)
        if not seed.has_focus and seed.value != str(view.seed):
            seed.value = str(view.seed)
        self.refresh_bindings()

    def _control_view(self) -> ControlView:
        """Control's view of the session (set-up draws the roles, who plays them, and the seed from it)."""
        from wargame.engine.views import ControlView

        view = self.wargame.session.view("control")
        assert isinstance(view, ControlView)
        return view

    def selected_role(self) -> str:
        table = self.query_one("#assignments", DataTable)
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_choose()

    def action_choose(self) -> None:
        if not self.query_one("#assignments", DataTable).has_focus:
            return
        from wargame.engine import commands as cmd
        from wargame.ui.widgets.names import player_name

        role = self.selected_role()
        scenario = self.wargame.session.scenario
        status = next(r for r in self._control_view().roles if r.role == role)
        options = [(player_name(scenario, role, p), p) for p in self.wargame.session.players(role)]

        def chosen(player: str | None) -> None:
            if player is not None and player != status.player:
                self.wargame.send(f"assign {status.name}", cmd.AssignRole(role=role, player=player))

        self.app.push_screen(ChoosePlayer(status.name, options, status.player), chosen)

    def _commit_seed(self) -> None:
        text = self.query_one("#seed", Input).value.strip()
        if not text:
            return
        try:
            seed = int(text)
        except ValueError:
            self.notify(f"{text!r} is not a seed: use a whole number from 0.", severity="warning", markup=False)
            return
        if seed != self._control_view().seed:
            from wargame.engine import commands as cmd

            self.wargame.send("choose seed", cmd.ChooseSeed(seed=seed))

    def _commit_pin(self) -> None:
        app = self.app
        if isinstance(app, WargameApp):
            app.control_pin = self.query_one("#pin", Input).value.strip()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "pin":
            self._commit_pin()
        elif self.wargame.loaded:
            self._commit_seed()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "pin":
            self._commit_pin()

    def on_descendant_blur(self, event: object) -> None:
        widget = getattr(event, "widget", None)
        if isinstance(widget, Input) and widget.id == "seed" and self.wargame.loaded:
            self._commit_seed()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start" and self.wargame.loaded:
            self.action_start()

    def _assign_all(self, player: str) -> None:
        from wargame.engine import commands as cmd

        for role in self._control_view().roles:
            if role.player != player:
                self.wargame.send(f"assign {role.name}", cmd.AssignRole(role=role.role, player=player))

    def action_all_bots(self) -> None:
        self._assign_all("random")

    def action_all_humans(self) -> None:
        self._assign_all("human")

    def action_start(self) -> None:
        from wargame.engine import commands as cmd

        self._commit_seed()
        self._commit_pin()
        self.wargame.send("start", cmd.StartExercise())
