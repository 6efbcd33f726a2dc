"""The ``wargame`` command line: a thin face over scenario loading, the engine and the store.

Every command that fails on bad input prints one line per problem to stderr and
exits with status 2; none prints a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

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

if TYPE_CHECKING:
    from wargame.session import Session

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
        where = f" --content {content}" if content is not None else ""
        fail(f"scenario {scenario!r} has {len(error.problems)} problem(s) (listed above); "
             f"check it with 'wargame validate{where} {scenario}'")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wargame")
def main() -> None:
    """Policy wargames and tabletop exercises: scenarios as data, seeded adjudication, saved sessions."""


@main.command()
@click.argument("scenario", required=False)
@content_option
def validate(scenario: str | None, content: Path | None) -> None:
    """Check a scenario (by id, world-file path or content folder), or every scenario found.

    Exits 0 when valid; otherwise prints file:line:col: field: message for each
    problem and exits 2.
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


def _parse_policies(scenario, pairs: tuple[str, ...]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from wargame.engine.commands import players_for

    policies: dict[str, str] = {}
    for pair in pairs:
        role, sep, policy = pair.partition("=")
        if not sep or not role or not policy:
            fail(f"--policy takes ROLE=POLICY, got {pair!r}")
        if role not in scenario.world.roles:
            fail(f"--policy {pair}: no role {role!r} (roles: {', '.join(scenario.world.roles)})")
        allowed = [p for p in players_for(scenario, role) if p != "human"]
        if policy not in allowed:
            fail(f"--policy {pair}: {role} can be played by {', '.join(allowed)}")
        policies[role] = policy
    return policies


@main.command()
@click.argument("scenario")
@click.option("--games", "-n", type=click.IntRange(1, 10_000_000), default=100, show_default=True, help="Games to play.")
@click.option("--seed", "-s", type=click.IntRange(0, 2**63 - 1), default=None,
              help="Seed of the run (default: the scenario's seed).")
@click.option("--policy", "-p", "policy_pairs", multiple=True, metavar="ROLE=POLICY",
              help="Bot for a role: random, historical or a persona id (default: random). Repeatable.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes to use.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (identical for any --jobs).")
@click.option("--save", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Record the game as a session file (with --games 1).")
@content_option
def autoplay(scenario: str, games: int, seed: int | None, policy_pairs: tuple[str, ...], jobs: int,
             as_json: bool, save: Path | None, content: Path | None) -> None:
    """Play GAMES games of SCENARIO headless with bots and report the distribution of outcomes."""
    from wargame.autoplay.runner import autoplay as run
    from wargame.autoplay.tally import report

    loaded = load_or_fail(scenario, content)
    policies = _parse_policies(loaded, policy_pairs)
    seed = loaded.world.seed if seed is None else seed
    if save is not None:
        if games != 1:
            fail("--save records one game: use it with --games 1")
        from wargame.autoplay.runner import assignments
        from wargame.session import record_game

        from wargame.store import StoreError

        try:
            digest = record_game(loaded, seed, assignments(loaded, policies), save)
        except StoreError as error:
            fail(str(error))
        click.echo(f"saved: {save}")
        click.echo(f"state digest: {digest}")
        return
    if sys.stderr.isatty() and games >= 200:
        with click.progressbar(length=games, label=f"playing {games} games", file=sys.stderr) as bar:
            tally = run(loaded, games, seed, policies, jobs, progress=bar.update)
    else:
        tally = run(loaded, games, seed, policies, jobs)
    meta = {
        "scenario": loaded.id,
        "seed": seed,
        "policies": {role: policies.get(role, "random") for role in loaded.world.roles},
    }
    rungs = [(rung.level, rung.label) for rung in loaded.world.ladder.rungs]
    data = report(tally, meta, rungs, [inject.id for inject in loaded.injects])
    if as_json:
        click.echo(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False))
    else:
        from wargame.autoplay.table import render

        click.echo(render(loaded, data))


@main.command()
@click.argument("scenario", default="iraq-2020")
@click.option("--save", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The new session file (default: a new file under saves/ in a checkout).")
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=None,
              help="Seed (default: the scenario's; can be changed at set-up).")
@content_option
def play(scenario: str, save: Path | None, seed: int | None, content: Path | None) -> None:
    """Run an exercise in the terminal: set-up, then the facilitator's console and the players' moves.

    The save file is created at once; every step is committed as it is confirmed,
    so quitting at any moment (ctrl+q) leaves a session that `wargame resume` continues.
    """
    from wargame.session import Session
    from wargame.store import StoreError

    loaded = load_or_fail(scenario, content)
    try:
        session = Session.create(loaded, seed, None, save)
    except StoreError as error:
        fail(str(error))
    run_console(session)


def run_console(session: Session) -> None:
    """Open the terminal console on a session (play and resume), close it after, say where it is saved."""
    from wargame.ui.app import make_app

    app = make_app(session)
    try:
        app.run()
    finally:
        session.close()
    click.echo(f"saved: {session.path}")


if __name__ == "__main__":  # pragma: no cover
    main()

from wargame.cli_sessions import fork, resume, sessions, verify  # noqa: E402

main.add_command(sessions)
main.add_command(verify)
main.add_command(fork)
main.add_command(resume)

from wargame.cli_review import compare, report, review  # noqa: E402

main.add_command(review)
main.add_command(report)
main.add_command(compare)

from wargame.cli_home import home  # noqa: E402

main.add_command(home)
