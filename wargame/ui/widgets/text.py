"""Small renderings shared by the screens: sparklines, trends, and lists written as a person writes them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float], low: float, high: float, width: int = 12) -> str:
    """A variable's history as block characters scaled to its bounds (the latest values on the right)."""
    shown = list(values)[-width:]
    if high <= low:
        return BLOCKS[0] * len(shown)
    return "".join(BLOCKS[min(7, int((v - low) / (high - low) * 7.999))] for v in shown)


def trend(now: float, before: float | None) -> str:
    """▲ rising, ▼ falling, · unchanged (or nothing to compare with): ``now`` against ``before``."""
    if before is None or now == before:
        return "·"
    return "▲" if now > before else "▼"


def since_last_turn(history: Sequence[float], turn: int) -> float | None:
    """The value a variable had at the end of the turn before ``turn`` (``history[t]`` is its value after
    turn t's adjudication, ``history[0]`` the start): the baseline of this turn's ▲ ▼. None before turn 1."""
    return history[turn - 1] if 1 <= turn <= len(history) else None


def sentences(items: Iterable[str]) -> str:
    """Texts that are each a sentence, joined into one paragraph: 'Pause training. Call Baghdad.'

    Each item gets a full stop unless it already ends with one (or ! ? :), so
    nothing reads '…pause training.; Washington…'.
    """
    out = []
    for item in items:
        text = item.strip()
        if not text:
            continue
        out.append(text if text[-1] in ".!?:…" else text + ".")
    return " ".join(out)


def listing(items: Iterable[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = [item for item in items if item]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 move', '2 moves'."""
    return f"{count} {word if count == 1 else (many or word + 's')}"
