"""Broken copies of the shipped scenario: one fault each, as (file, text to replace, replacement).

An empty text to replace means the replacement is the whole file.
"""

from __future__ import annotations

from pathlib import Path

FAULTS: dict[str, tuple[str, str, str]] = {
    "yaml_syntax": ("roles/iraq-2020/militias.yaml", "  per_turn: 3\n", "  per_turn: [3\n"),
    "wrong_type": ("roles/iraq-2020/militias.yaml", "    cost: 1\n    chance:\n      base: 0.15\n",
                   "    cost: one\n    chance:\n      base: 0.15\n"),
    "unknown_key": ("roles/iraq-2020/militias.yaml", "  per_turn: 3\n", "  per_trun: 3\n"),
    "missing_key": ("injects/iraq-2020/02-taji.yaml", "    from: Coalition headquarters, Baghdad\n", ""),
    "unknown_role": ("injects/iraq-2020/02-taji.yaml", "    turn: 1\n    from: Coalition headquarters, Baghdad\n    audience: all\n",
                     "    turn: 1\n    from: Coalition headquarters, Baghdad\n    audience: [washington, teheran]\n"),
    "unknown_variable_in_effect": ("roles/iraq-2020/militias.yaml", "          - {var: coalition_wounded, add: 14}\n",
                                   "          - {var: coalition_wouned, add: 14}\n"),
    "unknown_variable_in_expression": ("roles/iraq-2020/militias.yaml", "        - when: \"tehran.let_proxies_act\"\n",
                                       "        - when: \"tehran.let_proxies_act and escalaton > 1\"\n"),
    "unknown_action": ("scenarios/iraq-2020.yaml", "      militias: [deny_and_praise, rocket_attack]\n",
                       "      militias: [deny_and_praise, rocket_atack]\n"),
    "unknown_action_in_expression": ("roles/iraq-2020/militias.yaml",
                                     "        - when: \"baghdad.assert_security_control\"\n          add: -0.1\n          reason: Baghdad has ordered",
                                     "        - when: \"baghdad.assert_security_contrl\"\n          add: -0.1\n          reason: Baghdad has ordered"),
    "bad_expression": ("roles/iraq-2020/militias.yaml", "        - when: \"tehran.let_proxies_act\"\n",
                       "        - when: \"tehran.let_proxies_act and (escalation > \"\n"),
    "badly_typed_expression": ("roles/iraq-2020/militias.yaml", "        - when: \"tehran.let_proxies_act\"\n",
                               "        - when: \"escalation + 1\"\n"),
    "hostile_expression": ("roles/iraq-2020/militias.yaml", "        - when: \"tehran.let_proxies_act\"\n",
                           "        - when: \"__import__('os').system('touch PWNED')\"\n"),
    "out_of_bounds_initial": ("scenarios/iraq-2020.yaml", "    max: 6\n    initial: 2\n", "    max: 6\n    initial: 9\n"),
    "duplicate_key": ("roles/iraq-2020/militias.yaml", "  per_turn: 3\n", "  per_turn: 3\n  per_turn: 4\n"),
    "duplicate_inject_id": ("injects/iraq-2020/01-background.yaml", "  - id: H-02\n", "  - id: H-01\n"),
    "inject_after_last_turn": ("injects/iraq-2020/01-background.yaml", "hosting US forces\n    kind: historical\n    date: 2020-01-08\n    turn: 1\n",
                               "hosting US forces\n    kind: historical\n    date: 2020-01-08\n    turn: 99\n"),
    "band_shares": ("roles/iraq-2020/militias.yaml", "        share: 0.55\n", "        share: 0.65\n"),
    "role_file_misnamed": ("roles/iraq-2020/militias.yaml", "id: militias\n", "id: militia\n"),
    "binary_garbage": ("roles/iraq-2020/militias.yaml", "", "\x00\xff\xfe garbage \x80\n"),
    "huge_file": ("injects/iraq-2020/02-taji.yaml", "", "# " + "x" * 1_100_000 + "\n"),
    "role_missing_file": ("scenarios/iraq-2020.yaml", "roles: [", "roles: [kurds, "),
    "alias_bomb": ("roles/iraq-2020/militias.yaml", "id: militias\n",
                   "id: militias\nlol1: &a [x, x, x, x, x, x, x, x, x]\nlol2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                   "lol3: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"),
    "python_tag": ("roles/iraq-2020/militias.yaml", "id: militias\n", "id: !!python/object/apply:os.system ['touch PWNED']\n"),
    "deep_nesting": ("roles/iraq-2020/militias.yaml", "id: militias\n", "id: militias\ndeep: " + "[" * 60 + "]" * 60 + "\n"),
    "not_a_mapping": ("injects/iraq-2020/02-taji.yaml", "", "- just\n- a list\n"),
}


def apply_fault(content: Path, name: str) -> None:
    """Break the copy of the scenario in ``content`` with fault ``name``."""
    file, old, new = FAULTS[name]
    path = content / file
    if not old:
        path.write_bytes(new.encode("latin-1"))
        return
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"fault {name}: the text to replace occurs {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")
