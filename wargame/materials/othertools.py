"""Other exercise tools' files → injects: T3SF's MSEL JSON and IcebergTTX's scenario JSON.

Both are read into the same records as a planner's sheet and built by
:mod:`wargame.materials.build`, so role names, objectives and timing are checked
the same way, and every problem names its JSON path (``msel.json:$[3].Player``).
What has no place in our injects is listed in notes, never silently lost.

**T3SF** (Base4Security/T3SF, documented in its ``docs/T3SF.Usage.rst``, "MSEL
Configuration"): a JSON array of injects with the keys ``#``, ``Real Time``,
``Date``, ``Subject``, ``From``, ``Player``, ``Script``, ``Picture Name``,
``Photo``, ``Profile``, ``Poll``. Each becomes a historical inject; the same
message sent to several players at one time (T3SF repeats it per player) becomes
one inject with all of them in its audience. ``Real Time`` (the wall clock at
which the bot posts it) sets the turn: ``minutes_per_turn`` of the mapping file
(10 by default) from the first inject. ``Date`` (the simulated time shown to
players) is kept in the provenance; a ``Poll`` becomes an expected action.
Photos, attachments and profile pictures (web addresses) are dropped.

**IcebergTTX** (IcebergAI/IcebergTTX; the format is defined by the pydantic
models of its ``app/schemas/scenario_json.py`` and its sample scenarios, not by
a prose document): an object with ``participant_teams``, ``injects`` (each with
``target_teams``, ``sequence_order``, ``options`` leading to a ``next_inject_id``,
``expected_actions``, ``triggers_communications``) and ``start_inject_id``. The
start inject arrives in turn 1; every other inject follows a team's choice, so
it becomes a contingency control releases when that choice is made (its "use
to…" guidance says which). Inbound triggered communications become
contingencies of their own. Teams map onto the scenario's existing roles (by id,
name or the mapping file): our roles need objectives and moves the format does not
have, so no role file is created from a team.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from wargame.engine.scenario import Inject, Scenario
from wargame.materials.build import build_injects
from wargame.materials.mapping import Mapping
from wargame.materials.problems import ImportRefused, MaterialProblem, Where
from wargame.materials.sheets import Cell, Record

MAX_BYTES = 5_000_000
T3SF_KEYS = ("#", "Real Time", "Date", "Subject", "From", "Player", "Script", "Picture Name", "Photo", "Profile", "Poll")
T3SF_DROPPED = ("Picture Name", "Photo", "Profile")


def _load(path: Path) -> Any:
    label = path.name
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ImportRefused([MaterialProblem(Where(label), f"cannot read file: {error.strerror or error}")]) from None
    if len(raw) > MAX_BYTES:
        raise ImportRefused([MaterialProblem(Where(label), f"file is larger than {MAX_BYTES:,} bytes")])
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportRefused([MaterialProblem(Where(label), "not UTF-8 text")]) from None
    except json.JSONDecodeError as error:
        raise ImportRefused([MaterialProblem(Where(f"{label}:{error.lineno}:{error.colno}"), f"JSON: {error.msg}")]) \
            from None
    except RecursionError:
        raise ImportRefused([MaterialProblem(Where(label), "JSON nested too deeply")]) from None


def read_other_tool(path: Path, scenario: Scenario, mapping: Mapping) -> tuple[list[tuple[str, list[Inject]]], list[str]]:
    """Injects by phase from a T3SF MSEL or an IcebergTTX scenario (told apart by shape), and notes."""
    data = _load(path)
    if isinstance(data, list):
        records, notes = t3sf_records(data, path.name, mapping)
    elif isinstance(data, dict) and "injects" in data and "start_inject_id" in data:
        records, notes = iceberg_records(data, path.name, mapping)
    else:
        raise ImportRefused([MaterialProblem(Where(path.name, path="$"), (
            "neither a T3SF MSEL (a JSON array of injects) nor an IcebergTTX scenario "
            "(an object with injects and start_inject_id)"))])
    try:
        return build_injects(records, scenario, mapping, path.name), notes
    except ImportRefused as error:
        raise ImportRefused(error.problems, notes) from None


# ------------------------------------------------------------------ T3SF


_CLOCK = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp][Mm])?\s*$")


def _minutes(text: str) -> int | None:
    """'07:29 PM' → minutes after midnight; None if it is not a clock time."""
    match = _CLOCK.match(text)
    if match is None:
        return None
    hours, minutes, half = int(match.group(1)), int(match.group(2)), (match.group(3) or "").lower()
    if minutes > 59 or hours > 23 or (half and not 1 <= hours <= 12):
        return None
    if half:
        hours = hours % 12 + (12 if half == "pm" else 0)
    return hours * 60 + minutes


def t3sf_records(data: list[Any], label: str, mapping: Mapping) -> tuple[list[Record], list[str]]:
    """The injects of a T3SF MSEL as records; raise ``ImportRefused`` for entries that are not T3SF injects."""
    problems: list[MaterialProblem] = []
    notes: list[str] = []
    entries: list[tuple[int, dict[str, Any], int]] = []
    for i, item in enumerate(data):
        where = Where(label, path=f"$[{i}]")
        if not isinstance(item, dict):
            problems.append(MaterialProblem(where, "expected an inject object"))
            continue
        missing = [k for k in ("#", "Real Time", "Subject", "From", "Player", "Script") if k not in item]
        if missing:
            problems.append(MaterialProblem(where, f"missing {', '.join(map(repr, missing))} (T3SF requires them)"))
            continue
        for key in ("Real Time", "Subject", "From", "Player", "Script"):
            if not isinstance(item[key], str):
                problems.append(MaterialProblem(Where(label, path=f"$[{i}].{key}"), "expected text"))
        if not isinstance(item["#"], (int, str)) or isinstance(item["#"], bool):
            problems.append(MaterialProblem(Where(label, path=f"$[{i}].#"), "expected an inject number"))
        if problems:
            continue
        minutes = _minutes(item["Real Time"])
        if minutes is None:
            problems.append(MaterialProblem(Where(label, path=f"$[{i}].Real Time"),
                                            f"{item['Real Time']!r} is not a clock time like '07:30 PM'"))
            continue
        unknown = [k for k in item if k not in T3SF_KEYS]
        if unknown:
            notes.append(f"{where}: keys {', '.join(map(repr, unknown))} are not T3SF's; left out")
        entries.append((i, item, minutes))
    if not data:
        problems.append(MaterialProblem(Where(label, path="$"), "no injects in the file"))
    if problems:
        raise ImportRefused(problems)

    first = min(minutes for _, _, minutes in entries)
    grouped: dict[tuple[str, str, str, str], list[tuple[int, dict[str, Any], int]]] = {}
    for entry in entries:
        _, item, _ = entry
        grouped.setdefault((item["Real Time"], item["Subject"], item["From"], item["Script"]), []).append(entry)
    records = []
    dropped = {key: 0 for key in T3SF_DROPPED}
    for group in grouped.values():
        i, item, minutes = group[0]
        at = f"$[{i}]"

        def cell(value: Any, key: str, index: int = i) -> Cell:
            return Cell(value, Where(label, path=f"$[{index}].{key}"))

        number = str(item["#"])
        players = "\n".join(dict.fromkeys(entry[1]["Player"] for entry in group))
        audience = cell(players, "Player")
        if len(group) > 1:
            numbers = ", ".join(str(entry[1]["#"]) for entry in group)
            notes.append(f"{Where(label, path=at)}: T3SF injects {numbers} (one message to several players) "
                         f"imported as one inject, {number}")
        turn = 1 + (minutes - first) // mapping.minutes_per_turn
        shown = f"; scenario time shown to players: {item['Date']!r}" if str(item.get("Date") or "").strip() else ""
        cells = {
            "id": cell(f"T3SF-{number}", "#"),
            "title": cell(item["Subject"], "Subject"),
            "from": cell(item["From"], "From"),
            "audience": audience,
            "message": cell(item["Script"], "Script"),
            "turn": cell(turn, "Real Time"),
            "kind": cell("historical", "#"),
            "method": cell("chat message", "#"),
            "provenance": cell(f"imported from T3SF MSEL {label}, inject {number} (real time {item['Real Time']}"
                               f"{shown})", "#"),
            "phase": cell(mapping.defaults.get("phase", "Imported from T3SF"), "#"),
        }
        poll = str(item.get("Poll") or "").strip()
        if poll:
            options = [o.strip() for o in poll.split("|") if o.strip()]
            cells["expected_actions"] = cell("Poll: choose one of " + "; ".join(options), "Poll")
        for entry in group:
            for key in T3SF_DROPPED:
                if str(entry[1].get(key) or "").strip():
                    dropped[key] += 1
        records.append(Record(Where(label, path=at), cells))
    for key, count in dropped.items():
        if count:
            notes.append(f"{label}: dropped {key!r} from {count} inject(s) (pictures and attachments by web address: "
                         "nothing is fetched)")
    notes.append(f"{label}: turns from 'Real Time', {mapping.minutes_per_turn} minutes a turn "
                 "(minutes_per_turn in a mapping file changes it)")
    return records, notes


# ------------------------------------------------------------------ IcebergTTX


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def iceberg_records(data: dict[str, Any], label: str, mapping: Mapping) -> tuple[list[Record], list[str]]:
    """The injects of an IcebergTTX scenario as records; raise ``ImportRefused`` for a malformed file."""
    problems: list[MaterialProblem] = []
    notes: list[str] = []
    injects = data.get("injects")
    if not isinstance(injects, list) or not injects:
        raise ImportRefused([MaterialProblem(Where(label, path="$.injects"), "expected a list of injects")])
    title = _text(data.get("title")) or Path(label).stem
    teams: dict[str, str] = {}
    for j, team in enumerate(data.get("participant_teams") or []):
        if isinstance(team, dict) and isinstance(team.get("id"), str):
            teams[team["id"]] = _text(team.get("label")) or team["id"]
        else:
            problems.append(MaterialProblem(Where(label, path=f"$.participant_teams[{j}]"), "expected {id, label}"))
    start = data.get("start_inject_id")
    by_id: dict[str, tuple[int, dict[str, Any]]] = {}
    for i, item in enumerate(injects):
        where = Where(label, path=f"$.injects[{i}]")
        if not isinstance(item, dict):
            problems.append(MaterialProblem(where, "expected an inject object"))
            continue
        for key in ("id", "title", "content"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                problems.append(MaterialProblem(Where(label, path=f"$.injects[{i}].{key}"), "required text"))
        if isinstance(item.get("id"), str):
            if item["id"] in by_id:
                problems.append(MaterialProblem(Where(label, path=f"$.injects[{i}].id"), f"duplicate id {item['id']!r}"))
            by_id[item["id"]] = (i, item)
    if start not in by_id:
        problems.append(MaterialProblem(Where(label, path="$.start_inject_id"), f"{start!r} is not an inject of the file"))
    if problems:
        raise ImportRefused(problems)

    led_from: dict[str, list[str]] = {}
    for inject_id, (_, item) in by_id.items():
        for option in item.get("options") or []:
            if isinstance(option, dict) and option.get("next_inject_id") in by_id:
                led_from.setdefault(option["next_inject_id"], []).append(
                    f"'{option.get('label') or option.get('id')}' at {inject_id}")
    assert isinstance(start, str)
    ordered = sorted(by_id.values(), key=lambda pair: (pair[0] != by_id[start][0],
                                                       pair[1].get("sequence_order") or 0, pair[0]))
    sender = mapping.defaults.get("from", "Exercise control")
    phase = mapping.defaults.get("phase", f"Imported from IcebergTTX: {title}")
    records = []
    for i, item in ordered:
        at = f"$.injects[{i}]"

        def cell(value: Any, key: str, at: str = at) -> Cell:
            return Cell(value, Where(label, path=f"{at}.{key}" if key else at))

        targets = [t for t in item.get("target_teams") or [] if isinstance(t, str)]
        # a team is named by its id, or by its label when the mapping file maps the label
        audience = "\n".join(teams[t] if t not in mapping.roles and teams.get(t) in mapping.roles else t
                             for t in targets) or "all"
        expected = [a for a in item.get("expected_actions") or [] if isinstance(a, str)]
        options = [o for o in item.get("options") or [] if isinstance(o, dict)]
        if options:
            expected.append("Options: " + "; ".join(str(o.get("label") or o.get("id")) for o in options))
        is_start = item["id"] == start
        reached = led_from.get(item["id"], [])
        guidance = ("" if is_start else
                    f" Use to follow the team's choice of {' or '.join(reached)}." if reached else
                    " Use at control's discretion (no option leads here).")
        cells = {
            "id": cell(item["id"], "id"), "title": cell(item["title"], "title"), "message": cell(item["content"], "content"),
            "from": cell(sender, ""), "audience": cell(audience, "target_teams"),
            "kind": cell("historical" if is_start else "contingency", ""), "phase": cell(phase, ""),
            "provenance": cell(f"imported from IcebergTTX scenario {title!r} ({label}), inject {item['id']}.{guidance}", ""),
        }
        if is_start:
            cells["turn"] = cell(1, "")
        if expected:
            cells["expected_actions"] = cell("\n".join(expected), "expected_actions")
        records.append(Record(Where(label, path=at), cells))
        for k, comm in enumerate(item.get("triggers_communications") or []):
            comm_at = f"{at}.triggers_communications[{k}]"
            if not isinstance(comm, dict) or comm.get("direction") != "inbound":
                notes.append(f"{Where(label, path=comm_at)}: outbound communication dropped (a team's own message)")
                continue
            delay = comm.get("delay_after_release_seconds") or 0
            records.append(Record(Where(label, path=comm_at), {
                "id": cell(f"{item['id']}-comm-{k + 1}", "", comm_at), "title": cell(comm.get("subject") or "", "subject", comm_at),
                "message": cell(comm.get("body") or "", "body", comm_at),
                "from": cell(comm.get("external_entity") or sender, "external_entity", comm_at),
                "audience": cell(audience, "target_teams"), "kind": cell("contingency", "", comm_at),
                "method": cell("message", "", comm_at), "phase": cell(phase, ""),
                "provenance": cell(f"imported from IcebergTTX scenario {title!r} ({label}): sent {delay} s after "
                                   f"{item['id']} is released. Use to follow up {item['id']}.", "", comm_at),
            }))
    kept = {"schema_version", "title", "participant_teams", "injects", "start_inject_id"}
    for key in data:
        if key not in kept and data[key] not in (None, "", [], {}):
            notes.append(f"{Where(label, path='$.' + key)}: dropped (no place for it in injects)")
    notes.append(f"{label}: every inject but the start one became a contingency control releases when the team's "
                 "choice leads to it; branching on a chosen option has no automatic equivalent here")
    notes.append(f"{label}: teams map onto the scenario's roles; no role file is made from a team (a role needs "
                 "objectives and moves the format does not carry)")
    return records, notes
