"""The briefing packs as self-contained, printable HTML (the PDF is rendered from the same page).

Nothing is fetched: no script, no web font, no image, no stylesheet link; the CSS
is inline and has print rules (A4 pages, running header naming the pack's reader,
page numbers, no table split across a page where avoidable). Every text from the
scenario is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from wargame.materials.packs import ControlPack, JoinSheet, Line, Move, Poster, RolePack, Variable

CSS = """
:root { color-scheme: light; --ink: #1d232b; --muted: #56606b; --line: #c3ccd5; --accent: #1f5f99; --secret: #8a1c1c; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", system-ui, Helvetica, Arial, sans-serif; color: var(--ink); line-height: 1.4;
       font-size: 10.5pt; max-width: 52rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 19pt; margin: 0 0 .2rem; color: var(--accent); }
h2 { font-size: 13.5pt; margin: 1.3rem 0 .4rem; border-bottom: 2px solid var(--accent); padding-bottom: .1rem; }
h3 { font-size: 11pt; margin: .8rem 0 .2rem; }
p { margin: .25rem 0 .45rem; }
.marking { font-weight: bold; color: var(--secret); letter-spacing: .06em; text-transform: uppercase; font-size: 9pt; }
.sub { color: var(--muted); margin: 0 0 .8rem; }
.secret { border: 2px solid var(--secret); padding: .4rem .7rem; background: #fdf6f6; }
.note { color: var(--muted); font-size: 9pt; }
.withheld { color: var(--muted); font-style: italic; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .8rem; font-size: 9pt; }
th, td { border: 1px solid var(--line); padding: .2rem .35rem; text-align: left; vertical-align: top; }
th { background: #e9eef3; }
td.num { text-align: right; white-space: nowrap; }
.move { border: 1px solid var(--line); border-left: 4px solid var(--accent); padding: .3rem .6rem; margin: .5rem 0;
        break-inside: avoid; }
.move h3 { margin: 0 0 .15rem; }
.move ul, .card ul { margin: .15rem 0 .3rem 1.1rem; padding: 0; }
.cost { float: right; font-weight: bold; color: var(--accent); }
.card { border: 1px solid var(--line); padding: .3rem .6rem; margin: .4rem 0; break-inside: avoid; }
.ladder td:first-child { white-space: nowrap; font-weight: bold; }
.join { border: 3px dashed var(--accent); padding: 1.2rem; text-align: center; margin-top: 2rem; }
.join .code { font-family: "DejaVu Sans Mono", monospace; font-size: 30pt; letter-spacing: .15em; margin: .6rem 0; }
.pagebreak { break-before: page; }
@media print {
  body { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; }
  tr, .card, .move { break-inside: avoid; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _page_css(header: str, size: str = "A4") -> str:
    """Running header (who may read it) and page numbers, for print and the PDF."""
    quoted = header.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return (f'@page {{ size: {size}; margin: 16mm 14mm 16mm 14mm; '
            f'@top-center {{ content: "{quoted}"; font-family: "DejaVu Sans", sans-serif; font-size: 8pt; color: #8a1c1c; font-weight: bold; }} '
            f'@bottom-right {{ content: "page " counter(page) " of " counter(pages); font-family: "DejaVu Sans", sans-serif; font-size: 8pt; color: #56606b; }} }}')


def _p(text: str) -> str:
    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())


def _doc(title: str, header: str, body: str, size: str = "A4", extra_css: str = "") -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{escape(title)}</title>"
            f"<style>{CSS}{_page_css(header, size)}{extra_css}</style></head><body>{body}</body></html>\n")


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], cls: str = "") -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(c) if c else '—'}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _variables(variables: Sequence[Variable]) -> str:
    return _table(("What", "At the opening", "Range", "Meaning"), ((v.label, v.start, v.range, v.description) for v in variables))


def _ladder(rungs: Sequence[Line]) -> str:
    if not rungs:
        return ""
    return "<h2>The escalation ladder</h2>" + _table(("Rung", "What it means"), ((r.label, r.text) for r in rungs), "ladder")


def _cards(lines: Sequence[Line]) -> str:
    out = []
    for line in lines:
        note = f'<p class="note">{escape(line.note)}</p>' if line.note else ""
        out.append(f'<div class="card"><h3>{escape(line.label)}</h3>{_p(line.text)}{note}</div>')
    return "".join(out)


