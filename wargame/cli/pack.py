"""CLI command ``wargame pack``: the printable briefing packs of a scenario (HTML and PDF)."""

from __future__ import annotations

from pathlib import Path

import click

from wargame.cli.common import SAVE, content_option, fail, load_or_fail


@click.command()
@click.argument("scenario")
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The folder to write the packs into (made if missing).")
@click.option("--save", "save", type=SAVE, default=None,
              help="A hosted save: issue fresh join codes (earlier ones stop working) and print each on its pack.")
@click.option("--no-pdf", is_flag=True, help="Write the HTML only (the PDFs take a few seconds each).")
@click.option("--force", is_flag=True, help="Replace packs already in the folder.")
@content_option
def pack(scenario: str, output: Path, save: Path | None, no_pdf: bool, force: bool, content: Path | None) -> None:
    """Write a briefing pack per role, a control pack and a room poster for SCENARIO, as HTML and PDF.

    A role's pack holds only what that role may know: its own private brief, the
    others' public briefs, its objectives, resources, moves, red lines and the
    variables it sees. The control pack holds everything: every inject in order,
    the contingencies with their "use to…" guidance, the ladder and the timeline.
    """
    from wargame.materials.join import JoinUnavailable, join_sheets
    from wargame.materials.pack_files import pack_pages, write_packs
    from wargame.report.pdf import PdfUnavailable
    from wargame.scenario.content import locate
    from wargame.scenario.injectfiles import read_phases

    loaded = load_or_fail(scenario, content)
    files = locate(scenario, content)
    assert files is not None
    join = None
    if save is not None:
        try:
            join = join_sheets(save)
        except JoinUnavailable as error:
            fail(str(error))
        if not join:
            fail(f"{save}: no join codes issued")
    phases = [(p.title or p.stem, p.inject_ids) for p in read_phases(files)]
    pages = pack_pages(loaded, phases, join)
    there = [output / f"{stem}.{ext}" for stem in pages for ext in (("html",) if no_pdf else ("html", "pdf"))]
    clash = next((path for path in there if path.exists() or path.is_symlink()), None)
    if clash is not None and not force:
        fail(f"{clash}: already exists; add --force to replace the packs in {output}")
    try:
        written = write_packs(pages, output, pdf=not no_pdf, private=join is not None)
    except PdfUnavailable as error:
        fail(str(error))
    except OSError as error:
        fail(f"{output}: {error.strerror or error}")
    packs = len(loaded.world.roles) + 1
    click.echo(f"written: {packs} packs ({len(loaded.world.roles)} roles and control) and a room poster in {output}: "
               f"{len(written)} files", err=True)
    if join is not None:
        click.echo("these packs hold live join codes: they are readable by you only; delete them after printing", err=True)
