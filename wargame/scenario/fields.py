"""Which keys a place in a scenario file may hold: for "did you mean" on unknown keys."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models an annotation can hold at its next level down (through lists, dicts, unions)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]
    return []


def _inner(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner(typing.get_args(annotation)[0])
    if origin in (list, tuple):
        return typing.get_args(annotation)[0]
    if origin is dict:
        return typing.get_args(annotation)[1]
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if typing.get_origin(arg) in (list, tuple, dict) or typing.get_origin(arg) is typing.Annotated:
                return _inner(arg)
    return annotation


def known_keys(model: type[BaseModel], data: Any, loc: tuple[str | int, ...]) -> list[str]:
    """The keys allowed in the mapping at ``loc`` of a document validated as ``model``."""
    annotation: Any = model
    for key in loc:
        models = _models_in(annotation)
        if isinstance(key, int):
            annotation = _inner(annotation)
            continue
        if models:
            field = None
            for candidate in models:
                for name, info in candidate.model_fields.items():
                    if key in (name, info.alias):
                        field = info
                        break
            if field is None:
                return []
            annotation = field.annotation
        else:
            annotation = _inner(annotation)
    models = _models_in(annotation)
    if not models:
        return []
    return sorted({info.alias or name for m in models for name, info in m.model_fields.items()})

