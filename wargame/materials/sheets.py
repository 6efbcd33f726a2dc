"""Reading a planner's sheet (XLSX or CSV) into records: one per inject row, every value with its cell.

Reading is bounded, so a hostile or runaway file is refused in seconds, not
minutes: at most :data:`MAX_BYTES` of file, :data:`MAX_INJECTS` inject rows in
all (the rest is never read), and a sheet ends after :data:`MAX_BLANK_RUN` blank
rows in a row. The header row is the first of the top :data:`HEADER_SCAN` rows
that names the most known columns (or the mapping's ``header_row``), so a title
row or a row of merged group headers above it does no harm.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wargame.materials.columns import BY_FIELD, SYNONYMS, normalise
from wargame.materials.mapping import Mapping
from wargame.materials.msel_export import unguard
from wargame.materials.problems import ImportRefused, MaterialProblem, Where

MAX_BYTES = 20_000_000
MAX_INJECTS = 2_000
MAX_BLANK_RUN = 200
HEADER_SCAN = 30


@dataclass(frozen=True)
class Cell:
    """One value read from a sheet, where it was, and whether the sheet held a formula there."""

    value: Any
    where: Where
    formula: bool = False

    @property
    def blank(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@dataclass
class Record:
    """One inject row: our field name → its cell; ``where`` is the row's first cell."""

    where: Where
    cells: dict[str, Cell]


@dataclass
class SheetData:
    """What an MSEL file held: its inject rows, and notes for the person (columns left out, sheets skipped)."""

    records: list[Record] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def column_letter(index: int) -> str:
    """1 → 'A', 27 → 'AA'."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


RawRow = list[tuple[Any, bool]]
"""A row as read: (value, is formula) per column, from column A."""


MAX_SHEET_ROWS = 20_000
MAX_TEXTS = 60_000
MAX_UNPACKED = 300_000_000
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]+\d+:?[A-Z]*(\d*)"')
_STRINGS = re.compile(rb'<sst[^>]*?uniqueCount="(\d+)"')


def _sheet_rows(archive: zipfile.ZipFile, name: str) -> int:
    """The rows a sheet part declares (its dimension), or else counts (``<row`` tags, read in chunks)."""
    with archive.open(name) as part:
        start = part.read(4096)
        match = _DIMENSION.search(start)
        if match and match.group(1):
            return int(match.group(1))
        count, tail = 0, b""
        chunk = start
        while chunk:
            data = tail + chunk
            count += data.count(b"<row ") - tail.count(b"<row ")
            tail = data[-5:]
            chunk = part.read(1 << 20)
        return count


def _precheck(path: Path, label: str) -> None:
    """Refuse a workbook far larger than any MSEL before openpyxl walks it whole.

    Reads the sheets' declared size (or counts their rows, which is fast), and the count of distinct texts.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                name = info.filename
                if info.file_size > MAX_UNPACKED:
                    raise ImportRefused([MaterialProblem(Where(label), f"{name} unpacks to {info.file_size:,} bytes: refused")])
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    rows = _sheet_rows(archive, name)
                    if rows > MAX_SHEET_ROWS:
                        raise ImportRefused([MaterialProblem(Where(label), (
                            f"a sheet reaches row {rows:,} (over {MAX_SHEET_ROWS:,}): refused; an MSEL holds at "
                            f"most {MAX_INJECTS:,} injects; delete the extra rows or split the file"))])
                elif name == "xl/sharedStrings.xml":
                    with archive.open(name) as part:
                        match = _STRINGS.search(part.read(4096))
                    if match and int(match.group(1)) > MAX_TEXTS:
                        raise ImportRefused([MaterialProblem(Where(label), (
                            f"holds {int(match.group(1)):,} distinct texts (over {MAX_TEXTS:,}): refused; an MSEL of at "
                            f"most {MAX_INJECTS:,} injects holds far fewer"))])
    except ImportRefused:
        raise
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportRefused([MaterialProblem(Where(label), "cannot be read as an XLSX workbook (not a zip archive)")]) \
            from None


def _xlsx_sheets(path: Path, label: str) -> Iterator[tuple[str, Iterator[RawRow]]]:
    from openpyxl import load_workbook

    _precheck(path, label)
    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise ImportRefused([MaterialProblem(Where(label), f"cannot be read as an XLSX workbook ({type(error).__name__})")]) \
            from None

    def rows(sheet: Any) -> Iterator[RawRow]:
        for row in sheet.iter_rows():
            yield [(cell.value, getattr(cell, "data_type", None) == "f") for cell in row]

    try:
        for name in book.sheetnames:
            yield name, rows(book[name])
    finally:
        book.close()


