"""Hot-seat play: a hand-over screen, then one role's view and moves, then a cleared screen.

The player screen draws only from ``session.view(role)`` and the role's own
actions, so a team sees its situation and nothing of the others' secrets.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Markdown, Static, TabbedContent, TabPane

from wargame import explain
from wargame.engine import decide as commands
from wargame.engine.views import View, sees_variable
from wargame.text import md_block, md_inline
from wargame.ui.app import WargameApp
from wargame.ui.safe import plain, row, safe
from wargame.ui.screens.base import UsesSession
from wargame.ui.widgets.tables import refilled


class HandoverScreen(Screen[None]):
    """A blank screen naming who should take the keyboard, so nobody sees another team's view."""

    BINDINGS = [
        Binding("enter", "begin", "I am at the keyboard"),
        Binding("escape", "back", "Back to control"),
    ]

    def __init__(self, role: str) -> None:
        super().__init__()
        self.role = role

    def compose(self) -> ComposeResult:
        app = self.app
        assert isinstance(app, WargameApp)
        name = app.session.scenario.role(self.role).name
        with Center(id="handover"):
            yield Static(
                plain("Pass the keyboard to\n\n") + plain(name, "bold")
                + plain(f"\n\nEveryone else, look away.\n\n{name}: press Enter when you are ready."),
                id="handover-text",
            )
        yield Footer()

    def action_begin(self) -> None:
        self.app.switch_screen(PlayerScreen(self.role))

    def action_back(self) -> None:
        self.app.pop_screen()


class SealedScreen(Screen[None]):
    """After sealing: the role's view is gone from the screen before control looks again."""

    BINDINGS = [Binding("enter", "done", "Back to control")]

    def __init__(self, name: str, count: int) -> None:
        super().__init__()
        self.role_name = name
        self.count = count

    def compose(self) -> ComposeResult:
        moves = f"{self.count} move{'s' if self.count != 1 else ''}" if self.count else "no move (holding)"
        with Center(id="handover"):
            yield Static(plain(self.role_name, "bold") + plain(f": {moves} sealed and saved.\n\n"
                                                                "Pass the keyboard back to control and press Enter."),
                         id="handover-text")
        yield Footer()

    def action_done(self) -> None:
        self.app.pop_screen()


