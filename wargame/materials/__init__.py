"""Exercise materials in and out: MSEL spreadsheets, other tools' scenario files, briefing packs.

- :mod:`~wargame.materials.msel_export` writes a scenario's injects as XLSX or CSV.
- :mod:`~wargame.materials.sheets` and :mod:`~wargame.materials.build` read a planner's
  sheet back into injects, every problem located as ``FILE:SHEET!CELL: message``.
- :mod:`~wargame.materials.othertools` reads T3SF's MSEL JSON and IcebergTTX scenario JSON.
- :mod:`~wargame.materials.output` writes imported injects into a content folder, all or nothing.
- :mod:`~wargame.materials.packs` builds the briefing packs from the engine's role views.
"""

from __future__ import annotations

from pathlib import Path

from wargame.engine.scenario import Inject, Scenario
from wargame.materials.mapping import Mapping
from wargame.materials.problems import ImportRefused, MaterialProblem, Where

__all__ = ["ImportRefused", "MaterialProblem", "Where", "read_injects"]


def read_injects(path: Path, scenario: Scenario, mapping: Mapping) -> tuple[list[tuple[str, list[Inject]]], list[str]]:
    """Injects by phase from an MSEL sheet (.xlsx, .csv) or another tool's file (.json), and notes for the person.

    Raises ``ImportRefused`` listing every problem, each at its cell (or JSON path).
    """
    if path.suffix.lower() == ".json":
        from wargame.materials.othertools import read_other_tool

        return read_other_tool(path, scenario, mapping)
    from wargame.materials.build import build_injects
    from wargame.materials.sheets import read_sheets

    data = read_sheets(path, mapping)
    try:
        return build_injects(data.records, scenario, mapping, path.name), data.notes
    except ImportRefused as error:
        raise ImportRefused(error.problems, data.notes) from None
