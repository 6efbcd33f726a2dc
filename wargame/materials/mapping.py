"""The column mapping file: how a planner's sheet names its columns, roles and objectives.

Example (``msel-map.yaml``)::

    header_row: 3              # the row of column headers (found by itself when left out)
    sheets: [MSEL]             # read only these sheets (default: every sheet with a header row)
    columns:                   # our field: the sheet's header
      id: Serial
      message: Event Synopsis
      audience: Receiving Player
    roles:                     # the sheet's name for a role: our role id
      US Government: washington
    objectives:                # the sheet's name for an objective: role.objective
      Obj 1: washington.deterrence
    defaults:                  # a value for fields the sheet has no column for
      from: Exercise control
    date_format: "%d/%m/%Y"    # how text dates are written (real date cells need none)
    ignore: [Status, Notes]    # columns to leave out without a word

Read with the scenario package's safe YAML reader, so a broken mapping file is
reported at its line like any scenario file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from wargame.materials.columns import FIELDS
from wargame.materials.problems import ImportRefused, MaterialProblem, Where
from wargame.scenario.yamlfile import YamlDocument

Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class Mapping(BaseModel):
    """A parsed mapping file; every part optional."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    header_row: int | None = Field(default=None, ge=1, le=1000)
    sheets: list[Name] = Field(default_factory=list)
    columns: dict[str, Name] = Field(default_factory=dict)
    roles: dict[Name, Name] = Field(default_factory=dict)
    objectives: dict[Name, Name] = Field(default_factory=dict)
    defaults: dict[str, Name] = Field(default_factory=dict)
    date_format: Name | None = None
    ignore: list[Name] = Field(default_factory=list)
    minutes_per_turn: int = Field(default=10, ge=1, le=100_000)
    """Other tools' files timed by the clock (T3SF's ``Real Time``): minutes of real time per turn."""

    @field_validator("columns", "defaults")
    @classmethod
    def _known_fields(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = [key for key in value if key not in FIELDS]
        if unknown:
            raise ValueError(f"unknown field(s) {', '.join(map(repr, unknown))} (fields: {', '.join(FIELDS)})")
        return value


def _unknown_fields(doc: YamlDocument) -> list[MaterialProblem]:
    """Keys of ``columns:`` and ``defaults:`` that are not our fields, each at its own line."""
    problems = []
    for part in ("columns", "defaults"):
        block = doc.data.get(part)
        if isinstance(block, dict):
            for key in block:
                if key not in FIELDS:
                    line, column = doc.locate((part, key), at_key=True)
                    problems.append(MaterialProblem(Where(f"{doc.label}:{line}:{column}"),
                                                    f"{part}: unknown field(s) {key!r} (fields: {', '.join(FIELDS)})"))
    return problems


def load_mapping(path: Path | None) -> Mapping:
    """Read a mapping file, or the empty mapping; raise ``ImportRefused`` naming the file and line."""
    if path is None:
        return Mapping()
    from wargame.scenario.yamlfile import YamlProblem, read_yaml

    try:
        doc = read_yaml(path, str(path))
    except YamlProblem as error:
        p = error.problem
        raise ImportRefused([MaterialProblem(Where(f"{p.file}:{p.line}:{p.column}"), p.message)]) from None
    if doc.data is None:
        return Mapping()
    if not isinstance(doc.data, dict):
        raise ImportRefused([MaterialProblem(Where(f"{path}:1:1"), "expected key: value lines (columns:, roles:, ...)")])
    if problems := _unknown_fields(doc):
        raise ImportRefused(problems)
    try:
        return Mapping.model_validate(doc.data)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            loc = tuple(k for k in item["loc"] if isinstance(k, (str, int)))
            line, column = doc.locate(loc)
            message = str(item["msg"]).removeprefix("Value error, ")
            problems.append(MaterialProblem(Where(f"{path}:{line}:{column}"), f"{'.'.join(map(str, loc))}: {message}"))
        raise ImportRefused(problems) from None
