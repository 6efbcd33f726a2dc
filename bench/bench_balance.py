"""Benchmark of ``wargame balance``: the run's wall time beside autoplay of as many games, same run.

    .venv/bin/python bench/bench_balance.py [--games 2000] [--jobs 2]

The baseline is ``autoplay`` (random bots, no analysis) of the same total number of games at the
same number of processes, measured in the same run: the ratio says what balance adds per game
(its strategies, the legality census of the baseline, the records and the analysis). The target
is the issue's: ``wargame balance iraq-2020 --games 2000 --jobs 2`` under 2 minutes.
Not a test: it prints figures for docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wargame.autoplay import autoplay  # noqa: E402
from wargame.balance import balance, strategies  # noqa: E402
from wargame.scenario import load_scenario  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--games", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    scenario = load_scenario("iraq-2020")
    per = max(100, args.games // 20)
    total = args.games + per * (len(strategies(scenario)) - 1)
    print(f"machine: {os.cpu_count()} cores {platform.machine()}, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}")
    started = time.perf_counter()
    autoplay(scenario, total, scenario.world.seed, jobs=args.jobs)
    base = time.perf_counter() - started
    started = time.perf_counter()
    balance(scenario, args.games, per, scenario.world.seed, jobs=args.jobs)
    spent = time.perf_counter() - started
    print(f"autoplay, {total} games, -j {args.jobs}: {base:.1f} s (baseline)")
    print(f"balance --games {args.games} ({total} games), -j {args.jobs}: {spent:.1f} s ({spent / base:.2f}x the baseline); "
          f"target < 120 s: {'met' if spent < 120 else 'missed'}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
