"""The balance report as one self-contained HTML page: tables and inline SVG charts.

Nothing is loaded from anywhere (no script, font or stylesheet), every text from the
scenario is escaped, and coordinates are rounded so the page is byte-stable.
"""

from __future__ import annotations

from html import escape
from typing import Any

STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{padding:.2rem .5rem;border-bottom:1px solid #ddd;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}.flag{color:#a00;font-weight:bold}
svg{display:block;margin:.5rem 0}svg text{font-size:11px;fill:#333}.zero{stroke:#888;stroke-dasharray:3 3}
.bar{fill:#4a78b5}.bar2{fill:#b5c7e0}.ci{stroke:#222}.dot{fill:#222}.alt{fill:#999}.hot{fill:#c0392b}
"""


def _n(value: float) -> str:
    return f"{value:g}"


def gain_chart(rows: list[tuple[str, dict[str, float], bool, bool]], title: str) -> str:
    """A forest plot: one row per strategy, its mean gain as a dot and its 95% interval as a line.

    ``rows`` are (label, interval, is_alternative, is_flagged); alternatives (passing, personas) are grey,
    flagged ones red.
    """
    label_w, width, row_h, pad = 260, 720, 18, 20
    values = [v for _, i, _, _ in rows for v in (i["low"], i["high"])] + [0.0]
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    plot = width - label_w - pad

    def x(v: float) -> float:
        return round(label_w + (v - low) / span * plot, 1)

    height = pad * 2 + row_h * len(rows)
    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{escape(title)}">'
           f"<title>{escape(title)}</title>",
           f'<line x1="{_n(x(0))}" x2="{_n(x(0))}" y1="{pad - 6}" y2="{height - pad + 6}" class="zero"/>',
           f'<text x="{_n(x(low))}" y="{height - 4}">{low:+.1f}</text>',
           f'<text x="{_n(x(high))}" y="{height - 4}" text-anchor="end">{high:+.1f}</text>']
    for k, (label, interval, alternative, flagged) in enumerate(rows):
        y = pad + row_h * k + row_h / 2
        cls = "hot" if flagged else "alt" if alternative else "dot"
        out.append(f'<text x="{label_w - 6}" y="{_n(y + 4)}" text-anchor="end">{escape(label)}</text>')
        out.append(f'<line x1="{_n(x(interval["low"]))}" x2="{_n(x(interval["high"]))}" y1="{_n(y)}" y2="{_n(y)}" class="ci"/>')
        out.append(f'<circle cx="{_n(x(interval["mean"]))}" cy="{_n(y)}" r="4" class="{cls}"/>')
    out.append("</svg>")
    return "".join(out)


def share_chart(rows: list[tuple[str, float, float]], title: str) -> str:
    """Two bars per row: the share of random games (dark) and the highest share in any strategy (light)."""
    label_w, width, row_h, pad = 160, 720, 16, 14
    plot = width - label_w - pad - 40
    height = pad * 2 + row_h * len(rows)
    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{escape(title)}">'
           f"<title>{escape(title)}</title>"]
    for k, (label, base, best) in enumerate(rows):
        y = pad + row_h * k
        out.append(f'<text x="{label_w - 6}" y="{y + 11}" text-anchor="end">{escape(label)}</text>')
        out.append(f'<rect x="{label_w}" y="{y + 1}" width="{_n(round(best * plot, 1))}" height="{row_h - 3}" class="bar2"/>')
        out.append(f'<rect x="{label_w}" y="{y + 4}" width="{_n(round(base * plot, 1))}" height="{row_h - 9}" class="bar"/>')
        text = f"{base:.0%} / {best:.0%}" if best else "never"
        out.append(f'<text x="{_n(label_w + round(best * plot, 1) + 4)}" y="{y + 11}">{text}</text>')
    out.append("</svg>")
    return "".join(out)


def _interval(i: dict[str, float] | None) -> str:
    if i is None:
        return "–"
    return f"{i['mean']:+.1f} [{i['low']:+.1f}, {i['high']:+.1f}]"


def render(data: dict[str, Any]) -> str:
    """The whole page."""
    title = f"Balance of {data['scenario']}"
    out = [
        "<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p>{data['games']} games with every role random (the baseline) and {data['games_per_strategy']} games for each of "
        f"the other {len(data['strategies']) - 1} strategies; seed {data['seed']}; control releases contingency injects: "
        f"{escape(str(data['control']))}. Score: {escape(data['score'])}. Intervals are 95%.</p>",
        "<h2>Findings</h2><ul>", *[f"<li>{escape(line)}</li>" for line in data["findings"]], "</ul>",
    ]
    for role_id, role in data["roles"].items():
        out.append(f"<h2>{escape(role['name'])} <small>({escape(role_id)})</small></h2>")
        out.append(f"<p>Random play scores {role['baseline']['mean']:.1f} [{role['baseline']['low']:.1f}, "
                   f"{role['baseline']['high']:.1f}]. The chart shows what each strategy gains over random play "
                   "in the same-seed games: each action played every turn it is legal, passing, each persona.</p>")
        rows = [(f"always {aid}", a["always_gain"], False, bool(a["flags"])) for aid, a in role["actions"].items()]
        rows.append(("pass every turn", role["pass"]["gain"], True, False))
        rows += [(f"persona {pid}", p["gain"], True, False) for pid, p in role["personas"].items()]
        out.append(gain_chart(rows, f"{role_id}: gain over random play"))
        out.append("<table><tr><th>action</th><th>legal</th><th>played</th><th>with</th><th>without</th>"
                   "<th>marginal</th><th>always</th><th>always gain</th><th>flags</th></tr>")
        for aid, a in role["actions"].items():
            with_ = "–" if a["mean_with"] is None else f"{a['mean_with']:.1f}"
            without = "–" if a["mean_without"] is None else f"{a['mean_without']:.1f}"
            out.append(
                f"<tr><td title=\"{escape(a['label'])}\">{escape(aid)}</td><td class=n>{a['legal']:.0%}</td>"
                f"<td class=n>{a['played']:.0%}</td><td class=n>{with_}</td><td class=n>{without}</td>"
                f"<td class=n>{_interval(a['marginal'])}</td><td class=n>{a['always']['mean']:.1f}</td>"
                f"<td class=n>{_interval(a['always_gain'])}</td><td class=flag>{escape(', '.join(a['flags']))}</td></tr>")
        out.append("</table>")
    for heading, key in (("Injects", "injects"), ("Rules", "rules"), ("Red lines", "red_lines"), ("Endings", "end_conditions")):
        table = data[key]
        if not table:
            continue
        out.append(f"<h2>{heading}</h2><p>Share of games: random play (dark) and the most in any strategy (light).</p>")
        out.append(share_chart([(name, e["baseline"], e["best"]) for name, e in table.items()], f"{heading}: share of games"))
    inert = data["inert_variables"]
    out.append("<h2>Inert variables</h2><ul>")
    out += [f"<li>{escape(v)}: scoreboard only (read by {escape(who)})</li>" for v, who in inert["scoreboard_only"].items()]
    out += [f"<li>{escape(v)}: never changed in any game</li>" for v in inert["never_changed"]]
    out.append("</ul></body></html>")
    return "\n".join(out) + "\n"
