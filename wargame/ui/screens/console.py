"""The facilitator's console: where the game stands, and every control action.

Everything here is drawn from control's view (``session.view("control")``) on
each repaint; no widget keeps game state of its own.
"""

from __future__ import annotations

from pathlib import Path
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from wargame import explain
from wargame.engine import commands as cmd
from wargame.engine.events import CONTROL
from wargame.engine.scenario import Inject, Scenario
from wargame.engine.views import ControlView, OutcomeView
from wargame.text import prose
from wargame.program import command
from wargame.ui.safe import LiteralTable, clipped, plain
from wargame.ui.screens.base import UsesSession
from wargame.ui.screens.help import HELP
from wargame.ui.widgets.footer import SteadyFooter
from wargame.ui.widgets.names import player_name, red_line_label, rule_label
from wargame.ui.widgets.paint import fill, show
from wargame.ui.widgets.tabs import show_tab
from wargame.ui.widgets.text import listing, since_last_turn, sentences, sparkline, trend


def status_line(view: ControlView) -> Text:
    """'Turn 1 of 8 · 2020-03-11 · MOVES · 2 of 6 roles sealed · waiting: Iran, … · rung 3: …'."""
    status = view.status
    names = {r.role: r.name for r in view.roles}
    parts = [f"Turn {status.turn} of {status.turns}", status.date, status.phase_label]
    if status.phase == "moves":
        parts.append(f"{len(status.sealed)} of {len(view.roles)} roles sealed")
        waiting = [names.get(r, r) for r in status.waiting]
        if waiting:
            parts.append(f"waiting: {waiting[0]}" + (f" +{len(waiting) - 1} more" if len(waiting) > 1 else ""))
    parts.append(f"rung {status.rung}: {status.rung_label}")  # how it ended: the banner below, whole
    return plain("  ·  ".join(p for p in parts if p))


def shown_path(path: Path) -> str:
    """A save's path as the facilitator would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def outcome_key(outcome: OutcomeView) -> str:
    """The Results table's row key of an outcome: 'turn:role:action'."""
    return f"{outcome.turn}:{outcome.role}:{outcome.action}"


ROLE_COLUMN = 18
"""Characters of a role's name in the narrow Results table; the detail below it gives the whole name."""


TEXT_COLUMN = 24
"""Characters of a move's label in the Results table below 100 columns (and the least of an inject's title):
the column then fits the screen, cut at a word's end with "…"; the detail below the table gives the whole text."""


ROLES_HINT = {
    "moves": "Enter: hand the keyboard to the highlighted team · p: the next team that has not sealed · "
             "b: give the highlighted role to a bot, or back to a team",
    "review": "b: give the highlighted role to a bot, or back to a team · the teams see the results when the "
              "turn ends (e)",
    "ended": "Enter: show the highlighted team its last turn, read only",
    "setup": "The teams get the keyboard once the exercise starts",
}
"""The keys under the Roles table, by phase: only those the phase allows (``check_action``)."""


def role_name(name: str, narrow: bool) -> str:
    """``name``, or its first characters and an ellipsis when the screen is narrow and the name long."""
    return name if not narrow or len(name) <= ROLE_COLUMN else name[: ROLE_COLUMN - 1].rstrip() + "…"


