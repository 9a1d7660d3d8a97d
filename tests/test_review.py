"""`scorecard review` (scorecard/review.py, render/review.py, cli/publishing.py): the worklist
between each edition and publication, and `--check` for CI."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from conftest import DATA

from scorecard.review import review_workspace
from scorecard.workspace import open_workspace

XB = "assessments/XB/2024.yaml"
SIGN_OFF = (
    'assessors: [{name: Test Analyst, date: "2024-07-01"}]\n'
    'reviewers: [{name: Test Reviewer, verdict: approved, date: "2024-07-02"}]\n'
)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The diff workspace: XB and XD published (valid), XC drafts."""
    root = tmp_path / "ws"
    shutil.copytree(DATA / "diff", root)
    return root


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _review(run, root: Path, *args: str) -> tuple[int, dict]:
    result = run("--workspace", root, "review", "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def _edition(document: dict, file_end: str) -> dict:
    return next(e for e in document["editions"] if e["file"].endswith(file_end))


def test_a_clean_workspace_passes_the_check(run, workspace: Path) -> None:
    code, document = _review(run, workspace, "--check")
    assert code == 0, document
    assert _edition(document, "XB/2024.yaml")["ready"] is True


def test_a_self_reviewed_published_edition_fails_the_check(run, workspace: Path) -> None:
    _edition_text = 'reviewers: [{name: Test Analyst, verdict: approved, date: "2024-07-02"}]\n'
    _edit(workspace, XB, SIGN_OFF, SIGN_OFF.split("reviewers")[0] + _edition_text)
    code, document = _review(run, workspace, "--check")
    assert code == 1
    keys = [i["key"] for i in _edition(document, "XB/2024.yaml")["items"]]
    assert "problem.sign_off.self_review" in keys
    # Without --check the worklist is a report, not a gate.
    assert _review(run, workspace)[0] == 0


def test_a_draft_lists_what_stands_before_publication_without_failing(run, workspace: Path) -> None:
    code, document = _review(run, workspace, "--check")
    assert code == 0
    draft = _edition(document, "XC/2024.yaml")
    assert draft["status"] == "draft" and draft["ready"] is False
    assert draft["blockers"] >= 1


def test_reverify_marks_and_unanswered_indicators_are_listed(run, workspace: Path) -> None:
    result = run("--workspace", workspace, "new", "XB", "2025", "--from", workspace / XB)
    assert result.exit_code == 0, result.stderr
    _, document = _review(run, workspace)
    drafted = _edition(document, "XB/2025.yaml")
    assert drafted["reverify"] == 7
    keys = {i["key"] for i in drafted["items"]}
    assert "problem.answer.reverify" in keys and "problem.sign_off.placeholder" in keys


def test_a_pending_right_of_reply_is_listed(workspace: Path) -> None:
    _edit(
        workspace,
        XB,
        "answers:\n",
        'right_of_reply: {requested: "2024-07-03", deadline: "2024-08-01"}\nanswers:\n',
    )
    found = review_workspace(open_workspace(workspace), today=dt.date(2024, 7, 20))
    xb = next(e for e in found.editions if e.file.endswith("XB/2024.yaml"))
    assert [i.problem.message.key for i in xb.items if i.weight == "blocker"] == [
        "problem.reply.pending"
    ]
    assert found.failed()
    later = review_workspace(open_workspace(workspace), today=dt.date(2024, 9, 1))
    assert not later.failed()


def test_old_sources_are_notices_that_strict_counts(run, workspace: Path) -> None:
    _edit(
        workspace,
        XB,
        '{title: Budget 2024 line items, url: "https://example.org/xb/budget-2024"}',
        '{title: Budget 2018 line items, url: "https://example.org/xb/budget-2018", '
        'published: "2018-01-10"}',
    )
    code, document = _review(run, workspace, "--check")
    assert code == 0
    notices = [i for i in _edition(document, "XB/2024.yaml")["items"] if i["weight"] == "notice"]
    assert [i["key"] for i in notices].count("worklist.source.stale") == 1
    assert _review(run, workspace, "--check", "--strict")[0] == 1


def test_the_markdown_and_table_formats(run, workspace: Path) -> None:
    md = run("--workspace", workspace, "review", "--format", "md", "--lang", "es")
    assert md.exit_code == 0, md.stderr
    assert md.stdout.startswith("## Antes de publicar")
    table = run("--workspace", workspace, "review")
    assert "XC/2024.yaml · Draft" in table.stdout


def test_the_bundled_workspace_reviews_without_error(run) -> None:
    from conftest import REPO

    result = run("--workspace", REPO, "review", "--check")
    assert result.exit_code == 0, result.stderr  # its editions are examples, not published


def test_an_answer_switched_to_not_found_keeping_old_evidence_is_to_do(
    run, workspace: Path
) -> None:
    """Issue 13: after `new --from`, an answer switched to not_found kept the old edition's
    evidence and notes, shown under "Not found"."""
    import yaml

    result = run("--workspace", workspace, "new", "XB", "2025", "--from", workspace / XB)
    assert result.exit_code == 0, result.stderr
    drafted = workspace / "assessments/XB/2025.yaml"
    data = yaml.safe_load(drafted.read_text(encoding="utf-8"))
    audited = data["answers"]["budget.audited"]
    assert audited["level"] == "internal" and audited["notes"]
    del audited["level"]
    audited["not_found"] = "Searched the court of audit's site on 2025-03-01."
    drafted.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _, document = _review(run, workspace)
    items = _edition(document, "XB/2025.yaml")["items"]
    carried = [i for i in items if i["key"] == "worklist.carried_over"]
    assert len(carried) == 1 and carried[0]["weight"] == "blocker"
    assert (
        "'budget.audited' changed from level to not_found since edition 2024"
        in (carried[0]["message"])
    )
    # Once the stale evidence and notes are gone, the item is too.
    del audited["evidence"], audited["notes"]
    drafted.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _, document = _review(run, workspace)
    keys = [i["key"] for i in _edition(document, "XB/2025.yaml")["items"]]
    assert "worklist.carried_over" not in keys
