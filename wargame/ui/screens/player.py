"""One team's view in the hot seat (or at its own seat): moves, situation, briefs, objectives.

The player screen draws only from ``session.view(role)`` and the role's own
actions, so a team sees its situation and nothing of the others' secrets.
Leaving it (seal, Esc) goes to the neutral :class:`~wargame.ui.screens.hotseat.HandBackScreen`.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from wargame import explain
from wargame.engine import decide as commands
from wargame.engine.views import View, sees_variable
from wargame.ui.safe import LiteralTable, plain, safe
from wargame.ui.screens.base import UsesSession
from wargame.ui.widgets.tables import refilled
from wargame.ui.widgets.tabs import show_tab
from wargame.ui.widgets.text import listing, plural, sparkline, trend

HELP = """\
# Your team's turn

Only your team should be looking. Your view shows your brief, the injects you received,
the part of the world you can see, your objectives and your moves — nothing of the other teams' secrets.

| key | does |
| --- | --- |
| 1 2 3 4 5 | What happened, Moves, Situation, Briefs, Objectives |
| ↑ ↓ | move the cursor (or scroll) |
| Enter | choose the highlighted move, or drop it if chosen |
| s | seal your moves (asks first); then hand the keyboard back |
| Esc | leave without sealing: your choices are kept, the screen locks for control |
| Tab | move between the list and its detail |
| ctrl+p | every action of this screen by name |
| F1 | this help |
"""


class PlayerScreen(UsesSession, Screen[None]):
    """One role's turn: situation, briefs, objectives, and its moves."""

    HELP = HELP
    BINDINGS = [
        Binding("enter", "choose_move", "Choose/drop", tooltip="Choose the highlighted move, or drop it"),
        Binding("s", "seal", "Seal", tooltip="Make this turn's moves final and hand back"),
        Binding("escape", "leave", "Leave", tooltip="Hand back without sealing; moves chosen so far are kept"),
        Binding("1", "tab('news')", "What happened", show=False),
        Binding("2", "tab('moves')", "Moves", show=False),
        Binding("3", "tab('situation')", "Situation", show=False),
        Binding("4", "tab('briefs')", "Briefs", show=False),
        Binding("5", "tab('objectives')", "Objectives", show=False),
    ]

    def __init__(self, role: str) -> None:
        super().__init__()
        self.role = role

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="player-status")
        with TabbedContent(initial="news"):
            with TabPane("1 What happened", id="news"):
                with VerticalScroll(id="news-box"):
                    yield Static(id="news-text")
            with TabPane("2 Moves", id="moves"):
                with Vertical():
                    yield LiteralTable(id="move-table", cursor_type="row")
                    with VerticalScroll(classes="detail", id="move-detail-box"):
                        yield Static(id="move-detail")
            with TabPane("3 Situation", id="situation"):
                with VerticalScroll(id="situation-box"):
                    yield Static(id="situation-text")
            with TabPane("4 Briefs", id="briefs"):
                with VerticalScroll(id="briefs-box"):
                    yield Static(id="briefs-text")
            with TabPane("5 Objectives", id="objectives"):
                with VerticalScroll(id="objectives-box"):
                    yield Static(id="objectives-text")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#move-table", DataTable).add_columns("", "Odds", "Cost", "Move", "Status")
        self.repaint()
        # a team's first question at the start of a turn is what happened; once it has chosen, its moves
        self.action_tab("moves" if self.wargame.session.state.moves.get(self.role) else "news")

    # ------------------------------------------------------------ drawing

    def repaint(self) -> None:
        session = self.wargame.session
        state = session.state
        view = session.view(self.role)
        role = state.scenario.role(self.role)
        spent = state.spent(self.role) if state.phase == "moves" else 0
        chosen = [state.scenario.action(self.role, a).label for a in state.moves.get(self.role, [])]
        self.sub_title = role.name
        status = Text()
        status.append(role.name, style="bold")
        status.append(f"  ·  Turn {view.turn}, {view.date}  ·  {role.resources.label}: "
                      f"{role.resources.per_turn - spent} of {role.resources.per_turn} left  ·  "
                      f"chosen: {', '.join(chosen) or 'nothing yet'}")
        self.query_one("#player-status", Static).update(safe(status))
        self._news(view)
        self._moves(view)
        self._situation(view)
        self.query_one("#briefs-text", Static).update(safe(self._briefs(view)))
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
                table.add_row(mark, odds, str(action.cost), plain(action.label), plain(status), key=action.id)
        self._move_detail()

    def _move_detail(self) -> None:
        state = self.wargame.session.state
        action_id = self.selected_action()
        if action_id is None:
            return
        action = state.scenario.action(self.role, action_id)
        text = Text()
        why = commands.why_illegal(state, self.role, action_id)
        if why is not None and action_id not in state.moves.get(self.role, []):
            text.append(f"Not available now: {why}\n", style="bold")
        text.append(action.label, style="bold")
        text.append(f"  (cost {action.cost}, {action.visibility})\n")
        if action.description:
            text.append(action.description + "\n")
        text.append("Odds: " + explain.chance(commands.shown_chance(state, self.role, action_id)) + "\n")
        text.append("(Modifiers that depend on other roles' moves this turn are applied at adjudication.)\n", style="italic")
        if action.preconditions:
            text.append("Needs: " + "; ".join(reason or condition for condition, reason in action.conditions) + "\n")
        for band in action.bands:
            shown = [explain.planned(state.scenario, e) for e in band.effects
                     if sees_variable(state.scenario, self.role, e.var)]
            text.append(f"  {band.label or band.id}: ", style="bold")
            text.append(f"{band.message} " if band.message else "")
            text.append(f"[{', '.join(shown) or 'no visible change'}]\n")
        self.query_one("#move-detail", Static).update(safe(text))
        self.query_one("#move-detail-box", VerticalScroll).scroll_home(animate=False)

    def _news(self, view: View) -> None:
        """What happened: last turn's outcomes this team may know of, what changed, the injects that just arrived."""
        scenario = self.wargame.session.scenario
        text = Text()
        if view.turn <= 1:
            text.append(f"Turn {view.turn} opens ({view.date}).", style="bold")
            text.append(" Read your brief (4) and the injects below, then choose your moves (2).\n\n")
        else:
            last = view.turn - 1
            text.append(f"What happened in turn {last}", style="bold")
            text.append(f" (turn {view.turn} opens, {view.date})\n")
            known = [o for o in view.outcomes if o.turn == last]
            if not known:
                text.append("  No outcome you may know of.\n")
            for outcome in known:
                own = outcome.role == self.role
                text.append(f"  {'You' if own else scenario.role(outcome.role).name}: ", style="bold")
                band = next((b for b in scenario.action(outcome.role, outcome.action).bands if b.id == outcome.band), None)
                text.append(f"{outcome.label} — {band.label if band and band.label else outcome.band}")
                text.append(" (overridden by the umpire)" if outcome.overridden else "")
                text.append(f". {band.message.strip()}\n" if band and band.message else ".\n")
            for owner, line_id, turn in view.red_lines_crossed:  # only the lines this lens knows of
                spec = next((x for x in scenario.role(owner).red_lines if x.id == line_id), None)
                if turn == last and spec is not None:
                    text.append("  Red line crossed: ", style="bold")
                    text.append(f"{'yours' if owner == self.role else scenario.role(owner).name} — {spec.label}.\n")
            changed = [v for v in view.variables if len(v.history) >= 2 and v.history[-1] != v.history[-2]]
            text.append("\nWhat changed since the last turn\n", style="bold")
            if not changed:
                text.append("  Nothing you can see.\n")
            for v in changed:
                before, after = v.history[-2], v.history[-1]
                sign = "▲" if after > before else "▼"
                text.append(f"  {sign} {v.label}: {explain.number(before)} → {explain.number(after)}\n")
            text.append("\n")
        arrived = [i for i in view.injects if i.turn == view.turn]
        text.append("Injects that arrived this turn\n", style="bold")
        if not arrived:
            text.append("  None.\n")
        for inject in arrived:
            text.append(f"  {inject.inject.title}", style="bold")
            text.append(f" ({inject.inject.from_}, {inject.inject.method})\n  {inject.inject.message.strip()}\n\n")
        self.query_one("#news-text", Static).update(safe(text))

    def _situation(self, view: View) -> None:
        scenario = self.wargame.session.scenario
        text = Text()
        known = [o for o in view.outcomes if o.turn < view.turn or o.role == self.role]
        if known:
            text.append("Outcomes you know of (latest first)\n", style="bold")
            for outcome in reversed(known[-12:]):
                text.append(f"  T{outcome.turn} {scenario.role(outcome.role).name}: {outcome.label} → {outcome.band}\n")
            text.append("\n")
        text.append("Injects you have received (latest first)\n", style="bold")
        for inject in reversed(view.injects):
            text.append(f"T{inject.turn} · {inject.inject.title}", style="bold")
            text.append(f" ({inject.inject.from_}, {inject.inject.method})\n{inject.inject.message}\n\n")
        text.append("The world as you see it\n", style="bold")
        for v in view.variables:
            text.append(f"  {v.label}: {explain.number(v.value)} ({explain.number(v.min)}–{explain.number(v.max)})\n")
        self.query_one("#situation-text", Static).update(safe(text))

    def _briefs(self, view: View) -> Text:
        own = next(b for b in view.briefs if b.role == self.role)
        text = Text()
        text.append(f"{own.name}: your private brief\n\n", style="bold")
        text.append(f"{(own.private_brief or '').strip()}\n\n")
        text.append("Your public brief\n\n", style="bold")
        text.append(f"{own.public_brief.strip()}\n\n")
        text.append("The other roles (what everyone knows)\n", style="bold")
        for brief in view.briefs:
            if brief.role != self.role:
                text.append(f"\n{brief.name}\n", style="bold")
                text.append(f"{brief.public_brief.strip()}\n")
        return text

    def _objectives(self, view: View) -> None:
        role = self.wargame.session.scenario.role(self.role)
        scores = view.scores.get(self.role, {})
        text = Text()
        text.append("Each objective is scored after every adjudication; higher is better for you.\n\n", style="italic")
        for objective in role.objectives:
            score = scores.get(objective.id)
            series = [per[self.role][objective.id] for _, per in sorted(view.score_history.items())
                      if self.role in per and objective.id in per[self.role]]
            text.append(f"{objective.label}", style="bold")
            if score is None:
                text.append("  score: after the first adjudication\n")
            else:
                text.append(f"  score: {explain.number(score)}")
                if len(series) >= 2:
                    delta = series[-1] - series[-2]
                    text.append(f"  {trend(series)} {'+' if delta >= 0 else '−'}{explain.number(abs(delta))} since the turn before")
                    text.append(f"  {sparkline(series, min(series), max(series))}")
                text.append("\n")
            if objective.description:
                text.append(f"  {objective.description.strip()}\n")
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose_move":  # Enter chooses only on the Moves tab (elsewhere it scrolls or does nothing)
            return self.query_one(TabbedContent).active == "moves"
        return True

    def action_tab(self, tab: str) -> None:
        show_tab(self.query_one(TabbedContent), tab)

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
        question = f"Seal these moves: {listing(chosen)}?" if chosen else "Seal no move this turn (hold)?"

        def go(confirmed: bool | None) -> None:
            if confirmed:
                from wargame.ui.screens.hotseat import HandBackScreen

                name = state.scenario.role(self.role).name
                self.wargame.run_command(f"seal {self.role}", commands.seal_moves, self.role)
                what = f"{plural(len(chosen), 'move')} sealed and saved" if chosen else "no move this turn, sealed and saved"
                self.app.switch_screen(HandBackScreen(name, what))

        self.app.push_screen(ConfirmScreen(question + "\nSealed moves cannot be changed."), go)

    def action_leave(self) -> None:
        from wargame.ui.screens.hotseat import HandBackScreen

        state = self.wargame.session.state
        count = len(state.moves.get(self.role, []))
        what = f"not sealed yet; {plural(count, 'move')} chosen so far, kept" if count else "not sealed yet, nothing chosen"
        self.app.switch_screen(HandBackScreen(state.scenario.role(self.role).name, what))
