"""After-action reports from a seeded autoplayed save: formats, golden content, and what a role may see.

Goldens live in tests/report/golden/. When a deliberate change alters a report,
regenerate them and review the diff before committing:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/report
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from wargame.engine.events import OutcomeAdjudicated
from wargame.engine.scenario import Scenario
from wargame.engine.views import sees_variable, unattributed_text
from wargame.report import RENDERERS, Report, build_report
from wargame.session import Session

from .conftest import RECORDED

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def report_of(save: Path, role: str | None = None) -> Report:
    with Session.open(save) as session:
        return build_report(session, role, recorded=RECORDED)


def strings(value: Any) -> list[str]:
    """Every string inside a JSON-ready value, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *strings(v)]]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in strings(v)]
    return []


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden {name}: run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; if on purpose, rerun with UPDATE_GOLDEN=1"


@pytest.mark.parametrize(("fmt", "role"), [("md", None), ("html", None), ("json", None), ("md", "washington"),
                                           ("json", "militias")])
def test_reports_match_their_goldens(save: Path, fmt: str, role: str | None) -> None:
    """Each format of control's report, and two roles' debriefs, are pinned byte for byte."""
    text = RENDERERS[fmt](report_of(save, role))
    check_golden(f"{role or 'control'}.{fmt}", text)


def test_the_report_has_every_part_of_an_aar(save: Path) -> None:
    """Overview, timeline with explanations, override with rationale, notes, rules, scores, history, debrief."""
    report = report_of(save)
    assert report.overview.seed == 2020 and report.overview.turns_played == len(report.turns) >= 2
    assert {r.played_by for r in report.overview.roles} == {f"Bot: random legal moves (turns 1–{len(report.turns)})"}
    assert all(t.outcomes and t.moves for t in report.turns)
    assert report.turns[0].notes[0].text.startswith("Set-up")
    [override] = report.turns[1].overrides
    assert override.rationale.startswith("CONTROL-RATIONALE")
    assert any(p.kind == "override" for p in report.decision_points)
    assert any(t.rules for t in report.turns)
    assert report.escalation is not None and len(report.escalation.values) == len(report.turns) + 1
    assert len(report.scores) == sum(len(r.objectives) for r in report_roles(save))
    assert report.history.end_state and report.history.turns
    assert [e.text for e in report.plan] == ["Rehearse the back-channel procedure"]
    assert report.strengths and report.improvements


def report_roles(save: Path) -> list:  # type: ignore[type-arg]
    with Session.open(save) as session:
        return list(session.scenario.roles)


def test_output_is_deterministic(save: Path) -> None:
    """The same save gives the same bytes, run after run."""
    for fmt, render in RENDERERS.items():
        assert render(report_of(save)) == render(report_of(save)), fmt


def test_html_is_self_contained_with_svg_charts(save: Path) -> None:
    """One file: inline CSS with print rules, inline SVG charts, nothing fetched from anywhere."""
    text = RENDERERS["html"](report_of(save))
    assert text.count("<svg") >= 2 and "<polyline" in text
    assert "@media print" in text and "<style>" in text
    for banned in ("http://", "https://", "<script", "@import", "url(", "<link", "src="):
        assert banned not in text, banned


@pytest.mark.parametrize("role", ["washington", "tehran", "baghdad", "militias", "europeans", "coalition"])
def test_a_roles_report_holds_none_of_the_others_private_data(save: Path, iraq: Scenario, role: str) -> None:
    """A role's debrief: no other role's private brief, private outcomes, sealed moves or hidden variables,
    no facilitator notes, override details it could not see, debrief entries or seed."""
    report = report_of(save, role)
    data = report.model_dump(mode="json")
    text = "\n".join(strings(data))
    for md_or_html in ("md", "html"):
        text += RENDERERS[md_or_html](report)
    for other in iraq.roles:
        first_line = other.private_brief.strip().splitlines()[0]
        assert (first_line in text) == (other.id == role), other.id
    assert "CONTROL-NOTE" not in text and "Set-up: all six" not in text
    assert "CONTROL-DEBRIEF" not in text and "Rehearse the back-channel" not in text
    assert report.overview.seed is None and all(r.played_by is None for r in report.overview.roles)
    hidden = [v for v in iraq.world.variables if not sees_variable(iraq, role, v.id)]
    for variable in hidden:
        assert variable.label not in text, variable.id
        assert all(variable.id not in t.variables for t in report.turns)
    with Session.open(save) as session:
        adjudicated = [e for e in session.events if isinstance(e, OutcomeAdjudicated)]
        last = session.state.turn
        ended = session.state.ended is not None
    for entry in report.turns:
        assert {m.role for m in entry.moves} <= {role}
        for outcome in entry.outcomes:
            if not outcome.role:  # unattributed: no actor, move or band, only what happened (another role's move)
                assert outcome.label.startswith("Unattributed: ") and not outcome.action and outcome.roll is None
                assert any(e.turn == outcome.turn and e.role != role and e.visibility != "private" for e in adjudicated)
                continue
            event = next(e for e in adjudicated if (e.turn, e.role, e.action) == (outcome.turn, outcome.role, outcome.action))
            if event.role != role and role in iraq.action(event.role, event.action).known_to:
                assert entry.turn >= event.turn  # its target: told at once, as if it were public (known_to)
            elif event.role != role:
                assert event.visibility != "private"
                assert event.reveal_turn >= 0 and entry.turn <= last
                # revealed in its turn, or at the end of an exercise that ended before that turn came
                assert event.reveal_turn <= entry.turn or (ended and entry.turn == last)
        for override in entry.overrides:
            assert override.role == role or any(o.role == override.role and o.action == override.action
                                                for o in entry.outcomes)
    assert {d.role for d in report.history.divergence} == {role}
    assert not report.strengths and not report.improvements and not report.plan


