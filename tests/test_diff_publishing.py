"""Complete diffs for publishing (issue 13): in git mode an added edition is compared with the
jurisdiction's previous edition; deleting a published edition stops `--fail-on-drop`; status,
reviewer, right of reply and corrections changes are shown; a corrected URL is "source
updated"; pillar "why" lines appear when the overall is withheld."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from scorecard.api import score_files
from scorecard.diff import diff_results
from scorecard.workspace import open_workspace

DIFF = Path(__file__).resolve().parent / "data" / "diff"
XB = "assessments/XB/2024.yaml"

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The diff workspace without XB's 2024 edition, committed; the edition is then added."""
    root = tmp_path / "repo"
    shutil.copytree(DIFF, root)
    added = root / XB
    text = added.read_text(encoding="utf-8")
    added.unlink()
    git(root, "init", "-q")
    git(root, "config", "user.email", "analyst@example.org")
    git(root, "config", "user.name", "Test Analyst")
    git(root, "config", "commit.gpgsign", "false")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "editions up to 2023")
    added.write_text(text, encoding="utf-8")
    return root


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@needs_git
def test_an_added_edition_is_compared_with_the_previous_one(run, repo: Path) -> None:
    result = run("diff", "--git", "HEAD", "--format", "json", cwd=repo)
    assert result.exit_code == 0, result.stderr
    (entry,) = json.loads(result.stdout)["entries"]
    assert (entry["code"], entry["change"], entry["baseline"]) == ("XB", "added", True)
    assert entry["old"]["edition"] == "2023" and entry["new"]["edition"] == "2024"
    assert entry["overall"]["delta"] is not None
    assert entry["contributions"]  # the why, against 2023
    md = run("diff", "--git", "HEAD", "--format", "md", cwd=repo)
    assert "2024 (added; compared with 2023)" in md.stdout
    assert "| Pillar | Score |" in md.stdout  # pillars side by side, not just "overall (added)"


@needs_git
def test_removing_a_published_edition_fails_the_gate(run, repo: Path) -> None:
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "2024 edition")
    (repo / XB).unlink()
    shown = run("diff", "--git", "HEAD", "--format", "json", cwd=repo)
    assert [e["change"] for e in json.loads(shown.stdout)["entries"]] == ["removed"]
    gated = run("diff", "--git", "HEAD", "--fail-on-drop", "5", cwd=repo)
    assert gated.exit_code == 1
    assert "XB 2024: a published edition was removed" in gated.stderr


@needs_git
def test_removing_a_draft_does_not_fail_the_gate(run, repo: Path) -> None:
    (repo / "assessments/XC/2024.yaml").unlink()
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "2024 edition, XC draft dropped")
    (repo / "assessments/XC/2023.yaml").unlink()
    assert run("diff", "--git", "HEAD", "--fail-on-drop", "5", cwd=repo).exit_code == 0