def narrowed(text: str, narrow: bool) -> str:
    """``text``, or at most :data:`TEXT_COLUMN` characters of it ending in "…" when the screen is narrow."""
    return clipped(text, TEXT_COLUMN) if narrow else text


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
        Binding("u", "undo", "Undo", tooltip="Undo the last release or hold (until the turn moves on)"),
        Binding("n", "note", "Note", tooltip="Add a facilitator note"),
        Binding("e", "end_turn", "End turn", tooltip="Close this turn and open the next (asks first)"),
        Binding("x", "end_exercise", "Finish", tooltip="Finish the exercise now: no more turns (asks first)"),
        Binding("k", "control_pin", "Control PIN", show=False,
                tooltip="Set or change the PIN that takes the keyboard back from a team"),
        Binding("b", "hand_role", "Hand role to a bot or a team", show=False,
                tooltip="Roles tab: give the highlighted role to a bot, or back to a human team, from now on"),
        Binding("1", "tab('world')", "World tab", show=False),
        Binding("2", "tab('roles')", "Roles tab", show=False),
        Binding("3", "tab('injects')", "Injects tab", show=False),
        Binding("4", "tab('results')", "Results tab", show=False),
        Binding("5", "tab('notes')", "Notes tab", show=False),
    ]

    _bindings_for: tuple[str, bool] | None = None
    _injects_turn: int | None = None
    """The turn the Injects list was last placed for (see ``_injects``)."""
    """The phase, and whether there is something to undo, when the footer's keys were last worked out."""

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
                    yield Static(ROLES_HINT["moves"], id="roles-hint", classes="hint")
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
        yield SteadyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        variables = self.query_one("#variables", DataTable)
        variables.add_columns("Variable", "Now", "Range", "", "Turns")
        self.query_one("#role-table", DataTable).add_columns("Role", "Played by", "This turn")
        self.query_one("#inject-table", DataTable).add_columns("Id", "When", "Kind", "Status", "Title")
        # the short columns first, so Band and Chance are on screen at 80 columns
        self.query_one("#outcome-table", DataTable).add_columns("T", "Band", "Chance", "Roll", "Role", "Move", "Effects")
        self.repaint()

    # ------------------------------------------------------------ drawing

    @property
    def view(self) -> ControlView:
        """Control's view after the last applied command (an immutable value)."""
        view = self.wargame.session.view(CONTROL)
        assert isinstance(view, ControlView)
        return view

    @property
    def scenario(self) -> Scenario:
        return self.wargame.session.scenario

    def repaint(self) -> None:
        view = self.view
        show(self.query_one("#status", Static), status_line(view))
        self._ended(view)
        self._ladder(view)
        self._variables(view)
        self._roles(view)
        self._injects(view)
        self._outcomes(view)
        self._notes(view)
        bindings = (view.phase, view.undo is not None)
        if bindings != self._bindings_for:  # the footer is rebuilt on every refresh: only when what is allowed changed
            self._bindings_for = bindings
            self.refresh_bindings()

    def _ended(self, view: ControlView) -> None:
        banner = self.query_one("#ended", Static)
        banner.set_class(view.ended is None, "hidden")
        if view.ended is not None:
            path = shown_path(self.wargame.session.path)
            run = command()
            show(banner, plain(f"The exercise has ended: {view.ended}\nEnter on a team (Roles) shows it its last "
                               f"turn  ·  debrief: {run} review {path}  ·  report: {run} report {path}  ·  "
                               "ctrl+q quits"))

    def _ladder(self, view: ControlView) -> None:
        rungs = list(reversed(self.scenario.world.ladder.rungs))
        narrow = self.app.size.width < 100
        if narrow:  # at 80 columns the ladder shares the tab with the variables: the rungs around this one
            rungs = [r for r in rungs if abs(r.level - view.rung) <= 1]
        text = Text()
        text.append("Escalation ladder", style="bold")
        text.append(" (the rungs next to this one; a wider screen shows all)\n" if narrow else "\n", style="dim")
        for rung in rungs:
            current = rung.level == view.rung
            marker = "▶" if current else " "
            text.append(f"{marker} {rung.level} {rung.label}\n", style="bold reverse" if current else "")
            if current:
                text.append(f"    {rung.meaning}\n", style="italic")
        show(self.query_one("#ladder", Static), text)

    def _variables(self, view: ControlView) -> None:
        table = self.query_one("#variables", DataTable)
        fill(table, [(v.id, (v.label, explain.number(v.value), f"{explain.number(v.min)}–{explain.number(v.max)}",
                             trend(v.value, since_last_turn(v.history, view.turn)), sparkline(v.history, v.min, v.max)), 1)
                      for v in view.variables])

    def _roles(self, view: ControlView) -> None:
        hint = ROLES_HINT.get(view.phase, ROLES_HINT["setup"])
        if view.phase in ("moves", "review") and not getattr(self.app, "control_pin", ""):
            # a resumed session has no PIN (it is never saved): said where control hands the keyboard over
            hint += "\nNo control PIN: a team's locked screen opens with the word control · k sets a PIN"
        show(self.query_one("#roles-hint", Static), hint)
        table = self.query_one("#role-table", DataTable)
        narrow = self.app.size.width < 100
        fill(table, [(role.role, (role_name(role.name, narrow), player_name(self.scenario, role.role, role.player),
                                  role.status), 1) for role in view.roles])

    def _injects(self, view: ControlView) -> None:
        table = self.query_one("#inject-table", DataTable)
        cells = [(i.id, i.when, i.kind, i.status) for i in view.inject_statuses]
        # the Title column, last, gets what the others leave of the screen (cell padding, the scrollbar)
        room = self.app.size.width - sum(max(map(len, column), default=0) + 2 for column in zip(*cells)) - 4
        changed = fill(table, [(inject.id, (*short, clipped(inject.title, max(room, TEXT_COLUMN))), 1)
                               for inject, short in zip(view.inject_statuses, cells)])
        if self._injects_turn != view.turn and table.row_count:
            # a new turn: the list opens on the turn's own injects, not where the last turn left it
            self._injects_turn = view.turn
            this_turn = f"T{view.turn}"
            first = next((i for i, s in enumerate(view.inject_statuses)
                          if s.when == this_turn or s.status.startswith(f"released {this_turn}")), 0)
            table.move_cursor(row=first, scroll=True)
            changed = True
        if changed:
            self._inject_detail()

    def _inject_detail(self) -> None:
        inject = self.selected_inject()
        if inject is None:
            show(self.query_one("#inject-detail", Static), "")
            return
        scenario = self.scenario
        audience = "all roles" if inject.audience == "all" else listing(scenario.role(r).name for r in inject.audience)
        text = Text()
        text.append(f"{inject.id} · {inject.title}", style="bold")
        text.append(f"  ({inject.kind}{', ' + inject.date.isoformat() if inject.date else ''})\n")
        lines = [f"From {inject.from_} to {audience} by {inject.method}.", "", prose(inject.message)]
        if inject.trigger:
            status = next((i for i in self.view.inject_statuses if i.id == inject.id), None)
            lines.append(f"\nArrives when: {status.trigger if status is not None else inject.trigger}")
        if inject.expected_actions:
            lines.append("\nExpected actions: " + sentences(inject.expected_actions))
        if inject.effects:
            lines.append("Effects: " + ", ".join(explain.planned(scenario, e) for e in inject.effects))
        lines.append(f"\nProvenance: {inject.provenance}")
        text.append("\n".join(lines))
        show(self.query_one("#inject-detail", Static), text)

    def _outcomes(self, view: ControlView) -> None:
        table = self.query_one("#outcome-table", DataTable)
        scenario = self.scenario
        rows = []
        narrow = self.app.size.width < 100  # below 100 columns the Move column needs the room
        for turn in sorted({o.turn for o in view.outcomes}, reverse=True):
            for outcome in (o for o in view.outcomes if o.turn == turn):
                band = outcome.band.upper() + (" (overridden)" if outcome.overridden else "")
                chance = outcome.explanation.chance.chance if outcome.explanation else outcome.chance
                roll = outcome.explanation.roll if outcome.explanation else outcome.roll
                rows.append((outcome_key(outcome), (
                    str(turn), band, explain.exact_percent(chance) if chance is not None else "?",
                    explain.roll(roll, chance) if roll is not None else "?",
                    role_name(scenario.role(outcome.role).name, narrow), narrowed(outcome.label, narrow),
                    explain.effects(scenario, outcome.effects)), 1))
        fill(table, rows)
        self._outcome_detail()

    def _outcome_detail(self) -> None:
        view = self.view
        scenario = self.scenario
        outcome = self.selected_outcome()
        if outcome is None:
            if view.outcomes:
                text = ""
            elif view.phase in ("setup", "moves"):
                text = "No outcomes yet: adjudicate (a) once the roles have sealed their moves."
            else:
                text = "No outcomes: no role has made a move."
            if view.rules_fired:
                text += "\nFollow-on rules fired: " + "; ".join(
                    f"T{r.turn} {rule_label(scenario, r.rule_id)}" for r in view.rules_fired)
            show(self.query_one("#outcome-detail", Static), plain(text))
            return
        turn = outcome.turn
        event = outcome.explanation
        lines = []
        for override in outcome.overrides:  # first: what is in force now, in sight even at 80×24
            lines.append(f"Overridden {override.from_band} → {override.to_band}: {override.rationale}")
            lines.append(f"  now: {explain.effects(scenario, override.effects)}")
            lines.append("  " + explain.knock_ons(scenario, override.rules_undone, override.rules_added,
                                                  override.rules_retested))
        if not outcome.overrides and outcome.effects != outcome.adjudicated_effects:
            lines.append("Resolved again after an override of this turn (its bounds reached sooner or later):")
            lines.append(f"  now: {explain.effects(scenario, outcome.effects)}")
        if outcome.overrides or outcome.effects != outcome.adjudicated_effects:
            lines.append("As adjudicated:")
        lines += [
            explain.outcome(scenario, event) if event is not None else explain.outcome_seen(scenario, outcome),
            f"Visibility: {outcome.visibility}"
            + (f" (others learn of it in turn {outcome.reveal_turn})" if outcome.visibility == "delayed" else ""),
        ]
        fired_this_turn = [r for r in view.rules_fired if r.turn == turn]
        if fired_this_turn:  # the turn's, not this move's: said so, since they follow every outcome's detail
            lines.append(f"After all of turn {turn}'s moves, follow-on rules:")
            lines += [f"  {rule_label(scenario, r.rule_id)}: {explain.effects(scenario, r.effects)}" for r in fired_this_turn]
        crossed = [f"  {scenario.role(r).name}: {red_line_label(scenario, r, line)}: "
                   f"{explain.effects(scenario, view.red_line_effects.get((r, line), ()))}"
                   for r, line, t in view.red_lines_crossed if t == turn]
        if crossed:
            lines.append(f"After all of turn {turn}'s moves, red lines crossed"
                         + (" (they stay crossed after an override):" if outcome.overridden else ":"))
            lines += crossed
        if show(self.query_one("#outcome-detail", Static), plain("\n".join(lines))):
            self.query_one("#outcome-detail-box", VerticalScroll).scroll_home(animate=False)

    def _notes(self, view: ControlView) -> None:
        notes = [f"T{n.turn} {n.author}: {n.text}" for n in view.note_entries]
        show(self.query_one("#notes-text", Static), plain("\n".join(notes) if notes else "No notes yet: press n to add one."))

    # ------------------------------------------------------------ selection

    def selected_inject(self) -> Inject | None:
        table = self.query_one("#inject-table", DataTable)
        if not table.row_count:
            return None
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        return next((i.inject for i in self.view.inject_statuses if i.id == key), None)

    def selected_outcome(self) -> OutcomeView | None:
        table = self.query_one("#outcome-table", DataTable)
        if not table.row_count:
            return None
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        return next((o for o in self.view.outcomes if outcome_key(o) == key), None)

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
        view = self.view
        phase = view.phase
        allowed = {
            "play_role": phase == "moves",
            "adjudicate": phase == "moves",
            "override": phase == "review",
            "release": phase in ("moves", "review"),
            "hold": phase in ("moves", "review"),
            "undo": view.undo is not None,
            "end_turn": phase == "review",
            "end_exercise": phase not in ("ended", "setup"),
            "hand_role": phase in ("moves", "review"),
        }
        return allowed.get(action, True)

    def action_control_pin(self) -> None:
        from wargame.ui.screens.hotseat import PinScreen

        self.app.push_screen(PinScreen())

    def action_tab(self, tab: str) -> None:
        show_tab(self.query_one(TabbedContent), tab)

    def action_play_role(self) -> None:
        """The next human team that has not sealed, whatever is highlighted (Enter on Roles picks a team)."""
        waiting = self.view.status.waiting
        if not waiting:
            self.notify("Every human team has sealed its moves: adjudicate with a.", title="Nobody waiting")
            return
        self._hand_over(waiting[0])

    def _hand_over(self, role: str) -> None:
        from wargame.ui.screens.hotseat import HandoverScreen

        view = self.view
        if view.phase not in ("moves", "ended"):  # once ended, each team may read how its last turn came out
            self.notify("Moves are made during the moves phase.", severity="warning")
            return
        status = next(r for r in view.roles if r.role == role)
        if status.sealed and view.phase == "moves":
            self.notify(f"{status.name} has sealed its moves for this turn: p opens the next "
                        "team that has not.", severity="warning", markup=False)
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
        view = self.view
        scenario = self.scenario
        status = next(r for r in view.roles if r.role == role)
        options = [(player_name(scenario, role, p), p) for p in self.wargame.session.players(role)]
        turn = view.turn

        def chosen(player: str | None) -> None:
            if player is None or player == status.player:
                return
            # a bot taking over mid-turn moves at once: the session runs it (see Session.execute)
            self.wargame.send(f"assign {status.name}", cmd.AssignRole(role=role, player=player),
                              announce=f"{status.name}: {player_name(scenario, role, player)} from turn {turn} on")

        self.app.push_screen(ChoosePlayer(status.name, options, status.player), chosen)

    def action_adjudicate(self) -> None:
        from wargame.ui.screens.dialogs import ConfirmScreen

        unsealed = [r.name for r in self.view.roles if not r.sealed]

        def go(confirmed: bool | None) -> None:
            if confirmed:
                self.wargame.send("adjudicate", cmd.Adjudicate())
                self.action_tab("results")

        if unsealed:
            self.app.push_screen(
                ConfirmScreen(f"Not sealed yet: {listing(unsealed)}.\nAdjudicate anyway? Their moves so far count; "
                              "roles with none make no move."), go)
        else:
            go(True)

    def action_override(self) -> None:
        from wargame.ui.screens.dialogs import OverrideScreen

        outcome = self.selected_outcome()
        if outcome is None or outcome.turn != self.view.turn:
            self.action_tab("results")
            self.notify("Select an outcome of this turn in Results, then press o.", severity="warning")
            return
        self.app.push_screen(OverrideScreen(outcome.role, outcome.action))

    def action_release(self) -> None:
        inject = self.selected_inject()
        if self.query_one(TabbedContent).active != "injects" or inject is None:
            self.action_tab("injects")
            self.notify("Select an inject, then press r to release it.", severity="information")
            return
        from wargame.ui.screens.dialogs import ConfirmScreen

        def go(confirmed: bool | None) -> None:
            if confirmed:
                self.wargame.send(f"release {inject.id}", cmd.ReleaseInject(inject_id=inject.id),
                                  announce=f"Released {inject.id}: {inject.title} (u undoes it)")

        status = next((s for s in self.view.inject_statuses if s.id == inject.id), None)
        if inject.kind == "branch" and status is not None and status.status == "waits for trigger":
            # a branch inject's text assumes its trigger: released without it, it may tell the teams of
            # events that did not happen in this game
            self.app.push_screen(ConfirmScreen(
                f"{inject.id} ({inject.title}) is a branch inject whose trigger has not held: {status.trigger}.\n"
                "Its text may describe events that did not happen in this game. Release it anyway?"), go)
        else:
            go(True)

    def action_hold(self) -> None:
        inject = self.selected_inject()
        if self.query_one(TabbedContent).active != "injects" or inject is None:
            self.action_tab("injects")
            self.notify("Select a pending inject, then press h to hold it.", severity="information")
            return
        self.wargame.send(f"hold {inject.id}", cmd.HoldInject(inject_id=inject.id, reason="held by control"),
                          announce=f"Held {inject.id}: {inject.title} (u undoes it)")

    def action_undo(self) -> None:
        """Undo control's last release or hold, while the turn is in the same stage; the message names the inject."""
        undo = self.view.undo
        if undo is None:
            self.notify("Nothing to undo: only the last release or hold, before the turn moves on.", severity="warning")
            return
        self.wargame.send(f"undo {undo.inject_id}", cmd.UndoInjectDecision(),
                          announce=f"Undone: {undo.in_words}")

    def action_note(self) -> None:
        from wargame.ui.screens.dialogs import NoteScreen

        self.app.push_screen(NoteScreen())

    def action_end_turn(self) -> None:
        from wargame.ui.screens.dialogs import ConfirmScreen

        status = self.view.status
        last = status.turn >= status.turns

        def go(confirmed: bool | None) -> None:
            if confirmed:
                self.wargame.send("end turn", cmd.EndTurn())
                self.action_tab("world")

        question = (f"End turn {status.turn}? This is the last turn: the exercise ends." if last else
                    f"End turn {status.turn} and open turn {status.turn + 1}? Overrides are no longer possible "
                    f"for turn {status.turn}.")
        self.app.push_screen(ConfirmScreen(question), go)

    def action_end_exercise(self) -> None:
        from wargame.ui.screens.dialogs import ConfirmScreen

        def go(confirmed: bool | None) -> None:
            if confirmed:
                self.wargame.send("end exercise", cmd.EndExercise())

        self.app.push_screen(ConfirmScreen("End the exercise now? This cannot be undone."), go)
