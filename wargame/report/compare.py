"""Several sessions of one scenario side by side: end states, escalation, scores, where they parted.

Why: a trainer running the same exercise for several classes wants to see at a
glance which class escalated, which kept to the historical line, and at which
turn the classes stopped playing alike. Built from control's reports, so the
comparison says nothing the reports do not.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from wargame.explain import number
from wargame.report.model import Report
from wargame.text import json_text, md_inline, one_line


class Column(BaseModel):
    """One session in the comparison."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    turns_played: int
    ended: str | None
    escalation: list[float]
    end_state: dict[str, float]
    final_scores: dict[str, float]
    """``role.objective`` → the score at the end of the last turn."""
    left_history_turn: int | None
    left_history_roles: list[str]
    diverged_turn: int | None
    """The first turn in which this session's moves differ from another session's."""
    diverged_roles: list[str]


class Comparison(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    scenario_id: str
    title: str
    variables: list[tuple[str, str]]
    objectives: list[tuple[str, str]]
    """(``role.objective``, "Role name: objective label")."""
    history_end_state: dict[str, float]
    history_label: str = "history"
    """What the end-state comparison is called (the scenario's history.label)."""
    sessions: list[Column]


def _moves(report: Report) -> dict[int, dict[str, list[str]]]:
    """Each adjudicated turn's moves by role. A turn still open (the last of a session not ended, with no
    outcome yet) is left out: its moves are not known yet, so it cannot be where two sessions diverged."""
    last = report.turns[-1].turn if report.turns else 0
    return {t.turn: {m.role: sorted(m.actions) for m in t.moves} for t in report.turns
            if t.turn != last or report.overview.ended or t.outcomes}


def _first_difference(a: dict[int, dict[str, list[str]]], b: dict[int, dict[str, list[str]]]) -> tuple[int, list[str]] | None:
    for turn in sorted(set(a) & set(b)):  # a turn one of them has not played yet is no divergence
        left, right = a[turn], b[turn]
        roles = sorted(r for r in set(left) | set(right) if left.get(r, []) != right.get(r, []))
        if roles:
            return turn, roles
    return None


def compare(reports: Sequence[Report], names: Sequence[str]) -> Comparison:
    """Compare control's reports of several sessions of one scenario (raises ValueError if they differ)."""
    if not reports:
        raise ValueError("nothing to compare")
    ids = {r.overview.scenario_id for r in reports}
    if len(ids) > 1:
        raise ValueError(f"the saves are of different scenarios: {', '.join(sorted(ids))}")
    first = reports[0]
    moves = [_moves(r) for r in reports]
    columns = []
    for i, (report, name) in enumerate(zip(reports, names)):
        earliest: tuple[int, list[str]] | None = None
        for j in range(len(reports)):
            if j == i:
                continue
            found = _first_difference(moves[i], moves[j])
            if found and (earliest is None or found[0] < earliest[0]):
                earliest = found
            elif found and earliest and found[0] == earliest[0]:
                earliest = (found[0], sorted(set(earliest[1]) | set(found[1])))
        left = [d for d in report.history.divergence if d.left_line_turn is not None]
        left_turn = min((d.left_line_turn for d in left if d.left_line_turn is not None), default=None)
        columns.append(Column(
            name=name, turns_played=report.overview.turns_played, ended=report.overview.ended,
            escalation=report.escalation.values if report.escalation else [],
            end_state={s.id: s.values[-1] for s in report.variables},
            final_scores={f"{s.role}.{s.objective}": v for s in report.scores
                          for v in [next((x for x in reversed(s.values) if x is not None), None)] if v is not None},
            left_history_turn=left_turn,
            left_history_roles=[d.role for d in left if d.left_line_turn == left_turn],
            diverged_turn=earliest[0] if earliest else None, diverged_roles=earliest[1] if earliest else [],
        ))
    return Comparison(
        scenario_id=first.overview.scenario_id, title=first.overview.title,
        variables=[(s.id, s.label) for s in first.variables],
        objectives=[(f"{s.role}.{s.objective}", f"{s.role_name}: {s.label}") for s in first.scores],
        history_end_state={r.var: r.historical_value for r in first.history.end_state},
        history_label=first.history.label,
        sessions=columns,
    )


def _rows(c: Comparison) -> list[tuple[str, list[str]]]:
    """Section title and rows (label, one cell per session[, history])."""
    def val(x: float | None) -> str:
        return "—" if x is None else number(x)

    rows: list[tuple[str, list[str]]] = []
    rows.append(("", ["Turns played", *(str(s.turns_played) for s in c.sessions)]))
    rows.append(("", ["Ended", *(s.ended or "not ended" for s in c.sessions)]))
    rows.append(("", ["Left the historical line in turn", *(f"{val(s.left_history_turn)} ({', '.join(s.left_history_roles)})"
                                                 if s.left_history_turn else "kept to it" for s in c.sessions)]))
    rows.append(("", ["Diverged from the others in turn",
                      *((f"{s.diverged_turn} ({', '.join(s.diverged_roles)})" if s.diverged_roles else str(s.diverged_turn))
                        if s.diverged_turn else "never" for s in c.sessions)]))
    longest = max(len(s.escalation) for s in c.sessions)
    for t in range(longest):
        rows.append(("Escalation per turn", [f"T{t}", *(val(s.escalation[t]) if t < len(s.escalation) else "—"
                                                          for s in c.sessions)]))
    for var, label in c.variables:
        rows.append((f"End state (last column: {c.history_label})", [label, *(val(s.end_state.get(var)) for s in c.sessions),
                                                           val(c.history_end_state.get(var))]))
    for key, label in c.objectives:
        rows.append(("Objective scores at the end", [label, *(val(s.final_scores.get(key)) for s in c.sessions)]))
    return rows


def render_text(c: Comparison) -> str:
    """A plain table for the terminal: one column per session, plus history for the end state."""
    header = ["", *(one_line(s.name) for s in c.sessions)]
    rows = [(title, [one_line(cell) for cell in row]) for title, row in _rows(c)]
    width = len(header) + 1
    cells = [header + [one_line(c.history_label)]] + [r + [""] * (width - len(r)) for _, r in rows]
    widths = [min(56 if i == 0 else 44, max(len(row[i]) for row in cells)) for i in range(width)]

    def fit(cell: str, width: int) -> str:
        return cell.ljust(width) if len(cell) <= width else cell[: width - 1] + "…"

    def line(row: list[str]) -> str:
        return "  ".join(fit(cell, widths[i]) for i, cell in enumerate(row)).rstrip()

    out = [f"{one_line(c.title)} ({c.scenario_id}): {len(c.sessions)} sessions", "", line(header + [one_line(c.history_label)])]
    section = ""
    for title, row in rows:
        if title != section:
            section = title
            out += ["", title]
        out.append(line(row + [""] * (width - len(row))))
    return "\n".join(out) + "\n"


def render_markdown(c: Comparison) -> str:
    from wargame.report.markdown import table

    out = [f"# Comparison: {md_inline(c.title)} ({md_inline(c.scenario_id)})", ""]
    section: str | None = None
    block: list[list[str]] = []

    def flush() -> None:
        if block:
            extra = [c.history_label] if section and section.startswith("End state") else []
            out.extend(table(["Measure", *(s.name for s in c.sessions), *extra], block))

    for title, row in _rows(c):
        if title != section:
            flush()
            block = []
            section = title
            if title:
                out.extend([f"## {md_inline(title)}", ""])
        block.append(row)
    flush()
    return "\n".join(out).rstrip() + "\n"


def render_json(c: Comparison) -> str:
    return json_text(c.model_dump(mode="json")) + "\n"
