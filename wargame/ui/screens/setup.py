"""Set-up: the scenario's briefing, who plays each role, the seed, and start.

Each choice is recorded in the save the moment it is made, so quitting here
leaves a session that resumes at set-up with the same choices.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from wargame.engine import decide as commands
from wargame.engine.timing import format_duration, format_moment
from wargame.ui.app import WargameApp
from wargame.ui.screens.base import UsesSession
from wargame.ui.widgets.tables import refilled

PLAYER_LABELS = {
    "human": "Human team",
    "random": "Bot: random legal moves",
    "historical": "Bot: the historical line",
}


def briefing(app: WargameApp) -> Text:
    """The scenario's briefing as one block of text (one widget: the set-up screen must open fast)."""
    world = app.session.scenario.world
    text = Text()
    text.append(f"{world.title}\n\n", style="bold")
    text.append(f"{world.summary}\n\n")
    text.append(f"{world.turns} turns", style="bold")
    text.append(f" of {format_duration(world.turn_delta)} from {format_moment(world.start_date)}. Roles move in secret; "
                "control adjudicates, may override with a reason, and ends each turn.\n")
    if world.sources:
        text.append("\nSources\n", style="bold")
        for source in world.sources:
            line = source.title + (f", {source.author}" if source.author else "")
            text.append(f"  • {line}" + (f" ({source.publisher})" if source.publisher else "") + "\n")
    return text


class ChoosePlayer(ModalScreen[str | None]):
    """Pick who plays one role: a human team or one of the bots."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, role_name: str, options: list[tuple[str, str]], current: str) -> None:
        super().__init__()
        self.role_name = role_name
        self.options = options
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Who plays {self.role_name}?")
            yield OptionList(*[Option(label, id=value) for label, value in self.options], id="players")

    def on_mount(self) -> None:
        players = self.query_one(OptionList)
        players.highlighted = next((i for i, (_, v) in enumerate(self.options) if v == self.current), 0)
        players.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class SetupScreen(UsesSession, Screen[None]):
    """Assign the roles, pick the seed, start."""

    BINDINGS = [
        Binding("enter", "choose", "Choose player", show=False),
        Binding("ctrl+s", "start", "Start exercise", tooltip="Open turn 1 with these assignments"),
        Binding("ctrl+b", "all_bots", "All bots", tooltip="Give every role to the random bot"),
        Binding("ctrl+h", "all_humans", "All humans", tooltip="Give every role to a human team"),
    ]

    def compose(self) -> ComposeResult:
        app = self.wargame
        scenario = app.session.scenario
        state = app.session.state
        yield Header()
        with VerticalScroll(id="setup"):
            yield Static(f"{scenario.world.title}: who plays each role (Enter or click to change)",
                         classes="section-title")
            yield DataTable(id="assignments", cursor_type="row", show_header=False)
            with Horizontal(id="seed-row"):
                yield Label("Seed", classes="seed-label")
                yield Input(str(state.seed), type="integer", id="seed", tooltip="Same seed and moves, same outcomes")
                yield Button("Start the exercise", variant="primary", id="start")
            yield Static(briefing(app), id="briefing")
        yield Footer()

    def player_label(self, role: str, player: str) -> str:
        if player in PLAYER_LABELS:
            return PLAYER_LABELS[player]
        persona = next(p for p in self.wargame.session.scenario.role(role).personas if p.id == player)
        return f"Bot: {persona.label or persona.id}"

    def on_mount(self) -> None:
        table = self.query_one("#assignments", DataTable)
        # fixed widths: a table keeps the widths of its first rows, and a bot's name is longer than "Human team"
        table.add_column("Role", width=38)
        table.add_column("Played by", width=34)
        self.repaint()
        table.focus()

    def repaint(self) -> None:
        state = self.wargame.session.state
        if state.phase != "setup":
            from wargame.ui.screens.console import ConsoleScreen

            self.app.switch_screen(ConsoleScreen())
            return
        table = self.query_one("#assignments", DataTable)
        with refilled(table):
            for role in state.scenario.roles:
                table.add_row(role.name, self.player_label(role.id, state.assignments.get(role.id, "human")), key=role.id)
        seed = self.query_one("#seed", Input)
        if not seed.has_focus and seed.value != str(state.seed):
            seed.value = str(state.seed)

    def selected_role(self) -> str:
        table = self.query_one("#assignments", DataTable)
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_choose()

    def action_choose(self) -> None:
        if not self.query_one("#assignments", DataTable).has_focus:
            return
        role = self.selected_role()
        scenario = self.wargame.session.scenario
        options = [(self.player_label(role, p), p) for p in commands.players_for(scenario, role)]
        current = self.wargame.session.state.assignments.get(role, "human")

        def chosen(player: str | None) -> None:
            if player is not None and player != current:
                self.wargame.run_command(f"assign {role}", commands.assign, role, player)

        self.app.push_screen(ChoosePlayer(scenario.role(role).name, options, current), chosen)

    def _commit_seed(self) -> None:
        text = self.query_one("#seed", Input).value.strip()
        if not text:
            return
        try:
            seed = int(text)
        except ValueError:
            self.notify(f"{text!r} is not a seed: use a whole number from 0.", severity="warning")
            return
        if seed != self.wargame.session.state.seed:
            self.wargame.run_command("choose seed", commands.choose_seed, seed)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._commit_seed()

    def on_descendant_blur(self, event: object) -> None:
        if isinstance(getattr(event, "widget", None), Input):
            self._commit_seed()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()

    def _assign_all(self, player: str) -> None:
        state = self.wargame.session.state
        for role in state.scenario.world.roles:
            if state.assignments.get(role) != player:
                self.wargame.run_command(f"assign {role}", commands.assign, role, player)

    def action_all_bots(self) -> None:
        self._assign_all("random")

    def action_all_humans(self) -> None:
        self._assign_all("human")

    def action_start(self) -> None:
        self._commit_seed()
        self.wargame.run_command("start", commands.start)
