"""The shipped scenario travels inside the wheel, so an installed `wargame` finds it from any folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_holds_the_scenario_content(tmp_path: Path) -> None:
    """`pip wheel .` packs scenarios/, roles/ and injects/ as wargame/_content, next to the code."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    [wheel] = tmp_path.glob("wargame-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ("wargame/_content/scenarios/iraq-2020.yaml", "wargame/_content/roles/iraq-2020/tehran.yaml",
                     "wargame/_content/injects/iraq-2020/02-taji.yaml", "wargame/ui/app.tcss", "wargame/cli/main.py"):
        assert expected in names, expected
