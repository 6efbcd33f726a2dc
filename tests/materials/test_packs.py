"""Briefing packs: seven packs and a poster for iraq-2020; nothing in a role's pack that the role may not see."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.materials.conftest import run
from wargame.engine.scenario import Scenario
from wargame.materials.pack_html import render_role_pack
from wargame.materials.packs import JoinSheet, control_pack, role_pack, use_to
from wargame.scenario.content import locate
from wargame.scenario.injectfiles import read_phases


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip = tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self.skip = False

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def flat(text: str) -> str:
    return " ".join(text.split())


def html_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return flat(" ".join(parser.parts))


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    pages = ["-f", str(first)] if first else []
    pages += ["-l", str(last)] if last else []
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"], check=True, capture_output=True, text=True)
    return flat(out.stdout)


def sentences(text: str) -> list[str]:
    """The sentences of a brief long enough to be telling (short ones like 'In play:' could be anywhere)."""
    return [s for s in (flat(p) for p in re.split(r"(?<=[.!?])\s+|\n\n", text)) if len(s) >= 40]


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`wargame pack iraq-2020 -o packs/`, PDFs included: done once, the slow part of this module."""
    folder = tmp_path_factory.mktemp("packs") / "packs"
    result = run("pack", "iraq-2020", "-o", str(folder))
    assert result.exit_code == 0, result.stderr
    return folder


def test_seven_packs_and_a_poster(packs: Path, iraq: Scenario) -> None:
    """One pack per role and one for control, each as HTML and PDF, and the room poster on one page."""
    stems = {p.stem for p in packs.iterdir()}
    assert stems == {*iraq.world.roles, "control", "poster"}
    assert {p.suffix for p in packs.iterdir()} == {".html", ".pdf"}
    assert len([p for p in packs.glob("*.pdf") if p.stem != "poster"]) == 7
    from pypdf import PdfReader

    assert len(PdfReader(packs / "poster.pdf").pages) == 1
    assert [p.name for p in packs.iterdir() if p.name.startswith(".")] == []


def test_no_role_pack_holds_another_roles_private_brief(packs: Path, iraq: Scenario) -> None:
    """Every sentence of every other role's private brief is absent from a role's HTML and PDF; its own is there."""
    for role in iraq.roles:
        for suffix, read in (("html", html_text), ("pdf", pdf_text)):
            text = read(packs / f"{role.id}.{suffix}")
            own = sentences(role.private_brief)
            assert own and all(s in text for s in own[:3]), f"{role.id}.{suffix} lost its own private brief"
            for other in iraq.roles:
                if other.id == role.id:
                    continue
                leaked = [s for s in sentences(other.private_brief) if s in text]
                assert leaked == [], f"{role.id}.{suffix} holds {other.id}'s private brief: {leaked[:1]}"


def test_no_role_pack_names_a_variable_hidden_from_it(packs: Path, iraq: Scenario) -> None:
    """A variable visible only to some roles is not named (nor is anything derived from it) in the others' packs."""
    hidden = [v for v in iraq.world.variables if v.visible_to != "all"]
    assert hidden, "the shipped scenario should have hidden variables for this test to mean anything"
    checked = 0
    for variable in hidden:
        for role in iraq.world.roles:
            text = html_text(packs / f"{role}.html")
            sees = variable.visible_to != "control" and role in variable.visible_to
            if not sees:
                assert variable.label not in text, f"{role} pack names hidden {variable.id}"
                checked += 1
    assert checked >= 4


