"""The report's analysis section: the scenario's HSEEP exercise objectives, each with the variables that bear
on it and its hot-wash questions; the facilitator's notes for control only; hidden variables withheld."""

from __future__ import annotations

from pathlib import Path

from wargame.engine.scenario import Scenario
from wargame.engine.views import sees_variable
from wargame.report import RENDERERS

from .test_report import report_of


def test_control_report_analyses_every_exercise_objective(save: Path, iraq: Scenario) -> None:
    """One entry per exercise objective, in the scenario's order, with its questions, its source, its notes,
    and each named variable's start and end as the session's own series has them."""
    report = report_of(save)
    objectives = iraq.world.exercise_objectives
    assert [a.id for a in report.analysis] == [o.id for o in objectives] and len(objectives) == 6
    series = {s.id: s for s in report.variables}
    for entry, objective in zip(report.analysis, objectives, strict=True):
        assert entry.questions == list(objective.questions) and entry.source
        assert [e.var for e in entry.evidence] == list(objective.variables)
        for row in entry.evidence:
            values = series[row.var].values
            assert (row.start, row.end, row.low, row.high) == (values[0], values[-1], min(values), max(values))
    assert any(e.notes for e in report.analysis)
    md, html = RENDERERS["md"](report), RENDERERS["html"](report)
    for entry in report.analysis:
        assert entry.label in md and entry.questions[0] in md
    assert "5. Analysis: exercise objectives and debrief questions" in html
    assert "Facilitator&#x27;s notes" in html or "Facilitator's notes" in html


def test_a_roles_analysis_has_no_notes_and_no_hidden_variable(save: Path, iraq: Scenario) -> None:
    """The article's recommendations stay in control's notes; a role sees only the variables it may see."""
    for role in iraq.world.roles:
        report = report_of(save, role)
        assert report.analysis and all(e.notes == "" for e in report.analysis)
        for entry in report.analysis:
            assert all(sees_variable(iraq, role, row.var) for row in entry.evidence), role
    washington = report_of(save, "washington")
    proxy = next(e for e in washington.analysis if e.id == "proxy_autonomy")
    assert "militia_cohesion" not in [row.var for row in proxy.evidence]  # hidden from Washington


def test_the_end_state_comparison_carries_the_scenarios_own_name(save: Path) -> None:
    """iraq-2020's end state is the model's rendering of the article's projection, not a record: every
    rendering names it so, and none calls it history or what really happened."""
    report = report_of(save)
    assert report.history.label == "the article's projection as this model renders it"
    for fmt in ("md", "html"):
        text = RENDERERS[fmt](report)
        assert "Comparison with the article" in text
        assert "what really happened" not in text.lower() and "Comparison with history" not in text
