"""The after-action report as data: one pydantic model that every renderer reads.

Why a model and not a template fed from the state: the Markdown, HTML and JSON
reports and the review screen must say the same things, and a role's debrief
must hold only what that role knew. Building one value first — from the engine's
views — and rendering it three ways makes both true by construction; the JSON
form is this model as it stands, for other tools.

The shape follows the HSEEP after-action report / improvement plan: overview,
timeline (analysis per turn), objectives, strengths, areas for improvement,
improvement plan — plus the wargame's own parts: escalation curve, variable
series, comparison with the historical line.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict


class Part(BaseModel):
    """Every part of a report: frozen and strict, so a renderer cannot change what it shows."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class RoleLine(Part):
    id: str
    name: str
    played_by: str | None
    """Who played the role, turn by turn: 'Human team (turns 1–3); Bot: random legal moves (turns 4–8)'.
    None in a role's debrief (the engine's view does not carry it)."""
    public_brief: str
    private_brief: str | None
    """Only the lens's own (or every one, for control)."""


class Overview(Part):
    scenario_id: str
    title: str
    summary: str
    sources: list[str]
    lens: str
    """``control`` or a role id: whose knowledge the report holds."""
    lens_name: str
    start_date: str
    end_date: str
    """The date of the last turn played (game time, from the log)."""
    turns_played: int
    turns_planned: int
    seed: int | None
    """Control only: with the moves it reproduces every roll."""
    recorded: str | None
    """When the save file was created, as the save records it (not the time of the report)."""
    ended: str | None
    roles: list[RoleLine]

    def facts(self) -> list[tuple[str, object]]:
        """The overview's item/value rows, in the order every format prints them."""
        rows: list[tuple[str, object]] = [
            ("Scenario", f"{self.title} ({self.scenario_id})"),
            ("Report for", self.lens_name),
            ("Game dates", f"{self.start_date} to {self.end_date}"),
            ("Turns played", f"{self.turns_played} of {self.turns_planned}"),
            ("Ended", self.ended or "not ended"),
        ]
        if self.seed is not None:
            rows.append(("Seed", self.seed))
        if self.recorded:
            rows.append(("Session recorded", self.recorded))
        if self.sources:
            rows.append(("Sources", "; ".join(self.sources)))
        return rows


class InjectEntry(Part):
    id: str
    title: str
    kind: str
    by: str
    """``schedule``, ``trigger`` or ``control``."""
    origin: str = ""
    """``from the source``, ``projection`` or ``invented`` (see ``Inject.origin``)."""
    sender: str
    audience: str
    message: str
    effects: str


class MoveEntry(Part):
    role: str
    role_name: str
    actions: list[str]
    labels: list[str]


class OutcomeEntry(Part):
    turn: int
    """The turn of the move (earlier than the entry's turn when a delayed outcome became known late)."""
    role: str
    role_name: str
    action: str
    label: str
    band: str
    adjudicated_band: str
    band_name: str = ""
    """The band in force as the teams read it, with its id: 'Washington has to ask (success)'."""
    adjudicated_band_name: str = ""
    """The band as adjudicated (before any override), in the same words."""
    chance: float | None
    """None where the odds depend on what the lens may not see (then the roll is withheld too)."""
    roll: float | None
    odds: str
    explanation: str
    effects: str
    """The effects in force (after any override), on the variables the lens sees."""
    overridden: bool
    rationale: str | None
    learned_late: bool


class OverrideEntry(Part):
    role: str
    role_name: str
    action: str
    label: str
    from_band: str
    to_band: str
    from_name: str = ""
    """``from_band`` as the teams read it, with its id (see :func:`wargame.explain.band_with_key`)."""
    to_name: str = ""
    rationale: str
    changes: str
    """Control's report: the override's net change to the world ('Militia cohesion 34 → 40'); a role's: the
    effects now in force on what it sees (it never learns the net change). See :func:`override_change_heading`."""
    knock_ons: str = ""
    """Control's record only: what the override did to the turn's follow-on rules, in words."""


class RuleEntry(Part):
    rule_id: str
    label: str
    message: str
    effects: str


class RedLineEntry(Part):
    role: str
    role_name: str
    red_line: str
    label: str
    effects: str = ""
    """What crossing it changed at once, on the variables the lens sees."""


class NoteEntry(Part):
    turn: int
    author: str
    text: str


DecisionKind = Literal["rule", "branch", "control_inject", "control_hold", "control_undo", "override", "red_line"]


class DecisionPoint(Part):
    """A moment a trainer will want to jump to: a threshold crossed, a branch fired, an override, a red line."""

    turn: int
    kind: DecisionKind
    text: str


