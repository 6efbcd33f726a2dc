"""How the person at the keyboard runs this program, for the commands a screen tells them to type next."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def command() -> str:
    """``wargame`` when that name runs this very program; else the path it was started by, as typed from
    the current folder (``.venv/bin/wargame`` in a checkout after ``make play``); ``python -m wargame`` when
    started as a module."""
    started = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if started is None or started.name != "wargame":
        module = started is not None and started.name == "__main__.py" and started.parent.name == "wargame"
        return "python -m wargame" if module else "wargame"
    found = shutil.which("wargame")
    if found is not None and Path(found).resolve() == started.resolve():
        return "wargame"
    try:
        return str(started.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(started)
