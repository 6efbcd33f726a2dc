"""Charts as inline SVG, written by hand: polylines on a grid, nothing loaded from anywhere.

Why by hand: the HTML report must be one file that opens offline and prints
(no script, no font, no stylesheet fetched), and the charts are simple enough —
a line over turns against a fixed range — that a plotting library would add a
dependency for no gain. Coordinates are rounded so the output is byte-stable.
"""

from __future__ import annotations

from collections.abc import Sequence
from wargame.explain import number
from wargame.text import html_text as escape


def _xy(values: Sequence[float], low: float, high: float, width: float, height: float, pad: float) -> list[tuple[float, float]]:
    span = high - low or 1.0
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    return [(round(pad + i * step, 1), round(height - pad - (v - low) / span * (height - 2 * pad), 1))
            for i, v in enumerate(values)]


def _points(xy: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x:g},{y:g}" for x, y in xy)


def line_chart(values: Sequence[float], low: float, high: float, title: str, *, width: int = 640, height: int = 220,
               bands: Sequence[tuple[float, str]] = ()) -> str:
    """A labelled line chart: the value at turn 0 (start) to the last turn, horizontal lines at ``bands``."""
    pad = 28.0
    xy = _xy(values, low, high, width, height, pad)
    parts = [(f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
              f'aria-label="{escape(title)}"><title>{escape(title)}</title>'),
             f'<rect x="{pad:g}" y="{pad:g}" width="{width - 2 * pad:g}" height="{height - 2 * pad:g}" class="frame"/>']
    for level, label in bands:
        y = _xy([level], low, high, width, height, pad)[0][1]
        parts.append(f'<line x1="{pad:g}" x2="{width - pad:g}" y1="{y:g}" y2="{y:g}" class="grid"/>')
        parts.append(f'<text x="{width - pad - 2:g}" y="{y - 2:g}" class="band" text-anchor="end">{escape(label)}</text>')
    parts.append(f'<text x="2" y="{pad:g}" class="axis">{escape(number(high))}</text>')
    parts.append(f'<text x="2" y="{height - pad:g}" class="axis">{escape(number(low))}</text>')
    ticks = max(1, len(values) // 10)
    for turn, (x, _) in enumerate(xy):
        if turn % ticks == 0 or turn == len(values) - 1:
            parts.append(f'<text x="{x:g}" y="{height - 8:g}" class="axis" text-anchor="middle">T{turn}</text>')
    parts.append(f'<polyline points="{_points(xy)}" class="line"/>')
    if len(values) <= 40:
        parts += [f'<circle cx="{x:g}" cy="{y:g}" r="3" class="dot"/>' for x, y in xy]
    parts.append("</svg>")
    return "".join(parts)


def small_chart(values: Sequence[float], low: float, high: float, title: str, *, width: int = 200, height: int = 60) -> str:
    """A small multiple: one variable against its own bounds, for a grid of many."""
    pad = 4.0
    xy = _xy(values, low, high, width, height, pad)
    return (f'<svg class="spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
            f'<rect x="{pad:g}" y="{pad:g}" width="{width - 2 * pad:g}" height="{height - 2 * pad:g}" class="frame"/>'
            f'<polyline points="{_points(xy)}" class="line"/></svg>')
