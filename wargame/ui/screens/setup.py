"""Set-up: the scenario's briefing, who plays each role, the seed, and start.

Each choice is recorded in the save the moment it is made, so quitting here
leaves a session that resumes at set-up with the same choices.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Markdown, Select, Static

from wargame.engine import commands
from wargame.ui.app import WargameApp

PLAYER_LABELS = {
    "human": "Human team",
    "random": "Bot: random legal moves",
    "historical": "Bot: the historical line",
}


def briefing(app: WargameApp) -> str:
    world = app.session.scenario.world
    sources = "\n".join(
        f"- {s.title}" + (f", {s.author}" if s.author else "") + (f" ({s.publisher})" if s.publisher else "")
        for s in world.sources
    )
    return (
        f"# {world.title}\n\n{world.summary}\n\n"
        f"**{world.turns} turns** of {world.turn_length_days} days from {world.start_date:%d %B %Y}. "
        f"Roles move in secret; control adjudicates, may override with a reason, and ends each turn.\n\n"
        + (f"**Sources**\n\n{sources}\n" if sources else "")
    )


class SetupScreen(Screen[None]):
    """Assign the roles, pick the seed, start."""

    BINDINGS = [
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
            yield Static(f"{scenario.world.title}: who plays each role", classes="section-title")
            with Grid(id="assignments"):
                for role in scenario.roles:
                    yield Label(role.name, classes="role-name")
                    options = [(self._player_label(role.id, p), p) for p in commands.players_for(scenario, role.id)]
                    yield Select(options, value=state.assignments.get(role.id, "human"), allow_blank=False,
                                 id=f"assign-{role.id}", classes="assign")
            with Horizontal(id="seed-row"):
                yield Label("Seed", classes="seed-label")
                yield Input(str(state.seed), type="integer", id="seed", tooltip="Same seed and moves, same outcomes")
                yield Button("Start the exercise", variant="primary", id="start")
            yield Markdown(briefing(app), id="briefing")
        yield Footer()

    @property
    def wargame(self) -> WargameApp:
        app = self.app
        assert isinstance(app, WargameApp)
        return app

    def _player_label(self, role: str, player: str) -> str:
        if player in PLAYER_LABELS:
            return PLAYER_LABELS[player]
        persona = next(p for p in self.wargame.session.scenario.role(role).personas if p.id == player)
        return f"Bot: {persona.label or persona.id}"

    def on_mount(self) -> None:
        self.query_one(Select).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        select_id = event.select.id or ""
        if not select_id.startswith("assign-") or event.value is Select.BLANK:
            return
        role = select_id.removeprefix("assign-")
        if self.wargame.session.state.assignments.get(role) != event.value:
            self.wargame.run_command(f"assign {role}", commands.assign, role, str(event.value))

    def _commit_seed(self) -> None:
        text = self.query_one("#seed", Input).value.strip()
        if not text:
            return
        seed = int(text)
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
        for select in self.query(Select):
            select.value = player

    def action_all_bots(self) -> None:
        self._assign_all("random")

    def action_all_humans(self) -> None:
        self._assign_all("human")

    def action_start(self) -> None:
        self._commit_seed()
        self.wargame.run_command("start", commands.start)

    def repaint(self) -> None:
        state = self.wargame.session.state
        if state.phase != "setup":
            from wargame.ui.screens.console import ConsoleScreen

            self.app.switch_screen(ConsoleScreen())
