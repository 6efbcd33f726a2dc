"""Compatibility: every scenario file valid in format 1 stays valid, with the same meaning.

The files under ``compat/`` are frozen copies of the shipped iraq-2020 and of the documented
harbour example as they were before the format had a version field. "The same meaning" is
checked at its strongest: the loaded scenario's canonical JSON — what a save stores and what
the engine plays — has the same sha256 as the program that wrote them computed.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from wargame.engine.scenario import FORMAT_VERSIONS, World, scenario_digest
from wargame.scenario import json_schema, load_scenario

COMPAT = Path(__file__).parent / "compat"

# sha256 of the canonical JSON, computed by main at 6ca1ab4 (before format versions existed).
FORMAT_1_DIGESTS = {
    "iraq-2020": "b3f1ffe1cb93c0901597a5fd3ce3f2781ddba2e232c34fe9a19703c796d9ece6",
    "harbour": "8bc6643058db69730d152401ecc1f9a179566104e80519c5cd1bf957e9a29870",
}


@pytest.mark.parametrize("scenario_id", sorted(FORMAT_1_DIGESTS))
def test_a_format_1_scenario_loads_to_the_same_canonical_scenario(scenario_id: str) -> None:
    """A format-1 file (no ``format`` key) loads, and its digest is the one format 1 gave it."""
    scenario = load_scenario(scenario_id, COMPAT)
    assert scenario.world.format == 1
    assert scenario_digest(scenario) == FORMAT_1_DIGESTS[scenario_id]


def test_turn_dates_of_whole_day_turns_are_unchanged() -> None:
    """Weekly turns from a date still open on plain dates, as events recorded them before."""
    scenario = load_scenario("iraq-2020", COMPAT)
    assert [scenario.world.turn_opens(t) for t in (1, 2, 8)] == ["2020-03-11", "2020-03-18", "2020-04-29"]


def test_an_explicit_format_1_means_the_same_as_none() -> None:
    """Writing ``format: 1`` changes nothing, not even the digest."""
    data = yaml.safe_load((COMPAT / "scenarios" / "harbour.yaml").read_text())
    assert World.model_validate({**data, "format": 1}) == World.model_validate(data)


def test_an_unknown_format_is_refused_with_the_versions_read() -> None:
    data = yaml.safe_load((COMPAT / "scenarios" / "harbour.yaml").read_text())
    with pytest.raises(ValueError, match=rf"format 9 is not one this program reads \(1 to {FORMAT_VERSIONS[-1]}\)"):
        World.model_validate({**data, "format": 9})


def _files(root: Path) -> list[tuple[str, Path]]:
    kinds = []
    for path in sorted(root.glob("scenarios/*.yaml")):
        kinds.append(("World", path))
    for path in sorted(root.glob("roles/*/*.yaml")):
        kinds.append(("Role", path))
    for path in sorted(root.glob("injects/*/*.yaml")):
        kinds.append(("InjectFile", path))
    return kinds


def _jsonable(value: object) -> object:
    """YAML dates as the strings JSON would carry."""
    return json.loads(json.dumps(value, default=str))


@pytest.mark.parametrize(("kind", "path"), _files(COMPAT) + _files(Path(__file__).parents[2]),
                         ids=lambda v: v if isinstance(v, str) else f"{v.parent.name}/{v.name}")
def test_the_json_schema_accepts_every_valid_file(kind: str, path: Path) -> None:
    """Editors using the schema accept what wargame accepts (shipped and frozen files alike)."""
    schema = json_schema()
    data = _jsonable(yaml.safe_load(path.read_text()))
    jsonschema.validate(data, {**schema, "$ref": f"#/$defs/{kind}"})


def test_the_json_schema_names_every_field_of_every_model() -> None:
    """Every key a scenario file may hold is in the schema, with its description where it has one."""
    from pydantic import BaseModel

    schema = json_schema()
    defs = schema["$defs"]

    def models(model: type[BaseModel], seen: set[str]) -> None:
        if model.__name__ in seen:
            return
        seen.add(model.__name__)
        properties = defs[model.__name__]["properties"]
        for name, info in model.model_fields.items():
            assert (info.alias or name) in properties, f"{model.__name__}.{name} is missing from the schema"
        from wargame.scenario.fields import _models_in  # the same walk "did you mean" uses

        for info in model.model_fields.values():
            for inner in _models_in(_unwrap(info.annotation)):
                models(inner, seen)

    seen: set[str] = set()
    from wargame.engine.scenario import InjectFile, Role

    for root in (World, Role, InjectFile):
        models(root, seen)
    assert {"World", "Role", "InjectFile", "Variable", "Action", "Inject", "Effect"} <= seen


def _unwrap(annotation: object) -> object:
    import typing

    origin = typing.get_origin(annotation)
    if origin in (list, tuple, dict):
        args = typing.get_args(annotation)
        return args[-1] if origin is dict else args[0]
    if origin in (typing.Union,) or type(annotation).__name__ == "UnionType":
        return typing.Union[tuple(_unwrap(a) for a in typing.get_args(annotation))]  # type: ignore[return-value]
    return annotation
