"""The import-linter contracts of pyproject.toml hold, and fail on a planted violation.

``lint-imports`` reads ``[tool.importlinter]``: the engine imports no face, store or session;
inside the engine, lower layers never import higher ones; the session imports no face; the UI
reaches the engine only through the session, commands, views and errors. See docs/architecture.md.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")


def lint(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    return subprocess.run([str(LINT), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_the_contracts_hold() -> None:
    done = lint(ROOT, ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("wargame/engine/planted.py", "import wargame.store\n", "The engine is pure"),
    ("wargame/engine/planted.py", "import textual\n", "The engine is pure"),
    ("wargame/engine/rules.py", "from wargame.engine import game as _planted\n", "Inside the engine"),
    ("wargame/session/planted.py", "import wargame.ui.app\n", "The session (the one door)"),
    ("wargame/ui/planted.py", "from wargame.engine.state import State\n", "The terminal UI imports"),
    ("wargame/store/planted.py", "from wargame.engine.rules import Rules\n", "The store is a log"),
])
def test_a_planted_violation_breaks_a_contract(tmp_path: Path, module: str, line: str, contract: str) -> None:
    """A copy of the package with one forbidden import added: lint-imports fails and names the contract."""
    shutil.copytree(ROOT / "wargame", tmp_path / "wargame", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text((target.read_text() if target.exists() else "") + line)
    done = lint(tmp_path, tmp_path)
    assert done.returncode != 0, done.stdout
    broken = done.stdout.split("Broken contracts")[-1]
    assert contract in broken, done.stdout
