"""A scenario made ready to play: expressions compiled once, rolls derived from the seed.

Kept apart from the state and the commands because both need it, and because
compiling is the one costly step: it is done once per scenario and cached.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wargame.engine.events import ChanceExplained, EffectApplied, EffectScheduled, PlannedEffect, applied_effect, chance_from
from wargame.engine.expr import Compiled, Context, compile_expr
from wargame.engine.scenario import Action, Effect, Scenario, Variable, scenario_digest


def derive_unit(seed: int, *parts: object) -> float:
    """A number in [0, 1) fixed by the seed and ``parts`` alone.

    Each roll is keyed by (session seed, turn, role, action), not drawn from a
    shared stream, so that changing one move never reshuffles another's roll and
    a forked session replays the same dice.
    """
    key = "|".join(map(str, (seed, *parts))).encode()
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "big") / 2**64


def derive_seed(seed: int, *parts: object) -> int:
    """An integer seed for a bot's generator, keyed like :func:`derive_unit`."""
    key = "|".join(map(str, (seed, *parts))).encode()
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "big")


@dataclass(frozen=True, slots=True)
class CompiledModifier:
    when: Compiled | None
    add: Compiled | float
    reason: str


@dataclass(frozen=True, slots=True)
class CompiledAction:
    role: str
    action: Action
    preconditions: tuple[Compiled, ...]
    modifiers: tuple[CompiledModifier, ...]
    reasons: tuple[str | None, ...] = ()
    """For each precondition, the words a role reads when it fails (None: the expression is shown)."""


