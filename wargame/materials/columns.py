"""The MSEL columns: our headers, the synonyms planners' sheets use, and how each field is written in a cell.

One table for export and import, so that what we write is what we read back.
A *field* is our name for a column (``audience``); a *header* is what a sheet calls
it (``To``, ``Recipients``, ``Player(s)``). Headers are compared after
:func:`normalise`: case, punctuation and ``(s)`` do not matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wargame.engine.scenario import Effect


@dataclass(frozen=True)
class Column:
    """One MSEL column: our field name, the header we write, its print width, and headers we recognise."""

    field: str
    header: str
    width: int
    synonyms: tuple[str, ...] = ()
    exported: bool = True


COLUMNS: tuple[Column, ...] = (
    Column("id", "No.", 8, ("msel #", "msel no", "msel number", "number", "no", "#", "inject #", "inject no", "inject id",
                            "inject number", "event #", "event no", "serial", "ref", "reference", "id", "event id")),
    Column("phase", "Phase", 16, ("phase", "phase event", "stage", "exercise phase", "module", "block")),
    Column("kind", "Kind", 11, ("kind", "type", "inject type", "event type", "category")),
    Column("turn", "Turn", 6, ("turn", "move", "round", "scenario turn")),
    Column("date", "Date", 11, ("date", "scenario date", "designated scenario time", "scenario time", "dtg",
                                "date time", "date and time", "scenario date time")),
    Column("time", "Time", 10, ("time", "relative time", "exercise time", "ex time", "timing", "when", "h hour",
                                "time offset", "offset"), exported=False),
    Column("trigger", "Trigger", 18, ("trigger", "condition", "fires when", "release condition")),
    Column("title", "Title", 24, ("title", "subject", "event", "headline", "inject title", "short title", "event title",
                                  "event name", "inject")),
    Column("from", "From", 16, ("from", "sender", "originator", "source of inject", "delivered by", "simulated sender")),
    Column("audience", "To", 16, ("to", "audience", "recipient", "recipients", "player", "players", "addressee",
                                  "addressees", "target", "target audience", "receiving player", "player team")),
    Column("method", "Method", 14, ("method", "delivery", "delivery method", "means", "mode", "medium", "channel")),
    Column("message", "Message", 60, ("message", "description", "event description", "event synopsis", "synopsis",
                                      "inject text", "details", "content", "body", "narrative", "script", "text")),
    Column("expected_actions", "Expected player actions", 36,
           ("expected actions", "expected player actions", "expected action", "expected player action",
            "expected response", "expected responses", "expected outcome", "expected outcomes",
            "expected player response", "anticipated response")),
    Column("objectives", "Objectives exercised", 24,
           ("objectives", "objective", "objectives exercised", "capability", "capabilities", "core capability",
            "exercise objective", "exercise objectives", "objective capability")),
    Column("effects", "Effects", 18, ("effects", "effect", "state effects")),
    Column("provenance", "Provenance", 36, ("provenance", "source document", "source", "basis", "rationale")),
    Column("repeat_every", "Repeat every", 8, ("repeat every", "repeats every", "repeat every turns",
                                               "repeat after")),
)

FIELDS = tuple(column.field for column in COLUMNS)
EXPORTED = tuple(column for column in COLUMNS if column.exported)
BY_FIELD = {column.field: column for column in COLUMNS}


def normalise(header: object) -> str:
    """'Expected Player Action(s)' → 'expected player actions'; 'MSEL #' → 'msel #'; 'No.' → 'no'."""
    text = str(header).lower().replace("(s)", "s")
    text = re.sub(r"[^a-z0-9#]+", " ", text)
    return " ".join(text.split())


SYNONYMS: dict[str, str] = {}
for _column in COLUMNS:
    for _name in (_column.header, *_column.synonyms):
        SYNONYMS.setdefault(normalise(_name), _column.field)


def number_text(value: float) -> str:
    """A number written so that ``float(text) == value`` exactly, without exponent: 3.0 → '3', 0.1 → '0.1'."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = f"{value:.20f}".rstrip("0").rstrip(".")
    if text.endswith(".0"):
        text = text[:-2]
    return text


def effect_text(effect: Effect) -> str:
    """``us_support -2``, ``escalation =3``, ``pressure *0.5``: the notation the umpire types at the console."""
    value = effect.value
    if isinstance(value, str):  # an expression, as written
        return f"{effect.var} {effect.op} ({value})"
    if effect.op == "add":
        return f"{effect.var} {'-' if value < 0 else '+'}{number_text(abs(value))}"
    if effect.op == "set":
        return f"{effect.var} ={number_text(value)}"
    return f"{effect.var} *{number_text(value)}"


def split_list(text: str, *, lines_only: bool = False) -> list[str]:
    """Items of a list cell: one per line (and, unless ``lines_only``, also split on ``;`` and ``,``)."""
    parts = text.splitlines() if lines_only else re.split(r"[\n;,]", text)
    items = []
    for part in parts:
        item = part.strip()
        if item:
            items.append(item)
    return items
