"""CLI commands ``host``, ``join`` and ``seats``: one save played from many screens, each opened with a join code."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import click

from wargame.cli.common import SAVE, content_option, fail, load_or_fail, open_or_fail, stopped_cleanly
from wargame.program import command


def _open_or_create(target: str, save: Path | None, seed: int | None, bots: tuple[str, ...],
                    content: Path | None):  # type: ignore[no-untyped-def]
    """An existing save (``target`` is a file) or a new one of scenario ``target`` (roles in ``bots`` played by bots)."""
    from wargame.engine.errors import EngineError
    from wargame.session import Session
    from wargame.store import StoreError

    if Path(target).is_file():
        if save is not None or seed is not None or bots:
            fail(f"{target} is a save: --save, --seed and --bot are only for a new session")
        return open_or_fail(Path(target))
    if target.endswith(".db") or "/" in target or "\\" in target:  # a save's name, not a scenario's id
        fail(f"{target}: no such save file")
    loaded = load_or_fail(target, content)
    assignments = {}
    for given in bots:
        role, _, policy = given.partition("=")
        assignments[role] = policy or "random"
    try:
        return Session.create(loaded, seed, assignments, save)
    except (StoreError, EngineError) as error:
        fail(str(error))


def _print_codes(session, codes: dict[str, str], url: str | None) -> Path:  # type: ignore[no-untyped-def]
    """Show new codes once, and write the printable sheet beside the save."""
    from wargame.seats import lens_name
    from wargame.seats.sheet import sheet_html, write_sheet

    click.echo("Join codes (shown once; only their salted hashes are kept):")
    width = max(len(lens_name(session, lens)) for lens in codes)
    for lens, code in codes.items():
        click.echo(f"  {lens_name(session, lens):<{width}}  {code.replace('-', ' ')}")
    sheet = session.path.with_name(session.path.name + ".codes.html")
    cards = [(lens_name(session, lens), code) for lens, code in codes.items()]
    write_sheet(sheet, sheet_html(session.scenario.world.title, session.path.name, cards, url))
    click.echo(f"Printable sheet with QR codes: {sheet} (delete it after printing)")
    return sheet


@click.command()
@click.argument("target", metavar="[SCENARIO|SAVE]", default="iraq-2020")
@click.option("--save", type=SAVE, default=None, help="The new session file (a new session only).")
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=None, help="Seed of a new session.")
@click.option("--bot", "bots", multiple=True, metavar="ROLE[=POLICY]",
              help="A role of a new session played by a bot (default policy: random); the others are human teams.")
@click.option("--reissue", "reissue", multiple=True, metavar="LENS",
              help="New codes for these lenses (control, a role id, room, or all); the old codes stop working.")
@click.option("--web", is_flag=True, help="Also serve the seats to browsers (textual-serve).")
@click.option("--host", "address", default=None, help="Address to serve on (default 127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--no-wait", is_flag=True, help="Issue codes and exit (no bots, no clock, no web server).")
@content_option
def host(target: str, save: Path | None, seed: int | None, bots: tuple[str, ...], reissue: tuple[str, ...], web: bool, address: str | None,
         port: int, no_wait: bool, content: Path | None) -> None:
    """Host a class: open SAVE or start a new session of SCENARIO, issue join codes, and keep the session running.

    Each seat (control, each role, the room display) joins with its own code:
    `wargame join SAVE` in any terminal on this machine, or a browser with --web.
    The host plays the bots when a turn opens; leave it running until the class ends
    (Ctrl+C stops it; nothing is lost, `wargame host SAVE` picks up again).
    """
    from wargame.seats import book_for, lenses
    from wargame.seats.host import Host
    from wargame.ui.web import DEFAULT_HOST, exposed

    if address is not None and not web:
        fail("--host is for --web")
    address = address or DEFAULT_HOST
    session = _open_or_create(target, save, seed, bots, content)
    book = book_for(session)
    url = f"http://{address}:{port}" if web else None
    known = lenses(session)
    wanted = known if "all" in reissue else list(reissue)
    unknown = [lens for lens in wanted if lens not in known]
    if unknown:
        session.close()
        fail(f"no lens {', '.join(unknown)} (choose from {', '.join(known)} or all)")
    if not book.seats():
        wanted = known
    click.echo(f"Session: {session.path}")
    if wanted:
        _print_codes(session, book.issue(wanted), url)
    else:
        click.echo(f"Join codes were issued before ({len(book.seats())} seats); --reissue LENS (or all) makes new ones.")
    if no_wait:
        session.close()
        return
    click.echo(f"Seats in a terminal: wargame join {session.path}")
    stop = threading.Event()
    runner = Host(session, say=lambda line: click.echo(line))
    worker = threading.Thread(target=runner.run, args=(stop,), name="host", daemon=True)
    worker.start()
    try:
        if web:
            from wargame.ui.web import SeatServer

            if exposed(address):
                click.echo(f"warning: serving on {address}: anyone on the network who can reach it may try codes "
                           "(wrong codes are rate-limited and logged). Use only on a network you trust.", err=True)
            click.echo(f"Seats in a browser: {url}/")
            SeatServer(session.path, session.scenario.world.title, host=address, port=port).serve()
        else:
            click.echo("Hosting; Ctrl+C to stop (the seats keep what they have; nothing is lost).")
            while worker.is_alive():
                worker.join(1.0)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        worker.join(5.0)
        session.close()
    click.echo(f"stopped hosting {session.path}")


@click.command()
@click.argument("save", type=SAVE)
@click.option("--code", default=None, help="The join code (asked for when left out; also $WARGAME_SEAT_CODE).")
def join(save: Path, code: str | None) -> None:
    """Open a seat on SAVE: the join code decides which lens (control, a role, the room display) it shows."""
    from wargame.seats import book_for
    from wargame.ui.web import CODE_ENV
    from wargame.ui.seat_app import SeatApp

    session = open_or_fail(save)
    book = book_for(session)
    where = "web" if os.environ.get("TEXTUAL_DRIVER", "").endswith("WebDriver") else "terminal"
    if where == "terminal" and not book.seats():  # before the full screen: no code could open anything
        session.close()
        fail(f"{save}: this session has no join codes yet; control issues them with '{command()} host {save}'")
    code = code or os.environ.pop(CODE_ENV, None)
    app = SeatApp(session, admit=lambda typed: book.admit(typed, where), code=code)
    try:
        app.run()
    finally:
        session.close()
    stopped_cleanly(app, f"every step confirmed before it is in {save}: rejoin with 'wargame join {save}'")


@click.command()
@click.argument("save", type=SAVE)
@click.option("--revoke", "revoke", multiple=True, metavar="LENS", help="Revoke this lens's code (it opens nothing from now on).")
@click.option("--reissue", "reissue", multiple=True, metavar="LENS", help="Issue a new code for this lens (or all).")
@click.option("--log", "show_log", is_flag=True, help="Show the join log (joins, wrong codes, revocations).")
def seats(save: Path, revoke: tuple[str, ...], reissue: tuple[str, ...], show_log: bool) -> None:
    """List, revoke or re-issue SAVE's join codes (control's tool, on the host machine)."""
    import datetime as dt

    from wargame.seats import book_for, lens_name, lenses
    from wargame.seats.book import SeatError

    session = open_or_fail(save)
    try:
        book = book_for(session)
        known = lenses(session)
        wanted = known if "all" in reissue else list(reissue)
        for lens in [*revoke, *wanted]:
            if lens not in known:
                fail(f"no lens {lens!r} (choose from {', '.join(known)})")
        for lens in revoke:
            click.echo(f"revoked: {lens_name(session, lens)}" if book.revoke(lens) else f"{lens}: no code to revoke")
        if wanted:
            _print_codes(session, book.issue(wanted), None)
        for record in book.seats():
            state = f"revoked {record.revoked}" if record.revoked else f"issued {record.issued}"
            click.echo(f"{lens_name(session, record.lens)} ({record.lens}): {state}")
        if show_log:
            for entry in book.log():
                when = dt.datetime.fromtimestamp(entry.get("at", 0), dt.timezone.utc).isoformat(timespec="seconds")
                detail = ", ".join(f"{k}={v}" for k, v in sorted(entry.items()) if k not in ("at", "event"))
                click.echo(f"{when} {entry.get('event')}: {detail}")
    except SeatError as error:
        fail(str(error))
    finally:
        session.close()
