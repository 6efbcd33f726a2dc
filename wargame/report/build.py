"""Build a :class:`Report` from a session's events, turn by turn, through the engine's views.

Why turn by turn: a role's debrief must hold what the role knew *at the time*,
not what the log says now. So the events are folded one turn at a time
(:func:`wargame.engine.state.apply`) and :func:`wargame.engine.views.view_for`
is taken at the end of each turn; everything about the play in a role's report
comes from those views. A delayed outcome appears in the turn the role learned
of it, marked as learned late.

Control's report reads the same views, plus what only control has and the views
do not carry: every follow-on rule that fired (a role's report shows those its view
may show), every override with the change it made, facilitator notes with their turn, the seed, who played each role, and the
debrief entries. Static scenario text (title, summary, ladder, labels, the
historical record) is the same for everyone, except that a role sees the
historical line and end state only for itself and for variables it may see.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from wargame import explain
from wargame.engine.events import (
    CONTROL,
    Event,
    InjectDecisionUndone,
    InjectHeld,
    MovesSealed,
    NoteAdded,
    OutcomeOverridden,
    RoleAssigned,
    SessionStarted,
    TurnAdjudicated,
    TurnStarted,
)
from wargame.engine.scenario import Scenario
from wargame.engine.state import Agenda, State, apply, new_state
from wargame.engine.views import OutcomeView, OverrideView, View, view_for
from wargame.report.model import (
    CommsEntry,
    DebriefEntry,
    EvidenceRow,
    ExerciseObjectiveEntry,
    DecisionPoint,
    EndStateRow,
    HistoryComparison,
    HistoryTurn,
    InjectEntry,
    MoveEntry,
    NoteEntry,
    ObjectiveSeries,
    OutcomeEntry,
    OverrideEntry,
    Overview,
    RedLineEntry,
    Report,
    RoleDivergence,
    RoleLine,
    RuleEntry,
    Series,
    TurnEntry,
)


class Replayed:
    """The views at the end of each turn (index 0: after set-up), and for control the events of each turn."""

    def __init__(self, scenario: Scenario, events: Iterable[Event], lens: str) -> None:
        self.scenario = scenario
        self.lens = lens
        self.views: list[View] = []
        self.segments: list[list[Event]] = []
        state = new_state(scenario)
        current: list[Event] = []
        for event in events:
            if isinstance(event, TurnStarted) and state.phase != "new":
                self._close(state, current)
                current = []
            apply(state, event)
            current.append(event)
        self._close(state, current)
        self._state = state

    def _close(self, state: State, segment: list[Event]) -> None:
        # only this turn's news: earlier outcomes are already in the report (see _turn's ``known``)
        self.views.append(view_for(state, self.lens, outcomes_from=state.turn))
        self.segments.append(segment if self.lens == CONTROL else [])

    @property
    def final_state(self) -> State:
        """The whole state at the end: only control's report may read it."""
        if self.lens != CONTROL:
            raise PermissionError("a role's report is built from its views only")
        return self._state


def _role_name(scenario: Scenario, role: str) -> str:
    try:
        return scenario.role(role).name
    except KeyError:
        return role


def _rung_label(scenario: Scenario, level: int) -> str:
    return next((r.label for r in scenario.world.ladder.rungs if r.level == level), str(level))


def _learned_late(o: OutcomeView, turn: int, lens: str) -> bool:
    """Known to ``lens`` later than it was made: revealed in a later turn, or when the exercise ended."""
    return o.turn != turn or (lens not in ("control", o.role) and o.visibility == "delayed" and o.reveal_turn > turn)


def _outcome(scenario: Scenario, o: OutcomeView, turn: int, relative: bool, lens: str = "control") -> OutcomeEntry:
    if o.unattributed:  # no actor, move, band or odds to name (see OutcomeView.unattributed)
        effects = explain.effects(scenario, o.effects, relative)
        return OutcomeEntry(
            turn=o.turn, role="", role_name="(unattributed)", action="", label=o.label, band="", adjudicated_band="",
            band_name="—", adjudicated_band_name="—", chance=None, roll=None, odds="withheld",
            explanation=f"{o.label}; {effects}", effects=effects, overridden=False, rationale=None,
            learned_late=_learned_late(o, turn, lens),
        )
    return OutcomeEntry(
        turn=o.turn, role=o.role, role_name=_role_name(scenario, o.role), action=o.action, label=o.label,
        band=o.band, adjudicated_band=o.adjudicated_band,
        band_name=explain.band_with_key(scenario, o.role, o.action, o.band),
        adjudicated_band_name=explain.band_with_key(scenario, o.role, o.action, o.adjudicated_band),
        chance=o.chance, roll=o.roll,
        odds=explain.shown(o.odds), explanation=explain.outcome_seen(scenario, o, relative),
        effects=explain.effects(scenario, o.effects, relative), overridden=o.overridden, rationale=o.rationale,
        learned_late=_learned_late(o, turn, lens),
    )


