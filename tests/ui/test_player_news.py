"""A team's "What happened" tab at the start of turn 2, read as a new user reads it (issue 15, the reader's pass).

It says why its numbers moved (each follow-on rule that changed something it sees, with its reason), measures
"what changed" from where the numbers stood when it last moved (not from before turn 1's injects), marks where
each inject comes from, and tells of a delayed move revealed late.
"""

from __future__ import annotations

import re

import io
from pathlib import Path

from rich.console import Console
from textual.widgets import Static

from wargame.engine.actors import CONTROL_ACTOR, Team
from wargame.engine.commands import Adjudicate, EndExercise, EndTurn, SealMoves, StartExercise, SubmitMove
from wargame.engine.scenario import Scenario
from wargame.session import Session
from wargame.ui.app import make_app
from wargame.ui.screens.player import PlayerScreen

from .conftest import settle


def news(app) -> str:  # type: ignore[no-untyped-def]
    console = Console(width=400, record=True, color_system=None, file=io.StringIO())
    console.print(app.screen.query_one("#news-text", Static).content)
    return console.export_text()


async def player_texts(session: Session, role: str) -> tuple[str, str]:
    """What ``role``'s screen shows at 80×24 under What happened and Situation, each on one line."""
    app = make_app(session, bots_move_on_turn_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(PlayerScreen(role))
        await settle(pilot)
        console = Console(width=400, record=True, color_system=None, file=io.StringIO())
        console.print(app.screen.query_one("#situation-text", Static).content)
        return " ".join(news(app).split()), " ".join(console.export_text().split())


async def test_turn_2_says_why_the_numbers_moved_since_the_team_last_moved(tmp_path: Path, iraq: Scenario) -> None:
    session = Session.create(iraq, 2020, {r: "historical" for r in iraq.world.roles if r != "washington"},
                             tmp_path / "class.db")
    session.execute(StartExercise(), CONTROL_ACTOR)
    at_moves = dict(session.state.variables)  # what Washington's team saw when it chose (after Camp Taji)
    session.execute(SubmitMove(role="washington", action="strike_kh_depots"), Team(role="washington"))
    session.execute(SealMoves(role="washington"), Team(role="washington"))
    session.execute(Adjudicate(), CONTROL_ACTOR)
    session.execute(EndTurn(), CONTROL_ACTOR)
    state = session.state
    fired = [e for e in state.rule_events[1] if e.effects]
    assert fired, "some follow-on rule changed something in turn 1"

    app = make_app(session, bots_move_on_turn_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(PlayerScreen("washington"))
        await settle(pilot)
        text = news(app)
    view = session.view("washington")
    rules = {r.id: r for r in iraq.world.rules}
    assert "Knock-on effects (the model's follow-on rules)" in text
    for shown in (r for r in view.rules_fired if r.turn == 1):
        rule = rules[shown.rule_id]
        assert f"{rule.label}: " in text and " ".join(rule.message.split())[:40] in " ".join(text.split())
    # what changed is measured from the team's last moves: Camp Taji (turn 1's inject) is not counted again
    assert "What changed since your moves in turn 1" in text
    labels = {v.id: v.label for v in iraq.world.variables}
    for var, before in at_moves.items():
        after = state.variables[var]
        line = f"{labels[var]}: {before:g} → {after:g}"
        if var in {v.id for v in view.variables} and before != after:
            assert line in text, line
    assert f"{labels['coalition_casualties']}: 0 →" not in text
    # the ladder's value is read with the rung it stands on (2.75 is "rung 2: …")
    ladder = iraq.world.ladder
    before, after = at_moves[ladder.variable], state.variables[ladder.variable]
    assert before != after, "pick a game in which the ladder moved"
    rung = next(r for r in ladder.rungs if r.level == ladder.rung_at(after))
    assert f"{labels[ladder.variable]}: {before:g} → {after:g} (rung {rung.level}: {rung.label})" in text
    # the injects of turn 2 say where they come from
    arrived = [i for i in view.injects if i.turn == 2]
    assert arrived and all(f"— {i.inject.origin}" in text for i in arrived)


def situation(app) -> str:  # type: ignore[no-untyped-def]
    console = Console(width=400, record=True, color_system=None, file=io.StringIO())
    console.print(app.screen.query_one("#situation-text", Static).content)
    return console.export_text()


async def test_a_delayed_move_revealed_late_is_announced_when_it_is_learned(tmp_path: Path, iraq: Scenario) -> None:
    """Tehran's resupply (delayed, revealed two turns on) made in turn 1 is news for Washington when turn 3
    opens: its What happened says so, and its Situation lists it with the turn it was learned in."""
    humans = {"washington", "tehran"}
    session = Session.create(iraq, 2020, {r: "historical" for r in iraq.world.roles if r not in humans},
                             tmp_path / "class.db")
    session.execute(StartExercise(), CONTROL_ACTOR)
    session.execute(SubmitMove(role="tehran", action="resupply_militias"), Team(role="tehran"))
    for _turn in (1, 2):
        for role in sorted(humans):
            session.execute(SealMoves(role=role), Team(role=role))
        session.execute(Adjudicate(), CONTROL_ACTOR)
        session.execute(EndTurn(), CONTROL_ACTOR)
    assert session.state.turn == 3 and session.state.phase == "moves"
    label = iraq.action("tehran", "resupply_militias").label

    app = make_app(session, bots_move_on_turn_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(PlayerScreen("washington"))
        await settle(pilot)
        text, seen = news(app), situation(app)
    assert f"Islamic Republic of Iran: {label} — " in text
    assert "(a move of turn 1, learned only now)" in text
    assert f"T1 Islamic Republic of Iran: {label} → " in seen and "(learned in T3)" in seen


async def test_an_umpire_ruling_and_a_mid_turn_release_reach_the_team_next_turn(tmp_path: Path, iraq: Scenario) -> None:
    """A move overruled with effects of the umpire's own reads as such, with the umpire's reason and what it
    changed; an inject control released after adjudication is announced on the next turn's What happened."""
    from wargame.engine.commands import Override, ReleaseInject
    from wargame.engine.scenario import Effect

    session = Session.create(iraq, 7, {r: "historical" for r in iraq.world.roles if r != "baghdad"},
                             tmp_path / "class.db")
    session.execute(StartExercise(), CONTROL_ACTOR)
    session.execute(SubmitMove(role="baghdad", action="condemn_strikes"), Team(role="baghdad"))
    session.execute(SealMoves(role="baghdad"), Team(role="baghdad"))
    session.execute(Adjudicate(), CONTROL_ACTOR)
    session.execute(Override(role="baghdad", action="condemn_strikes", rationale="Parliament <b>applauds</b> it",
                             effects=(Effect(var="iraqi_stability", add=3),)), CONTROL_ACTOR)
    session.execute(ReleaseInject(inject_id="C-03"), CONTROL_ACTOR)
    session.execute(EndTurn(), CONTROL_ACTOR)

    text, _ = await player_texts(session, "baghdad")
    assert "a ruling of the umpire's own." in text and "(overridden by the umpire)" not in text  # said once
    assert "custom" not in text
    assert "The umpire: Parliament <b>applauds</b> it" in text
    assert "Iraqi political and economic stability +3" in text
    # effects read as changes: a value just before one effect would add up the effects before it, some of them
    # of moves the team may not know of (only What changed, from values the team saw, gives values)
    events = text.split("What changed since")[0] + text.split("What changed since")[1].split("Released after your moves")[1]
    assert not re.search(r"\d → \d", events), events
    assert "Released after your moves in turn 1" in text and "The UN envoy speaks" in text


async def test_an_inject_released_before_adjudication_is_not_announced_again_next_turn(tmp_path: Path,
                                                                                      iraq: Scenario) -> None:
    """Reader 6: C-02, released while the teams were still moving, was listed again on the next turn with its
    effects, which What changed (counted from adjudication) rightly left out: the page did not add up."""
    from wargame.engine.commands import ReleaseInject

    session = Session.create(iraq, 7, {r: "historical" for r in iraq.world.roles if r != "baghdad"},
                             tmp_path / "class.db")
    session.execute(StartExercise(), CONTROL_ACTOR)
    session.execute(ReleaseInject(inject_id="C-02"), CONTROL_ACTOR)  # during the moves phase
    session.execute(SealMoves(role="baghdad"), Team(role="baghdad"))
    session.execute(Adjudicate(), CONTROL_ACTOR)
    session.execute(EndTurn(), CONTROL_ACTOR)

    text, _ = await player_texts(session, "baghdad")
    title = iraq.inject("C-02").title
    assert "Released after your moves" not in text and title not in text, text


async def test_knock_ons_follow_the_umpires_override(tmp_path: Path, iraq: Scenario) -> None:
    """After an override, a team's knock-on effects are those of the turn as the umpire ruled it: the rules
    were tested again, and the screen says so (not "figures as the rules applied at adjudication")."""
    from wargame.engine.commands import Override

    session = Session.create(iraq, 2020, {r: "historical" for r in iraq.world.roles if r != "washington"},
                             tmp_path / "class.db")
    session.execute(StartExercise(), CONTROL_ACTOR)
    session.execute(SubmitMove(role="washington", action="strike_kh_depots"), Team(role="washington"))
    session.execute(SealMoves(role="washington"), Team(role="washington"))
    session.execute(Adjudicate(), CONTROL_ACTOR)
    session.execute(Override(role="washington", action="strike_kh_depots", rationale="the umpire rules otherwise",
                             band="failure"), CONTROL_ACTOR)
    session.execute(EndTurn(), CONTROL_ACTOR)
    app = make_app(session, bots_move_on_turn_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(PlayerScreen("washington"))
        await settle(pilot)
        text = news(app)
    assert "(overridden by the umpire)" in text
    assert "(as they follow from the umpire's ruling)" in text
    assert "figures as the rules applied at adjudication" not in text


async def test_an_unattributed_outcome_reads_without_its_actor(tmp_path: Path, iraq: Scenario) -> None:
    """Tehran's harassment of Gulf shipping that no one can attribute reaches Washington's What happened and
    Situation as "Unattributed: …", with what it changed, never as Tehran's move."""
    for seed in range(2020, 2040):
        session = Session.create(iraq, seed, {r: "historical" for r in iraq.world.roles if r != "tehran"},
                                 tmp_path / f"class-{seed}.db")
        session.execute(StartExercise(), CONTROL_ACTOR)
        session.execute(SubmitMove(role="tehran", action="harass_gulf_shipping"), Team(role="tehran"))
        session.execute(SealMoves(role="tehran"), Team(role="tehran"))
        session.execute(Adjudicate(), CONTROL_ACTOR)
        if session.state.outcomes[1][0].band in ("success", "failure"):
            break
        session.close()
    else:
        raise AssertionError("no seed gave an unattributed band")
    session.execute(EndTurn(), CONTROL_ACTOR)  # the move is delayed: the others learn of it as turn 2 opens
    text, situation = await player_texts(session, "washington")
    for shown in (text, situation):
        assert "Unattributed: " in shown and "Gulf" in shown
        assert "Harass shipping" not in shown and "Islamic Republic of Iran: " not in shown


async def test_an_inject_a_red_line_releases_reaches_every_team_with_the_turns_news(tmp_path: Path,
                                                                                      iraq: Scenario) -> None:
    """The militias' red line "The arsenal destroyed" (declared to themselves alone) releases the public
    inject "The factions vow revenge" at the crossing: the next What happened of a team that does not know
    of the line lists it among the turn's news, without naming the line (so the jump in the militias'
    thirst for revenge on its screen has a cause it can read)."""
    from wargame.engine.events import RedLineCrossed

    humans = {"washington", "baghdad"}
    session = Session.create(iraq, 2020, {r: "historical" for r in iraq.world.roles if r not in humans},
                             tmp_path / "class.db")
    session.execute(StartExercise(), CONTROL_ACTOR)
    crossed = None
    while crossed is None and session.state.turn < iraq.world.turns:
        session.execute(SubmitMove(role="washington", action="strike_kh_depots"), Team(role="washington"))
        for role in sorted(humans):
            session.execute(SealMoves(role=role), Team(role=role))
        session.execute(Adjudicate(), CONTROL_ACTOR)
        crossed = next((e.turn for e in session.state.red_line_events.get(session.state.turn, [])
                        if isinstance(e, RedLineCrossed) and e.red_line == "arsenal_destroyed"), None)
        session.execute(EndTurn(), CONTROL_ACTOR)
    assert crossed is not None, "pick a game in which the US strikes gut the arsenal"
    title = iraq.inject("C-09").title

    text, _ = await player_texts(session, "baghdad")
    assert f"Released after your moves in turn {crossed} {title} (Iraqi press, news report) — " \
           "projection" in text
    assert "The arsenal destroyed" not in text
    assert "Militias' thirst for revenge" in text  # the jump it explains is on the same screen


async def test_when_the_exercise_ends_a_team_reads_what_happened_in_the_last_turn(tmp_path: Path, iraq: Scenario) -> None:
    session = Session.create(iraq, 2020, {r: "historical" for r in iraq.world.roles if r != "washington"},
                             tmp_path / "class.db")
    session.execute(StartExercise(), CONTROL_ACTOR)
    session.execute(SubmitMove(role="washington", action="strike_kh_depots"), Team(role="washington"))
    session.execute(SealMoves(role="washington"), Team(role="washington"))
    session.execute(Adjudicate(), CONTROL_ACTOR)
    session.execute(EndExercise(), CONTROL_ACTOR)
    view = session.view("washington")
    assert view.ended and view.turn == 1

    text, _situation = await player_texts(session, "washington")
    assert f"What happened in turn 1 (the exercise has ended: {' '.join(view.ended.split())})" in text
    own = next(o for o in view.outcomes if o.role == "washington")
    assert f"You: {own.label} —" in text
    assert "What changed since your moves in turn 1" in text
    assert "Injects that arrived this turn" not in text and "Turn 1 opens" not in text


async def test_an_inject_released_after_a_team_sealed_is_news_to_it_and_what_changed_counts_from_its_seal(
        tmp_path: Path, iraq: Scenario) -> None:
    """Reader 7: Washington sealed, then control released C-06 (a secret message, back channel +5) before
    adjudicating. The next turn must tell Washington of it, and What changed must count from the figures
    Washington moved on, not from the moment of adjudication (which already held the message's +5)."""
    from wargame.engine.commands import ReleaseInject

    session = Session.create(iraq, 7, {r: "historical" for r in iraq.world.roles if r != "washington"},
                             tmp_path / "class.db")
    session.execute(StartExercise(), CONTROL_ACTOR)
    session.execute(SealMoves(role="washington"), Team(role="washington"))
    at_seal = session.state.variables["backchannel"]
    session.execute(ReleaseInject(inject_id="C-06"), CONTROL_ACTOR)
    session.execute(Adjudicate(), CONTROL_ACTOR)
    session.execute(EndTurn(), CONTROL_ACTOR)

    text, _ = await player_texts(session, "washington")
    assert f"Released after your moves in turn 1 {iraq.inject('C-06').title}" in text
    now = session.state.variables["backchannel"]
    assert f"US-Iran back channel: {at_seal:g} → {now:g}" in text
