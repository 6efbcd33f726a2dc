"""Helpers shared by the store tests: a long variant of the documented scenario, and file surgery."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from wargame.engine.scenario import Scenario
from wargame.scenario import load_scenario
from wargame.store.chain import link_v2

BOTS = {"navy": "hawk", "fleet": "random"}


def long_harbour_content(harbour_content: Path, target: Path, turns: int = 120) -> Path:
    """The documented harbour scenario with many turns and no early clash: a long, seeded game."""
    shutil.copytree(harbour_content, target, dirs_exist_ok=True)
    world = target / "scenarios" / "harbour.yaml"
    text = world.read_text(encoding="utf-8")
    text = text.replace("turns: 3\n", f"turns: {turns}\n").replace('when: "tension >= 4"', 'when: "tension >= 99"')
    world.write_text(text, encoding="utf-8")
    return target


def long_harbour(harbour_content: Path, target: Path, turns: int = 120) -> Scenario:
    return load_scenario("harbour", long_harbour_content(harbour_content, target, turns))


def replace_bytes(path: Path, old: bytes, new: bytes) -> None:
    """Overwrite the first occurrence of ``old`` in the file with ``new`` (same length): a flipped byte on disk."""
    assert len(old) == len(new)
    data = bytearray(path.read_bytes())
    at = data.find(old)
    assert at >= 0, f"{old!r} not in {path}"
    data[at : at + len(old)] = new
    path.write_bytes(bytes(data))


def relink(conn: sqlite3.Connection) -> None:
    """Recompute every event's hash as a forger would (the chain has no secret): see wargame/store/chain.py."""
    previous = conn.execute("SELECT sha256 FROM scenario").fetchone()[0]
    rows = conn.execute("SELECT seq, CAST(payload AS BLOB), recorded_at, batch, closes FROM events ORDER BY seq").fetchall()
    for seq, payload, recorded_at, batch, closes in rows:
        previous = link_v2(previous, recorded_at, batch, bool(closes), payload)
        conn.execute("UPDATE events SET hash = ? WHERE seq = ?", [previous, seq])
