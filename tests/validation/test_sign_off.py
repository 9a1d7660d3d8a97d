"""Sign-off of a published edition (validation.sign_off): real names, a reviewer who is not the
assessor, dates in order, a right of reply where the workspace requires it.

Issue 13: a reviewer who is the assessor, names left as "Your name" and a review dated before
the assessment all validated as `published`; nothing asked for a right of reply."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from problem_support import said

from scorecard.loading import parse_document
from scorecard.model import Rubric
from scorecard.validation import check_assessment, check_rubric

DATA = Path(__file__).resolve().parent.parent / "data/workspace"
RUBRIC_PATH = DATA / "rubrics/test-rubric/1.0.yaml"
EXAMPLE = (DATA / "assessments/XA/2024.yaml").read_text(encoding="utf-8")
PUBLISHED = EXAMPLE.replace("status: example", 'status: published\npublished: "2024-07-10"')
TODAY = dt.date(2025, 6, 1)
SIGN_OFF = (
    'assessors: [{name: Test Analyst, date: "2024-07-01"}]\n'
    'reviewers: [{name: Test Reviewer, verdict: approved, date: "2024-07-02"}]\n'
)
REPLY = (
    'right_of_reply: {requested: "2024-07-03", deadline: "2024-07-09", '
    'response: received, received: "2024-07-08", summary: The ministry disputes one answer.}\n'
)


def _rubrics() -> dict[str, Rubric]:
    _, rubric = check_rubric(parse_document(RUBRIC_PATH.read_bytes(), RUBRIC_PATH, "r"))
    assert rubric is not None
    return {rubric.ref: rubric}


def _errors(text: str, *, require_reply: bool = False) -> list[tuple[str, str]]:
    document = parse_document(text.encode(), Path("XA/2024.yaml"), "a.yaml")
    problems, _ = check_assessment(document, _rubrics(), today=TODAY, require_reply=require_reply)
    return [(p.message.key, said(p)) for p in problems if p.severity == "error"]


def _signed(sign_off: str, text: str = PUBLISHED) -> str:
    assert SIGN_OFF in text
    return text.replace(SIGN_OFF, sign_off)


def test_a_properly_signed_edition_is_valid() -> None:
    assert _errors(PUBLISHED) == []
    assert _errors(PUBLISHED.replace("answers:\n", REPLY + "answers:\n"), require_reply=True) == []


def test_the_reviewer_may_not_be_the_assessor() -> None:
    text = _signed(
        'assessors: [{name: Ana Pérez, date: "2024-07-01"}]\n'
        'reviewers: [{name: " ana  pérez", verdict: approved, date: "2024-07-02"}]\n'
    )
    assert [key for key, _ in _errors(text)] == ["problem.sign_off.self_review"]


@pytest.mark.parametrize("name", ["Your name", "your-name", "TBD", "Reviewer"])
def test_placeholder_names_are_refused(name: str) -> None:
    text = _signed(
        f'assessors: [{{name: "{name}", date: "2024-07-01"}}]\n'
        'reviewers: [{name: Test Reviewer, verdict: approved, date: "2024-07-02"}]\n'
    )
    errors = _errors(text)
    assert [key for key, _ in errors] == ["problem.sign_off.placeholder"]
    assert name in errors[0][1]


def test_placeholders_are_fine_in_a_draft() -> None:
    text = _signed(
        'assessors: [{name: Your name, date: "2024-07-01"}]\n'
        'reviewers: [{name: Your name, verdict: approved, date: "2024-06-01"}]\n',
        EXAMPLE.replace("status: example", "status: draft"),
    )
    assert _errors(text) == []


@pytest.mark.parametrize(
    ("sign_off", "step"),
    [
        # reviewed before assessed
        (
            'assessors: [{name: Test Analyst, date: "2024-07-05"}]\n'
            'reviewers: [{name: Test Reviewer, verdict: approved, date: "2024-07-02"}]\n',
            "reviewed",
        ),
        # assessed before the date the assessment describes
        (
            'assessors: [{name: Test Analyst, date: "2024-06-01"}]\n'
            'reviewers: [{name: Test Reviewer, verdict: approved, date: "2024-07-02"}]\n',
            "assessed",
        ),
        # published before reviewed
        (
            'assessors: [{name: Test Analyst, date: "2024-07-01"}]\n'
            'reviewers: [{name: Test Reviewer, verdict: approved, date: "2024-07-20"}]\n',
            "published",
        ),
    ],
)
def test_dates_go_in_order(sign_off: str, step: str) -> None:
    errors = _errors(_signed(sign_off))
    assert [key for key, _ in errors] == ["problem.sign_off.order"]
    assert errors[0][1].startswith(f"{step} on ")


def test_an_undated_approval_is_refused() -> None:
    text = _signed(
        'assessors: [{name: Test Analyst, date: "2024-07-01"}]\n'
        "reviewers: [{name: Test Reviewer, verdict: approved}]\n"
    )
    assert [key for key, _ in _errors(text)] == ["problem.sign_off.review_undated"]


def test_a_required_right_of_reply_must_be_recorded() -> None:
    assert [key for key, _ in _errors(PUBLISHED, require_reply=True)] == ["problem.reply.required"]
    assert _errors(PUBLISHED) == []  # not required by default


@pytest.mark.parametrize(
    ("reply", "key"),
    [
        ('{requested: "2024-07-03", response: none}', "problem.reply.no_deadline"),
        ('{requested: "2024-07-03", deadline: "2024-07-09"}', "problem.reply.no_response"),
        ('{requested: "2024-07-03", deadline: "2025-07-09"}', "problem.reply.pending"),
        (
            '{requested: "2024-07-03", deadline: "2025-07-09", response: none}',
            "problem.reply.pending",
        ),
        (
            '{requested: "2024-07-03", deadline: "2024-07-09", response: received}',
            "problem.reply.received_undated",
        ),
        (
            '{requested: "2024-07-03", deadline: "2024-07-01", response: none}',
            "problem.sign_off.order",
        ),
    ],
)
def test_a_right_of_reply_is_complete(reply: str, key: str) -> None:
    text = PUBLISHED.replace("answers:\n", f"right_of_reply: {reply}\nanswers:\n")
    assert [k for k, _ in _errors(text, require_reply=True)] == [key]


def test_corrections_are_dated_after_publication() -> None:
    log = (
        'corrections: [{date: "2024-07-01", change: Level of budget.published, reason: A typo.}]\n'
    )
    text = PUBLISHED.replace("answers:\n", log + "answers:\n")
    assert [k for k, _ in _errors(text)] == ["problem.sign_off.order"]
    assert _errors(text.replace('date: "2024-07-01", change', 'date: "2024-08-01", change')) == []


def test_the_workspace_setting_requires_a_reply(tmp_path: Path) -> None:
    from scorecard.workspace import open_workspace

    (tmp_path / "scorecard.toml").write_text("right_of_reply = true\n", encoding="utf-8")
    assert open_workspace(tmp_path).settings.right_of_reply is True
