"""Benchmark of autoplay: games per second of iraq-2020 at one and two processes, time per adjudicated
turn, time to build a bot's view, the 10,000-game target, and memory as the number of games grows.

    .venv/bin/python bench/bench_autoplay.py [--games 2000] [--no-memory]
    .venv/bin/python bench/bench_autoplay.py --quick [--games 20] [--repeat 5]

``--quick`` prints only the CPU time per game of one process (games 0 … N-1, best of ``--repeat``) beside
the bare loop for the same moves, the two measured in turns so that both see the same load: the figure
to compare two commits by (run the same script in each tree) on a machine too busy for wall times.

Every role is played by the shipped ``random`` policy, which spends the role's whole budget each turn
(a full team's turn), and is handed its role's view (``RoleView``) like any policy.

Every figure is printed beside a baseline measured in the same run, since these machines are noisy:
the baseline is a bare Python loop doing the irreducible part of a game — one seeded roll (sha256)
and a few clamped dictionary updates per move — for the same number of moves the games made.
Not a test: it prints figures for docs/performance.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wargame.autoplay import autoplay  # noqa: E402
from wargame.engine import decide as commands  # noqa: E402
from wargame.engine.situation import role_view  # noqa: E402
from wargame.engine.game import Game  # noqa: E402
from wargame.scenario import load_scenario  # noqa: E402


def baseline_seconds(moves: int) -> float:
    """A bare loop: one sha256 roll and three clamped updates per move."""
    variables = {"a": 50.0, "b": 50.0, "c": 50.0}
    started = time.perf_counter()
    for i in range(moves):
        roll = int.from_bytes(hashlib.sha256(f"11|{i}|role|action".encode()).digest()[:8], "big") / 2**64
        for name in ("a", "b", "c"):
            variables[name] = min(100.0, max(0.0, variables[name] + (roll - 0.5)))
    return time.perf_counter() - started


def moves_per_game(games: int) -> float:
    scenario = load_scenario("iraq-2020")
    total = 0
    for seed in range(games):
        game = Game.new(scenario, seed=seed, assignments={r: "random" for r in scenario.world.roles})
        game.play_to_end()
        total += sum(1 for e in game.events if e.kind == "move_submitted")
    return total / games


def time_per_turn(turns: int) -> float:
    """Seconds per adjudicate command, on turns with every role moving."""
    scenario = load_scenario("iraq-2020")
    spent = 0.0
    done = 0
    seed = 0
    while done < turns:
        game = Game.new(scenario, seed=seed, assignments={r: "random" for r in scenario.world.roles})
        game.run(commands.start)
        while game.state.phase != "ended" and done < turns:
            game.bot_moves()
            started = time.perf_counter()
            events = commands.adjudicate(game.state)
            spent += time.perf_counter() - started
            game.record(events)
            game.run(commands.end_turn)
            done += 1
        seed += 1
    return spent / turns


def time_per_view(views: int, deferred: bool = True) -> float:
    """Seconds to build one bot's view (a RoleView without the past), at the moment bots move: as bots get it
    (``deferred``: the moves built, the rest on first read), or whole."""
    scenario = load_scenario("iraq-2020")
    spent = 0.0
    done = 0
    seed = 0
    while done < views:
        game = Game.new(scenario, seed=seed, assignments={r: "random" for r in scenario.world.roles})
        game.run(commands.start)
        while game.state.phase != "ended" and done < views:
            for role in scenario.world.roles:
                started = time.perf_counter()
                role_view(game.state, role, history=False, deferred=deferred)
                spent += time.perf_counter() - started
                done += 1
            game.bot_moves()
            game.run(commands.adjudicate)
            game.run(commands.end_turn)
        seed += 1
    return spent / views


PROBE = """
import resource, sys
from wargame.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def cli_run(games: int, jobs: int) -> tuple[float, int]:
    """Wall time and peak memory (KiB) of the main process of `wargame autoplay`, in a fresh process."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PROBE, "autoplay", "iraq-2020", "--games", str(games), "--seed", "11",
                           "--jobs", str(jobs), "--json"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, cwd=ROOT)
    return time.perf_counter() - started, int(done.stderr.strip().splitlines()[-1])


def quick(games: int, repeat: int) -> None:
    """CPU time per game in this process (best of ``repeat``) beside the bare loop for the same moves (best of ``repeat``),
    taken in turns."""
    from wargame.autoplay.runner import play_one
    from wargame.autoplay.tally import Tally

    scenario = load_scenario("iraq-2020")
    moves = sum(sum(1 for e in play_one(scenario, i, {}, Tally()).events if e.kind == "move_submitted") for i in range(games))
    best = base = float("inf")
    for _ in range(repeat):
        began = time.process_time()
        for i in range(games):
            play_one(scenario, i, {}, Tally())
        best = min(best, time.process_time() - began)
        began = time.process_time()
        baseline_seconds(moves)
        base = min(base, time.process_time() - began)
    print(f"load average {os.getloadavg()[0]:.1f}; {games} games, {moves / games:.1f} moves/game")
    print(f"bare roll+update loop for the same moves: {base / games * 1e3:.3f} ms/game (CPU, best of {repeat})")
    print(f"autoplay, 1 process: {best / games * 1e3:.2f} ms/game (CPU, best of {repeat}) = {best / base:.1f}× the bare loop")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--games", type=int, default=None, help="2000 (20 with --quick)")
    parser.add_argument("--no-memory", action="store_true", help="skip the 1,000- and 20,000-game memory runs")
    parser.add_argument("--quick", action="store_true", help="only CPU per game beside the bare loop (see above)")
    parser.add_argument("--repeat", type=int, default=5, help="with --quick: runs of each side, best kept")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    if args.quick:
        quick(args.games or 20, args.repeat)
        return
    args.games = args.games or 2000
    scenario = load_scenario("iraq-2020")
    per_game_moves = moves_per_game(200)
    base = baseline_seconds(int(per_game_moves * args.games))
    print(f"baseline (bare roll+update loop, {per_game_moves:.1f} moves/game × {args.games} games): "
          f"{base:.2f} s = {args.games / base:,.0f} games/s")
    for jobs in (1, 2):
        started = time.perf_counter()
        autoplay(scenario, args.games, 11, jobs=jobs)
        spent = time.perf_counter() - started
        print(f"autoplay -j {jobs}: {args.games} games in {spent:.2f} s = {args.games / spent:,.0f} games/s "
              f"({spent / base:.1f}× baseline)")
    per_turn = time_per_turn(2000)
    print(f"adjudicate: {per_turn * 1e6:,.0f} µs per turn (6 roles, {per_game_moves / 8:.0f}-ish moves)")
    print(f"a bot's view (RoleView, no past, as bots get it: moves built, the rest on first read): "
          f"{time_per_view(2000) * 1e6:,.0f} µs; built whole: {time_per_view(2000, deferred=False) * 1e6:,.0f} µs")
    wall, peak = cli_run(10_000, 2)
    print(f"target: wargame autoplay iraq-2020 --games 10000 -j 2: {wall:.1f} s (target < 20 s)")
    if args.no_memory:
        return
    small_wall, small_peak = cli_run(1_000, 1)
    big_wall, big_peak = cli_run(20_000, 1)
    print(f"memory (peak RSS of the process): 1,000 games {small_peak / 1024:.0f} MiB, "
          f"20,000 games {big_peak / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
