"""Where scenarios live: the shipped content, and a facilitator's own folder.

A content folder has the layout of this repository's top level::

    scenarios/<id>.yaml        the world
    roles/<id>/<role>.yaml     one file per role
    injects/<id>/*.yaml        the master scenario events list, one file per phase

The shipped scenarios sit at the top of a checkout and are copied into the wheel
as ``wargame/_content``. A folder given with ``--content`` or ``WARGAME_CONTENT``
is searched first, so a copy of a shipped scenario there takes its place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "WARGAME_CONTENT"


def builtin_root() -> Path:
    """The content shipped with the program: in the wheel, or at the top of a checkout."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "_content"
    if (packaged / "scenarios").is_dir():
        return packaged
    return package.parent


def content_roots(content: Path | str | None = None) -> list[Path]:
    """The folders to search, most specific first."""
    roots: list[Path] = []
    chosen = content if content is not None else os.environ.get(ENV_VAR) or None
    if chosen is not None:
        roots.append(Path(chosen))
    builtin = builtin_root()
    if builtin not in roots:
        roots.append(builtin)
    return roots


@dataclass(frozen=True)
class ScenarioFiles:
    """The files that make up one scenario in one content folder."""

    id: str
    root: Path

    @property
    def world(self) -> Path:
        return self.root / "scenarios" / f"{self.id}.yaml"

    @property
    def roles_dir(self) -> Path:
        return self.root / "roles" / self.id

    @property
    def injects_dir(self) -> Path:
        return self.root / "injects" / self.id

    def label(self, path: Path) -> str:
        """A file's name as shown in messages: relative to its content folder."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


def find_scenarios(content: Path | str | None = None) -> list[ScenarioFiles]:
    """Every scenario found, the first folder winning when two hold the same id."""
    found: dict[str, ScenarioFiles] = {}
    for root in content_roots(content):
        directory = root / "scenarios"
        if not directory.is_dir():
            continue
        for world in sorted(directory.glob("*.yaml")):
            found.setdefault(world.stem, ScenarioFiles(world.stem, root))
    return sorted(found.values(), key=lambda files: files.id)


def locate(scenario: str, content: Path | str | None = None) -> ScenarioFiles | None:
    """Find a scenario by id, or by the path of its world file."""
    path = Path(scenario)
    if path.suffix in (".yaml", ".yml") and path.is_file():
        return ScenarioFiles(path.stem, path.resolve().parent.parent)
    for files in find_scenarios(content):
        if files.id == scenario:
            return files
    return None
