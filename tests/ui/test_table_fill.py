"""A table refilled with a cell wider than its column shows the whole cell, however soon it is drawn:
the Results row of an override reads "CUSTOM (overridden)", never "CUSTOM (" cut at the old width."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable

from wargame.ui.safe import LiteralTable
from wargame.ui.widgets.paint import fill


class OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield LiteralTable(id="t")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("T", "Band", "Move")


def drawn_line(table: DataTable, row: int) -> str:  # type: ignore[type-arg]
    """Row ``row`` as the table draws it at this moment (before it has gone idle and measured new rows)."""
    strip = table.render_line(row + 1)  # line 0 is the header
    return "".join(segment.text for segment in strip)


async def test_a_refilled_row_drawn_at_once_shows_its_whole_widest_cell() -> None:
    app = OneTable()
    async with app.run_test(size=(80, 10)) as pilot:
        table = app.query_one(DataTable)
        fill(table, [("a", ("1", "SUCCESS", "Strike"), 1), ("b", ("1", "FAILURE", "Hold"), 1)])
        await pilot.pause()
        fill(table, [("a", ("1", "CUSTOM (overridden)", "Strike"), 1), ("b", ("1", "FAILURE", "Hold"), 1)])
        assert "CUSTOM (overridden)" in drawn_line(table, 0)  # drawn before the table's idle measuring
        await pilot.pause()
        assert "CUSTOM (overridden)" in drawn_line(table, 0)


async def test_a_column_narrows_again_when_its_wide_cell_goes() -> None:
    app = OneTable()
    async with app.run_test(size=(80, 10)) as pilot:
        table = app.query_one(DataTable)
        fill(table, [("a", ("1", "CUSTOM (overridden)", "Strike"), 1)])
        await pilot.pause()
        fill(table, [("a", ("1", "SUCCESS", "Strike"), 1), ("b", ("2", "FAILURE", "Hold"), 1)])
        await pilot.pause()
        assert table.columns[table.ordered_columns[1].key].content_width == len("SUCCESS")
