"""Writing imported injects into a content folder: all of them or none.

The new inject files are written to a staging folder inside the target, next to
copies of the scenario's world and role files, and the whole staged scenario is
loaded and checked like any other. Only then does the staged ``injects/<id>/``
folder replace the old one (two renames on one file system), and the world and
roles are copied in if the target had none. A failure at any step leaves the
target as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from wargame.engine.scenario import Inject, Scenario
from wargame.materials.problems import ImportRefused, MaterialProblem, Where
from wargame.scenario import ScenarioFiles, ScenarioInvalid, load_files
from wargame.scenario.injectfiles import dump_inject_file, file_stem


KEPT_PHASE = "Released by red lines (kept from the scenario)"
"""The phase of the scenario's injects that its red lines release and an imported MSEL does not carry."""


def with_red_line_injects(phases: Sequence[tuple[str, Sequence[Inject]]],
                          scenario: Scenario) -> tuple[list[tuple[str, Sequence[Inject]]], list[str]]:
    """``phases`` plus, as a last phase (:data:`KEPT_PHASE`), the scenario's injects that a role's red line
    releases by id and ``phases`` do not carry (the roles name them: the scenario would not load without
    them); and a note for each one kept. An inject of ``phases`` with the same id takes its place."""
    carried = {inject.id for _, injects in phases for inject in injects}
    kept: list[Inject] = []
    notes = []
    for role in scenario.roles:
        for line in role.red_lines:
            for inject_id in line.injects:
                if inject_id in carried:
                    continue
                carried.add(inject_id)
                inject = scenario.inject(inject_id)
                kept.append(inject)
                notes.append(f"kept {inject_id} ({inject.title}) from the scenario: the red line "
                             f"{role.id}.{line.id} releases it, and the imported file has no inject {inject_id}")
    return ([*phases, (KEPT_PHASE, kept)] if kept else list(phases)), notes


def _copy_scenario(source: ScenarioFiles, root: Path) -> ScenarioFiles:
    staged = ScenarioFiles(source.id, root)
    staged.world.parent.mkdir(parents=True)
    shutil.copyfile(source.world, staged.world)
    shutil.copytree(source.roles_dir, staged.roles_dir)
    staged.injects_dir.mkdir(parents=True)
    return staged


def write_injects(phases: Sequence[tuple[str, Sequence[Inject]]], source: ScenarioFiles, target: Path) -> list[Path]:
    """Replace ``target/injects/<id>/`` by one file per phase; return the files written (in the target).

    ``source`` holds the scenario's world and roles (the target's own when it has them).
    Raises ``ImportRefused`` when the result would not load, or on an I/O error; the target is then unchanged.
    """
    try:
        target.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".import-", dir=target))
    except OSError as error:
        raise ImportRefused([MaterialProblem(Where(str(target)), f"cannot write here: {error.strerror or error}")]) from None
    try:
        staged = _copy_scenario(source, staging / "scenario")
        names = []
        for index, (phase, injects) in enumerate(phases, start=1):
            name = f"{file_stem(index, phase)}.yaml"
            (staged.injects_dir / name).write_text(dump_inject_file(phase, injects), encoding="utf-8")
            names.append(name)
        try:
            load_files(staged)
        except ScenarioInvalid as error:
            raise ImportRefused([MaterialProblem(Where(p.file), f"line {p.line}: {p.field}: {p.message}")
                                 for p in error.problems]) from None
        final = ScenarioFiles(source.id, target)
        if not final.world.is_file():
            final.world.parent.mkdir(parents=True, exist_ok=True)
            if final.roles_dir.exists():
                shutil.rmtree(final.roles_dir)
            final.roles_dir.parent.mkdir(parents=True, exist_ok=True)
            staged.roles_dir.rename(final.roles_dir)
            shutil.copyfile(staged.world, final.world)
        final.injects_dir.parent.mkdir(parents=True, exist_ok=True)
        if final.injects_dir.exists():
            final.injects_dir.rename(staging / "old-injects")
        staged.injects_dir.rename(final.injects_dir)
        return [final.injects_dir / name for name in names]
    except OSError as error:
        raise ImportRefused([MaterialProblem(Where(str(target)), f"cannot write: {error.strerror or error}")]) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
