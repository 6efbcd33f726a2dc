"""The iraq-2020 end state shown beside a class: the mean of N games of the model along the historical line.

iraq-2020's `history.end_state` is NOT a record (the article ends on 13 March); it is what this model makes of
the article's projection. This script computes it so the number in the scenario can be re-derived:

    .venv/bin/python bench/iraq_2020_history_end_state.py [GAMES]        # prints YAML for history.end_state
"""

from __future__ import annotations

import sys

from wargame.autoplay.runner import game_seed
from wargame.engine.game import Game
from wargame.scenario import load_scenario


def main(games: int = 2000) -> None:
    scenario = load_scenario("iraq-2020")
    roles = scenario.world.roles
    totals: dict[str, float] = {v.id: 0.0 for v in scenario.world.variables}
    endings: dict[str, int] = {}
    for index in range(games):
        game = Game.new(scenario, seed=game_seed(scenario.world.seed, index), assignments={r: "historical" for r in roles})
        state = game.play_to_end()
        for var, value in state.variables.items():
            totals[var] += value
        reason = state.ended.reason if state.ended else "unfinished"
        endings[reason] = endings.get(reason, 0) + 1
    print(f"# {games} games, every role on the historical bot, seeds as autoplay's (scenario seed {scenario.world.seed})")
    print("# endings: " + ", ".join(f"{k} {v / games:.1%}" for k, v in sorted(endings.items())))
    print("  end_state:")
    for var, total in totals.items():
        mean = total / games
        step = 0.25 if var == scenario.world.ladder.variable else 1
        print(f"    {var}: {round(mean / step) * step:g}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