def _turn(replayed: Replayed, turn: int, known: set[tuple[int, str, str, str]]) -> TurnEntry:
    scenario = replayed.scenario
    view = replayed.views[turn]
    control = replayed.lens == CONTROL
    injects = [
        InjectEntry(
            id=iv.inject.id, title=iv.inject.title, kind=iv.inject.kind, by=iv.by, origin=iv.inject.origin,
            sender=iv.inject.from_,
            audience="all" if iv.inject.audience == "all" else ", ".join(iv.inject.audience),
            message=iv.inject.message.strip(), effects=explain.effects(scenario, iv.effects, relative=True),
        )
        for iv in view.injects
        if iv.turn == turn
    ]
    per_role = view.moves.get(turn, {})
    moves = [
        MoveEntry(role=r, role_name=_role_name(scenario, r), actions=list(per_role.get(r, ())),
                  labels=[scenario.action(r, a).label for a in per_role.get(r, ())])
        for r in scenario.world.roles
        # a role that passed in an adjudicated turn gets a 'no move' row where this lens knows all its moves
        if r in per_role or (turn in view.score_history and (control or r == replayed.lens))
    ]
    outcomes = []
    for o in view.outcomes:
        key = (o.turn, o.role, o.action, o.label)  # unattributed outcomes have no role or action, only their text
        if key not in known:
            known.add(key)
            outcomes.append(_outcome(scenario, o, turn, relative=True, lens=replayed.lens))
    segment = replayed.segments[turn]
    if control:
        overridden = [e for e in segment if isinstance(e, OutcomeOverridden)]
        overrides = [
            OverrideEntry(
                role=e.role, role_name=_role_name(scenario, e.role), action=e.action,
                label=scenario.action(e.role, e.action).label, from_band=e.from_band, to_band=e.to_band,
                from_name=explain.band_with_key(scenario, e.role, e.action, e.from_band),
                to_name=explain.band_with_key(scenario, e.role, e.action, e.to_band),
                rationale=e.rationale, changes=_override_changes(scenario, e),
                knock_ons=explain.knock_ons(scenario, shown.rules_undone, shown.rules_added, shown.rules_retested),
            )
            for e, shown in zip(overridden, _override_views(view, turn, overridden))
        ]
    else:  # a role knows the overriding outcome's effects on what it sees, not the world's net change
        overrides = [
            OverrideEntry(role=o.role, role_name=o.role_name, action=o.action, label=o.label,
                          from_band=o.adjudicated_band, to_band=o.band, from_name=o.adjudicated_band_name,
                          to_name=o.band_name, rationale=o.rationale or "", changes=o.effects)
            for o in outcomes
            if o.overridden
        ]
    labels = {rule.id: rule for rule in scenario.world.rules}
    rules = [  # a role's: only the rules its view may show (see View.rules_fired), with the changes it may see
        RuleEntry(rule_id=e.rule_id, label=labels[e.rule_id].label if e.rule_id in labels else e.rule_id,
                  message=(labels[e.rule_id].message.strip() if e.rule_id in labels else ""),
                  effects=explain.effects(scenario, e.effects, relative=True))
        for e in view.rules_fired
        if e.turn == turn
    ]
    red_lines = [
        RedLineEntry(role=r, role_name=_role_name(scenario, r), red_line=line, label=_red_line_label(scenario, r, line),
                     effects=explain.effects(scenario, view.red_line_effects.get((r, line), ()), relative=True))
        for r, line, when in view.red_lines_crossed
        if when == turn
    ]
    notes = [NoteEntry(turn=e.turn, author=e.author, text=e.text) for e in segment if isinstance(e, NoteAdded)]
    if turn == 1 and control:  # notes written during set-up belong to the first turn's record
        notes = [NoteEntry(turn=e.turn, author=e.author, text=e.text)
                 for e in replayed.segments[0] if isinstance(e, NoteAdded)] + notes
    points = [DecisionPoint(turn=turn, kind="rule", text=f"Rule fired: {r.label}") for r in rules]
    points += [DecisionPoint(turn=turn, kind="branch", text=f"Branch inject: {i.title}")
               for i in injects if i.kind == "branch" and i.by != "control"]
    points += [DecisionPoint(turn=turn, kind="control_inject", text=f"Released by control: {i.title}")
               for i in injects if i.by == "control"]
    if control:  # control's holds and take-backs change what the teams receive; only control knows of them
        for e in segment:
            if isinstance(e, InjectHeld):
                reason = f" ({e.reason})" if e.reason.strip() else ""
                points.append(DecisionPoint(turn=turn, kind="control_hold",
                                            text=f"Held by control: {scenario.inject(e.inject_id).title}{reason}"))
            elif isinstance(e, InjectDecisionUndone):
                points.append(DecisionPoint(turn=turn, kind="control_undo", text=(
                    f"Control took back its {e.decision} of {scenario.inject(e.inject_id).title}")))
    points += [DecisionPoint(turn=turn, kind="override",
                             text=f"Override: {o.role_name} {o.label} {o.from_name} → {o.to_name} ({o.rationale})")
               for o in overrides]
    points += [DecisionPoint(turn=turn, kind="red_line", text=f"Red line crossed: {r.role_name}: {r.label}")
               for r in red_lines]
    return TurnEntry(
        turn=turn, date=view.date, rung=view.rung, rung_label=_rung_label(scenario, view.rung), injects=injects,
        moves=moves, outcomes=outcomes, overrides=overrides, rules=rules, red_lines=red_lines, notes=notes,
        variables={v.id: v.value for v in view.variables},
        scores={r: dict(s) for r, s in view.score_history.get(turn, {}).items()}, decision_points=points,
    )


