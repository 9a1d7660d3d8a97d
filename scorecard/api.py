"""The library's front door: load, validate and score files in one call.

Every function raises InvalidInput (with every located problem) rather than return
something half-valid, so callers never render partial output."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from scorecard.errors import InvalidInput
from scorecard.model import Assessment, Rubric
from scorecard.scoring import Result, score_assessment
from scorecard.validation import Report, check_files
from scorecard.workspace import Workspace, find_workspace


def load_valid(
    paths: Sequence[Path], workspace: Workspace | None = None, today: dt.date | None = None
) -> Report:
    """Validate `paths` (with the workspace's rubrics); raise InvalidInput on any error."""
    if workspace is None:
        workspace = find_workspace(paths[0] if paths else None)
    report = check_files(paths, workspace, today=today)
    if report.errors:
        raise InvalidInput(report.errors)
    return report


def score_files(paths: Sequence[Path], workspace: Workspace | None = None) -> list[Result]:
    """Score the assessment files named, in the order given."""
    return list(iter_results(load_valid(paths, workspace)))


def iter_results(report: Report) -> Iterator[Result]:
    """The results of a validated report's assessments, one at a time (none kept)."""
    for assessment in report.assessments:
        yield score_assessment(report.rubrics[assessment.rubric], assessment)


def score(assessment: Any, rubric: Any = None) -> Result:
    """Score one assessment: a path, or an Assessment with its Rubric."""
    if isinstance(assessment, Assessment):
        if not isinstance(rubric, Rubric):
            raise TypeError("scoring an Assessment object needs its Rubric")
        return score_assessment(rubric, assessment)
    paths = [Path(assessment)] + ([Path(rubric)] if rubric is not None else [])
    report = load_valid(paths)
    if len(report.assessments) != 1:
        raise ValueError(f"{assessment} is not an assessment")
    only = report.assessments[0]
    return score_assessment(report.rubrics[only.rubric], only)
