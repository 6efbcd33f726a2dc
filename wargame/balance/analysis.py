"""From game records to the balance report (plain data: what ``--json`` prints).

Definitions (also in docs/balance.md):

- a role's **score** in a game is the mean of its objectives' scores at the end;
- **played**: share of the baseline's role-turns in which the move was made; **legal**: share in
  which it was open to the role when it chose;
- **with / without**: the role's mean score over baseline games in which it made the move at least
  once, and over those in which it never did; **marginal** is the difference, with a 95% confidence
  interval (Welch, normal approximation);
- **always**: the role's mean score when it makes the move every turn it is legal (and nothing else);
  **gain** is the mean of the paired differences from the baseline's same-seed games, with a 95%
  interval — the same dice, so the interval is narrow;
- **dominant**: a role's best always-play gain, above zero, whose interval lies wholly above every
  other always-play gain's interval and above passing's;
- **dead**: never legal in any game; or always playing it (at least once) leaves every paired game's
  final state identical to passing (the move does nothing). A move legal in the baseline that never
  opened in its own strategy's games is not judged: ``always_played_turns`` is 0 there;
- **inert variable**: scoreboard only (no condition or chance reads it) or never changed in any game.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

from wargame.balance.runner import GRID, Records
from wargame.balance.strategies import Strategy
from wargame.engine.scenario import Scenario
from wargame.engine.design import scoreboard_only

Z = 1.96


def _r(value: float) -> float:
    return round(value, 4)


def _mean_ci(values: Sequence[int]) -> tuple[float, float]:
    """Mean and 95% half-width of values in hundredths, returned in score units."""
    n = len(values)
    if n == 0:
        return 0.0, 0.0
    total = sum(values)
    mean = total / n
    if n < 2:
        return mean / GRID, 0.0
    square = sum(v * v for v in values)
    variance = max(0.0, (square - total * total / n) / (n - 1))
    return mean / GRID, Z * math.sqrt(variance / n) / GRID


def _welch(with_: Sequence[int], without: Sequence[int]) -> tuple[float, float] | None:
    if len(with_) < 2 or len(without) < 2:
        return None
    m1, h1 = _mean_ci(with_)
    m2, h2 = _mean_ci(without)
    return m1 - m2, math.sqrt(h1 * h1 + h2 * h2)


def _interval(mean: float, half: float) -> dict[str, float]:
    return {"mean": _r(mean), "low": _r(mean - half), "high": _r(mean + half)}


def analyse(
    scenario: Scenario,
    strategies: Sequence[Strategy],
    records: Records,
    meta: dict[str, Any],
) -> dict[str, Any]:
    """The whole report as plain data, built in a fixed order from ``records``."""
    roles = list(scenario.world.roles)
    by_strategy: dict[int, list[tuple[int, Any]]] = {}
    for (index, game), record in sorted(records.items()):
        by_strategy.setdefault(index, []).append((game, record))
    ids = [s.id for s in strategies]
    base_index = ids.index("random")
    base = dict(by_strategy.get(base_index, []))
    base_games = len(base)

    def paired_gain(index: int, role_at: int) -> tuple[float, float, int]:
        diffs = [r.scores[role_at] - base[g].scores[role_at] for g, r in by_strategy.get(index, []) if g in base]
        mean, half = _mean_ci(diffs)
        return mean, half, len(diffs)

    report_roles: dict[str, Any] = {}
    findings: list[str] = []
    for at, role_id in enumerate(roles):
        role = scenario.role(role_id)
        base_scores = [r.scores[at] for r in base.values()]
        base_mean, base_half = _mean_ci(base_scores)
        role_turns = sum(r.turns for r in base.values())
        pass_index = ids.index(f"pass:{role_id}")
        pass_mean, pass_half = _mean_ci([r.scores[at] for _, r in by_strategy.get(pass_index, [])])
        pass_gain = paired_gain(pass_index, at)
        pass_finals = {g: r.finals for g, r in by_strategy.get(pass_index, [])}
        actions: dict[str, Any] = {}
        for action in role.actions:
            key = (role_id, action.id)
            played_turns = sum(n for r in base.values() for rr, a, n in r.played if (rr, a) == key)
            legal_turns = sum(n for r in base.values() for rr, a, n in r.legal if (rr, a) == key)
            with_ = [r.scores[at] for r in base.values() if any((rr, a) == key for rr, a, _ in r.played)]
            without = [r.scores[at] for r in base.values() if not any((rr, a) == key for rr, a, _ in r.played)]
            index = ids.index(f"always:{role_id}.{action.id}")
            games = by_strategy.get(index, [])
            always_mean, always_half = _mean_ci([r.scores[at] for _, r in games])
            gain, gain_half, pairs = paired_gain(index, at)
            always_played = sum(n for _, r in games for rr, a, n in r.played if (rr, a) == key)
            # a move its own strategy never got to play says nothing about what the move does
            same_as_pass = always_played > 0 and all(g in pass_finals and r.finals == pass_finals[g] for g, r in games)
            marginal = _welch(with_, without)
            entry: dict[str, Any] = {
                "label": action.label,
                "played": _r(played_turns / role_turns) if role_turns else 0.0,
                "legal": _r(legal_turns / role_turns) if role_turns else 0.0,
                "games_with": len(with_),
                "mean_with": _r(_mean_ci(with_)[0]) if with_ else None,
                "mean_without": _r(_mean_ci(without)[0]) if without else None,
                "marginal": _interval(*marginal) if marginal else None,
                "always": _interval(always_mean, always_half),
                "always_gain": _interval(gain, gain_half),
                "always_played_turns": _r(always_played / max(1, sum(r.turns for _, r in games))),
                "flags": [],
            }
            if legal_turns == 0 and always_played == 0:
                entry["flags"].append("never legal")
            elif same_as_pass:
                entry["flags"].append("equals passing")
            actions[action.id] = entry
        ranked = sorted(actions.items(), key=lambda item: -item[1]["always_gain"]["mean"])
        if len(ranked) >= 2:
            best_id, best = ranked[0]
            rest_high = max(
                [other["always_gain"]["high"] for _, other in ranked[1:]] + [_r(pass_gain[0] + pass_gain[1])]
            )
            if best["always_gain"]["low"] > 0 and best["always_gain"]["low"] > rest_high:
                best["flags"].append("dominant")
        personas = {}
        for persona in role.personas:
            index = ids.index(f"persona:{role_id}.{persona.id}")
            mean, half = _mean_ci([r.scores[at] for _, r in by_strategy.get(index, [])])
            gain, gain_half, _ = paired_gain(index, at)
            personas[persona.id] = {"mean": _interval(mean, half), "gain": _interval(gain, gain_half)}
        report_roles[role_id] = {
            "name": role.name,
            "baseline": _interval(base_mean, base_half),
            "pass": {"mean": _interval(pass_mean, pass_half), "gain": _interval(pass_gain[0], pass_gain[1])},
            "personas": personas,
            "actions": actions,
        }
        for action_id, entry in actions.items():
            for flag in entry["flags"]:
                if flag == "dominant":
                    g = entry["always_gain"]
                    findings.append(
                        f"{role_id}.{action_id} is dominant: always playing it gains {g['mean']:+.2f} "
                        f"[{g['low']:+.2f}, {g['high']:+.2f}] over random play, clear of every alternative")
                else:
                    findings.append(f"{role_id}.{action_id} is dead: {flag}")

    all_games = [r for part in by_strategy.values() for _, r in part]

    def shares(get: Any, names: Sequence[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in names:
            base_share = sum(1 for r in base.values() if name in get(r)) / max(base_games, 1)
            best_share, best_strategy = 0.0, ""
            for index, part in sorted(by_strategy.items()):
                if not part:
                    continue
                share = sum(1 for _, r in part if name in get(r)) / len(part)
                if share > best_share:
                    best_share, best_strategy = share, ids[index]
            out[name] = {"baseline": _r(base_share), "best": _r(best_share), "best_strategy": best_strategy}
        return out

    injects = shares(lambda r: r.injects, [i.id for i in scenario.injects])
    for inject in scenario.injects:
        injects[inject.id]["kind"] = inject.kind
    rules = shares(lambda r: r.rules, [rule.id for rule in scenario.world.rules])
    red_lines = shares(lambda r: r.red_lines, [f"{role.id}.{line.id}" for role in scenario.roles for line in role.red_lines])
    ends = shares(lambda r: (r.ending,), [end.id for end in scenario.world.end_conditions] + ["last_turn"])
    for what, table in (("inject", injects), ("rule", rules), ("red line", red_lines), ("end condition", ends)):
        for name, entry in table.items():
            if entry["best"] == 0 and name != "last_turn":
                findings.append(f"{what} {name} never fired in any strategy")
    ever_changed: set[str] = set()
    for r in all_games:
        ever_changed.update(r.changed)
    board = scoreboard_only(scenario)
    inert = {
        "scoreboard_only": dict(sorted(board.items())),
        "never_changed": sorted(v.id for v in scenario.world.variables if v.id not in ever_changed),
    }
    for var, who in sorted(board.items()):
        findings.append(f"variable {var} is scoreboard only (read by {who})")
    for var in inert["never_changed"]:
        findings.append(f"variable {var} never changed in any game")
    turns = Counter(r.turns for r in base.values())
    return {
        **meta,
        "games": base_games,
        "games_per_strategy": max((len(part) for index, part in by_strategy.items() if index != base_index), default=0),
        "strategies": ids,
        "score": "mean of the role's objectives at the end; gains are paired with the baseline's same-seed games",
        "roles": report_roles,
        "injects": injects,
        "rules": rules,
        "red_lines": red_lines,
        "end_conditions": ends,
        "inert_variables": inert,
        "turns_played": {str(t): _r(c / max(base_games, 1)) for t, c in sorted(turns.items())},
        "findings": findings,
    }
