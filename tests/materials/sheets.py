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


def bare_xlsx(target: Path, rows: Sequence[Sequence[str]], sheet: str = "MSEL") -> Path:
    """A minimal XLSX written directly (inline strings, no declared size): fast for the huge-sheet tests.

    Like openpyxl's write-only mode, it declares no ``<dimension>``, so a reader must walk the sheet to size it.
    """
    import zipfile
    from xml.sax.saxutils import escape

    def column(index: int) -> str:
        return chr(65 + index)

    body = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{column(c)}{r}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
                                   for c, v in enumerate(row)) + "</row>"
        for r, row in enumerate(rows, start=1))
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}">'
            f'<sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><sheetData>{body}</sheetData></worksheet>',
    }
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return target
