"""Other tools' files: a T3SF MSEL and an IcebergTTX scenario, written here to their published formats, import
into injects; what does not fit is listed, never silently lost."""

from __future__ import annotations

import json
from pathlib import Path

from tests.materials.conftest import run
from wargame.scenario import load_scenario

T3SF = [
    {"#": 1, "Real Time": "07:29 PM", "Date": "Wednesday 11 March, 8:00 PM", "Subject": "Rockets at Camp Taji",
     "From": "Coalition HQ", "Player": "Washington", "Script": "Rockets hit Camp Taji.\n\nTwo Americans are dead.",
     "Photo": "https://example.invalid/taji.jpg", "Picture Name": "taji.jpg", "Profile": "", "Poll": ""},
    {"#": 2, "Real Time": "07:29 PM", "Date": "Wednesday 11 March, 8:00 PM", "Subject": "Rockets at Camp Taji",
     "From": "Coalition HQ", "Player": "UK", "Script": "Rockets hit Camp Taji.\n\nTwo Americans are dead.",
     "Photo": "", "Picture Name": "", "Profile": "", "Poll": ""},
    {"#": 3, "Real Time": "07:52 PM", "Date": "Thursday 12 March", "Subject": "Strike or wait?",
     "From": "Joint Staff", "Player": "Washington", "Script": "The strike package is ready.",
     "Photo": "", "Picture Name": "", "Profile": "https://example.invalid/js.png", "Poll": "Strike tonight | Wait"},
]
T3SF_MAP = "roles:\n  Washington: washington\n  UK: coalition\nminutes_per_turn: 15\n"

ICEBERG = {
    "schema_version": "1.0", "title": "Taji response", "description": "A short what-if.", "tags": ["sample"],
    "metadata": {"author": "test", "estimated_duration_minutes": 30},
    "participant_teams": [{"id": "usg", "label": "US Government"}, {"id": "goi", "label": "Government of Iraq"}],
    "injects": [
        {"id": "strike_ready", "title": "Strike ready", "content": "The package is ready.", "target_teams": ["usg"],
         "sequence_order": 1, "expected_actions": ["Decide on the strike"],
         "options": [{"id": "go", "label": "Strike", "next_inject_id": "protest"},
                     {"id": "wait", "label": "Wait", "next_inject_id": None}]},
        {"id": "protest", "title": "Baghdad protests", "content": "Baghdad condemns the strike.",
         "target_teams": ["goi", "usg"], "sequence_order": 2, "options": [],
         "triggers_communications": [
             {"external_entity": "Iraqi foreign ministry", "direction": "inbound", "subject": "Summons",
              "body": "The US ambassador is summoned.", "delay_after_release_seconds": 30},
             {"external_entity": "Press", "direction": "outbound", "subject": "Statement", "body": "No comment."}]},
    ],
    "start_inject_id": "strike_ready",
    "debrief_notes": "Discuss proportionality.",
}
ICEBERG_MAP = "roles:\n  usg: washington\n  goi: baghdad\n"


def _write(tmp_path: Path, name: str, data: object, mapping: str | None = None) -> list[str]:
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    args = ["msel", "import", str(path), "--scenario", "iraq-2020", "-o", str(tmp_path / "out")]
    if mapping is not None:
        (tmp_path / "map.yaml").write_text(mapping, encoding="utf-8")
        args += ["--map", str(tmp_path / "map.yaml")]
    return args


def test_t3sf_msel_imports_with_players_mapped_to_roles(tmp_path: Path) -> None:
    result = run(*_write(tmp_path, "msel.json", T3SF, T3SF_MAP))
    assert result.exit_code == 0, result.stderr
    injects = [i for i in load_scenario("iraq-2020", tmp_path / "out").injects]
    assert [i.id for i in injects] == ["T3SF-1", "T3SF-3", "C-09"]  # C-09: kept, a red line releases it
    first, second, _ = injects
    assert first.audience == ["washington", "coalition"]  # one message to two players: one inject
    assert (first.kind, first.turn, first.title, first.from_) == ("historical", 1, "Rockets at Camp Taji", "Coalition HQ")
    assert first.message == "Rockets hit Camp Taji.\n\nTwo Americans are dead."
    assert "Wednesday 11 March, 8:00 PM" in first.provenance
    assert second.turn == 2  # 23 minutes after the first, 15 minutes a turn
    assert second.expected_actions == ["Poll: choose one of Strike tonight; Wait"]
    assert "dropped 'Photo' from 1 inject(s)" in result.stderr and "dropped 'Profile' from 1" in result.stderr
    assert "T3SF injects 1, 2 (one message to several players) imported as one inject" in result.stderr


def test_t3sf_problems_name_their_json_path(tmp_path: Path) -> None:
    bad = [dict(T3SF[0], **{"Real Time": "half past seven"}), dict(T3SF[2], Player="Legal")]
    result = run(*_write(tmp_path, "msel.json", bad, T3SF_MAP))
    assert result.exit_code == 2
    assert "msel.json:$[0].Real Time: 'half past seven' is not a clock time" in result.stderr
    result = run(*_write(tmp_path, "msel.json", [T3SF[2] | {"Player": "Legal"}], T3SF_MAP))
    assert "msel.json:$[0].Player: unknown audience role 'Legal'" in result.stderr
    (tmp_path / "broken.json").write_text('[{"#": 1,,}]', encoding="utf-8")
    result = run("msel", "import", str(tmp_path / "broken.json"), "-s", "iraq-2020", "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "broken.json:1:10: JSON: Expecting property name" in result.stderr


def test_icebergttx_scenario_imports_with_branches_as_contingencies(tmp_path: Path) -> None:
    result = run(*_write(tmp_path, "taji.json", ICEBERG, ICEBERG_MAP))
    assert result.exit_code == 0, result.stderr
    injects = {i.id: i for i in load_scenario("iraq-2020", tmp_path / "out").injects}
    assert list(injects) == ["strike_ready", "protest", "protest-comm-1", "C-09"]  # C-09: a red line releases it
    start = injects["strike_ready"]
    assert (start.kind, start.turn, start.audience) == ("historical", 1, ["washington"])
    assert start.expected_actions == ["Decide on the strike", "Options: Strike; Wait"]
    protest = injects["protest"]
    assert protest.kind == "contingency" and protest.audience == ["baghdad", "washington"]
    assert "Use to follow the team's choice of 'Strike' at strike_ready." in protest.provenance
    comm = injects["protest-comm-1"]
    assert (comm.kind, comm.from_, comm.title) == ("contingency", "Iraqi foreign ministry", "Summons")
    for dropped in ("$.description", "$.tags", "$.metadata", "$.debrief_notes", "outbound communication dropped"):
        assert dropped in result.stderr


def test_icebergttx_unknown_team_and_bad_start_are_located(tmp_path: Path) -> None:
    result = run(*_write(tmp_path, "taji.json", ICEBERG))
    assert result.exit_code == 2
    assert "taji.json:$.injects[0].target_teams: unknown audience role 'usg'" in result.stderr
    result = run(*_write(tmp_path, "taji.json", ICEBERG | {"start_inject_id": "nowhere"}, ICEBERG_MAP))
    assert "taji.json:$.start_inject_id: 'nowhere' is not an inject of the file" in result.stderr


def test_a_json_of_neither_format_is_refused_plainly(tmp_path: Path) -> None:
    result = run(*_write(tmp_path, "other.json", {"hello": "world"}))
    assert result.exit_code == 2 and "neither a T3SF MSEL" in result.stderr
