"""CLI command ``play``: a new exercise in the terminal console."""

from __future__ import annotations

from pathlib import Path

import click

from wargame.cli.common import FilePath, content_option, fail, load_or_fail, run_console
from wargame.program import command


@click.command()
@click.argument("scenario", default="iraq-2020")
@click.option("--save", type=FilePath("the new save file"), default=None,
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

    if save is not None and (save.exists() or save.is_symlink()):  # before the full screen: refused in one line
        fail(f"{save}: a file already exists there; choose another name (a session is continued with "
             f"'{command()} resume {save}')")
    loaded = load_or_fail(scenario, content)
    # the set-up screen is drawn first; the save is created in a worker (a StoreError ends with one line, exit 2)
    run_console(open_session=lambda: Session.create(loaded, seed, None, save))
