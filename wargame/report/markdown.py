"""The report as Markdown: headings and tables, for a wiki, a ticket or a pandoc run.

Why tables everywhere: an AAR is read by scanning, and Markdown tables survive
copy and paste into most tools a training unit already uses.
"""

from __future__ import annotations

from collections.abc import Sequence

from wargame.explain import number, roll
from wargame.report.model import EVIDENCE_HEADER, EVIDENCE_NOTE, START_NOTE, Report, TurnEntry, override_change_heading
from wargame.text import md_block, md_inline


def cell(value: object) -> str:
    """One table cell: literal text (see :func:`wargame.text.md_inline`), so no message can break the table."""
    return md_inline("" if value is None else str(value)) or "—"


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines + [""]


def fmt(value: float | None) -> str:
    return "—" if value is None else number(value)


def _overview(report: Report) -> list[str]:
    o = report.overview
    lines = ["## 1. Overview", "", md_block(o.summary), ""]
    lines += table(("Item", "Value"), o.facts())
    header = ("Role", "Id", "Played by") if o.lens == "control" else ("Role", "Id")
    lines += table(header, [((r.name, r.id, r.played_by or "—") if o.lens == "control" else (r.name, r.id))
                            for r in o.roles])
    return lines


def _world(report: Report) -> list[str]:
    lines = ["## 2. Escalation and the world", "", START_NOTE, ""]
    if report.escalation is not None:
        rungs = dict(report.ladder)
        rows = []
        for t, value in enumerate(report.escalation.values):
            date = report.turns[t - 1].date if t else "scenario start"
            rung = max((lvl for lvl in rungs if value >= lvl), default=min(rungs))
            rows.append((t, date, number(value), f"{rung} {rungs[rung]}"))
        lines += ["### Escalation curve", "", "The value and the rung at the end of each turn, beside the date the turn "
                  "opened on.", ""]
        lines += table(("Turn", "Opened on", report.escalation.label, "Rung"), rows)
    if report.variables:
        lines += ["### Variables at the end of each turn", ""]
        header = ["Variable", *(f"T{t}" for t in range(len(report.variables[0].values)))]
        lines += table(header, [(s.label, *(number(v) for v in s.values)) for s in report.variables])
    return lines


def _turn(entry: TurnEntry, lens: str) -> list[str]:
    lines = [f"### Turn {entry.turn} — {md_inline(entry.date)} — ended at rung {entry.rung}: {md_inline(entry.rung_label)}",
             ""]
    if entry.decision_points:
        lines += ["Decision points: " + md_inline("; ".join(p.text for p in entry.decision_points)), ""]
    if entry.injects:
        lines += ["**Injects released**", ""]
        lines += table(("Id", "Title", "Kind", "Origin", "How", "From → to", "Message", "Effects"),
                       [(i.id, i.title, i.kind, i.origin, i.by, f"{i.sender} → {i.audience}", i.message, i.effects)
                        for i in entry.injects])
    if entry.moves:
        lines += ["**Moves**", ""] + table(("Role", "Moves"), [(m.role_name, "; ".join(m.labels) or "no move")
                                                                for m in entry.moves])
    if entry.outcomes:
        lines += ["**Outcomes**", ""]
        lines += table(("Role", "Move", "Odds", "Roll", "Band", "Effects", "Note"),
                       [(o.role_name, o.label, o.odds, roll(o.roll, o.chance) if o.roll is not None else "withheld", o.band_name or o.band, o.effects,
                         "; ".join(n for n in (f"learned late (move of turn {o.turn})" if o.learned_late else "",
                                               f"overridden from {o.adjudicated_band_name or o.adjudicated_band}: {o.rationale}" if o.overridden else "")
                                   if n))
                        for o in entry.outcomes])
    if entry.overrides:
        lines += ["**Umpire overrides**", ""]
        lines += table(("Role", "Move", "From", "To", "Rationale", override_change_heading(lens)),
                       [(o.role_name, o.label, o.from_name or o.from_band, o.to_name or o.to_band, o.rationale,
                         "; ".join(part for part in (o.changes, o.knock_ons) if part)) for o in entry.overrides])
    if entry.rules:
        lines += ["**Follow-on rules fired**", ""]
        lines += table(("Rule", "Why", "Effects"), [(r.label, r.message, r.effects) for r in entry.rules])
    if entry.red_lines:
        lines += ["**Red lines crossed**", ""] + table(("Role", "Red line", "Effects"), [(r.role_name, r.label, r.effects) for r in entry.red_lines])
    if entry.notes:
        lines += ["**Facilitator notes**", ""] + table(("Turn", "Author", "Note"), [(n.turn, n.author, n.text) for n in entry.notes])
    return lines