def test_a_role_learns_a_delayed_outcome_only_when_it_is_revealed(iraq: Scenario, tmp_path: Path) -> None:
    """Delayed outcomes appear in another role's timeline in the turn they are revealed, marked as learned late;
    one still pending when the exercise ended appears in the last turn (the hot wash), also marked."""
    from .conftest import facilitated_save

    seen_late = 0
    for seed in range(1, 4):
        path = facilitated_save(iraq, tmp_path / f"s{seed}.db", seed)
        with Session.open(path) as session:
            delayed = [e for e in session.events if isinstance(e, OutcomeAdjudicated) and e.visibility == "delayed"]
            bands = {(o.event.turn, o.event.role, o.event.action): o.band for t in session.state.outcomes.values() for o in t}
            ended = session.state.ended is not None
        for event in delayed:
            other = next(r for r in iraq.world.roles if r != event.role)
            report = report_of(path, other)
            unattributed = unattributed_text(iraq, event.role, event.action, bands[(event.turn, event.role, event.action)])
            key = (event.turn, "", "", f"Unattributed: {unattributed}") if unattributed else (
                event.turn, event.role, event.action, iraq.action(event.role, event.action).label)
            found = [(t.turn, o) for t in report.turns for o in t.outcomes if (o.turn, o.role, o.action, o.label) == key]
            if event.reveal_turn > report.turns[-1].turn and not ended:
                assert found == []
            elif event.reveal_turn > report.turns[-1].turn:
                [(turn, outcome)] = found
                assert turn == report.turns[-1].turn and outcome.learned_late
            else:
                [(turn, outcome)] = found
                assert turn == event.reveal_turn and outcome.learned_late
                seen_late += 1
    assert seen_late, "no delayed outcome was revealed in these seeds: pick others"


def test_the_json_is_the_model(save: Path) -> None:
    """JSON for other tools: it loads back into the same report."""
    report = report_of(save)
    assert Report.model_validate(json.loads(RENDERERS["json"](report))) == report


def test_building_from_bare_events_needs_the_scenario(save: Path, iraq: Scenario) -> None:
    with Session.open(save) as session:
        events = list(session.events)
    with pytest.raises(TypeError):
        build_report(events)
    assert build_report(events, scenario=iraq, recorded=RECORDED) == report_of(save)


def test_controls_holds_and_take_backs_are_decision_points_in_its_report_only(iraq: Scenario, tmp_path: Path) -> None:
    """A trainer reading control's report sees every inject decision control made — a hold with its reason, a
    release taken back — in the turn it was made; a role's report says nothing of them (holds are control's)."""
    from wargame.engine.actors import CONTROL_ACTOR
    from wargame.engine.commands import (Adjudicate, EndTurn, HoldInject, ReleaseInject, StartExercise,
                                         UndoInjectDecision)

    path = tmp_path / "class.db"
    with Session.create(iraq, 5, {r: "historical" for r in iraq.world.roles}, path) as session:
        session.execute(StartExercise(), CONTROL_ACTOR)
        held = next(i for i in iraq.injects if i.kind == "branch")  # one that has not arrived yet
        session.execute(HoldInject(inject_id=held.id, reason="the class needs a quiet week"), CONTROL_ACTOR)
        session.execute(ReleaseInject(inject_id="C-03"), CONTROL_ACTOR)
        session.execute(UndoInjectDecision(), CONTROL_ACTOR)
        session.execute(Adjudicate(), CONTROL_ACTOR)
        session.execute(EndTurn(), CONTROL_ACTOR)
    control = [p.text for t in report_of(path).turns for p in t.decision_points]
    assert f"Held by control: {held.title} (the class needs a quiet week)" in control
    assert f"Control took back its release of {iraq.inject('C-03').title}" in control
    for role in iraq.world.roles:
        points = [p.text for t in report_of(path, role).turns for p in t.decision_points]
        assert not any("Held by control" in p or "took back" in p for p in points)
