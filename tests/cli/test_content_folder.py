"""A content folder given by name must be there: a missing one never falls back, silently, to the shipped scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from wargame.cli import main


@pytest.mark.parametrize("args", [["validate"], ["validate", "iraq-2020"], ["scenarios"],
                                  ["autoplay", "iraq-2020", "--games", "1"]])
def test_a_missing_content_folder_is_refused_in_one_line(tmp_path: Path, args: list[str]) -> None:
    """Reader 10: `wargame validate --content /nodir` printed "ok: iraq-2020 …" for the shipped scenario."""
    missing = tmp_path / "nodir"
    result = CliRunner().invoke(main, [*args, "--content", str(missing)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"error: {missing}: no such folder (--content)"]
    assert not missing.exists()


def test_the_same_from_the_environment_names_the_variable(tmp_path: Path) -> None:
    missing = tmp_path / "nodir"
    result = CliRunner().invoke(main, ["scenarios"], env={"WARGAME_CONTENT": str(missing)})
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"error: {missing}: no such folder ($WARGAME_CONTENT)"]
