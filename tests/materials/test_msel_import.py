"""Importing a planner's MSEL: their headers and names through a mapping, every problem at its cell, nothing half-written."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from tests.materials.conftest import run
from tests.materials.sheets import PLANNER_MAPPING, bare_xlsx, planner_workbook, simple_sheet
from wargame.scenario import load_scenario

HEADER = ("No.", "Title", "From", "To", "Message", "Date")


def _import(sheet: Path, out: Path, *extra: str):  # type: ignore[no-untyped-def]
    return run("msel", "import", str(sheet), "--scenario", "iraq-2020", "-o", str(out), *extra)


def test_a_spreadsheet_programs_layout_imports_with_a_mapping_file(tmp_path: Path) -> None:
    """Merged title and group headers, real dates, relative times, a merged phase, extra columns: all read."""
    sheet = planner_workbook(tmp_path / "desert.xlsx")
    mapping = tmp_path / "map.yaml"
    mapping.write_text(PLANNER_MAPPING, encoding="utf-8")
    result = _import(sheet, tmp_path / "out", "--map", str(mapping))
    assert result.exit_code == 0, result.stderr
    injects = {i.id: i for i in load_scenario("iraq-2020", tmp_path / "out").injects}
    # the militias' red line "The arsenal destroyed" releases C-09 by id: the sheet has none, so it is kept
    assert list(injects) == ["1", "2", "3", "3a", "C-09"]
    assert "note: kept C-09 (The factions vow revenge) from the scenario: the red line militias.arsenal_destroyed" in (
        result.stderr)
    first = injects["1"]
    assert (first.kind, first.turn, first.audience) == ("historical", 1, ["washington"])
    assert first.date == dt.datetime(2020, 3, 11, 9, 30)  # a real date cell with a time of day keeps it
    assert first.expected_actions == ["Decide a response", "Brief Congress"]
    assert first.objectives == ["washington.deterrence"] and first.method == "Press release"
    assert first.title == "Rockets hit Camp Taji; two Americans and one Briton are dead."
    assert first.provenance.startswith("imported from desert.xlsx:MSEL!A4")
    second = injects["2"]  # D+8 H+3: the second week (turns are 7 days)
    assert (second.turn, second.date, second.audience) == (2, dt.datetime(2020, 3, 19, 3), ["baghdad", "washington"])
    assert injects["3"].turn == 3 and injects["3"].audience == "all"  # T+2: two turns after the first
    assert injects["3a"].turn == 4  # 20 April: turn 4 (15 April to 19 May in the scenario's turn_dates)
    phases = sorted(p.name for p in (tmp_path / "out" / "injects" / "iraq-2020").iterdir())
    assert phases == ["01-opening.yaml", "02-late.yaml", "03-released-by-red-lines.yaml"]
    assert "column 'Status' left out" not in result.stderr


def test_without_the_mapping_the_same_sheet_is_refused_at_its_cells(tmp_path: Path) -> None:
    """Unknown names are errors at the cell that holds them, not guesses."""
    sheet = planner_workbook(tmp_path / "desert.xlsx")
    result = _import(sheet, tmp_path / "out")
    assert result.exit_code == 2
    assert "desert.xlsx:MSEL!F4: unknown audience role 'US Government'" in result.stderr
    assert "note: desert.xlsx:MSEL!J3: column 'Obj' left out" in result.stderr
    assert "note: desert.xlsx:MSEL!K3: column 'Status' left out" in result.stderr
    assert "nothing was written" in result.stderr and not (tmp_path / "out" / "injects").exists()


def test_missing_column_names_the_header_row(tmp_path: Path) -> None:
    sheet = simple_sheet(tmp_path / "m.xlsx", ("No.", "Title", "From", "To"), [("1", "t", "Control", "all")])
    result = _import(sheet, tmp_path / "out")
    assert result.exit_code == 2
    assert "m.xlsx:MSEL!A1: no column for the message" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_date_unknown_role_and_formula_are_each_located(tmp_path: Path) -> None:
    rows = [
        ("1", "ok", "Control", "all", "fine", dt.datetime(2020, 3, 12)),
        ("2", "bad date", "Control", "all", "x", "the 32nd of Smarch"),
        ("3", "bad role", "Control", "washington, Mordor", "x", None),
        ("4", "formula", "Control", "all", "=CONCAT(B2,B3)", None),
        ("5", "too late", "Control", "all", "x", dt.datetime(2021, 1, 1)),
    ]
    sheet = simple_sheet(tmp_path / "bad.xlsx", HEADER, rows, formulas=True)
    out = tmp_path / "out"
    result = _import(sheet, out)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert any(line.startswith("bad.xlsx:MSEL!F3: 'the 32nd of Smarch' is not a date") for line in lines)
    assert any(line.startswith("bad.xlsx:MSEL!D4: unknown audience role 'Mordor'") for line in lines)
    assert any(line.startswith("bad.xlsx:MSEL!E5: a formula (=CONCAT(B2,B3))") for line in lines)
    assert any(line.startswith("bad.xlsx:MSEL!F6: falls after the last turn") for line in lines)
    assert not out.exists() or not (out / "injects").exists()


def test_an_import_that_fails_leaves_the_previous_injects_alone(tmp_path: Path, exported: dict[str, Path]) -> None:
    """Nothing half-written: a good import, then a bad one, and the first one's files are untouched."""
    out = tmp_path / "content"
    assert _import(exported["xlsx"], out).exit_code == 0
    before = {p.name: p.read_bytes() for p in (out / "injects" / "iraq-2020").iterdir()}
    bad = simple_sheet(tmp_path / "bad.xlsx", HEADER, [("1", "t", "Control", "nobody", "m", None)])
    assert _import(bad, out).exit_code == 2
    assert {p.name: p.read_bytes() for p in (out / "injects" / "iraq-2020").iterdir()} == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def test_fifty_thousand_rows_are_refused_in_seconds(tmp_path: Path) -> None:
    """A runaway sheet is refused at the row where it passes the limit, without reading the rest."""
    path = tmp_path / "huge.csv"
    lines = ["No.,Title,From,To,Message"] + [f"{i},t{i},Control,all,message {i}" for i in range(1, 50_001)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    started = time.perf_counter()
    result = _import(path, tmp_path / "out")
    elapsed = time.perf_counter() - started
    assert result.exit_code == 2
    assert "huge.csv:huge!A2002: more than 2,000 inject rows: refused" in result.stderr
    assert elapsed < 5, elapsed


def test_fifty_thousand_row_xlsx_is_refused_in_seconds(tmp_path: Path) -> None:
    """A workbook that declares no size (as openpyxl's write-only mode makes them) is sized by counting, then refused."""
    rows = [HEADER[:5]] + [(str(i), f"t{i}", "Control", "all", f"message {i}") for i in range(1, 50_001)]
    path = bare_xlsx(tmp_path / "huge.xlsx", rows)
    started = time.perf_counter()
    result = _import(path, tmp_path / "out")
    assert result.exit_code == 2
    assert "huge.xlsx: a sheet reaches row 50,001 (over 20,000): refused" in result.stderr
    assert time.perf_counter() - started < 5


def test_a_bare_workbook_of_a_few_rows_imports(tmp_path: Path) -> None:
    """The same minimal workbook with three rows is read normally: the size check is not what refuses the big one."""
    rows = [HEADER[:5]] + [(str(i), f"t{i}", "Control", "all", f"message {i}") for i in range(1, 4)]
    result = _import(bare_xlsx(tmp_path / "small.xlsx", rows), tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert [i.id for i in load_scenario("iraq-2020", tmp_path / "out").injects] == ["1", "2", "3", "C-09"]  # kept


def test_synonyms_relative_times_and_kind_inference_in_a_csv(tmp_path: Path) -> None:
    """Common headers are recognised without a mapping; timing decides the kind when no column says it."""
    path = tmp_path / "plain.csv"
    path.write_text(
        "MSEL #,Subject,Sender,Recipients,Description,Exercise Time,Condition\r\n"
        "A1,Opening,Control,Government of Iraq,The exercise opens.,D+0 H+1,\r\n"
        "A2,Spare,Control,all,Use if play stalls.,,\r\n"
        "A3,If it burns,Control,all,Things escalate.,,escalation >= 5\r\n",
        encoding="utf-8")
    result = _import(path, tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    injects = {i.id: i for i in load_scenario("iraq-2020", tmp_path / "out").injects}
    assert (injects["A1"].kind, injects["A1"].turn, injects["A1"].audience) == ("historical", 1, ["baghdad"])
    assert injects["A2"].kind == "contingency" and injects["A2"].turn is None
    assert injects["A3"].kind == "branch" and injects["A3"].trigger == "escalation >= 5"


def test_a_bad_trigger_and_a_bad_mapping_file_are_located(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("No.,Title,From,To,Message,Trigger\r\n1,t,Control,all,m,escalashun >= 5\r\n", encoding="utf-8")
    result = _import(path, tmp_path / "out")
    assert "t.csv:t!F2: trigger: unknown variable 'escalashun' (did you mean 'escalation'?)" in result.stderr
    mapping = tmp_path / "map.yaml"
    mapping.write_text("columns:\n  mesage: Body\n", encoding="utf-8")
    result = _import(path, tmp_path / "out", "--map", str(mapping))
    assert result.exit_code == 2
    assert f"{mapping}:2:3: columns: unknown field(s) 'mesage'" in result.stderr


def test_text_dates_follow_the_mapping_files_date_format(tmp_path: Path) -> None:
    """'19/03/2020 09:30' is 19 March under date_format %d/%m/%Y (day first), turn 2, at 09:30."""
    path = tmp_path / "d.csv"
    path.write_text("No.,Title,From,To,Message,Date\r\n1,t,Control,all,m,19/03/2020 09:30\r\n", encoding="utf-8")
    mapping = tmp_path / "map.yaml"
    mapping.write_text('date_format: "%d/%m/%Y"\n', encoding="utf-8")
    result = _import(path, tmp_path / "out", "--map", str(mapping))
    assert result.exit_code == 0, result.stderr
    inject, kept = load_scenario("iraq-2020", tmp_path / "out").injects
    assert kept.id == "C-09"  # a red line of the scenario releases it
    assert (inject.date, inject.turn, inject.kind) == (dt.datetime(2020, 3, 19, 9, 30), 2, "historical")
    result = _import(path, tmp_path / "out2")
    assert result.exit_code == 2 and "d.csv:d!F2: '19/03/2020 09:30' is not a date" in result.stderr


def test_relative_times_in_a_scenario_of_six_hour_turns(tmp_path: Path) -> None:
    """Turns of PT6H from 06:00: H+13 is 19:00, in the third turn; the packs give the period to the minute."""
    import shutil

    from tests.conftest import write_doc_example
    from wargame.materials.packs import _period, _turn_dates

    content = write_doc_example(tmp_path / "content")
    world = content / "scenarios" / "harbour.yaml"
    world.write_text(world.read_text(encoding="utf-8").replace(
        "start_date: 2021-06-01\nturn_length_days: 1\n", "start_date: 2024-05-02T06:00\nturn_length: PT6H\n"),
        encoding="utf-8")
    shutil.rmtree(content / "injects" / "harbour")
    path = tmp_path / "h.csv"
    path.write_text("No.,Title,From,To,Message,Time\r\nX1,Dawn,Harbour master,all,Boats sail.,H+13\r\n"
                    "X2,Late,Harbour master,all,Too late.,H+19\r\n", encoding="utf-8")
    result = run("msel", "import", str(path), "--scenario", "harbour", "--content", str(content))
    assert result.exit_code == 2 and "h.csv:h!F3: falls after the last turn" in result.stderr
    path.write_text("No.,Title,From,To,Message,Time\r\nX1,Dawn,Harbour master,all,Boats sail.,H+13\r\n", encoding="utf-8")
    result = run("msel", "import", str(path), "--scenario", "harbour", "--content", str(content))
    assert result.exit_code == 0, result.stderr
    scenario = load_scenario("harbour", content)
    (inject,) = scenario.injects
    assert (inject.turn, inject.date) == (3, dt.datetime(2024, 5, 2, 19, 0))
    assert _period(scenario) == ("2 May 2024 06:00 to 2 May 2024 23:59", "3 turns of 6 hours each")
    assert _turn_dates(scenario, 2) == "from 2024-05-02 12:00"


def test_repeat_every_is_read_and_a_bad_one_is_located(tmp_path: Path) -> None:
    """A 'Repeat every' column gives a branch inject's repeat_every (whole turns, 1 or more); anything else
    is refused at its cell."""
    path = tmp_path / "r.csv"
    path.write_text("No.,Title,From,To,Message,Trigger,Repeat every\r\n"
                    "R1,t,Control,all,m,escalation >= 5,2\r\n"
                    "R2,u,Control,all,m,escalation >= 4,\r\n", encoding="utf-8")
    result = _import(path, tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    injects = {i.id: i for i in load_scenario("iraq-2020", tmp_path / "out").injects}
    assert (injects["R1"].repeat_every, injects["R2"].repeat_every) == (2, None)
    bad = tmp_path / "b.csv"
    bad.write_text("No.,Title,From,To,Message,Trigger,Repeat every\r\n1,t,Control,all,m,escalation >= 5,often\r\n",
                   encoding="utf-8")
    result = _import(bad, tmp_path / "out2")
    assert result.exit_code == 2
    assert "b.csv:b!G2: 'often' is not a number of turns to repeat after (write 1, 2, …)" in result.stderr


def test_injects_the_scenarios_red_lines_release_are_kept_unless_the_sheet_has_them(tmp_path: Path) -> None:
    """iraq-2020's militias release C-09 by id when their red line "The arsenal destroyed" is crossed, so the
    roles would not load without it: an imported sheet without a C-09 gets the scenario's own (in a last phase,
    with a note); a sheet with a row C-09 replaces it like any other inject, and nothing is kept."""
    path = tmp_path / "m.csv"
    path.write_text("No.,Title,From,To,Message,Date\r\nC-09,Our own vow,Control,all,m,11/03/2020\r\n", encoding="utf-8")
    mapping = tmp_path / "map.yaml"
    mapping.write_text('date_format: "%d/%m/%Y"\n', encoding="utf-8")
    result = _import(path, tmp_path / "out", "--map", str(mapping))
    assert result.exit_code == 0, result.stderr
    (inject,) = load_scenario("iraq-2020", tmp_path / "out").injects
    assert (inject.id, inject.title) == ("C-09", "Our own vow") and "kept" not in result.stderr
    path.write_text("No.,Title,From,To,Message,Date\r\n1,t,Control,all,m,11/03/2020\r\n", encoding="utf-8")
    result = _import(path, tmp_path / "out2", "--map", str(mapping))
    assert result.exit_code == 0, result.stderr
    shipped = load_scenario("iraq-2020").inject("C-09")
    assert [i for i in load_scenario("iraq-2020", tmp_path / "out2").injects if i.id == "C-09"] == [shipped]
    assert ("note: kept C-09 (The factions vow revenge) from the scenario: the red line militias.arsenal_destroyed "
            "releases it, and the imported file has no inject C-09") in result.stderr


def test_a_control_character_is_named_at_its_cell_with_the_sheets_other_problems(tmp_path: Path) -> None:
    """Reader 10: an ESC in a CSV cell was reported in the YAML file the import would have written
    ("injects/iraq-2020/01-in3.yaml: line 8"), and only once the row's other problems were fixed."""
    sheet = tmp_path / "in.csv"
    sheet.write_text('No.,Title,Kind,Turn,From,To,Message,Provenance\n'
                     'X-1,Ti\x07tle,nonsense,1,Me,all,"hello\x1b[2J",invented\n', encoding="utf-8")
    out = tmp_path / "out"
    result = _import(sheet, out)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert "in.csv:in!G2: holds the control character U+001B (ESC); inject text may hold line breaks and tabs, " \
           "no other control characters" in lines
    assert any(line.startswith("in.csv:in!B2: holds the control character U+0007 (BEL)") for line in lines)
    assert any(line.startswith("in.csv:in!C2: 'nonsense' is not a kind of inject") for line in lines)
    assert not any(".yaml" in line for line in lines)
    assert not out.exists() or not (out / "injects").exists()
