"""Hostile text for the tests of issue 10: markup, terminal escapes, bidi overrides, HTML and Markdown structure.

``hostile_copy`` writes the documented harbour scenario with such text in a role name, an action label,
a variable label, a rung label and an inject's title and message (scenario files may not hold control characters, so
those go into what people type during play: notes, rationales, debrief entries).
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROLE = "Coast guard [and navy] <script>alert(1)</script> [/] \u202eevil"
ACTION = "Shadow [@click=app.quit]x[/] the fleet"
RUNG = "Standoff [link=https://example.com]x[/link] [bold red]y"
VARIABLE = "Tension [/] [b]x[/b] \u202e"
INJECT = "Boats [/] in <img src=x onerror=alert(1)> the bay"
MESSAGE = "Twelve trawlers.\n## Forged heading\n- forged item\n<script>alert(2)</script>"

TYPED = "[bold red]x [@click=app.quit]x[/] \x1b]0;pwned\x07\x1b[2J <script>alert(3)</script>\n## Forged\n- item \u202e|"
"""What a facilitator may paste into a note, a rationale or a debrief entry."""

ESCAPES = ("\x1b", "\x07", "\u202e")
"""Characters that must never reach a terminal as they are."""


def _yaml(text: str) -> str:
    """A YAML double-quoted scalar holding ``text``."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\u202e", "\\u202e") + '"'


def replace_in(folder: Path, file: str, old: str, new: str) -> Path:
    """Replace the first ``old`` in ``folder/file`` by ``new`` (it must be there); return ``folder``."""
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def hostile_copy(harbour_content: Path, target: Path) -> Path:
    shutil.copytree(harbour_content, target)

    def sub(file: str, old: str, new: str) -> None:
        replace_in(target, file, old, new)

    sub("roles/harbour/navy.yaml", "name: Coast guard", f"name: {_yaml(ROLE)}")
    sub("roles/harbour/navy.yaml", "label: Shadow the fleet", f"label: {_yaml(ACTION)}")
    sub("scenarios/harbour.yaml", "label: Standoff,", f"label: {_yaml(RUNG)},")
    sub("scenarios/harbour.yaml", "label: Tension,", f"label: {_yaml(VARIABLE)},")
    sub("injects/harbour/phase1.yaml", "title: Boats in the bay", f"title: {_yaml(INJECT)}")
    sub("injects/harbour/phase1.yaml", "message: Twelve trawlers and one patrol boat are in the bay.", f"message: {_yaml(MESSAGE)}")
    return target
