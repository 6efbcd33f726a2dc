"""One sample of every kind of event, as the keyword arguments of its class: once with only the fields it
requires, once with every field set (every part, every optional field, every field left out of the JSON when
empty given a value), with text that JSON must escape and numbers that print awkwardly.

``fixtures/event-bytes-basemodel.jsonl`` holds the bytes each sample was stored as when events were pydantic
``BaseModel``s (written by ``make_event_bytes_fixture.py`` on main at 05d54b2, before events became
dataclasses); ``test_event_bytes.py`` checks that today's events write the very same bytes, so saves and
digests made before the change stay what they were. A kind added later: its samples go at the end of
``SAMPLES``, and ``make_event_bytes_fixture.py --append`` adds their bytes only (the lines already there
are never written again).
"""

from __future__ import annotations

from typing import Any

EFFECT = {"var": "tension", "op": "add", "value": 1.5, "before": -0.0, "after": 1e-7}
SCHEDULED = {"var": "cost", "op": "multiply", "value": "tension * 0.5", "first": 3, "last": None, "until": "tension > 50"}
SCHEDULED_MIN = {"var": "cost", "op": "set", "value": 2.0, "first": 2}
CHANCE = {"base": 0.4, "modifiers": [{"reason": "Hardened \"bases\" \\ ok", "add": -0.1}], "chance": 0.30000000000000004}
CHANGE = {"var": "tension", "before": 12.25, "after": 100.0}
RULE = {"turn": 2, "rule_id": "outrage", "effects": [EFFECT], "scheduled": [SCHEDULED]}
TEXT = "Line one\nline two \u2014 \u00e9t\u00e9 <b>&</b> \u0007 \U0001f600"

REQUIRED: list[dict[str, Any]] = [
    {"kind": "session_started", "turn": 0, "scenario_id": "iraq-2020", "scenario_hash": "ab" * 32, "seed": 0, "assignments": {}},
    {"kind": "seed_chosen", "turn": 0, "seed": 2**53},
    {"kind": "role_assigned", "turn": 0, "role": "tehran", "player": "human"},
    {"kind": "turn_started", "turn": 1, "date": "2020-03-11"},
    {"kind": "inject_released", "turn": 1, "inject_id": "A-01", "by": "schedule"},
    {"kind": "inject_held", "turn": 1, "inject_id": "A-02"},
    {"kind": "inject_decision_undone", "turn": 1, "inject_id": "A-02", "decision": "hold"},
    {"kind": "move_submitted", "turn": 1, "role": "washington", "action": "strike"},
    {"kind": "move_withdrawn", "turn": 1, "role": "washington", "action": "strike"},
    {"kind": "moves_sealed", "turn": 1, "role": "washington"},
    {"kind": "outcome_adjudicated", "turn": 1, "role": "washington", "action": "strike",
     "chance": {"base": 0.5, "chance": 0.5}, "roll": 0.0, "band": "success", "visibility": "public", "reveal_turn": 1},
    {"kind": "rule_triggered", "turn": 1, "rule_id": "outrage"},
    {"kind": "red_line_crossed", "turn": 1, "role": "baghdad", "red_line": "sovereignty"},
    {"kind": "effects_matured", "turn": 2, "source": "outcome:1:washington:strike"},
    {"kind": "open_move_proposed", "turn": 1, "role": "tehran", "index": 1, "text": "Talk"},
    {"kind": "open_move_judged", "turn": 1, "role": "tehran", "index": 1, "rationale": "Plausible"},
    {"kind": "open_move_resolved", "turn": 1, "role": "tehran", "index": 1, "chance": None, "roll": None, "band": "failure"},
    {"kind": "open_move_overridden", "turn": 1, "role": "tehran", "index": 1, "from_band": "failure", "to_band": "success",
     "rationale": "On reflection"},
    {"kind": "scores_computed", "turn": 1, "scores": {}},
    {"kind": "turn_adjudicated", "turn": 1},
    {"kind": "outcome_overridden", "turn": 1, "role": "washington", "action": "strike", "from_band": "success",
     "to_band": "custom", "rationale": "An empty depot"},
    {"kind": "note_added", "turn": 1, "author": "control", "text": ""},
    {"kind": "turn_ended", "turn": 1},
    {"kind": "session_ended", "turn": 8, "reason": "last_turn", "message": "The exercise has ended."},
    {"kind": "debrief_entry_added", "turn": 8, "section": "strength", "text": "Clear channels"},
    {"kind": "message_sent", "turn": 1, "sender": "tehran", "text": "Hello"},
    {"kind": "clock_changed", "turn": 1, "change": "clear"},
    {"kind": "agenda_set", "turn": 1, "start": "2026-11-30T04:00:00Z", "minutes_per_turn": 0},
    {"kind": "inject_improvised", "turn": 1, "inject_id": "X1", "title": "Rumour", "audience": "all", "message": "Unconfirmed"},
]

