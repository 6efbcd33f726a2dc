"""CLI command ``autoplay``: many headless bot games, or one recorded as a session."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from wargame.cli.common import FilePath, content_option, echo, fail, load_or_fail
from wargame.text import json_text


def _parse_policies(scenario, pairs: tuple[str, ...]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Each ``ROLE=POLICY`` as {role: policy}; a bad pair, or two different policies for one role, is one line and exit 2."""
    from wargame.engine.decide import players_for

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
        if policies.get(role, policy) != policy:
            fail(f"--policy {role}={policies[role]} and --policy {pair}: two policies for {role}; give one")
        policies[role] = policy
    return policies


@click.command()
@click.argument("scenario")
@click.option("--games", "-n", type=click.IntRange(1, 10_000_000), default=100, show_default=True, help="Games to play.")
@click.option("--seed", "-s", type=click.IntRange(0, 2**63 - 1), default=None,
              help="Seed of the run (default: the scenario's seed).")
@click.option("--policy", "-p", "policy_pairs", multiple=True, metavar="ROLE=POLICY",
              help="Bot for a role: random, historical or a persona id (default: random). Repeatable.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes to use.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (identical for any --jobs).")
@click.option("--save", type=FilePath("the save file to write"), default=None,
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
        echo(f"saved: {save}")
        echo(f"state digest: {digest}")
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
        echo(json_text(data))
    else:
        from wargame.autoplay.table import render

        echo(render(loaded, data))
