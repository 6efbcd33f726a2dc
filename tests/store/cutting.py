"""Cutting a recorded log after event k, as a save copied or truncated at that moment would be."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from wargame.engine.scenario import Scenario
from wargame.engine.state import new_state
from wargame.session.snapshots import fold, projection
from wargame.store import SaveFile


def cut_copy(source: Path, target: Path, keep: int, scenario: Scenario) -> Path:
    """A copy of ``source`` holding events 1..``keep``, their snapshots, and the session row as it stood then."""
    shutil.copyfile(source, target)
    with SaveFile.open(source, readonly=True) as save:
        events = [s.event for s in save.read()[:keep]]
    state = new_state(scenario)
    fold(state, events, 1)
    row = projection(state)
    with sqlite3.connect(target) as conn:
        conn.execute("DELETE FROM events WHERE seq > ?", [keep])
        conn.execute("DELETE FROM snapshots WHERE seq > ?", [keep])
        conn.execute("DELETE FROM seals")
        conn.execute("UPDATE session SET seed = ?, status = ?, assignments = ?",
                     [row.seed, row.status, json.dumps(row.assignments)])
    return target
