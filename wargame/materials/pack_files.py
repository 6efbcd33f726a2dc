"""Writing a scenario's briefing packs to a folder: HTML always, PDF beside it, every file complete or absent.

Files: ``<role>.html`` / ``<role>.pdf`` for each role, ``control.html`` / ``control.pdf``
and ``poster.html`` / ``poster.pdf``. They are made in a staging folder inside the
target and renamed into place only when all of them are done. PDF rendering is the
slow part (seconds per pack), so the PDFs render in parallel processes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from wargame.engine.events import CONTROL
from wargame.engine.scenario import Scenario
from wargame.materials.pack_html import render_control_pack, render_poster, render_role_pack
from wargame.materials.packs import JoinSheet, control_pack, opening_state, poster, role_pack


def pack_pages(scenario: Scenario, phases: Sequence[tuple[str, Sequence[str]]],
               join: Mapping[str, JoinSheet] | None = None) -> dict[str, str]:
    """Every pack as HTML, by file stem: each role's id, ``control`` and ``poster``.

    ``join`` maps a lens (a role id or ``control``) to its join-code sheet, for a hosted save.
    """
    join = join or {}
    state = opening_state(scenario)
    pages = {role: render_role_pack(role_pack(scenario, role, state, join.get(role))) for role in scenario.world.roles}
    names = {r.id: r.name for r in scenario.roles} | {CONTROL: "Control"}
    control_join = {names.get(lens, lens): sheet for lens, sheet in join.items()}  # control hands the codes out
    pages[CONTROL] = render_control_pack(control_pack(scenario, [(t, list(ids)) for t, ids in phases], control_join))
    pages["poster"] = render_poster(poster(scenario))
    return pages


def _render(html: str) -> bytes:
    from wargame.report.pdf import html_to_pdf

    return html_to_pdf(html)


def write_packs(pages: Mapping[str, str], target: Path, pdf: bool = True, workers: int | None = None,
                private: bool = False) -> list[Path]:
    """Write the pages (and their PDFs) into ``target``; return the files, in a stable order.

    ``private`` (packs holding live join codes) makes the files readable by their owner only.

    Raises ``OSError`` on a write failure and ``PdfUnavailable`` when PDFs cannot be rendered; the
    target then holds none of the new files.
    """
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".packs-", dir=target))
    try:
        names = []
        for stem, html in pages.items():
            (staging / f"{stem}.html").write_text(html, encoding="utf-8")
            names.append(f"{stem}.html")
        if pdf:
            stems = list(pages)
            count = workers or min(len(stems), os.cpu_count() or 1)
            if count > 1:
                with ProcessPoolExecutor(max_workers=count) as pool:
                    rendered = list(pool.map(_render, [pages[s] for s in stems]))
            else:
                rendered = [_render(pages[s]) for s in stems]
            for stem, data in zip(stems, rendered):
                (staging / f"{stem}.pdf").write_bytes(data)
                names.append(f"{stem}.pdf")
        for name in names:
            os.chmod(staging / name, 0o600 if private else 0o644)
            os.replace(staging / name, target / name)
        return sorted(target / name for name in names)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
