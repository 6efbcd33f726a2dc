"""Benchmark of the after-action report on a 100-turn session, next to a baseline measured in the same run.

    .venv/bin/python bench/bench_report.py [--turns 100] [--repeat 5]

The session: iraq-2020 with ``world.turns`` raised to 100 and its end conditions
dropped (so that the game really lasts 100 turns), autoplayed by the random bots
into a temporary save. Measured, best of ``--repeat`` runs each:

- baseline: ``Session.open`` — read the save, check the hash chain, parse and fold every event;
- ``wargame report`` for md, html and json, as the command does it: open the save, build the
  report (a fold turn by turn with the engine's view at each turn's end), render;
- the same for one role (``--role washington``): its report is built from its views alone.

Target (issue 6): a report of a 100-turn session in under 2 s. Not a test: it prints figures for
docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wargame.report import RENDERERS, build_report  # noqa: E402
from wargame.scenario import load_scenario  # noqa: E402
from wargame.session import Session, record_game  # noqa: E402


def best(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--turns", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    base = load_scenario("iraq-2020")
    world = base.world.model_copy(update={"turns": args.turns, "end_conditions": []})
    scenario = base.model_copy(update={"world": world})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.db"
        start = time.perf_counter()
        record_game(scenario, 2020, None, path)
        recorded = time.perf_counter() - start
        with Session.open(path) as session:
            events, turns = len(session.events), session.state.turn
        size = os.path.getsize(path)
        print(f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}")
        print(f"session: {turns} turns, {events} events, {size / 1e6:.1f} MB (recorded in {recorded:.1f} s)")
        print()

        def open_only() -> None:
            with Session.open(path):
                pass

        def report(fmt: str, role: str | None = None) -> Callable[[], object]:
            def work() -> object:
                with Session.open(path) as session:
                    return RENDERERS[fmt](build_report(session, role))
            return work

        baseline = best(args.repeat, open_only)
        print(f"{'measure':<42}{'seconds':>9}{'× baseline':>12}")
        print(f"{'baseline: open the save (read + fold)':<42}{baseline:>9.3f}{1:>12.1f}")
        with Session.open(path) as session:
            build = best(args.repeat, lambda: build_report(session))
            built = build_report(session)
        print(f"{'build the report only (control)':<42}{build:>9.3f}{build / baseline:>12.1f}")
        for fmt in RENDERERS:
            render = best(args.repeat, lambda fmt=fmt: RENDERERS[fmt](built))
            print(f"{'render ' + fmt + ' only':<42}{render:>9.3f}{render / baseline:>12.1f}")
        for fmt in RENDERERS:
            took = best(args.repeat, report(fmt))
            verdict = "met" if took < 2 else "MISSED"
            print(f"{'wargame report -f ' + fmt + ' (control)':<42}{took:>9.3f}{took / baseline:>12.1f}   < 2 s: {verdict}")
        took = best(args.repeat, report("html", "washington"))
        print(f"{'wargame report -f html --role washington':<42}{took:>9.3f}{took / baseline:>12.1f}")
        size = len(report("html")().__str__().encode())
        print(f"\nHTML report size: {size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
