"""Streaming aggregation of game results: memory stays flat however many games are played.

Values are counted on a grid of 0.01 (integers, so sums are exact) instead of kept
one per game. Merging two tallies adds their counters, which is exact and does not
depend on order, so the report is byte-identical whether games ran in one
process or many, in whatever order they finished.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

GRID = 100
"""Values are tallied in hundredths."""


def _grid(value: float) -> int:
    return round(value * GRID)


@dataclass
class Tally:
    """Counts over a set of finished games."""

    games: int = 0
    finals: dict[str, Counter[int]] = field(default_factory=dict)
    peak_rung: Counter[int] = field(default_factory=Counter)
    scores: dict[str, dict[str, Counter[int]]] = field(default_factory=dict)
    injects: Counter[str] = field(default_factory=Counter)
    endings: Counter[str] = field(default_factory=Counter)
    turns: Counter[int] = field(default_factory=Counter)
    overridden: int = 0

    def add_game(
        self,
        finals: dict[str, float],
        peak_rung: int,
        scores: dict[str, dict[str, float]],
        injects: list[str],
        ending: str,
        turns: int,
    ) -> None:
        self.games += 1
        for var, value in finals.items():
            self.finals.setdefault(var, Counter())[_grid(value)] += 1
        self.peak_rung[peak_rung] += 1
        for role, per in scores.items():
            role_scores = self.scores.setdefault(role, {})
            for objective, value in per.items():
                role_scores.setdefault(objective, Counter())[_grid(value)] += 1
        self.injects.update(injects)
        self.endings[ending] += 1
        self.turns[turns] += 1

    def merge(self, other: Tally) -> Tally:
        self.games += other.games
        for var, counts in other.finals.items():
            self.finals.setdefault(var, Counter()).update(counts)
        self.peak_rung.update(other.peak_rung)
        for role, per in other.scores.items():
            role_scores = self.scores.setdefault(role, {})
            for objective, counts in per.items():
                role_scores.setdefault(objective, Counter()).update(counts)
        self.injects.update(other.injects)
        self.endings.update(other.endings)
        self.turns.update(other.turns)
        return self


def distribution(counts: Counter[int]) -> dict[str, float]:
    """Mean, p10, median and p90 (nearest rank) of values tallied on the grid."""
    total = sum(counts.values())
    if not total:
        return {"mean": 0.0, "p10": 0.0, "median": 0.0, "p90": 0.0}
    ordered = sorted(counts.items())

    def quantile(percent: int) -> float:
        rank = max(1, -(-total * percent // 100))  # ceil(total * percent / 100), in integers
        seen = 0
        for value, count in ordered:
            seen += count
            if seen >= rank:
                return value / GRID
        return ordered[-1][0] / GRID

    mean = sum(value * count for value, count in ordered) / total / GRID
    return {"mean": round(mean, 4), "p10": quantile(10), "median": quantile(50), "p90": quantile(90)}


def report(tally: Tally, meta: dict[str, Any], rungs: list[tuple[int, str]], inject_ids: list[str]) -> dict[str, Any]:
    """The autoplay report as plain data (what ``--json`` prints)."""
    games = tally.games or 1
    return {
        **meta,
        "games": tally.games,
        "variables": {var: distribution(counts) for var, counts in sorted(tally.finals.items())},
        "escalation_reached": [
            {
                "level": level,
                "label": label,
                "share": round(sum(c for peak, c in tally.peak_rung.items() if peak >= level) / games, 4),
            }
            for level, label in rungs
        ],
        "objectives": {
            role: {objective: distribution(counts) for objective, counts in sorted(per.items())}
            for role, per in sorted(tally.scores.items())
        },
        "injects_fired": {inject: round(tally.injects.get(inject, 0) / games, 4) for inject in inject_ids},
        "endings": {reason: round(count / games, 4) for reason, count in sorted(tally.endings.items())},
        "turns_played": distribution(Counter({t * GRID: c for t, c in tally.turns.items()})),
    }
