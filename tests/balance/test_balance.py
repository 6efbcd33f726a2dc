"""The designer's balance report: what it finds, and that it is the same bytes for any number of processes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.engine.cases.builder import action, role, scenario
from wargame.balance import balance
from wargame.balance.html import render as render_html
from wargame.balance.table import render as render_table
from wargame.cli.main import main
from wargame.engine.scenario import Scenario

VARS = [
    {"id": "score", "label": "Score", "min": 0, "max": 100, "initial": 10},
    {"id": "noise", "label": "Noise", "min": 0, "max": 100, "initial": 50},
    {"id": "idle", "label": "Idle", "min": 0, "max": 10, "initial": 5},
]


def designed() -> Scenario:
    """Role ``a``: ``win`` always adds 3 to its score, ``lose`` takes 2, ``wait`` does nothing, ``locked``
    is never legal; ``b`` makes noise. A branch inject waits for a score no game reaches in 4 turns, a
    contingency waits for control; ``idle`` is read by a rule that never fires and changed by nothing."""
    a = role("a", [
        action("win", effects=[{"var": "score", "add": 3}]),
        action("lose", effects=[{"var": "score", "add": -2}]),
        action("wait"),
        action("locked", preconditions=["idle > 7"], effects=[{"var": "score", "add": 50}]),
    ], per_turn=1, objectives=[{"id": "o", "label": "O", "metric": "score"}])
    b = role("b", [action("shout", effects=[{"var": "noise", "add": 5}]), action("hush", effects=[{"var": "noise", "add": -5}])],
             per_turn=1, objectives=[{"id": "o", "label": "O", "metric": "100 - noise"}],
             red_lines=[{"id": "deafening", "label": "Deafening", "when": "noise >= 200"}])
    injects = [
        {"id": "B-1", "title": "Never", "kind": "branch", "trigger": "score >= 90", "from": "c", "message": "m",
         "provenance": "invented"},
        {"id": "C-1", "title": "Storm", "kind": "contingency", "from": "c", "message": "m", "provenance": "invented",
         "effects": [{"var": "noise", "add": 1}]},
    ]
    return scenario([a, b], variables=VARS, injects=injects, turns=4,
                    rules=[{"id": "wake", "label": "Wake", "when": "idle > 7", "effects": [{"var": "noise", "add": 1}]}])


@pytest.fixture(scope="module")
def report() -> dict:  # type: ignore[type-arg]
    return balance(designed(), games=200, per_strategy=60, seed=3)


def test_the_move_that_always_pays_is_dominant(report: dict) -> None:  # type: ignore[type-arg]
    """Always playing ``win`` gains over random play, clear of every other strategy of the role."""
    win = report["roles"]["a"]["actions"]["win"]
    assert "dominant" in win["flags"]
    assert win["always_gain"]["low"] > 0
    assert win["marginal"]["mean"] > 0 > report["roles"]["a"]["actions"]["lose"]["marginal"]["mean"]
    assert any(line.startswith("a.win is dominant") for line in report["findings"])


def test_a_move_that_changes_nothing_equals_passing_and_a_locked_one_is_never_legal(report: dict) -> None:  # type: ignore[type-arg]
    actions = report["roles"]["a"]["actions"]
    assert actions["wait"]["flags"] == ["equals passing"]
    assert actions["locked"]["flags"] == ["never legal"]
    assert actions["locked"]["legal"] == 0 and actions["win"]["legal"] == 1


def test_play_rates_add_up_for_a_one_move_role(report: dict) -> None:  # type: ignore[type-arg]
    """A random role with one move a turn plays each legal action about equally often."""
    played = [report["roles"]["a"]["actions"][x]["played"] for x in ("win", "lose", "wait")]
    assert sum(played) == pytest.approx(1.0, abs=1e-3)
    assert all(0.25 < p < 0.42 for p in played)


def test_never_fired_injects_rules_red_lines_and_inert_variables_are_listed(report: dict) -> None:  # type: ignore[type-arg]
    findings = report["findings"]
    assert "inject B-1 never fired in any strategy" in findings
    assert "rule wake never fired in any strategy" in findings
    assert "red line b.deafening never fired in any strategy" in findings
    assert report["injects"]["C-1"]["baseline"] > 0.3  # released by the control policy
    assert report["inert_variables"]["never_changed"] == ["idle"]
    assert report["inert_variables"]["scoreboard_only"] == {}


def test_the_report_is_the_same_bytes_for_any_number_of_processes() -> None:
    s = designed()
    one = json.dumps(balance(s, games=120, per_strategy=50, seed=9, jobs=1), sort_keys=True)
    two = json.dumps(balance(s, games=120, per_strategy=50, seed=9, jobs=2), sort_keys=True)
    assert one == two


def test_the_html_page_is_self_contained_and_escapes_scenario_text(report: dict) -> None:  # type: ignore[type-arg]
    hostile = {**report, "roles": {**report["roles"], "a": {**report["roles"]["a"], "name": "<script>alert(1)</script>"}}}
    page = render_html(hostile)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<svg" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page


def test_the_table_names_every_role_and_action(report: dict) -> None:  # type: ignore[type-arg]
    text = render_table(report)
    for name in ("win", "lose", "wait", "locked", "shout", "hush", "B-1", "C-1", "idle"):
        assert name in text


def test_the_command_prints_a_table_json_and_html(harbour_content: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["balance", "--content", str(harbour_content), "harbour", "--games", "40", "--per-strategy", "20"]
    table = runner.invoke(main, args)
    assert table.exit_code == 0, table.output
    assert "Coast guard (navy)" in table.output
    page = tmp_path / "balance.html"
    as_json = runner.invoke(main, [*args, "--json", "--html", str(page)])
    assert as_json.exit_code == 0
    data = json.loads(as_json.stdout)
    assert data["games"] == 40 and data["games_per_strategy"] == 20
    assert page.read_text().startswith("<!doctype html>")
    missing = runner.invoke(main, [*args, "--html", str(tmp_path / "no" / "such" / "x.html")])
    assert missing.exit_code == 2 and "no such folder" in missing.output


def test_a_move_whose_gate_needs_its_roles_other_moves_is_not_called_dead() -> None:
    """``follow_up`` opens only after ``win`` was played: legal in random play, never open when ``a`` plays
    nothing else. Its own strategy never got to play it, so that is no evidence it does what passing does."""
    a = role("a", [
        action("win", effects=[{"var": "score", "add": 3}]),
        action("follow_up", preconditions=["played(a.win)"], effects=[{"var": "score", "add": 1}]),
    ], per_turn=1, objectives=[{"id": "o", "label": "O", "metric": "score"}])
    b = role("b", [action("shout", effects=[{"var": "noise", "add": 5}])],
             per_turn=1, objectives=[{"id": "o", "label": "O", "metric": "100 - noise"}])
    report = balance(scenario([a, b], variables=VARS, turns=4), games=60, per_strategy=20, seed=5)
    follow_up = report["roles"]["a"]["actions"]["follow_up"]
    assert follow_up["legal"] > 0 and follow_up["always_played_turns"] == 0
    assert follow_up["flags"] == []
    assert not any(line.startswith("a.follow_up is dead") for line in report["findings"])
