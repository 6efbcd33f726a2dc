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
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from wargame import explain
from wargame.engine import commands as cmd
from wargame.engine.actors import Team
from wargame.engine.views import MoveOption, RoleView
from wargame.text import prose
from wargame.ui.safe import LiteralTable, wrapped
from wargame.ui.screens.base import KeepsStyles, UsesSession
from wargame.ui.widgets.footer import SteadyFooter
from wargame.ui.widgets.paint import fill, forget, show
from wargame.ui.widgets.tabs import show_tab
from wargame.ui.widgets.text import listing, plural, sparkline, trend

HELP = """\
# Your team's turn

Only your team should be looking. Your view shows your brief, the injects you received,
the part of the world you can see, your objectives and your moves — nothing of the other teams' secrets.
Each inject says where it comes from: *from the source* (what the scenario's sources report),
*projection* (what a source expects, not what it reports) or *invented* (the designers' what-if).

| key | does |
| --- | --- |
| 1 2 3 4 5 | What happened, Moves, Situation, Briefs, Objectives |
| ↑ ↓, Home End | move the cursor (or scroll); Home and End: the first and last move |
| PageUp PageDown | on Moves: scroll the highlighted move's detail |
| Enter | choose the highlighted move, or drop it if chosen |
| s | seal your moves (asks first); then hand the keyboard back |
| Esc | leave without sealing: your choices are kept, the screen locks for control |
| Tab | move between the list and its detail |
| ctrl+p | every action of this screen by name |
| F1 | this help |
"""


SITUATION_OUTCOMES = 30
"""How many known outcomes the Situation tab lists (latest learned first)."""