def _move(move: Move) -> str:
    parts = [f'<div class="move"><span class="cost">cost {move.cost}</span><h3>{escape(move.label)}</h3>']
    if move.description:
        parts.append(_p(move.description))
    needs = [f"<li>{escape(n)}</li>" for n in move.needs]
    if move.needs_withheld:
        needs.append(f'<li class="withheld">{move.needs_withheld} condition(s) on things you cannot see</li>')
    parts.append(f"<p><b>Needs:</b></p><ul>{''.join(needs)}</ul>" if needs else "<p><b>Needs:</b> nothing beyond its cost.</p>")
    factors = [f"<li>{escape(f)}</li>" for f in move.odds_factors]
    if move.odds_withheld:
        factors.append('<li class="withheld">other factors you cannot see may change these odds</li>')
    parts.append(f"<p><b>Chance of success at the opening:</b> {escape(move.odds)}</p>")
    if factors:
        parts.append(f"<ul>{''.join(factors)}</ul>")
    parts.append("<p><b>Outcomes:</b></p><ul>")
    for outcome in move.outcomes:
        parts.append(f"<li><b>{escape(outcome.label)}</b>: {escape(outcome.text)} "
                     f'<span class="note">({escape(outcome.note)})</span></li>')
    parts.append(f'</ul><p class="note">Who learns of it: {escape(move.visibility)}.</p></div>')
    return "".join(parts)


def _join(join: JoinSheet, reader: str) -> str:
    return (f'<section class="pagebreak"><h2>Join code: {escape(reader)}</h2><div class="join">'
            f"<p>Your seat in the hosted exercise. Keep this code within your team.</p>"
            f'<div class="code">{escape(join.code)}</div><p>{escape(join.how)}</p></div></section>')


def render_role_pack(pack: RolePack) -> str:
    """One role's briefing pack as a self-contained HTML page."""
    marking = f"{pack.name}: for this team and control only"
    body = [
        f'<p class="marking">{escape(marking)}</p>',
        f"<h1>Briefing pack: {escape(pack.name)}</h1>",
        f'<p class="sub">{escape(pack.scenario)} · {escape(pack.period)} · {escape(pack.turns)}</p>',
        _p(pack.summary),
        f'<h2>Your private brief</h2><div class="secret">{_p(pack.private_brief)}</div>',
        f"<h2>Your public brief</h2><p class=\"note\">What every other team knows about you.</p>{_p(pack.public_brief)}",
        "<h2>Your objectives and what success means</h2>", _cards(pack.objectives),
        f"<h2>Your resources</h2><p><b>{escape(pack.resources.label)}:</b> {escape(pack.resources.text)}. "
        f"{escape(pack.resources.note)}</p>",
        "<h2>Your moves</h2><p class=\"note\">Each turn choose any moves whose cost fits your resources; they stay "
        "sealed until control adjudicates. Odds are those at the opening; they change with the situation.</p>",
        "".join(_move(m) for m in pack.moves),
    ]
    if pack.red_lines:
        body += ["<h2>Your red lines</h2>", _cards(pack.red_lines)]
    body += ["<h2>The world as you see it</h2>", _variables(pack.variables), _ladder(pack.ladder)]
    if pack.opening:
        body += ["<h2>The situation at the opening</h2>", _cards(pack.opening)]
    body += ["<h2>The other teams (their public briefs)</h2>", _cards(pack.others)]
    if pack.join is not None:
        body.append(_join(pack.join, pack.name))
    return _doc(f"Briefing pack: {pack.name}", marking, "".join(body))


