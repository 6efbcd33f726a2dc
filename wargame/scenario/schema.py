"""JSON Schema of the scenario files, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

from typing import Any

from wargame.engine.scenario import InjectFile, Role, World


def json_schema() -> dict[str, Any]:
    """One schema document; each kind of file is a ``$defs`` entry, and any of them validates.

    Point an editor at a single kind with a fragment, e.g.
    ``# yaml-language-server: $schema=wargame-schema.json#/$defs/Role``.
    """
    defs: dict[str, Any] = {}
    roots: dict[str, Any] = {}
    for name, model in (("World", World), ("Role", Role), ("InjectFile", InjectFile)):
        schema = model.model_json_schema(ref_template="#/$defs/{model}", mode="validation")
        defs.update(schema.pop("$defs", {}))
        defs[name] = schema
        roots[name] = {"$ref": f"#/$defs/{name}"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "wargame scenario files",
        "description": "scenarios/<id>.yaml is a World, roles/<id>/<role>.yaml a Role, injects/<id>/*.yaml an InjectFile.",
        "anyOf": list(roots.values()),
        "$defs": defs,
    }
