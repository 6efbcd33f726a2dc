"""One name for each thing on every screen: labels, never ids."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wargame.explain import player_name

__all__ = ["player_name", "red_line_label", "rule_label"]

if TYPE_CHECKING:
    from wargame.engine.scenario import Scenario


def rule_label(scenario: Scenario, rule_id: str) -> str:
    """A follow-on rule by its label (the id only if the scenario has no such rule)."""
    rule = next((r for r in scenario.world.rules if r.id == rule_id), None)
    return rule.label if rule is not None else rule_id


def red_line_label(scenario: Scenario, role: str, red_line: str) -> str:
    """A role's red line by its label (the id only if the role has no such line)."""
    try:
        lines = scenario.role(role).red_lines
    except KeyError:
        return red_line
    return next((line.label for line in lines if line.id == red_line), red_line)
