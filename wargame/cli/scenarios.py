"""CLI commands for scenario files: ``validate``, ``scenarios``, ``schema``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from wargame.cli.common import content_option, echo, fail
from wargame.scenario import ScenarioInvalid, find_scenarios, json_schema, load_files
from wargame.scenario.content import locate
from wargame.scenario.yamlfile import Problem


@click.command()
@click.argument("scenario", required=False)
@click.option("--strict", is_flag=True, help="Treat design warnings as errors (exit 2 when there are any).")
@content_option
def validate(scenario: str | None, strict: bool, content: Path | None) -> None:
    """Check a scenario (by id, world-file path or content folder), or every scenario found.

    Exits 0 when valid; otherwise prints file:line:col: field: message for each
    problem and exits 2. Design warnings (scoreboard-only variables, moves that can
    never be legal, injects that never fire, shared metrics, hidden variables a role
    could read off its screen) print as file:line:col: warning: field: message and
    leave the exit status at 0, unless --strict.
    """
    if scenario is None or Path(scenario).is_dir():
        if scenario is not None:
            folder = Path(scenario)
            targets = [f for f in find_scenarios(folder) if f.root.resolve() == folder.resolve()]
        else:
            targets = find_scenarios(content)
        if not targets:
            fail(f"no scenarios found{' in ' + scenario if scenario else ''} (expected scenarios/<id>.yaml)")
    else:
        files = locate(scenario, content)
        if files is None or not files.world.is_file():
            known = ", ".join(f.id for f in find_scenarios(content)) or "none"
            fail(f"no scenario {scenario!r} (found: {known})")
        targets = [files]
    bad = 0
    for files in targets:
        warnings: list[Problem] = []
        try:
            loaded = load_files(files, warnings)
        except ScenarioInvalid as error:
            bad += 1
            for problem in error.problems:
                echo(str(problem))
            continue
        label = "error (--strict)" if strict else "warning"
        for warning in warnings:
            echo(f"{warning.file}:{warning.line}:{warning.column}: {label}: {warning.field}: {warning.message}")
        if strict and warnings:
            bad += 1
            echo(f"invalid (--strict): {files.id}: {len(warnings)} design warnings ({files.world})", err=True)
            continue
        note = f", {len(warnings)} design warnings" if warnings else ""
        echo(
            f"ok: {files.id}: {len(loaded.roles)} roles, {len(loaded.injects)} injects, "
            f"{loaded.world.turns} turns{note} ({files.world})",
            err=True,
        )
    if bad:
        sys.exit(2)


@click.command()
@content_option
def scenarios(content: Path | None) -> None:
    """List the scenarios found: id, title, roles, injects, turns."""
    rows = []
    for files in find_scenarios(content):
        try:
            loaded = load_files(files)
            rows.append((files.id, loaded.world.title, str(len(loaded.roles)), str(len(loaded.injects)), str(loaded.world.turns)))
        except ScenarioInvalid as error:
            rows.append((files.id, f"(invalid: {len(error.problems)} problems; wargame validate {files.id})", "-", "-", "-"))
    if not rows:
        fail("no scenarios found")
    header = ("ID", "TITLE", "ROLES", "INJECTS", "TURNS")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


@click.command()
def schema() -> None:
    """Print the JSON Schema of the scenario files (for editors and other tools)."""
    echo(json.dumps(json_schema(), indent=2))