def test_each_role_pdf_renders_with_its_title(packs: Path, iraq: Scenario, tmp_path: Path) -> None:
    """pdftoppm draws page 1 of each role's PDF (ink in the title band) and its text carries the title."""
    from PIL import Image

    for role in iraq.roles:
        prefix = tmp_path / role.id
        subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(packs / f"{role.id}.pdf"),
                        str(prefix)], check=True)
        image = Image.open(f"{prefix}.png").convert("L")
        width, height = image.size
        band = image.crop((0, 0, width, height // 6))
        dark = sum(band.histogram()[:128])
        assert dark > 100, f"{role.id}: nothing drawn in the title band"
        assert f"Briefing pack: {role.name}" in pdf_text(packs / f"{role.id}.pdf", 1, 1)


def test_control_pack_holds_every_inject_in_order_and_the_contingencies(packs: Path, iraq: Scenario) -> None:
    text = html_text(packs / "control.html")
    positions = [text.index(f"{inject.id} · {inject.title}") for inject in iraq.injects]
    assert positions == sorted(positions)
    for role in iraq.roles:
        assert sentences(role.private_brief)[0] in text
    guidance = [use_to(i) for i in iraq.injects if i.kind == "contingency"]
    assert all(guidance) and all(flat(g) in text for g in guidance)
    assert "Use to…" in text and iraq.world.ladder.rungs[-1].label in text


def test_move_menu_states_costs_and_conditions_in_words(iraq: Scenario) -> None:
    """Preconditions read as words with labels, never as expressions with ids."""
    pack = role_pack(iraq, "washington")
    needs = [n for move in pack.moves for n in move.needs]
    assert needs and all("_" not in n and ">=" not in n for n in needs)
    assert "there is no channel yet to attach conditions to relief" in needs  # a {when, reason} precondition
    assert all(move.cost >= 0 for move in pack.moves)


def test_odds_that_rest_on_hidden_factors_show_no_total(iraq: Scenario) -> None:
    """A total chance would give away whether a hidden factor applies: with one withheld, only the base is printed."""
    # iraq-2020 as shipped hides no factor of a role's own odds (validate --strict); hide one to see the rule
    world = iraq.world
    variables = [v.model_copy(update={"visible_to": ["washington", "coalition"]}) if v.id == "base_defences" else v
                 for v in world.variables]
    iraq = iraq.model_copy(update={"world": world.model_copy(update={"variables": variables})})
    moves = [m for role in iraq.world.roles for m in role_pack(iraq, role).moves]
    hidden = [m for m in moves if m.odds_withheld]
    assert hidden and all(m.odds.endswith("before the factors below") for m in hidden)
    assert all(m.odds.endswith("%") for m in moves if not m.odds_withheld)


def test_join_sheet_is_printed_on_the_pack_when_given(iraq: Scenario) -> None:
    html = render_role_pack(role_pack(iraq, "tehran", join=JoinSheet("TIGER-7-RIVER", "wargame join class.db")))
    assert "TIGER-7-RIVER" in html and "Join code: Islamic Republic of Iran" in html
    assert "TIGER-7-RIVER" not in render_role_pack(role_pack(iraq, "tehran"))


def test_packs_for_a_hosted_save_carry_each_seats_own_fresh_code(tmp_path: Path) -> None:
    """`pack --save` issues fresh codes: each role's pack holds the one code that opens that role's seat;
    control's pack holds every seat's code, to hand out; the codes `wargame host` printed stop working."""
    import sys

    from wargame.seats import book_for
    from wargame.seats.book import WrongCode
    from wargame.session import Session

    save = tmp_path / "class.db"
    hosted = subprocess.run([sys.executable, "-m", "wargame", "host", "iraq-2020", "--save", str(save), "--no-wait"],
                            capture_output=True, text=True, check=True).stdout
    first = re.findall(r"^  .+?\s{2,}((?:[a-z]+ ){4}[a-z]+)$", hosted, re.M)
    assert first, hosted
    result = run("pack", "iraq-2020", "-o", str(tmp_path / "p"), "--save", str(save), "--no-pdf")
    assert result.exit_code == 0, result.stderr
    code = re.compile(r'<div class="code">([^<]+)</div>')
    found = {page.stem: code.findall(page.read_text(encoding="utf-8")) for page in (tmp_path / "p").glob("*.html")}
    with Session.open(save) as session:
        book = book_for(session)
        roles = list(session.scenario.world.roles)
        for lens in roles:
            assert len(found[lens]) == 1, (lens, found[lens])
            assert book.admit(found[lens][0], now=0.0) == lens
        # control hands the codes out: its pack holds every seat's, control's own among them
        assert sorted(book.admit(c, now=0.0) for c in found["control"]) == sorted([*roles, "control"])
        assert found["poster"] == []
        for old in first[:3]:
            with pytest.raises(WrongCode):
                book.admit(old, now=0.0)


def test_text_from_the_scenario_is_escaped(iraq: Scenario) -> None:
    role = iraq.role("europeans")
    evil = role.model_copy(update={"private_brief": "<script>alert(1)</script> & <b>bold</b>"})
    scenario = iraq.model_copy(update={"roles": tuple(evil if r.id == "europeans" else r for r in iraq.roles)})
    html = render_role_pack(role_pack(scenario, "europeans"))
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in html


def test_control_pack_groups_injects_by_phase(iraq: Scenario) -> None:
    files = locate("iraq-2020")
    assert files is not None
    phases = [(p.title, list(p.inject_ids)) for p in read_phases(files)]
    pack = control_pack(iraq, phases)
    assert [title for title, _ in pack.phases] == [title for title, _ in phases]
    assert sum(len(rows) for _, rows in pack.phases) == len(iraq.injects)
