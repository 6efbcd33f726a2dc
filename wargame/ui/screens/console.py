"""The facilitator's console: where the game stands, and every control action.

Everything here is drawn from control's view (``session.view("control")``) on
each repaint; no widget keeps game state of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from wargame import explain
from wargame.engine import decide as commands
from wargame.engine.events import CONTROL
from wargame.engine.scenario import Inject
from wargame.engine.state import State
from wargame.engine.views import View
from wargame.ui.safe import LiteralTable, plain, safe
from wargame.ui.screens.base import UsesSession
from wargame.ui.screens.help import HELP
from wargame.ui.widgets.names import player_name, rule_label
from wargame.ui.widgets.tables import refilled
from wargame.ui.widgets.tabs import show_tab
from wargame.ui.widgets.text import listing, plural, sentences, sparkline, trend

PHASES = {
    "setup": "SET-UP",
    "moves": "MOVES",
    "review": "UMPIRE REVIEW",
    "between": "BETWEEN TURNS",
    "ended": "ENDED",
}


def status_line(state: State, view: View) -> Text:
    """'Turn 1 of 8 · 2020-03-11 · MOVES · 2 of 6 roles sealed · waiting: Iran, … · rung 3: …'."""
    scenario = state.scenario
    world = scenario.world
    rung = next(r for r in world.ladder.rungs if r.level == view.rung)
    humans = [r for r in world.roles if state.assignments.get(r) == "human"]
    sealed = len(state.sealed)
    parts = [f"Turn {state.turn} of {world.turns}", view.date, PHASES.get(state.phase, state.phase)]
    if state.phase == "moves":
        parts.append(f"{sealed} of {len(world.roles)} roles sealed")
        waiting = [scenario.role(r).name for r in humans if r not in state.sealed]
        if waiting:
            parts.append(f"waiting: {waiting[0]}" + (f" +{len(waiting) - 1} more" if len(waiting) > 1 else ""))
    parts.append(f"rung {rung.level}: {rung.label}")
    if state.ended:
        parts.append(state.ended.message)
    return plain("  ·  ".join(p for p in parts if p))


def shown_path(path: Path) -> str:
    """A save's path as the facilitator would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def inject_status(state: State, inject: Inject) -> str:
    if inject.id in state.released:
        event = state.released[inject.id]
        return f"released T{event.turn}" + (" by control" if event.by == "control" else "")
    if inject.id in state.held:
        return "HELD"
    if inject.kind == "historical":
        return "due now" if inject.turn == state.turn else f"due T{inject.turn}"
    if inject.kind == "branch":
        return "waits for trigger"
    return "control may release"


