"""Outcomes, effects and odds as plain sentences: one wording for the screen, the replay and the report.

A facilitator must be able to read out why something happened; a trainer must
read the same words in the report afterwards. So the wording lives here, once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from wargame.engine.events import ChanceExplained, EffectApplied, ModifierApplied, OutcomeAdjudicated
from wargame.engine.effect_text import applied_change, applied_parts, number, variable_label
from wargame.engine.lens import ShownChance, ShownModifier
from wargame.engine.lens import planned_effect as planned
from wargame.engine.scenario import Scenario
from wargame.engine.views import OutcomeView

__all__ = ["band_name", "band_with_key", "chance", "effect", "effects", "knock_ons", "number", "outcome", "outcome_seen", "percent", "planned", "roll", "shown",
           "variable_label"]


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def effect(scenario: Scenario, applied: EffectApplied, relative: bool = False) -> str:
    """'Escalation 3 → 4 (+1)'; ``relative``: what changed without the values around it, 'Escalation +1' (a
    role's reading: a value just before one effect would sum up the effects before it, some of moves the
    role may not know of). An addition held at a bound says what it changed and what it asked, alike in both:
    'Force protection 91 → 100: +9 (+12, held at its bound)', 'Force protection +9 (+12, held at its bound)'."""
    label = variable_label(scenario, applied.var)
    if relative:
        return applied_change(label, applied)
    how, clamped, held = applied_parts(applied)
    if held and applied.after != applied.before:  # "0 → 0 (-3, held at its bound)" says it already
        return f"{label} {number(applied.before)} → {number(applied.after)}: {held}"
    return f"{label} {number(applied.before)} → {number(applied.after)} ({how}{clamped})"


def effects(scenario: Scenario, applied: Iterable[EffectApplied], relative: bool = False) -> str:
    """The effects joined by semicolons ('no change' when there are none); see :func:`effect`."""
    listed = [effect(scenario, e, relative) for e in applied]
    return "; ".join(listed) if listed else "no change"


def chance(explained: ChanceExplained) -> str:
    """'base 60%; −40% Tehran restrains the militias → 20%'; a chance held at 0% or 100% says so (:func:`_bound`)."""
    return ("; ".join([f"base {exact_percent(explained.base)}", *_modifiers(explained.modifiers)])
            + f" → {exact_percent(explained.chance)}" + _bound(explained.base, explained.modifiers, explained.chance))


def _bound(base: float, modifiers: Iterable[ModifierApplied | ShownModifier], chance: float) -> str:
    """' (the parts add up to −10%; a chance cannot fall below 0%)' when the modifiers took the odds past a
    bound and the chance was held there (the engine clamps to [0, 1]), else ''. Without it, 'base 30%; −40% …
    → 0%' reads as a sum that does not add up."""
    total = base + sum(m.add for m in modifiers)
    if chance == 0 and total < -1e-9:
        return f" (the parts add up to −{exact_percent(-total)}; a chance cannot fall below 0%)"
    if chance == 1 and total > 1 + 1e-9:
        return f" (the parts add up to {exact_percent(total)}; a chance cannot rise above 100%)"
    return ""


def _modifiers(modifiers: Iterable[ModifierApplied | ShownModifier]) -> list[str]:
    """Each modifier that moved the odds, as '+10% reason' (its closing full stop dropped, since the parts are
    joined by semicolons); a modifier worth exactly nothing this time (a scaled one at zero) is left out, since
    '+0%' beside its reason reads as if it applied. The record keeps every modifier."""
    return [f"{'+' if m.add >= 0 else '−'}{exact_percent(abs(m.add))} {m.reason.rstrip().rstrip('.')}"
            for m in modifiers if m.add != 0]


def roll(value: float, chance: float | None = None) -> str:
    """A roll in [0, 1) to two decimals, cut rather than rounded: 0.996 reads '0.99', never '1.00' (no roll
    reaches 1), and a roll just under the chance never reads as equal to it. Given the ``chance`` it was
    rolled against, as many more decimals as it takes for the roll as written to fall on the same side of
    the chance as written (:func:`exact_percent`) as the roll did: 0.2253 against 22.5% reads '0.225', so
    it does not look like a success ("a roll under the chance")."""
    digits = 2
    while True:
        scale = 10 ** digits
        text = f"{math.floor(value * scale) / scale:.{digits}f}"
        if chance is None or digits >= 6:
            return text
        if (float(text) < float(exact_percent(chance).rstrip("%").lstrip("<")) / 100) == (value < chance):
            return text
        digits += 1


