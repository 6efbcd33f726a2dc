"""A designer's balance report: many seeded games per strategy, what each move is worth to its role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wargame.balance.analysis import analyse
from wargame.balance.runner import run
from wargame.balance.strategies import Strategy, strategies
from wargame.engine.scenario import Scenario

__all__ = ["Strategy", "analyse", "balance", "run", "strategies"]


def balance(scenario: Scenario, games: int, per_strategy: int, seed: int, control: str = "random", jobs: int = 1,
            progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Play the baseline ``games`` times and every other strategy ``per_strategy`` times; the report as data.

    The data is the same for any ``jobs`` (see :mod:`wargame.balance.runner`).
    """
    chosen = strategies(scenario)
    counts = [games if s.kind == "random" else per_strategy for s in chosen]
    records = run(scenario, chosen, counts, seed, control, jobs, progress)
    meta = {"scenario": scenario.id, "seed": seed, "control": control}
    return analyse(scenario, chosen, records, meta)