def render_control_pack(pack: ControlPack) -> str:
    """Control's book as a self-contained HTML page."""
    marking = "Control (white cell) only: holds every team's secrets"
    body = [
        f'<p class="marking">{escape(marking)}</p>',
        f"<h1>Control pack: {escape(pack.scenario)}</h1>",
        f'<p class="sub">{escape(pack.period)} · {escape(pack.turns)}</p>', _p(pack.summary),
        "<h2>Timeline</h2>", _table(("Turn", "Dates", "Historical injects arriving"),
                                    ((t.label, t.text, t.note) for t in pack.timeline)),
        _ladder(pack.ladder), "<h2>State variables</h2>", _variables(pack.variables),
    ]
    if pack.end_conditions:
        body += ["<h2>How the exercise may end early</h2>",
                 _table(("When", "Message"), ((e.text, e.label) for e in pack.end_conditions))]
    body.append('<h2 class="pagebreak">Master scenario events list (MSEL)</h2>')
    for title, rows in pack.phases:
        body.append(f"<h3>{escape(title)}</h3>")
        for timing, inject, route in rows:
            extra = []
            if inject.expected_actions:
                extra.append("<p><b>Expected player actions:</b></p><ul>"
                             + "".join(f"<li>{escape(a)}</li>" for a in inject.expected_actions) + "</ul>")
            if route.note:
                extra.append(f"<p class=\"note\">Objectives exercised: {escape(route.note)}</p>")
            if route.text:
                extra.append(f"<p class=\"note\">Effects: {escape(route.text)}</p>")
            extra.append(f"<p class=\"note\">Provenance: {escape(inject.provenance)}</p>")
            body.append(f'<div class="card"><h3>{escape(inject.id)} · {escape(inject.title)}</h3>'
                        f'<p class="note">{escape(timing.when)} · to {escape(route.label)} · from {escape(inject.from_)} '
                        f'by {escape(inject.method)}</p>{_p(inject.message)}{"".join(extra)}</div>')
    body.append('<h2 class="pagebreak">Contingencies: use to steer play</h2>')
    body.append(_table(("No.", "Inject", "Use to…"), ((i.id, i.title, guidance or "—") for i, guidance in pack.contingencies)))
    body.append('<h2 class="pagebreak">Every team\'s briefs</h2>')
    for name, public, private in pack.briefs:
        body.append(f'<div class="card"><h3>{escape(name)}</h3><p><b>Public:</b></p>{_p(public)}'
                    f'<p><b>Private:</b></p><div class="secret">{_p(private)}</div></div>')
    for reader, join in pack.join.items():
        body.append(_join(join, reader))
    return _doc(f"Control pack: {pack.scenario}", marking, "".join(body))


POSTER_CSS = """
@page { margin: 12mm; }
body { max-width: none; font-size: 12pt; }
h1 { font-size: 26pt; text-align: center; }
.sub { text-align: center; font-size: 12pt; }
table.poster { border: none; table-layout: fixed; margin: 0; }
table.poster > tbody > tr > td { border: none; padding: 0 4mm; vertical-align: top; }
.rung { border: 1px solid #8d99a6; padding: 1.5mm 3mm; margin: 0 0 1.5mm; }
.rung b { display: block; font-size: 13pt; }
.rung span { font-size: 9.5pt; color: #2c343d; }
.turn { border: 1px solid #8d99a6; height: 17mm; margin: 0 0 1.5mm; padding: 1mm 3mm; }
.turn b { font-size: 13pt; }
.turn span { font-size: 10pt; color: #3c4550; margin-left: 3mm; }
.background { font-size: 9.5pt; margin-top: 2mm; }
"""


def _rung_colour(index: int, count: int) -> str:
    """From pale green at the bottom of the ladder to deep red at the top."""
    share = index / max(count - 1, 1)
    red, green, blue = int(220 + 30 * share), int(240 - 150 * share), int(215 - 130 * share)
    return f"rgb({red},{green},{blue})"


def render_poster(poster: Poster) -> str:
    """The one-page room poster: ladder beside the timeline, with space to write what happened each turn."""
    count = len(poster.ladder)
    rungs = "".join(f'<div class="rung" style="background:{_rung_colour(count - 1 - i, count)}">'
                    f"<b>{escape(r.label)}</b><span>{escape(r.text)}</span></div>" for i, r in enumerate(poster.ladder))
    turns = "".join(f'<div class="turn"><b>{escape(t.label)}</b><span>{escape(t.text)}</span></div>' for t in poster.timeline)
    background = ""
    if poster.background:
        background = ('<div class="background"><b>Known to everyone at the opening:</b> '
                      + "; ".join(f"{escape(b.text)}: {escape(b.label)}" for b in poster.background) + "</div>")
    body = (f"<h1>{escape(poster.scenario)}</h1><p class=\"sub\">{escape(poster.period)}</p>"
            f'<table class="poster"><tbody><tr><td style="width:50%"><h2>Escalation ladder</h2>{rungs or "<p>—</p>"}</td>'
            f'<td><h2>Timeline: what happened each turn</h2>{turns}{background}</td></tr></tbody></table>')
    return _doc(f"Room poster: {poster.scenario}", "Room display", body, size="A3 landscape", extra_css=POSTER_CSS)