def exact_percent(value: float) -> str:
    """'20%', '11.4%': whole percents as they are, others to one decimal, so that the parts of a chance
    add up to its total as a class reads them out."""
    tenths = round(value * 1000)
    if tenths == 0 and value > 0:
        return "<0.1%"
    return f"{tenths // 10}%" if tenths % 10 == 0 else f"{tenths / 10:.1f}%"


def outcome(scenario: Scenario, event: OutcomeAdjudicated) -> str:
    """One line: who did what, the odds and the roll, the band, what changed."""
    role = scenario.role(event.role).name
    action = scenario.action(event.role, event.action).label
    return (
        f"{role}: {action} — chance {chance(event.chance)}; roll {roll(event.roll, event.chance.chance)} → {event.band.upper()}; "
        f"{effects(scenario, event.effects)}"
    )


def knock_ons(scenario: Scenario, undone: Iterable[str], fired: Iterable[str], retested: bool = True) -> str:
    """What an override did to its turn's follow-on rules, by label: 'follow-on rules tested again: undone
    Outrage at Iraqi deaths; now fires A quiet week' (or 'no change'); for an override recorded before
    overrides tested rules again, that the rules were left as adjudicated."""
    if not retested:
        return "follow-on rules left as adjudicated (recorded before overrides tested them again)"
    labels = {rule.id: rule.label for rule in scenario.world.rules}
    undone = list(undone)
    parts = [f"undone {', '.join(labels.get(r, r) for r in undone)}"] if undone else []
    fired = list(fired)
    if fired:
        parts.append(f"now {'fire' if len(fired) > 1 else 'fires'} {', '.join(labels.get(r, r) for r in fired)}")
    return "follow-on rules tested again: " + ("; ".join(parts) if parts else "no change")


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


def band_name(scenario: Scenario, role: str, action: str, band: str) -> str:
    """A band as the teams read it: its label ('Washington has to ask'); 'a ruling of the umpire's own' for an
    override with custom effects; otherwise the band's id as a word ('Failure' for the engine's implicit band)."""
    if band == "custom":
        return "a ruling of the umpire's own"
    try:
        spec = next((b for b in scenario.action(role, action).bands if b.id == band), None)
    except KeyError:
        spec = None
    if spec is not None and spec.label:
        return spec.label
    return band.replace("_", " ").capitalize()


def band_with_key(scenario: Scenario, role: str, action: str, band: str) -> str:
    """For the record: the band's name with its id beside it, 'Washington has to ask (success)', so a trainer
    reads what the team read and which kind of result it was."""
    name = band_name(scenario, role, action, band)
    return name if name.lower() == band.replace("_", " ").lower() or band == "custom" else f"{name} ({band})"


def turns_span(first: int, last: int) -> str:
    """'turn 3', 'turns 1–3'."""
    return f"turn {first}" if first == last else f"turns {first}–{last}"


def shown(odds: ShownChance) -> str:
    """Odds as a lens sees them: 'base 60%; +10% reason → 70%', or with '+ something you cannot see → withheld'."""
    parts = [f"base {exact_percent(odds.base)}", *_modifiers(odds.modifiers)]
    if odds.hidden:
        parts.append("something you cannot see applies")
    if odds.chance is None:
        return "; ".join(parts) + " → withheld"
    held = "" if odds.hidden else _bound(odds.base, odds.modifiers, odds.chance)
    return "; ".join(parts) + f" → {exact_percent(odds.chance)}" + held


def outcome_seen(scenario: Scenario, seen: OutcomeView, relative: bool = True) -> str:
    """One outcome as a lens may read it: like :func:`outcome`, with what it may not know left out (by default
    its effects as changes only, see :func:`effect`)."""
    role = scenario.role(seen.role).name
    rolled = f"roll {roll(seen.roll, seen.odds.chance)} → " if seen.roll is not None else ""
    return (
        f"{role}: {seen.label} — chance {shown(seen.odds)}; {rolled}{seen.adjudicated_band.upper()}; "
        f"{effects(scenario, seen.adjudicated_effects, relative)}"
    )