def _override_changes(scenario: Scenario, event: OutcomeOverridden) -> str:
    """What the override changed in the world, 'Militia cohesion 34 → 40; …' (control's record)."""
    return "; ".join(f"{explain.variable_label(scenario, c.var)} {explain.number(c.before)} → {explain.number(c.after)}"
                     for c in event.changes) or "no change"


def _override_views(view: View, turn: int, overridden: Sequence[OutcomeOverridden]) -> list[OverrideView]:
    """Control's view of each override of ``turn``, in the order of ``overridden`` (its events in the log)."""
    seen: dict[tuple[str, str], int] = {}
    shown = []
    for e in overridden:
        at = seen[(e.role, e.action)] = seen.get((e.role, e.action), -1) + 1
        outcome = next(o for o in view.outcomes if o.turn == turn and o.role == e.role and o.action == e.action)
        shown.append(outcome.overrides[at])
    return shown


def _red_line_label(scenario: Scenario, role: str, line: str) -> str:
    try:
        return next((r.label for r in scenario.role(role).red_lines if r.id == line), line)
    except KeyError:
        return line


def _series(replayed: Replayed) -> list[Series]:
    final = replayed.views[-1]
    return [
        Series(id=v.id, label=v.label, min=v.min, max=v.max,
               values=[next(x.value for x in view.variables if x.id == v.id) for view in replayed.views])
        for v in final.variables
    ]


def _scores(replayed: Replayed, turns: Sequence[TurnEntry]) -> list[ObjectiveSeries]:
    scenario = replayed.scenario
    rows = []
    for role in scenario.roles:
        if replayed.lens not in (CONTROL, role.id):
            continue
        for objective in role.objectives:
            rows.append(ObjectiveSeries(
                role=role.id, role_name=role.name, objective=objective.id, label=objective.label,
                values=[t.scores.get(role.id, {}).get(objective.id) for t in turns],
            ))
    return rows


def _labels(scenario: Scenario, role: str, actions: Sequence[str]) -> list[str]:
    labels = []
    for action in actions:
        try:
            labels.append(scenario.action(role, action).label)
        except KeyError:
            labels.append(action)
    return labels


