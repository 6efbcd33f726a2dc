"""`wargame home`: the saves of a folder, to resume or review, or a new exercise."""

from __future__ import annotations

from pathlib import Path

import click

from wargame.cli.common import content_option, stopped_cleanly
from wargame.cli.play import play
from wargame.cli.review import review
from wargame.cli.sessions import resume


@click.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--scenario", default="iraq-2020", show_default=True, help="The scenario of a new exercise (n).")
@content_option
def home(folder: Path | None, scenario: str, content: Path | None) -> None:
    """Open the home screen: the saved sessions in FOLDER (default: saves/ in a checkout, else your
    data folder). Enter resumes the selected one, v reviews it, n sets up a new exercise."""
    from wargame.store import saves_dir
    from wargame.ui.home import HomeApp

    where = folder or saves_dir()
    app = HomeApp(where)
    choice = app.run()
    stopped_cleanly(app, "no save was changed")
    if choice is None:
        return
    context = click.get_current_context()
    if choice.action == "resume":
        context.invoke(resume, save=choice.path, autoplay=False, takeover="random")
    elif choice.action == "review":
        context.invoke(review, save=choice.path, role=None)
    else:
        save = None
        if folder is not None:
            import datetime as dt

            save = folder / f"{dt.datetime.now():%Y%m%d-%H%M%S}-{scenario}.db"
        context.invoke(play, scenario=scenario, save=save, seed=None, content=content)
