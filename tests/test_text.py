"""The one rule for text (wargame/text.py): whatever a person or a scenario file wrote is shown literally.

Property tests feed arbitrary Unicode, control characters, markup and Markdown/HTML structure.
"""

from __future__ import annotations

import html
import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.text import (
    BIDI_CONTROLS,
    control_character,
    html_text,
    json_text,
    md_block,
    md_inline,
    one_line,
    prose,
    terminal_safe,
)

# Everything a terminal would obey instead of show.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(BIDI_CONTROLS) + "]")

HOSTILE = st.sampled_from([
    "\x1b]0;pwned\x07", "\x1b[2J", "\x9b2J", "\u202e", "\u2066", "[/]", "[bold red]x", "[@click=app.quit]x[/]",
    "[link=https://example.com]x[/link]", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\n## Heading",
    "\n- item", "\n1. item", "\n> quote", "\n    code", "```", "| cell |", "&amp;", "\r\n", "\t", "*bold*", "_em_", "---",
])
TEXT = st.lists(st.one_of(st.text(max_size=12), HOSTILE), max_size=6).map("".join)
FAST = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_terminal_escapes_are_shown_not_obeyed() -> None:
    """ESC ] 0 ; title BEL and ESC [ 2 J become visible pictures; a bidi override a visible tag."""
    assert terminal_safe("a\x1b]0;title\x07b\x1b[2J") == "a␛]0;title␇b␛[2J"
    assert terminal_safe("abc\u202edef") == "abc⟨RLO⟩def"
    assert terminal_safe("\x9b") == "⟨U+009B⟩"
    assert terminal_safe("line\n\tindented [b]x[/b]") == "line\n\tindented [b]x[/b]"


def test_markdown_structure_in_a_line_break_is_not_obeyed() -> None:
    """A rationale with a line break cannot forge a heading or a list item; HTML is escaped."""
    assert md_inline("fine\n## Forged heading") == "fine ## Forged heading"
    assert md_block("fine\n## Forged heading\n- forged item") == "fine\n\\## Forged heading\n\\- forged item"
    assert md_inline("<script>x</script> <img onerror=y>") == "&lt;script&gt;x&lt;/script&gt; &lt;img onerror=y&gt;"
    assert md_inline("a | b") == "a \\| b"


@FAST
@given(TEXT)
def test_terminal_safe_leaves_nothing_a_terminal_obeys(text: str) -> None:
    shown = terminal_safe(text)
    assert not UNSAFE.search(shown)
    assert terminal_safe(shown) == shown
    assert "\n" not in one_line(text) and not UNSAFE.search(one_line(text))


@FAST
@given(TEXT)
def test_markdown_escaping_keeps_every_line_literal(text: str) -> None:
    """No line of escaped text opens a block (heading, list, quote, code, HTML, table, fence), and no
    raw '<', '|' or backtick survives; line content is kept (compared with the markers unescaped)."""
    for rendered in (md_inline(text), md_block(text)):
        assert "<" not in rendered and not UNSAFE.search(rendered)
        assert not re.search(r"(?<!\\)[`|*_\[\]]", rendered)
        for line in rendered.split("\n"):
            assert line == line.lstrip(), "leading blanks would make an indented code block"
            assert not re.match(r"(#{1,6}|[-+*]|\d{1,9}[.)])(\s|$)|>|=+\s*$|-+\s*$|~~~", line), line
    assert "\n" not in md_inline(text)
    unescaped = html.unescape(re.sub(r"\\(.)", r"\1", md_inline(text)))
    assert unescaped == " ".join(terminal_safe(text).split())


@FAST
@given(TEXT)
def test_html_and_json_keep_text_literal(text: str) -> None:
    assert html.unescape(html_text(text)) == terminal_safe(text)
    assert "<" not in html_text(text) and '"' not in html_text(text)
    dumped = json_text({"note": text})
    assert json.loads(dumped) == {"note": text}  # the value is unchanged for a tool reading it
    assert not UNSAFE.search(dumped.replace("\n", ""))


@FAST
@given(TEXT)
def test_control_character_finds_the_first_one(text: str) -> None:
    index = control_character(text)
    allowed = [i for i, c in enumerate(text) if (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F) and c not in "\n\t"]
    assert index == (allowed[0] if allowed else None)


def test_prose_takes_out_an_authors_line_breaks_but_keeps_paragraphs_and_lists() -> None:
    """A brief hard-wrapped at 100 columns reads as whole paragraphs at 80; blank lines and list items stay."""
    brief = "Two powers fight\non your soil.\n\nYour levers:\n- arrest\n- debate,\n  or vote\nthen wait.\n"
    assert prose(brief) == "Two powers fight on your soil.\n\nYour levers:\n- arrest\n- debate,\n  or vote then wait."


def test_the_shipped_briefs_have_no_line_break_inside_a_paragraph_once_made_prose() -> None:
    from wargame.scenario import load_scenario

    for role in load_scenario("iraq-2020").roles:
        for text in (role.public_brief, role.private_brief or ""):
            for paragraph in prose(text).split("\n\n"):
                assert "\n" not in paragraph, (role.id, paragraph[:60])
