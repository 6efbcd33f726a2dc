"""Playing N games across J processes, results streamed into a tally.

Game ``i`` of a run with seed ``S`` is played with the seed derived from
(S, i) alone, so the set of games — and, through the order-free tally, the
report — is the same whatever the number of processes.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Mapping

from wargame.autoplay.tally import Tally
from wargame.engine.game import Game
from wargame.engine.rules import derive_seed
from wargame.engine.scenario import Scenario

CHUNK = 100

_worker_scenario: Scenario | None = None
_worker_policies: dict[str, str] = {}


def game_seed(seed: int, index: int) -> int:
    """The seed of game ``index`` in a run seeded ``seed``."""
    return derive_seed(seed, "autoplay", index) % 2**63


def assignments(scenario: Scenario, policies: Mapping[str, str]) -> dict[str, str]:
    """Every role's bot: the one given, else ``random``."""
    return {role: policies.get(role, "random") for role in scenario.world.roles}


def play_one(scenario: Scenario, seed: int, policies: Mapping[str, str], tally: Tally) -> Game:
    """Play one whole game headless and add it to ``tally``."""
    game = Game.new(scenario, seed=seed, assignments=assignments(scenario, policies))
    state = game.play_to_end()
    ladder = scenario.world.ladder
    peak = ladder.rung_at(max(snapshot[ladder.variable] for snapshot in state.history))
    last_scores = state.scores[max(state.scores)] if state.scores else {}
    tally.add_game(
        finals=state.variables,
        peak_rung=peak,
        scores=last_scores,
        injects=list(state.released),
        ending=state.ended.reason if state.ended else "unfinished",
        turns=state.turn,
    )
    return game


def _play_chunk(scenario: Scenario, seed: int, policies: Mapping[str, str], start: int, stop: int) -> Tally:
    tally = Tally()
    for index in range(start, stop):
        play_one(scenario, game_seed(seed, index), policies, tally)
    return tally


def _init_worker(scenario: Scenario, policies: dict[str, str]) -> None:
    global _worker_scenario, _worker_policies
    _worker_scenario = scenario
    _worker_policies = policies


def _worker(job: tuple[int, int, int]) -> Tally:
    seed, start, stop = job
    assert _worker_scenario is not None
    return _play_chunk(_worker_scenario, seed, _worker_policies, start, stop)


def autoplay(
    scenario: Scenario,
    games: int,
    seed: int,
    policies: Mapping[str, str] | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Tally:
    """Play ``games`` games across ``jobs`` processes; ``progress(n)`` is told of each n games done."""
    policies = dict(policies or {})
    chunks = [(seed, start, min(start + CHUNK, games)) for start in range(0, games, CHUNK)]
    total = Tally()
    if jobs <= 1 or len(chunks) <= 1:
        for job in chunks:
            total.merge(_play_chunk(scenario, job[0], policies, job[1], job[2]))
            if progress:
                progress(job[2] - job[1])
        return total
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_init_worker, initargs=(scenario, policies)) as pool:
        for part in pool.imap_unordered(_worker, chunks):
            total.merge(part)
            if progress:
                progress(part.games)
    return total
