"""Spreadsheets made the way planners' programs make them, written with openpyxl for the tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

PLANNER_HEADERS = ("Phase / Event", "Serial", "Scenario Time", "Exercise Time", "Sender", "Receiving Player", "Means",
                   "Event Synopsis", "Expected Player Action(s)", "Obj", "Status", "Controller Notes")

PLANNER_MAPPING = """\
header_row: 3
sheets: [MSEL]
columns:
  id: Serial
  objectives: Obj
roles:
  US Government: washington
  GoI: baghdad
objectives:
  Obj 1: washington.deterrence
  Obj 2: baghdad.sovereignty
ignore: [Status, Controller Notes]
"""


def planner_workbook(target: Path) -> Path:
    """An MSEL laid out like a spreadsheet program's template.

    A merged title row, a row of merged group headers over the real header row,
    the phase written once and merged down its rows, real date cells, relative
    times, extra columns the import must leave out, and a cover sheet.
    """
    book = Workbook()
    cover = book.active
    cover.title = "Cover"
    cover["A1"] = "Exercise DESERT SPRING: master scenario events list, version 3"
    sheet = book.create_sheet("MSEL")
    sheet["A1"] = "EXERCISE DESERT SPRING — MSEL v3"
    sheet.merge_cells("A1:L1")
    sheet["C2"] = "Timing"
    sheet.merge_cells("C2:D2")
    sheet["E2"] = "Routing"
    sheet.merge_cells("E2:G2")
    for col, header in enumerate(PLANNER_HEADERS, start=1):
        sheet.cell(row=3, column=col, value=header)
    rows: Sequence[Sequence[object]] = (
        ("Opening", 1, dt.datetime(2020, 3, 11, 9, 30), None, "Pentagon press office", "US Government", "Press release",
         "Rockets hit Camp Taji; two Americans and one Briton are dead.", "Decide a response\nBrief Congress",
         "Obj 1", "Ready", "check wording"),
        (None, 2, None, "D+8 H+3", "Ministry of Foreign Affairs", "GoI, US Government", "Cable",
         "Baghdad condemns the strikes on its territory.", "Protest formally", "Obj 2", "Draft", None),
        (None, 3, None, "T+2", "Control", "All Players", None, "A week of quiet rocket fire.", None, None, None, None),
        ("Late", "3a", dt.datetime(2020, 4, 20), None, "Control", "all", "Briefing", "Talks resume in Baghdad.",
         None, None, None, None),
    )
    for r, values in enumerate(rows, start=4):
        for c, value in enumerate(values, start=1):
            if value is not None:
                cell = sheet.cell(row=r, column=c, value=value)
                if isinstance(value, dt.datetime):
                    cell.number_format = "dd/mm/yyyy hh:mm"
    sheet.merge_cells("A4:A6")
    book.save(target)
    return target


def simple_sheet(target: Path, header: Sequence[str], rows: Sequence[Sequence[object]], *, formulas: bool = False) -> Path:
    """One sheet, header in row 1; with ``formulas``, strings starting with '=' are left as formulas."""
    book = Workbook()
    sheet = book.active
    sheet.title = "MSEL"
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    if not formulas:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    book.save(target)
    return target
