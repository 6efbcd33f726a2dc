"""Text charts for the review screen: a bar chart of a series over turns, one column per turn.

Why text: the review runs in a terminal (and over tmux/ssh); block characters
give eight steps per row, enough to read an escalation curve, and the selected
turn is drawn highlighted so the chart and the timeline point at the same moment.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

EIGHTHS = " ▁▂▃▄▅▆▇█"


def window(count: int, selected: int, width: int) -> range:
    """Which columns to show when there are more turns than room: a window that keeps ``selected`` in view."""
    if count <= width:
        return range(count)
    start = min(max(0, selected - width // 2), count - width)
    return range(start, start + width)


def bar_chart(values: Sequence[float], low: float, high: float, selected: int, *, height: int = 6,
              width: int = 60, label: str = "") -> Text:
    """Columns of block characters; column ``selected`` (turn index, 0 = start) highlighted."""
    shown = window(len(values), selected, width)
    col = 2 if len(shown) <= width // 2 else 1
    span = (high - low) or 1.0
    units = [max(0, min(height * 8, round((values[i] - low) / span * height * 8))) for i in shown]
    text = Text()
    if label:
        text.append(label + "\n", style="bold")
    for row in reversed(range(height)):
        text.append(f"{_axis(row, height, low, high):>6} ")
        for i, u in zip(shown, units):
            filled = u - row * 8
            char = EIGHTHS[8] if filled >= 8 else EIGHTHS[max(0, filled)]
            text.append(char * col, style="bold reverse" if i == selected else "")
        text.append("\n")
    text.append(" " * 7)
    for i in shown:
        mark = "▲" if i == selected else ("│" if i % 5 == 0 else " ")
        text.append(mark.ljust(col), style="bold" if i == selected else "dim")
    text.append(f"\n{'':7}T{shown.start}".ljust(8) + f"… T{shown.stop - 1}  (▲ turn {selected})", style="dim")
    return text


def _axis(row: int, height: int, low: float, high: float) -> str:
    if row == height - 1:
        return _num(high)
    if row == 0:
        return _num(low)
    return ""


def _num(value: float) -> str:
    return f"{value:g}"


def spark(values: Sequence[float], low: float, high: float, selected: int, width: int = 30) -> Text:
    """One row: the series as blocks, the selected turn highlighted."""
    shown = window(len(values), selected, width)
    span = (high - low) or 1.0
    text = Text()
    for i in shown:
        level = max(0, min(7, int((values[i] - low) / span * 7.999)))
        text.append("▁▂▃▄▅▆▇█"[level], style="bold reverse" if i == selected else "")
    return text
