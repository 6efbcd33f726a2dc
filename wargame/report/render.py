"""One entry point per output format, so the CLI and tests pick a renderer by name."""

from __future__ import annotations

from collections.abc import Callable

from wargame.report.html import render_html
from wargame.report.markdown import render_markdown
from wargame.report.model import Report
from wargame.text import json_text


def render_json(report: Report) -> str:
    """The report's data for other tools: the model as JSON, keys sorted so the bytes are stable."""
    return json_text(report.model_dump(mode="json")) + "\n"


RENDERERS: dict[str, Callable[[Report], str]] = {"md": render_markdown, "html": render_html, "json": render_json}
