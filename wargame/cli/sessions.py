"""CLI commands for saved sessions: ``sessions``, ``verify``, ``fork``, ``resume``, ``export``, ``seal``.

Thin: each opens a save through :mod:`wargame.session` and prints. Every store
problem (not a save, damaged, newer schema, tampered event, wrong scenario hash,
a seal that does not hold) becomes one line on stderr and exit status 2. The
commands that only read (``sessions``, ``verify``, ``export``, a fork's source)
open the save read-only and never change it.
"""

from __future__ import annotations

from pathlib import Path

import click

from wargame.cli.common import SAVE, FilePath, check_output, content_option, echo, fail, load_or_fail, run_console
from wargame.engine.errors import EngineError
from wargame.session import Session
from wargame.session.fork import fork_save
from wargame.session.listing import WalLag, list_saves_with_wal
from wargame.session.verify import verify_save
from wargame.store import StoreError, saves_dir

UNSIGNED = "unsigned: cannot prove it was not rewritten"

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
    lagging: list[str] = []
    for found, lag in list_saves_with_wal(where):
        if lag is not None and not isinstance(found, StoreError):
            lagging.append(lag.warning(found.path))
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
    for line in lagging:
        echo(f"warning: {line}", err=True)


@click.command()
@click.argument("save", type=SAVE)
@click.option("--key", "key_file", type=FilePath("a public key file (seal.pub from 'wargame keys new')"), default=None,
              metavar="PUBLIC",
              help="A public key file (from 'wargame keys new'): refuse the save unless seals made with it hold.")
def verify(save: Path, key_file: Path | None) -> None:
    """Check a save: SQLite integrity, the event hash chain, every event, replay against the stored snapshots, seals.

    Prints the number of events, the turn reached, what the seals prove and a line
    'state digest: <sha256>'. Exits 0 when sound, 2 naming the first problem.
    Reads one consistent snapshot of the file (other processes may append
    meanwhile) and never changes it. Without --key a save is only shown to be
    self-consistent: anyone can rewrite an event and recompute the chain.
    """
    from wargame.session.signing import fingerprint, load_public

    key = None
    if key_file is not None:
        try:
            key = load_public(key_file)
        except (OSError, ValueError) as error:
            fail(f"{key_file}: {getattr(error, 'strerror', None) or error}")
    try:
        report = verify_save(save, key)
    except StoreError as error:
        fail(str(error))
    echo(f"ok: {save}")
    echo(f"events: {report.events}")
    echo(f"turn: {report.turn} ({report.phase})")
    if report.cut_at is not None:
        echo(f"incomplete: the log ends inside the command begun at event {report.cut_at} "
                   "(the file was cut or copied mid-write); resume completes it")
    echo(f"snapshots: {report.snapshots}")
    seals = report.seals
    if key is not None:
        rest = report.events - seals.upto
        echo(f"signed: events 1-{seals.upto} sealed with key {fingerprint(key)}"
                   + (f"; events {seals.upto + 1}-{report.events} came after the last seal" if rest else ""))
    elif seals.keys:
        echo(f"sealed by {', '.join(seals.keys)} up to event {seals.upto}, but no --key was given: "
                   "cannot prove it was not rewritten (anyone can make a key)")
    else:
        echo(UNSIGNED)
    if report.in_file_alone is not None and report.in_file_alone < report.events:
        echo(f"warning: {WalLag(report.in_file_alone, report.events).warning(save)}", err=True)
    echo(f"state digest: {report.digest}")


@click.command()
@click.argument("save", type=SAVE)
@click.option("--turn", "turn", type=click.IntRange(min=1), default=None, help="The last turn to keep.")
@click.option("--event", "event", type=click.IntRange(min=1), default=None,
              help="Keep events 1 to N instead (N must end a command).")
@click.option("-o", "--output", type=SAVE, required=True, help="The new save file (must not exist).")
@click.option("--scenario", "scenario_id", default=None, metavar="ID",
              help="Check that the fork is played on this scenario's current files: refused if they are another edition.")
@content_option
def fork(save: Path, turn: int | None, event: int | None, output: Path, scenario_id: str | None, content: Path | None) -> None:
    """Copy SAVE's events up to the end of turn N into a new save, to play another line from there.

    The fork resumes at the start of turn N+1 (its scheduled injects already in),
    before any move: the engine closes one turn and opens the next in one command,
    and a fork cuts only where a command ended. SAVE is opened read-only.
    """
    if (turn is None) == (event is None):
        fail("give one of --turn N or --event N")
    edition = load_or_fail(scenario_id, content) if scenario_id is not None else None
    check_output(output, inputs=[save], can_force=False)
    try:
        info = fork_save(save, output, turn=turn, event=event, edition=edition)
    except StoreError as error:
        fail(str(error))
    except ValueError as error:
        fail(f"{save}: {error}")
    state = "ended" if info.status == "ended" else f"resumes at turn {info.turn}"
    echo(f"forked: {output} ({info.events} events; {state})")


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
        if session.completed:
            click.echo(f"completed: the log ended inside a command; its last {session.completed} event(s) were re-run "
                       "and appended", err=True)
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


@click.command()
@click.argument("save", type=SAVE)
@click.argument("output", type=SAVE)
@click.option("--force", is_flag=True,
              help="Replace OUTPUT if it already exists (a regular file, never SAVE, never a save open in a session).")
def export(save: Path, output: Path, force: bool) -> None:
    """Write a consistent single-file copy of SAVE to OUTPUT, even while the session is being played.

    Copying the .db alone of an open session misses what is still in its -wal
    file; this copies what is committed at this moment, -wal included (SQLite's
    backup API). OUTPUT must not exist, unless --force: then the finished copy
    replaces it in one rename. SAVE is opened read-only.
    """
    from wargame.store import SaveFile

    check_output(output, force=force, inputs=[save])
    try:
        with SaveFile.open(save, readonly=True) as source:
            source.export(output, replace=force)
        with SaveFile.open(output, readonly=True) as copy:
            copy.read()
            events = copy.info().events
    except StoreError as error:
        fail(str(error))
    click.echo(f"exported: {output} ({events} events)")


@click.command()
@click.argument("save", type=SAVE)
@click.option("--key", "key_file", type=FilePath("a private key file (seal.key from 'wargame keys new')"), default=None,
              metavar="PRIVATE",
              help="The private key to sign with (default: the one 'wargame keys new' made).")
def seal(save: Path, key_file: Path | None) -> None:
    """Sign SAVE as it stands: the chain head, the scenario hash, seed and assignments, with your private key.

    Anyone holding your public key can then check with 'wargame verify SAVE --key PUBLIC'
    that nothing was changed up to here.
    """
    from wargame.session import signing

    try:
        key = signing.signing_key_or_fail(key_file)
        with Session.open(save) as session:
            made = signing.seal(session.save, session.scenario, key, session.state)
            seq = session.seq
    except StoreError as error:
        fail(str(error))
    who = signing.fingerprint(signing.public_text(key.public_key()))
    if made is None:
        click.echo(f"already sealed: {save} up to event {seq} with key {who}")
    else:
        click.echo(f"sealed: {save} up to event {made.seq} with key {who}")
