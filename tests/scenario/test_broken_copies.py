"""`wargame validate` on broken copies of the shipped scenario: one fault each, exact messages pinned.

Every fault gives exit status 2, one `file:line:col: field: message` line per problem, no traceback,
within seconds; hostile YAML and hostile expressions run nothing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from wargame.cli import main
from wargame.scenario.content import builtin_root

from .faults import FAULTS, apply_fault

EXPECTED = {
    "yaml_syntax": [
        "roles/iraq-2020/militias.yaml:84:8: YAML syntax: did not find expected ',' or ']'",
    ],
    "wrong_type": [
        'roles/iraq-2020/militias.yaml:95:11: actions[rocket_attack].cost: Input should be a valid integer',
    ],
    "unknown_key": [
        'roles/iraq-2020/militias.yaml:81:1: resources.per_turn: required key is missing',
        "roles/iraq-2020/militias.yaml:83:3: resources.per_trun: unknown key 'per_trun' (did you mean 'per_turn'?)",
    ],
    "missing_key": [
        'injects/iraq-2020/02-taji.yaml:3:5: injects[H-10].from: required key is missing',
    ],
    "unknown_role": [
        "injects/iraq-2020/02-taji.yaml:9:28: injects[H-10].audience[1]: unknown role 'teheran' (did you mean 'tehran'?)",
    ],
    "unknown_variable_in_effect": [
        "roles/iraq-2020/militias.yaml:186:19: actions[heavy_salvo].bands[success].effects[1].var: unknown variable 'coalition_wouned' (did you mean 'coalition_wounded'?)",
    ],
    "unknown_variable_in_expression": [
        "roles/iraq-2020/militias.yaml:99:45: actions[rocket_attack].chance.modifiers[0].when: unknown variable 'escalaton' (did you mean 'escalation'?) in 'tehran.let_proxies_act and escalaton > 1'",
    ],
    "unknown_action": [
        "scenarios/iraq-2020.yaml:498:35: historical_line[0].moves.militias[1]: role 'militias' has no action 'rocket_atack' (did you mean 'rocket_attack'?)",
    ],
    "unknown_action_in_expression": [
        "roles/iraq-2020/militias.yaml:102:18: actions[rocket_attack].chance.modifiers[1].when: role 'baghdad' has no action 'assert_security_contrl' (did you mean 'assert_security_control'?) in 'baghdad.assert_security_contrl'",
    ],
    "bad_expression": [
        "roles/iraq-2020/militias.yaml:99:59: actions[rocket_attack].chance.modifiers[0].when: expected a number, a name or '(', found end of expression in 'tehran.let_proxies_act and (escalation > '",
    ],
    "badly_typed_expression": [
        "roles/iraq-2020/militias.yaml:99:18: actions[rocket_attack].chance.modifiers[0].when: expected a condition (true or false), got a number in 'escalation + 1'",
    ],
    "hostile_expression": [
        'roles/iraq-2020/militias.yaml:99:34: actions[rocket_attack].chance.modifiers[0].when: unexpected character \'.\' in "__import__(\'os\').system(\'touch PWNED\')"',
    ],
    "out_of_bounds_initial": [
        'scenarios/iraq-2020.yaml:35:5: variables[escalation]: initial 9 is outside [0, 6]',
    ],
    "duplicate_key": [
        "roles/iraq-2020/militias.yaml:84:3: duplicate key 'per_turn' (first on line 83)",
    ],
    "duplicate_inject_id": [
        "injects/iraq-2020/01-background.yaml:22:9: injects[H-01].id: duplicate inject id 'H-01' (also in injects/iraq-2020/01-background.yaml)",
    ],
    "inject_after_last_turn": [
        'injects/iraq-2020/01-background.yaml:26:11: injects[H-02].turn: turn 99 is after the last turn (8)',
    ],
    "band_shares": [
        'roles/iraq-2020/militias.yaml:85:5: actions[rocket_attack]: shares of the bands other than success add up to 1.1, not 1',
    ],
    "role_file_misnamed": [
        "roles/iraq-2020/militias.yaml:1:5: id: is 'militia' but the file is named militias.yaml",
    ],
    "binary_garbage": [
        'roles/iraq-2020/militias.yaml:1:1: file is not UTF-8 text',
    ],
    "huge_file": [
        'injects/iraq-2020/02-taji.yaml:1:1: file is larger than 1,000,000 bytes',
    ],
    "role_missing_file": [
        "scenarios/iraq-2020.yaml:32:9: roles[0]: no file roles/iraq-2020/kurds.yaml for role 'kurds'",
    ],
    "alias_bomb": [
        'roles/iraq-2020/militias.yaml:2:7: anchors and aliases (&, *) are not allowed in scenario files',
    ],
    "python_tag": [
        "roles/iraq-2020/militias.yaml:1:5: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed in scenario files",
    ],
    "deep_nesting": [
        'roles/iraq-2020/militias.yaml:2:36: nested deeper than 30 levels',
    ],
    "not_a_mapping": [
        'injects/iraq-2020/02-taji.yaml:1:1: expected key: value lines at the top level of an inject file',
    ],
}


def copy_of_shipped(target: Path) -> Path:
    root = builtin_root()
    for sub in ("scenarios", "roles/iraq-2020", "injects/iraq-2020"):
        shutil.copytree(root / sub, target / sub, dirs_exist_ok=True)
    return target


def test_every_fault_has_pinned_messages() -> None:
    assert set(EXPECTED) == set(FAULTS)


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_broken_copy_is_refused_with_located_messages(fault: str, tmp_path: Path) -> None:
    """A broken copy gives exit 2 and exactly the pinned file:line:col messages, fast, running nothing."""
    content = copy_of_shipped(tmp_path / "content")
    apply_fault(content, fault)
    started = time.monotonic()
    result = CliRunner().invoke(main, ["validate", "--content", str(content), "iraq-2020"], catch_exceptions=False)
    assert time.monotonic() - started < 5
    assert result.exit_code == 2
    assert result.stdout.splitlines() == EXPECTED[fault]
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()


def test_the_shipped_scenario_is_valid() -> None:
    """The shipped scenario validates: exit 0."""
    result = CliRunner().invoke(main, ["validate", "iraq-2020"])
    assert result.exit_code == 0, result.output


def test_no_traceback_from_the_real_command(tmp_path: Path) -> None:
    """The installed command, as a facilitator runs it, prints no traceback on a hostile file."""
    content = copy_of_shipped(tmp_path / "content")
    apply_fault(content, "alias_bomb")
    result = subprocess.run([sys.executable, "-m", "wargame", "validate", "--content", str(content), "iraq-2020"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.strip() == EXPECTED["alias_bomb"][0]


def test_unknown_scenario_is_a_one_line_error() -> None:
    result = subprocess.run([sys.executable, "-m", "wargame", "validate", "no-such"], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip() == "error: no scenario 'no-such' (found: iraq-2020)"


def test_a_command_that_loads_a_broken_scenario_lists_the_problems_and_exits_2(tmp_path: Path) -> None:
    """autoplay (like play) refuses a broken scenario: its problems, then one line saying how to check it."""
    content = copy_of_shipped(tmp_path / "content")
    apply_fault(content, "wrong_type")
    result = subprocess.run([sys.executable, "-m", "wargame", "autoplay", "--content", str(content), "iraq-2020",
                             "--games", "1"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        *EXPECTED["wrong_type"],
        f"error: scenario 'iraq-2020' has 1 problem(s) (listed above); "
        f"check it with 'wargame validate --content {content} iraq-2020'",
    ]
