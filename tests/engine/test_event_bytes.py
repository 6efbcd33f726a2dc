"""Events write the same bytes as before they became dataclasses: every kind, with only its required fields
and with every field set, is stored exactly as the ``BaseModel`` events stored it (the fixture was written by
that code), reads back as an equal event, and is refused when the stored bytes carry a key no event has."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from tests.engine.event_samples import REQUIRED, SAMPLES
from wargame.engine.events import EVENT_CLASSES, event_adapter, event_from_json, event_json_bytes

STORED = (Path(__file__).parent / "fixtures" / "event-bytes-basemodel.jsonl").read_bytes().splitlines()


def test_the_samples_cover_every_kind() -> None:
    assert {s["kind"] for s in SAMPLES} == set(EVENT_CLASSES)
    assert len(STORED) == len(SAMPLES)


@pytest.mark.parametrize("index", range(len(SAMPLES)), ids=lambda i: f"{SAMPLES[i]['kind']}-{'full' if i >= len(REQUIRED) else 'required'}")
def test_an_event_is_stored_as_the_basemodel_events_stored_it(index: int) -> None:
    event = event_adapter().validate_python(SAMPLES[index])
    assert event_json_bytes(event) == STORED[index]
    assert event_from_json(STORED[index]) == event


def test_an_unknown_key_is_still_refused() -> None:
    with pytest.raises(ValidationError):
        event_from_json(STORED[len(REQUIRED)].replace(b'"turn":0', b'"turn":0,"extra":1', 1))
    with pytest.raises(ValidationError):
        event_from_json(b'{"turn":1,"kind":"rule_triggered","rule_id":"r","effects":[{"var":"x","op":"add","value":1.0,'
                        b'"before":0.0,"after":1.0,"why":"?"}]}')
