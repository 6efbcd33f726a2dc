"""Helpers every command of the ``wargame`` command line shares.

Every command that fails on bad input prints one line per problem to stderr and
exits with status 2; none prints a traceback. Everything printed goes through
:func:`echo` (terminal-safe text, see :mod:`wargame.text`), and every file a
command writes goes through :func:`write_atomically` (never over an input, never
over an existing file without ``--force``, only ever a regular file).
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from wargame.program import command
from wargame.scenario import ScenarioInvalid, ScenarioNotFound, find_scenarios, load_scenario
from wargame.scenario.content import ENV_VAR
from wargame.store import StoreError
from wargame.text import one_line, terminal_safe

if TYPE_CHECKING:
    from wargame.session import Session

CONTENT_HELP = f"A folder of your own scenarios (same layout as the shipped ones); also ${ENV_VAR}."


class FilePath(click.Path):
    """A file's path (a :class:`Path`, folders refused where they exist), never empty: ``--key ""`` would
    otherwise be read as the current folder ('.: Is a directory'); it is refused in one line naming the
    option or argument, exit 2. ``what`` names the file asked for in that line."""

    def __init__(self, what: str = "a file") -> None:
        super().__init__(dir_okay=False, path_type=Path)
        self.what = what

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and value == "":
            name = param.opts[0] if isinstance(param, click.Option) else (param.human_readable_name if param else "path")
            fail(f"{name} is empty: give the path of {self.what}")
        return super().convert(value, param, ctx)


SAVE = FilePath("a save file")


STDOUT = Path("-")
"""``-o -``: write to standard output instead of a file."""

FORCE_HELP = "Replace FILE if it already exists (never an input of the command, never a device)."


def echo(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print ``text`` with every control character and bidi override made visible (:func:`wargame.text.terminal_safe`)."""
    click.echo(terminal_safe(text), err=err, nl=nl)


def emit(output: str | bytes) -> None:
    """A command's output on stdout: text made terminal-safe by :func:`echo`; bytes (a PDF, only
    when stdout is not a terminal) written as they are."""
    if isinstance(output, bytes):
        click.echo(output, nl=False)
    else:
        echo(output, nl=False)


def fail(message: str) -> NoReturn:
    """One clear line on stderr (line breaks folded, controls made visible), exit status 2."""
    click.echo(f"error: {one_line(message)}", err=True)
    sys.exit(2)


def _existing_folder(context: click.Context, parameter: click.Parameter, value: Path | None) -> Path | None:
    """A content folder must be there: one missing would otherwise fall back, silently, to the shipped one."""
    if value is not None and not value.is_dir():
        given = f"${ENV_VAR}" if context.get_parameter_source("content") == click.core.ParameterSource.ENVIRONMENT \
            else "--content"
        fail(f"{value}: no such folder ({given})")
    return value


def content_option(function):  # type: ignore[no-untyped-def]
    return click.option(
        "--content",
        type=click.Path(file_okay=False, path_type=Path),
        envvar=ENV_VAR,
        default=None,
        callback=_existing_folder,
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
            echo(str(problem), err=True)
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


def same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` are one file, whatever the spelling, symlink or hard link (st_dev + st_ino),
    or name one place that does not exist yet."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _sidecars(path: Path) -> list[Path]:
    """An input and the files SQLite keeps beside a save: writing over ``g.db-wal`` would damage ``g.db``."""
    return [path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))]


def check_output(target: Path, *, force: bool = False, inputs: Iterable[Path] = (), can_force: bool = True) -> None:
    """Refuse, with one line and exit 2, to write ``target`` if that would overwrite an input of
    the command (any spelling, symlink or hard link), anything but a regular file (a device such as
    /dev/null, a folder, a pipe: even with ``force``), or an existing file without ``force``.
    ``can_force`` False: the command has no --force, and the refusal does not offer one."""
    for source in inputs:
        for guarded in _sidecars(Path(source)):
            if same_file(target, guarded):
                what = f"{source}" if guarded == Path(source) else f"where SQLite keeps part of {source}"
                fail(f"{target}: that is {what}, an input of this command; write the output to another file")
    try:
        info = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):  # nothing there: the writer says why it cannot write
        return
    except OSError as error:
        fail(f"{target}: {error.strerror or error}")
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a device, pipe or socket)"
        fail(f"{target}: {kind}; the output goes only to a new or regular file (or '-o -' for standard output)")
    if not force:
        fail(f"{target}: already exists; choose another name" + (", or add --force to replace it" if can_force else ""))


def write_atomically(target: Path, text: str | bytes, *, force: bool = False, inputs: Iterable[Path] = ()) -> None:
    """Write ``text`` (or bytes, e.g. a PDF) to ``target`` through a temporary file in the same folder,
    renamed into place, after :func:`check_output`. A reader never sees half a file; without ``force``
    an existing file is never replaced, even one created while the text was being written.
    ``target`` ``-`` prints instead."""
    if target == STDOUT:
        emit(text)
        return
    inputs = list(inputs)
    check_output(target, force=force, inputs=inputs)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        fail(f"{folder}: no such folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        fail(f"{target}: cannot write there ({error.strerror or error})")
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as binary:
                binary.write(text)
                binary.flush()
                os.fsync(binary.fileno())
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
        place(Path(tmp), target, force=force, inputs=inputs)
    except OSError as error:
        fail(f"{target}: {error.strerror or error}")
    finally:
        Path(tmp).unlink(missing_ok=True)


def place(tmp: Path, target: Path, *, force: bool = False, inputs: Iterable[Path] = ()) -> None:
    """Move a finished temporary file (in ``target``'s folder) to ``target``, as an ordinary file
    (mode from the umask), after checking :func:`check_output` once more: the world may have changed
    while it was written. Without ``force`` a hard link puts it there only if the name is free."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(tmp, 0o666 & ~mask)  # mkstemp makes 0600; an output is an ordinary file
    check_output(target, force=force, inputs=inputs)
    if force:
        os.replace(tmp, target)
    else:
        _place_new(tmp, target)


def _place_new(tmp: Path, target: Path) -> None:
    """Move ``tmp`` to ``target`` only if nothing is there: a hard link fails on an existing name."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        fail(f"{target}: already exists; choose another name, or add --force to replace it")
    except OSError:  # a filesystem without hard links
        if os.path.lexists(target):
            fail(f"{target}: already exists; choose another name, or add --force to replace it")
        os.replace(tmp, target)


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
        stopped_cleanly(app, "no session was opened")
        return
    opened = app.session
    run = command()
    stopped_cleanly(app, f"every step confirmed before it is in {opened.path}: continue with "
                         f"'{run} resume {opened.path}'")
    echo(f"saved: {opened.path}")
    if opened.state.phase == "ended":
        echo(f"review it: {run} review {opened.path}")
        echo(f"report: {run} report {opened.path}")
    else:
        echo(f"resume with: {run} resume {opened.path}")


def stopped_cleanly(app: Any, after: str) -> None:
    """After a Textual app has run: if it stopped on an error (Textual has shown it), say so and what
    follows in one line, and exit 2; a crash is never reported as success."""
    if app.return_code:
        fail(f"the terminal screen stopped on an unexpected error (shown above); {after}")
