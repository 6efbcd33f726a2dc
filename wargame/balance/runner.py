"""Playing the games of a balance run across processes, one record per game.

Game ``i`` of every strategy is played with the seed autoplay gives game ``i``
(:func:`wargame.autoplay.runner.game_seed`), so the games of two strategies are
*paired*: the same dice (rolls are keyed by seed, turn, role and action) and the
same random choices wherever the other roles face the same options. Records are
keyed by (strategy, game) and summed in key order, so the report is the same
bytes whatever the number of processes and whatever order they finish in.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from wargame.autoplay.runner import game_seed
from wargame.balance.strategies import Strategy, control_releases
from wargame.engine import decide as commands
from wargame.engine.game import Game
from wargame.engine.scenario import Scenario

GRID = 100
"""Scores and values are kept in hundredths, as integers, so sums are exact and order-free."""
CHUNK = 50


@dataclass(frozen=True, slots=True)
class GameRecord:
    """What one game came to, as far as the balance report needs it."""

    scores: tuple[int, ...]
    """Each role's score in hundredths (the mean of its objectives at the end), in the world's role order."""
    played: tuple[tuple[str, str, int], ...]
    """(role, action, turns it was played), for every move played at least once."""
    legal: tuple[tuple[str, str, int], ...]
    """(role, action, turns it was legal when the role chose), for the baseline only (else empty)."""
    turns: int
    injects: tuple[str, ...]
    rules: tuple[str, ...]
    red_lines: tuple[str, ...]
    """Crossed red lines as ``role.red_line``."""
    ending: str
    changed: tuple[str, ...]
    """Variables that left their initial value at some point of the game."""
    finals: tuple[int, ...]
    """Every variable's final value in hundredths (to tell two strategies' games apart exactly)."""


def play(scenario: Scenario, strategy: Strategy, seed: int, control: str) -> GameRecord:
    """One whole game headless: control releases by ``control``, every role moves by ``strategy``.

    Roles the strategy leaves to bots are played by the session's own bots (``Game.bot_moves``), so a
    balance game is an autoplay game; the role a strategy plays by hand moves and seals first.
    """
    roles = scenario.world.roles
    game = Game.new(scenario, seed=seed, assignments={role: strategy.player(role) for role in roles})
    state = game.state
    game.run(commands.start)
    baseline = strategy.kind == "random"
    played: dict[tuple[str, str], int] = {}
    legal: dict[tuple[str, str], int] = {}
    while state.phase != "ended":
        if state.phase == "moves":
            for inject_id in control_releases(state, control):
                game.run(commands.release_inject, inject_id)
            if baseline:
                for role in roles:
                    for action in commands.legal_actions(state, role):
                        legal[(role, action)] = legal.get((role, action), 0) + 1
            if strategy.kind in ("always", "pass"):
                for action in strategy.moves(state, strategy.role):
                    game.run(commands.submit_move, strategy.role, action)
                game.run(commands.seal_moves, strategy.role)
            game.bot_moves()
            for role, actions in state.moves.items():
                for action in actions:
                    played[(role, action)] = played.get((role, action), 0) + 1
            game.run(commands.adjudicate)
        elif state.phase == "review":
            game.run(commands.end_turn)
        else:  # pragma: no cover - the loop above leaves no other phase
            raise RuntimeError(f"cannot play on from phase {state.phase}")
    rules = {role.id: role for role in scenario.roles}
    last = state.scores[max(state.scores)] if state.scores else {}
    scores = tuple(
        round(sum(last.get(role, {}).values()) / max(len(rules[role].objectives), 1) * GRID) for role in roles
    )
    initial = state.history[0]
    changed = tuple(sorted(v for v in initial if any(h[v] != initial[v] for h in state.history) or state.variables[v] != initial[v]))
    return GameRecord(
        scores=scores,
        played=tuple(sorted((r, a, n) for (r, a), n in played.items())),
        legal=tuple(sorted((r, a, n) for (r, a), n in legal.items())),
        turns=state.turn,
        injects=tuple(sorted(state.released)),
        rules=tuple(sorted(state.rules_fired)),
        red_lines=tuple(sorted(f"{r}.{line}" for r, line in state.red_lines)),
        ending=state.ended.reason if state.ended else "unfinished",
        changed=changed,
        finals=tuple(round(state.variables[v.id] * GRID) for v in scenario.world.variables),
    )


Job = tuple[int, int, int]
"""(strategy index, first game, game after the last)."""
Records = dict[tuple[int, int], GameRecord]

_worker: tuple[Scenario, tuple[Strategy, ...], int, str] | None = None


def _play_chunk(scenario: Scenario, strategies: Sequence[Strategy], seed: int, control: str, job: Job) -> Records:
    index, start, stop = job
    return {(index, i): play(scenario, strategies[index], game_seed(seed, i), control) for i in range(start, stop)}


def _init(scenario: Scenario, strategies: tuple[Strategy, ...], seed: int, control: str) -> None:
    global _worker
    _worker = (scenario, strategies, seed, control)


def _run(job: Job) -> Records:
    assert _worker is not None
    scenario, strategies, seed, control = _worker
    return _play_chunk(scenario, strategies, seed, control, job)


def run(
    scenario: Scenario,
    strategies: Sequence[Strategy],
    games: Sequence[int],
    seed: int,
    control: str = "random",
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Records:
    """Play ``games[k]`` games of ``strategies[k]`` across ``jobs`` processes; every game's record by key.

    ``progress(n)`` is told of each ``n`` games finished (for a bar on stderr).
    """
    work: list[Job] = [
        (index, start, min(start + CHUNK, count))
        for index, count in enumerate(games)
        for start in range(0, count, CHUNK)
    ]
    records: Records = {}
    frozen = tuple(strategies)
    if jobs <= 1 or len(work) <= 1:
        for job in work:
            records.update(_play_chunk(scenario, frozen, seed, control, job))
            if progress:
                progress(job[2] - job[1])
        return records
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_init, initargs=(scenario, frozen, seed, control)) as pool:
        for part in pool.imap_unordered(_run, work):
            records.update(part)
            if progress:
                progress(len(part))
    return records
