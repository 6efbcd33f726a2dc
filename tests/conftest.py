"""Fixtures shared by the whole suite: the documented example scenario, and the shipped one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wargame.engine.scenario import Scenario
from wargame.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "scenario-format.md"


def write_doc_example(target: Path) -> Path:
    """Write the YAML blocks of docs/scenario-format.md (``file=...``) as a content folder."""
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml file=(\S+)\n(.*?)```", text, re.S)
    assert blocks, "the format doc lost its example"
    for name, body in blocks:
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def harbour_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The documented two-role example as a content folder."""
    return write_doc_example(tmp_path_factory.mktemp("harbour"))


@pytest.fixture(scope="session")
def harbour(harbour_content: Path) -> Scenario:
    return load_scenario("harbour", harbour_content)


@pytest.fixture(scope="session")
def iraq() -> Scenario:
    return load_scenario("iraq-2020")


@pytest.fixture(autouse=True)
def _own_config_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test signs with, or depends on, the key pair of whoever runs the suite (keys live in the config folder)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
