"""The commands a screen tells you to type next name the program as you started it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from wargame.program import command


def test_a_checkout_s_program_is_named_by_its_path_from_here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    program = tmp_path / ".venv" / "bin" / "wargame"
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr(sys, "argv", [str(program)])
    assert command() == ".venv/bin/wargame"


def test_the_module_is_named_as_a_module_and_anything_else_as_wargame(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["/x/site-packages/wargame/__main__.py"])
    assert command() == "python -m wargame"
    monkeypatch.setattr(sys, "argv", ["/x/site-packages/pytest/__main__.py"])
    assert command() == "wargame"
