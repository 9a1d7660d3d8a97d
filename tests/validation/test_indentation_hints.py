"""Indentation mistakes get a hint: every key line of an assessment moved two spaces in or
out either still validates or is reported with a hint (or as the indentation mistake it is),
never as a bare parser message."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from scorecard.validation import check_files
from scorecard.workspace import open_workspace

DATA = Path(__file__).resolve().parent.parent / "data"
XA = "assessments/XA/2024.yaml"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "workspace", tmp_path / "ws")
    return tmp_path / "ws"


def test_each_key_moved_two_spaces_is_reported_with_a_hint(workspace: Path) -> None:
    path = workspace / XA
    lines = path.read_text(encoding="utf-8").split("\n")
    keys = [i for i, line in enumerate(lines) if line.startswith("  ") and ":" in line]
    assert len(keys) > 15
    ws = open_workspace(workspace)
    reported = 0
    for index in keys:
        for moved in ("  " + lines[index], lines[index][2:]):
            edited = [*lines[:index], moved, *lines[index + 1 :]]
            path.write_text("\n".join(edited), encoding="utf-8")
            report = check_files([path], ws, today=dt.date(2025, 1, 1))
            for problem in report.errors:
                reported += 1
                assert problem.hint is not None or problem.code == "indentation", (
                    moved,
                    problem,
                )
    assert reported > 30
