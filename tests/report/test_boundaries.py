"""wargame.report is a core module: no terminal UI, no command line, no database of its own."""

from __future__ import annotations

import json
import subprocess
import sys


def test_report_imports_no_face_and_no_store() -> None:
    """The report reads events and the engine's views; opening saves is the session's business, drawing the UI's."""
    code = "import json, sys; import wargame.report, wargame.report.compare; print(json.dumps(sorted(sys.modules)))"
    loaded = set(json.loads(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                           text=True).stdout))
    forbidden = [m for m in ("textual", "click", "sqlite3", "sqlite_utils", "yaml") if m in loaded]
    assert forbidden == []
