"""The ``wargame`` command line: a thin face over scenario loading, the engine and the store.

Every command that fails on bad input prints one line per problem to stderr and
exits with status 2; none prints a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import NoReturn

import click

from wargame.scenario import (
    ScenarioInvalid,
    ScenarioNotFound,
    find_scenarios,
    json_schema,
    load_files,
    load_scenario,
)
from wargame.scenario.content import ENV_VAR, locate

CONTENT_HELP = f"A folder of your own scenarios (same layout as the shipped ones); also ${ENV_VAR}."


def fail(message: str) -> NoReturn:
    """One clear line on stderr, exit status 2."""
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def content_option(function):  # type: ignore[no-untyped-def]
    return click.option(
        "--content",
        type=click.Path(file_okay=False, path_type=Path),
        envvar=ENV_VAR,
        default=None,
        help=CONTENT_HELP,
    )(function)


def load_or_fail(scenario: str, content: Path | None):  # type: ignore[no-untyped-def]
    """Load a scenario for a command, turning every problem into lines and exit 2."""
    try:
        return load_scenario(scenario, content)
    except ScenarioNotFound:
        known = ", ".join(files.id for files in find_scenarios(content)) or "none"
        fail(f"no scenario {scenario!r} (found: {known})")
    except ScenarioInvalid as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        fail(f"scenario {scenario!r} has {len(error.problems)} problem(s); run 'wargame validate {scenario}'")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wargame")
def main() -> None:
    """Policy wargames and tabletop exercises: scenarios as data, seeded adjudication, saved sessions."""


@main.command()
@click.argument("scenario", required=False)
@content_option
def validate(scenario: str | None, content: Path | None) -> None:
    """Check a scenario (by id or world-file path), or every scenario found.

    Exits 0 when valid; otherwise prints file:line:col: field: message for each
    problem and exits 2.
    """
    if scenario is None:
        targets = find_scenarios(content)
        if not targets:
            fail("no scenarios found")
    else:
        files = locate(scenario, content)
        if files is None or not files.world.is_file():
            known = ", ".join(f.id for f in find_scenarios(content)) or "none"
            fail(f"no scenario {scenario!r} (found: {known})")
        targets = [files]
    bad = 0
    for files in targets:
        try:
            loaded = load_files(files)
        except ScenarioInvalid as error:
            bad += 1
            for problem in error.problems:
                click.echo(str(problem))
            continue
        click.echo(
            f"ok: {files.id}: {len(loaded.roles)} roles, {len(loaded.injects)} injects, "
            f"{loaded.world.turns} turns ({files.world})",
            err=True,
        )
    if bad:
        sys.exit(2)


@main.command()
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
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


@main.command()
def schema() -> None:
    """Print the JSON Schema of the scenario files (for editors and other tools)."""
    click.echo(json.dumps(json_schema(), indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()
