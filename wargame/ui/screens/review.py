"""The review screen: a session replayed turn by turn, as control or as one role saw it.

Everything drawn here comes from a :class:`wargame.report.Report` — the same value
the Markdown, HTML and JSON reports are rendered from — and a role's report is
built by the engine's views at the end of each turn. So a role lens shows exactly
what that role knew then, and this screen keeps no game state of its own: the
selected turn and the lens are all it remembers.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Header,
    OptionList,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from wargame.engine.events import CONTROL
from wargame.explain import number
from wargame.report import Report
from wargame.report.model import CommsEntry, TurnEntry, override_change_heading
from wargame.text import prose, terminal_safe
from wargame.ui.review_app import ReviewApp
from wargame.ui.safe import plain, row, safe
from wargame.ui.widgets.charts import bar_chart, spark
from wargame.ui.widgets.footer import SteadyFooter


def lens_label(report: Report) -> str:
    return "Control (everything)" if report.overview.lens == CONTROL else f"{report.overview.lens_name} (what it knew)"


def turn_text(entry: TurnEntry, control: bool, comms: Sequence[CommsEntry] = ()) -> Text:
    """The selected turn in words: injects, moves, outcomes with explanations, overrides, rules, red lines, notes,
    and ``comms``: the messages, clock changes and improvised injects of the turn that this lens saw."""
    text = Text()
    text.append(f"Turn {entry.turn} · {entry.date} · ended at rung {entry.rung}: {entry.rung_label}\n", style="bold")
    if entry.decision_points:
        text.append("◆ " + "\n◆ ".join(p.text for p in entry.decision_points) + "\n", style="bold yellow")

    def section(title: str) -> None:
        text.append(f"\n{title}\n", style="bold underline")

    if entry.injects:
        section("Injects")
        for i in entry.injects:
            text.append(f"{i.id} {i.title}", style="bold")
            text.append(f"  ({i.kind}, {i.origin or 'origin not given'}, {i.by}; {i.sender} → {i.audience})\n", style="dim")
            text.append(f"  {prose(i.message)}\n")
            if i.effects != "no change":
                text.append(f"  Effects: {i.effects}\n", style="italic")
    section("Moves")
    if entry.moves:
        for m in entry.moves:
            text.append(f"{m.role_name}: ", style="bold")
            text.append(("; ".join(m.labels) or "no move") + "\n")
    else:
        text.append("none that this lens knows of\n", style="dim")
    if entry.outcomes:
        section("Outcomes")
        for o in entry.outcomes:
            text.append(f"{o.adjudicated_band.upper():<9}", style="bold")  # the band the explanation ends on
            text.append(o.explanation + "\n")
            if o.learned_late:
                text.append(f"         learned this turn: the move was made in turn {o.turn}\n", style="italic")
            if o.overridden:
                text.append(f"         overridden by the umpire to {o.band_name or o.band}: {o.rationale}\n"
                            f"         in force: {o.effects}\n", style="yellow")
    if entry.overrides:
        section("Umpire overrides")
        for v in entry.overrides:
            text.append(f"{v.role_name}: {v.label} {v.from_name or v.from_band} → {v.to_name or v.to_band}. ", style="bold")
            text.append(f"Rationale: {v.rationale.rstrip().rstrip('.')}. {override_change_heading(CONTROL if control else '')}: {v.changes}\n")
            if v.knock_ons:
                text.append(f"  {v.knock_ons}\n", style="italic")
    if entry.rules:
        section("Follow-on rules fired")
        for r in entry.rules:
            text.append(f"{r.label}: ", style="bold")
            text.append(f"{r.effects}\n")
            if r.message:
                text.append(f"  {prose(r.message)}\n", style="italic")
    if entry.red_lines:
        section("Red lines crossed")
        for line in entry.red_lines:
            text.append(f"{line.role_name}: {line.label}\n", style="bold red")
            if line.effects:
                text.append(f"  {line.effects}\n")
    if comms:
        section("Messages, clock and improvised injects")
        for c in comms:
            text.append(f"{c.kind}: ", style="bold")
            text.append(f"{c.source}" + (f" → {c.to}" if c.to else "") + f": {c.text}\n")
    if entry.notes:
        section("Facilitator notes")
        for n in entry.notes:
            text.append(f"T{n.turn} {n.author}: {n.text}\n")
    if not control:
        text.append("\nThis lens shows only what the role could know at the end of this turn; for the moves it saw, "
                    "the umpire's odds and rolls are given too, which the teams did not see in play.\n", style="dim italic")
    return text


def world_view(report: Report, index: int) -> Group:
    """The world at the end of the selected turn, with the curves over all turns (turn marked)."""
    entry = report.turns[index]
    parts: list[RenderableType] = []
    if report.escalation is not None:
        e = report.escalation
        parts.append(safe(bar_chart(e.values, e.min, e.max, entry.turn, label=f"{e.label} over the turns", height=6)))
    table = Table(title=f"World at the end of turn {entry.turn}", title_justify="left", expand=False, box=None,
                  pad_edge=False)
    table.add_column("Variable")
    table.add_column(f"T{entry.turn}", justify="right")
    table.add_column("Δ", justify="right")
    table.add_column("Over the turns")
    for s in report.variables:
        now, before = s.values[entry.turn], s.values[entry.turn - 1]
        delta = now - before
        table.add_row(*row(s.label, number(now), "" if delta == 0 else ("+" if delta > 0 else "") + number(delta),
                           spark(s.values, s.min, s.max, entry.turn)))
    parts.append(table)
    if report.scores:
        scores = Table(title=f"Objective scores at the end of turn {entry.turn}", title_justify="left", box=None,
                       pad_edge=False)
        scores.add_column("Role")
        scores.add_column("Objective")
        scores.add_column("Score", justify="right")
        for score in report.scores:
            value = score.values[index]
            scores.add_row(*row(score.role_name, score.label, "—" if value is None else number(value)))
        parts.append(Text(""))
        parts.append(scores)
    return Group(*parts)


def debrief_view(report: Report) -> Group | Text:
    if report.overview.lens != CONTROL:
        return Text("The debrief entries are control's: switch the lens to control (l) to see and add them.")
    parts: list[RenderableType] = [Text("Press e to add a strength, an area for improvement or a plan row.\n", style="dim")]
    played = Text("Who played which turns\n", style="bold underline")
    for role in report.overview.roles:
        played.append(f"• {role.name}: ", style="bold")
        played.append(f"{role.played_by or '—'}\n", style="")
    parts.append(safe(played))
    for title, entries in (("Strengths", report.strengths), ("Areas for improvement", report.improvements)):
        block = Text(f"{title}\n", style="bold underline")
        for e in entries:
            block.append(f"• {e.text}" + (f" (turn {e.about_turn})" if e.about_turn else "") + "\n", style="")
        if not entries:
            block.append("none yet\n", style="dim")
        parts.append(safe(block))
    plan = Table(title="Improvement plan", title_justify="left", box=None, pad_edge=False)
    for column in ("Capability", "Area for improvement", "Corrective action", "Owner", "Due"):
        plan.add_column(column)
    for e in report.plan:
        plan.add_row(*row(e.capability, e.issue, e.text, e.owner, e.due))
    parts.append(plan if report.plan else Text("Improvement plan\n", style="bold underline") + Text("none yet", style="dim"))
    return Group(*parts)


class ReviewScreen(Screen[None]):
    """Timeline on the left; the selected turn, the world then, or the debrief on the right."""

    BINDINGS = [
        Binding("right,right_square_bracket", "step(1)", "Next turn", priority=True),
        Binding("left,left_square_bracket", "step(-1)", "Prev turn", priority=True),
        Binding("l", "lens", "Lens"),  # before the rest: at 80 columns the footer shows only the first few keys
        Binding("n", "decision(1)", "Next decision"),
        Binding("p", "decision(-1)", "Prev decision"),
        Binding("g", "goto", "Go to turn"),
        # the pane on the right scrolls from anywhere: ↑/↓ stay with the timeline, the page keys with the text
        Binding("pagedown,space", "scroll_pane(1)", "Scroll down", show=False, priority=True),
        Binding("pageup", "scroll_pane(-1)", "Scroll up", show=False, priority=True),
        Binding("t", "pane('turn')", "Turn"),
        Binding("w", "pane('world')", "World"),
        Binding("d", "pane('debrief')", "Debrief"),
        Binding("e", "entry", "Add to debrief"),
        *(Binding(str(k), f"jump({k})", f"Turn {k}", show=False) for k in range(1, 10)),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.index = 0
        """The selected turn, as an index into the report's turns (turn ``index + 1``)."""

    @property
    def review(self) -> ReviewApp:
        app = self.app
        assert isinstance(app, ReviewApp)
        return app

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="review-status")
        with Horizontal(id="review-body"):
            yield OptionList(id="timeline")
            with TabbedContent(initial="turn", id="review-tabs"):
                with TabPane("Turn (t)", id="turn"):
                    with VerticalScroll():
                        yield Static(id="turn-detail")
                with TabPane("World (w)", id="world"):
                    with VerticalScroll():
                        yield Static(id="world-detail")
                with TabPane("Debrief (d)", id="debrief"):
                    with VerticalScroll():
                        yield Static(id="debrief-detail")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.repaint()
        self.query_one("#timeline", OptionList).focus()

    @property
    def turn(self) -> int:
        """The selected turn's number (0 when nothing has been played)."""
        turns = self.review.report().turns
        return turns[self.index].turn if turns else 0

    # ------------------------------------------------------------ drawing

    def repaint(self) -> None:
        report = self.review.report()
        timeline = self.query_one("#timeline", OptionList)
        timeline.clear_options()
        timeline.add_options([
            Option(plain(f"T{t.turn:<3} {t.date}  r{t.rung}" + (f" ◆{len(t.decision_points)}" if t.decision_points else "")),
                   id=f"turn-{t.turn}")
            for t in report.turns
        ])
        self.index = min(self.index, max(len(report.turns) - 1, 0))
        if report.turns:
            timeline.highlighted = self.index
        self.paint_turn()

    def paint_turn(self) -> None:
        report = self.review.report()
        o = report.overview
        debrief = self.query_one("#debrief-detail", Static)
        debrief.update(debrief_view(report))
        if not report.turns:
            self.query_one("#review-status", Static).update(plain(f"Lens: {lens_label(report)}  ·  no turn has been played yet"))
            self.query_one("#turn-detail", Static).update("Nothing to review yet: the exercise has not started.")
            self.query_one("#world-detail", Static).update("")
            return
        entry = report.turns[self.index]
        points = len(entry.decision_points)
        status = [f"Lens: {lens_label(report)}", f"Turn {entry.turn} of {o.turns_played}", entry.date,
                  f"ended at rung {entry.rung}: {entry.rung_label}"]
        if points:
            status.append(f"◆ {points} decision point{'s' if points != 1 else ''}")
        ended = entry.turn == o.turns_played and o.ended
        if ended:
            status.append("the exercise ended (below)")  # the sentence, whole, heads the turn's text
        self.query_one("#review-status", Static).update(plain("  ·  ".join(status)))
        detail = turn_text(entry, o.lens == CONTROL, [c for c in report.communications if c.turn == entry.turn])
        if ended:
            detail = Text.assemble((f"The exercise ended: {o.ended}\n", "bold"), detail)
        self.query_one("#turn-detail", Static).update(safe(detail))
        self.query_one("#world-detail", Static).update(world_view(report, self.index))
        for scroller in self.query("#turn VerticalScroll, #world VerticalScroll").results(VerticalScroll):
            scroller.scroll_home(animate=False)  # another turn or lens is read from its top

    def select(self, index: int) -> None:
        turns = self.review.report().turns
        if not turns:
            return
        self.index = max(0, min(index, len(turns) - 1))
        self.query_one("#timeline", OptionList).highlighted = self.index
        self.paint_turn()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.index:
            self.index = event.option_index
            self.paint_turn()

    # ------------------------------------------------------------ actions

    def action_step(self, delta: int) -> None:
        self.select(self.index + delta)

    def action_jump(self, turn: int) -> None:
        turns = self.review.report().turns
        match = next((i for i, t in enumerate(turns) if t.turn == turn), None)
        if match is None:
            self.notify(terminal_safe(f"Turn {turn} was not played."), severity="warning", markup=False)
            return
        self.select(match)

    def action_decision(self, direction: int) -> None:
        turns = self.review.report().turns
        order = range(self.index + 1, len(turns)) if direction > 0 else range(self.index - 1, -1, -1)
        found = next((i for i in order if turns[i].decision_points), None)
        if found is None:
            self.notify("No further decision point that way.", severity="information")
            return
        self.select(found)
        self.query_one(TabbedContent).active = "turn"

    def action_goto(self) -> None:
        from wargame.ui.screens.review_dialogs import GotoScreen

        def go(turn: int | None) -> None:
            if turn is not None:
                self.action_jump(turn)

        self.app.push_screen(GotoScreen(len(self.review.report().turns)), go)

    def action_lens(self) -> None:
        lenses = self.review.lenses
        self.review.lens = lenses[(lenses.index(self.review.lens) + 1) % len(lenses)]
        self.repaint()
        self.notify(terminal_safe(f"Lens: {lens_label(self.review.report())}"), timeout=2, markup=False)

    def action_scroll_pane(self, direction: int) -> None:
        """A page down (``direction`` 1) or up (-1) in the visible pane, wherever the focus is."""
        pane = self.query_one(TabbedContent).active
        scroller = self.query_one(f"#{pane} VerticalScroll", VerticalScroll)
        if direction > 0:
            scroller.scroll_page_down()
        else:
            scroller.scroll_page_up()

    def action_pane(self, pane: str) -> None:
        self.query_one(TabbedContent).active = pane

    def action_entry(self) -> None:
        from wargame.ui.screens.review_dialogs import DebriefEntryScreen

        self.query_one(TabbedContent).active = "debrief"
        self.app.push_screen(DebriefEntryScreen(self.turn or None))


HELP = """\
# Reviewing a session

The timeline on the left lists the turns played; ◆ marks turns with decision points
(follow-on rules fired, branch injects, injects released by control, overrides, red lines crossed).
On the right: **Turn** — injects, moves, outcomes with their explanation, overrides with rationale,
notes; **World** — the variables at the end of the selected turn, and their curves with the turn marked;
**Debrief** — strengths, areas for improvement and the improvement plan.

The **lens** (l) shows the session as control saw it, or as one role saw it: only what the engine's
view gave that role at the end of each turn (its own moves, the outcomes it could see, the variables
visible to it). `wargame report SAVE --role ROLE` writes the same debrief as a file.

| key | does |
| --- | --- |
| → or ] / ← or [ (↓ / ↑ in the timeline) | next / previous turn |
| PageDown or space / PageUp | scroll the pane on the right, wherever the focus is |
| 1–9, g | jump to a turn |
| n / p | next / previous decision point |
| l | cycle the lens: control, then each role |
| t / w / d | Turn, World, Debrief pane |
| e | add a strength, an area for improvement or an improvement-plan row (saved at once) |
| F1, ? | this help |
| ctrl+q | quit |

Press Escape to close.
"""
