"""One rule for text that came from a person or a scenario file: it is data, shown literally, never obeyed.

Facilitators paste notes and rationales from cables and e-mails; scenario files are
written by someone else. Such text may hold terminal control sequences (ESC ] 0 ;
title BEL retitles a terminal, ESC [ 2 J clears it), bidirectional overrides (which
make a terminal or browser show characters in another order than they are stored),
Markdown or HTML structure (a line ``## Heading`` in a rationale, ``<script>``), or
Rich/Textual markup (``[bold]``, ``[@click=app.quit]``). This module is the one place
that decides how such text is shown, so every face does it the same way:

- :func:`terminal_safe` — for anything written to a terminal (CLI output, the
  Textual screens, Markdown/HTML written to stdout): control characters other than
  newline and tab become visible pictures (ESC → ``␛``), C1 controls and bidi
  overrides become visible tags (``⟨U+009B⟩``, ``⟨RLO⟩``). Nothing is dropped, so a
  reader sees that something odd was there.
- :func:`md_inline` / :func:`md_block` — for Markdown: HTML and Markdown structure
  escaped; ``md_inline`` folds line breaks (table cells, list items, headings),
  ``md_block`` keeps them but no line can start a heading, list, quote or code block.
- :func:`control_character` — for checking scenario files: the first control
  character other than newline and tab, if any.

Pure standard library: the engine, the reports and the faces may all import it.
"""

from __future__ import annotations

import html
import json
import re

ALLOWED_CONTROLS = frozenset("\n\t")
"""The only control characters text may keep as they are."""

BIDI_CONTROLS: dict[str, str] = {
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
}
"""Characters that make a display reorder the text around them (the "Trojan Source" characters)."""


def _visible(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (U+2400 block: control pictures)
    if code == 0x7F:
        return "\u2421"  # ␡
    if char in BIDI_CONTROLS:
        return f"⟨{BIDI_CONTROLS[char]}⟩"
    return f"⟨U+{code:04X}⟩"


_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(BIDI_CONTROLS) + "]")


def terminal_safe(text: str) -> str:
    """``text`` with every character a terminal would obey instead of show made visible.

    C0 controls (except newline and tab) and DEL become Unicode control pictures
    (``"\\x1b[2J"`` → ``"␛[2J"``); C1 controls and bidi overrides become tags
    (``"\\x9b"`` → ``"⟨U+009B⟩"``, ``"\\u202e"`` → ``"⟨RLO⟩"``). Everything else,
    markup characters included, is kept. Idempotent: the result is already safe.
    """
    return _UNSAFE.sub(lambda match: _visible(match.group()), text)


def one_line(text: str) -> str:
    """``terminal_safe`` with every run of white space (line breaks too) folded to one space."""
    return " ".join(terminal_safe(text).split())


_LIST_ITEM = re.compile(r"\s*(?:[-*•]|\d+[.)])\s")


def prose(text: str) -> str:
    """``text`` with its hard line breaks inside paragraphs taken out, for a screen that wraps lines itself.

    Scenario authors wrap YAML block text at their editor's width (``|`` keeps those breaks); at 80
    columns such lines wrap again and leave ragged half-lines. Paragraphs (separated by blank lines),
    list items (``- ``, ``* ``, ``• ``, ``1. ``) and indented lines keep their breaks; leading and
    trailing blank lines go. Not made terminal-safe here: the face does that.
    """
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text.strip("\n")):
        lines: list[str] = []
        for line in block.split("\n"):
            if lines and line.strip() and not _LIST_ITEM.match(line) and not line[:1].isspace():
                lines[-1] = f"{lines[-1].rstrip()} {line.strip()}"
            else:
                lines.append(line.rstrip())
        paragraphs.append("\n".join(lines))
    return "\n\n".join(p for p in paragraphs if p.strip())


def control_character(text: str) -> int | None:
    """The index of the first control character other than newline and tab in ``text``, or None.

    Control characters are C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F).
    """
    for index, char in enumerate(text):
        code = ord(char)
        if (code < 0x20 or 0x7F <= code <= 0x9F) and char not in ALLOWED_CONTROLS:
            return index
    return None


def character_name(char: str) -> str:
    """A control or bidi character named for an error message: ``U+001B (ESC)``."""
    names = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL", 0x9B: "CSI"}
    code = ord(char)
    name = names.get(code) or BIDI_CONTROLS.get(char)
    return f"U+{code:04X}" + (f" ({name})" if name else "")


# ------------------------------------------------------------------ Markdown

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_INLINE_PUNCT = set("\\`*_[]|~")
_LINE_START = re.compile(r"^(?:#{1,6}(?=\s|$)|[+-](?=\s|$)|=+\s*$|-+\s*$)")
_ORDERED = re.compile(r"^\d{1,9}(?=[.)](?:\s|$))")


def _md_chars(text: str) -> str:
    out = []
    for char in terminal_safe(text):
        if char in _HTML:
            out.append(_HTML[char])
        elif char in _INLINE_PUNCT:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def _md_line(line: str) -> str:
    line = _md_chars(line.strip())
    # A backslash keeps a line-start marker literal: "\## a", "\- a", "\===", "1\. a".
    if _LINE_START.match(line):
        return "\\" + line
    ordered = _ORDERED.match(line)
    if ordered:
        return line[: ordered.end()] + "\\" + line[ordered.end():]
    return line


def md_inline(text: str) -> str:
    """``text`` as literal inline Markdown: one line, HTML and Markdown markers escaped.

    For table cells, list items and headings. ``"a\\n## b <script>"`` →
    ``"a \\#\\# b &lt;script&gt;"``; a pipe is escaped so a cell stays one cell.
    """
    return _md_line(" ".join(terminal_safe(str(text)).split()))


def md_block(text: str) -> str:
    """``text`` as literal Markdown paragraphs: line breaks kept, but no line can open a heading,
    list, block quote, code block or HTML block, and no inline marker is obeyed."""
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", terminal_safe(str(text)).strip()):
        lines = [_md_line(line) for line in paragraph.splitlines() if line.strip()]
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


# ------------------------------------------------------------------ HTML and JSON


def html_text(text: object) -> str:
    """``text`` as literal HTML (element content or a quoted attribute): ``& < > " '`` escaped,
    controls and bidi overrides made visible as by :func:`terminal_safe`."""
    return html.escape(terminal_safe(str(text)), quote=True)


_JSON_UNSAFE = re.compile("[\x7f-\x9f" + "".join(BIDI_CONTROLS) + "]")


def json_text(data: object, *, indent: int | None = 2) -> str:
    """``data`` as strict JSON that is safe to print: keys sorted, non-ASCII kept readable, but
    DEL, C1 controls and bidi overrides written as ``\\uXXXX`` escapes (the string's value is
    unchanged; ``json.dumps`` already escapes C0 controls). Raises ``ValueError`` on a NaN or an
    infinity, which strict JSON readers refuse: no such number may leave the program."""
    text = json.dumps(data, indent=indent, sort_keys=True, ensure_ascii=False, allow_nan=False)
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
