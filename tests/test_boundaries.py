"""The architecture, enforced: each layer imports only what DESIGN.md allows it.

Each check imports one module in a fresh interpreter and looks at ``sys.modules``,
so a forbidden import anywhere in its import graph fails here, not in review.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

UI_AND_IO = ["textual", "rich", "click", "sqlite3", "sqlite_utils", "yaml", "multiprocessing", "asyncio"]

STORE_KNOWS_NO_RULES = [
    "wargame.engine.state", "wargame.engine.rules", "wargame.engine.decide", "wargame.engine.commands",
    "wargame.engine.game", "wargame.engine.digest", "wargame.engine.views", "wargame.engine.bots", "wargame.engine.expr",
    "wargame.session",
]
"""The store may load wargame.engine.events and .scenario (data), nothing else (also the import-linter contract "store-is-a-log")."""

RULES = {
    # the pure engine: standard library and pydantic only; no I/O, no faces
    "wargame.engine.game": UI_AND_IO,
    "wargame.engine.views": UI_AND_IO,
    "wargame.engine.bots": UI_AND_IO,
    # scenario loading reads YAML, but never touches the store or the UI
    "wargame.scenario": ["textual", "rich", "click", "sqlite3", "sqlite_utils"],
    # autoplay runs the engine in processes; no UI, no store
    "wargame.autoplay": ["textual", "sqlite3", "sqlite_utils", "yaml"],
    # the balance report plays the engine like autoplay; the HTML is written by hand
    "wargame.balance": ["textual", "sqlite3", "sqlite_utils", "yaml"],
    "wargame.engine.design": UI_AND_IO,
    # the store and the session API read saves, never YAML, never the UI;
    # the store is a log: the events' and the scenario's models, none of the engine's rules
    "wargame.store": ["textual", "yaml", *STORE_KNOWS_NO_RULES],
    "wargame.session": ["textual", "yaml"],
    # seats: codes, the seat book, following a save, the host; faces (textual, textual-serve) live in wargame/ui
    "wargame.seats": ["textual", "textual_serve", "yaml"],
    # reports are built from the engine's views; no UI
    "wargame.report": ["textual", "yaml"],
    # exercise materials (MSEL sheets, packs): engine views and scenario files; no UI, no store
    "wargame.materials": ["textual", "rich", "sqlite3", "sqlite_utils"],
}


def loaded_modules(module: str) -> set[str]:
    code = f"import json, sys; import {module}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return set(json.loads(out))


@pytest.mark.parametrize("module", sorted(RULES))
def test_module_imports_nothing_forbidden(module: str) -> None:
    """A layer may not load what belongs to another: the engine stays pure, the UI stays a face."""
    loaded = loaded_modules(module)
    forbidden = [name for name in RULES[module] if name in loaded]
    assert forbidden == [], f"{module} loads {forbidden}"


FIRST_FRAME = ["pydantic", "wargame.engine", "wargame.session", "wargame.store", "wargame.scenario", "wargame.explain",
               "sqlite3", "yaml", "click"]
"""Loaded in the worker that opens the save, after the first frame (docs/performance.md, Start-up)."""


@pytest.mark.parametrize("module", ["wargame.ui.app", "wargame.ui.screens.setup"])
def test_the_first_screen_imports_only_textual(module: str) -> None:
    """What `wargame play` draws first (the app and its set-up screen) loads no engine, pydantic, store or YAML:
    importing them before the first frame took start-up from 1.5x to 2.2x a bare Textual app."""
    loaded = loaded_modules(module)
    assert [name for name in FIRST_FRAME if name in loaded] == []


def test_engine_has_no_clock_randomness_or_environment() -> None:
    """The engine's source never reads the clock, global randomness, the environment, or prints."""
    from pathlib import Path

    import wargame.engine

    banned = ["import time", "datetime.now", "date.today", "os.environ", "print(", "random.random(", "random.seed(",
              "import os", "eval(", "exec("]
    for path in Path(wargame.engine.__file__).parent.glob("*.py"):
        text = path.read_text()
        found = [word for word in banned if word in text]
        assert found == [], f"{path.name} uses {found}"


def test_only_the_store_touches_sqlite_and_only_the_ui_imports_textual() -> None:
    """sqlite lives in wargame/store, textual in wargame/ui, YAML in wargame/scenario."""
    from pathlib import Path

    import wargame

    root = Path(wargame.__file__).parent
    owners = {"sqlite3": "store", "sqlite_utils": "store", "textual": "ui", "yaml": "scenario"}
    for path in root.rglob("*.py"):
        relative = path.relative_to(root)
        lines = [line.strip() for line in path.read_text().splitlines()]
        for module, owner in owners.items():
            if any(line.startswith((f"import {module}", f"from {module} ", f"from {module}.")) for line in lines):
                assert relative.parts[0] == owner, f"{relative} imports {module}, which belongs to wargame/{owner}"


def test_the_store_check_fails_on_a_planted_rule_import() -> None:
    """The check above can fail: a module that imports the store and the fold loads what the store may not."""
    code = "import json, sys; import wargame.store, wargame.engine.state; print(json.dumps(sorted(sys.modules)))"
    loaded = set(json.loads(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout))
    assert "wargame.engine.state" in loaded and [m for m in STORE_KNOWS_NO_RULES if m in loaded]
