"""Records (from a sheet or another tool's file) → checked injects, every problem at its cell.

Timing in a planner's words is turned into ours here: a ``Turn`` of ``3``, ``T3``
or ``T+2`` (two turns after the first, so turn 3); a ``Date`` as a real date cell
or text; a relative ``Time`` such as ``D+1 H+3`` (a day and three hours after the
start of the exercise, which falls in the turn that holds that moment). The kind,
when the sheet has no column for it, follows from the timing: a trigger makes a
branch inject, a time makes a historical one, neither a contingency.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from wargame.engine.effect_text import parse_effects
from wargame.engine.expr import ExprError, compile_expr
from wargame.engine.scenario import Inject, InjectFile, Scenario
from wargame.engine.timing import as_datetime
from wargame.materials.columns import normalise, split_list
from wargame.materials.mapping import Mapping
from wargame.materials.problems import ImportRefused, MaterialProblem, Where
from wargame.materials.sheets import Cell, Record
from wargame.text import character_name, control_character

KINDS = {
    "historical": "historical", "scheduled": "historical", "timed": "historical", "planned": "historical",
    "expected": "historical", "branch": "branch", "conditional": "branch", "triggered": "branch",
    "contingency": "contingency", "contingent": "contingency", "on call": "contingency", "optional": "contingency",
    "spare": "contingency", "reserve": "contingency", "ad hoc": "contingency",
}
EVERYONE = {"all", "everyone", "all players", "all roles", "all cells", "all teams", "all participants", "plenary"}
_RELATIVE = re.compile(r"^\s*(?:D\s*([+-])\s*(\d+))?\s*(?:H\s*([+-])\s*(\d+(?:\.\d+)?))?\s*$", re.I)
_TURN = re.compile(r"^\s*(?:T(?:urn)?\s*)?(\d+)\s*$", re.I)
_TURN_AFTER = re.compile(r"^\s*T\s*\+\s*(\d+)\s*$", re.I)
_TEXT_DATES = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%Y-%m-%d %H:%M",
               "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M")


class _Builder:
    def __init__(self, scenario: Scenario, mapping: Mapping) -> None:
        self.scenario = scenario
        self.world = scenario.world
        self.mapping = mapping
        self.problems: list[MaterialProblem] = []
        self.variables = {v.id for v in scenario.world.variables}
        self.moves = {(r.id, a.id) for r in scenario.roles for a in r.actions}
        self.objectives = {f"{r.id}.{o.id}" for r in scenario.roles for o in r.objectives}
        self.role_names: dict[str, str] = {}
        for role in scenario.roles:
            self.role_names[role.id] = role.id
            self.role_names[normalise(role.id)] = role.id
            self.role_names[normalise(role.name)] = role.id
        for theirs, ours in mapping.roles.items():
            self.role_names[normalise(theirs)] = ours

    def problem(self, where: Where, message: str) -> None:
        self.problems.append(MaterialProblem(where, message))

    # ------------------------------------------------------------ values

    def text(self, cell: Cell) -> str:
        value = cell.value
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, (dt.datetime, dt.date)):
            return value.isoformat()
        text = str(value).strip() if not isinstance(value, str) else value.strip("\r\n")
        index = control_character(text)
        if index is not None:  # named at its cell, with the sheet's other problems (not in the YAML it would become)
            self.problem(cell.where, f"holds the control character {character_name(text[index])}; inject text may "
                                     "hold line breaks and tabs, no other control characters")
        return text

    def turn(self, cell: Cell) -> int | None:
        value = cell.value
        if isinstance(value, bool):
            value = None
        if isinstance(value, (int, float)) and float(value).is_integer():
            return int(value)
        text = str(value)
        if (match := _TURN_AFTER.match(text)) is not None:
            return int(match.group(1)) + 1
        if (match := _TURN.match(text)) is not None:
            return int(match.group(1))
        self.problem(cell.where, f"{text!r} is not a turn (write 3, T3, or T+2 for two turns after the first)")
        return None

    def repeat_every(self, cell: Cell) -> int | None:
        """A branch inject's ``repeat_every``: a whole number of turns (1 or more), or None (problem noted)."""
        value = cell.value
        if not isinstance(value, bool) and isinstance(value, (int, float)) and float(value).is_integer() and value >= 1:
            return int(value)
        text = str(value).strip()
        if text.isdigit() and int(text) >= 1:
            return int(text)
        self.problem(cell.where, f"{text!r} is not a number of turns to repeat after (write 1, 2, …)")
        return None

    def turn_at(self, moment: dt.date, where: Where) -> int | None:
        """The turn open at ``moment`` (a date is its midnight; before the start: the first turn)."""
        start = as_datetime(self.world.start_date)
        offset = as_datetime(moment) - start
        length = self.world.turn_delta
        if self.world.turn_dates:
            at = as_datetime(moment)
            turn = max([1] + [t for t in range(1, self.world.turns + 2) if self.world.opens_at(t) <= at])
        else:
            turn = 1 if offset < dt.timedelta(0) else 1 + offset // length
        if turn > self.world.turns:
            end = self.world.turn_opens(self.world.turns + 1)
            self.problem(where, f"falls after the last turn (turn {self.world.turns} ends when {end} begins)")
            return None
        return turn

    def relative(self, cell: Cell) -> tuple[float, bool] | None:
        """``D+1 H+3`` → (days after the start, True); ``T+2`` → (turn 3, False); None if neither."""
        text = str(cell.value)
        if (match := _TURN_AFTER.match(text)) is not None:
            return float(int(match.group(1)) + 1), False
        match = _RELATIVE.match(text)
        if match is None or not (match.group(1) or match.group(3)):
            return None
        days = int(match.group(2) or 0) * (-1 if match.group(1) == "-" else 1)
        hours = float(match.group(4) or 0) * (-1 if match.group(3) == "-" else 1)
        return days + hours / 24, True

    def date(self, cell: Cell) -> dt.date | None:
        """A date, or a date and time when the cell gives a time of day other than midnight."""
        value = cell.value
        if isinstance(value, dt.datetime):
            return _moment(value)
        if isinstance(value, dt.date):
            return value
        if isinstance(value, dt.time):
            self.problem(cell.where, "a clock time without a day: write a date, or D+n H+n from the start")
            return None
        text = str(value).strip()
        given = self.mapping.date_format
        formats = ((given, f"{given} %H:%M", f"{given} %H:%M:%S") if given else ()) + _TEXT_DATES
        for fmt in formats:
            try:
                return _moment(dt.datetime.strptime(text, fmt))
            except ValueError:
                continue
        hint = f"the mapping's date_format {self.mapping.date_format!r}" if self.mapping.date_format else \
            "YYYY-MM-DD, '11 March 2020', or a date_format in the mapping file"
        self.problem(cell.where, f"{text!r} is not a date (expected {hint}, or D+n H+n)")
        return None

    def audience(self, cell: Cell) -> list[str] | str | None:
        text = self.text(cell)
        if normalise(text) in EVERYONE:
            return "all"
        roles: list[str] = []
        bad = []
        for item in split_list(text):
            role = self.mapping.roles.get(item) or self.role_names.get(normalise(item)) or self.role_names.get(item)
            if role is None or role not in self.world.roles:
                bad.append(item)
            elif role not in roles:
                roles.append(role)
        if bad:
            known = ", ".join(f"{r.id} ({r.name})" for r in self.scenario.roles)
            self.problem(cell.where, f"unknown audience role {', '.join(map(repr, bad))} (roles: all, {known}; "
                                     "or map the name under roles: in a mapping file)")
            return None
        return roles or "all"

    def objectives_of(self, cell: Cell) -> list[str] | None:
        found: list[str] = []
        bad: list[str] = []
        for item in split_list(self.text(cell)):
            name = self.mapping.objectives.get(item, item)
            (found if name in self.objectives else bad).append(name)
        if bad:
            self.problem(cell.where, f"unknown objective {', '.join(map(repr, bad))} (write role.objective, e.g. "
                                     f"{sorted(self.objectives)[0]}; or map it under objectives: in a mapping file)")
            return None
        return found

    # ------------------------------------------------------------ one row

    def record(self, number: int, record: Record) -> tuple[str, Inject] | None:
        cells = record.cells
        before = len(self.problems)
        for cell in cells.values():
            if cell.formula:
                self.problem(cell.where, f"a formula ({str(cell.value)[:40]}): paste its value instead "
                                         "(formulas are not read)")
        if len(self.problems) > before:
            return None
        data: dict[str, Any] = {}
        defaults = dict(self.mapping.defaults)

        def text_of(name: str) -> str | None:
            if name in cells:
                return self.text(cells[name])
            return defaults.get(name)

        ident = text_of("id")
        data["id"] = ident if ident else f"I-{number:03d}"
        message = text_of("message")
        data["message"] = message or ""
        title = text_of("title")
        if not title and message:
            first = message.strip().splitlines()[0]
            title = first if len(first) <= 80 else first[:79].rstrip() + "…"
        data["title"] = title or ""
        data["from"] = text_of("from") or ""
        if (method := text_of("method")) is not None:
            data["method"] = method
        if "provenance" in cells:
            data["provenance"] = self.text(cells["provenance"])
        else:
            data["provenance"] = defaults.get("provenance") or f"imported from {record.where}"
        if (trigger := text_of("trigger")) is not None:
            data["trigger"] = trigger
            try:
                compile_expr(trigger, want="bool", variables=self.variables, moves=self.moves)
            except ExprError as error:
                self.problem(cells["trigger"].where if "trigger" in cells else record.where,
                             f"trigger: {error.message} (at character {error.column})")
        if "repeat_every" in cells:
            repeat = self.repeat_every(cells["repeat_every"])
            if repeat is not None:
                data["repeat_every"] = repeat
        if "audience" in cells:
            audience = self.audience(cells["audience"])
            if audience is not None:
                data["audience"] = audience
        elif "audience" in defaults:
            data["audience"] = self.audience(Cell(defaults["audience"], record.where)) or "all"
        if "expected_actions" in cells:
            data["expected_actions"] = split_list(self.text(cells["expected_actions"]), lines_only=True)
        if "objectives" in cells:
            objectives = self.objectives_of(cells["objectives"])
            if objectives is not None:
                data["objectives"] = objectives
        if "effects" in cells:
            try:
                data["effects"] = parse_effects(self.text(cells["effects"]), self.variables)
            except ValueError as error:
                self.problem(cells["effects"].where, f"effects: {error}")

        turn = self.turn(cells["turn"]) if "turn" in cells else None
        date = None
        if "date" in cells:
            relative = self.relative(cells["date"])
            if relative is None:
                date = self.date(cells["date"])
                if date is not None and turn is None:
                    turn = self.turn_at(date, cells["date"].where)
            else:
                turn = self._from_relative(relative, cells["date"], turn, data)
        if "time" in cells:
            relative = self.relative(cells["time"])
            if relative is None:
                self.problem(cells["time"].where, f"{self.text(cells['time'])!r} is not a relative time "
                                                  "(write D+1 H+3, H+6 or T+2)")
            else:
                turn = self._from_relative(relative, cells["time"], turn, data)
        if date is not None:
            data["date"] = date

        kind_text = text_of("kind")
        if kind_text:
            kind = KINDS.get(normalise(kind_text))
            if kind is None:
                where = cells["kind"].where if "kind" in cells else record.where
                self.problem(where, f"{kind_text!r} is not a kind of inject (historical, branch or contingency)")
                return None
        else:
            kind = "branch" if "trigger" in data else ("historical" if turn is not None else "contingency")
        data["kind"] = kind
        if turn is not None and kind != "contingency":
            data["turn"] = turn
        elif turn is not None and "turn" in cells:
            data["turn"] = turn  # let the model say a contingency takes no turn, at the Turn cell
        if kind == "branch" and "turn" not in cells:
            data.pop("turn", None)  # a branch arrives on its trigger; a date in the sheet does not time it
        if len(self.problems) > before:
            return None
        try:
            inject = Inject.model_validate(data)
        except ValidationError as error:
            for item in error.errors():
                name = str(item["loc"][0]) if item["loc"] else ""
                found: Cell | None = cells.get(name) or (cells.get("kind") if not name else None)
                where = found.where if found else record.where
                message = str(item["msg"]).removeprefix("Value error, ")
                if item["type"] == "string_pattern_mismatch" and name == "id":
                    message = "an inject number may hold letters, digits, '.', '_' and '-' only, starting with a letter or digit"
                elif item["type"] == "missing" or (item["type"] == "string_too_short"):
                    message = "required"
                self.problem(where, f"{name}: {message}" if name else message)
            return None
        if not inject.message.strip():
            self.problem(cells["message"].where if "message" in cells else record.where, "message: empty")
            return None
        if not inject.from_.strip():
            self.problem(cells["from"].where if "from" in cells else record.where, "from: empty (who sends it?)")
            return None
        if inject.turn is not None and inject.turn > self.world.turns:
            self.problem(cells["turn"].where if "turn" in cells else record.where,
                         f"turn {inject.turn} is after the last turn ({self.world.turns})")
            return None
        phase = self.text(cells["phase"]) if "phase" in cells else defaults.get("phase", record.where.sheet)
        return phase, inject

    def _from_relative(self, relative: tuple[float, bool], cell: Cell, turn: int | None, data: dict[str, Any]) -> int | None:
        amount, is_days = relative
        if not is_days:
            if int(amount) > self.world.turns:
                self.problem(cell.where, f"turn {int(amount)} is after the last turn ({self.world.turns})")
                return turn
            return turn if turn is not None else int(amount)
        moment = as_datetime(self.world.start_date) + dt.timedelta(days=amount)
        found = self.turn_at(moment, cell.where)
        if "date" not in data:
            data["date"] = _moment(moment)
        return turn if turn is not None else found


