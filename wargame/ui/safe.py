"""Text from users and scenario files, made safe for a Textual widget: never markup, never a control sequence.

Textual reads a plain ``str`` given to ``Static``, ``Label``, a ``DataTable`` cell, an ``Option``
or a notification as content markup: ``Iran [/]`` crashes the screen, ``[@click=app.quit]x``
becomes a button. So every widget here gets a ``rich.text.Text`` (never parsed), built by
these helpers, with control characters and bidi overrides made visible by
:func:`wargame.text.terminal_safe`. Fixed wording of our own may stay a ``str``.
"""

from __future__ import annotations

import textwrap
from typing import Any

from rich.text import Span, Text
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from wargame.text import terminal_safe


def plain(value: object, style: str = "") -> Text:
    """``value`` as literal text in ``style``: ``plain("Iran [/]")`` shows ``Iran [/]``. The style is a
    span, not the base style, so ``plain(a, "bold") + plain(b)`` leaves ``b`` plain."""
    text = Text()
    text.append(terminal_safe(str(value)), style=style or None)
    return text


def safe(content: str | Text) -> Text:
    """Content for ``Static.update``: a ``str`` as literal text; a ``Text`` with its styles kept and
    every unsafe character in it made visible (the spans move with the text)."""
    if isinstance(content, str):
        return plain(content)
    if terminal_safe(content.plain) == content.plain:
        return content
    out = Text(style=content.style, justify=content.justify, overflow=content.overflow, no_wrap=content.no_wrap)
    last = 0
    for index, char in enumerate(content.plain):
        shown = terminal_safe(char)
        if shown == char:
            continue
        out.append_text(content[last:index])
        styles = [span.style for span in content[index : index + 1].spans]
        out.append_text(Text(shown, spans=[Span(0, len(shown), style) for style in styles]))
        last = index + 1
    out.append_text(content[last:])
    return out


def wrapped(value: str, width: int, max_lines: int | None = None) -> Text:
    """``value`` as literal text, broken into lines of at most ``width`` characters (at spaces where it can);
    with ``max_lines``, what does not fit ends in "…" at a word's end (the full text is shown elsewhere)."""
    lines = textwrap.wrap(value, width, max_lines=max_lines, placeholder=" …") or [""]
    return Text("\n").join(plain(line) for line in lines)


def clipped(value: str, width: int) -> str:
    """``value`` in at most ``width`` characters: cut at a word's end where it can, with "…" when cut."""
    if len(value) <= width:
        return value
    return textwrap.shorten(value, width, placeholder=" …") if " " in value[:width] else value[: width - 1] + "…"


def row(*values: object) -> list[Text]:
    """The cells of one ``DataTable`` row, each literal (a ``Text`` keeps its style)."""
    return [safe(value) if isinstance(value, (str, Text)) else plain(value) for value in values]


class LiteralTable(DataTable):  # type: ignore[type-arg]
    """A ``DataTable`` whose cells are always literal: a ``str`` cell is never read as markup, and control
    characters in any cell are shown visibly. Every table of the UI is one, so no caller can forget.

    Home and End go to the first and last row of a table with a row cursor, as in a list (Textual's own
    scroll such a table sideways, and its rows look blank at 80 columns)."""

    BINDINGS = [
        Binding("home", "first_row", "First row", show=False),
        Binding("end", "last_row", "Last row", show=False),
    ]

    def action_first_row(self) -> None:
        if self.cursor_type == "row":
            self.action_scroll_top()
        else:
            self.action_scroll_home()

    def action_last_row(self) -> None:
        if self.cursor_type == "row":
            self.action_scroll_bottom()
        else:
            self.action_scroll_end()

    def add_row(self, *cells: Any, **options: Any) -> RowKey:
        return super().add_row(*row(*cells), **options)

    def update_cell(self, row_key: RowKey | str, column_key: ColumnKey | str, value: Any, **options: Any) -> None:
        super().update_cell(row_key, column_key, row(value)[0], **options)

    def update_cell_at(self, coordinate: Coordinate, value: Any, **options: Any) -> None:
        super().update_cell_at(coordinate, row(value)[0], **options)
