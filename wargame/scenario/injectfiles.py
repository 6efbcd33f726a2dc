"""Inject files as phases: read which phase each inject belongs to, write a phase back as YAML.

The loaded :class:`~wargame.engine.scenario.Scenario` keeps the injects as one list;
the phases (one file of ``injects/<id>/`` each) matter to people — an MSEL sheet
per phase, a control pack grouped by phase — so they are read here, from the same
files, in the same order as the loader reads them. Writing lives here too, because
this package is the only one that touches YAML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from wargame.engine.scenario import Inject, InjectFile
from wargame.scenario.content import ScenarioFiles
from wargame.scenario.loader import _yaml_files
from wargame.scenario.yamlfile import read_yaml


@dataclass(frozen=True)
class Phase:
    """One file of the MSEL: its title (may be empty), the file's stem, and its injects' ids in order."""

    title: str
    stem: str
    inject_ids: tuple[str, ...]


def read_phases(files: ScenarioFiles) -> list[Phase]:
    """The phases of a scenario that loads cleanly (call after ``load_files``), in file order.

    Raises ``YamlProblem`` or pydantic's ``ValidationError`` only if the files changed since loading.
    """
    phases = []
    for path in _yaml_files(files.injects_dir):
        phase = InjectFile.model_validate(read_yaml(path, files.label(path)).data)
        phases.append(Phase(phase.phase, path.stem, tuple(inject.id for inject in phase.injects)))
    return phases


class _Dumper(yaml.SafeDumper):
    """Block style; text with line breaks as a literal block, so a message reads as written."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _text)


def inject_data(inject: Inject) -> dict[str, Any]:
    """An inject as the mapping its YAML file holds: keys in schema order, defaults left out."""
    return inject.model_dump(mode="python", by_alias=True, exclude_defaults=True)


def dump_inject_file(phase: str, injects: Sequence[Inject]) -> str:
    """The YAML text of one inject file; loading it gives back exactly ``injects``."""
    data: dict[str, Any] = {}
    if phase:
        data["phase"] = phase
    data["injects"] = [inject_data(inject) for inject in injects]
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)


def file_stem(index: int, phase: str) -> str:
    """``03-aftermath-of-taji``: a sortable, readable file name for the ``index``-th phase (from 1)."""
    words = re.sub(r"[^a-z0-9]+", " ", phase.lower()).split()
    slug = ""
    for word in words:
        if slug and len(slug) + len(word) + 1 > 24:
            break
        slug = f"{slug}-{word}" if slug else word[:24]
    slug = slug or "phase"
    return f"{index:02d}-{slug}"
