"""The rubric revision guard (validation.rubric.check_revision, run by the walk): a rubric that
names its `previous` version may not change scores without declaring it.

Issue 13: a rubric 1.1 that changed a level's value without `change: revised` validated, and
the diff then credited the change to the jurisdiction as a real improvement."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scorecard.api import check, diff_files
from scorecard.errors import InvalidInput
from scorecard.workspace import open_workspace

DIFF = Path(__file__).resolve().parent.parent / "data/diff"
NEWER = "rubrics/diff-rubric/1.1.yaml"


def _workspace(tmp_path: Path, edit: tuple[str, str] | None = None) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(DIFF, root)
    if edit is not None:
        path = root / NEWER
        text = path.read_text(encoding="utf-8")
        assert edit[0] in text, edit[0]
        path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    return root


def _problems(root: Path) -> list[tuple[str, int, str, dict[str, object]]]:
    workspace = open_workspace(root)
    checked = check([], workspace)
    return [
        (Path(p.file).name, p.line, p.message.key, dict(p.message.params))
        for p in checked.problems
        if p.severity == "error"
    ]


def test_the_declared_revision_validates(tmp_path: Path) -> None:
    assert _problems(_workspace(tmp_path)) == []


def test_an_undeclared_change_of_a_level_value_is_an_error_that_shows_it(tmp_path: Path) -> None:
    root = _workspace(
        tmp_path,
        (
            "- {id: aggregate, value: 40, descriptor: A yearly total.}",
            "- {id: aggregate, value: 45, descriptor: A yearly total.}",
        ),
    )
    problems = _problems(root)
    revision = [p for p in problems if p[2] == "problem.revision.undeclared"]
    assert len(revision) == 1
    name, line, _, params = revision[0]
    assert name == "1.1.yaml" and line > 1
    assert params["indicator"] == "homicide.security-forces"
    assert params["difference"] == (
        "levels [none=0, aggregate=40, disaggregated=100] -> "
        "[none=0, aggregate=45, disaggregated=100]"
    )
    # The assessments scored against the unguarded rubric cannot be scored, so no diff
    # credits the rubric's change to a government.
    assert any(p[2] == "problem.rubric.broken" for p in problems)
    with pytest.raises(InvalidInput):
        diff_files(
            root / "assessments/XD/2023.yaml",
            root / "assessments/XD/2024.yaml",
            open_workspace(root),
        )


def test_a_change_of_weight_is_an_error(tmp_path: Path) -> None:
    root = _workspace(
        tmp_path,
        (
            "question: Is the security budget published?\n        weight: 1",
            "question: Is the security budget published?\n        weight: 2",
        ),
    )
    keys = [(p[2], p[3].get("difference")) for p in _problems(root)]
    assert ("problem.revision.undeclared", "weight 1 -> 2") in keys


def test_a_change_of_pillar_aggregation_needs_the_pillar_marked(tmp_path: Path) -> None:
    root = _workspace(
        tmp_path, ("weight: 1.5\n    aggregation: min", "weight: 1.5\n    aggregation: mean")
    )
    assert [p[2] for p in _problems(root) if p[2].startswith("problem.revision")] == [
        "problem.revision.pillar_changed"
    ]
    marked = _workspace(
        tmp_path / "marked",
        (
            "weight: 1.5\n    aggregation: min",
            "weight: 1.5\n    change: revised\n    aggregation: mean",
        ),
    )
    assert _problems(marked) == []


def test_an_added_indicator_needs_new_or_replaces(tmp_path: Path) -> None:
    root = _workspace(tmp_path, ("        change: new\n", ""))
    assert [(p[2], p[3]["indicator"]) for p in _problems(root) if "revision" in p[2]] == [
        ("problem.revision.added", "budget.execution")
    ]


def test_a_removed_indicator_needs_replaces_or_retired(tmp_path: Path) -> None:
    root = _workspace(tmp_path, ("        replaces: homicide.hidden\n", "        change: new\n"))
    assert [(p[2], p[3]["old"]) for p in _problems(root) if "revision" in p[2]] == [
        ("problem.revision.removed", "homicide.hidden")
    ]
    retired = _workspace(
        tmp_path / "retired",
        ("        replaces: homicide.hidden\n", "        change: new\n"),
    )
    path = retired / NEWER
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'previous: "1.0"\n', 'previous: "1.0"\nretired: [homicide.hidden]\n'
        ),
        encoding="utf-8",
    )
    assert [p for p in _problems(retired) if "revision" in p[2]] == []


def test_a_replacement_that_claims_to_be_unchanged_is_compared(tmp_path: Path) -> None:
    root = _workspace(
        tmp_path,
        (
            "- {id: some, value: 30, descriptor: One of them.}",
            "- {id: some, value: 50, descriptor: One of them.}",
        ),
    )
    assert [(p[2], p[3]["indicator"]) for p in _problems(root) if "revision" in p[2]] == [
        ("problem.revision.undeclared", "homicide.hidden-crimes")
    ]
