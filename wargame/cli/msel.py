"""CLI commands for the master scenario events list: ``msel export`` and ``msel import``.

Export writes the injects of a scenario as a spreadsheet (XLSX, one sheet per
phase) or RFC 4180 CSV. Import reads a planner's sheet (or a T3SF or IcebergTTX
JSON file) into inject YAML files under a content folder: every problem is one
``FILE:SHEET!CELL: message`` line, exit status 2, and nothing is written.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from wargame.cli.common import FORCE_HELP, FilePath, check_output, content_option, fail, load_or_fail, place, write_atomically


@click.group()
def msel() -> None:
    """The MSEL as a spreadsheet: export a scenario's injects, import a planner's sheet."""


@msel.command("export")
@click.argument("scenario")
@click.option("--output", "-o", type=FilePath("the sheet to write"), required=True,
              help="FILE.xlsx (one sheet per phase, print-ready) or FILE.csv (one table, RFC 4180).")
@click.option("--force", is_flag=True, help=FORCE_HELP)
@content_option
def export(scenario: str, output: Path, force: bool, content: Path | None) -> None:
    """Write the injects of SCENARIO in the usual MSEL columns."""
    from wargame.materials.msel_export import ExportError, phase_rows, to_csv, write_xlsx
    from wargame.scenario.content import locate
    from wargame.scenario.injectfiles import read_phases

    loaded = load_or_fail(scenario, content)
    files = locate(scenario, content)
    assert files is not None
    rows = phase_rows(loaded, [(p.title or p.stem, p.inject_ids) for p in read_phases(files)])
    suffix = output.suffix.lower()
    inputs = [files.world, *sorted(files.roles_dir.glob("*.y*ml")), *sorted(files.injects_dir.glob("*.y*ml"))]
    if suffix in (".csv", ".xlsx"):
        check_output(output, force=force, inputs=inputs)
    try:
        if suffix == ".csv":
            write_atomically(output, to_csv(rows), force=force, inputs=inputs)
        elif suffix == ".xlsx":
            folder = output.parent if str(output.parent) else Path(".")
            if not folder.is_dir():
                fail(f"{folder}: no such folder")
            fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
            os.close(fd)
            try:
                write_xlsx(rows, Path(tmp), loaded.world.title)
                place(Path(tmp), output, force=force, inputs=inputs)
            finally:
                Path(tmp).unlink(missing_ok=True)
        else:
            fail(f"{output}: write .xlsx or .csv")
    except ExportError as error:
        fail(str(error))
    except OSError as error:
        fail(f"{output}: {error.strerror or error}")
    count = sum(len(injects) for _, injects in rows)
    click.echo(f"written: {output} ({count} injects, {len(rows)} phases)", err=True)


@msel.command("import")
@click.argument("file", type=FilePath("the sheet or JSON file to import"))
@click.option("--scenario", "-s", "scenario_id", required=True, metavar="ID",
              help="The scenario whose roles, objectives and variables the injects refer to.")
@click.option("--map", "mapping_path", type=FilePath("a mapping file (YAML)"), default=None,
              help="A mapping file (YAML): the sheet's headers, role and objective names, defaults.")
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The content folder to write injects/<ID>/ into (default: --content).")
@click.option("--force", is_flag=True, help="Replace the output's injects/<ID>/ folder if it already holds inject files.")
@content_option
def import_(file: Path, scenario_id: str, mapping_path: Path | None, output: Path | None, force: bool,
            content: Path | None) -> None:
    """Turn FILE (.xlsx, .csv, or T3SF / IcebergTTX .json) into the inject files of a scenario.

    The injects/<ID>/ folder of the output is replaced as a whole (when it already holds
    inject files, only with --force), and only when every row is good; the scenario's world
    and roles are copied there if missing. Injects the scenario's red lines release by id are
    kept from the scenario when FILE has none of that id (a note names each).
    """
    from wargame.materials import ImportRefused, read_injects
    from wargame.materials.mapping import load_mapping
    from wargame.materials.output import with_red_line_injects, write_injects
    from wargame.scenario.content import ScenarioFiles, locate

    target = output or content
    if target is None:
        fail("say where to write: -o CONTENT_FOLDER (or --content)")
    if not file.is_file():
        fail(f"{file}: no such file")
    mine = ScenarioFiles(scenario_id, target)
    existing = target / "injects" / scenario_id
    if not force and existing.is_dir() and any(existing.glob("*.yaml")):
        fail(f"{existing}: already holds inject files; add --force to replace the folder as a whole")
    source = mine if mine.world.is_file() else locate(scenario_id, content)
    scenario = load_or_fail(scenario_id, target if mine.world.is_file() else content)
    assert source is not None
    try:
        mapping = load_mapping(mapping_path)
        read, notes = read_injects(file, scenario, mapping)
        phases, kept = with_red_line_injects(read, scenario)
        for note in [*notes, *kept]:
            click.echo(f"note: {note}", err=True)
        written = write_injects(phases, source, target)
    except ImportRefused as error:
        for note in error.notes:
            click.echo(f"note: {note}", err=True)
        for problem in error.problems:
            click.echo(str(problem), err=True)
        fail(f"{file}: {len(error.problems)} problem(s) (listed above); nothing was written")
    count = sum(len(injects) for _, injects in phases)
    for path in written:
        click.echo(f"written: {path}", err=True)
    click.echo(f"imported {count} injects in {len(phases)} phase(s) into {target}; "
               f"check with 'wargame validate --content {target} {scenario_id}'", err=True)
