"""Open moves: a team proposes an action in its own words; the umpire judges it; the seeded roll decides.

The matrix-game and discussion-based way to play, beside the scenario's menu of actions:

1. **Proposal** (moves phase, the role's own team): the action in the team's words and its argument,
   sealed like any move; at most ``open_moves_per_turn`` per role and turn (0: the scenario allows none).
2. **Judgement** (moves phase, control): a chance of success — the roll keyed by (seed, turn, role,
   ``open:N``) decides — or a band outright (no roll); the effects of success and of failure, written
   with the variable picker; and a rationale. Adjudication waits until every open move is judged.
3. **Resolution** (adjudication, after the scenario's moves and before follow-on rules, in the order
   proposed): the band and its effects, recorded and explained like any outcome, public from then on.
4. **Override** (umpire review): another band, with a rationale; the turn is resolved again.
"""

from __future__ import annotations

from collections.abc import Sequence

from wargame.engine.errors import IllegalMove, OverrideRefused, UnknownName, WrongPhase
from wargame.engine.events import (
    EffectApplied,
    Event,
    OpenMoveJudged,
    OpenMoveProposed,
    OpenMoveResolved,
    PlannedEffect,
)
from wargame.engine.rules import Rules, derive_unit, rules_for
from wargame.engine.scenario import Effect
from wargame.engine.state import OpenMove, State

MAX_TEXT = 2000


def propose(state: State, role: str, text: str, argument: str = "") -> list[Event]:
    """A team proposes an open move this turn."""
    if state.phase != "moves":
        raise WrongPhase(f"open moves are proposed during the moves phase (now: {state.phase})")
    if role not in state.scenario.world.roles:
        raise UnknownName(f"no role {role!r} in {state.scenario.id}")
    if role in state.sealed:
        raise IllegalMove(f"{role} has sealed its moves for this turn")
    cap = state.scenario.world.open_moves_per_turn
    if cap == 0:
        raise IllegalMove("this scenario allows no open moves")
    mine = [m for m in state.open_moves.get(state.turn, []) if m.proposed.role == role]
    if len(mine) >= cap:
        raise IllegalMove(f"{role} has made its {cap} open move{'s' if cap != 1 else ''} this turn")
    text, argument = text.strip(), argument.strip()
    if not text:
        raise IllegalMove("an open move needs the action in words")
    if len(text) > MAX_TEXT or len(argument) > MAX_TEXT:
        raise IllegalMove(f"an open move's text and argument are at most {MAX_TEXT} characters each")
    return [OpenMoveProposed(turn=state.turn, role=role, index=len(mine) + 1, text=text, argument=argument)]


def _find(state: State, role: str, index: int) -> OpenMove:
    for move in state.open_moves.get(state.turn, []):
        if move.proposed.role == role and move.proposed.index == index:
            return move
    raise UnknownName(f"no open move {index} of {role} this turn")


def _planned(rules: Rules, effects: Sequence[Effect]) -> tuple[PlannedEffect, ...]:
    planned = []
    for effect in effects:
        if effect.var not in rules.variables:
            raise UnknownName(f"no variable {effect.var!r}")
        if isinstance(effect.value, str) or not effect.immediate:
            raise IllegalMove("an umpire's effect is a number applied now (no expression, delay or duration)")
        planned.append(PlannedEffect(var=effect.var, op=effect.op, value=float(effect.value)))
    return tuple(planned)


def judge(state: State, role: str, index: int, rationale: str, chance: float | None = None, band: str | None = None,
          success: Sequence[Effect] = (), failure: Sequence[Effect] = ()) -> list[Event]:
    """The umpire sets an open move's chance (or its band outright) and the effects of each band."""
    if state.phase != "moves":
        raise WrongPhase(f"open moves are judged before adjudication (now: {state.phase})")
    _find(state, role, index)
    if not rationale.strip():
        raise OverrideRefused("a judgement needs a rationale")
    if (chance is None) == (band is None):
        raise OverrideRefused("give either a chance of success or a band")
    if chance is not None and not 0.0 <= chance <= 1.0:
        raise OverrideRefused("a chance is between 0 and 1")
    rules = rules_for(state.scenario)
    return [OpenMoveJudged(turn=state.turn, role=role, index=index, chance=chance, band=band,  # type: ignore[arg-type]
                           success=_planned(rules, success), failure=_planned(rules, failure), rationale=rationale.strip())]


def unjudged(state: State) -> list[str]:
    """Open moves of this turn the umpire has not judged yet, as ``role #n``."""
    return [f"{m.proposed.role} #{m.proposed.index}" for m in state.open_moves.get(state.turn, []) if m.judged is None]


def effects_of(move: OpenMove, band: str) -> tuple[PlannedEffect, ...]:
    assert move.judged is not None
    return move.judged.success if band == "success" else move.judged.failure


def judged_bands(state: State, rules: Rules) -> list[tuple[OpenMove, tuple[float | None, str], tuple[PlannedEffect, ...]]]:
    """Each open move of this turn, in the order proposed, with (roll, band) and the effects of that band.

    A band the umpire picked outright needs no roll (None); otherwise the roll keyed by
    (seed, turn, role, ``open:N``) under the judged chance is success.
    """
    decided: list[tuple[OpenMove, tuple[float | None, str], tuple[PlannedEffect, ...]]] = []
    for move in state.open_moves.get(state.turn, []):
        judged = move.judged
        assert judged is not None
        roll: float | None = None
        if judged.band is not None:
            band = judged.band
        else:
            roll = derive_unit(state.seed, state.turn, move.proposed.role, f"open:{move.proposed.index}")
            band = "success" if roll < (judged.chance or 0.0) else "failure"
        decided.append((move, (roll, band), effects_of(move, band)))
    return decided


def resolved_events(state: State, decided: list[tuple[OpenMove, tuple[float | None, str], tuple[PlannedEffect, ...]]],
                    applied: Sequence[tuple[EffectApplied, ...]]) -> list[Event]:
    """The ``OpenMoveResolved`` events of this turn, once the pipeline has applied their effects."""
    return [
        OpenMoveResolved(turn=state.turn, role=move.proposed.role, index=move.proposed.index,
                         chance=move.judged.chance if move.judged else None, roll=roll, band=band, effects=effects)  # type: ignore[arg-type]
        for (move, (roll, band), _), effects in zip(decided, applied)
    ]