def _history(replayed: Replayed, turns: Sequence[TurnEntry]) -> HistoryComparison:
    scenario = replayed.scenario
    world = scenario.world
    roles = [r for r in world.roles if replayed.lens in (CONTROL, r)]
    line = {h.turn: h for h in world.historical_line}
    rows: list[HistoryTurn] = []
    left: dict[str, int | None] = {r: None for r in roles}
    for entry in turns:
        historical = line.get(entry.turn)
        if historical is None:
            continue
        played = {m.role: m.actions for m in entry.moves}
        for role in roles:
            ours, theirs = played.get(role, []), historical.moves.get(role, [])
            on_line = sorted(ours) == sorted(theirs)
            if not on_line and left[role] is None:
                left[role] = entry.turn
            rows.append(HistoryTurn(turn=entry.turn, dates=historical.dates, role=role,
                                    role_name=_role_name(scenario, role), class_moves=list(ours),
                                    historical_moves=list(theirs), class_labels=_labels(scenario, role, ours),
                                    historical_labels=_labels(scenario, role, theirs), on_line=on_line))
    final = {v.id: v for v in replayed.views[-1].variables}
    recorded = world.history.end_state  # in the world file's order of variables, whatever the dict's order
    end_state = [
        EndStateRow(var=var, label=final[var].label, class_value=final[var].value, historical_value=recorded[var],
                    difference=round(final[var].value - recorded[var], 6))
        for var in final
        if var in recorded
    ]
    history_label = world.history.label.strip() or "history"
    caveat = ""
    if end_state and len(turns) < world.turns:
        stopped = f"after turn {turns[-1].turn} ({turns[-1].date})" if turns else "before turn 1"
        caveat = (f"The class stopped {stopped} of the {world.turns} planned, while {history_label} runs all {world.turns}: "
                  "part of every difference below comes from the turns not played, not from a different course of play.")
    return HistoryComparison(
        label=history_label, caveat=caveat,
        summary=world.history.summary.strip() if world.history.summary else "",
        turns=rows,
        divergence=[RoleDivergence(role=r, role_name=_role_name(scenario, r), left_line_turn=left[r]) for r in roles],
        end_state=end_state,
    )


def _analysis(replayed: Replayed, series: Sequence[Series]) -> list[ExerciseObjectiveEntry]:
    """The exercise objectives, each with the course of the variables it names that this lens may see."""
    seen = {s.id: s for s in series}
    control = replayed.lens == CONTROL
    return [
        ExerciseObjectiveEntry(
            id=o.id, label=o.label, description=o.description.strip(), source=o.source.strip(),
            evidence=[EvidenceRow(var=v, label=seen[v].label, start=seen[v].values[0], end=seen[v].values[-1],
                                  low=min(seen[v].values), high=max(seen[v].values))
                      for v in o.variables if v in seen],
            questions=list(o.questions), notes=o.notes.strip() if control else "")
        for o in replayed.scenario.world.exercise_objectives
    ]


def _debrief(state: State) -> dict[str, list[DebriefEntry]]:
    sections: dict[str, list[DebriefEntry]] = {"strength": [], "improvement": [], "plan": []}
    for e in state.debrief:
        sections[e.section].append(DebriefEntry(turn=e.turn, about_turn=e.about_turn, text=e.text,
                                                capability=e.capability, issue=e.issue, owner=e.owner, due=e.due))
    return sections


def players_by_turn(events: Iterable[Event], roles: Sequence[str]) -> dict[str, dict[int, str]]:
    """Who played each role in each adjudicated turn: whoever sealed its moves, or held the role when the
    turn was adjudicated. A hand-over during play (``RoleAssigned``) counts from then on; earlier turns
    keep the players they had (so ``resume --autoplay`` never rewrites them)."""
    current: dict[str, str] = {}
    played: dict[str, dict[int, str]] = {role: {} for role in roles}
    for event in events:
        if isinstance(event, SessionStarted):
            current = dict(event.assignments)
        elif isinstance(event, RoleAssigned):
            current[event.role] = event.player
        elif isinstance(event, MovesSealed) and event.role in played:
            played[event.role][event.turn] = current.get(event.role, "human")
        elif isinstance(event, TurnAdjudicated):
            for role in roles:
                played[role].setdefault(event.turn, current.get(role, "human"))
    return played