def test_status_reviewer_reply_and_corrections_changes_are_shown(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(DIFF, root)
    old = root / XB
    new = root / "assessments/XB/2024b.yaml"
    text = old.read_text(encoding="utf-8").replace("status: published", "status: in-review")
    old.write_text(text, encoding="utf-8")
    text = (
        text.replace("status: in-review", 'status: published\npublished: "2024-07-10"')
        .replace("Test Reviewer", "Second Reviewer")
        .replace(
            "answers:\n",
            'right_of_reply: {requested: "2024-07-03", deadline: "2024-07-09", response: none}\n'
            'corrections: [{date: "2024-08-01", change: Fixed a source title, '
            "reason: A typo.}]\nanswers:\n",
        )
    )
    new.write_text(text, encoding="utf-8")
    # The new text replaces the old file (a file's path must match its edition).
    workspace = open_workspace(root)
    before = score_files([old], workspace)[0]
    shutil.copy(new, old)
    after = score_files([old], workspace)[0]
    entry = diff_results(before, after)
    from scorecard.render.changes_json import record_data

    # The core keeps data; the JSON says it as ids and ISO dates, the same in any language.
    fields = {r.field: (record_data(r.old), record_data(r.new)) for r in entry.records}
    assert fields["status"] == ("in-review", "published")
    assert "Second Reviewer (approved, 2024-07-02)" in (fields["reviewers"][1] or "")
    assert fields["right_of_reply"] == (
        None,
        "requested 2024-07-03, deadline 2024-07-09, response none",
    )
    assert fields["published"] == (None, "2024-07-10")
    assert fields["corrections"] == (None, "1")
    from scorecard.i18n import translator
    from scorecard.render.changes import record_lines

    lines = record_lines(entry, translator("en"))
    assert "status: In review → Published" in lines
    assert "correction 1 August 2024: Fixed a source title" in lines
    assert any("Second Reviewer (Approved, 2 July 2024)" in line for line in lines)
    assert (
        "right of reply: — → invited to reply on 3 July 2024, deadline 9 July 2024, "
        "no reply by the deadline"
    ) in lines
    spanish = " ".join(record_lines(entry, translator("es")))
    assert "Second Reviewer (Aprobada, 2 de julio de 2024)" in spanish
    assert "sin respuesta dentro del plazo" in spanish
    assert "approved" not in spanish and "deadline" not in spanish


def test_a_corrected_url_is_a_source_updated(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(DIFF, root)
    path = root / XB
    workspace = open_workspace(root)
    before = score_files([path], workspace)[0]
    _edit(root, XB, "https://example.org/xb/budget-2024", "https://example.org/xb/budget-2024-v2")
    after = score_files([path], workspace)[0]
    entry = diff_results(before, after)
    budget = next(i for p in entry.pillars for i in p.indicators if i.id == "budget.published")
    assert budget.evidence_updated == ("Budget 2024 line items",)
    assert budget.evidence_added == () and budget.evidence_removed == ()
    from scorecard.i18n import translator
    from scorecard.render.changes import indicator_summary

    assert indicator_summary(budget, translator("en")) == ["source updated: Budget 2024 line items"]


def test_pillar_why_lines_appear_when_the_overall_is_withheld(run, tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(DIFF, root)
    old = root / "assessments/XB/2023.yaml"
    new = root / XB
    # The homicide pillar loses two of its three answers in 2024: the overall is withheld,
    # while the emergency pillar's score still changes and has its why.
    import yaml

    data = yaml.safe_load(new.read_text(encoding="utf-8"))
    for key in ("homicide.security-forces", "homicide.prisons", "homicide.hidden"):
        data["answers"][key] = {"insufficient": "Sources conflict."}
    new.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    workspace = open_workspace(root)
    before, after = score_files([old, new], workspace)
    entry = diff_results(before, after)
    assert entry.overall.new_status == "withheld" and not entry.contributions
    assert any(p.contributions for p in entry.pillars)
    md = run("diff", old, new, "--format", "md", cwd=root)
    assert md.exit_code == 0, md.stderr
    assert "| Pillar | Largest contributions | Δ |" in md.stdout


def test_the_scorecard_page_shows_the_right_of_reply_and_corrections_log(
    run, tmp_path: Path
) -> None:
    root = tmp_path / "ws"
    shutil.copytree(DIFF, root)
    _edit(
        root,
        XB,
        "answers:\n",
        'published: "2024-07-10"\n'
        'right_of_reply: {requested: "2024-07-03", deadline: "2024-07-09", response: none}\n'
        'corrections: [{date: "2024-08-01", change: "Budget | source title fixed", '
        "reason: A typo.}]\nanswers:\n",
    )
    md = run("render", XB, "--format", "md", cwd=root)
    assert md.exit_code == 0, md.stderr
    assert "### Corrections" in md.stdout
    assert "Budget \\| source title fixed" in md.stdout  # analyst text escaped in a cell
    assert "No reply came by the deadline" in md.stdout
    html = run("render", XB, "--format", "html", cwd=root)
    assert html.exit_code == 0, html.stderr
    assert '<h3 id="corrections-heading">Corrections</h3>' in html.stdout
    assert "Budget | source title fixed" in html.stdout
    assert "First published on" in html.stdout
