"""Outcomes, effects and odds as plain sentences: one wording for the screen, the replay and the report.

A facilitator must be able to read out why something happened; a trainer must
read the same words in the report afterwards. So the wording lives here, once.
"""

from __future__ import annotations

from collections.abc import Iterable

from wargame.engine.events import ChanceExplained, EffectApplied, OutcomeAdjudicated
from wargame.engine.scenario import Effect, Scenario


def number(value: float) -> str:
    """3.0 → '3', 0.25 → '0.25': numbers as a person writes them."""
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def variable_label(scenario: Scenario, var: str) -> str:
    for variable in scenario.world.variables:
        if variable.id == var:
            return variable.label
    return var


def effect(scenario: Scenario, applied: EffectApplied) -> str:
    """'Escalation 3 → 4 (+1)'."""
    label = variable_label(scenario, applied.var)
    if applied.op == "add":
        how = f"{'+' if applied.value >= 0 else ''}{number(applied.value)}"
    elif applied.op == "multiply":
        how = f"×{number(applied.value)}"
    elif applied.op == "at_least":
        how = f"at least {number(applied.value)}"
    elif applied.op == "at_most":
        how = f"at most {number(applied.value)}"
    else:
        how = f"set {number(applied.value)}"
    clamped = ""
    expected = {"add": applied.before + applied.value, "multiply": applied.before * applied.value, "set": applied.value,
                "at_least": max(applied.before, applied.value), "at_most": min(applied.before, applied.value)}[applied.op]
    if abs(expected - applied.after) > 1e-9:
        clamped = ", held at its bound"
    return f"{label} {number(applied.before)} → {number(applied.after)} ({how}{clamped})"


def planned(scenario: Scenario, spec: Effect) -> str:
    """An effect as the scenario states it, before it happens: 'Escalation +1', 'Stability ×0.5',
    'Harm +(surge / 2) after 2 turns', 'Isolation at least 1 each turn until reconnected'."""
    label = variable_label(scenario, spec.var)
    value = spec.value
    shown = f"({value})" if isinstance(value, str) else None
    if spec.op == "add":
        text = f"{label} +{shown}" if shown else f"{label} {'+' if value >= 0 else '−'}{number(abs(value))}"  # type: ignore[operator,arg-type]
    elif spec.op == "multiply":
        text = f"{label} ×{shown or number(value)}"  # type: ignore[arg-type]
    elif spec.op in ("at_least", "at_most"):
        text = f"{label} {spec.op.replace('_', ' ')} {shown or number(value)}"  # type: ignore[arg-type]
    else:
        text = f"{label} set to {shown or number(value)}"  # type: ignore[arg-type]
    return text + timing(spec)


def timing(spec: Effect) -> str:
    """When a delayed or lasting effect applies, in words ('' for an immediate one)."""
    parts = []
    if spec.after:
        parts.append(f"after {spec.after} turn{'s' if spec.after != 1 else ''}")
    if spec.lasts and spec.lasts > 1:
        parts.append(f"for {spec.lasts} turns")
    if spec.until:
        parts.append(f"{'each turn ' if not spec.lasts else ''}until {spec.until}")
    return (" " + ", ".join(parts)) if parts else ""


def effects(scenario: Scenario, applied: Iterable[EffectApplied]) -> str:
    listed = [effect(scenario, e) for e in applied]
    return "; ".join(listed) if listed else "no change"


def chance(explained: ChanceExplained) -> str:
    """'base 60%, −40% Tehran restrains the militias → 20%'."""
    parts = [f"base {percent(explained.base)}"]
    for modifier in explained.modifiers:
        sign = "+" if modifier.add >= 0 else "−"
        parts.append(f"{sign}{percent(abs(modifier.add))} {modifier.reason}")
    return ", ".join(parts) + f" → {percent(explained.chance)}"


def outcome(scenario: Scenario, event: OutcomeAdjudicated) -> str:
    """One line: who did what, the odds and the roll, the band, what changed."""
    role = scenario.role(event.role).name
    action = scenario.action(event.role, event.action).label
    return (
        f"{role}: {action} — chance {chance(event.chance)}; roll {event.roll:.2f} → {event.band.upper()}; "
        f"{effects(scenario, event.effects)}"
    )


def player_name(scenario: Scenario, role: str, player: str) -> str:
    """Who plays a role, in one wording for every screen and report: 'Human team', 'Bot: random legal moves',
    'Bot: the historical line', 'Bot: <persona label>'."""
    if player == "human":
        return "Human team"
    if player == "random":
        return "Bot: random legal moves"
    if player == "historical":
        return "Bot: the historical line"
    persona = next((p for p in scenario.role(role).personas if p.id == player), None)
    return f"Bot: {persona.label or persona.id}" if persona is not None else f"Bot: {player}"


def turns_span(first: int, last: int) -> str:
    """'turn 3', 'turns 1–3'."""
    return f"turn {first}" if first == last else f"turns {first}–{last}"
