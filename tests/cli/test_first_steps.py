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


INVALID = Path(__file__).resolve().parent.parent / "data" / "invalid"


@pytest.mark.parametrize(
    ("case", "spanish"),
    [
        ("indent-answer-field.yaml", "sangre `not_found` bajo su id de indicador"),
        ("indent-answer-outside.yaml", "está fuera de `answers:`"),
        ("indent-answer-inside.yaml", "dos espacios menos"),
        ("indent-deeper.yaml", "tiene más sangría que `level`"),
        ("indent-misaligned.yaml", "tienen sangrías distintas"),
        ("level-near-miss.yaml", "¿quiso decir 'renewed'? niveles: none, renewed, bounded"),
        ("url-www.yaml", "añada el esquema: https://www.example.org/strategy"),
        ("empty-level.yaml", "está vacío"),
    ],
)
def test_first_step_mistakes_are_explained_in_spanish_too(
    run: Any, test_workspace: Path, case: str, spanish: str
) -> None:
    target = test_workspace / "assessments" / "XA" / "2024.yaml"
    target.write_text((INVALID / case).read_text(encoding="utf-8"), encoding="utf-8")
    shown = run("validate", target, "--lang", "es", cwd=test_workspace)
    assert shown.exit_code == 1 and "Traceback" not in shown.stderr
    out = shown.stdout + shown.stderr
    assert spanish in out, out
    assert "hint:" not in out and "indent " not in out and "did you mean" not in out


def test_one_bad_answer_does_not_hide_the_other_problems_of_its_file(
    run: Any, test_workspace: Path
) -> None:
    import json

    target = test_workspace / "assessments" / "XA" / "2024.yaml"
    target.write_text((INVALID / "every-problem.yaml").read_text(encoding="utf-8"))
    shown = run("validate", target, "--format", "json", cwd=test_workspace)
    problems = json.loads(shown.stdout)["problems"]
    codes = [p["code"] for p in problems]
    assert "schema" in codes and "invalid" in codes  # structure and content both reported
    said = " ".join(p["message"] for p in problems)
    assert "unknown field 'sumary'" in said and "'maybe' is not a level" in said
    assert "is not a real date" in said and "www.example.org/decree" in said
