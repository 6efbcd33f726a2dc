"""One name for each thing on every screen: labels, never ids."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wargame.engine.scenario import Scenario


def rule_label(scenario: Scenario, rule_id: str) -> str:
    """A follow-on rule by its label (the id only if the scenario has no such rule)."""
    rule = next((r for r in scenario.world.rules if r.id == rule_id), None)
    return rule.label if rule is not None else rule_id


def player_name(scenario: Scenario, role: str, player: str) -> str:
    """Who plays a role, in one wording everywhere: 'Human team', 'Bot: random legal moves', 'Bot: <persona label>'."""
    if player == "human":
        return "Human team"
    if player == "random":
        return "Bot: random legal moves"
    if player == "historical":
        return "Bot: the historical line"
    persona = next((p for p in scenario.role(role).personas if p.id == player), None)
    return f"Bot: {persona.label or persona.id}" if persona is not None else f"Bot: {player}"
