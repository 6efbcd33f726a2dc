"""The ``wargame`` command line: a thin face over the session, scenario loading and reports."""

from wargame.cli.main import main

__all__ = ["main"]