def _scores(report: Report) -> list[str]:
    lines = ["## 4. Objectives: scores at the end of each turn", ""]
    if not report.scores:
        return lines + ["No scores.", ""]
    header = ["Role", "Objective", *(f"T{t.turn}" for t in report.turns)]
    return lines + table(header, [(s.role_name, s.label, *(fmt(v) for v in s.values)) for s in report.scores])


def _analysis(report: Report) -> list[str]:
    lines = ["## 5. Analysis: exercise objectives and debrief questions", ""]
    if not report.analysis:
        return lines + ["The scenario states no exercise objectives.", ""]
    if any(o.evidence for o in report.analysis):
        lines += [EVIDENCE_NOTE, ""]
    for i, o in enumerate(report.analysis, 1):
        lines += [f"### 5.{i} {md_inline(o.label)}", ""]
        if o.description:
            lines += [md_block(o.description), ""]
        if o.source:
            lines += [f"Source: {md_inline(o.source)}", ""]
        if o.evidence:
            lines += table(EVIDENCE_HEADER,
                           [(e.label, number(e.start), number(e.end), number(e.low), number(e.high)) for e in o.evidence])
        lines += ["Debrief questions:", ""] + [f"{n}. {md_inline(q)}" for n, q in enumerate(o.questions, 1)] + [""]
        if o.notes:
            lines += ["Facilitator's notes:", "", md_block(o.notes), ""]
    return lines


def _history(report: Report) -> list[str]:
    h = report.history
    name = h.label[:1].upper() + h.label[1:]
    lines = [f"## 6. Comparison with {md_inline(h.label)}", ""]
    if h.summary:
        lines += [md_block(h.summary), ""]
    if h.divergence:
        lines += table(("Role", "Left the historical line in turn"),
                       [(d.role_name, d.left_line_turn if d.left_line_turn is not None else "kept to it") for d in h.divergence])
    if h.turns:
        lines += ["### Moves beside the historical line", ""]
        lines += table(("Turn", "Dates", "Role", "Moves played (class or bot)", "Historical moves", "On the line"),
                       [(t.turn, t.dates, t.role_name, "; ".join(t.class_labels) or "none",
                         "; ".join(t.historical_labels) or "none", "yes" if t.on_line else "NO") for t in h.turns])
    if h.end_state:
        lines += [f"### End state beside {md_inline(h.label)}", ""]
        if h.caveat:
            lines += [md_block(h.caveat), ""]
        lines += table(("Variable", "Class", name, "Difference"),
                       [(r.label, number(r.class_value), number(r.historical_value),
                         ("+" if r.difference > 0 else "") + number(r.difference)) for r in h.end_state])
    return lines


def _debrief(report: Report) -> list[str]:
    lines = ["## 7. Strengths", ""]
    lines += [f"- {md_inline(e.text)}" + (f" (turn {e.about_turn})" if e.about_turn else "") for e in report.strengths] or ["None recorded."]
    lines += ["", "## 8. Areas for improvement", ""]
    lines += [f"- {md_inline(e.text)}" + (f" (turn {e.about_turn})" if e.about_turn else "") for e in report.improvements] or ["None recorded."]
    lines += ["", "## 9. Improvement plan", ""]
    if report.plan:
        lines += table(("Capability", "Area for improvement", "Corrective action", "Owner", "Due"),
                       [(e.capability, e.issue, e.text, e.owner, e.due) for e in report.plan])
    else:
        lines += ["No rows recorded.", ""]
    return lines


def _communications(report: Report) -> list[str]:
    """The live classroom's record: messages, the clock, improvised injects; who played which turns when a
    role changed hands during play. Left out when the session had none of it."""
    lines: list[str] = []
    if report.communications:
        lines += ["## Communications: messages, the clock, improvised injects", ""]
        lines += table(("Turn", "Kind", "From", "To", "Text"),
                       [(e.turn, e.kind, e.source, e.to, e.text) for e in report.communications])
        lines += [""]
    return lines


def _briefs(report: Report) -> list[str]:
    lines = ["## Appendix: briefs", ""]
    for role in report.overview.roles:
        lines += [f"### {md_inline(role.name)}", "", md_block(role.public_brief), ""]
        if role.private_brief:
            lines += ["Private brief:", "", md_block(role.private_brief), ""]
    return lines


def render_markdown(report: Report) -> str:
    """The whole report as one Markdown document (deterministic: the same report gives the same bytes)."""
    o = report.overview
    lines = [f"# After-action report: {md_inline(o.title)}", ""]
    if o.lens != "control":
        lines += [f"Debrief of **{md_inline(o.lens_name)}**: only what this role knew, at the time it knew it.", ""]
    lines += _overview(report) + _world(report) + ["## 3. Timeline", ""]
    for entry in report.turns:
        lines += _turn(entry, report.overview.lens)
    lines += _scores(report) + _analysis(report) + _history(report) + _debrief(report) + _communications(report) + _briefs(report)
    return "\n".join(lines).rstrip() + "\n"
