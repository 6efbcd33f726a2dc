"""Autoplay: the same arguments give the same bytes, whatever the number of processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from wargame.autoplay import Tally, autoplay
from wargame.autoplay.tally import distribution
from wargame.engine.scenario import Scenario


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wargame", *args], capture_output=True, text=True, timeout=300)


def test_json_report_is_identical_for_any_number_of_jobs(harbour_content: Path) -> None:
    """Two runs, and a run on two processes, print identical bytes; another seed prints something else."""
    common = ["autoplay", "harbour", "--content", str(harbour_content), "--games", "500", "--json"]
    one = run_cli(*common, "--seed", "11")
    again = run_cli(*common, "--seed", "11")
    two = run_cli(*common, "--seed", "11", "--jobs", "2")
    other = run_cli(*common, "--seed", "12")
    assert one.returncode == 0, one.stderr
    assert one.stdout == again.stdout == two.stdout
    assert one.stdout != other.stdout
    report = json.loads(one.stdout)
    assert report["games"] == 500
    assert abs(sum(report["endings"].values()) - 1) < 1e-9


def test_tally_merging_does_not_depend_on_order(harbour: Scenario) -> None:
    """Tallies of parts merged in any order equal the tally of the whole."""
    whole = autoplay(harbour, 300, seed=3)
    parts = [autoplay(harbour, 300, seed=3, jobs=2)]
    assert whole == parts[0]
    a, b = Tally(), Tally()
    a.merge(whole)
    b.merge(Tally()).merge(whole)
    assert a == b


def test_distribution_uses_nearest_rank() -> None:
    """Quantiles are nearest-rank over the tallied values; the mean is exact."""
    from collections import Counter

    counts = Counter({v * 100: 1 for v in range(1, 11)})  # values 1..10
    assert distribution(counts) == {"mean": 5.5, "p10": 1.0, "median": 5.0, "p90": 9.0}


def test_bad_policy_is_a_one_line_error(harbour_content: Path) -> None:
    """An unknown role or policy is refused with exit status 2 and one line, before any game is played."""
    result = run_cli("autoplay", "harbour", "--content", str(harbour_content), "--policy", "navy=admiral")
    assert result.returncode == 2
    assert result.stderr.strip() == "error: --policy navy=admiral: navy can be played by random, historical, hawk"


def test_table_output_names_every_section(harbour_content: Path) -> None:
    """Without --json the report is a readable table."""
    result = run_cli("autoplay", "harbour", "--content", str(harbour_content), "--games", "50")
    assert result.returncode == 0
    for heading in ("Final state", "Escalation", "Objective scores", "How the games ended", "Injects fired"):
        assert heading in result.stdout
