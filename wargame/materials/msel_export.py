"""MSEL export: a scenario's injects as a planner's spreadsheet (XLSX, one sheet per phase) or CSV.

The columns are those of :mod:`wargame.materials.columns`; every field of an inject
has a column, so importing the file gives back the same injects. The XLSX is made
for printing: a bold, repeated header row, wrapped text, set widths, landscape,
one page wide. Text is always stored as text — never as a formula, even when it
starts with ``=`` — and the CSV guards such cells against formula injection.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from pathlib import Path

from wargame.engine.scenario import Inject, Scenario
from wargame.materials.columns import EXPORTED, effect_text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""Characters a spreadsheet program may take as the start of a formula (OWASP's list)."""


class ExportError(ValueError):
    """An inject that a spreadsheet cannot hold as it is (e.g. a control character in its text)."""


def phase_rows(scenario: Scenario, phases: Sequence[tuple[str, Sequence[str]]]) -> list[tuple[str, list[Inject]]]:
    """(phase title, injects) in MSEL order; injects in no listed phase go last, under an empty title."""
    listed = {inject_id for _, ids in phases for inject_id in ids}
    grouped = [(title, [scenario.inject(i) for i in ids]) for title, ids in phases]
    rest = [inject for inject in scenario.injects if inject.id not in listed]
    if rest:
        grouped.append(("", rest))
    return grouped


def cells(inject: Inject, phase: str) -> list[object]:
    """One MSEL row: values in the order of the exported columns (dates as dates, turns as numbers)."""
    for i, item in enumerate(inject.expected_actions):
        if "\n" in item:
            raise ExportError(f"inject {inject.id}: expected action {i + 1} holds a line break (one line each in a sheet)")
    values: dict[str, object] = {
        "id": inject.id,
        "phase": phase,
        "kind": inject.kind,
        "turn": inject.turn,
        "date": inject.date,
        "trigger": inject.trigger or "",
        "repeat_every": inject.repeat_every if inject.repeat_every is not None else "",
        "title": inject.title,
        "from": inject.from_,
        "audience": "all" if inject.audience == "all" else ", ".join(inject.audience),
        "method": inject.method,
        "message": inject.message,
        "expected_actions": "\n".join(inject.expected_actions),
        "objectives": "\n".join(inject.objectives),
        "effects": ", ".join(effect_text(effect) for effect in inject.effects),
        "provenance": inject.provenance,
    }
    return [values[column.field] for column in EXPORTED]


def guard(text: str) -> str:
    """A CSV cell that no spreadsheet program runs: text starting like a formula gets a leading ``'``.

    Text that already starts with quotes before such a character gets one more, so
    that :func:`unguard` always gives back the original.
    """
    if text[:1] in FORMULA_START or (text[:1] == "'" and text.lstrip("'")[:1] in FORMULA_START):
        return "'" + text
    return text


def unguard(text: str) -> str:
    """The inverse of :func:`guard`: drop one leading ``'`` before a formula-like start."""
    if text[:1] == "'" and text.lstrip("'")[:1] in FORMULA_START:
        return text[1:]
    return text


def to_csv(rows: Sequence[tuple[str, Sequence[Inject]]]) -> str:
    """RFC 4180 CSV (CRLF line ends, quotes doubled), header first; the whole MSEL in one table."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([column.header for column in EXPORTED])
    for phase, injects in rows:
        for inject in injects:
            line = []
            for value in cells(inject, phase):
                if value is None:
                    line.append("")
                elif isinstance(value, dt.date):
                    line.append(value.isoformat())
                elif isinstance(value, str):
                    line.append(guard(value))
                else:
                    line.append(str(value))
            writer.writerow(line)
    return out.getvalue()


def sheet_title(index: int, phase: str, taken: set[str]) -> str:
    """A legal, unique sheet name (31 characters, none of ``[]:*?/\\``) for the ``index``-th phase."""
    base = re.sub(r"[\[\]:*?/\\']+", " ", phase).strip()
    base = " ".join(base.split()) or "Injects"
    title = f"{index:02d} {base}"[:31].rstrip()
    n = 2
    while title.lower() in taken:
        title = f"{index:02d} {base}"[: 31 - len(str(n)) - 1].rstrip() + f"~{n}"
        n += 1
    taken.add(title.lower())
    return title


def write_xlsx(rows: Sequence[tuple[str, Sequence[Inject]]], target: Path, title: str) -> None:
    """Write the XLSX workbook to ``target`` (the caller renames it into place)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    thin = Side(style="thin", color="A0A8B0")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="1F5F99")
    taken: set[str] = set()
    for index, (phase, injects) in enumerate(rows, start=1):
        sheet = book.create_sheet(sheet_title(index, phase, taken))
        for col, column in enumerate(EXPORTED, start=1):
            cell = sheet.cell(row=1, column=col, value=column.header)
            cell.font, cell.fill, cell.alignment, cell.border = head_font, head_fill, wrap, border
            sheet.column_dimensions[get_column_letter(col)].width = column.width
        for row, inject in enumerate(injects, start=2):
            for col, value in enumerate(cells(inject, phase), start=1):
                if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
                    raise ExportError(f"inject {inject.id}: {EXPORTED[col - 1].header} holds a control character "
                                      "that an XLSX file cannot store")
                cell = sheet.cell(row=row, column=col, value=value if value != "" else None)
                if isinstance(value, str):
                    cell.data_type = "s"  # text, never a formula, whatever it starts with
                elif isinstance(value, dt.datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                cell.alignment, cell.border = wrap, border
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(EXPORTED))}{max(len(injects) + 1, 2)}"
        sheet.print_title_rows = "1:1"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.gridLines = False
        sheet.oddHeader.left.text = f"MSEL: {title}"[:200].replace("&", "&&")
        sheet.oddHeader.right.text = "&A"
        sheet.oddFooter.center.text = "Page &P of &N"
    if not rows:
        book.create_sheet("Injects")
    book.save(target)