class Rules:
    """The compiled form of one scenario."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        world = scenario.world
        variables = {v.id for v in world.variables}
        moves = {(role.id, action.id) for role in scenario.roles for action in role.actions}
        injects = {inject.id for inject in scenario.injects}

        def compile_(source: str, want: str) -> Compiled:
            return compile_expr(source, want=want, variables=variables, moves=moves, injects=injects)  # type: ignore[arg-type]

        self._compile = compile_
        self._numbers: dict[str, Compiled] = {}
        self._conditions: dict[str, Compiled] = {}
        self.turn_hours = world.turn_delta.total_seconds() / 3600
        self._opened = ([(world.opens_at(t) - world.opens_at(1)).total_seconds() / 3600 for t in range(1, world.turns + 2)]
                        if world.turn_dates else [])

        self.variables: dict[str, Variable] = {v.id: v for v in world.variables}
        self.roles = {role.id: role for role in scenario.roles}
        self.costs: dict[tuple[str, str], int] = {
            (role.id, action.id): action.cost for role in scenario.roles for action in role.actions
        }
        self._digest: str | None = None
        self._opens: dict[int, str] = {}
        self._plans: dict[int, tuple] = {}  # type: ignore[type-arg]
        self._bands: dict[tuple[str, str, str], tuple[Effect, ...]] = {}
        self._delayed: dict[int, tuple[tuple[Effect, ...], bool]] = {}
        self.role_order: tuple[str, ...] = tuple(world.roles)
        self.limited: dict[str, bool] = {
            role.id: role.max_moves is not None or any(
                a.group is not None or a.per_game is not None or a.cooldown or a.costs for a in role.actions)
            for role in scenario.roles
        }
        """Whether any of a role's moves has a limit beyond cost and preconditions (most have none: skip the checks)."""
        self.actions: dict[tuple[str, str], CompiledAction] = {}
        for role in scenario.roles:
            for action in role.actions:
                self.actions[(role.id, action.id)] = CompiledAction(
                    role=role.id,
                    action=action,
                    preconditions=tuple(compile_(p, "bool") for p, _ in action.conditions),
                    reasons=tuple(reason for _, reason in action.conditions),
                    modifiers=tuple(
                        CompiledModifier(
                            when=compile_(m.when, "bool") if m.when is not None else None,
                            add=compile_(m.add, "number") if isinstance(m.add, str) else float(m.add),
                            reason=m.reason,
                        )
                        for m in action.chance.modifiers
                    ),
                )
        self.objectives: dict[str, tuple[tuple[str, Compiled], ...]] = {
            role.id: tuple((o.id, compile_(o.metric, "number")) for o in role.objectives) for role in scenario.roles
        }
        self.red_lines: dict[str, tuple[tuple[str, Compiled], ...]] = {
            role.id: tuple((r.id, compile_(r.when, "bool")) for r in role.red_lines if r.when is not None)
            for role in scenario.roles
        }
        self.triggers: dict[str, Compiled] = {
            inject.id: compile_(inject.trigger, "bool") for inject in scenario.injects if inject.trigger is not None
        }
        self.rules = tuple((rule, compile_(rule.when, "bool")) for rule in world.rules)
        self.end_conditions = tuple((end, compile_(end.when, "bool")) for end in world.end_conditions)
        self.persona_weights: dict[tuple[str, str], tuple[tuple[str, Compiled | float], ...]] = {}
        self.persona_pass: dict[tuple[str, str], Compiled | float] = {}
        for role in scenario.roles:
            for persona in role.personas:
                self.persona_weights[(role.id, persona.id)] = tuple(
                    (action_id, compile_(w, "number") if isinstance(w, str) else float(w))
                    for action_id, w in persona.weights.items()
                )
                pw = persona.pass_weight
                self.persona_pass[(role.id, persona.id)] = compile_(pw, "number") if isinstance(pw, str) else float(pw)

    @property
    def digest(self) -> str:
        """The scenario's digest, computed once: canonical JSON of a whole scenario is not cheap."""
        if self._digest is None:
            self._digest = scenario_digest(self.scenario)
        return self._digest

    # ------------------------------------------------------------ values

    def clamp(self, var: str, value: float) -> float:
        spec = self.variables[var]
        return min(spec.max, max(spec.min, value))

    def number(self, source: str) -> Compiled:
        """A number expression of the scenario, compiled once."""
        compiled = self._numbers.get(source)
        if compiled is None:
            compiled = self._numbers[source] = self._compile(source, "number")
        return compiled

    def condition(self, source: str) -> Compiled:
        """A condition of the scenario, compiled once."""
        compiled = self._conditions.get(source)
        if compiled is None:
            compiled = self._conditions[source] = self._compile(source, "bool")
        return compiled

    def turn_opens(self, turn: int) -> str:
        """When turn ``turn`` opens, as events show it (``World.turn_opens``, worked out once per turn)."""
        found = self._opens.get(turn)
        if found is None:
            found = self._opens[turn] = self.scenario.world.turn_opens(turn)
        return found

    def elapsed_hours(self, turn: int) -> float:
        """Hours from the opening of turn 1 to the opening of ``turn``."""
        if self._opened:
            return self._opened[min(max(turn, 1), len(self._opened)) - 1]
        return max(0, turn - 1) * self.turn_hours

    def apply_effects(
        self,
        variables: dict[str, float],
        effects: Sequence[Effect | EffectApplied | EffectScheduled],
        ctx: Context | None = None,
    ) -> tuple[EffectApplied, ...]:
        """Apply the immediate effects in order to ``variables`` (in place), each clamped; say what changed.

        A value given as an expression is evaluated on ``variables`` as they stand when that effect
        applies (with ``ctx``'s turn, moves, injects and earlier moves). A delayed effect is skipped
        here, and a lasting one applies now only for its first turn: :meth:`schedule` records the rest.
        """
        applied = []
        plans = self._plans
        for effect in effects:
            plan = plans.get(id(effect))
            if plan is None or plan[0] is not effect:
                plan = self._plan(effect)
            _, delayed, var, op, value, low, high = plan
            if delayed:
                continue
            before = variables[var]
            if value.__class__ is str:
                base = ctx or Context(variables)
                here = Context(variables, base.turn, base.moves, base.released, base.earlier, base.elapsed_hours)
                value = float(self.number(value)(here))
            if op == "add":
                raw = before + value
            elif op == "set":
                raw = value
            elif op == "multiply":
                raw = before * value
            elif op == "at_least":
                raw = max(before, value)
            else:
                raw = min(before, value)
            after = min(high, max(low, raw))
            variables[var] = after
            applied.append(applied_effect(var, op, value, before, after))
        return tuple(applied)

    def _plan(self, effect: Effect | EffectApplied | EffectScheduled | PlannedEffect) -> tuple:  # type: ignore[type-arg]
        """What applying ``effect`` needs, worked out once per effect object (scenario effects are frozen)."""
        spec = self.variables[effect.var]
        delayed = isinstance(effect, Effect) and bool(effect.after)
        plan = (effect, delayed, effect.var, effect.op, effect.value, spec.min, spec.max)
        if len(self._plans) >= 4096:
            self._plans.clear()
        self._plans[id(effect)] = plan  # the plan holds the effect, so its id cannot be reused meanwhile
        return plan

    @staticmethod
    def schedule(effects: tuple[Effect, ...] | list[Effect], turn: int) -> tuple[EffectScheduled, ...]:
        """The delayed and lasting effects among ``effects`` made in ``turn``, as records of when they apply.

        An effect ``after`` N turns first applies at the opening of turn + N; one that ``lasts`` L turns
        applies L times in all (the first now, when not delayed); one with ``until`` and no ``lasts``
        goes on until its condition holds.
        """
        scheduled = []
        for effect in effects:
            if effect.immediate:
                continue
            lasts = effect.lasts if effect.lasts is not None else (None if effect.until else 1)
            start = turn + effect.after  # the turn of the first application (now, when not delayed)
            first = start if effect.after else turn + 1
            last = None if lasts is None else start + lasts - 1
            if last is not None and last < first:
                continue
            scheduled.append(EffectScheduled(var=effect.var, op=effect.op, value=effect.value, first=first, last=last,
                                             until=effect.until))
        return tuple(scheduled)

    def chance(self, role: str, action: str, ctx: Context) -> ChanceExplained:
        """Base plus every modifier that holds in ``ctx``, clamped to [0, 1]."""
        compiled = self.actions[(role, action)]
        base = compiled.action.chance.base
        applied = []
        total = base
        for modifier in compiled.modifiers:
            if modifier.when is not None and not modifier.when(ctx):
                continue
            add = float(modifier.add(ctx)) if isinstance(modifier.add, Compiled) else modifier.add
            applied.append((modifier.reason, add))
            total += add
        return chance_from(base, tuple(applied), min(1.0, max(0.0, total)))

    @staticmethod
    def band(action: Action, chance: float, roll: float) -> str:
        """A roll under the chance is success; the rest of [0, 1) is shared by the other bands in order."""
        if roll < chance:
            return "success"
        misses = [band for band in action.bands if band.id != "success"]
        if not misses:
            return "failure"
        position = (roll - chance) / (1.0 - chance) if chance < 1.0 else 0.0
        edge = 0.0
        for band in misses:
            edge += band.share
            if position < edge:
                return band.id
        return misses[-1].id

    def band_effects(self, role: str, action: str, band: str) -> tuple[Effect, ...]:
        key = (role, action, band)
        found = self._bands.get(key)
        if found is None:
            found = next((tuple(spec.effects) for spec in self.actions[(role, action)].action.bands if spec.id == band), ())
            self._bands[key] = found
        return found

    def scheduled(self, effects: tuple[Effect, ...], turn: int) -> tuple[EffectScheduled, ...]:
        """:meth:`schedule` for a band's effects (from :meth:`band_effects`): () at once when all are immediate."""
        delayed = self._delayed.get(id(effects))
        if delayed is None or delayed[0] is not effects:
            if len(self._delayed) >= 4096:
                self._delayed.clear()
            delayed = self._delayed[id(effects)] = (effects, any(not e.immediate for e in effects))
        return self.schedule(effects, turn) if delayed[1] else ()

    def legal(self, role: str, action: str, variables: Mapping[str, float], turn: int,
              own_moves: frozenset[tuple[str, str]], ctx: Context | None = None) -> str | None:
        """Why ``action`` breaks a precondition now (its reason in words, or the expression), or None."""
        ctx = ctx or Context(variables, turn, own_moves)
        compiled = self.actions[(role, action)]
        for condition, reason in zip(compiled.preconditions, compiled.reasons):
            if not condition(ctx):
                return reason or f"precondition not met: {condition.source}"
        return None


_CACHE: dict[int, tuple[Scenario, Rules]] = {}


def rules_for(scenario: Scenario) -> Rules:
    """Compile a scenario once per process; scenarios are frozen, so the compiled form stays right."""
    hit = _CACHE.get(id(scenario))
    if hit is not None and hit[0] is scenario:
        return hit[1]
    if len(_CACHE) >= 16:
        _CACHE.clear()
    rules = Rules(scenario)
    _CACHE[id(scenario)] = (scenario, rules)
    return rules
