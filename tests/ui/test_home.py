"""The home screen lists the saves of a folder and returns the facilitator's choice."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from wargame.engine.scenario import Scenario
from wargame.session import record_game
from wargame.ui.home import Choice, HomeApp


async def test_home_lists_saves_and_returns_the_choice(tmp_path: Path, harbour: Scenario) -> None:
    """Every save is listed (an unreadable one says why); r resumes, v reviews, n starts anew. A save that does
    not open says why in the list's place and the home stays (reader 10: Enter on a damaged save closed the
    home screen on its way to the error)."""
    record_game(harbour, 1, None, tmp_path / "a.db")
    record_game(harbour, 2, None, tmp_path / "b.db")
    (tmp_path / "junk.db").write_bytes(b"not a database")
    for key, expected in (("r", Choice("resume", tmp_path / "b.db")),
                          ("v", Choice("review", tmp_path / "b.db")),
                          ("n", Choice("new"))):
        app = HomeApp(tmp_path)
        async with app.run_test(size=(100, 24)) as pilot:
            await pilot.pause()
            table = app.query_one("#saves", DataTable)
            rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
            assert [row[0] for row in rows] == ["junk.db", "b.db", "a.db"]
            assert rows[0][4] == "unreadable" and rows[1][1] == "harbour"
            if key != "n":
                await pilot.press(key)
                await pilot.pause()
                assert app.is_running and app.return_value is None
                assert any("not an SQLite database" in str(n.message) for n in app._notifications)
                await pilot.press("down")
            await pilot.press(key)
            await pilot.pause()
        assert app.return_value == expected


async def test_home_in_an_empty_folder_offers_a_new_exercise(tmp_path: Path) -> None:
    app = HomeApp(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "No saved sessions" in str(app.query_one("#home-title").render())
        await pilot.press("r")  # nothing to resume: stays
        await pilot.press("n")
        await pilot.pause()
    assert app.return_value == Choice("new")
