"""The shipped content: the documented example validates, every reference in iraq-2020 resolves,
the scenario meets the size the issue asks for, and its historical injects rest on the source."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from wargame.cli import main
from wargame.engine.expr import compile_expr
from wargame.engine.scenario import Scenario


def test_documented_example_validates(harbour_content: Path) -> None:
    """The complete small scenario in docs/scenario-format.md is valid as written."""
    result = CliRunner().invoke(main, ["validate", "--content", str(harbour_content), "harbour"])
    assert result.exit_code == 0, result.output


def test_every_reference_in_the_shipped_content_resolves(iraq: Scenario) -> None:
    """Walk every name the content uses, independently of the validator, and find each one defined."""
    variables = {v.id for v in iraq.world.variables}
    roles = {r.id for r in iraq.roles}
    moves = {(r.id, a.id) for r in iraq.roles for a in r.actions}
    objectives = {f"{r.id}.{o.id}" for r in iraq.roles for o in r.objectives}
    expressions: list[tuple[str, str]] = []

    assert roles == set(iraq.world.roles)
    assert iraq.world.ladder.variable in variables
    for end in iraq.world.end_conditions:
        expressions.append((end.when, "bool"))
    for rule in iraq.world.rules:
        expressions.append((rule.when, "bool"))
        assert {e.var for e in rule.effects} <= variables
    for turn in iraq.world.historical_line:
        for role, actions in turn.moves.items():
            assert {(role, a) for a in actions} <= moves, (turn.turn, role)
    assert set(iraq.world.history.end_state) <= variables
    for role in iraq.roles:
        for objective in role.objectives:
            expressions.append((objective.metric, "number"))
        for line in role.red_lines:
            if line.when:
                expressions.append((line.when, "bool"))
        for action in role.actions:
            expressions += [(p if isinstance(p, str) else p.when, "bool") for p in action.preconditions]
            for modifier in action.chance.modifiers:
                if modifier.when:
                    expressions.append((modifier.when, "bool"))
                if isinstance(modifier.add, str):
                    expressions.append((modifier.add, "number"))
            for band in action.bands:
                assert {e.var for e in band.effects} <= variables, (role.id, action.id)
        for persona in role.personas:
            assert set(persona.weights) <= {a.id for a in role.actions}
    for inject in iraq.injects:
        if inject.trigger:
            expressions.append((inject.trigger, "bool"))
        if inject.audience != "all":
            assert set(inject.audience) <= roles, inject.id
        assert set(inject.objectives) <= objectives, inject.id
        assert {e.var for e in inject.effects} <= variables, inject.id
    for source, want in expressions:
        compiled = compile_expr(source, want=want, variables=variables, moves=moves)  # type: ignore[arg-type]
        assert compiled.variables <= variables and compiled.moves <= moves
    assert len(expressions) > 50


def test_iraq_2020_has_what_a_class_needs(iraq: Scenario) -> None:
    """Six roles with 3–5 objectives and 6–10 actions each, at least 10 variables and 15 injects of all
    three kinds, a historical line for every turn, and every non-historical inject marked for what it is:
    invented, the article's projection, or the record released only when play matches it. Historical injects
    are what the article reports, so they all arrive in turn 1 (the article ends on 13 March)."""
    assert [r.name for r in iraq.roles] and len(iraq.roles) == 6
    for role in iraq.roles:
        assert 3 <= len(role.objectives) <= 5, role.id
        assert 6 <= len(role.actions) <= 10, role.id
        assert role.public_brief and role.private_brief
    assert len(iraq.world.variables) >= 10
    assert len(iraq.injects) >= 15
    assert {i.kind for i in iraq.injects} == {"historical", "branch", "contingency"}
    for inject in iraq.injects:
        if inject.kind != "historical":
            assert inject.provenance.lower().startswith(("invented", "projection", "record, gated on play")), inject.id
        else:
            assert inject.turn == 1, inject.id
    assert sorted(t.turn for t in iraq.world.historical_line) == list(range(1, iraq.world.turns + 1))


def test_source_figures_are_carried_over(iraq: Scenario) -> None:
    """The article's dates and figures appear in the historical injects and briefs."""
    text = " ".join(i.message for i in iraq.injects) + " ".join(r.private_brief + r.public_brief for r in iraq.roles)
    for fact in ("Camp Taji", "18", "30", "14", "107", "Kataib Hezbollah", "Soleimani", "Muhandis", "Dehghan",
                 "Milley", "McKenzie", "November"):
        assert fact in text, fact


def test_scenarios_lists_and_schema_prints_json() -> None:
    listed = subprocess.run([sys.executable, "-m", "wargame", "scenarios"], capture_output=True, text=True)
    assert listed.returncode == 0
    assert listed.stdout.splitlines()[1].split()[0] == "iraq-2020"
    schema = subprocess.run([sys.executable, "-m", "wargame", "schema"], capture_output=True, text=True)
    data = json.loads(schema.stdout)
    assert {"World", "Role", "InjectFile"} <= set(data["$defs"])


def test_validate_takes_a_content_folder_or_a_world_file(harbour_content: Path, tmp_path: Path) -> None:
    """`wargame validate PATH` checks every scenario of a content folder, or one world file."""
    runner = CliRunner()
    assert runner.invoke(main, ["validate", str(harbour_content)]).exit_code == 0
    assert runner.invoke(main, ["validate", str(harbour_content / "scenarios" / "harbour.yaml")]).exit_code == 0
    empty = runner.invoke(main, ["validate", str(tmp_path)])
    assert empty.exit_code == 2
    assert empty.stderr.strip() == f"error: no scenarios found in {tmp_path} (expected scenarios/<id>.yaml)"
