"""Any text round-trips literally through a save and is never interpreted where it is shown (issue 10).

Hypothesis feeds arbitrary Unicode, control characters, markup and Markdown/HTML structure into notes,
rationales and debrief entries (committed to a real save and read back from the file, as every command
reads it), and into role names and inject texts (carried in the save's copy of the scenario). Each is
then put through the functions every face uses: the Markdown cell and paragraph, HTML, JSON, the
terminal and a Textual widget's Text. 500 examples each; one session is built once for all of them.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.engine.actors import CONTROL_ACTOR, Team
from wargame.engine.commands import AddDebriefEntry, AddNote, Adjudicate, Override, StartExercise, SubmitMove
from wargame.engine.errors import EngineError
from wargame.engine.scenario import Scenario, canonical_json
from wargame.report.markdown import cell
from wargame.session import Session
from wargame.store.savefile import SaveFile
from wargame.text import BIDI_CONTROLS, control_character, html_text, json_text, md_block, terminal_safe
from wargame.ui.safe import plain

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(BIDI_CONTROLS) + "]")
HOSTILE_PIECES = ["\x1b]0;t\x07", "\x1b[2J", "\x9b", "\u202e", "\u2066", "[/]", "[bold red]x", "[@click=app.quit]x[/]",
                  "<script>alert(1)</script>", "<img src=x onerror=y>", "\n## H", "\n- i", "\n1. i", "|", "`", "\r"]
HOSTILE = st.sampled_from(HOSTILE_PIECES)
TEXT = st.lists(st.one_of(st.text(max_size=12), HOSTILE), min_size=1, max_size=6).map("".join)
SETTINGS = settings(max_examples=500, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def shown_literally(text: str) -> None:
    """Every face's rendering of ``text`` keeps it as data."""
    for rendered in (cell(text), md_block(text)):
        assert "<" not in rendered and not UNSAFE.search(rendered)
        for line in rendered.split("\n"):
            assert not re.match(r"(#{1,6}|[-+*]|\d{1,9}[.)])(\s|$)", line)
    assert html.unescape(html_text(text)) == terminal_safe(text) and "<" not in html_text(text)
    assert json.loads(json_text({"t": text})) == {"t": text}
    assert plain(text).plain == terminal_safe(text) and not UNSAFE.search(terminal_safe(text).replace("\n", "").replace("\t", ""))


@pytest.fixture(scope="module")
def review(harbour: Scenario, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("text") / "t.db"
    session = Session.create(harbour, 3, {"navy": "human", "fleet": "human"}, path)
    session.execute(StartExercise(), CONTROL_ACTOR)
    session.execute(SubmitMove(role="navy", action="shadow"), Team(role="navy"))
    session.execute(Adjudicate(), CONTROL_ACTOR)
    reader = SaveFile.open(path)
    yield session, reader
    reader.close()
    session.close()


@SETTINGS
@given(TEXT, TEXT, TEXT)
def test_notes_rationales_and_debrief_entries_round_trip_literally(review, note: str, rationale: str, entry: str) -> None:  # type: ignore[no-untyped-def]
    session, reader = review
    before = session.seq
    written = []
    for command in (AddNote(text=note), Override(role="navy", action="shadow", rationale=rationale, band="failure"),
                    AddDebriefEntry(section="plan", text=entry, owner=entry)):
        try:
            written += session.execute(command, CONTROL_ACTOR)
        except EngineError:  # only text with nothing but blanks is refused
            assert not (getattr(command, "text", None) or getattr(command, "rationale", "")).strip()
    stored = [row.event for row in reader.read(after=before)]  # from the file, checked as every command reads it
    assert stored == written
    by_kind = {event.kind: event for event in stored}
    if note.strip():
        assert by_kind["note_added"].text == note.strip()  # kept as typed, less surrounding blanks
    if rationale.strip():
        assert by_kind["outcome_overridden"].rationale == rationale.strip()
    if entry.strip():
        assert by_kind["debrief_entry_added"].text == entry.strip() and by_kind["debrief_entry_added"].owner == entry.strip()
    for value in (note, rationale, entry):
        shown_literally(value)


# Built without control characters rather than filtered for them: filtering TEXT threw away most draws,
# and Hypothesis then failed its filter_too_much health check on some seeds.
SCENARIO_TEXT = st.lists(st.one_of(st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
                                   st.sampled_from(["\n", "\t"]),
                                   st.sampled_from([p for p in HOSTILE_PIECES if control_character(p) is None])),
                         min_size=1, max_size=6).map("".join).filter(lambda t: t.strip() != "")


@SETTINGS
@given(SCENARIO_TEXT, SCENARIO_TEXT)
def test_role_names_and_inject_texts_round_trip_through_the_save(harbour: Scenario, name: str, title: str) -> None:
    """The save keeps its scenario as canonical JSON; reading it back gives the same names, exactly."""
    role = harbour.roles[0].model_copy(update={"name": name})
    inject = harbour.injects[0].model_copy(update={"title": title, "message": title})
    changed = harbour.model_copy(update={"roles": (role, *harbour.roles[1:]), "injects": (inject, *harbour.injects[1:])})
    back = Scenario.model_validate_json(canonical_json(changed))
    assert back.roles[0].name == name and back.injects[0].title == title and back == changed
    shown_literally(name)
    shown_literally(title)
