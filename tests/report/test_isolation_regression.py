"""The leak reported in issue 9, kept as a regression test: a role's report showed chance modifiers
computed from a variable hidden from it (base_defences, hidden from Tehran and the militias)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from wargame.cli import main
from wargame.engine.scenario import Scenario


def test_tehran_report_does_not_track_base_defences(iraq: Scenario, tmp_path: Path) -> None:
    """Every role played by the historical bot, seed 9, one game recorded; Tehran's Markdown report
    holds no modifier that reads base_defences, and says where its odds were withheld."""
    save = tmp_path / "r.db"
    policies = [arg for role in iraq.world.roles for arg in ("--policy", f"{role}=historical")]
    result = CliRunner().invoke(main, ["autoplay", "iraq-2020", "--games", "1", "--seed", "9", "--save", str(save), *policies])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["report", str(save), "-f", "md", "--role", "tehran"])
    assert result.exit_code == 0, result.output
    report = result.output
    assert "Hardened and defended bases" not in report
    assert "Base defences" not in report
    assert "something you cannot see applies" in report
    control = CliRunner().invoke(main, ["report", str(save), "-f", "md"]).output
    assert "Hardened and defended bases" in control, "control still sees the whole explanation"
