"""Small scenarios for rule cases, built in code so each case shows only what it is about."""

from __future__ import annotations

from typing import Any

from wargame.engine.game import Game
from wargame.engine.scenario import Scenario


def action(id: str, *, base: float = 1.0, effects: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    """An action whose success applies ``effects``; extra keys (bands, preconditions, …) as in YAML."""
    spec: dict[str, Any] = {"id": id, "label": id.replace("_", " ").title(), "chance": {"base": base}}
    spec["bands"] = [{"id": "success", "effects": effects or []}]
    spec.update(extra)
    return spec


def role(id: str, actions: list[dict[str, Any]], *, per_turn: int = 3, **extra: Any) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "id": id, "name": id.title(), "public_brief": f"{id} public", "private_brief": f"{id} SECRET",
        "objectives": [{"id": "score", "label": "Score", "metric": "0"}],
        "resources": {"per_turn": per_turn}, "actions": actions,
    }
    spec.update(extra)
    return spec


def scenario(
    roles: list[dict[str, Any]],
    *,
    variables: list[dict[str, Any]] | None = None,
    injects: list[dict[str, Any]] | None = None,
    turns: int = 3,
    **world: Any,
) -> Scenario:
    data = {
        "world": {
            "id": "case", "title": "Rule case", "summary": "One rule of the engine.", "start_date": "2020-03-11",
            "turn_length_days": 7, "turns": turns, "seed": 1, "roles": [r["id"] for r in roles],
            "variables": variables or [{"id": "x", "label": "X", "min": 0, "max": 10, "initial": 5}],
            "ladder": {"variable": (variables or [{"id": "x"}])[0]["id"],
                       "rungs": [{"level": 0, "label": "low", "meaning": "low"}, {"level": 5, "label": "high", "meaning": "high"}]},
            **world,
        },
        "roles": roles,
        "injects": injects or [],
    }
    return Scenario.model_validate(data)


def started(s: Scenario, seed: int = 1) -> Game:
    """A game of ``s`` in the moves phase of turn 1, every role played by humans."""
    from wargame.engine import decide as commands

    game = Game.new(s, seed=seed)
    game.run(commands.start)
    return game
