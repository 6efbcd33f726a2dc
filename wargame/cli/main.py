"""The ``wargame`` command group: every command, one module per family under :mod:`wargame.cli`."""

from __future__ import annotations

import click

from wargame.cli.autoplay import autoplay
from wargame.cli.balance import balance
from wargame.cli.home import home
from wargame.cli.msel import msel
from wargame.cli.pack import pack
from wargame.cli.play import play
from wargame.cli.review import compare, report, review
from wargame.cli.scenarios import scenarios, schema, validate
from wargame.cli.keys import keys
from wargame.cli.sessions import export, fork, resume, seal, sessions, verify


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wargame")
def main() -> None:
    """Policy wargames and tabletop exercises: scenarios as data, seeded adjudication, saved sessions."""


for command in (validate, scenarios, schema, autoplay, balance, play, sessions, verify, fork, resume, review, report, compare,
                home, msel, pack, export, seal, keys):
    main.add_command(command)
