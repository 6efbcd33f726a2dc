"""Reports and comparisons show hostile text literally (issue 10, cases 4 and 5).

A session on a copy of the harbour scenario whose role name, action label, rung label and inject hold
markup, HTML and Markdown structure, with notes, a rationale and debrief entries holding terminal escapes
too. Every format, on standard output and in a file, shows it as text: no escape reaches the terminal,
no `<script>` or `<img>` survives, no line break forges a heading or a list item, and the JSON keeps
the exact text a tool would expect.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.hostile import ESCAPES, INJECT, ROLE, TYPED, hostile_copy
from wargame.cli import main
from wargame.engine.actors import CONTROL_ACTOR, Team
from wargame.engine.commands import AddDebriefEntry, AddNote, Adjudicate, Override, StartExercise, SubmitMove
from wargame.engine.scenario import Effect
from wargame.scenario import load_scenario
from wargame.session import Session


@pytest.fixture(scope="module")
def save(harbour_content: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    scenario = load_scenario("harbour", hostile_copy(harbour_content, folder / "content"))
    path = folder / "hostile.db"
    with Session.create(scenario, 1, {"navy": "human", "fleet": "human"}, path) as session:
        session.execute(StartExercise(), CONTROL_ACTOR)
        session.execute(SubmitMove(role="navy", action="shadow"), Team(role="navy"))
        session.execute(SubmitMove(role="fleet", action="fish"), Team(role="fleet"))
        session.execute(Adjudicate(), CONTROL_ACTOR)
        session.execute(Override(role="navy", action="shadow", rationale=TYPED, effects=(Effect(var="tension", add=1),)),
                        CONTROL_ACTOR)
        session.execute(AddNote(text=TYPED), CONTROL_ACTOR)
        for section in ("strength", "improvement"):
            session.execute(AddDebriefEntry(section=section, text=TYPED, about_turn=1), CONTROL_ACTOR)
        session.execute(AddDebriefEntry(section="plan", text=TYPED, capability=TYPED, issue=TYPED, owner=TYPED, due=TYPED),
                        CONTROL_ACTOR)
    return path


def cli(*args: str | Path) -> tuple[str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout, result.stderr


def assert_terminal_safe(text: str) -> None:
    for char in ESCAPES:
        assert char not in text, f"{char!r} reached the terminal"
    assert "␛]0;pwned␇␛[2J" in text.replace("\\", "")  # shown, not dropped


def literal(markdown: str) -> str:
    """What a Markdown reader shows of escaped text: backslash escapes and entities undone."""
    return html.unescape(re.sub(r"\\(.)", r"\1", markdown))


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_case_5_markdown_report_escapes_html_and_structure(save: Path, tmp_path: Path, to_file: bool) -> None:
    """Case 5: `<script>` and `<img onerror>` passed through raw; a line break forged `##` headings and list items."""
    if to_file:
        cli("report", save, "-o", tmp_path / "r.md")
        out = (tmp_path / "r.md").read_text(encoding="utf-8")
    else:
        out, _ = cli("report", save)
    assert_terminal_safe(out)
    assert "<script" not in out and "<img" not in out
    for line in out.splitlines():
        assert not re.match(r"(#+|-) (Forged|item|forged item)", line), line
    shown = literal(out)
    assert "[bold red]x [@click=app.quit]x[/]" in shown and ROLE.replace("\u202e", "⟨RLO⟩") in shown
    assert INJECT in shown


def test_case_4_html_report_escapes_everything(save: Path) -> None:
    out, _ = cli("report", save, "-f", "html")
    assert_terminal_safe(out)
    assert "<script" not in out and "<img" not in out
    assert "[@click=app.quit]x[/]" in html.unescape(out)


def test_json_report_keeps_the_exact_text_and_is_strict(save: Path) -> None:
    out, _ = cli("report", save, "-f", "json")
    for char in ESCAPES:
        assert char not in out
    data = json.loads(out, parse_constant=lambda name: pytest.fail(f"non-strict JSON constant {name}"))
    strings: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    assert TYPED in strings and ROLE in strings  # a tool reads exactly what was typed


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_case_4_compare_shows_text_literally(save: Path, fmt: str, tmp_path: Path) -> None:
    other = tmp_path / "other.db"  # compare takes two different saves: the same class, copied
    other.write_bytes(save.read_bytes())
    out, _ = cli("compare", save, other, "-f", fmt)
    for char in ESCAPES:
        assert char not in out
    if fmt == "md":
        assert "<script" not in out and ROLE.replace("\u202e", "⟨RLO⟩") in literal(out)
    elif fmt == "text":
        assert "Coast guard [and navy] <script>alert(1)</script> [/]" in out  # a plain table: cut to width, never obeyed
    else:
        assert ROLE in json.dumps(json.loads(out), ensure_ascii=False)
