"""Where saves go when nobody says: ``saves/`` in a checkout, else the user's data directory.

Why two places: a designer working in a checkout wants saves next to the
scenarios (and ``saves/`` is ignored by git); an installed program has no
checkout, so it uses the platform's per-user data directory.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def _checkout_saves() -> Path | None:
    top = Path(__file__).resolve().parent.parent.parent
    if (top / "pyproject.toml").is_file() and (top / "saves").is_dir():
        return top / "saves"
    return None


def _user_saves() -> Path:
    try:
        import platformdirs  # installed with textual; see the store's report about declaring it
    except ImportError:  # pragma: no cover - fallback when platformdirs is absent
        return Path.home() / ".local" / "share" / "wargame" / "saves"
    return Path(platformdirs.user_data_dir("wargame", appauthor=False)) / "saves"


def saves_dir() -> Path:
    """The default folder of session files (not created here)."""
    return _checkout_saves() or _user_saves()


def default_save_path(scenario_id: str, now: dt.datetime | None = None) -> Path:
    """``<saves>/<YYYYmmdd-HHMMSS>-<scenario>.db``; a suffix is added if that name is taken."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder = saves_dir()
    path = folder / f"{stamp}-{scenario_id}.db"
    n = 2
    while path.exists():
        path = folder / f"{stamp}-{scenario_id}-{n}.db"
        n += 1
    return path