class TurnEntry(Part):
    turn: int
    date: str
    rung: int
    rung_label: str
    injects: list[InjectEntry]
    moves: list[MoveEntry]
    outcomes: list[OutcomeEntry]
    overrides: list[OverrideEntry]
    rules: list[RuleEntry]
    red_lines: list[RedLineEntry]
    notes: list[NoteEntry]
    variables: dict[str, float]
    """The world at the end of the turn, as far as the lens sees it."""
    scores: dict[str, dict[str, float]]
    decision_points: list[DecisionPoint]


class Series(Part):
    """A variable over the exercise: ``values[0]`` at the start, ``values[t]`` at the end of turn t."""

    id: str
    label: str
    min: float
    max: float
    values: list[float]


class ObjectiveSeries(Part):
    role: str
    role_name: str
    objective: str
    label: str
    values: list[float | None]
    """``values[t - 1]`` is the score at the end of turn t."""


class HistoryTurn(Part):
    turn: int
    dates: str
    role: str
    role_name: str
    class_moves: list[str]
    historical_moves: list[str]
    class_labels: list[str]
    historical_labels: list[str]
    on_line: bool


class RoleDivergence(Part):
    role: str
    role_name: str
    left_line_turn: int | None
    """The first turn whose moves differ from the historical line; None if the class kept to it."""


class EndStateRow(Part):
    var: str
    label: str
    class_value: float
    historical_value: float
    difference: float


class HistoryComparison(Part):
    label: str = "history"
    """What the comparison is called (the scenario's ``history.label``): "history" for a sourced record,
    or e.g. "the article's projection as this model renders it"."""
    summary: str
    turns: list[HistoryTurn]
    divergence: list[RoleDivergence]
    end_state: list[EndStateRow]
    caveat: str = ""
    """Said beside the end state when the class did not play every planned turn (its end is then compared
    with a state taken after all of them)."""


class EvidenceRow(Part):
    """One variable beside an exercise objective: where it started, where it ended, its range in play."""

    var: str
    label: str
    start: float
    end: float
    low: float
    high: float


class ExerciseObjectiveEntry(Part):
    """An HSEEP exercise objective in the analysis section: the claim, what play showed, the questions."""

    id: str
    label: str
    description: str
    source: str
    evidence: list[EvidenceRow]
    """Only variables this lens may see."""
    questions: list[str]
    notes: str
    """Facilitator's notes (e.g. the source's recommendations); empty in a role's debrief."""


class DebriefEntry(Part):
    turn: int
    about_turn: int | None
    text: str
    capability: str
    issue: str
    owner: str
    due: str


class CommsEntry(Part):
    """One line of the communications section: a message, a clock change or an improvised inject."""

    turn: int
    kind: str
    """``message``, ``clock``, ``agenda``, ``pacing`` (a turn's end against the agenda) or ``improvised inject``."""
    source: str
    """Who spoke (a role's name, Control, or the outside voice control spoke as); for the clock, Control."""
    to: str
    """Recipients in words (``everyone`` for a public statement); empty for the clock."""
    text: str


class Report(Part):
    """One after-action report, for control or for one role."""

    overview: Overview
    turns: list[TurnEntry]
    escalation: Series | None
    variables: list[Series]
    scores: list[ObjectiveSeries]
    history: HistoryComparison
    strengths: list[DebriefEntry]
    improvements: list[DebriefEntry]
    plan: list[DebriefEntry]
    decision_points: list[DecisionPoint]
    ladder: list[tuple[int, str]]
    """The escalation ladder's rungs (level, label), for charts."""
    communications: list[CommsEntry] = []
    """Messages between roles this lens may see, the clock's changes, improvised injects (live classroom)."""
    analysis: list[ExerciseObjectiveEntry] = []
    """The scenario's exercise objectives with their evidence and debrief questions (HSEEP analysis)."""


def override_change_heading(lens: str) -> str:
    """The heading of :attr:`OverrideEntry.changes` for a report of ``lens``: the two lenses record different things."""
    return "Net change to the world" if lens == "control" else "Effects now in force (what you see)"


START_NOTE = ("Turn 0 is the scenario's start, before turn 1's opening injects; the teams first saw the world "
              "after those injects (see turn 1).")
"""Said wherever a report shows turn 0, so no reader takes it for the world the teams opened on."""

EVIDENCE_HEADER = ("Variable", "Scenario start", "End", "Lowest", "Highest")
EVIDENCE_NOTE = ("Scenario start: the values before turn 1's opening injects (the teams first saw the world after "
                 "them). Lowest and highest: of the scenario's start and each turn's end.")
"""The columns of an exercise objective's evidence table and what its extremes are taken over."""
