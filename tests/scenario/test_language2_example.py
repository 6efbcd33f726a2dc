"""The documented language-2 example (``ward``): it validates strictly, its files match the JSON Schema, and it plays."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml
from click.testing import CliRunner

from wargame.cli.main import main
from wargame.scenario import json_schema, load_scenario


def test_the_documented_language_2_example_validates_strictly(harbour_content: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "--strict", "--content", str(harbour_content), "ward"])
    assert result.exit_code == 0, result.output
    scenario = load_scenario("ward", harbour_content)
    assert scenario.world.format == 2
    assert [scenario.world.turn_opens(t) for t in (1, 2, 3)] == ["2024-05-02 18:00", "2024-05-03 00:00", "2024-05-03 06:00"]


def test_its_files_match_the_json_schema(harbour_content: Path) -> None:
    schema = json_schema()
    for kind, pattern in (("World", "scenarios/ward.yaml"), ("Role", "roles/ward/*.yaml"), ("InjectFile", "injects/ward/*.yaml")):
        for path in sorted(harbour_content.glob(pattern)):
            data = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
            jsonschema.validate(data, {**schema, "$ref": f"#/$defs/{kind}"})


def test_it_plays_headless_and_balances(harbour_content: Path) -> None:
    runner = CliRunner()
    played = runner.invoke(main, ["autoplay", "--content", str(harbour_content), "ward", "--games", "20", "--json"])
    assert played.exit_code == 0, played.output
    assert json.loads(played.stdout)["games"] == 20
    balanced = runner.invoke(main, ["balance", "--content", str(harbour_content), "ward", "--games", "20",
                                    "--per-strategy", "5", "--json"])
    assert balanced.exit_code == 0, balanced.output
    assert "it_team" in json.loads(balanced.stdout)["roles"]
