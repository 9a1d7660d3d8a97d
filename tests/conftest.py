"""Shared fixtures: the test workspace, and a CLI runner that keeps stdout and stderr apart."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard.cli import app

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
REPO = TESTS.parent


def copy_bundled_workspace(target: Path) -> Path:
    """The project's own rubrics, assessments (SV, EC, HN) and settings (which publish its
    `example` editions), copied to `target`."""
    for folder in ("rubrics", "assessments"):
        shutil.copytree(REPO / folder, target / folder)
    shutil.copy(REPO / "scorecard.toml", target / "scorecard.toml")
    return target


@pytest.fixture
def test_workspace(tmp_path: Path) -> Path:
    """A writable copy of tests/data/workspace (test rubric + fictional XA assessment)."""
    target = tmp_path / "ws"
    shutil.copytree(DATA / "workspace", target)
    return target


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., object]:
    """run(*args, cwd=None) -> click Result with .exit_code, .stdout, .stderr."""

    def invoke(*args: str, cwd: Path | None = None, input: str | None = None) -> object:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        runner = CliRunner()
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke
