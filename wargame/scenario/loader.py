"""Loading a scenario: files → checked, frozen ``Scenario``, or every problem with its line."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from wargame.engine.scenario import InjectFile, Role, Scenario, World
from wargame.scenario.checks import check_references
from wargame.scenario.content import ScenarioFiles, locate
from wargame.engine.design import design_findings
from wargame.scenario.fields import known_keys
from wargame.scenario.yamlfile import Problem, YamlDocument, YamlProblem, read_yaml
from wargame.text import character_name, control_character

MAX_FILES = 200


class ScenarioNotFound(LookupError):
    """No scenario of that id (or at that path) in any content folder."""


class ScenarioInvalid(ValueError):
    """A scenario with problems; ``problems`` lists every one found, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def field_path(data: Any, loc: tuple[str | int, ...]) -> tuple[tuple[str | int, ...], str]:
    """Drop pydantic's union-branch tags from ``loc``; name list items by their id where they have one."""
    kept: list[str | int] = []
    parts: list[str] = []
    current = data
    for key in loc:
        if isinstance(current, dict) and key in current:
            kept.append(key)
            parts.append(f".{key}" if parts else str(key))
            current = current[key]
        elif isinstance(current, list) and isinstance(key, int) and 0 <= key < len(current):
            kept.append(key)
            item = current[key]
            name = item.get("id") if isinstance(item, dict) else None
            parts.append(f"[{name}]" if isinstance(name, str) and name else f"[{key}]")
            current = item
        elif isinstance(current, (dict, list)) and isinstance(key, str) and key and not _is_tag(key):
            # a missing key: name it, but point at its parent
            parts.append(f".{key}" if parts else key)
            break
        else:
            continue
    return tuple(kept), "".join(parts)


def _is_tag(key: str) -> bool:
    return "[" in key or key in ("str", "int", "float", "bool", "list", "dict", "none") or key.startswith(("literal", "function"))


def control_problems(doc: YamlDocument) -> list[Problem]:
    """Every key or value holding a control character other than newline and tab (``"\\e[2J"``,
    a pasted BEL): scenario text is shown on terminals and in reports, where such characters act."""
    problems: list[Problem] = []
    stack: list[tuple[yaml.Node, tuple[str | int, ...]]] = [(doc.node, ())] if doc.node is not None else []
    while stack:
        node, loc = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                stack.append((key_node, loc))
                stack.append((value_node, (*loc, key_node.value)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*loc, index)) for index, item in enumerate(node.value))
        elif isinstance(node, yaml.ScalarNode):
            index = control_character(node.value)
            if index is not None:
                mark = node.start_mark
                column = mark.column + 1 + (index if node.style is None and "\n" not in node.value[:index] else 0)
                problems.append(Problem(doc.label, mark.line + 1, column, field_path(doc.data, loc)[1],
                                        f"holds the control character {character_name(node.value[index])}; "
                                        "scenario text may hold line breaks and tabs, no other control characters"))
    return sorted(problems, key=lambda p: (p.line, p.column))


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _read_as(error: Mapping[str, Any], source: str | None) -> str:
    """Why YAML gave a value of another type than the field wants, and how quoting fixes it; or ''."""
    value = error.get("input")
    kind = str(error["type"])
    written = source if source is not None else str(value)
    if isinstance(value, bool) and kind != "bool_type":
        read = f"YAML 1.1 read {written} as the boolean {str(value).lower()} (yes, no, on, off, true and false are booleans)"
        if kind in ("float_type", "int_type"):
            return f"{read}, and a boolean is not a number here: write the number you mean"
        return f"{read}; put it in quotes ('{written}') to write it as text"
    if isinstance(value, (int, float)) and kind in ("string_type", "literal_error", "string_pattern_mismatch"):
        return f"YAML read {written} as a number; put it in quotes ('{written}') to write it as text"
    if isinstance(value, str) and kind in ("float_type", "int_type") and _looks_numeric(value):
        return (f"YAML 1.1 read {written} as text, not a number (an exponent needs a sign and the number a point: "
                f"1.0e+5, not 1e5); write it that way, without quotes")
    if kind == "finite_number":
        what = "not-a-number" if value != value else "infinity"
        return f"YAML read {written} as {what}; every number in a scenario must be finite"
    return ""


