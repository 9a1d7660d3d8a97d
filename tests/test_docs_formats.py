"""The examples in docs/formats.md are real: they validate and score."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REPO

from scorecard.api import score_files
from scorecard.validation import check_files
from scorecard.workspace import open_workspace


def test_the_documented_examples_validate_and_score(tmp_path: Path) -> None:
    text = (REPO / "docs/formats.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    rubric, assessment = blocks[0], blocks[1]
    (tmp_path / "rubrics/example-rubric").mkdir(parents=True)
    (tmp_path / "rubrics/example-rubric/1.0.yaml").write_text(rubric, encoding="utf-8")
    (tmp_path / "assessments/XA").mkdir(parents=True)
    (tmp_path / "assessments/XA/2024.yaml").write_text(assessment, encoding="utf-8")
    workspace = open_workspace(tmp_path)
    report = check_files([tmp_path / "rubrics", tmp_path / "assessments"], workspace)
    assert [str(p) for p in report.problems] == []
    [result] = score_files([tmp_path / "assessments/XA/2024.yaml"], workspace)
    assert result.overall == 50
