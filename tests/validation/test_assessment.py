"""validation.assessment: dates, the rubric, and every answer against the rubric."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from problem_support import hint_said, said

from scorecard.errors import Problem
from scorecard.loading import parse_document
from scorecard.model import Assessment, Rubric
from scorecard.validation import check_assessment, check_rubric

DATA = Path(__file__).resolve().parent.parent / "data/workspace"
RUBRIC_PATH = DATA / "rubrics/test-rubric/1.0.yaml"
TEXT = (DATA / "assessments/XA/2024.yaml").read_text(encoding="utf-8")
TODAY = dt.date(2025, 6, 1)


def rubrics() -> dict[str, Rubric]:
    _, rubric = check_rubric(parse_document(RUBRIC_PATH.read_bytes(), RUBRIC_PATH, "r"))
    assert rubric is not None
    return {rubric.ref: rubric}


def check(
    text: str, known: dict[str, Rubric] | None = None, broken: tuple[str, ...] = ()
) -> tuple[list[Problem], Assessment | None]:
    document = parse_document(text.encode(), Path("a.yaml"), "a.yaml")
    known = rubrics() if known is None else known
    return check_assessment(document, known, today=TODAY, broken_rubrics=broken)


def test_the_test_assessment_is_valid() -> None:
    problems, assessment = check(TEXT)
    assert problems == [] and assessment is not None and assessment.code == "XA"


def test_a_date_in_the_future() -> None:
    problems, assessment = check(TEXT.replace('as_of: "2024-06-30"', 'as_of: "2031-01-01"'))
    assert assessment is None
    assert [(p.line, said(p)) for p in problems] == [(5, "the date 2031-01-01 is in the future")]


def test_an_unknown_rubric_suggests_the_closest() -> None:
    problems, _ = check(TEXT.replace("rubric: test-rubric@1.0", "rubric: test-rubrik@1.0"))
    (problem,) = problems
    assert said(problem) == "the rubric test-rubrik@1.0 was not found"
    assert hint_said(problem) == "did you mean test-rubric@1.0?"


def test_a_broken_rubric_is_named_as_broken_not_missing() -> None:
    problems, _ = check(TEXT, known={}, broken=("test-rubric@1.0",))
    assert [said(p) for p in problems] == ["the rubric test-rubric@1.0 has errors of its own"]


def test_missing_evidence_is_a_warning_in_a_draft_and_an_error_otherwise() -> None:
    bare = TEXT.replace(
        '      - {title: Decree 1, url: "https://example.org/decree-1", '
        "quote: The state of exception is extended.}\n",
        "      []\n",
    ).replace("    evidence:\n      []\n", "    evidence: []\n")
    problems, assessment = check(bare)
    assert assessment is None
    assert [(p.severity, p.message.key) for p in problems] == [
        ("error", "problem.evidence.too_few")
    ]
    problems, assessment = check(bare.replace("status: example", "status: draft"))
    assert assessment is not None
    assert [(p.severity, p.message.key) for p in problems] == [
        ("warning", "problem.evidence.too_few")
    ]