class ConsoleScreen(UsesSession, Screen[None]):
    """Control's view of the exercise and its controls."""

    HELP = HELP
    # Short footer labels so every action fits at 80 columns; the palette (ctrl+p) shows the tooltips.
    # Actions that the phase does not allow are hidden (check_action), so the footer lists what can be done now.
    BINDINGS = [
        Binding("p", "play_role", "Play", tooltip="Hand the keyboard to the next human team that has not sealed"),
        Binding("a", "adjudicate", "Adjudicate", tooltip="Resolve all sealed moves of this turn"),
        Binding("o", "override", "Override", tooltip="Replace the selected outcome, with a rationale"),
        Binding("r", "release", "Release", tooltip="Release the selected inject now"),
        Binding("h", "hold", "Hold", tooltip="Hold back the selected pending inject"),
        Binding("n", "note", "Note", tooltip="Add a facilitator note"),
        Binding("e", "end_turn", "End turn", tooltip="Close this turn and open the next (asks first)"),
        Binding("x", "end_exercise", "End exercise", tooltip="End the exercise now (asks first)"),
        Binding("b", "hand_role", "Hand role to a bot or a team", show=False,
                tooltip="Roles tab: give the highlighted role to a bot, or back to a human team, from now on"),
        Binding("1", "tab('world')", "World tab", show=False),
        Binding("2", "tab('roles')", "Roles tab", show=False),
        Binding("3", "tab('injects')", "Injects tab", show=False),
        Binding("4", "tab('results')", "Results tab", show=False),
        Binding("5", "tab('notes')", "Notes tab", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="status")
        yield Static(id="ended", classes="hidden")
        with TabbedContent(initial="world", id="tabs"):
            with TabPane("1 World", id="world"):
                with Horizontal(id="world-row"):
                    yield Static(id="ladder")
                    yield LiteralTable(id="variables", cursor_type="row", zebra_stripes=True)
            with TabPane("2 Roles", id="roles"):
                with Vertical():
                    yield LiteralTable(id="role-table", cursor_type="row")
                    yield Static("Enter: hand the keyboard to the highlighted team · p: the next team that has "
                                 "not sealed · b: give the highlighted role to a bot, or back to a team",
                                 classes="hint")
            with TabPane("3 Injects", id="injects"):
                with Vertical():
                    yield LiteralTable(id="inject-table", cursor_type="row")
                    with VerticalScroll(classes="detail", id="inject-detail-box"):
                        yield Static(id="inject-detail")
            with TabPane("4 Results", id="results"):
                with Vertical():
                    yield LiteralTable(id="outcome-table", cursor_type="row")
                    with VerticalScroll(classes="detail", id="outcome-detail-box"):
                        yield Static(id="outcome-detail")
            with TabPane("5 Notes", id="notes"):
                with VerticalScroll():
                    yield Static(id="notes-text")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        variables = self.query_one("#variables", DataTable)
        variables.add_columns("Variable", "Now", "Range", "", "Turns")
        self.query_one("#role-table", DataTable).add_columns("Role", "Played by", "This turn")
        self.query_one("#inject-table", DataTable).add_columns("Id", "When", "Kind", "Status", "Title")
        # the short columns first, so Band and Chance are on screen at 80 columns
        self.query_one("#outcome-table", DataTable).add_columns("T", "Band", "Chance", "Roll", "Role", "Move", "Effects")
        self.repaint()

    # ------------------------------------------------------------ drawing

    def repaint(self) -> None:
        session = self.wargame.session
        state = session.state
        view = session.view(CONTROL)
        self.query_one("#status", Static).update(safe(status_line(state, view)))
        self._ended(state)
        self._ladder(state, view)
        self._variables(view)
        self._roles(state)
        self._injects(state)
        self._outcomes(state)
        self._notes(state)
        self.refresh_bindings()

    def _ended(self, state: State) -> None:
        banner = self.query_one("#ended", Static)
        banner.set_class(state.ended is None, "hidden")
        if state.ended is not None:
            path = shown_path(self.wargame.session.path)
            banner.update(plain(f"The exercise has ended. Debrief it: wargame review {path}  ·  "
                               f"after-action report: wargame report {path}  ·  ctrl+q quits"))

    def _ladder(self, state: State, view: View) -> None:
        text = Text()
        text.append("Escalation ladder\n", style="bold")
        for rung in reversed(state.scenario.world.ladder.rungs):
            current = rung.level == view.rung
            marker = "▶" if current else " "
            text.append(f"{marker} {rung.level} {rung.label}\n", style="bold reverse" if current else "")
            if current:
                text.append(f"    {rung.meaning}\n", style="italic")
        self.query_one("#ladder", Static).update(safe(text))

    def _variables(self, view: View) -> None:
        table = self.query_one("#variables", DataTable)
        with refilled(table):
            for v in view.variables:
                table.add_row(v.label, explain.number(v.value), f"{explain.number(v.min)}–{explain.number(v.max)}",
                              trend(v.history), sparkline(v.history, v.min, v.max), key=v.id)

    def _roles(self, state: State) -> None:
        table = self.query_one("#role-table", DataTable)
        with refilled(table):
            for role in state.scenario.roles:
                player = state.assignments.get(role.id, "human")
                chosen = state.moves.get(role.id, [])
                if state.phase != "moves":
                    status = "—"
                elif role.id in state.sealed:
                    status = f"sealed ({len(chosen)} move{'s' if len(chosen) != 1 else ''})"
                elif chosen:
                    status = f"choosing ({len(chosen)})"
                else:
                    status = "waiting"
                table.add_row(plain(role.name), plain(player_name(state.scenario, role.id, player)), status, key=role.id)

    def _injects(self, state: State) -> None:
        table = self.query_one("#inject-table", DataTable)
        with refilled(table):
            for inject in state.scenario.injects:
                when = f"T{inject.turn}" if inject.turn else ("trigger" if inject.trigger else "control")
                table.add_row(inject.id, when, inject.kind, inject_status(state, inject), plain(inject.title), key=inject.id)
        self._inject_detail()

    def _inject_detail(self) -> None:
        inject = self.selected_inject()
        if inject is None:
            self.query_one("#inject-detail", Static).update(safe(""))
            return
        inject_scenario = self.wargame.session.scenario
        audience = "all roles" if inject.audience == "all" else listing(inject_scenario.role(r).name for r in inject.audience)
        text = Text()
        text.append(f"{inject.id} · {inject.title}", style="bold")
        text.append(f"  ({inject.kind}{', ' + inject.date.isoformat() if inject.date else ''})\n")
        lines = [f"From {inject.from_} to {audience} by {inject.method}.", "", inject.message.strip()]
        if inject.trigger:
            lines.append(f"\nArrives when: {inject.trigger}")
        if inject.expected_actions:
            lines.append("\nExpected actions: " + sentences(inject.expected_actions))
        if inject.effects:
            lines.append("Effects: " + ", ".join(explain.planned(inject_scenario, e) for e in inject.effects))
        lines.append(f"\nProvenance: {inject.provenance}")
        text.append("\n".join(lines))
        self.query_one("#inject-detail", Static).update(safe(text))

    def _outcomes(self, state: State) -> None:
        table = self.query_one("#outcome-table", DataTable)
        with refilled(table):
            scenario = state.scenario
            for turn in sorted(state.outcomes, reverse=True):
                for index, outcome in enumerate(state.outcomes[turn]):
                    event = outcome.event
                    band = outcome.band.upper() + (" (overridden)" if outcome.overrides else "")
                    table.add_row(
                        str(turn), band, explain.percent(event.chance.chance), f"{event.roll:.2f}",
                        plain(scenario.role(event.role).name), plain(scenario.action(event.role, event.action).label),
                        plain(explain.effects(scenario, outcome.effects)), key=f"{turn}:{index}",
                    )
        self._outcome_detail()

    def _outcome_detail(self) -> None:
        state = self.wargame.session.state
        scenario = state.scenario
        picked = self.selected_outcome()
        if picked is None:
            rules = [r for turn in sorted(state.rule_events) for r in state.rule_events[turn]]
            if state.outcomes:
                text = ""
            elif state.phase in ("setup", "moves"):
                text = "No outcomes yet: adjudicate (a) once the roles have sealed their moves."
            else:
                text = "No outcomes: no role has made a move."
            if rules:
                text += "\nFollow-on rules fired: " + "; ".join(f"T{r.turn} {rule_label(scenario, r.rule_id)}" for r in rules)
            self.query_one("#outcome-detail", Static).update(safe(plain(text)))
            return
        turn, outcome = picked
        event = outcome.event
        lines = [
            explain.outcome(scenario, event),
            f"Visibility: {event.visibility}" + (f" (others learn of it in turn {event.reveal_turn})" if event.visibility == "delayed" else ""),
        ]
        for override in outcome.overrides:
            lines.append(f"Overridden {override.from_band} → {override.to_band}: {override.rationale}")
            lines.append(f"  now: {explain.effects(scenario, override.effects)}")
        for fired in state.rule_events.get(turn, []):
            lines.append(f"Follow-on rule ({rule_label(scenario, fired.rule_id)}): {explain.effects(scenario, fired.effects)}")
        crossed = [f"{scenario.role(r).name}: {line}" for (r, line), t in state.red_lines.items() if t == turn]
        if crossed:
            lines.append("Red lines crossed: " + "; ".join(crossed))
        self.query_one("#outcome-detail", Static).update(safe(plain("\n".join(lines))))
        self.query_one("#outcome-detail-box", VerticalScroll).scroll_home(animate=False)

    def _notes(self, state: State) -> None:
        notes = [f"T{n.turn} {n.author}: {n.text}" for n in state.notes]
        self.query_one("#notes-text", Static).update(safe(plain("\n".join(notes) if notes else "No notes yet: press n to add one.")))

    # ------------------------------------------------------------ selection

    def selected_inject(self) -> Inject | None:
        table = self.query_one("#inject-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.wargame.session.scenario.inject(str(key))

    def selected_outcome(self) -> tuple[int, Any] | None:
        table = self.query_one("#outcome-table", DataTable)
        if not table.row_count:
            return None
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        turn, index = (int(part) for part in key.split(":"))
        return turn, self.wargame.session.state.outcomes[turn][index]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "inject-table":
            self._inject_detail()
            self.query_one("#inject-detail-box", VerticalScroll).scroll_home(animate=False)
        elif event.data_table.id == "outcome-table":
            self._outcome_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "role-table" and event.row_key.value:
            self._hand_over(str(event.row_key.value))

    # ------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Actions the phase does not allow are hidden from the footer and the palette."""
        phase = self.wargame.session.state.phase
        allowed = {
            "play_role": phase == "moves",
            "adjudicate": phase == "moves",
            "override": phase == "review",
            "release": phase in ("moves", "review"),
            "hold": phase in ("moves", "review"),
            "end_turn": phase == "review",
            "end_exercise": phase not in ("ended", "setup"),
            "hand_role": phase in ("moves", "review"),
        }
        return allowed.get(action, True)

    def action_tab(self, tab: str) -> None:
        show_tab(self.query_one(TabbedContent), tab)

    def action_play_role(self) -> None:
        """The next human team that has not sealed, whatever is highlighted (Enter on Roles picks a team)."""
        state = self.wargame.session.state
        waiting = [r for r in state.scenario.world.roles
                   if state.assignments.get(r) == "human" and r not in state.sealed]
        if not waiting:
            self.notify("Every human team has sealed its moves: adjudicate with a.", title="Nobody waiting")
            return
        self._hand_over(waiting[0])

    def _hand_over(self, role: str) -> None:
        from wargame.ui.screens.hotseat import HandoverScreen

        state = self.wargame.session.state
        if state.phase != "moves":
            self.notify("Moves are made during the moves phase.", severity="warning")
            return
        if role in state.sealed:
            self.notify(f"{state.scenario.role(role).name} has sealed its moves for this turn: p opens the next "
                        "team that has not.", severity="warning")
            return
        self.app.push_screen(HandoverScreen(role))

    def action_hand_role(self) -> None:
        """Give the highlighted role of the Roles tab to a bot (it moves at once if the turn is open) or to a team."""
        from wargame.ui.screens.setup import ChoosePlayer

        if self.query_one(TabbedContent).active != "roles":
            self.action_tab("roles")
            self.notify("Highlight a role, then press b to give it to a bot or back to a team.")
            return
        table = self.query_one("#role-table", DataTable)
        role = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        session = self.wargame.session
        scenario = session.scenario
        current = session.state.assignments.get(role, "human")
        options = [(player_name(scenario, role, p), p) for p in commands.players_for(scenario, role)]
        name = scenario.role(role).name

        def chosen(player: str | None) -> None:
            if player is None or player == current:
                return
            turn = session.state.turn
            self.wargame.run_command(f"assign {role}", commands.assign, role, player,
                                     announce=f"{name}: {player_name(scenario, role, player)} from turn {turn} on")
            if player != "human":
                self.wargame.execute("bots move", session.play_bots)  # a bot taking over mid-turn moves now

        self.app.push_screen(ChoosePlayer(name, options, current), chosen)

    def action_adjudicate(self) -> None:
        from wargame.ui.screens.dialogs import ConfirmScreen

        state = self.wargame.session.state
        unsealed = [state.scenario.role(r).name for r in state.scenario.world.roles if r not in state.sealed]

        def go(confirmed: bool | None) -> None:
            if confirmed:
                self.wargame.run_command("adjudicate", commands.adjudicate)
                self.action_tab("results")

        if unsealed:
            self.app.push_screen(
                ConfirmScreen(f"Not sealed yet: {listing(unsealed)}.\nAdjudicate anyway? Their moves so far count; "
                              "roles with none make no move."), go)
        else:
            go(True)

    def action_override(self) -> None:
        from wargame.ui.screens.dialogs import OverrideScreen

        state = self.wargame.session.state
        picked = self.selected_outcome()
        if picked is None or picked[0] != state.turn:
            self.action_tab("results")
            self.notify("Select an outcome of this turn in Results, then press o.", severity="warning")
            return
        _, outcome = picked
        self.app.push_screen(OverrideScreen(outcome.event.role, outcome.event.action))

    def action_release(self) -> None:
        inject = self.selected_inject()
        if self.query_one(TabbedContent).active != "injects" or inject is None:
            self.action_tab("injects")
            self.notify("Select an inject, then press r to release it.", severity="information")
            return
        self.wargame.run_command(f"release {inject.id}", commands.release_inject, inject.id,
                                 announce=f"Released {inject.id}: {inject.title}")

    def action_hold(self) -> None:
        inject = self.selected_inject()
        if self.query_one(TabbedContent).active != "injects" or inject is None:
            self.action_tab("injects")
            self.notify("Select a pending inject, then press h to hold it.", severity="information")
            return
        self.wargame.run_command(f"hold {inject.id}", commands.hold_inject, inject.id, "held by control",
                                 announce=f"Held {inject.id}: {inject.title}")

    def action_note(self) -> None:
        from wargame.ui.screens.dialogs import NoteScreen

        self.app.push_screen(NoteScreen())

    def action_end_turn(self) -> None:
        from wargame.ui.screens.dialogs import ConfirmScreen

        state = self.wargame.session.state
        last = state.turn >= state.scenario.world.turns

        def go(confirmed: bool | None) -> None:
            if confirmed:
                self.wargame.run_command("end turn", commands.end_turn)
                self.action_tab("world")

        question = (f"End turn {state.turn}? This is the last turn: the exercise ends." if last else
                    f"End turn {state.turn} and open turn {state.turn + 1}? Overrides are no longer possible "
                    f"for turn {state.turn}.")
        self.app.push_screen(ConfirmScreen(question), go)

    def action_end_exercise(self) -> None:
        from wargame.ui.screens.dialogs import ConfirmScreen

        def go(confirmed: bool | None) -> None:
            if confirmed:
                self.wargame.run_command("end exercise", commands.end_session)

        self.app.push_screen(ConfirmScreen("End the exercise now? This cannot be undone."), go)
