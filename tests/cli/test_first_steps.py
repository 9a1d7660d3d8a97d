"""First steps: a folder that is no workspace, a file outside one, and help that reads as
written (examples on their own lines, options named by words, whole summaries)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

XA = "assessments/XA/2024.yaml"


@pytest.mark.parametrize(
    "args",
    [["validate"], ["build"], ["history", "XA"], ["new", "XA", "2025"], ["diff", "--git", "HEAD"]],
)
def test_outside_a_workspace_the_error_says_how_to_make_or_name_one(
    run: Any, tmp_path: Path, args: list[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(*args, cwd=empty)
    assert result.exit_code == 1
    assert "no workspace in" in result.stderr
    assert "scorecard init" in result.stderr and "--workspace" in result.stderr
    assert "Traceback" not in result.stderr and "1:1" not in result.stderr
    assert list(empty.iterdir()) == []  # nothing written


def test_a_file_outside_any_workspace_is_checked(
    run: Any, tmp_path: Path, test_workspace: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    rubric = next((test_workspace / "rubrics").rglob("*.yaml"))
    copy = elsewhere / "rubric.yaml"
    copy.write_text(rubric.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("validate", copy, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "no such folder" not in result.stderr
    assert "1 file checked: no problems" in result.stdout


def test_help_keeps_examples_on_their_lines(run: Any) -> None:
    top = run("--help").stdout
    assert "\n  Examples:\n    scorecard validate " in top
    assert "\n    scorecard build " in top
    diff = run("diff", "--help").stdout
    assert "\n    scorecard diff --git main --fail-on-drop 5 --per-pillar\n" in diff


def test_options_are_named_by_words_and_summaries_are_whole(run: Any) -> None:
    shown = run("build", "--help").stdout
    assert "--output FOLDER" in shown and "--lang LANG" in shown and "--jobs N" in shown
    assert "<int range>" not in shown and "<str>" not in shown and "<path>" not in shown
    commands = run("--help").stdout.split("Commands:")[1]
    assert "..." not in commands
