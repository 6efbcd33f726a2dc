"""The odds in words, as every screen and report reads them out."""

from wargame import explain
from wargame.engine.events import ChanceExplained, ModifierApplied
from wargame.engine.lens import ShownChance, ShownModifier


def test_odds_name_each_modifier_that_moved_them_once_without_a_doubled_full_stop() -> None:
    odds = ChanceExplained(base=0.6, chance=0.42, modifiers=(
        ModifierApplied(reason="A fragmented state cannot command its forces.", add=-0.1),
        ModifierApplied(reason="Militias spread thin", add=-0.08)))
    assert explain.chance(odds) == ("base 60%; −10% A fragmented state cannot command its forces; "
                                    "−8% Militias spread thin → 42%")


def test_the_parts_of_a_chance_add_up_to_its_total_as_read_out() -> None:
    odds = ChanceExplained(base=0.2, chance=0.318, modifiers=(
        ModifierApplied(reason="A stable government", add=0.114), ModifierApplied(reason="Fresh dead", add=0.004)))
    assert explain.chance(odds) == "base 20%; +11.4% A stable government; +0.4% Fresh dead → 31.8%"


def test_a_modifier_worth_nothing_this_time_is_not_read_out_as_if_it_applied() -> None:
    odds = ShownChance(base=0.5, chance=0.5, hidden=False, modifiers=(
        ShownModifier(reason="Factions with fresh dead to avenge defy the state's orders.", add=0.0),))
    assert explain.shown(odds) == "base 50% → 50%"


def test_a_tiny_modifier_that_did_move_the_odds_is_still_shown() -> None:
    odds = ShownChance(base=0.5, chance=None, hidden=True, modifiers=(ShownModifier(reason="Harder bases", add=-0.0004),))
    assert explain.shown(odds) == "base 50%; −<0.1% Harder bases; something you cannot see applies → withheld"


def test_odds_held_at_a_bound_say_so_so_that_the_parts_still_add_up() -> None:
    """Reader 9: "base 30%; −40% … → 0%" read as a sum that does not add up; the engine holds a chance in [0, 1]."""
    low = ChanceExplained(base=0.3, chance=0.0, modifiers=(ModifierApplied(reason="Hardened bases", add=-0.4),))
    assert explain.chance(low) == "base 30%; −40% Hardened bases → 0% (the parts add up to −10%; a chance cannot fall below 0%)"
    high = ShownChance(base=0.9, chance=1.0, hidden=False, modifiers=(ShownModifier(reason="Surprise", add=0.25),))
    assert explain.shown(high) == "base 90%; +25% Surprise → 100% (the parts add up to 115%; a chance cannot rise above 100%)"
    exact = ChanceExplained(base=0.4, chance=0.0, modifiers=(ModifierApplied(reason="Cancelled out", add=-0.4),))
    assert explain.chance(exact) == "base 40%; −40% Cancelled out → 0%"


def test_a_bound_is_not_explained_where_a_hidden_modifier_may_be_the_reason() -> None:
    odds = ShownChance(base=0.3, chance=0.0, hidden=True, modifiers=(ShownModifier(reason="Hardened bases", add=-0.1),))
    assert explain.shown(odds) == "base 30%; −10% Hardened bases; something you cannot see applies → 0%"


def test_a_roll_is_cut_to_two_decimals_so_none_reads_as_one() -> None:
    assert explain.roll(0.996) == "0.99"
    assert explain.roll(0.4199) == "0.41"
    assert explain.roll(0.0) == "0.00"


def test_a_roll_is_written_on_the_side_of_the_chance_it_fell() -> None:
    """Reader 9: "Chance 22.5%  Roll 0.22 → PARTIAL" read as a success, since a roll under the chance is one.
    Beside its chance, a roll gets the decimals it takes to fall on its true side of the chance as written."""
    from wargame.explain import roll

    assert roll(0.2253, 0.225) == "0.225"  # not under 22.5%: a miss, and it reads as one
    assert roll(0.2249, 0.225) == "0.22"  # under: a success
    assert roll(0.86, 0.5) == "0.86" and roll(0.996) == "0.99"  # two decimals, cut, wherever they suffice
    for value in (0.1, 0.2149, 0.215, 0.2151, 0.333, 0.6999, 0.7):
        for chance in (0.2, 0.215, 0.2153, 0.35, 0.7):
            written = float(roll(value, chance))
            assert (written < round(chance, 3)) == (value < chance), (value, chance)


def test_an_addition_held_at_its_bound_reads_alike_for_control_and_for_a_team() -> None:
    """Reader 9: control read "91 → 100 (+12, held at its bound)", a +12 beside a 9-point rise, where a team
    read "+9 (+12, held at its bound)". Both now give the change first, then what was asked."""
    from wargame.engine.events import EffectApplied
    from wargame.scenario import load_scenario

    iraq = load_scenario("iraq-2020")
    var = iraq.world.variables[0]
    top = EffectApplied(var=var.id, op="add", value=12, before=var.max - 9, after=var.max)
    assert explain.effect(iraq, top).endswith(f"{explain.number(var.max - 9)} → {explain.number(var.max)}: "
                                              "+9 (+12, held at its bound)")
    assert explain.effect(iraq, top, relative=True) == f"{var.label} +9 (+12, held at its bound)"
    stuck = EffectApplied(var=var.id, op="add", value=-3, before=var.min, after=var.min)
    assert explain.effect(iraq, stuck).endswith(f"{explain.number(var.min)} → {explain.number(var.min)} (-3, held at its bound)")
    free = EffectApplied(var=var.id, op="add", value=2, before=var.min, after=var.min + 2)
    assert explain.effect(iraq, free).endswith("(+2)")