FULL: list[dict[str, Any]] = [
    {"kind": "session_started", "turn": 0, "scenario_id": "iraq-2020", "scenario_hash": "ab" * 32, "seed": 7,
     "assignments": {"tehran": "human", "washington": "hawk", TEXT: TEXT}},
    {"kind": "role_assigned", "turn": 0, "role": "tehran", "player": TEXT},
    {"kind": "inject_released", "turn": 1, "inject_id": "A-01", "by": "red_line", "effects": [EFFECT, EFFECT],
     "scheduled": [SCHEDULED, SCHEDULED_MIN]},
    {"kind": "inject_held", "turn": 1, "inject_id": "A-02", "reason": TEXT},
    {"kind": "inject_decision_undone", "turn": 1, "inject_id": "A-01", "decision": "release", "restored": [CHANGE],
     "held_again": True},
    {"kind": "outcome_adjudicated", "turn": 1, "role": "washington", "action": "strike", "chance": CHANCE,
     "roll": 0.123456789012345, "band": "partial", "effects": [EFFECT], "visibility": "delayed", "reveal_turn": 3,
     "scheduled": [SCHEDULED], "spent": [{"var": "munitions", "op": "add", "value": -1.0, "before": 3.0, "after": 2.0}]},
    {"kind": "rule_triggered", "turn": 1, "rule_id": "outrage", "effects": [EFFECT], "scheduled": [SCHEDULED_MIN]},
    {"kind": "red_line_crossed", "turn": 1, "role": "baghdad", "red_line": "sovereignty", "effects": [EFFECT],
     "scheduled": [SCHEDULED], "prompt": TEXT},
    {"kind": "effects_matured", "turn": 2, "source": "rule:1:outrage", "effects": [EFFECT], "ended": [SCHEDULED]},
    {"kind": "open_move_proposed", "turn": 1, "role": "tehran", "index": 2, "text": TEXT, "argument": TEXT},
    {"kind": "open_move_judged", "turn": 1, "role": "tehran", "index": 2, "chance": 0.35, "band": "success",
     "success": [{"var": "tension", "op": "at_most", "value": 40.0}], "failure": [{"var": "tension", "op": "at_least", "value": 60.0}],
     "rationale": TEXT},
    {"kind": "open_move_resolved", "turn": 1, "role": "tehran", "index": 2, "chance": 0.35, "roll": 0.9, "band": "failure",
     "effects": [EFFECT]},
    {"kind": "open_move_overridden", "turn": 1, "role": "tehran", "index": 2, "from_band": "failure", "to_band": "success",
     "rationale": TEXT, "effects": [EFFECT], "changes": [CHANGE], "rules": [RULE]},
    {"kind": "open_move_overridden", "turn": 1, "role": "tehran", "index": 3, "from_band": "success", "to_band": "failure",
     "rationale": "None hold now", "rules": []},
    {"kind": "scores_computed", "turn": 1, "scores": {"tehran": {"survive": 3.25, "deter": -0.0}, "baghdad": {}}},
    {"kind": "outcome_overridden", "turn": 1, "role": "washington", "action": "strike", "from_band": "success",
     "to_band": "custom", "rationale": TEXT, "effects": [EFFECT], "changes": [CHANGE], "scheduled": [SCHEDULED],
     "rules": [RULE], "others": [{"role": "tehran", "action": "proxy_attack", "effects": [EFFECT]}]},
    {"kind": "outcome_overridden", "turn": 1, "role": "washington", "action": "strike", "from_band": "success",
     "to_band": "failure", "rationale": "x", "rules": []},
    {"kind": "note_added", "turn": 1, "author": "control", "text": TEXT},
    {"kind": "session_ended", "turn": 3, "reason": "control", "message": TEXT},
    {"kind": "debrief_entry_added", "turn": 8, "section": "plan", "text": TEXT, "about_turn": 3, "capability": "Comms",
     "issue": "Slow", "owner": "J3", "due": "Q2", "author": "tehran"},
    {"kind": "message_sent", "turn": 1, "sender": "control", "to": ["tehran", "baghdad"], "text": TEXT, "voice": "The press"},
    {"kind": "clock_changed", "turn": 1, "change": "pause", "deadline": "2026-11-30T04:10:00+00:00", "remaining_s": 90.5,
     "on_expiry": "bot", "roles": ["tehran"]},
    {"kind": "agenda_set", "turn": 2, "start": "2026-11-30T04:00:00+00:00", "minutes_per_turn": 20},
    {"kind": "inject_improvised", "turn": 1, "inject_id": "X2", "title": TEXT, "audience": ["tehran"], "message": TEXT,
     "from_": "Reuters", "effects": [EFFECT]},
]

SAMPLES: list[dict[str, Any]] = REQUIRED + FULL
