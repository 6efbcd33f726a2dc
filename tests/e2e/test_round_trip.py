"""A save written by any command is read by every other command (issue 10: one rule for numbers).

Writers: `autoplay --save`, `fork`, `resume --autoplay`, and the session door the consoles use
(overrides with custom effects, notes, debrief entries). Readers: `verify`, `report` in every format,
`compare`, `sessions`, `fork`, `resume`. Over both shipped scenarios (iraq-2020 and the documented
harbour example), a copy of harbour pushed to the largest finite numbers, and hypothesis-generated
effect values (500 examples): every float in every event and JSON report is finite, every event reads
back exactly as written.
"""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile import TYPED
from wargame.cli import main
from wargame.engine import decide
from wargame.engine.actors import CONTROL_ACTOR, Team
from wargame.engine.commands import (
    AddDebriefEntry,
    AddNote,
    Adjudicate,
    EndTurn,
    Override,
    StartExercise,
    SubmitMove,
)
from wargame.engine.errors import OverrideRefused
from wargame.engine.events import event_adapter, event_from_json, event_to_json
from wargame.engine.game import Game
from wargame.engine.scenario import Effect, Scenario
from wargame.scenario import load_scenario
from wargame.session import Session

BIG = 1.7976931348623157e308


def cli(*args: str | Path) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result.stdout


def strict_json(text: str) -> object:
    def refuse(name: str) -> object:
        raise AssertionError(f"{name} in JSON")

    return json.loads(text, parse_constant=refuse)


def finite_floats(value: object) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(finite_floats(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return all(finite_floats(v) for v in value)
    return True


def extreme_copy(harbour_content: Path, target: Path) -> Path:
    """The harbour example with bounds, effects and history at the edges of the finite floats."""
    shutil.copytree(harbour_content, target)
    world = target / "scenarios" / "harbour.yaml"
    text = world.read_text(encoding="utf-8")
    text = text.replace("min: 0, max: 100, initial: 50", "min: -1.7976931348623157e+308, max: 1.7976931348623157e+308, initial: 50")
    text = text.replace("effects: [{var: catch, add: -10}]", "effects: [{var: catch, multiply: 1.7976931348623157e+308}]")
    world.write_text(text, encoding="utf-8")
    fleet = target / "roles" / "harbour" / "fleet.yaml"
    fleet.write_text(fleet.read_text(encoding="utf-8").replace("{var: catch, add: 10}", "{var: catch, add: 1.0e+308}"),
                     encoding="utf-8")
    load_scenario("harbour", target)  # it validates: every number is finite
    return target


def every_reader(save: Path, others: list[Path], folder: Path) -> None:
    out = cli("verify", save)
    assert out.startswith("ok: ")
    assert cli("report", save).startswith("# After-action report")
    assert "<!DOCTYPE html>" in cli("report", save, "-f", "html")
    data = strict_json(cli("report", save, "-f", "json"))
    assert finite_floats(data)
    strict_json(cli("compare", save, *others, "-f", "json"))
    cli("compare", save, *others)
    assert save.name in cli("sessions", folder)
    forked = folder / f"fork-of-{save.stem}.db"
    cli("fork", save, "--turn", "1", "-o", forked)
    cli("verify", forked)
    cli("resume", forked, "--autoplay")
    cli("verify", forked)
    with Session.open(forked) as session:
        assert all(finite_floats(event_adapter().dump_python(event)) for event in session.events)


@pytest.mark.parametrize("which", ["iraq-2020", "harbour", "extreme"])
def test_a_save_written_by_any_command_is_read_by_every_other(which: str, harbour_content: Path, tmp_path: Path) -> None:
    content = {"iraq-2020": None, "harbour": harbour_content, "extreme": None}[which]
    if which == "extreme":
        content = extreme_copy(harbour_content, tmp_path / "extreme")
    scenario_id = "iraq-2020" if which == "iraq-2020" else "harbour"
    where = ["--content", str(content)] if content is not None else []
    folder = tmp_path / "saves"
    folder.mkdir()
    auto = folder / "auto.db"
    cli("autoplay", scenario_id, *where, "--games", "1", "--seed", "4", "--save", auto)

    scenario: Scenario = load_scenario(scenario_id, content)
    console = folder / "console.db"
    with Session.create(scenario, 4, None, console) as session:  # what play's console does, through the one door
        session.execute(StartExercise(), CONTROL_ACTOR)
        role = scenario.world.roles[0]
        session.execute(SubmitMove(role=role, action=decide.legal_actions(session.state, role)[0]), Team(role=role))
        session.execute(Adjudicate(), CONTROL_ACTOR)
        var = scenario.world.variables[0].id
        outcome = session.state.outcomes[1][0].event
        session.execute(Override(role=outcome.role, action=outcome.action, rationale=TYPED,
                                 effects=(Effect(var=var, multiply=BIG), Effect(var=var, add=-BIG))), CONTROL_ACTOR)
        session.execute(AddNote(text=TYPED), CONTROL_ACTOR)
        session.execute(AddDebriefEntry(section="plan", text=TYPED, capability=TYPED, owner=TYPED), CONTROL_ACTOR)
        session.execute(EndTurn(), CONTROL_ACTOR)

    for save in (auto, console):
        every_reader(save, [p for p in (auto, console) if p != save], folder)
    with Session.open(console) as session:
        assert session.state.notes[0].text == TYPED.strip()  # the text round-trips literally


@pytest.fixture(scope="module")
def review_state(harbour_content: Path):  # type: ignore[no-untyped-def]
    """The harbour example at umpire review of turn 1 (built once; override is a pure command)."""
    game = Game.new(load_scenario("harbour", harbour_content), seed=3, assignments={"navy": "human", "fleet": "human"})
    game.run(decide.start)
    game.run(decide.submit_move, "navy", "shadow")
    game.run(decide.adjudicate)
    return game.state


VALUES = st.floats(allow_nan=False, allow_infinity=False)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["tension", "catch"]), st.sampled_from(["add", "set", "multiply"]), VALUES),
                min_size=1, max_size=4), st.text())
def test_any_finite_custom_effect_gives_events_that_read_back_exactly(review_state, effects, rationale) -> None:  # type: ignore[no-untyped-def]
    """Custom effects of any finite value (0, -0.0, subnormals, ±1.8e308): every float written is finite and
    every event reads back from its stored JSON exactly as written (what every command's read does)."""
    specs = [Effect(var=var, **{op: value}) for var, op, value in effects]
    try:
        events = decide.override(review_state, "navy", "shadow", rationale, effects=specs)
    except OverrideRefused:
        assert not rationale.strip()
        return
    for event in events:
        assert finite_floats(event_adapter().dump_python(event))
        assert event_from_json(event_to_json(event)) == event
