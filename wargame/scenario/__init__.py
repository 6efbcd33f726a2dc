"""Scenario loading: the only code that reads YAML. See ``docs/scenario-format.md``."""

from wargame.scenario.content import ScenarioFiles, find_scenarios
from wargame.scenario.loader import ScenarioInvalid, ScenarioNotFound, load_files, load_scenario
from wargame.scenario.schema import json_schema
from wargame.scenario.yamlfile import Problem

__all__ = [
    "Problem",
    "ScenarioFiles",
    "ScenarioInvalid",
    "ScenarioNotFound",
    "find_scenarios",
    "json_schema",
    "load_files",
    "load_scenario",
]
