"""Shared helpers for the materials tests: running the CLI, and the shipped scenario's files."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from wargame.cli import main


def run(*args: str) -> Result:
    """Run ``wargame ARGS`` in-process; stderr is kept apart from stdout."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The shipped scenario's MSEL exported once, as XLSX and as CSV."""
    folder = tmp_path_factory.mktemp("msel")
    files = {}
    for suffix in ("xlsx", "csv"):
        target = folder / f"iraq.{suffix}"
        result = run("msel", "export", "iraq-2020", "-o", str(target))
        assert result.exit_code == 0, result.stderr
        files[suffix] = target
    return files
