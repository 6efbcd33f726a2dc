"""CLI commands for saved sessions: ``sessions``, ``verify``, ``fork``, ``resume``.

Thin: each opens a save through :mod:`wargame.session` / :mod:`wargame.store`
and prints. Every store problem (not a save, damaged, newer schema, tampered
event, wrong scenario hash) becomes one line on stderr and exit status 2.
"""

from __future__ import annotations

from pathlib import Path

import click

from wargame.cli.common import SAVE, echo, fail, run_console
from wargame.engine.errors import EngineError
from wargame.session import Session
from wargame.store import StoreError, saves_dir
from wargame.store.maintenance import fork_save, list_saves, verify_save

def _roles(assignments: dict[str, str]) -> str:
    return ", ".join(f"{role}={player}" for role, player in assignments.items())


@click.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
def sessions(folder: Path | None) -> None:
    """List the saved sessions in FOLDER (default: saves/ in a checkout, else your data folder).

    Shows each file's scenario, when it started, the turn reached, its status and who plays each role.
    """
    where = folder or saves_dir()
    if not where.is_dir():
        fail(f"{where}: no such folder")
    rows: list[tuple[str, ...]] = []
    for found in list_saves(where):
        if isinstance(found, StoreError):
            rows.append((found.path.name, "-", "-", "-", "unreadable", found.detail))
        else:
            status = found.status if found.schema_version >= 2 else f"{found.status} (schema v{found.schema_version})"
            rows.append((found.path.name, found.scenario_id, found.created[:16].replace("T", " "), str(found.turn), status, _roles(found.assignments)))
    if not rows:
        echo(f"no saves in {where}", err=True)
        return
    header = ("FILE", "SCENARIO", "STARTED", "TURN", "STATUS", "ROLES")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


@click.command()
@click.argument("save", type=SAVE)
def verify(save: Path) -> None:
    """Check a save: SQLite integrity, the event hash chain, every event, and replay against the stored snapshots.

    Prints the number of events, the turn reached and a line 'state digest: <sha256>'.
    Exits 0 when sound, 2 naming the first problem. Never changes the file.
    """
    try:
        report = verify_save(save)
    except StoreError as error:
        fail(str(error))
    echo(f"ok: {save}")
    echo(f"events: {report.events}")
    echo(f"turn: {report.turn} ({report.phase})")
    echo(f"snapshots: {report.snapshots}")
    echo(f"state digest: {report.digest}")


@click.command()
@click.argument("save", type=SAVE)
@click.option("--turn", "turn", type=click.IntRange(min=1), required=True, help="The last turn to keep.")
@click.option("-o", "--output", type=SAVE, required=True, help="The new save file (must not exist).")
def fork(save: Path, turn: int, output: Path) -> None:
    """Copy SAVE's events up to the end of turn N into a new save, to play another line from there.

    The fork resumes at the start of turn N+1 (its scheduled injects already in),
    before any move: the engine closes one turn and opens the next in one step.
    """
    try:
        info = fork_save(save, turn, output)
    except StoreError as error:
        fail(str(error))
    except ValueError as error:
        fail(f"{save}: {error}")
    echo(f"forked: {output} ({info.events} events; {'ended' if info.status == 'ended' else f'resumes at turn {info.turn}'})")


@click.command()
@click.argument("save", type=SAVE)
@click.option("--autoplay", is_flag=True, help="Let bots finish the session headless, then print its state digest.")
@click.option("--takeover", default="random", show_default=True, help="The bot policy that takes over roles played by humans.")
def resume(save: Path, autoplay: bool, takeover: str) -> None:
    """Continue an unfinished session exactly where it stopped.

    Opens the terminal console at the phase the session reached (set-up, moves,
    umpire review). With --autoplay, bots finish it headless instead (human roles
    are handed to the --takeover policy, recorded in the log) and the final state
    digest is printed. A finished session is summed up, not reopened.
    """
    try:
        session = Session.open(save)
        state = session.state
        if autoplay:
            with session:
                if state.phase != "ended":
                    session.autoplay(takeover)
                echo(f"ended: turn {state.turn}: {state.ended.message if state.ended else ''}".rstrip())
                echo(f"events: {session.seq}")
                echo(f"state digest: {session.digest()}")
            return
        if state.phase == "ended":
            with session:
                info = session.save.info()
                echo(f"{save}: {info.scenario_id} (seed {info.seed}), {session.seq} events, turn {state.turn}, ended")
                echo(f"ended: {state.ended.message if state.ended else ''}")
            return
        run_console(session)
    except StoreError as error:
        fail(str(error))
    except EngineError as error:
        fail(f"{save}: {error}")