def _played_by(scenario: Scenario, role: str, turns: dict[int, str], now: str) -> str:
    """'Human team (turns 1–3); Bot: random legal moves (turns 4–8)', or who holds the role if no turn was played."""
    spans: list[tuple[str, int, int]] = []
    for turn in sorted(turns):
        player = turns[turn]
        if spans and spans[-1][0] == player and spans[-1][2] == turn - 1:
            spans[-1] = (player, spans[-1][1], turn)
        else:
            spans.append((player, turn, turn))
    if not spans:
        return explain.player_name(scenario, role, now)
    return "; ".join(f"{explain.player_name(scenario, role, p)} ({explain.turns_span(a, b)})" for p, a, b in spans)


def _overview(replayed: Replayed, turns: Sequence[TurnEntry], recorded: str | None) -> Overview:
    scenario = replayed.scenario
    world = scenario.world
    final = replayed.views[-1]
    control = replayed.lens == CONTROL
    assignments = replayed.final_state.assignments if control else {}
    played = players_by_turn((e for segment in replayed.segments for e in segment), world.roles) if control else {}
    sources = [", ".join(str(p) for p in (s.title, s.author, s.publisher, s.date) if p) for s in world.sources]
    return Overview(
        scenario_id=scenario.id, title=world.title, summary=world.summary.strip(), sources=sources,
        lens=replayed.lens,
        lens_name="Control (everything)" if control else _role_name(scenario, replayed.lens),
        start_date=turns[0].date if turns else world.start_date.isoformat(),
        end_date=turns[-1].date if turns else world.start_date.isoformat(),
        turns_played=len(turns), turns_planned=world.turns,
        seed=replayed.final_state.seed if control else None,
        recorded=recorded, ended=final.ended,
        roles=[RoleLine(id=b.role, name=b.name,
                        played_by=_played_by(scenario, b.role, played[b.role], assignments.get(b.role, "human"))
                        if control else None,
                        public_brief=b.public_brief.strip(),
                        private_brief=b.private_brief.strip() if b.private_brief is not None else None)
               for b in final.briefs],
    )


def _hhmm(instant: str) -> str:
    """``10:42 UTC`` from an ISO 8601 instant."""
    import datetime as dt

    return dt.datetime.fromisoformat(instant).astimezone(dt.timezone.utc).strftime("%H:%M UTC")


def _pace(agenda: Agenda, turn: int, at: str) -> str:
    """How turn ``turn`` ended at ``at`` against ``agenda``: ``12 min behind plan (planned over by 10:30 UTC)``."""
    behind = agenda.behind(turn, at)
    planned = f"planned over by {_hhmm(agenda.planned_end(turn))}"
    if behind >= 60:
        return f"{int(behind // 60)} min behind plan ({planned})"
    return f"on plan, {int(-behind // 60)} min to spare ({planned})" if behind < 0 else f"on plan ({planned})"


def turn_end_times(source: Any) -> dict[int, str]:
    """When each turn ended (turn → ISO 8601 UTC, as the save recorded its ``TurnEnded`` event), for a session
    whose log holds an agenda; empty for bare events or a session without one (the pacing then shows the plan only)."""
    if not hasattr(source, "recorded_times") or not any(e.kind == "agenda_set" for e in source.events):
        return {}
    return dict(source.recorded_times("turn_ended"))


