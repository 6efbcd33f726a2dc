"""Reading a log pauses Python's cyclic garbage collector and always gives it back as it was.

`SaveFile.read` builds a whole log's events with the collector paused (its passes over the
new objects cost more than the parse: docs/performance.md § Store), so a read must leave the
collector exactly as it found it — on, after a good read and after a refused one; off, when
the caller had turned it off — and must hand what it loaded to the oldest generation, so that
the next young-generation pass does not walk every event just read.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from wargame.engine.scenario import Scenario
from wargame.session import record_game
from wargame.store import SaveFile, TamperedEvent, savefile

from .helpers import BOTS, replace_bytes


@pytest.fixture
def good(harbour: Scenario, tmp_path: Path) -> Path:
    path = tmp_path / "good.db"
    record_game(harbour, 2, BOTS, path)
    return path


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    gc.enable() if was else gc.disable()


def test_the_collector_is_paused_during_a_read_and_on_again_after(good: Path, collector_on: None,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    parse = savefile.SaveFile._parse

    def watched(self: SaveFile, *args: object) -> object:
        seen.append(gc.isenabled())
        return parse(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(savefile.SaveFile, "_parse", watched)
    with SaveFile.open(good, readonly=True) as save:
        stored = save.read()
    assert stored and seen and not any(seen)
    assert gc.isenabled()


def test_what_a_read_loaded_is_in_the_oldest_generation(good: Path, collector_on: None) -> None:
    with SaveFile.open(good, readonly=True) as save:
        stored = save.read()
    last = stored[-1].event
    assert any(o is last for o in gc.get_objects(generation=2))
    assert not any(o is last for o in gc.get_objects(generation=0))


@pytest.mark.parametrize("slice_rows", [2048, 4], ids=["one slice", "fault in a later slice"])
def test_a_refused_read_gives_the_collector_back(good: Path, collector_on: None, slice_rows: int,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(savefile, "_SLICE", slice_rows)
    with SaveFile.open(good, readonly=True) as save:
        count = len(save.read())
    assert count > 8
    replace_bytes(good, b'"kind":"turn_ended"', b'"kind":"turn_endeD"')  # a flipped byte near the end of the log
    with SaveFile.open(good, readonly=True) as save, pytest.raises(TamperedEvent, match="hash mismatch"):
        save.read()
    assert gc.isenabled()


def test_a_read_leaves_a_paused_collector_paused(good: Path, collector_on: None) -> None:
    gc.disable()
    with SaveFile.open(good, readonly=True) as save:
        assert save.read()
    assert not gc.isenabled()
    replace_bytes(good, b'"kind":"turn_ended"', b'"kind":"turn_endeD"')
    with SaveFile.open(good, readonly=True) as save, pytest.raises(TamperedEvent):
        save.read()
    assert not gc.isenabled()
