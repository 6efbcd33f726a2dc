"""A game in memory: the scenario, the log, and the state folded from it.

``Game`` is the engine's one stateful convenience: it runs a command against the
current state, folds the returned events in, and keeps them. Faces (the session
API, autoplay, tests) use it; persistence is the store's business, not its own.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from wargame.engine import decide as rules_of_play
from wargame.engine.actors import Bot, Control, Team
from wargame.engine.commands import Command, SealMoves, SubmitMove
from wargame.engine.errors import IllegalMove
from wargame.engine.rules import derive_seed
from wargame.engine.situation import role_view
from wargame.engine.bots import HUMAN, Policy, make_policy
from wargame.engine.events import Event
from wargame.engine.scenario import Scenario
from wargame.engine.state import State, apply, new_state


class Game:
    """Commands in, events out; the state is always the fold of ``events``."""

    def __init__(self, scenario: Scenario, events: Iterable[Event] = ()) -> None:
        self.scenario = scenario
        self.state: State = new_state(scenario)
        self.events: list[Event] = []
        self._policies: dict[tuple[str, str], Policy] = {}
        self._actors: dict[tuple[str, str], Bot] = {}
        self._seals: dict[str, SealMoves] = {}
        self.record(events)

    @classmethod
    def new(cls, scenario: Scenario, seed: int | None = None, assignments: Mapping[str, str] | None = None) -> Game:
        game = cls(scenario)
        game.record(rules_of_play.start_session(scenario, scenario.world.seed if seed is None else seed, assignments))
        return game

    def record(self, events: Iterable[Event]) -> list[Event]:
        """Fold events in and keep them; return them (for the store to append)."""
        added = list(events)
        for event in added:
            apply(self.state, event)
        self.events.extend(added)
        return added

    def execute(self, command: Command, actor: Control | Team | Bot) -> list[Event]:
        """Decide ``command`` issued by ``actor`` on the current state and record its events."""
        return self.record(rules_of_play.decide(self.state, command, actor))

    def run(self, rule: Callable[..., list[Event]], *args: Any, **kwargs: Any) -> list[Event]:
        """Run one rule function of :mod:`wargame.engine.decide` directly (no actor check): for tests of the rules."""
        return self.record(rule(self.state, *args, **kwargs))

    # bots -------------------------------------------------------------

    def bot_moves(self) -> list[Event]:
        """Every role played by a bot that has not sealed makes its moves for this turn, then seals.

        Each policy sees only its role's view and a generator seeded from (seed, turn, role);
        its moves are submitted in order as that bot, skipping any that has become illegal; when a
        move was skipped so, the policy is asked again with the view as it then stands.
        """
        added: list[Event] = []
        state = self.state
        for role in self.scenario.world.roles:
            policy_id = state.assignments.get(role, HUMAN)
            if policy_id == HUMAN or role in state.sealed:
                continue
            policy = self._policies.get((role, policy_id))
            if policy is None:
                policy = self._policies[(role, policy_id)] = make_policy(self.scenario, role, policy_id)
            actor = self._actors.get((role, policy_id))
            if actor is None:
                actor = self._actors[(role, policy_id)] = Bot(role=role, policy=policy_id)
            rng = random.Random(derive_seed(state.seed, state.turn, role, "bot"))
            seal = self._seals.get(role)
            if seal is None:
                seal = self._seals[role] = SealMoves(role=role)
            checked = False
            while True:
                # parts the policy does not read are never built; one it keeps is completed before the state changes
                view = role_view(state, role, history=policy.wants_history, deferred=True)
                picks = policy.choose(view, rng)
                del view
                made = refused = 0
                for action in picks:
                    try:
                        if action.__class__ is not str:
                            added += self.execute(SubmitMove(role=role, action=action), actor)
                        else:
                            if not checked:  # who may act for the role does not change while it moves
                                rules_of_play.check_actor(state, seal, actor)  # the same check as for SubmitMove
                                checked = True
                            added += self.record(rules_of_play.submit_move(state, role, action))
                        made += 1
                    except IllegalMove:
                        refused += 1  # an earlier move of the same turn ruled it out: a team would be refused too
                if not (made and refused):
                    break  # nothing was ruled out on the way (or nothing more was made): the policy has had its say
                # Some picks were ruled out by moves made before them (a group, a pool): the policy is asked
                # again with the view as it now stands, so that it may spend what is left.
            if not checked:
                rules_of_play.check_actor(state, seal, actor)
            added += self.record(rules_of_play.seal_moves(state, role))  # what decide() does after the same check
        return added

    def play_to_end(self) -> State:
        """Play headless until the session ends: bots move, every turn is adjudicated and closed."""
        state = self.state
        if state.phase == "setup":
            self.run(rules_of_play.start)
        while state.phase != "ended":
            if state.phase == "moves":
                self.bot_moves()
                self.run(rules_of_play.adjudicate)
            elif state.phase == "review":
                self.run(rules_of_play.end_turn)
            else:
                raise RuntimeError(f"cannot play on from phase {state.phase}")
        return state
