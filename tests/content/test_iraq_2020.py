"""iraq-2020 as a teaching exercise (issue 15): the rules of the shipped scenario, read as a rule book.

Each test plays seeded games through the engine (``Game``), the same way autoplay and the session do:
the roles a test scripts are played by the test, the others by the scenario's bots.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import pytest

from wargame.engine import decide as c
from wargame.engine.errors import IllegalMove
from wargame.engine.events import MoveSubmitted, RedLineCrossed
from wargame.engine.game import Game
from wargame.engine.scenario import Scenario
from wargame.engine.state import State
from wargame.engine.views import view_for

Script = Callable[[State], list[str]]
"""A scripted role: the moves it wants this turn (illegal ones are skipped, as a team's screen would)."""

ROLES = ("washington", "tehran", "baghdad", "militias", "europeans", "coalition")


def play(scenario: Scenario, seed: int, scripts: Mapping[str, Script], bots: Mapping[str, str] | None = None,
         *, turns: int | None = None) -> Game:
    """One game: scripted roles move by their script, every other role by its bot (random by default).
    Stops after ``turns`` adjudicated turns (closed), or at the end."""
    assignments = {r: ("human" if r in scripts else (bots or {}).get(r, "random")) for r in ROLES}
    game = Game.new(scenario, seed=seed, assignments=assignments)
    game.run(c.start)
    while game.state.phase != "ended":
        for role, script in scripts.items():
            for action in script(game.state):
                if c.why_illegal(game.state, role, action) is None:
                    game.run(c.submit_move, role, action)
            game.run(c.seal_moves, role)
        game.bot_moves()
        game.run(c.adjudicate)
        if turns is not None and game.state.turn >= turns:
            game.run(c.end_turn)
            break
        game.run(c.end_turn)
    return game


def moves_made(game: Game) -> list[tuple[int, str, str]]:
    return [(e.turn, e.role, e.action) for e in game.events if isinstance(e, MoveSubmitted)]


# ------------------------------------------------------------------ turn-1 continuity

STRIKE_TEXT = re.compile(
    r"12 March|five (locations|sites)|struck (back|its|their|at Kataib)|American strikes|US strikes on|"
    r"strikes on Kataib|killed in them|bombed|\"retaliatory\"",
    re.IGNORECASE,
)
"""Words that tell of the US answer to Camp Taji (the record's 12 March strikes)."""


def texts_seen(game: Game, role: str, up_to_turn: int) -> list[str]:
    """Everything a role reads in its view: briefs, the injects delivered to it up to a turn (its own variant),
    and the outcomes it was shown (labels and band messages)."""
    view = view_for(game.state, role)
    texts = [b.public_brief for b in view.briefs] + [b.private_brief or "" for b in view.briefs]
    texts += [f"{i.inject.title}: {i.inject.message}" for i in view.injects if i.turn <= up_to_turn]
    for o in view.outcomes:
        if o.turn > up_to_turn:
            continue
        if o.unattributed:  # no actor or band to read: only what happened
            texts.append(o.label)
            continue
        action = game.scenario.action(o.role, o.action)
        band = next(b for b in action.bands if b.id == o.band)
        texts += [o.label, band.label, band.message]
    return texts


def washington_turn_one(first: list[str]) -> Script:
    """Washington plays ``first`` in turn 1 and nothing after (the test looks at turns 1 and 2 only)."""
    return lambda state: first if state.turn == 1 else []


@pytest.mark.parametrize("seed", range(12))
def test_when_washington_holds_fire_no_role_reads_of_strikes_that_did_not_happen(iraq: Scenario, seed: int) -> None:
    """Rule: the 12 March strikes are Washington's turn-1 decision. If Washington holds fire, no role's
    briefs, delivered injects (turns 1 and 2) or shown outcomes speak of the strikes, their Iraqi dead or the
    Pentagon's framing of them; a what-if about the missing answer arrives instead."""
    game = play(iraq, seed, {"washington": washington_turn_one(["hold_fire", "tighten_sanctions"])}, turns=2)
    assert not any(role == "washington" and action == "strike_kh_depots" for _, role, action in moves_made(game))
    for role in ROLES:
        hits = [t for t in texts_seen(game, role, 2) if STRIKE_TEXT.search(t)]
        assert hits == [], (role, hits)
    assert "H-22" in game.state.released and not {"H-20", "H-21"} & set(game.state.released)


@pytest.mark.parametrize("seed", range(4))
def test_when_washington_strikes_the_record_follows(iraq: Scenario, seed: int) -> None:
    """The converse, so the check above can fail: a turn-1 strike brings the Iraqi military's statement and the
    Pentagon's framing in turn 2, and the pattern finds them."""
    game = play(iraq, seed, {"washington": washington_turn_one(["strike_kh_depots", "public_warning"])}, turns=2)
    assert {"H-20", "H-21"} <= set(game.state.released) and "H-22" not in game.state.released
    for role in ROLES:
        assert any(STRIKE_TEXT.search(t) for t in texts_seen(game, role, 2)), role


# ------------------------------------------------------------------ a two-sided de-escalation

def cooperative(role: str) -> Script:
    """The four roles that want a deal, playing for it every turn."""
    wants = {
        "washington": ["use_european_channel", "hold_fire", "engage_baghdad"],
        "europeans": ["propose_backchannel", "broker_rules_of_engagement"],
        "baghdad": ["offer_mediation", "assert_security_control"],
        "coalition": ["back_european_channel", "urge_proportionality"],
    }[role]
    return lambda state: wants


def deal_share(iraq: Scenario, games: int, tehran: Script | None, militias: Script) -> float:
    scripts = {role: cooperative(role) for role in ("washington", "europeans", "baghdad", "coalition")}
    scripts["militias"] = militias
    bots = {}
    if tehran is None:
        bots["tehran"] = "historical"
    else:
        scripts["tehran"] = tehran
    deals = 0
    for seed in range(games):
        game = play(iraq, seed, scripts, bots)
        deals += game.state.ended is not None and game.state.ended.reason == "deescalation_deal"
    return deals / games


def test_no_understanding_while_tehran_keeps_its_line_and_the_militias_fire(iraq: Scenario) -> None:
    """Rule: an understanding needs Tehran in the channel and a quiet militia turn. With Tehran on its
    historical line (neither order nor prevent, ride it out) and the militias firing every turn, it occurs in
    under 5% of 200 games, however hard the four other roles cooperate."""
    share = deal_share(iraq, 200, tehran=None, militias=lambda state: ["rocket_attack", "deny_and_praise"])
    assert share < 0.05, share


def test_an_understanding_is_within_reach_when_tehran_engages_and_the_militias_pause(iraq: Scenario) -> None:
    """The converse: with Tehran signalling through the Europeans and leaning on its allies, and the militias
    standing down, the same cooperation reaches an understanding in a good share of games."""
    share = deal_share(iraq, 100, tehran=lambda state: ["signal_via_europeans", "restrain_militias"],
                       militias=lambda state: ["stand_down", "lobby_parliament"])
    assert share > 0.2, share


# ------------------------------------------------------------------ the ladder's top rungs

DIRECT = {("washington", "strike_iran"), ("tehran", "missile_strike_us_bases")}


@pytest.mark.parametrize(("bots", "games"), [
    ({}, 150),
    ({"washington": "hawk", "tehran": "attrition", "militias": "avengers"}, 150),
    ({"washington": "restrainer", "tehran": "pragmatist", "militias": "politicians", "baghdad": "balancer"}, 60),
])
def test_rungs_five_and_six_need_a_direct_us_iran_strike(iraq: Scenario, bots: dict[str, str], games: int) -> None:
    """Rule: proxy fire and strikes on proxies never lift the ladder to rung 5 (direct exchange) or 6 (open
    war). In every turn that ends on rung 5 or above, Washington has struck Iran or Tehran has fired on US
    bases, in that turn or before."""
    above = 0
    for seed in range(games):
        game = Game.new(iraq, seed=seed, assignments={r: bots.get(r, "random") for r in ROLES})
        state = game.play_to_end()
        direct_turns = sorted(t for t, r, a in moves_made(game) if (r, a) in DIRECT)
        for turn, snapshot in enumerate(state.history):
            if snapshot["escalation"] >= 5:
                above += 1
                assert direct_turns and direct_turns[0] <= turn, (seed, turn, snapshot["escalation"])
                assert snapshot["us_iran_direct"] >= 1
    if not bots:
        assert above > 0, "random play should reach rung 5 through a direct strike in some games"


# ------------------------------------------------------------------ a denial needs an attack

ATTACKS = ("rocket_attack", "heavy_salvo")


def test_the_militias_deny_only_an_attack_that_happened(iraq: Scenario) -> None:
    """Rule: "Deny, but praise the attackers" needs an attack to deny: Camp Taji in turn 1, then a rocket attack
    or salvo of the militias this turn or the turn before. Without one it is not available; choosing an attack
    opens it, and the attack cannot then be dropped while the denial stands."""
    game = play(iraq, 3, {"militias": lambda state: ["stand_down"]}, turns=1)  # a quiet first turn
    state = game.state
    assert state.turn == 2 and state.phase == "moves"
    assert c.why_illegal(state, "militias", "deny_and_praise") == (
        "there is no attack to deny (none this turn or last); choose an attack first")
    game.run(c.submit_move, "militias", "rocket_attack")
    assert c.why_illegal(state, "militias", "deny_and_praise") is None
    game.run(c.submit_move, "militias", "deny_and_praise")
    with pytest.raises(IllegalMove, match="drop “Deny, but praise the attackers” first"):
        game.run(c.withdraw_move, "militias", "rocket_attack")


@pytest.mark.parametrize("persona", ["random", "avengers", "politicians"])
def test_bots_never_deny_an_attack_that_did_not_happen(iraq: Scenario, persona: str) -> None:
    """Every denial the militias' bots make, in 30 seeded games each, follows an attack: turn 1 (Camp Taji),
    or a rocket attack or salvo of the same turn or the one before."""
    denials = 0
    for seed in range(30):
        game = play(iraq, seed, {}, {role: "random" for role in ROLES} | {"militias": persona})
        played = {(t, a) for t, role, a in moves_made(game) if role == "militias"}
        for turn, action in played:
            if action == "deny_and_praise":
                denials += 1
                assert turn == 1 or any((t, a) in played for t in (turn, turn - 1) for a in ATTACKS), (seed, turn)
    assert denials > 0


# ------------------------------------------------------------------ empty depots fire nothing

def test_a_rocket_attack_needs_rockets_when_the_turn_opens(iraq: Scenario) -> None:
    """Rule: a rocket attack needs weapons and capacity of at least 10 when it is chosen: below that the
    militias read why it is closed, so no attack is fired from empty depots. Played with Washington and the
    coalition striking every turn and the militias firing whenever they can."""
    reason = "the depots are all but empty (weapons and capacity under 10): there is nothing left to fire"
    for seed in range(10):
        opening: dict[int, tuple[float, str | None]] = {}

        def militias(state: State) -> list[str]:
            why = c.why_illegal(state, "militias", "rocket_attack")
            opening[state.turn] = (state.variables["militia_capacity"], why)
            return ["rocket_attack"]

        scripts = {"washington": lambda state: ["strike_kh_depots"], "coalition": lambda state: ["join_retaliation"],
                   "militias": militias}
        game = play(iraq, seed, scripts, {"tehran": "historical"})
        for turn, (capacity, why) in opening.items():
            assert (why == reason) == (capacity < 10), (seed, turn, capacity, why)
        fired = {t for t, role, action in moves_made(game) if (role, action) == ("militias", "rocket_attack")}
        assert all(opening[t][0] >= 10 for t in fired), seed
    assert any(capacity < 10 for capacity, _ in opening.values()), "some turn should open with empty depots"


# ------------------------------------------------------------------ red lines say what they test

def crossings(game: Game, red_line: str) -> list[int]:
    return [e.turn for e in game.events if isinstance(e, RedLineCrossed) and e.red_line == red_line]


def test_baghdads_red_line_on_foreign_strikes_needs_a_foreign_strike(iraq: Scenario) -> None:
    """Rule: Baghdad's red line "Foreign strikes keep killing Iraqis" is crossed in a turn in which US aircraft
    strike on Iraqi soil (every band of the strike kills Iraqis) with the toll of Iraqis killed in the
    exchanges at 20 or more, never by militia stray rockets alone. Washington strikes in turns 1-3 and then
    holds fire, while the militias fire every turn: some games pass 20 on stray rockets in a turn without a
    strike (the line is not crossed then), and a later strike crosses it."""
    def washington(state: State) -> list[str]:
        return ["strike_kh_depots"] if state.turn in {1, 2, 3, 6} else ["hold_fire"]

    crossed = passed_without_strike = 0
    for seed in range(60):
        game = play(iraq, seed, {"washington": washington, "militias": lambda state: ["rocket_attack"]})
        state, made = game.state, set(moves_made(game))
        turns = crossings(game, "iraqi_blood")
        for turn in turns:
            crossed += 1
            assert (turn, "washington", "strike_kh_depots") in made, (seed, turn)
            assert state.history[turn]["iraqi_casualties"] >= 20, (seed, turn)
        first = turns[0] if turns else len(state.history)
        passed_without_strike += any(
            state.history[t]["iraqi_casualties"] >= 20 and (t, "washington", "strike_kh_depots") not in made
            for t in range(1, min(first, len(state.history))))
    assert crossed > 0 and passed_without_strike > 0, (crossed, passed_without_strike)


def test_the_militias_vow_of_revenge_explains_the_jump_to_every_seat(iraq: Scenario) -> None:
    """Rule: the militias' red line "The arsenal destroyed" (declared to themselves) raises their thirst for
    revenge, which every role sees; its crossing releases the public inject "The factions vow revenge" to
    everyone in the same turn, marked as projection."""
    inject = iraq.inject("C-09")
    assert inject.audience == "all" and inject.origin == "projection"
    assert "C-09" in next(r for r in iraq.roles if r.id == "militias").red_lines[0].injects
    crossed = 0
    for seed in range(20):
        game = play(iraq, seed, {"washington": lambda state: ["strike_kh_depots"]})
        for turn in crossings(game, "arsenal_destroyed"):
            crossed += 1
            release = game.state.released["C-09"]
            assert (release.turn, release.by) == (turn, "red_line"), seed
    assert crossed > 0


# ------------------------------------------------------------------ start values as the seats see them

def test_texts_that_state_an_opening_value_state_the_one_every_seat_sees(iraq: Scenario) -> None:
    """Every objective or variable text that gives a value at turn 1's opening ("25 when turn 1 opens", "the
    Camp Taji inject of turn 1 lowers it to 53") gives the value the seats read then, after Camp Taji."""
    game = Game.new(iraq, seed=1, assignments={r: "random" for r in ROLES})
    game.run(c.start)
    opening = game.state.variables
    claims = 0
    for variable in iraq.world.variables:
        for value in re.findall(r"inject of\s+turn 1 (?:lowers|lifts|raises) it to (\d+)", variable.description):
            claims += 1
            assert opening[variable.id] == float(value), (variable.id, value)
    for role in iraq.roles:
        for objective in role.objectives:
            for value in re.findall(r"(\d+) when turn 1 opens", objective.description):
                claims += 1
                assert opening[objective.metric.strip()] == float(value), (objective.id, value)
    assert claims >= 3
    washington = next(r for r in iraq.roles if r.id == "washington")
    assert not any("starts at 30" in o.description for o in washington.objectives)
