"""Checks across files: every reference resolves, every expression is in the grammar and well typed.

Each file on its own has already passed its pydantic model. What is left needs the
whole scenario at once: the names one file uses that another defines.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import yaml

from wargame.engine.expr import ExprError, Type, compile_expr
from wargame.engine.scenario import OPERATIONS, Effect, InjectFile, Role, World
from wargame.scenario.yamlfile import Problem, YamlDocument

Loc = tuple[str | int, ...]


def _hint(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _Checker:
    def __init__(self, world: World, roles: list[tuple[YamlDocument, Role]], injects: set[str]) -> None:
        self.problems: list[Problem] = []
        self.injects = injects
        self.variables = {variable.id for variable in world.variables}
        # Names come from the world's list and the role files' names, so that one misnamed id is
        # reported once, where it is, rather than at every place that uses the role.
        self.role_ids = set(world.roles)
        self.moves = {(doc.path.stem, action.id) for doc, role in roles for action in role.actions}

    def add(self, doc: YamlDocument, loc: Loc, field: str, message: str, column_offset: int = 0) -> None:
        line, column = doc.locate(loc)
        self.problems.append(Problem(doc.label, line, column + column_offset, field, message))

    def expr(self, doc: YamlDocument, loc: Loc, field: str, source: str, want: Type) -> None:
        try:
            compile_expr(source, want=want, variables=self.variables, moves=self.moves, injects=self.injects)
        except ExprError as error:
            self.add(doc, loc, field, f"{error.message} in {source!r}", _offset(doc, loc, error.column))

    def variable(self, doc: YamlDocument, loc: Loc, field: str, name: str) -> None:
        if name not in self.variables:
            self.add(doc, loc, field, f"unknown variable {name!r}{_hint(name, self.variables)}")

    def role(self, doc: YamlDocument, loc: Loc, field: str, name: str) -> None:
        if name not in self.role_ids:
            self.add(doc, loc, field, f"unknown role {name!r}{_hint(name, self.role_ids)}")

    def effects(self, doc: YamlDocument, loc: Loc, field: str, effects: list[Effect]) -> None:
        for i, effect in enumerate(effects):
            self.variable(doc, loc + (i, "var"), f"{field}[{i}].var", effect.var)
            for op in OPERATIONS:
                value = getattr(effect, op)
                if isinstance(value, str):
                    self.expr(doc, loc + (i, op), f"{field}[{i}].{op}", value, "number")
            if effect.until is not None:
                self.expr(doc, loc + (i, "until"), f"{field}[{i}].until", effect.until, "bool")

    def inject(self, doc: YamlDocument, loc: Loc, field: str, name: str) -> None:
        if name not in self.injects:
            self.add(doc, loc, field, f"unknown inject {name!r}{_hint(name, self.injects)}")

    def unique(self, doc: YamlDocument, loc: Loc, field: str, ids: list[str], what: str) -> None:
        seen: set[str] = set()
        for i, item in enumerate(ids):
            if item in seen:
                self.add(doc, loc + (i, "id"), f"{field}[{item}].id", f"duplicate {what} id {item!r}")
            seen.add(item)


def _offset(doc: YamlDocument, loc: Loc, column: int) -> int:
    """Columns inside a one-line expression, counted from its first character in the file."""
    node = doc.node
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            return 0
        if node is None:
            return 0
    if isinstance(node, yaml.ScalarNode) and node.start_mark.line == node.end_mark.line:
        quoted = 1 if node.style in ("'", '"') else 0
        return column - 1 + quoted
    return 0


def check_references(
    world_doc: YamlDocument,
    world: World,
    roles: list[tuple[YamlDocument, Role]],
    injects: list[tuple[YamlDocument, InjectFile]],
) -> list[Problem]:
    """Every cross-file problem of a scenario whose files each passed their own model."""
    c = _Checker(world, roles, {inject.id for _, phase in injects for inject in phase.injects})
    w = world_doc

    # the world
    c.unique(w, ("variables",), "variables", [v.id for v in world.variables], "variable")
    c.unique(w, ("end_conditions",), "end_conditions", [e.id for e in world.end_conditions], "end condition")
    c.unique(w, ("rules",), "rules", [r.id for r in world.rules], "rule")
    for i, variable in enumerate(world.variables):
        if isinstance(variable.visible_to, list):
            for j, name in enumerate(variable.visible_to):
                c.role(w, ("variables", i, "visible_to", j), f"variables[{variable.id}].visible_to[{j}]", name)
    c.variable(w, ("ladder", "variable"), "ladder.variable", world.ladder.variable)
    ladder_var = next((v for v in world.variables if v.id == world.ladder.variable), None)
    if ladder_var is not None:
        for i, rung in enumerate(world.ladder.rungs):
            if not ladder_var.min <= rung.level <= ladder_var.max:
                c.add(w, ("ladder", "rungs", i, "level"), f"ladder.rungs[{i}].level",
                      f"level {rung.level} is outside {ladder_var.id}'s bounds [{ladder_var.min:g}, {ladder_var.max:g}]")
    for i, end in enumerate(world.end_conditions):
        c.expr(w, ("end_conditions", i, "when"), f"end_conditions[{end.id}].when", end.when, "bool")
    for i, rule in enumerate(world.rules):
        c.expr(w, ("rules", i, "when"), f"rules[{rule.id}].when", rule.when, "bool")
        c.effects(w, ("rules", i, "effects"), f"rules[{rule.id}].effects", rule.effects)
    seen_turns: set[int] = set()
    for i, turn in enumerate(world.historical_line):
        where = f"historical_line[{i}]"
        if turn.turn > world.turns:
            c.add(w, ("historical_line", i, "turn"), f"{where}.turn", f"turn {turn.turn} is after the last turn ({world.turns})")
        if turn.turn in seen_turns:
            c.add(w, ("historical_line", i, "turn"), f"{where}.turn", f"turn {turn.turn} appears twice")
        seen_turns.add(turn.turn)
        for role_id, actions in turn.moves.items():
            if role_id not in c.role_ids:
                c.role(w, ("historical_line", i, "moves", role_id), f"{where}.moves.{role_id}", role_id)
                continue
            for j, action_id in enumerate(actions):
                if (role_id, action_id) not in c.moves:
                    known = [a for r, a in c.moves if r == role_id]
                    c.add(w, ("historical_line", i, "moves", role_id, j), f"{where}.moves.{role_id}[{j}]",
                          f"role {role_id!r} has no action {action_id!r}{_hint(action_id, known)}")
    for name in world.history.end_state:
        c.variable(w, ("history", "end_state", name), f"history.end_state.{name}", name)
    c.unique(w, ("exercise_objectives",), "exercise_objectives", [o.id for o in world.exercise_objectives],
             "exercise objective")
    for i, objective in enumerate(world.exercise_objectives):
        for j, name in enumerate(objective.variables):
            c.variable(w, ("exercise_objectives", i, "variables", j),
                       f"exercise_objectives[{objective.id}].variables[{j}]", name)

    # roles: one file each, named for the role, listed in the world
    file_ids: dict[str, YamlDocument] = {}
    for doc, role in roles:
        stem = doc.path.stem
        file_ids[stem] = doc
        if role.id != stem:
            c.add(doc, ("id",), "id", f"is {role.id!r} but the file is named {stem}{doc.path.suffix}")
        elif role.id not in world.roles:
            c.add(doc, ("id",), "id", f"role {role.id!r} is not listed in the world's roles ({w.label})")
    for i, role_id in enumerate(world.roles):
        if role_id not in file_ids:
            c.add(w, ("roles", i), f"roles[{i}]", f"no file roles/{world.id}/{role_id}.yaml for role {role_id!r}")
    if len(set(world.roles)) != len(world.roles):
        c.add(w, ("roles",), "roles", "a role is listed twice")

    for doc, role in roles:
        c.unique(doc, ("objectives",), "objectives", [o.id for o in role.objectives], "objective")
        c.unique(doc, ("actions",), "actions", [a.id for a in role.actions], "action")
        c.unique(doc, ("red_lines",), "red_lines", [r.id for r in role.red_lines], "red line")
        c.unique(doc, ("personas",), "personas", [p.id for p in role.personas], "persona")
        for i, role_objective in enumerate(role.objectives):
            c.expr(doc, ("objectives", i, "metric"), f"objectives[{role_objective.id}].metric", role_objective.metric,
                   "number")
        for i, red_line in enumerate(role.red_lines):
            where = f"red_lines[{red_line.id}]"
            if red_line.when is not None:
                c.expr(doc, ("red_lines", i, "when"), f"{where}.when", red_line.when, "bool")
            if isinstance(red_line.declared_to, list):
                for j, name in enumerate(red_line.declared_to):
                    c.role(doc, ("red_lines", i, "declared_to", j), f"{where}.declared_to[{j}]", name)
            c.effects(doc, ("red_lines", i, "effects"), f"{where}.effects", red_line.effects)
            for j, name in enumerate(red_line.injects):
                c.inject(doc, ("red_lines", i, "injects", j), f"{where}.injects[{j}]", name)
        pools = {pool.var for pool in role.pools}
        for i, pool in enumerate(role.pools):
            c.variable(doc, ("pools", i, "var"), f"pools[{i}].var", pool.var)
        for i, action in enumerate(role.actions):
            where = f"actions[{action.id}]"
            if action.cost > role.resources.per_turn:
                c.add(doc, ("actions", i, "cost"), f"{where}.cost",
                      f"costs {action.cost}, more than the role's {role.resources.per_turn} per turn")
            for j, (condition, reason) in enumerate(action.conditions):
                at: Loc = ("actions", i, "preconditions", j) + (() if reason is None else ("when",))
                c.expr(doc, at, f"{where}.preconditions[{j}]", condition, "bool")
            for j, name in enumerate(action.known_to):
                if name == role.id:
                    c.add(doc, ("actions", i, "known_to", j), f"{where}.known_to[{j}]",
                          f"names {role.id!r} itself: a role always knows of its own moves")
                else:
                    c.role(doc, ("actions", i, "known_to", j), f"{where}.known_to[{j}]", name)
            for var in action.costs:
                if var not in pools:
                    declared = ", ".join(sorted(pools)) or "none declared"
                    c.add(doc, ("actions", i, "costs", var), f"{where}.costs.{var}",
                          f"{var!r} is not one of {role.id}'s pools (pools: {declared})")
            for j, modifier in enumerate(action.chance.modifiers):
                if modifier.when is not None:
                    c.expr(doc, ("actions", i, "chance", "modifiers", j, "when"), f"{where}.chance.modifiers[{j}].when",
                           modifier.when, "bool")
                if isinstance(modifier.add, str):
                    c.expr(doc, ("actions", i, "chance", "modifiers", j, "add"), f"{where}.chance.modifiers[{j}].add",
                           modifier.add, "number")
            for j, band in enumerate(action.bands):
                c.effects(doc, ("actions", i, "bands", j, "effects"), f"{where}.bands[{band.id}].effects", band.effects)
        action_ids = {a.id for a in role.actions}
        for i, persona in enumerate(role.personas):
            for action_id, weight in persona.weights.items():
                loc: Loc = ("personas", i, "weights", action_id)
                field = f"personas[{persona.id}].weights.{action_id}"
                if action_id not in action_ids:
                    c.add(doc, loc, field, f"role {role.id!r} has no action {action_id!r}{_hint(action_id, action_ids)}")
                elif isinstance(weight, str):
                    c.expr(doc, loc, field, weight, "number")
            if isinstance(persona.pass_weight, str):
                c.expr(doc, ("personas", i, "pass_weight"), f"personas[{persona.id}].pass_weight", persona.pass_weight, "number")

    # injects
    objectives = {f"{doc.path.stem}.{o.id}" for doc, role in roles for o in role.objectives}
    inject_ids: dict[str, YamlDocument] = {}
    for doc, phase in injects:
        for i, inject in enumerate(phase.injects):
            loc = ("injects", i)
            where = f"injects[{inject.id}]"
            if inject.id in inject_ids:
                c.add(doc, loc + ("id",), f"{where}.id", f"duplicate inject id {inject.id!r} (also in {inject_ids[inject.id].label})")
            inject_ids.setdefault(inject.id, doc)
            if inject.turn is not None and inject.turn > world.turns:
                c.add(doc, loc + ("turn",), f"{where}.turn", f"turn {inject.turn} is after the last turn ({world.turns})")
            if inject.trigger is not None:
                c.expr(doc, loc + ("trigger",), f"{where}.trigger", inject.trigger, "bool")
            if isinstance(inject.audience, list):
                for j, name in enumerate(inject.audience):
                    c.role(doc, loc + ("audience", j), f"{where}.audience[{j}]", name)
            for j, variant in enumerate(inject.variants):
                for k, name in enumerate(variant.audience):
                    c.role(doc, loc + ("variants", j, "audience", k), f"{where}.variants[{j}].audience[{k}]", name)
                    if isinstance(inject.audience, list) and name not in inject.audience:
                        c.add(doc, loc + ("variants", j, "audience", k), f"{where}.variants[{j}].audience[{k}]",
                              f"{name!r} is not in the inject's audience, so would never read this variant")
            for j, name in enumerate(inject.objectives):
                if name not in objectives:
                    c.add(doc, loc + ("objectives", j), f"{where}.objectives[{j}]",
                          f"unknown objective {name!r} (write role.objective){_hint(name, objectives)}")
            c.effects(doc, loc + ("effects",), f"{where}.effects", inject.effects)
    return c.problems
