"""A game in memory: the scenario, the log, and the state folded from it.

``Game`` is the engine's one stateful convenience: it runs a command against the
current state, folds the returned events in, and keeps them. Faces (the session
API, autoplay, tests) use it; persistence is the store's business, not its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from wargame.engine import decide as rules_of_play
from wargame.engine.actors import Bot, Control, Team
from wargame.engine.commands import Command
from wargame.engine.bots import choose_moves
from wargame.engine.events import Event
from wargame.engine.scenario import Scenario
from wargame.engine.state import State, apply, new_state


class Game:
    """Commands in, events out; the state is always the fold of ``events``."""

    def __init__(self, scenario: Scenario, events: Iterable[Event] = ()) -> None:
        self.scenario = scenario
        self.state: State = new_state(scenario)
        self.events: list[Event] = []
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

    def bot_moves(self, policies: Mapping[str, str] | None = None) -> list[Event]:
        """Let every role played by a bot make its moves for this turn."""
        added: list[Event] = []
        for role in self.scenario.world.roles:
            policy = (policies or {}).get(role) or self.state.assignments.get(role, "human")
            if policy == "human":
                continue
            if role in self.state.sealed:
                continue
            for action in choose_moves(self.state, role, policy):
                if rules_of_play.why_illegal(self.state, role, action) is None:
                    added += self.run(rules_of_play.submit_move, role, action)
            added += self.run(rules_of_play.seal_moves, role)
        return added

    def play_to_end(self, policies: Mapping[str, str] | None = None) -> State:
        """Play headless until the session ends: bots move, every turn is adjudicated and closed."""
        state = self.state
        if state.phase == "setup":
            self.run(rules_of_play.start)
        while state.phase != "ended":
            if state.phase == "moves":
                self.bot_moves(policies)
                self.run(rules_of_play.adjudicate)
            elif state.phase == "review":
                self.run(rules_of_play.end_turn)
            else:
                raise RuntimeError(f"cannot play on from phase {state.phase}")
        return state
