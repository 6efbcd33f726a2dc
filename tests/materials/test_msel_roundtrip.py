"""MSEL export and import give back the same injects; the files are what a planner expects."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.materials.conftest import run
from wargame.engine.scenario import Scenario
from wargame.materials.columns import EXPORTED
from wargame.materials.msel_export import guard, to_csv, unguard, write_xlsx
from wargame.scenario import load_scenario
from wargame.scenario.content import ScenarioFiles
from wargame.scenario.injectfiles import read_phases


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_shipped_scenario_round_trips(suffix: str, exported: dict[str, Path], tmp_path: Path, iraq: Scenario) -> None:
    """Shipped iraq-2020 → sheet → import gives the same injects, in the same order and phases."""
    result = run("msel", "import", str(exported[suffix]), "--scenario", "iraq-2020", "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    again = load_scenario("iraq-2020", tmp_path)
    assert again.injects == iraq.injects
    assert ScenarioFiles("iraq-2020", tmp_path).world.is_file()
    shipped_phases = [p.title for p in read_phases(ScenarioFiles("iraq-2020", Path(__file__).parents[2]))]
    assert [p.title for p in read_phases(ScenarioFiles("iraq-2020", tmp_path))] == shipped_phases


def test_xlsx_has_one_print_ready_sheet_per_phase(exported: dict[str, Path], iraq: Scenario) -> None:
    """One sheet per phase; a bold header row repeated on every printed page, wrapped text, set widths, dates as dates."""
    book = load_workbook(exported["xlsx"])
    assert len(book.sheetnames) == 6
    sheet = book[book.sheetnames[1]]
    assert [c.value for c in sheet[1]] == [column.header for column in EXPORTED]
    assert sheet["A1"].font.bold and sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape" and sheet.freeze_panes == "A2"
    assert sheet["K2"].alignment.wrap_text
    assert sheet.column_dimensions["K"].width == 60
    assert sheet["E2"].is_date
    assert sum(s.max_row - 1 for s in book.worksheets) == len(iraq.injects)


def test_csv_is_rfc4180_and_guards_formula_injection(iraq: Scenario) -> None:
    """CRLF line ends, doubled quotes; a text starting with = + - @ is written behind a quote and read back whole."""
    evil = iraq.injects[0].model_copy(update={"title": '=HYPERLINK("http://x","click")', "message": "-2 then \"quoted\"",
                                              "method": "@once", "from_": "'=already"})
    text = to_csv([("Phase", [evil])])
    assert text.endswith("\r\n") and "\r\n" in text
    row = next(iter(csv.reader(io.StringIO(text, newline=""))), None)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert row is not None and rows[1][6].startswith("'=")
    assert rows[1][10] == "'-2 then \"quoted\""
    assert rows[1][9] == "'@once" and rows[1][7] == "''=already"
    assert [unguard(v) for v in (rows[1][6], rows[1][10], rows[1][9], rows[1][7])] == \
        [evil.title, evil.message, evil.method, evil.from_]
    assert guard("'Tis plain") == "'Tis plain" and unguard("'Tis plain") == "'Tis plain"


def test_xlsx_stores_formula_like_text_as_text(tmp_path: Path, iraq: Scenario) -> None:
    """A title starting with '=' is a text cell in the workbook, never a formula a spreadsheet would run."""
    evil = iraq.injects[0].model_copy(update={"title": "=1+1"})
    target = tmp_path / "evil.xlsx"
    write_xlsx([("P", [evil])], target, "t")
    cell = load_workbook(target)["01 P"]["G2"]
    assert cell.value == "=1+1" and cell.data_type == "s"


def test_export_refuses_unknown_suffix(tmp_path: Path) -> None:
    result = run("msel", "export", "iraq-2020", "-o", str(tmp_path / "x.ods"))
    assert result.exit_code == 2 and "write .xlsx or .csv" in result.stderr
    assert not (tmp_path / "x.ods").exists()
