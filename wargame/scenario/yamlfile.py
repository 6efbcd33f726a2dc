"""Reading one YAML file safely, keeping where every value came from.

Scenario files are data written by people (and sometimes by someone hostile).
This module reads them with PyYAML's safe loader only, after a scan that refuses
what a scenario never needs and an attacker loves: anchors and aliases (the
"billion laughs"), very deep nesting, huge files, duplicate keys (which YAML
would otherwise resolve silently, last one wins). It keeps the composed node
tree, so that a problem found later, at any path, can be reported at its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from wargame.text import character_name

# libyaml's parser when PyYAML was built with it (the wheels are): about 20 times faster, same safe rules.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # type: ignore[assignment]
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class Loader(_Base):  # type: ignore[valid-type,misc]
    """The safe loader without YAML 1.1's implicit timestamps: ``2021-02-30`` stays text, so the
    schema can say which field holds it and why it is no date, and a date-like text where text is
    meant (``dates: 2020-03-11``) is kept as written."""

    yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }

MAX_BYTES = 1_000_000
MAX_DEPTH = 30
MAX_EVENTS = 200_000


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario, located for a person: ``file:line:col: field: message``."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.file}:{self.line}:{self.column}:{field} {self.message}"


class YamlProblem(Exception):
    """A file that cannot be read as safe scenario YAML at all."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class YamlDocument:
    """A file's data, and its node tree to find the line of any path."""

    path: Path
    label: str
    data: Any
    node: yaml.Node | None

    def scalar(self, loc: tuple[str | int, ...]) -> str | None:
        """The source text of the scalar at ``loc`` (``yes`` for a value YAML read as true), or None."""
        node = self.node
        for key in loc:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == key), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
                node = node.value[key]
            else:
                return None
        return node.value if isinstance(node, yaml.ScalarNode) else None

    def locate(self, loc: tuple[str | int, ...], at_key: bool = False) -> tuple[int, int]:
        """The 1-based line and column of the value at ``loc`` (or of its nearest parent);
        with ``at_key``, of the key that holds it (for an unknown key, the key is the mistake)."""
        node = self.node
        if node is None:
            return 1, 1
        mark = node.start_mark
        for index, key in enumerate(loc):
            child: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == key:
                        child = value_node
                        mark = key_node.start_mark
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
                child = node.value[key]
                mark = child.start_mark
            if child is None:
                break
            node = child
            last = at_key and index == len(loc) - 1 and isinstance(key, str)
            if not last and not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
                mark = node.start_mark
        return mark.line + 1, mark.column + 1


def _problem(label: str, mark: yaml.Mark | None, message: str) -> YamlProblem:
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return YamlProblem(Problem(label, line, column, "", message))


def _scan(text: str, label: str) -> None:
    """Refuse aliases, deep nesting and floods of events before anything is built."""
    depth = 0
    count = 0
    for event in yaml.parse(text, Loader=Loader):
        count += 1
        if count > MAX_EVENTS:
            raise _problem(label, event.start_mark, f"file has more than {MAX_EVENTS} YAML items")
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _problem(label, event.start_mark, "anchors and aliases (&, *) are not allowed in scenario files")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _problem(label, event.start_mark, f"nested deeper than {MAX_DEPTH} levels")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _check_keys(node: yaml.Node, label: str) -> None:
    """Duplicate keys and non-text keys are mistakes in a scenario; YAML would hide them."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, yaml.Node] = {}
            for key_node, value_node in current.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _problem(label, key_node.start_mark, "keys must be plain names")
                if key_node.value in seen:
                    first = seen[key_node.value].start_mark.line + 1
                    raise _problem(label, key_node.start_mark, f"duplicate key {key_node.value!r} (first on line {first})")
                seen[key_node.value] = key_node
                stack.append(value_node)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def read_yaml(path: Path, label: str | None = None) -> YamlDocument:
    """Read ``path`` as scenario YAML, or raise ``YamlProblem`` naming the file and line."""
    label = label or str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise _problem(label, None, f"cannot read file: {error.strerror or error}") from None
    if len(raw) > MAX_BYTES:
        raise _problem(label, None, f"file is larger than {MAX_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlProblem(Problem(label, line, 1, "", "file is not UTF-8 text")) from None
    try:
        _scan(text, label)
        loader = Loader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                _check_keys(node, label)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except YamlProblem:
        raise
    except yaml.constructor.ConstructorError as error:
        tag = getattr(error, "problem", "") or ""
        found = tag.split("tag ")[-1] if "tag " in tag else "this tag"
        raise _problem(label, error.problem_mark, f"YAML tag {found} is not allowed in scenario files") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = error.problem or error.context or "invalid YAML"
        raise _problem(label, mark, f"YAML syntax: {message}") from None
    except yaml.reader.ReaderError as error:
        where = error.position
        line, column = text.count("\n", 0, where) + 1, where - text.rfind("\n", 0, where)
        what = f"the control character {character_name(chr(error.character))}" if isinstance(error.character, int) else "a character YAML refuses"
        raise YamlProblem(Problem(label, line, column, "", f"holds {what}; scenario text may hold line breaks and tabs, "
                                                           "no other control characters")) from None
    except yaml.YAMLError as error:
        raise _problem(label, None, f"YAML: {' '.join(str(error).split())}") from None
    except (RecursionError, MemoryError, ValueError, OverflowError) as error:
        raise _problem(label, None, f"YAML: cannot be read ({type(error).__name__})") from None
    return YamlDocument(path, label, data, node)
