"""After-action review: the report of a saved session, built from the engine's views, rendered three ways.

No textual here: the review screen (:mod:`wargame.ui.screens.review`) reads the
same :class:`Report` the files are rendered from.
"""

from wargame.report.build import build_report
from wargame.report.html import render_html
from wargame.report.markdown import render_markdown
from wargame.report.model import Report
from wargame.report.render import RENDERERS, render_json

__all__ = ["RENDERERS", "Report", "build_report", "render_html", "render_json", "render_markdown"]
