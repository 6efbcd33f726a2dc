"""Small renderings shared by the screens: sparklines, the ladder, move status."""

from __future__ import annotations

from collections.abc import Sequence

BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float], low: float, high: float, width: int = 12) -> str:
    """A variable's history as block characters scaled to its bounds (the latest values on the right)."""
    shown = list(values)[-width:]
    if high <= low:
        return BLOCKS[0] * len(shown)
    return "".join(BLOCKS[min(7, int((v - low) / (high - low) * 7.999))] for v in shown)


def trend(values: Sequence[float]) -> str:
    """▲ rising, ▼ falling, · unchanged since the previous turn."""
    if len(values) < 2 or values[-1] == values[-2]:
        return "·"
    return "▲" if values[-1] > values[-2] else "▼"
