"""Repainting only what changed: a widget is touched only when what it would show differs.

A seat repaints from a fresh view after every commit anyone makes, but most commits change one
line of one screen (a team sealed; a move was chosen). Updating a ``Static`` makes Textual lay
the screen out again, and refilling a ``DataTable`` makes it measure and render every row again;
on a console with five tabs of tables that is a tenth of a second or more per commit, times
eight seats on a two-core machine. So screens hand their content to :func:`show` and
:func:`fill`, which compare it with what the widget last showed and do nothing when it is the
same, and update a table's changed cells in place when its rows are the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from weakref import WeakKeyDictionary

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget
from textual.widgets import DataTable, Static

from wargame.ui.safe import row as literal_row
from wargame.ui.safe import safe

_shown: WeakKeyDictionary[Widget, object] = WeakKeyDictionary()
"""What each widget drawn through this module shows now (a Text, or a table's rows)."""

TableRow = tuple[str, Sequence[Any], int]
"""One row for :func:`fill`: its key, its cells (``str``, ``Text`` or anything ``str()`` shows), its height in lines."""


def show(widget: Static, content: str | Text) -> bool:
    """Show ``content`` (literal text, see :func:`wargame.ui.safe.safe`) in ``widget`` unless it already shows
    exactly that; return whether the widget was updated."""
    text = safe(content)
    before = _shown.get(widget)
    if before == text:
        return False
    _shown[widget] = text
    widget.update(text, layout=not (isinstance(before, Text) and _same_size(widget, before, text)))
    return True


def _same_size(widget: Static, before: Text, after: Text) -> bool:
    """Whether ``after`` takes exactly the room ``before`` took in ``widget``, so the screen need not be laid
    out again (the costly part of an update): the widget's width does not follow its content, and both
    texts wrap to the same number of lines at its width."""
    width = widget.content_size.width
    styles = widget.styles
    if width <= 0 or (styles.width is not None and styles.width.is_auto):
        return False
    lines_before, lines_after = before.plain.split("\n"), after.plain.split("\n")
    if len(lines_before) == len(lines_after) and all(cell_len(line) <= width for line in lines_before + lines_after):
        return True  # nothing wraps: the common case, decided without measuring
    console = widget.app.console
    return len(before.wrap(console, width)) == len(after.wrap(console, width))


def fill(table: DataTable, rows: Sequence[TableRow]) -> bool:  # type: ignore[type-arg]
    """Make ``table`` show ``rows`` (every cell literal), keeping the reader's place; return whether it changed.

    The same rows as before: nothing happens. The same keys and heights in the same order: only the
    cells that differ are updated in place (the cursor and the scroll stay) unless one is wider than its
    column. Otherwise the table is refilled and the cursor goes back to the row it was on
    (or the last one). Cells are compared as given (a ``str`` is cheaper to compare than a ``Text``)
    and made literal only when drawn.
    """
    wanted = tuple((key, tuple(cells), height) for key, cells, height in rows)
    before = _shown.get(table)
    if before == wanted:
        return False
    _shown[table] = wanted
    columns = [column.key for column in table.ordered_columns]
    if isinstance(before, tuple) and len(before) == len(wanted) and table.row_count == len(wanted) and all(
        old[0] == new[0] and old[2] == new[2] for old, new in zip(before, wanted)
    ):
        changed = [(key, column, literal_row(new)[0])
                   for (key, old_cells, _h), (_k, new_cells, _h2) in zip(before, wanted)
                   for column, old, new in zip(columns, old_cells, new_cells) if old != new]
        # a cell wider than its column: the table is refilled below, so every column takes its new width at once
        if all(_width(cell) <= table.columns[column].content_width
               for _key, column, cell in changed):
            for key, column, cell in changed:
                DataTable.update_cell(table, key, column, cell)
            return True
    cursor = table.cursor_row
    table.clear()
    drawn = [(key, literal_row(*cells), height) for key, cells, height in wanted]
    # each column takes its width now: the table measures new rows only when idle, and a row drawn
    # before that keeps the old width (Textual's cell cache is not keyed by width), cutting a wider cell
    for index, spec in enumerate(table.ordered_columns):
        spec.content_width = max([cell_len(spec.label.plain)] + [_width(cells[index]) for _k, cells, _h in drawn
                                                                     if index < len(cells)])
    for key, cells, height in drawn:
        DataTable.add_row(table, *cells, key=key, height=height)
    if table.row_count:
        table.move_cursor(row=min(max(cursor, 0), table.row_count - 1))
    return True


def _width(cell: Text) -> int:
    """The cells ``cell`` takes on its widest line."""
    return max(map(cell_len, cell.plain.split("\n")))


def forget(widget: Widget) -> None:
    """Forget what ``widget`` shows, so the next :func:`show` or :func:`fill` draws it whatever it holds
    (for a widget something else has changed meanwhile)."""
    _shown.pop(widget, None)