def _communications(scenario: Scenario, events: Sequence[Event], lens: str,
                    ended_at: Mapping[int, str] | None = None) -> list[CommsEntry]:
    """Messages this lens may see, every clock change, the agenda and the pace against it (turn ends recorded
    in ``ended_at``, turn → ISO instant), improvised injects this lens may see — in log order."""
    from wargame.engine.classroom import sees_improvised, sees_message
    from wargame.engine.events import AgendaSet, ClockChanged, InjectImprovised, MessageSent, TurnEnded

    def names(roles: Sequence[str]) -> str:
        return ", ".join(_role_name(scenario, r) for r in roles)

    rules = {"pass": "late teams pass", "bot": "a bot plays late teams", "ask": "control decides"}
    answers = {"pass": "seal them as they stand", "bot": "a bot plays them this turn", "ask": "control decides"}
    entries = []
    agenda: Agenda | None = None
    for event in events:
        if isinstance(event, AgendaSet):
            agenda = (Agenda(start=event.start, minutes_per_turn=event.minutes_per_turn, from_turn=max(event.turn, 1),
                             turns=scenario.world.turns) if event.minutes_per_turn else None)
            words = (f"agenda: {event.minutes_per_turn} min a turn from turn {max(event.turn, 1)}, from "
                     f"{_hhmm(event.start)} (the last turn planned over by {_hhmm(agenda.planned_end(agenda.turns))})"
                     if agenda is not None else "agenda cleared")
            entries.append(CommsEntry(turn=event.turn, kind="agenda", source="Control", to="", text=words))
            continue
        if isinstance(event, TurnEnded) and agenda is not None and ended_at and event.turn in ended_at:
            entries.append(CommsEntry(turn=event.turn, kind="pacing", source="", to="",
                                      text=f"turn {event.turn} ended at {_hhmm(ended_at[event.turn])}: "
                                           + _pace(agenda, event.turn, ended_at[event.turn])))
            continue
        if isinstance(event, MessageSent) and sees_message(event, lens):
            source = (event.voice or "Control") if event.sender == CONTROL else _role_name(scenario, event.sender)
            entries.append(CommsEntry(turn=event.turn, kind="message", source=source,
                                      to=names(event.to) if event.to else "everyone", text=event.text))
        elif isinstance(event, ClockChanged):
            words = {"set": f"clock set, until {event.deadline} ({rules[event.on_expiry]})",
                     "pause": f"clock paused, {event.remaining_s:g} s left" if event.remaining_s is not None else "clock paused",
                     "resume": f"clock resumed, until {event.deadline}",
                     "extend": "clock extended" + (f", until {event.deadline}" if event.deadline else ""),
                     "clear": "clock cleared",
                     "expire": f"time is up ({rules[event.on_expiry]})"
                               + (f"; late: {names(event.roles)}" if event.roles else ""),
                     "settle": f"control's answer for the late teams: {answers[event.on_expiry]}"
                               + (f" ({names(event.roles)})" if event.roles else "")}[event.change]
            entries.append(CommsEntry(turn=event.turn, kind="clock", source="Control", to="", text=words))
        elif isinstance(event, InjectImprovised) and sees_improvised(event, lens):
            to = "everyone" if event.audience == "all" else names(event.audience)
            entries.append(CommsEntry(turn=event.turn, kind="improvised inject", source=event.from_, to=to,
                                      text=f"{event.title}: {event.message}"))
    return entries


def build_report(source: Any, role: str | None = None, *, scenario: Scenario | None = None,
                 recorded: str | None = None) -> Report:
    """The after-action report of a session: control's (``role`` None or ``"control"``) or one role's debrief.

    ``source`` is a :class:`wargame.session.Session` (its scenario and the time its
    save was created are used) or a sequence of events, with ``scenario`` given.
    """
    if hasattr(source, "events") and hasattr(source, "scenario"):
        events: Sequence[Event] = source.events
        scenario = scenario or source.scenario
        if recorded is None and hasattr(source, "save"):
            recorded = source.save.info().created
    else:
        events = list(source)
    if scenario is None:
        raise TypeError("build_report needs the scenario when given bare events")
    lens = CONTROL if role in (None, CONTROL) else str(role)
    if lens != CONTROL and lens not in scenario.world.roles:
        raise KeyError(lens)
    replayed = Replayed(scenario, events, lens)
    known: set[tuple[int, str, str, str]] = set()
    turns = [_turn(replayed, t, known) for t in range(1, len(replayed.views))]
    series = _series(replayed)
    ladder = scenario.world.ladder
    debrief = _debrief(replayed.final_state) if lens == CONTROL else {"strength": [], "improvement": [], "plan": []}
    return Report(
        overview=_overview(replayed, turns, recorded),
        turns=turns,
        escalation=next((s for s in series if s.id == ladder.variable), None),
        variables=series,
        scores=_scores(replayed, turns),
        history=_history(replayed, turns),
        strengths=debrief["strength"],
        improvements=debrief["improvement"],
        plan=debrief["plan"],
        decision_points=[p for t in turns for p in t.decision_points],
        ladder=[(r.level, r.label) for r in ladder.rungs],
        communications=_communications(scenario, events, lens, turn_end_times(source)),
        analysis=_analysis(replayed, series),
    )