def _moment(value: dt.datetime) -> dt.date:
    """A datetime at midnight is a date (spreadsheets store every date as a datetime); else it keeps its time."""
    return value.date() if value.time() == dt.time(0) else value


def build_injects(records: Sequence[Record], scenario: Scenario, mapping: Mapping, label: str = "") -> list[tuple[str, list[Inject]]]:
    """The injects of ``records`` grouped by phase (in order of first appearance), or ``ImportRefused``.

    ``label`` names the file in the one problem of a file without inject rows.
    """
    builder = _Builder(scenario, mapping)
    phases: dict[str, list[Inject]] = {}
    first_cell: dict[str, Where] = {}
    for number, record in enumerate(records, start=1):
        built = builder.record(number, record)
        if built is None:
            continue
        phase, inject = built
        where = record.cells["id"].where if "id" in record.cells else record.where
        if inject.id in first_cell:
            builder.problem(where, f"duplicate inject number {inject.id!r} (first at {first_cell[inject.id]})")
            continue
        first_cell[inject.id] = where
        phases.setdefault(phase, []).append(inject)
    limit = InjectFile.model_fields["injects"].metadata
    most = next((m.max_length for m in limit if getattr(m, "max_length", None)), 500)
    for phase, injects in phases.items():
        if len(injects) > most:
            builder.problem(first_cell[injects[most].id], f"phase {phase!r} has more than {most} injects: split it")
    if not records:
        raise ImportRefused([MaterialProblem(Where(label or "input"), "no inject rows found under the header row")])
    if builder.problems:
        raise ImportRefused(builder.problems)
    return list(phases.items())
