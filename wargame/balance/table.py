"""The balance report as terminal tables (what ``wargame balance`` prints without ``--json`` or ``--html``)."""

from __future__ import annotations

from typing import Any

from wargame.autoplay.table import text_table


def _signed(interval: dict[str, float] | None) -> str:
    if interval is None:
        return "-"
    return f"{interval['mean']:+.1f} [{interval['low']:+.1f},{interval['high']:+.1f}]"


def _share(value: float) -> str:
    return f"{value:.0%}"


def render(data: dict[str, Any]) -> str:
    """Per role: baseline, passing, personas, then one row per action; then injects, rules, red lines,
    endings, inert variables and the findings in words."""
    parts = [
        f"Balance of {data['scenario']}: {data['games']} baseline games and {data['games_per_strategy']} per other strategy "
        f"({len(data['strategies'])} strategies), seed {data['seed']}, control releases contingencies: {data['control']}",
        f"Score: {data['score']}. Intervals are 95%.",
    ]
    for role_id, role in data["roles"].items():
        parts += ["", f"{role['name']} ({role_id}): random play scores {role['baseline']['mean']:.1f} "
                      f"[{role['baseline']['low']:.1f}, {role['baseline']['high']:.1f}]; passing every turn "
                      f"{_signed(role['pass']['gain'])}"
                  + "".join(f"; persona {pid} {_signed(p['gain'])}" for pid, p in role["personas"].items())]
        rows = []
        for action_id, a in role["actions"].items():
            rows.append([
                action_id, _share(a["legal"]), _share(a["played"]),
                "-" if a["mean_with"] is None else f"{a['mean_with']:.1f}",
                "-" if a["mean_without"] is None else f"{a['mean_without']:.1f}",
                _signed(a["marginal"]), f"{a['always']['mean']:.1f}", _signed(a["always_gain"]), ", ".join(a["flags"]),
            ])
        parts.append(text_table(["action", "legal", "played", "with", "without", "marginal", "always", "always gain", "flags"], rows))

    def fired(title: str, table: dict[str, Any], extra: str = "") -> None:
        if not table:
            return
        parts.extend(["", title])
        rows = [[name, *([entry["kind"]] if extra else []), _share(entry["baseline"]), _share(entry["best"]),
                 entry["best_strategy"] or "never"] for name, entry in table.items()]
        parts.append(text_table(["id", *(["kind"] if extra else []), "random", "most", "in strategy"], rows))

    fired("Injects: share of games in which each arrived", data["injects"], extra="kind")
    fired("Rules fired", data["rules"])
    fired("Red lines crossed", data["red_lines"])
    fired("How games ended", data["end_conditions"])
    inert = data["inert_variables"]
    parts += ["", "Inert variables"]
    parts.append(text_table(["variable", "why"],
                        [[v, f"scoreboard only (read by {who})"] for v, who in inert["scoreboard_only"].items()]
                        + [[v, "never changed in any game"] for v in inert["never_changed"]]))
    parts += ["", "Findings"] + [f"- {line}" for line in data["findings"]] if data["findings"] else ["", "Findings: none"]
    return "\n".join(parts)
