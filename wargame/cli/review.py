"""CLI commands for the after-action review: ``review``, ``report``, ``compare``.

Thin: each opens saves through :mod:`wargame.session`, asks :mod:`wargame.report`
for the data and prints or writes it. A bad save (missing, not a save, damaged,
tampered) is one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from wargame.cli.common import (
    FORCE_HELP,
    FilePath,
    SAVE,
    STDOUT,
    check_output,
    echo,
    emit,
    fail,
    open_or_fail,
    same_file,
    stopped_cleanly,
    write_atomically,
)

def _role_or_fail(session, role: str | None) -> str | None:  # type: ignore[no-untyped-def]
    if role is None or role == "control":
        return None
    roles = session.scenario.world.roles
    if role not in roles:
        fail(f"no role {role!r} in {session.scenario.id} (roles: control, {', '.join(roles)})")
    return role


@click.command()
@click.argument("save", type=SAVE)
@click.option("--format", "-f", "fmt", type=click.Choice(["md", "html", "json", "pdf"]), default="md", show_default=True,
              help="Markdown tables, one self-contained HTML file, JSON for other tools, or PDF (the HTML, printed).")
@click.option("--output", "-o", type=FilePath("the file to write (or - for standard output)"), default=None,
              help="Write to FILE (a new file, written atomically) instead of standard output.")
@click.option("--force", is_flag=True, help=FORCE_HELP)
@click.option("--role", "-r", default=None, metavar="ROLE",
              help="A role's own debrief: only what that role knew, when it knew it (default: control's full report).")
def report(save: Path, fmt: str, output: Path | None, force: bool, role: str | None) -> None:
    """Write the after-action report of SAVE: overview, timeline, charts, scores, history, improvement plan.

    Never writes over SAVE itself (nor over any other name for it), nor over an existing FILE
    without --force, nor over anything but a regular file.
    """
    from wargame.report import RENDERERS, build_report

    if output is not None and output != STDOUT:
        check_output(output, force=force, inputs=[save])
    session = open_or_fail(save)
    try:
        built = build_report(session, _role_or_fail(session, role))
    finally:
        session.close()
    text: str | bytes
    if fmt == "pdf":
        from wargame.report.html import CSS
        from wargame.report.pdf import PdfUnavailable, report_pdf

        if (output is None or output == STDOUT) and sys.stdout.isatty():
            fail("a PDF is not for the terminal: give -o FILE.pdf (or redirect the output)")
        try:
            text = report_pdf(RENDERERS["html"](built), CSS)
        except PdfUnavailable as error:
            fail(str(error))
    else:
        text = RENDERERS[fmt](built)
    if output is None or output == STDOUT:
        emit(text)
    else:
        write_atomically(output, text, force=force, inputs=[save])
        echo(f"written: {output}", err=True)


@click.command()
@click.argument("saves", nargs=-1, required=True, type=SAVE)
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "md", "json"]), default="text", show_default=True)
@click.option("--output", "-o", type=FilePath("the file to write (or - for standard output)"), default=None,
              help="Write to FILE (a new file, written atomically) instead of standard output.")
@click.option("--force", is_flag=True, help=FORCE_HELP)
def compare(saves: tuple[Path, ...], fmt: str, output: Path | None, force: bool) -> None:
    """Compare several sessions of one scenario: end states, escalation per turn, scores, where they diverged."""
    if len(saves) < 2:
        fail("compare needs two saves or more")
    for i, path in enumerate(saves):
        if any(same_file(path, other) for other in saves[:i]):
            fail(f"{path}: given twice")
    if output is not None and output != STDOUT:
        check_output(output, force=force, inputs=saves)
    from wargame.report import build_report
    from wargame.report.compare import compare as run
    from wargame.report.compare import render_json, render_markdown, render_text

    from wargame.session.editions import edition_warning

    reports = []
    scenarios = []
    for path in saves:
        session = open_or_fail(path)
        try:
            reports.append(build_report(session))
            scenarios.append(session.scenario)
        finally:
            session.close()
    for line in edition_warning(list(saves), scenarios):
        click.echo(f"warning: {line}", err=True)
    names = [p.name for p in saves]
    if len(set(names)) < len(names):
        names = [str(p) for p in saves]
    try:
        result = run(reports, names)
    except ValueError as error:
        fail(str(error))
    text = {"text": render_text, "md": render_markdown, "json": render_json}[fmt](result)
    if output is None or output == STDOUT:
        echo(text, nl=False)
    else:
        write_atomically(output, text, force=force, inputs=saves)
        echo(f"written: {output}", err=True)


@click.command()
@click.argument("save", type=SAVE)
@click.option("--role", "-r", default=None, metavar="ROLE", help="Start with a role's lens (l cycles the lenses).")
def review(save: Path, role: str | None) -> None:
    """Replay SAVE turn by turn in the terminal: timeline, world state, charts, role lenses, debrief entries."""
    session = open_or_fail(save)
    lens = _role_or_fail(session, role)
    from wargame.ui.review_app import make_review_app

    app = make_review_app(session, lens=lens or "control")
    try:
        app.run()
    finally:
        session.close()
    stopped_cleanly(app, f"every debrief entry confirmed before it is in {save}")
