"""Refilling tables on repaint without losing the reader's place."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from textual.widgets import DataTable


@contextmanager
def refilled(table: DataTable) -> Iterator[DataTable]:  # type: ignore[type-arg]
    """Clear ``table`` for new rows, then put the cursor back on the row it was on (or the last one)."""
    row = table.cursor_row
    table.clear()
    yield table
    if table.row_count:
        table.move_cursor(row=min(max(row, 0), table.row_count - 1))
