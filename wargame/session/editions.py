"""What differs between two editions of a scenario, in words: roles, actions, odds, outcomes, injects, rules.

Two sessions are of the same edition when their stored scenarios have the same
sha256. ``compare`` warns when they are not (their numbers come from different
rules); ``fork`` refuses to continue a session on another edition.
"""

from __future__ import annotations

from pathlib import Path

from wargame.engine.scenario import Scenario

LIMIT = 8
"""At most this many differences are named; the rest are counted."""


def _ids(items) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {item.id: item for item in items}


def differences(old: Scenario, new: Scenario) -> list[str]:
    """Each difference from ``old`` to ``new`` as a short phrase (empty when the editions are equal)."""
    found: list[str] = []
    if old.id != new.id:
        found.append(f"scenario {old.id} vs {new.id}")
    a, b = _ids(old.roles), _ids(new.roles)
    for role in sorted(a.keys() - b.keys()):
        found.append(f"role {role} removed")
    for role in sorted(b.keys() - a.keys()):
        found.append(f"role {role} added")
    for role in sorted(a.keys() & b.keys()):
        ra, rb = a[role], b[role]
        acts_a, acts_b = _ids(ra.actions), _ids(rb.actions)  # type: ignore[attr-defined]
        for action in sorted(acts_a.keys() - acts_b.keys()):
            found.append(f"action {role}.{action} removed")
        for action in sorted(acts_b.keys() - acts_a.keys()):
            found.append(f"action {role}.{action} added")
        for action in sorted(acts_a.keys() & acts_b.keys()):
            x, y = acts_a[action], acts_b[action]
            if x.chance != y.chance:  # type: ignore[attr-defined]
                found.append(f"odds of {role}.{action}")
            if x.bands != y.bands:  # type: ignore[attr-defined]
                found.append(f"outcomes of {role}.{action}")
            if x.model_copy(update={"chance": y.chance, "bands": y.bands}) != y:  # type: ignore[attr-defined]
                found.append(f"action {role}.{action} (cost, preconditions, visibility or texts)")
        rest_a = ra.model_copy(update={"actions": rb.actions})  # type: ignore[attr-defined]
        if rest_a != rb:
            found.append(f"role {role} (briefs, objectives, red lines, resources or personas)")
    wa, wb = old.world, new.world
    for name in ("variables", "ladder", "rules", "end_conditions", "turns", "start_date", "turn_length_days", "roles"):
        if getattr(wa, name) != getattr(wb, name) and not (name == "roles" and found):
            found.append(f"world {name.replace('_', ' ')}")
    if old.injects != new.injects:
        ia, ib = _ids(old.injects), _ids(new.injects)
        changed = sorted((ia.keys() ^ ib.keys()) | {i for i in ia.keys() & ib.keys() if ia[i] != ib[i]})
        found.append(f"injects {', '.join(changed[:4])}{'…' if len(changed) > 4 else ''}")
    if not found and old != new:
        found.append("texts of the world (title, summary, sources or history)")
    if len(found) > LIMIT:
        found = [*found[:LIMIT], f"and {len(found) - LIMIT} more"]
    return found


def edition_warning(paths: list[Path], scenarios: list[Scenario]) -> list[str]:
    """One line per save whose scenario is another edition than the first save's (same id, other rules)."""
    lines = []
    first = scenarios[0]
    for path, scenario in zip(paths[1:], scenarios[1:]):
        if scenario.id == first.id and scenario != first:
            lines.append(f"different editions of {first.id}: {path.name} differs from {paths[0].name} in "
                         + "; ".join(differences(first, scenario)) + " (their figures come from different rules)")
    return lines