def _message(error: Mapping[str, Any], known: list[str] | None) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(error["loc"][-1])
        hint = ""
        if known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(known)})"
        return f"unknown key {key!r}{hint}"
    if kind == "missing":
        return "required key is missing"
    message = str(error["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return message


def validation_problems(doc: YamlDocument, model: type[BaseModel], error: ValidationError) -> list[Problem]:
    """Turn pydantic's errors into located problems, one per place, union branches merged."""
    merged: dict[str, tuple[tuple[str | int, ...], list[str]]] = {}
    unknown_keys: set[str] = set()
    for item in error.errors():
        loc = tuple(item["loc"])
        kept, name = field_path(doc.data, loc)
        known = known_keys(model, doc.data, loc[:-1]) if item["type"] == "extra_forbidden" else None
        message = _message(item, known)
        hint = _read_as(item, doc.scalar(kept))
        if hint:
            message = hint
        if item["type"] == "extra_forbidden":
            unknown_keys.add(name)
        if name in merged:
            if message not in merged[name][1]:
                merged[name][1].append(message)
        else:
            merged[name] = (kept, [message])
    problems = []
    for name, (kept, messages) in merged.items():
        # a place that takes a number or an expression: the number's message says more than "quote it as text"
        if len(messages) > 1 and any("to write it as text" not in m for m in messages):
            messages = [m for m in messages if "to write it as text" not in m]
        line, column = doc.locate(kept, at_key=name in unknown_keys)
        problems.append(Problem(doc.label, line, column, name, "; or ".join(messages)))
    return problems


def _validate(doc: YamlDocument, model: type[BaseModel], problems: list[Problem]) -> Any:
    if not isinstance(doc.data, dict):
        what = {"World": "a world", "Role": "a role", "InjectFile": "an inject file"}.get(model.__name__, "this file")
        problems.append(Problem(doc.label, 1, 1, "", f"expected key: value lines at the top level of {what}"))
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as error:
        problems.extend(validation_problems(doc, model, error))
        return None


def _read(files: ScenarioFiles, path: Path, problems: list[Problem]) -> YamlDocument | None:
    try:
        doc = read_yaml(path, files.label(path))
    except YamlProblem as error:
        problems.append(error.problem)
        return None
    controls = control_problems(doc)
    if controls:
        problems.extend(controls)
        return None
    return doc


def _yaml_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_files(files: ScenarioFiles, warnings: list[Problem] | None = None) -> Scenario:
    """Load and check one scenario's files; raise ``ScenarioInvalid`` listing every problem.

    With a ``warnings`` list, the design findings of the valid scenario
    (:mod:`wargame.engine.design`) are appended to it, each at its file and line.
    """
    problems: list[Problem] = []
    world_doc = _read(files, files.world, problems)
    world = _validate(world_doc, World, problems) if world_doc else None

    role_paths = _yaml_files(files.roles_dir)
    inject_paths = _yaml_files(files.injects_dir)
    if len(role_paths) + len(inject_paths) > MAX_FILES:
        raise ScenarioInvalid([Problem(files.label(files.roles_dir), 1, 1, "", f"more than {MAX_FILES} files")])

    roles: list[tuple[YamlDocument, Role]] = []
    for path in role_paths:
        doc = _read(files, path, problems)
        role = _validate(doc, Role, problems) if doc else None
        if doc and role:
            roles.append((doc, role))
    injects: list[tuple[YamlDocument, InjectFile]] = []
    for path in inject_paths:
        doc = _read(files, path, problems)
        phase = _validate(doc, InjectFile, problems) if doc else None
        if doc and phase:
            injects.append((doc, phase))

    if world_doc and world and not problems:
        if world.id != files.id:
            line, column = world_doc.locate(("id",))
            problems.append(Problem(world_doc.label, line, column, "id", f"is {world.id!r} but the file is named {files.id}.yaml"))
        problems.extend(check_references(world_doc, world, roles, injects))
    if problems:
        raise ScenarioInvalid(problems)
    assert world is not None
    by_id = {role.id: role for _, role in roles}
    scenario = Scenario(
        world=world,
        roles=tuple(by_id[role_id] for role_id in world.roles),
        injects=tuple(inject for _, phase in injects for inject in phase.injects),
    )
    if warnings is not None:
        assert world_doc is not None
        warnings.extend(_locate_findings(scenario, world_doc, roles, injects))
    return scenario


def _locate_findings(
    scenario: Scenario,
    world_doc: YamlDocument,
    roles: list[tuple[YamlDocument, Role]],
    injects: list[tuple[YamlDocument, InjectFile]],
) -> list[Problem]:
    role_docs = {role.id: doc for doc, role in roles}
    inject_places = {inject.id: (doc, i) for doc, phase in injects for i, inject in enumerate(phase.injects)}
    located = []
    for finding in design_findings(scenario):
        kind, name, path = finding.place
        if kind == "world":
            doc = world_doc
        elif kind == "role":
            doc = role_docs[name]
        else:
            doc, index = inject_places[name]
            path = ("injects", index, *path)
        line, column = doc.locate(path)
        located.append(Problem(doc.label, line, column, finding.field, finding.message))
    return located


def load_scenario(scenario: str, content: Path | str | None = None) -> Scenario:
    """Load a scenario by id (or world-file path), searching ``content`` then the shipped scenarios."""
    files = locate(scenario, content)
    if files is None:
        raise ScenarioNotFound(scenario)
    if not files.world.is_file():
        raise ScenarioNotFound(scenario)
    return load_files(files)
