"""HTML to PDF with WeasyPrint: the report and the briefing packs print from the same page they show.

WeasyPrint lays out HTML and CSS (``@page`` margins, running headers, page numbers,
inline SVG) without a browser. It needs Pango from the operating system (Debian:
``libpango-1.0-0``, ``libpangoft2-1.0-0``); ``.ci/run`` installs them when missing.
Nothing is fetched while rendering: our pages are self-contained, and the URL
fetcher refuses everything, so a link in scenario text can never make a request.
"""

from __future__ import annotations

import logging
import re
from typing import Any, NoReturn


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs are missing; the message says what to install."""


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"not fetched: {url[:80]}")


def html_to_pdf(html: str) -> bytes:
    """Render a self-contained HTML page as PDF bytes; raise ``PdfUnavailable`` if the renderer cannot load."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # OSError: Pango's shared libraries not found
        raise PdfUnavailable(f"PDF output needs WeasyPrint and Pango ({error}); install them with 'make' "
                             "(Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0)") from None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    pdf = HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    assert pdf is not None
    return bytes(pdf)


_SVG_OPEN = re.compile(r"(<svg\b[^>]*>)")
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_VAR = re.compile(r"var\((--[\w-]+)\)")
_CHART_CLASS = re.compile(r"\.(chart|spark|line|dot|frame|grid|band|axis)(?![\w-])")
PRINT_CSS = ".grid-charts { display: block; } .grid-charts figure { display: inline-block; width: 32%; vertical-align: top; }"
"""Small multiples three to a row on paper (WeasyPrint's grid layout puts one per row here)."""


def svg_styles(css: str) -> str:
    """The rules of ``css`` that draw the charts, with its ``--custom`` properties written out.

    WeasyPrint draws inline SVG with its own styles only: the page's stylesheet does not reach
    inside, so without these rules every chart would print as a black box.
    """
    variables = dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", css.split("}", 1)[0]))
    rules = []
    for selector, body in _RULE.findall(css):
        selector = selector.strip()
        if selector.startswith("@") or not _CHART_CLASS.search(selector):
            continue
        if "max-width" in body:
            continue
        body = _VAR.sub(lambda m: variables.get(m.group(1), ""), body)
        rules.append(f"{selector} {{{body}}}")
    return "".join(rules)


def report_pdf(html: str, css: str) -> bytes:
    """A report's HTML page as PDF, its charts styled from ``css`` (the page's own stylesheet)."""
    style = f"<style>{svg_styles(css)}</style>"
    html = html.replace("</head>", f"<style>{PRINT_CSS}</style></head>", 1)
    return html_to_pdf(_SVG_OPEN.sub(lambda m: m.group(1) + style, html))
