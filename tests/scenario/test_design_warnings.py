"""Design warnings of ``validate``: what a valid scenario gets wrong as a game, found without playing."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.engine.cases.builder import action, role, scenario
from wargame.cli.main import main
from wargame.engine.design import design_findings, scoreboard_only

VARS = [
    {"id": "x", "label": "X", "min": 0, "max": 10, "initial": 5},
    {"id": "score", "label": "Score", "min": 0, "max": 10, "initial": 0},
    {"id": "secret", "label": "Secret", "min": 0, "max": 10, "initial": 3, "visible_to": ["b"]},
]


def kinds(s) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(f.kind, f.subject) for f in design_findings(s)]


def test_a_variable_only_objectives_read_is_scoreboard_only() -> None:
    """A variable read by an objective metric and nothing else changes nothing in play."""
    s = scenario([role("a", [action("bump", effects=[{"var": "score", "add": 1}]),
                             action("push", preconditions=["x < 9"], effects=[{"var": "x", "add": 1}])],
                       objectives=[{"id": "o", "label": "O", "metric": "score"}])],
                 variables=VARS[:2])
    assert scoreboard_only(s) == {"score": "objectives"}
    assert ("scoreboard_only", "score") in kinds(s)
    assert ("scoreboard_only", "x") not in kinds(s)


def test_persona_weights_do_not_make_a_variable_matter() -> None:
    """A bot's taste for a variable is not a consequence in the world: still scoreboard only."""
    s = scenario([role("a", [action("bump", effects=[{"var": "score", "add": 1}])],
                       personas=[{"id": "p", "weights": {"bump": "score + 1"}}])], variables=VARS[:2])
    assert "score" in scoreboard_only(s)


def test_a_precondition_no_reachable_state_meets_is_never_legal() -> None:
    """x is never changed by any effect, so it stays 5, and 'x > 6' can never hold; 'turn > 3' in a
    3-turn game neither. A condition on a variable some effect changes may hold: no warning."""
    s = scenario([role("a", [
        action("stuck", preconditions=["x > 6"]),
        action("late", preconditions=["turn > 3"]),
        action("fine", preconditions=["score >= 2"], effects=[{"var": "score", "add": 1}]),
        action("over", preconditions=["score > 10"]),
    ])], variables=VARS[:2])
    found = kinds(s)
    assert ("never_legal", "a.stuck") in found and ("never_legal", "a.late") in found
    assert ("never_legal", "a.over") in found  # above the variable's max
    assert ("never_legal", "a.fine") not in found
    message = next(f.message for f in design_findings(s) if f.subject == "a.stuck")
    assert "x stays at 5 (no effect changes it)" in message


def test_a_trigger_that_cannot_hold_never_fires() -> None:
    injects = [{"id": "I-1", "title": "Never", "kind": "branch", "trigger": "x >= 11", "from": "c", "message": "m",
                "provenance": "invented"},
               {"id": "I-2", "title": "Maybe", "kind": "branch", "trigger": "score >= 3", "from": "c", "message": "m",
                "provenance": "invented"}]
    s = scenario([role("a", [action("bump", effects=[{"var": "score", "add": 1}])])], variables=VARS[:2], injects=injects)
    assert ("never_fires", "inject:I-1") in kinds(s)
    assert ("never_fires", "inject:I-2") not in kinds(s)


def test_two_roles_scored_by_one_metric_are_flagged() -> None:
    """Whitespace does not hide a copy; one role's two objectives may share nothing of note."""
    s = scenario([role("a", [action("go")], objectives=[{"id": "o", "label": "O", "metric": "10 - x"}]),
                  role("b", [action("go")], objectives=[{"id": "p", "label": "P", "metric": "10-x"}])])
    assert ("shared_metric", "b.p") in kinds(s)


def test_a_hidden_variable_behind_shown_odds_preconditions_or_scores_is_flagged() -> None:
    """Role a cannot see ``secret``; its odds, its legality and its score may not depend on it.
    Role b sees it, so the same expressions are fine for b."""
    def acts() -> list:  # type: ignore[type-arg]
        return [action("probe", preconditions=["secret < 9"],
                       chance={"base": 0.5, "modifiers": [{"add": "secret / 100", "reason": "hidden help"}]})]
    s = scenario([role("a", acts(), objectives=[{"id": "o", "label": "O", "metric": "secret"}]),
                  role("b", acts(), objectives=[{"id": "o", "label": "O", "metric": "secret + 0"}])],
                 variables=VARS)
    hidden = [f for f in design_findings(s) if f.kind == "hidden_shown"]
    assert {f.place[1] for f in hidden} == {"a"}
    assert {f.field for f in hidden} == {"objectives[o].metric", "actions[probe].preconditions[0]",
                                         "actions[probe].chance.modifiers[0]"}


def test_another_roles_private_move_in_a_modifier_is_flagged() -> None:
    s = scenario([role("a", [action("shoot", base=0.5, chance={"base": 0.5, "modifiers": [
                     {"when": "b.restrain", "add": -0.2, "reason": "restrained"}]})]),
                  role("b", [action("restrain", visibility="private")])])
    assert [f.field for f in design_findings(s) if f.kind == "hidden_shown"] == ["actions[shoot].chance.modifiers[0]"]


def test_validate_prints_warnings_with_lines_and_exits_0_unless_strict(harbour_content: Path, tmp_path: Path) -> None:
    """Warnings are file:line:col: warning: field: message; exit 0; --strict turns them into errors (exit 2)."""
    runner = CliRunner()
    ok = runner.invoke(main, ["validate", "--content", str(harbour_content), "harbour"])
    assert ok.exit_code == 0, ok.output
    world = (harbour_content / "scenarios" / "harbour.yaml").read_text()
    folder = tmp_path / "content"
    for path in harbour_content.rglob("*.yaml"):
        target = folder / path.relative_to(harbour_content)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text())
    (folder / "scenarios" / "harbour.yaml").write_text(world.replace('when: "tension >= 4"', 'when: "tension >= 5"'))
    warned = runner.invoke(main, ["validate", "--content", str(folder), "harbour"])
    assert warned.exit_code == 0
    line = next(n for n, text in enumerate(world.splitlines(), 1) if "tension >= 4" in text)
    assert f"scenarios/harbour.yaml:{line}:" in warned.output
    assert "warning: end_conditions[clash].when: the end condition never holds: 'tension >= 5' can never hold" in warned.output
    strict = runner.invoke(main, ["validate", "--strict", "--content", str(folder), "harbour"])
    assert strict.exit_code == 2
    assert "error (--strict): end_conditions[clash].when" in strict.output


def test_validate_lists_the_shipped_scenarios_scoreboard_only_variables() -> None:
    """iraq-2020 as shipped in format 1 (the frozen copy): the election-year support variable feeds no
    odds, rule or condition, and the validator says so."""
    compat = Path(__file__).parent / "compat"
    result = CliRunner().invoke(main, ["validate", "--content", str(compat), "iraq-2020"])
    assert result.exit_code == 0
    assert "warning: variables[us_support]: scoreboard only" in result.output
