"""The report as one self-contained HTML file: inline CSS (with print rules) and inline SVG charts.

Why self-contained: trainers mail the report, open it on air-gapped machines and
print it. So nothing is fetched — no script, no web font, no stylesheet, no
image URL — and every text from the scenario or the log is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from wargame.explain import number, roll
from wargame.report.model import (EVIDENCE_HEADER, EVIDENCE_NOTE, START_NOTE, DebriefEntry, Report, TurnEntry,
                                  override_change_heading)
from wargame.report.svg import line_chart, small_chart
from wargame.text import html_text as escape

CSS = """
:root { color-scheme: light; --ink: #1d232b; --muted: #5a6470; --line: #c9d1da; --accent: #1f5f99; --warn: #a8361d; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink);
       max-width: 1100px; margin: 0 auto; padding: 1.5rem; line-height: 1.45; font-size: 15px; }
h1 { font-size: 1.6rem; border-bottom: 3px solid var(--accent); padding-bottom: .3rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin-top: 1.4rem; }
.lens { background: #fff4d6; border-left: 4px solid #d69e00; padding: .4rem .8rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .88rem; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.off { color: var(--warn); font-weight: 600; }
.points { color: var(--muted); font-style: italic; }
.chart, .spark { max-width: 100%; height: auto; }
.chart .frame, .spark .frame { fill: #fbfcfd; stroke: var(--line); }
.chart .grid { stroke: var(--line); stroke-dasharray: 3 3; }
.chart .band { font-size: 10px; fill: var(--muted); }
.chart .axis { font-size: 10px; fill: var(--muted); }
.line { fill: none; stroke: var(--accent); stroke-width: 2; }
.dot { fill: var(--accent); }
.grid-charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: .6rem; }
.grid-charts figure { margin: 0; }
.grid-charts figcaption { font-size: .8rem; color: var(--muted); }
details summary { cursor: pointer; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-before: auto; break-after: avoid; }
  h3 { break-after: avoid; }
  table, figure, svg, section.turn { break-inside: avoid; }
  th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  details { display: block; }
  details > summary { display: none; }
}
"""


def tbl(header: Sequence[str], rows: Sequence[Sequence[object]], numeric: Sequence[int] = ()) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = []
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            text = "—" if value is None or value == "" else str(value)
            cls = ' class="num"' if i in numeric else ""
            cells.append(f"<td{cls}>{escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _p(text: str) -> str:
    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())


def _overview(report: Report) -> str:
    o = report.overview
    control = o.lens == "control"
    roles = tbl(("Role", "Id", "Played by") if control else ("Role", "Id"),
                [((r.name, r.id, r.played_by) if control else (r.name, r.id)) for r in o.roles])
    return f"<section><h2>1. Overview</h2>{_p(o.summary)}{tbl(('Item', 'Value'), o.facts())}{roles}</section>"


def _world(report: Report) -> str:
    out = ["<section><h2>2. Escalation and the world</h2>"]
    if report.escalation is not None:
        e = report.escalation
        out.append(f"<h3>Escalation curve</h3><figure>{line_chart(e.values, e.min, e.max, e.label, bands=report.ladder)}"
                   f"<figcaption>{escape(e.label)} at the start (T0) and at the end of each turn; dashed lines are the "
                   f"rungs of the ladder. {escape(START_NOTE)}</figcaption></figure>")
    if report.variables:
        out.append("<h3>Variables over the turns</h3><div class=\"grid-charts\">")
        for s in report.variables:
            out.append(f"<figure>{small_chart(s.values, s.min, s.max, s.label)}<figcaption>{escape(s.label)}: "
                       f"{escape(number(s.values[0]))} → {escape(number(s.values[-1]))} "
                       f"(range {escape(number(s.min))}–{escape(number(s.max))})</figcaption></figure>")
        out.append("</div>")
        header = ["Variable", *(f"T{t}" for t in range(len(report.variables[0].values)))]
        rows = [(s.label, *(number(v) for v in s.values)) for s in report.variables]
        out.append(f"<details><summary>Values at the end of each turn</summary>"
                   f"{tbl(header, rows, numeric=range(1, len(header)))}</details>")
    out.append("</section>")
    return "".join(out)


def _turn(entry: TurnEntry, lens: str) -> str:
    out = [(f'<section class="turn" id="turn-{entry.turn}"><h3>Turn {entry.turn} — {escape(entry.date)} — '
            f"ended at rung {entry.rung}: {escape(entry.rung_label)}</h3>")]
    if entry.decision_points:
        out.append('<p class="points">Decision points: ' + escape("; ".join(p.text for p in entry.decision_points)) + "</p>")
    if entry.injects:
        out.append("<h4>Injects released</h4>" + tbl(
            ("Id", "Title", "Kind", "Origin", "How", "From → to", "Message", "Effects"),
            [(i.id, i.title, i.kind, i.origin, i.by, f"{i.sender} → {i.audience}", i.message, i.effects) for i in entry.injects]))
    if entry.moves:
        out.append("<h4>Moves</h4>" + tbl(("Role", "Moves"), [(m.role_name, "; ".join(m.labels) or "no move") for m in entry.moves]))
    if entry.outcomes:
        rows = []
        for o in entry.outcomes:
            note = "; ".join(n for n in (f"learned late (move of turn {o.turn})" if o.learned_late else "",
                                         f"overridden from {o.adjudicated_band_name or o.adjudicated_band}: {o.rationale}" if o.overridden else "") if n)
            rows.append((o.role_name, o.label, o.odds, roll(o.roll, o.chance) if o.roll is not None else "withheld", o.band_name or o.band, o.effects, note))
        out.append("<h4>Outcomes</h4>" + tbl(("Role", "Move", "Odds", "Roll", "Band", "Effects", "Note"), rows, numeric=(3,)))
    if entry.overrides:
        out.append("<h4>Umpire overrides</h4>" + tbl(
            ("Role", "Move", "From", "To", "Rationale", override_change_heading(lens)),
            [(o.role_name, o.label, o.from_name or o.from_band, o.to_name or o.to_band, o.rationale,
              "; ".join(part for part in (o.changes, o.knock_ons) if part)) for o in entry.overrides]))
    if entry.rules:
        out.append("<h4>Follow-on rules fired</h4>" + tbl(("Rule", "Why", "Effects"),
                                                          [(r.label, r.message, r.effects) for r in entry.rules]))
    if entry.red_lines:
        out.append("<h4>Red lines crossed</h4>" + tbl(("Role", "Red line", "Effects"), [(r.role_name, r.label, r.effects) for r in entry.red_lines]))
    if entry.notes:
        out.append("<h4>Facilitator notes</h4>" + tbl(("Turn", "Author", "Note"), [(n.turn, n.author, n.text) for n in entry.notes]))
    out.append("</section>")
    return "".join(out)


def _scores(report: Report) -> str:
    if not report.scores:
        return "<section><h2>4. Objectives</h2><p>No scores.</p></section>"
    header = ["Role", "Objective", *(f"T{t.turn}" for t in report.turns)]
    rows = [(s.role_name, s.label, *("—" if v is None else number(v) for v in s.values)) for s in report.scores]
    return ("<section><h2>4. Objectives: scores at the end of each turn</h2>"
            + tbl(header, rows, numeric=range(2, len(header))) + "</section>")


def _analysis(report: Report) -> str:
    out = ["<section><h2>5. Analysis: exercise objectives and debrief questions</h2>"]
    if not report.analysis:
        out.append("<p>The scenario states no exercise objectives.</p>")
    elif any(o.evidence for o in report.analysis):
        out.append(_p(EVIDENCE_NOTE))
    for i, o in enumerate(report.analysis, 1):
        out.append(f"<h3>5.{i} {escape(o.label)}</h3>{_p(o.description)}")
        if o.source:
            out.append(f'<p class="points">Source: {escape(o.source)}</p>')
        if o.evidence:
            out.append(tbl(EVIDENCE_HEADER,
                           [(e.label, number(e.start), number(e.end), number(e.low), number(e.high)) for e in o.evidence],
                           numeric=(1, 2, 3, 4)))
        out.append("<h4>Debrief questions</h4><ol>" + "".join(f"<li>{escape(q)}</li>" for q in o.questions) + "</ol>")
        if o.notes:
            out.append(f"<h4>Facilitator's notes</h4>{_p(o.notes)}")
    out.append("</section>")
    return "".join(out)


def _history(report: Report) -> str:
    h = report.history
    name = h.label[:1].upper() + h.label[1:]
    out = [f"<section><h2>6. Comparison with {escape(h.label)}</h2>", _p(h.summary)]
    if h.divergence:
        out.append(tbl(("Role", "Left the historical line in turn"),
                       [(d.role_name, d.left_line_turn if d.left_line_turn is not None else "kept to it") for d in h.divergence]))
    if h.turns:
        rows = []
        for t in h.turns:
            rows.append((t.turn, t.dates, t.role_name, "; ".join(t.class_labels) or "none",
                         "; ".join(t.historical_labels) or "none", "yes" if t.on_line else "NO"))
        out.append("<h3>Moves beside the historical line</h3>" + tbl(
            ("Turn", "Dates", "Role", "Moves played (class or bot)", "Historical moves", "On the line"), rows).replace(
            "<td>NO</td>", '<td class="off">NO</td>'))
    if h.end_state:
        out.append(f"<h3>End state beside {escape(h.label)}</h3>" + (_p(h.caveat) if h.caveat else "") + tbl(
            ("Variable", "Class", name, "Difference"),
            [(r.label, number(r.class_value), number(r.historical_value),
              ("+" if r.difference > 0 else "") + number(r.difference)) for r in h.end_state], numeric=(1, 2, 3)))
    out.append("</section>")
    return "".join(out)


def _items(entries: Sequence[DebriefEntry]) -> str:
    if not entries:
        return "<p>None recorded.</p>"
    lis = []
    for e in entries:
        about = f" (turn {e.about_turn})" if getattr(e, "about_turn", None) else ""
        lis.append(f"<li>{escape(e.text)}{escape(about)}</li>")
    return "<ul>" + "".join(lis) + "</ul>"


def _debrief(report: Report) -> str:
    plan = (tbl(("Capability", "Area for improvement", "Corrective action", "Owner", "Due"),
                [(e.capability, e.issue, e.text, e.owner, e.due) for e in report.plan])
            if report.plan else "<p>No rows recorded.</p>")
    return (f"<section><h2>7. Strengths</h2>{_items(report.strengths)}</section>"
            f"<section><h2>8. Areas for improvement</h2>{_items(report.improvements)}</section>"
            f"<section><h2>9. Improvement plan</h2>{plan}</section>")


def _communications(report: Report) -> str:
    """The live classroom's record (messages, clock changes, improvised injects), as in the Markdown report;
    left out when the session had none of it."""
    if not report.communications:
        return ""
    rows = [(e.turn, e.kind, e.source, e.to, e.text) for e in report.communications]
    return ("<section><h2>10. Communications: messages, the clock, improvised injects</h2>"
            f"{tbl(('Turn', 'Kind', 'From', 'To', 'Text'), rows, numeric=(0,))}</section>")


def _briefs(report: Report) -> str:
    out = ["<section><h2>Appendix: briefs</h2>"]
    for role in report.overview.roles:
        out.append(f"<h3>{escape(role.name)}</h3>{_p(role.public_brief)}")
        if role.private_brief:
            out.append(f"<h4>Private brief</h4>{_p(role.private_brief)}")
    out.append("</section>")
    return "".join(out)


def render_html(report: Report) -> str:
    """The whole report as one HTML document that needs nothing else to display or print."""
    o = report.overview
    lens = "" if o.lens == "control" else (
        f'<p class="lens">Debrief of <b>{escape(o.lens_name)}</b>: only what this role knew, at the time it knew it.</p>')
    body = (f"<h1>After-action report: {escape(o.title)}</h1>{lens}{_overview(report)}{_world(report)}"
            "<section><h2>3. Timeline</h2>" + "".join(_turn(t, report.overview.lens) for t in report.turns) + "</section>"
            f"{_scores(report)}{_analysis(report)}{_history(report)}{_debrief(report)}{_communications(report)}"
            f"{_briefs(report)}")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>After-action report: {escape(o.title)} ({escape(o.lens_name)})</title>"
            f"<style>{CSS}</style></head><body>\n{body}\n</body></html>\n")