class PlayerScreen(UsesSession, KeepsStyles, Screen[None]):
    """One role's turn: situation, briefs, objectives, and its moves."""

    HELP = HELP
    BINDINGS = [
        Binding("enter", "choose_move", "Choose/drop", tooltip="Choose the highlighted move, or drop it"),
        Binding("s", "seal", "Seal", tooltip="Make this turn's moves final and hand back"),
        Binding("escape", "leave", "Leave", tooltip="Hand back without sealing; moves chosen so far are kept"),
        # the move's detail scrolls under the list, which keeps the keyboard: one place where Enter chooses
        Binding("pagedown", "scroll_detail(1)", "Detail down", show=False, priority=True),
        Binding("pageup", "scroll_detail(-1)", "Detail up", show=False, priority=True),
        Binding("1", "tab('news')", "What happened", show=False),
        Binding("2", "tab('moves')", "Moves", show=False),
        Binding("3", "tab('situation')", "Situation", show=False),
        Binding("4", "tab('briefs')", "Briefs", show=False),
        Binding("5", "tab('objectives')", "Objectives", show=False),
    ]

    def __init__(self, role: str) -> None:
        super().__init__()
        self.role = role
        self._widths: tuple[int, int, int, int] | None = None
        """The move list's layout: the screen width and turn it was made for, the Move and Status widths."""

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
                    detail = VerticalScroll(classes="detail", id="move-detail-box")
                    detail.can_focus = False
                    with detail:
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
        yield SteadyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.repaint()
        # a team's first question at the start of a turn is what happened; once it has chosen, its moves
        self.action_tab("moves" if self.view.chosen and not self.view.ended else "news")

    # ------------------------------------------------------------ drawing

    @property
    def view(self) -> RoleView:
        """This role's view after the last applied command: everything this screen draws, nothing more."""
        view = self.wargame.session.view(self.role)
        assert isinstance(view, RoleView)
        return view

    def repaint(self) -> None:
        view = self.view
        labels = {o.id: o.label for o in view.options}
        chosen = [labels.get(a, a) for a in view.chosen]
        budget = view.budget
        left = budget.left if view.phase == "moves" else budget.per_turn
        self.sub_title = view.role_name
        status = Text()
        status.append(view.role_name, style="bold")
        most = self.wargame.session.scenario.role(self.role).max_moves
        if view.ended:  # no turn is open: nothing left to spend, choose or seal
            status.append(f"  ·  Turn {view.turn}, {view.date}  ·  the exercise has ended: read only  ·  "
                          "Esc hands back")
        else:
            status.append(f"  ·  Turn {view.turn}, {view.date}  ·  {budget.label}: "
                          f"{left} of {budget.per_turn} left"
                          + (f", at most {most} move{'s' if most != 1 else ''}" if most is not None else "")
                          + f"  ·  chosen: {', '.join(chosen) or 'nothing yet'}")
        show(self.query_one("#player-status", Static), status)
        self._news(view)
        self._moves(view)
        self._situation(view)
        show(self.query_one("#briefs-text", Static), self._briefs(view))
        self._objectives(view)

    def band_label(self, role: str, action: str, band_id: str) -> str:
        """A band by its label, as the outcome lists name it (its id if it has none)."""
        return explain.band_name(self.wargame.session.scenario, role, action, band_id)

    def band_chances(self, action: str, chance: float | None) -> dict[str, float]:
        """How likely each band of the role's ``action`` is at this chance of success: success the chance, each
        other band its share of the rest (as adjudication splits the roll); empty when the chance is withheld."""
        if chance is None:
            return {}
        bands = self.wargame.session.scenario.action(self.role, action).bands
        return {b.id: chance if b.id == "success" else (1.0 - chance) * b.share for b in bands}

    @staticmethod
    def status_of(option: MoveOption) -> str:
        """The Status column: chosen, available, or why not — the same words as the detail's first line."""
        if option.chosen:
            return "chosen"
        if option.available:
            return "available"
        return option.why_not or "not available"

    def _moves(self, view: RoleView) -> None:
        """The move list: the Move and Status columns share the width left by the short ones, and a long
        label or reason wraps at words onto a second line, ending in "…" if it needs more (the detail under
        the list gives the whole reason): a team reads why at 80 columns, and the rows stay short."""
        table = self.query_one("#move-table", DataTable)
        width = self.size.width or 80
        cursor = table.cursor_row
        # the widths hold for the turn: choosing a move changes statuses, and rows reflowing under the
        # cursor would make the next key land on another move
        resized = self._widths is None or self._widths[:2] != (width, view.turn)
        if resized:
            room = max(40, width - 26)  # the mark, Success and Cost columns, cell padding, scrollbar
            longest = max((len(o.label) for o in view.options), default=10)
            needed = max((len(self.status_of(o)) for o in view.options), default=10)
            # at least two fifths of the room: a reason that appears mid-turn ("cannot be combined with …")
            # wraps at words into two lines, not into a column of word pieces
            status_width = max(min(room * 2 // 5, 24), min(needed, max(room // 2, room - longest)))
            # the Move and Status columns at the widths their cells are wrapped to (a table's columns would
            # otherwise keep the widest cell they ever held, and push Status off an 80-column screen)
            self._widths = (width, view.turn, room - status_width, status_width)
            table.clear(columns=True)
            forget(table)
            table.add_columns("", "Success", "Cost")
            table.add_column("Move", width=room - status_width)
            table.add_column("Status", width=status_width)
        assert self._widths is not None
        move_width, status_width = self._widths[2:]
        rows = []
        for option in view.options:
            odds = option.odds.chance
            label = wrapped(option.label, move_width, max_lines=2)
            status = wrapped(self.status_of(option), status_width, max_lines=2)  # the detail below says it all
            rows.append((option.id, ("✔" if option.chosen else "", explain.percent(odds) if odds is not None else "?",
                                     str(option.cost), label, status),
                         max(len(label.plain.splitlines()), len(status.plain.splitlines()), 1)))
        fill(table, rows)
        if resized and table.row_count:
            table.move_cursor(row=min(max(cursor, 0), table.row_count - 1))
        self._move_detail()

    def on_resize(self) -> None:
        if self.wargame.loaded:
            self._moves(self.view)

    def _move_detail(self) -> None:
        action_id = self.selected_action()
        if action_id is None:
            return
        option = next(o for o in self.view.options if o.id == action_id)
        text = Text()
        if not option.chosen and not option.available:
            text.append(f"Not available now: {self.status_of(option)}\n", style="bold")
        text.append(option.label, style="bold")
        text.append(f"  (cost {option.cost}, {option.visibility})\n")
        if option.description:
            text.append(prose(option.description) + "\n")
        text.append("Chance of success: " + explain.shown(option.odds) + "\n")
        text.append("(Modifiers that depend on other roles' moves this turn are applied at adjudication.)\n", style="italic")
        if option.needs:
            text.append("Needs: " + "; ".join(option.needs) + "\n")
        likelihood = self.band_chances(option.id, option.odds.chance)
        if likelihood:
            text.append("The results, and how likely each is now (the others share what success leaves):\n",
                        style="italic")
        for band in option.bands:
            text.append(f"  {band.label or band.id}", style="bold")
            text.append(f" ({explain.exact_percent(likelihood[band.id])})" if band.id in likelihood else "")
            text.append(": ", style="bold")
            text.append(f"{band.message} " if band.message else "")
            text.append(f"[{', '.join(band.effects) or 'no visible change'}]\n")
        if show(self.query_one("#move-detail", Static), text):
            self.query_one("#move-detail-box", VerticalScroll).scroll_home(animate=False)

    def _news(self, view: RoleView) -> None:
        """What happened: last turn's outcomes this team may know of, what changed, the injects that just arrived."""
        scenario = self.wargame.session.scenario
        names = {b.role: b.name for b in view.briefs}
        text = Text()
        if view.turn <= 1 and not view.ended:
            text.append(f"Turn {view.turn} opens ({view.date}).", style="bold")
            text.append(" Read your brief (4) and the injects below, then choose your moves (2).\n\n")
        else:
            # once the exercise has ended, the last turn's outcomes are what happened last
            last = view.turn if view.ended else view.turn - 1
            text.append(f"What happened in turn {last}", style="bold")
            text.append(f" (the exercise has ended: {view.ended})\n" if view.ended
                        else f" (turn {view.turn} opens, {view.date})\n")
            known = [o for o in view.outcomes if o.turn == last]
            # delayed moves of other roles made earlier and revealed as this turn opens (or as the exercise ended)
            late = [o for o in view.outcomes if o.turn < last and o.role != self.role
                    and (o.reveal_turn > view.turn if view.ended else o.reveal_turn == view.turn)]
            if not known and not late:
                text.append("  No outcome you may know of.\n")
            for outcome in known + late:
                if outcome.unattributed:  # no actor, move or band to name: what happened, and what it changed
                    text.append(f"  {outcome.label}", style="bold")
                    text.append(f" (a move of turn {outcome.turn}, learned only now)" if outcome.turn < last else "")
                    text.append(".\n" + (f"    {'In turn ' + str(outcome.turn) + ': ' if outcome.turn < last else ''}"
                                          f"{explain.effects(scenario, outcome.effects, relative=True)}\n"
                                          if outcome.effects else ""))
                    continue
                own = outcome.role == self.role
                text.append(f"  {'You' if own else names.get(outcome.role, outcome.role)}: ", style="bold")
                band = next((b for b in scenario.action(outcome.role, outcome.action).bands if b.id == outcome.band), None)
                text.append(f"{outcome.label} — {self.band_label(outcome.role, outcome.action, outcome.band)}")
                text.append(" (overridden by the umpire)" if outcome.overridden and outcome.band != "custom" else "")
                text.append(f" (a move of turn {outcome.turn}, learned only now)" if outcome.turn < last else "")
                text.append(f". {band.message.strip()}\n" if band and band.message else ".\n")
                if outcome.overridden and outcome.rationale:
                    text.append(f"    The umpire: {prose(outcome.rationale)}\n")
                if outcome.effects and outcome.turn < last:  # applied back then: not part of What changed below
                    text.append(f"    In turn {outcome.turn}, already counted in the figures since: "
                                f"{explain.effects(scenario, outcome.effects, relative=True)}\n")
                elif outcome.effects:
                    text.append(f"    {explain.effects(scenario, outcome.effects, relative=True)}\n")
            for owner, line_id, turn in view.red_lines_crossed:  # only the lines this lens knows of
                spec = next((x for x in scenario.role(owner).red_lines if x.id == line_id), None)
                if turn == last and spec is not None:
                    text.append("  Red line crossed: ", style="bold")
                    text.append(f"{'yours' if owner == self.role else scenario.role(owner).name} — {spec.label}.\n")
                    effects = view.red_line_effects.get((owner, line_id), ())
                    if effects:
                        text.append(f"    {explain.effects(scenario, effects, relative=True)}\n")
            rules = {r.id: r for r in scenario.world.rules}
            knock_ons = [r for r in view.rules_fired if r.turn == last and r.rule_id in rules]
            if knock_ons:
                text.append("\nKnock-on effects (the model's follow-on rules)\n", style="bold")
            if knock_ons and any(not v.rules_retested for o in known for v in o.overrides):
                text.append("  (figures as the rules applied at adjudication, before the umpire's override)\n",
                            style="italic")
            elif knock_ons and any(o.overridden for o in known):
                text.append("  (as they follow from the umpire's ruling)\n", style="italic")
            for fired in knock_ons:
                rule = rules[fired.rule_id]
                text.append(f"  {rule.label}: ", style="bold")
                text.append(explain.effects(scenario, fired.effects, relative=True))
                text.append(f". {prose(rule.message)}\n" if rule.message.strip() else ".\n")
            labels = {v.id: v.label for v in view.variables}
            text.append(f"\nWhat changed since your moves in turn {last}\n", style="bold")
            if not view.changed:
                text.append("  Nothing you can see.\n")
            else:
                text.append("  (the part of a change that nothing on this tab accounts for comes from moves or "
                            "events your team cannot see)\n", style="italic")
            for c in view.changed:
                sign = "▲" if c.after > c.before else "▼"
                text.append(f"  {sign} {labels.get(c.var, c.var)}: {explain.number(c.before)} → {explain.number(c.after)}")
                ladder = scenario.world.ladder
                if c.var == ladder.variable:  # a fraction of a rung reads as the rung it stands on
                    level = ladder.rung_at(c.after)
                    label = next((r.label for r in ladder.rungs if r.level == level), "")
                    text.append(f" (rung {level}: {label})" if label else f" (rung {level})")
                text.append("\n")
            text.append("\n")
            # released after the team's moves in turn ``last`` (once it sealed, or by a red line at adjudication):
            # news to it, counted in What changed above; those released before were read as they arrived
            released = [i for i in view.injects if i.turn == last and i.after_moves]
            if released:
                text.append(f"Released after your moves in turn {last}\n", style="bold")
            for inject in released:
                text.append(f"  {inject.inject.title}", style="bold")
                text.append(f" ({inject.inject.from_}, {inject.inject.method}) — {inject.inject.origin}\n"
                            f"  {prose(inject.inject.message)}\n")
                text.append(f"  {explain.effects(scenario, inject.effects, relative=True)}\n\n" if inject.effects else "\n")
        if view.ended:  # the last turn's injects were read as it opened
            show(self.query_one("#news-text", Static), text)
            return
        arrived = [i for i in view.injects if i.turn == view.turn]
        text.append("Injects that arrived this turn\n", style="bold")
        if not arrived:
            text.append("  None.\n")
        for inject in arrived:
            text.append(f"  {inject.inject.title}", style="bold")
            text.append(f" ({inject.inject.from_}, {inject.inject.method}) — {inject.inject.origin}\n"
                        f"  {prose(inject.inject.message)}\n")
            text.append(f"  {explain.effects(scenario, inject.effects, relative=True)}\n\n" if inject.effects else "\n")
        show(self.query_one("#news-text", Static), text)

    def _situation(self, view: RoleView) -> None:
        names = {b.role: b.name for b in view.briefs}
        text = Text()
        known = [o for o in view.outcomes if o.turn < view.turn or o.role == self.role]
        if known:
            # latest learned first: a delayed move revealed late sits with the turn it was learned in
            learned = sorted(known, key=lambda o: (max(o.turn, o.reveal_turn) if o.role != self.role else o.turn, o.turn),
                             reverse=True)
            text.append("Outcomes you know of (latest learned first)\n", style="bold")
            for outcome in learned[:SITUATION_OUTCOMES]:
                if outcome.unattributed:
                    text.append(f"  T{outcome.turn} {outcome.label}")
                else:
                    band = self.band_label(outcome.role, outcome.action, outcome.band)
                    text.append(f"  T{outcome.turn} {names.get(outcome.role, outcome.role)}: {outcome.label} → {band}")
                late = outcome.role != self.role and outcome.reveal_turn > outcome.turn
                text.append(f" (learned in T{outcome.reveal_turn})\n" if late else "\n")
            if len(learned) > SITUATION_OUTCOMES:
                text.append(f"  … and {len(learned) - SITUATION_OUTCOMES} earlier ones.\n",
                            style="italic")
            text.append("\n")
        text.append("Injects you have received (latest first)\n", style="bold")
        for inject in reversed(view.injects):
            text.append(f"T{inject.turn} · {inject.inject.title}", style="bold")
            text.append(f" ({inject.inject.from_}, {inject.inject.method}) — {inject.inject.origin}\n"
                        f"{prose(inject.inject.message)}\n\n")
        text.append("The world as you see it\n", style="bold")
        for v in view.variables:
            text.append(f"  {v.label}: {explain.number(v.value)} ({explain.number(v.min)}–{explain.number(v.max)})\n")
        show(self.query_one("#situation-text", Static), text)

    def _briefs(self, view: RoleView) -> Text:
        own = next(b for b in view.briefs if b.role == self.role)
        text = Text()
        text.append(f"{own.name}: your private brief\n\n", style="bold")
        text.append(f"{prose(own.private_brief or '')}\n\n")
        text.append("Your public brief\n\n", style="bold")
        text.append(f"{prose(own.public_brief)}\n\n")
        text.append("The other roles (what everyone knows)\n", style="bold")
        for brief in view.briefs:
            if brief.role != self.role:
                text.append(f"\n{brief.name}\n", style="bold")
                text.append(f"{prose(brief.public_brief)}\n")
        return text

    def _objectives(self, view: RoleView) -> None:
        text = Text()
        text.append("Each objective is scored after every adjudication; higher is better for you. A change is "
                    "counted from one adjudication to the next, so it also holds what arrived between them "
                    "(injects, the umpire's rulings), not only the last turn's moves.\n\n", style="italic")
        for objective in view.objectives:
            series = list(objective.trend)
            text.append(f"{objective.label}", style="bold")
            if objective.scale is not None:
                low, high = objective.scale
                text.append(f"  (scale {explain.number(low)}–{explain.number(high)}, {objective.good})")
            if objective.score is None:
                text.append("\n  score: after the first adjudication\n")
            else:
                text.append(f"\n  score: {explain.number(objective.score)}")
                if len(series) >= 2:
                    delta = series[-1] - series[-2]
                    text.append(f"  {trend(series[-1], series[-2])} {'+' if delta >= 0 else '−'}{explain.number(abs(delta))} since the adjudication before")
                    low, high = objective.scale if objective.scale is not None else (min(series), max(series))
                    text.append(f"  {sparkline(series, low, high)}")
                text.append("\n")
            if objective.description:
                text.append(f"  {prose(objective.description)}\n")
        if view.red_lines:
            text.append("\nYour red lines\n", style="bold")
            for line in view.red_lines:
                text.append(f"  {line}\n")
        show(self.query_one("#objectives-text", Static), text)

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
        if action in ("choose_move", "seal") and self.view.ended:  # read only once the exercise has ended
            return False
        if action in ("choose_move", "scroll_detail"):  # only on the Moves tab (elsewhere Enter and the page keys
            return self.query_one(TabbedContent).active == "moves"  # scroll or do nothing)
        return True

    def action_tab(self, tab: str) -> None:
        show_tab(self.query_one(TabbedContent), tab)

    def action_scroll_detail(self, pages: int) -> None:
        box = self.query_one("#move-detail-box", VerticalScroll)
        box.scroll_to(y=box.scroll_y + pages * max(1, box.size.height - 1), animate=False)

    def action_choose_move(self) -> None:
        action = self.selected_action()
        if action is None or self.view.ended:
            return
        actor = Team(role=self.role)
        option = next(o for o in self.view.options if o.id == action)
        if action in self.view.chosen:
            self.wargame.send(f"drop “{option.label}”", cmd.WithdrawMove(role=self.role, action=action), actor)
        elif not option.available:  # the engine would refuse it for the same reason (see views.MoveOption)
            # brief: the detail under the list opens with the same reason, and a toast would sit over it
            self.notify(self.status_of(option), title=f"Not available: {option.label}", severity="warning",
                        timeout=4, markup=False)
        else:
            self.wargame.send(f"choose “{option.label}”", cmd.SubmitMove(role=self.role, action=action), actor)

    def action_seal(self) -> None:
        from wargame.ui.screens.dialogs import ConfirmScreen

        view = self.view
        labels = {o.id: o.label for o in view.options}
        chosen = [labels.get(a, a) for a in view.chosen]
        question = f"Seal these moves: {listing(chosen)}?" if chosen else "Seal no move this turn (hold)?"

        def go(confirmed: bool | None) -> None:
            if confirmed:
                from wargame.ui.screens.hotseat import HandBackScreen

                self.wargame.send(f"seal {view.role_name}", cmd.SealMoves(role=self.role), Team(role=self.role))
                what = f"{plural(len(chosen), 'move')} sealed and saved" if chosen else "no move this turn, sealed and saved"
                self.app.switch_screen(HandBackScreen(view.role_name, what))

        self.app.push_screen(ConfirmScreen(question + "\nSealed moves cannot be changed."), go)

    def action_leave(self) -> None:
        from wargame.ui.screens.hotseat import HandBackScreen

        view = self.view
        count = len(view.chosen)
        if view.ended:
            what = "the exercise has ended; read only"
        else:
            what = (f"not sealed yet; {plural(count, 'move')} chosen so far, kept" if count
                    else "not sealed yet, nothing chosen")
        self.app.switch_screen(HandBackScreen(view.role_name, what))
