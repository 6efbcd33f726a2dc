"""`wargame report SAVE -f pdf`: a valid PDF of the same report, charts drawn (not black boxes)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from tests.materials.conftest import run
from wargame.engine.scenario import Scenario
from wargame.report.html import CSS
from wargame.report.pdf import svg_styles
from wargame.engine.actors import CONTROL_ACTOR
from wargame.engine.commands import Adjudicate, EndExercise, EndTurn, StartExercise
from wargame.session import Session

ACCENT_STROKE = re.compile(rb"0\.121569 0\.372549 0\.6 RG")
"""The charts' line colour (#1f5f99) as a PDF stroke colour: one per chart line drawn."""


@pytest.fixture(scope="module")
def short_save(tmp_path_factory: pytest.TempPathFactory, iraq: Scenario) -> Path:
    """Two turns played by bots, then control ends the exercise: a short report renders quickly."""
    path = tmp_path_factory.mktemp("pdf") / "class.db"
    with Session.create(iraq, 7, {role: "random" for role in iraq.world.roles}, path) as session:
        session.execute(StartExercise(), CONTROL_ACTOR)
        for _ in range(2):
            session.execute(Adjudicate(), CONTROL_ACTOR)
            session.execute(EndTurn(), CONTROL_ACTOR)
        session.execute(EndExercise(), CONTROL_ACTOR)
    return path


def test_report_pdf_is_a_valid_pdf_with_the_same_charts(short_save: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    target = tmp_path / "aar.pdf"
    result = run("report", str(short_save), "-f", "pdf", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    html = run("report", str(short_save), "-f", "html").stdout
    reader = PdfReader(io.BytesIO(target.read_bytes()), strict=True)
    assert len(reader.pages) > 1
    first = " ".join(reader.pages[0].extract_text().split())
    assert first.startswith("After-action report: Escalation nation")
    drawn = sum(len(ACCENT_STROKE.findall(page.get_contents().get_data())) for page in reader.pages)
    charts = html.count("<svg ")
    assert charts >= 10 and drawn >= charts


def test_report_pdf_to_standard_output_when_redirected(short_save: Path) -> None:
    result = run("report", str(short_save), "-f", "pdf", "--role", "tehran")
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"%PDF-")


def test_chart_styles_are_written_out_for_the_svg_renderer() -> None:
    """The page's custom properties are resolved: the SVG renderer does not know them."""
    rules = svg_styles(CSS)
    assert ".line { fill: none; stroke: #1f5f99" in rules and "var(" not in rules and "grid-charts" not in rules