class PlayerScreen(UsesSession, Screen[None]):
    """One role's turn: situation, briefs, objectives, and its moves."""

    BINDINGS = [
        Binding("enter", "choose_move", "Choose / drop move", show=True),
        Binding("s", "seal", "Seal moves", tooltip="Make this turn's moves final and hand back"),
        Binding("escape", "leave", "Leave unsealed", tooltip="Back to control; moves chosen so far are kept"),
        Binding("1", "tab('moves')", "Moves", show=False),
        Binding("2", "tab('situation')", "Situation", show=False),
        Binding("3", "tab('briefs')", "Briefs", show=False),
        Binding("4", "tab('objectives')", "Objectives", show=False),
    ]

    def __init__(self, role: str) -> None:
        super().__init__()
        self.role = role

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="player-status")
        with TabbedContent(initial="moves"):
            with TabPane("1 Moves", id="moves"):
                with Vertical():
                    yield DataTable(id="move-table", cursor_type="row")
                    with VerticalScroll(classes="detail"):
                        yield Static(id="move-detail")
            with TabPane("2 Situation", id="situation"):
                with VerticalScroll():
                    yield Static(id="situation-text")
            with TabPane("3 Briefs", id="briefs"):
                yield Markdown(id="briefs-text")
            with TabPane("4 Objectives", id="objectives"):
                with VerticalScroll():
                    yield Static(id="objectives-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#move-table", DataTable).add_columns("", "Move", "Cost", "Odds shown", "Status")
        self.repaint()
        self.query_one("#move-table", DataTable).focus()

    # ------------------------------------------------------------ drawing

    def repaint(self) -> None:
        session = self.wargame.session
        state = session.state
        if state.phase != "moves" or self.role in state.sealed:
            return
        view = session.view(self.role)
        role = state.scenario.role(self.role)
        spent = state.spent(self.role)
        self.sub_title = role.name
        self.query_one("#player-status", Static).update(safe(
            f"{role.name}  ·  Turn {view.turn}, {view.date}  ·  {role.resources.label}: "
            f"{role.resources.per_turn - spent} of {role.resources.per_turn} left  ·  "
            f"chosen: {', '.join(state.scenario.action(self.role, a).label for a in state.moves.get(self.role, [])) or 'nothing yet'}"
        ))
        self._moves(view)
        self._situation(view)
        self.query_one("#briefs-text", Markdown).update(self._briefs(view))
        self._objectives(view)

    def _moves(self, view: View) -> None:
        state = self.wargame.session.state
        table = self.query_one("#move-table", DataTable)
        with refilled(table):
            chosen = state.moves.get(self.role, [])
            for action in state.scenario.role(self.role).actions:
                mark = "✔" if action.id in chosen else ""
                odds = explain.percent(commands.shown_chance(state, self.role, action.id).chance)
                why = commands.why_illegal(state, self.role, action.id)
                status = "chosen" if action.id in chosen else ("available" if why is None else why)
                table.add_row(*row(mark, action.label, str(action.cost), odds, status), key=action.id)
        self._move_detail()

    def _move_detail(self) -> None:
        state = self.wargame.session.state
        action_id = self.selected_action()
        if action_id is None:
            return
        action = state.scenario.action(self.role, action_id)
        text = Text()
        text.append(action.label, style="bold")
        text.append(f"  (cost {action.cost}, {action.visibility})\n")
        if action.description:
            text.append(action.description + "\n")
        text.append("Odds: " + explain.chance(commands.shown_chance(state, self.role, action_id)) + "\n")
        text.append("(Modifiers that depend on other roles' moves this turn are applied at adjudication.)\n", style="italic")
        if action.preconditions:
            text.append("Needs: " + "; ".join(action.preconditions) + "\n")
        for band in action.bands:
            shown = [explain.planned(state.scenario, e) for e in band.effects
                     if sees_variable(state.scenario, self.role, e.var)]
            text.append(f"  {band.id}: ", style="bold")
            text.append(f"{band.message or band.label or ''} [{', '.join(shown) or 'no visible change'}]\n")
        self.query_one("#move-detail", Static).update(safe(text))

    def _situation(self, view: View) -> None:
        text = Text()
        text.append("Injects you have received\n", style="bold")
        for inject in reversed(view.injects):
            text.append(f"T{inject.turn} · {inject.inject.title}", style="bold")
            text.append(f" ({inject.inject.from_}, {inject.inject.method})\n{inject.inject.message}\n\n")
        text.append("The world as you see it\n", style="bold")
        for v in view.variables:
            text.append(f"  {v.label}: {explain.number(v.value)} ({explain.number(v.min)}–{explain.number(v.max)})\n")
        known = [o for o in view.outcomes if o.turn < view.turn or o.role == self.role]
        if known:
            text.append("\nOutcomes you know of\n", style="bold")
            for outcome in known[-12:]:
                text.append(f"  T{outcome.turn} {outcome.role}: {outcome.label} → {outcome.band}\n")
        self.query_one("#situation-text", Static).update(safe(text))

    def _briefs(self, view: View) -> str:
        own = next(b for b in view.briefs if b.role == self.role)
        others = "\n\n".join(f"### {md_inline(b.name)}\n\n{md_block(b.public_brief)}" for b in view.briefs if b.role != self.role)
        return (f"## {md_inline(own.name)}: private brief\n\n{md_block(own.private_brief or '')}\n\n"
                f"## Public brief\n\n{md_block(own.public_brief)}\n\n## The other roles (public)\n\n{others}")

    def _objectives(self, view: View) -> None:
        role = self.wargame.session.scenario.role(self.role)
        scores = view.scores.get(self.role, {})
        text = Text()
        for objective in role.objectives:
            score = scores.get(objective.id)
            text.append(f"{objective.label}", style="bold")
            text.append(f"  score: {explain.number(score) if score is not None else 'after the first adjudication'}\n")
            if objective.description:
                text.append(f"  {objective.description}\n")
        if role.red_lines:
            text.append("\nYour red lines\n", style="bold")
            for line in role.red_lines:
                text.append(f"  {line.label}\n")
        self.query_one("#objectives-text", Static).update(safe(text))

    # ------------------------------------------------------------ actions

    def selected_action(self) -> str | None:
        table = self.query_one("#move-table", DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._move_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_choose_move()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_choose_move(self) -> None:
        action = self.selected_action()
        if action is None:
            return
        state = self.wargame.session.state
        if action in state.moves.get(self.role, []):
            self.wargame.run_command(f"drop {action}", commands.withdraw_move, self.role, action)
        else:
            self.wargame.run_command(f"choose {action}", commands.submit_move, self.role, action)

    def action_seal(self) -> None:
        from wargame.ui.screens.dialogs import ConfirmScreen

        state = self.wargame.session.state
        chosen = [state.scenario.action(self.role, a).label for a in state.moves.get(self.role, [])]
        question = ("Seal these moves: " + ", ".join(chosen) + "?") if chosen else "Seal no move this turn (hold)?"

        def go(confirmed: bool | None) -> None:
            if confirmed:
                name = state.scenario.role(self.role).name
                self.wargame.run_command(f"seal {self.role}", commands.seal_moves, self.role)
                self.app.switch_screen(SealedScreen(name, len(chosen)))

        self.app.push_screen(ConfirmScreen(question + "\nSealed moves cannot be changed."), go)

    def action_leave(self) -> None:
        self.app.pop_screen()
