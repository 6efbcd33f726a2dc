"""CLI command ``balance``: the designer's balance report of a scenario."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from wargame.cli.common import FilePath, check_output, content_option, fail, load_or_fail, write_atomically


@click.command()
@click.argument("scenario")
@click.option("--games", "-n", type=click.IntRange(2, 10_000_000), default=2000, show_default=True,
              help="Games of the baseline (every role random).")
@click.option("--per-strategy", type=click.IntRange(2, 10_000_000), default=None,
              help="Games of each other strategy (default: a twentieth of --games, at least 100); paired with the baseline's.")
@click.option("--seed", "-s", type=click.IntRange(0, 2**63 - 1), default=None, help="Seed of the run (default: the scenario's).")
@click.option("--control", type=click.Choice(["random", "none"]), default="random", show_default=True,
              help="How control releases contingency injects: each with chance 1/turns per turn, or never.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes to use.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (identical for any --jobs).")
@click.option("--html", "html_path", type=FilePath("the HTML file to write"), default=None,
              help="Also write the report as a self-contained HTML page with charts.")
@click.option("--force", is_flag=True, help="Replace the --html file if it already exists.")
@content_option
def balance(scenario: str, games: int, per_strategy: int | None, seed: int | None, control: str, jobs: int,
            as_json: bool, html_path: Path | None, force: bool, content: Path | None) -> None:
    """Play SCENARIO's strategies many times and report what each move is worth to its role.

    Strategies: every role random (the baseline); each role in turn playing one action every turn
    it is legal, or passing, or one of its personas, the other roles random. Reported per role and
    action: how often legal and played, the role's mean score with and without it (marginal value
    with a 95% interval), the gain of always playing it, dominant and dead moves; injects, rules,
    red lines and endings that never fire; inert variables.
    """
    from wargame.balance import balance as run_balance
    from wargame.balance.strategies import strategies

    loaded = load_or_fail(scenario, content)
    if html_path is not None:
        check_output(html_path, force=force)  # before the games, not after minutes of them
    seed = loaded.world.seed if seed is None else seed
    per = per_strategy if per_strategy is not None else max(100, games // 20)
    total = games + per * (len(strategies(loaded)) - 1)
    click.echo(f"balance: {total} games of {loaded.id} ({games} random, {per} for each of "
               f"{len(strategies(loaded)) - 1} strategies) on {jobs} process{'es' if jobs > 1 else ''}", err=True)
    done = [0]
    tty = sys.stderr.isatty()
    step = max(1, total // (50 if tty else 10))

    def progress(n: int) -> None:
        before = done[0] // step
        done[0] += n
        if done[0] // step != before or done[0] == total:
            line = f"  {done[0]}/{total} games ({done[0] * 100 // total}%)"
            sys.stderr.write(f"\r{line}" if tty else f"{line}\n")
            if tty and done[0] == total:
                sys.stderr.write("\n")
            sys.stderr.flush()

    try:
        data = run_balance(loaded, games, per, seed, control, jobs, progress)
    except KeyboardInterrupt:
        fail("balance interrupted: nothing written")
    if html_path is not None:
        from wargame.balance.html import render as render_html

        write_atomically(html_path, render_html(data), force=force)
        click.echo(f"written: {html_path}", err=True)
    if as_json:
        click.echo(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False))
    else:
        from wargame.balance.table import render

        click.echo(render(data))