def _csv_sheet(path: Path, label: str) -> tuple[str, Iterator[RawRow]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ImportRefused([MaterialProblem(Where(label, path.stem, f"A{line}"),
                                             "not UTF-8 text (save the sheet as 'CSV UTF-8')")]) from None

    def rows() -> Iterator[RawRow]:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            for row in reader:
                # In a CSV every cell is text: our own export guards formula-like text with a leading
                # quote (undone here); unguarded text starting with '=' is taken as a pasted formula.
                yield [(unguard(value) if value.startswith("'") else value, value.startswith("=")) for value in row]
        except csv.Error as error:
            raise ImportRefused([MaterialProblem(Where(label, path.stem, f"A{reader.line_num}"), f"CSV: {error}")]) \
                from None

    return path.stem, rows()


def _field_of(header: Any, mapping: Mapping) -> str | None:
    if header is None:
        return None
    key = normalise(header)
    if not key:
        return None
    for field_name, theirs in mapping.columns.items():
        if normalise(theirs) == key:
            return field_name
    found = SYNONYMS.get(key)
    if found is not None and found in mapping.columns:
        return None  # the mapping names another column for this field
    return found


def _header_row(rows: list[RawRow], mapping: Mapping) -> int | None:
    """Index (0-based) of the header among the first rows read, or None if no row names two known columns."""
    if mapping.header_row is not None:
        return mapping.header_row - 1 if mapping.header_row - 1 < len(rows) else None
    best, best_count = None, 1
    for i, row in enumerate(rows):
        count = len({f for value, _ in row if (f := _field_of(value, mapping)) is not None})
        if count > best_count:
            best, best_count = i, count
    return best


def read_sheets(path: Path, mapping: Mapping, label: str | None = None) -> SheetData:
    """Every inject row of an XLSX or CSV MSEL, or ``ImportRefused`` with every problem found."""
    label = label or path.name
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImportRefused([MaterialProblem(Where(label), f"cannot read file: {error.strerror or error}")]) from None
    if size > MAX_BYTES:
        raise ImportRefused([MaterialProblem(Where(label), f"file is larger than {MAX_BYTES:,} bytes; an MSEL is far smaller")])
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        sheets: Iterator[tuple[str, Iterator[RawRow]]] = _xlsx_sheets(path, label)
    elif suffix == ".csv":
        sheets = iter([_csv_sheet(path, label)])
    else:
        raise ImportRefused([MaterialProblem(Where(label), "expected an .xlsx or .csv file")])

    data = SheetData()
    problems: list[MaterialProblem] = []
    wanted = {name.lower() for name in mapping.sheets}
    seen: list[str] = []
    found_header = False
    for name, rows in sheets:
        seen.append(name)
        if wanted and name.lower() not in wanted:
            continue
        head: list[RawRow] = []
        limit = mapping.header_row if mapping.header_row is not None else HEADER_SCAN
        for row in rows:
            head.append(row)
            if len(head) >= limit:
                break
        index = _header_row(head, mapping)
        if index is None:
            if wanted:
                problems.append(MaterialProblem(Where(label, name, "A1"), "no header row naming two or more known columns "
                                                "(give header_row and columns: in a mapping file)"))
            else:
                data.notes.append(f"{Where(label, name, 'A1')}: sheet skipped: no header row naming known columns")
            continue
        found_header = True
        header_number = index + 1
        columns: dict[int, str] = {}
        for col, (value, _) in enumerate(head[index], start=1):
            field_name = _field_of(value, mapping)
            where = Where(label, name, f"{column_letter(col)}{header_number}")
            if field_name is None:
                if value is not None and str(value).strip() and normalise(value) not in {normalise(i) for i in mapping.ignore}:
                    data.notes.append(f"{where}: column {str(value).strip()!r} left out (not an MSEL field we keep)")
                continue
            if field_name in columns.values():
                first = next(c for c, f in columns.items() if f == field_name)
                problems.append(MaterialProblem(where, f"a second column for {BY_FIELD[field_name].header!r} "
                                                f"(first: {column_letter(first)}{header_number}); map one in the mapping file"))
                continue
            columns[col] = field_name
        for required in ("message", "from"):
            if required not in columns.values() and required not in mapping.defaults:
                looked = ", ".join(repr(s) for s in (BY_FIELD[required].header, *BY_FIELD[required].synonyms[:6]))
                hint = " or a default under defaults:" if required == "from" else ""
                problems.append(MaterialProblem(Where(label, name, f"A{header_number}"),
                                                f"no column for the {BY_FIELD[required].header.lower()} (looked for {looked}, ...); "
                                                f"name it under columns:{hint} in a mapping file"))
        if problems:
            continue

        def records(start: int, rest: Iterator[RawRow]) -> Iterator[tuple[int, RawRow]]:
            number = start
            for row in head[index + 1:]:
                number += 1
                yield number, row
            for row in rest:
                number += 1
                yield number, row

        blank_run = 0
        phase_above: Cell | None = None
        for number, row in records(header_number, rows):
            cells: dict[str, Cell] = {}
            for col, field_name in columns.items():
                value, formula = row[col - 1] if col - 1 < len(row) else (None, False)
                cell = Cell(value, Where(label, name, f"{column_letter(col)}{number}"), formula)
                if not cell.blank:
                    cells[field_name] = cell
            if not any(f != "phase" for f in cells):
                blank_run += 1
                if blank_run >= MAX_BLANK_RUN:
                    break
                continue
            blank_run = 0
            # a phase written once and merged down (or left blank below) holds for the rows under it
            if "phase" in cells:
                phase_above = cells["phase"]
            elif phase_above is not None:
                cells["phase"] = phase_above
            if len(data.records) >= MAX_INJECTS:
                raise ImportRefused(problems + [MaterialProblem(Where(label, name, f"A{number}"),
                                                f"more than {MAX_INJECTS:,} inject rows: refused (an exercise plays "
                                                "a few dozen; split the file or remove the extra rows)")])
            data.records.append(Record(Where(label, name, f"A{number}"), cells))
    if wanted:
        missing = [s for s in mapping.sheets if s.lower() not in {n.lower() for n in seen}]
        if missing:
            problems.append(MaterialProblem(Where(label), f"no sheet named {', '.join(map(repr, missing))} "
                                            f"(sheets: {', '.join(map(repr, seen))})"))
    elif not found_header and not problems:
        problems.append(MaterialProblem(Where(label, seen[0] if seen else "", "A1"),
                                        "no sheet has a header row naming two or more known MSEL columns "
                                        "(give header_row and columns: in a mapping file)"))
    if problems:
        raise ImportRefused(problems)
    return data
