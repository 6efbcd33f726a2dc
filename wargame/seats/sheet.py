"""The printable code sheet: one card per seat with its code in words and as a QR code.

A self-contained HTML file (inline SVG from :mod:`segno`, no external fonts,
scripts or images), so it prints from any browser on a machine with no
internet. The QR code holds the seat's web address with the code when the
session is served to browsers (a phone opens its seat by scanning), else just
the code. The sheet holds live codes: it is written 0600 and should be printed,
cut up and handed out, then deleted.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from urllib.parse import quote

import segno


def qr_svg(data: str) -> str:
    """An inline SVG QR code of ``data`` (error correction M, no XML declaration)."""
    return segno.make(data, error="m").svg_inline(scale=4, border=2)


def seat_link(url: str | None, code: str) -> str:
    """What a seat's QR code holds: ``URL?code=…`` when served to browsers, else the code itself."""
    return f"{url.rstrip('/')}/?code={quote(code)}" if url else code


def sheet_html(title: str, save_name: str, cards: list[tuple[str, str]], url: str | None) -> str:
    """The sheet for ``cards`` (seat name → code), in the order given."""
    parts = []
    for name, code in cards:
        parts.append(
            '<div class="card">'
            f"<h2>{html.escape(name)}</h2>"
            f"<p class=\"code\">{html.escape(code.replace('-', ' '))}</p>"
            f"{qr_svg(seat_link(url, code))}"
            f"<p class=\"how\">Terminal: <code>wargame join {html.escape(save_name)}</code>"
            + (f"<br>Browser: {html.escape(url)}" if url else "")
            + "</p></div>"
        )
    return (
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
        f"<title>Join codes: {html.escape(title)}</title><style>"
        "body{font-family:sans-serif;margin:1cm}"
        ".card{display:inline-block;width:8.5cm;border:1px dashed #888;margin:.2cm;padding:.3cm;vertical-align:top;page-break-inside:avoid}"
        ".code{font-family:monospace;font-size:14pt;font-weight:bold}.how{font-size:9pt}"
        "</style></head><body>"
        f"<h1>Join codes: {html.escape(title)}</h1>"
        "<p>One card per seat. Keep the control card; cut the others out and hand each team its own. "
        "Anyone with a code sees that seat's view: delete this file after printing.</p>"
        + "".join(parts) + "</body></html>\n"
    )


def write_sheet(target: Path, text: str) -> None:
    """Write the sheet readable by its owner only, replacing any older one."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, target)
