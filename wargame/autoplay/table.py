"""The autoplay report as readable text tables (what autoplay prints without ``--json``)."""

from __future__ import annotations

from typing import Any

from wargame.engine.scenario import Scenario


def text_table(header: list[str], rows: list[list[str]]) -> str:
    """Columns padded to their widest cell; numbers (and percentages) right-aligned."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        cells = [str(c).rjust(w) if _numeric(str(c)) else str(c).ljust(w) for c, w in zip(row, widths)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _numeric(cell: str) -> bool:
    return cell.rstrip("%").replace(".", "", 1).lstrip("-").isdigit()


def _g(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def render(scenario: Scenario, data: dict[str, Any]) -> str:
    labels = {v.id: v.label for v in scenario.world.variables}
    policies = ", ".join(f"{role}={policy}" for role, policy in data["policies"].items())
    parts = [f"{scenario.world.title}: {data['games']} games, seed {data['seed']} ({policies})", ""]
    parts.append("Final state")
    parts.append(text_table(
        ["variable", "mean", "p10", "median", "p90"],
        [[labels.get(var, var), _g(d["mean"]), _g(d["p10"]), _g(d["median"]), _g(d["p90"])] for var, d in data["variables"].items()],
    ))
    parts += ["", "Escalation: share of games reaching each rung"]
    parts.append(text_table(["rung", "label", "games"], [[str(r["level"]), r["label"], f"{r['share']:.1%}"] for r in data["escalation_reached"]]))
    parts += ["", "Objective scores at the end"]
    rows = []
    for role, per in data["objectives"].items():
        for objective, d in per.items():
            rows.append([f"{role}.{objective}", _g(d["mean"]), _g(d["p10"]), _g(d["median"]), _g(d["p90"])])
    parts.append(text_table(["objective", "mean", "p10", "median", "p90"], rows))
    parts += ["", "How the games ended"]
    parts.append(text_table(["ending", "games"], [[reason, f"{share:.1%}"] for reason, share in data["endings"].items()]))
    parts += ["", "Injects fired"]
    parts.append(text_table(["inject", "games"], [[inject, f"{share:.1%}"] for inject, share in data["injects_fired"].items()]))
    return "\n".join(parts)
