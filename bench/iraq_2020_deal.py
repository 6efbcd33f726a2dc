"""iraq-2020's two-sided de-escalation at full count: how often the understanding ends the game.

    .venv/bin/python bench/iraq_2020_deal.py [GAMES]        # default 2000

The test (tests/content/test_iraq_2020.py) plays 200 and 100 games; this plays the same set-ups at the
count the issue names, for docs/iraq-2020-model.md. Set-ups: the four roles that want a deal cooperate
every turn (Washington, the Europeans, Baghdad, the coalition, as scripted in the test); Tehran either
plays its historical line or engages (signals and restrains); the militias either fire every turn or
stand down. Not a test: it prints shares.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.content.test_iraq_2020 import cooperative, play  # noqa: E402
from wargame.scenario import load_scenario  # noqa: E402


def share(games: int, tehran: list[str] | None, militias: list[str]) -> float:
    iraq = load_scenario("iraq-2020")
    scripts = {role: cooperative(role) for role in ("washington", "europeans", "baghdad", "coalition")}
    scripts["militias"] = lambda state: militias
    bots = {}
    if tehran is None:
        bots["tehran"] = "historical"
    else:
        scripts["tehran"] = lambda state: tehran
    deals = 0
    for seed in range(games):
        game = play(iraq, seed, scripts, bots)
        deals += game.state.ended is not None and game.state.ended.reason == "deescalation_deal"
    return deals / games


def main(games: int) -> None:
    for name, tehran, militias in (
        ("Tehran historical, militias fire every turn", None, ["rocket_attack", "deny_and_praise"]),
        ("Tehran historical, militias stand down", None, ["stand_down", "lobby_parliament"]),
        ("Tehran engages, militias fire every turn", ["signal_via_europeans", "restrain_militias"],
         ["rocket_attack", "deny_and_praise"]),
        ("Tehran engages, militias stand down", ["signal_via_europeans", "restrain_militias"],
         ["stand_down", "lobby_parliament"]),
    ):
        started = time.perf_counter()
        print(f"{name}: understanding in {share(games, tehran, militias):.1%} of {games} games "
              f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
