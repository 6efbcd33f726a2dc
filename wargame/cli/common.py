"""Helpers every command of the ``wargame`` command line shares.

Every command that fails on bad input prints one line per problem to stderr and
exits with status 2; none prints a traceback.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from wargame.scenario import ScenarioInvalid, ScenarioNotFound, find_scenarios, load_scenario
from wargame.scenario.content import ENV_VAR
from wargame.store import StoreError

if TYPE_CHECKING:
    from wargame.session import Session

CONTENT_HELP = f"A folder of your own scenarios (same layout as the shipped ones); also ${ENV_VAR}."
SAVE = click.Path(dir_okay=False, path_type=Path)


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


def open_or_fail(path: Path):  # type: ignore[no-untyped-def]
    """Open a save read-only (review, report, compare): nothing is written, not even an upgrade; or one line and exit 2."""
    from wargame.session import Session

    try:
        return Session.open(path, readonly=True)
    except StoreError as error:
        fail(str(error))


def write_atomically(target: Path, text: str | bytes) -> None:
    """Write to a temporary file beside ``target``, then rename: a reader never sees half a report (text or bytes)."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        fail(f"{folder}: no such folder")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as binary:
                binary.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # mkstemp makes 0600; a report is an ordinary file
        os.replace(tmp, target)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        fail(f"{target}: {error.strerror or error}")


def run_console(session: Session | None = None, *, open_session: Callable[[], Session] | None = None) -> None:
    """Open the terminal console on a session (play and resume), close it after, say how to go on.

    With ``open_session`` the first screen is drawn at once and the save is opened (or created)
    in a worker; a :class:`StoreError` from it ends the app and is reported as one line, exit 2.
    On quit it prints the exact command that continues the session (or reviews it, once ended).
    """
    from wargame.ui.app import make_app

    app = make_app(session, open_session=open_session)
    try:
        app.run()
    finally:
        if app.loaded:
            app.session.close()
    if app.open_error is not None:
        if isinstance(app.open_error, StoreError):
            fail(str(app.open_error))
        raise app.open_error
    if not app.loaded:
        return
    opened = app.session
    click.echo(f"saved: {opened.path}")
    if opened.state.phase == "ended":
        click.echo(f"review it: wargame review {opened.path}")
        click.echo(f"report: wargame report {opened.path}")
    else:
        click.echo(f"resume with: wargame resume {opened.path}")
