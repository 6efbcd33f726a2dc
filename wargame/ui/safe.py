"""Text from users and scenario files, made safe for a Textual widget: never markup, never a control sequence.

Textual reads a plain ``str`` given to ``Static``, ``Label``, a ``DataTable`` cell, an ``Option``
or a notification as content markup: ``Iran [/]`` crashes the screen, ``[@click=app.quit]x``
becomes a button. So every widget here gets a ``rich.text.Text`` (never parsed), built by
these helpers, with control characters and bidi overrides made visible by
:func:`wargame.text.terminal_safe`. Fixed wording of our own may stay a ``str``.
"""

from __future__ import annotations

from rich.text import Span, Text

from wargame.text import terminal_safe


def plain(value: object, style: str = "") -> Text:
    """``value`` as literal text in ``style``: ``plain("Iran [/]")`` shows ``Iran [/]``. The style is a
    span, not the base style, so ``plain(a, "bold") + plain(b)`` leaves ``b`` plain."""
    text = Text()
    text.append(terminal_safe(str(value)), style=style or None)
    return text


def safe(content: str | Text) -> Text:
    """Content for ``Static.update``: a ``str`` as literal text; a ``Text`` with its styles kept and
    every unsafe character in it made visible (the spans move with the text)."""
    if isinstance(content, str):
        return plain(content)
    if terminal_safe(content.plain) == content.plain:
        return content
    out = Text(style=content.style, justify=content.justify, overflow=content.overflow, no_wrap=content.no_wrap)
    last = 0
    for index, char in enumerate(content.plain):
        shown = terminal_safe(char)
        if shown == char:
            continue
        out.append_text(content[last:index])
        styles = [span.style for span in content[index : index + 1].spans]
        out.append_text(Text(shown, spans=[Span(0, len(shown), style) for style in styles]))
        last = index + 1
    out.append_text(content[last:])
    return out


def row(*values: object) -> list[Text]:
    """The cells of one ``DataTable`` row, each literal (a ``Text`` keeps its style)."""
    return [safe(value) if isinstance(value, (str, Text)) else plain(value) for value in values]
