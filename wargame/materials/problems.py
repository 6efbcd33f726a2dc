"""Located problems of imported materials: ``FILE:SHEET!CELL: message`` (or a JSON path for other tools' files)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Where:
    """A place in an imported file: a spreadsheet cell (``msel.xlsx:Injects!C5``) or a JSON path."""

    file: str
    sheet: str = ""
    cell: str = ""
    path: str = ""

    def __str__(self) -> str:
        if self.path:
            return f"{self.file}:{self.path}"
        sheet = self.sheet if re.fullmatch(r"[A-Za-z0-9_.]+", self.sheet) else "'" + self.sheet.replace("'", "''") + "'"
        return f"{self.file}:{sheet}!{self.cell}" if self.sheet or self.cell else self.file


@dataclass(frozen=True)
class MaterialProblem:
    """One thing wrong with an imported file, at one place."""

    where: Where
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class ImportRefused(ValueError):
    """An import with problems: ``problems`` lists every one found, in file order; nothing was written."""

    def __init__(self, problems: list[MaterialProblem], notes: list[str] | None = None) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
        self.notes = notes or []
        """Remarks that are not problems (columns left out, sheets skipped), shown before the problems."""
