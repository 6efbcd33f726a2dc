"""Design findings: what a valid scenario gets wrong as a game, found without playing it.

``validate`` prints them as warnings (``--strict`` makes them errors) and ``wargame balance``
lists them beside what play showed. Every finding is static, read from the files alone:

- **scoreboard only**: a variable that only objective metrics read (or nothing reads): no
  precondition, chance, trigger, rule, red line or end condition depends on it, so nothing a
  player does through it changes the game beyond the score (a persona's weights are a bot's
  taste, not a consequence in the world, so they do not count);
- **never legal**: an action with a precondition that no reachable state satisfies;
- **never fires**: a branch inject whose trigger, a rule whose condition, a red line or an end
  condition that no reachable state satisfies;
- **shared metric**: an objective scored by the same expression as another role's;
- **hidden variable shown**: a variable a role may not see that decides odds, legality, scores or
  bot weights that role is shown, so the role can read it off its own screen; likewise another
  role's private move that decides a role's odds.

"Reachable" is a safe over-estimate: every variable some effect changes may take any value in its
bounds, a variable no effect changes keeps its initial value, the turn runs from 1 to the last.
So a finding of "never" is certain (short of an umpire's custom effects); the absence of one is not
a proof that something happens in play — ``wargame balance`` shows that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from wargame.engine.expr import Bounds, Compiled, compile_expr
from wargame.engine.scenario import OPERATIONS, Effect, Scenario

Kind = Literal["scoreboard_only", "never_legal", "never_fires", "shared_metric", "hidden_shown"]
Place = tuple[str, str, tuple[str | int, ...]]
"""Where a finding is: ("world", "", path) | ("role", role_id, path) | ("inject", inject_id, path within the inject)."""


@dataclass(frozen=True)
class Finding:
    """One design warning: its kind, what it is about, where it is, and a sentence for the author."""

    kind: Kind
    subject: str
    place: Place
    field: str
    message: str


class _Scope:
    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        world = scenario.world
        self.variables = {v.id: v for v in world.variables}
        self.moves = {(role.id, action.id) for role in scenario.roles for action in role.actions}
        self.injects = {inject.id for inject in scenario.injects}
        self.audiences = {inject.id: inject.audience for inject in scenario.injects}
        changed = {e.var for e in _all_effects(scenario)}
        changed |= {pool.var for role in scenario.roles for pool in role.pools}
        self.bounds = Bounds(
            {v.id: (v.min, v.max) if v.id in changed else (v.initial, v.initial) for v in world.variables},
            (1.0, float(world.turns)),
        )
        self.changed = changed
        self.private_moves = {
            (role.id, action.id) for role in scenario.roles for action in role.actions if action.visibility != "public"
        }

    def compile(self, source: str) -> Compiled:
        return compile_expr(source, variables=set(self.variables), moves=self.moves, injects=self.injects)

    def unknowable(self, role: str, compiled: list[Compiled]) -> list[str]:
        """What these expressions read that ``role`` may not know: another role's private moves (this turn's
        or earlier ones) and injects not addressed to it."""
        found = set()
        for c in compiled:
            for r, a in c.moves | c.earlier_moves:
                if r != role and (r, a) in self.private_moves:
                    found.add(f"{r}.{a} (another role's private move)")
            for inject_id in c.injects:
                audience = self.audiences[inject_id]
                if audience != "all" and role not in audience:
                    found.add(f"inject {inject_id} (not sent to {role})")
        return sorted(found)

    def never(self, source: str) -> str | None:
        """Why a condition can never hold, or None if it may."""
        compiled = self.compile(source)
        if compiled.can_be_true(self.bounds):
            return None
        fixed = sorted(v for v in compiled.variables if v not in self.changed)
        ranges = ", ".join(
            f"{v} stays at {self.variables[v].initial:g} (no effect changes it)" if v in fixed
            else f"{v} is within [{self.variables[v].min:g}, {self.variables[v].max:g}]"
            for v in sorted(compiled.variables)
        )
        turn = f"the turn runs 1 to {self.scenario.world.turns}" if "turn" in _names(source) else ""
        why = "; ".join(part for part in (ranges, turn) if part)
        return f"{source!r} can never hold" + (f" ({why})" if why else "")


def _names(source: str) -> set[str]:
    return set(re.findall(r"[A-Za-z_][A-Za-z0-9_.]*", source))


def _all_effects(scenario: Scenario) -> list[Effect]:
    effects: list[Effect] = []
    for rule in scenario.world.rules:
        effects += rule.effects
    for role in scenario.roles:
        for red_line in role.red_lines:
            effects += red_line.effects
        for action in role.actions:
            for band in action.bands:
                effects += band.effects
    for inject in scenario.injects:
        effects += inject.effects
    return effects


def _readers(scenario: Scenario, scope: _Scope) -> dict[str, set[str]]:
    """For each variable, the kinds of expression that read it."""
    read: dict[str, set[str]] = {v: set() for v in scope.variables}

    def note(source: str | float | None, kind: str) -> None:
        if isinstance(source, str):
            for name in scope.compile(source).variables:
                read[name].add(kind)

    world = scenario.world
    for effect in _all_effects(scenario):
        for op in OPERATIONS:
            note(getattr(effect, op), "effect")
        note(effect.until, "effect")
    for end in world.end_conditions:
        note(end.when, "end condition")
    for rule in world.rules:
        note(rule.when, "rule")
    for inject in scenario.injects:
        note(inject.trigger, "inject trigger")
    for role in scenario.roles:
        for objective in role.objectives:
            note(objective.metric, "objective")
        for red_line in role.red_lines:
            note(red_line.when, "red line")
        for pool in role.pools:
            read[pool.var].add("pool")
        for action in role.actions:
            for condition, _ in action.conditions:
                note(condition, "precondition")
            for modifier in action.chance.modifiers:
                note(modifier.when, "chance")
                note(modifier.add, "chance")
    return read


def scoreboard_only(scenario: Scenario) -> dict[str, str]:
    """Variables that decide nothing in play: id → who reads them (``"objectives"`` or ``"nothing"``)."""
    scope = _Scope(scenario)
    found = {}
    for var, kinds in _readers(scenario, scope).items():
        if kinds <= {"objective"}:
            found[var] = "objectives" if kinds else "nothing"
    return found


def design_findings(scenario: Scenario) -> list[Finding]:
    """Every static design finding of a valid scenario, in file order (world, roles, injects)."""
    scope = _Scope(scenario)
    world = scenario.world
    findings: list[Finding] = []

    readers = _readers(scenario, scope)
    for i, variable in enumerate(world.variables):
        kinds = readers[variable.id]
        if kinds <= {"objective"}:
            who = "only objective metrics read it" if kinds else "no expression reads it"
            findings.append(Finding(
                "scoreboard_only", variable.id, ("world", "", ("variables", i, "id")), f"variables[{variable.id}]",
                f"scoreboard only: {who}; no precondition, chance, effect, trigger, rule, red line or end condition "
                "depends on it, so it changes nothing in play"))
    for i, rule in enumerate(world.rules):
        if (why := scope.never(rule.when)) is not None:
            findings.append(Finding("never_fires", f"rule:{rule.id}", ("world", "", ("rules", i, "when")),
                                    f"rules[{rule.id}].when", f"the rule never fires: {why}"))
    for i, end in enumerate(world.end_conditions):
        if (why := scope.never(end.when)) is not None:
            findings.append(Finding("never_fires", f"end:{end.id}", ("world", "", ("end_conditions", i, "when")),
                                    f"end_conditions[{end.id}].when", f"the end condition never holds: {why}"))

    metrics: dict[str, tuple[str, str]] = {}
    for role in scenario.roles:
        visible = {v.id for v in world.variables if _sees(v.visible_to, role.id)}
        for i, objective in enumerate(role.objectives):
            key = re.sub(r"\s+", "", objective.metric)
            other = metrics.get(key)
            if other is not None and other[0] != role.id:
                findings.append(Finding(
                    "shared_metric", f"{role.id}.{objective.id}", ("role", role.id, ("objectives", i, "metric")),
                    f"objectives[{objective.id}].metric",
                    f"the same metric as {other[0]}.{other[1]} ({objective.metric!r}): two roles scored by one number "
                    "cannot want different things"))
            metrics.setdefault(key, (role.id, objective.id))
            hidden = sorted(scope.compile(objective.metric).variables - visible)
            if hidden:
                findings.append(_hidden(role.id, ("objectives", i, "metric"), f"objectives[{objective.id}].metric",
                                        hidden, "its score, shown to it every turn"))
        for i, red_line in enumerate(role.red_lines):
            if red_line.when is not None and (why := scope.never(red_line.when)) is not None:
                findings.append(Finding("never_fires", f"red_line:{role.id}.{red_line.id}",
                                        ("role", role.id, ("red_lines", i, "when")), f"red_lines[{red_line.id}].when",
                                        f"the red line can never be crossed: {why}"))
        for i, action in enumerate(role.actions):
            where = f"actions[{action.id}]"
            for j, (condition, _) in enumerate(action.conditions):
                if (why := scope.never(condition)) is not None:
                    findings.append(Finding("never_legal", f"{role.id}.{action.id}",
                                            ("role", role.id, ("actions", i, "preconditions", j)), f"{where}.preconditions[{j}]",
                                            f"the action can never be legal: {why}"))
                hidden = sorted(scope.compile(condition).variables - visible)
                if hidden:
                    findings.append(_hidden(role.id, ("actions", i, "preconditions", j), f"{where}.preconditions[{j}]",
                                            hidden, "whether the move is open to it"))
                unknown = scope.unknowable(role.id, [scope.compile(condition)])
                if unknown:
                    findings.append(Finding(
                        "hidden_shown", f"{role.id}:{','.join(unknown)}", ("role", role.id, ("actions", i, "preconditions", j)),
                        f"{where}.preconditions[{j}]",
                        f"{', '.join(unknown)} decide{'s' if len(unknown) == 1 else ''} whether {role.id} may make this move, "
                        f"yet {role.id} may not know of {'it' if len(unknown) == 1 else 'them'}"))
            for j, modifier in enumerate(action.chance.modifiers):
                sources = [s for s in (modifier.when, modifier.add) if isinstance(s, str)]
                compiled = [scope.compile(s) for s in sources]
                hidden = sorted({v for c in compiled for v in c.variables} - visible)
                if hidden:
                    findings.append(_hidden(role.id, ("actions", i, "chance", "modifiers", j), f"{where}.chance.modifiers[{j}]",
                                            hidden, f"the odds it is shown ({modifier.reason!r})"))
                unknown = scope.unknowable(role.id, compiled)
                if unknown:
                    findings.append(Finding(
                        "hidden_shown", f"{role.id}:{','.join(unknown)}", ("role", role.id, ("actions", i, "chance", "modifiers", j)),
                        f"{where}.chance.modifiers[{j}]",
                        f"{', '.join(unknown)} decide{'s' if len(unknown) == 1 else ''} a modifier of the odds {role.id} is shown "
                        f"({modifier.reason!r}), yet {role.id} may not know of {'it' if len(unknown) == 1 else 'them'}: "
                        f"{role.id} reads its odds for this move as withheld (a modifier it may not know of is "
                        "never explained to it)"))
        for i, pool in enumerate(role.pools):
            if pool.var not in visible:
                findings.append(_hidden(role.id, ("pools", i, "var"), f"pools[{i}].var", [pool.var],
                                        "which of its moves it can pay for"))
        for i, persona in enumerate(role.personas):
            sources = [w for w in [*persona.weights.values(), persona.pass_weight] if isinstance(w, str)]
            hidden = sorted({v for s in sources for v in scope.compile(s).variables} - visible)
            if hidden:
                findings.append(_hidden(role.id, ("personas", i, "weights"), f"personas[{persona.id}].weights", hidden,
                                        "the choices of the bot playing it (a bot knows only what its role knows)"))

    for inject in scenario.injects:
        if inject.kind == "branch" and inject.trigger is not None and (why := scope.never(inject.trigger)) is not None:
            findings.append(Finding("never_fires", f"inject:{inject.id}", ("inject", inject.id, ("trigger",)),
                                    f"injects[{inject.id}].trigger", f"the inject never fires: {why}"))
    return findings


def _sees(visible_to: object, role: str) -> bool:
    return visible_to == "all" or (isinstance(visible_to, list) and role in visible_to)


def _hidden(role: str, path: tuple[str | int, ...], field: str, hidden: list[str], what: str) -> Finding:
    names = ", ".join(hidden)
    return Finding(
        "hidden_shown", f"{role}:{names}", ("role", role, path), field,
        f"{names} {'is' if len(hidden) == 1 else 'are'} hidden from {role}, yet decide{'s' if len(hidden) == 1 else ''} "
        f"{what}: {role} could read {'it' if len(hidden) == 1 else 'them'} from its own screen")
