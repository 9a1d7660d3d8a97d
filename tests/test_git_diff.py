"""diff --git: a real git repository in tmp_path, compared with its working tree."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from scorecard.diff import diff_pairs
from scorecard.errors import InvalidInput
from scorecard.gitrevs import GitError, changes_since, load_revision
from scorecard.workspace import open_workspace

DIFF = Path(__file__).resolve().parent / "data" / "diff"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The diff workspace committed in a new repository, in a subfolder of it."""
    root = tmp_path / "repo"
    shutil.copytree(DIFF, root / "scores")
    git(root, "init", "-q")
    git(root, "config", "user.email", "analyst@example.org")
    git(root, "config", "user.name", "Test Analyst")
    git(root, "config", "commit.gpgsign", "false")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first edition")
    return root / "scores"


def test_no_differences_says_so(run, repo: Path) -> None:
    result = run("diff", "--git", "HEAD", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert "No differences between HEAD and working tree." in result.stdout
    md = run("diff", "--git", "HEAD", "--format", "md", cwd=repo)
    assert "No assessment differs." in md.stdout


def test_changed_added_and_removed_are_found(run, repo: Path) -> None:
    path = repo / "assessments" / "XB" / "2024.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("level: all", "level: none"), encoding="utf-8"
    )
    (repo / "assessments" / "XC" / "2023.yaml").unlink()
    shutil.copy(repo / "assessments" / "XD" / "2024.yaml", repo / "xd.yaml")
    new = repo / "assessments" / "XE" / "2024.yaml"
    new.parent.mkdir()
    new.write_text(
        (repo / "assessments" / "XD" / "2024.yaml")
        .read_text(encoding="utf-8")
        .replace("code: XD", "code: XE"),
        encoding="utf-8",
    )
    result = run("diff", "--git", "HEAD", "--format", "json", cwd=repo)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["old"] == "HEAD" and data["new"] == "working tree"
    assert data["counts"] == {"added": 1, "removed": 1, "changed": 1, "unchanged": 0}
    changes = {(e["code"], e["change"]) for e in data["entries"]}
    assert changes == {("XB", "changed"), ("XC", "removed"), ("XE", "added")}
    xb = next(e for e in data["entries"] if e["code"] == "XB")
    assert xb["old"]["path"] == "HEAD:assessments/XB/2024.yaml"
    assert xb["overall"]["delta"] < 0
    # Limited to a path.
    only = run("diff", "--git", "HEAD", "assessments/XB", "--format", "json", cwd=repo)
    assert [e["code"] for e in json.loads(only.stdout)["entries"]] == ["XB"]


def test_a_committed_change_between_revisions(repo: Path) -> None:
    path = repo / "assessments" / "XB" / "2024.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("level: bounded", "level: none"),
        encoding="utf-8",
    )
    git(repo, "commit", "-q", "-am", "time limit lifted")
    workspace = open_workspace(repo)
    assert diff_pairs(changes_since("HEAD", workspace), "HEAD", "wt").entries == ()
    entries = diff_pairs(changes_since("HEAD~1", workspace), "HEAD~1", "wt").entries
    assert [e.code for e in entries] == ["XB"]
    emergency = next(p for p in entries[0].pillars if p.id == "emergency")
    assert emergency.score.new == 0


def test_gate_with_git(run, repo: Path) -> None:
    path = repo / "assessments" / "XB" / "2024.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("level: all", "level: none"), encoding="utf-8"
    )
    failed = run("diff", "--git", "HEAD", "--fail-on-drop", "1", cwd=repo)
    assert failed.exit_code == 1
    assert "XB 2024: overall fell by" in failed.stderr


def test_missing_revision_is_a_clear_error(run, repo: Path) -> None:
    result = run("diff", "--git", "origin/main", cwd=repo)
    assert result.exit_code == 2
    assert "origin/main" in result.stderr and "does not exist" in result.stderr
    assert "git fetch --depth=1 origin main" in result.stderr
    assert "fetch-depth: 0" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_option_like_revision_is_refused(repo: Path) -> None:
    with pytest.raises(GitError):
        changes_since("--output=/tmp/x", open_workspace(repo))


def test_not_a_repository_is_a_clear_error(run, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(DIFF, plain)
    result = run("diff", "--git", "HEAD", cwd=plain)
    assert result.exit_code == 2
    assert "not inside a git repository" in result.stderr
    assert "Traceback" not in result.stderr


def test_git_missing_is_a_clear_error(run, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "no-bin-here"))
    result = run("diff", "--git", "HEAD", cwd=repo)
    assert result.exit_code == 2
    assert "git is not installed" in result.stderr


def test_invalid_files_at_the_revision_are_located(run, repo: Path) -> None:
    path = repo / "assessments" / "XB" / "2023.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("level: aggregate", "level: bogus"),
        encoding="utf-8",
    )
    git(repo, "commit", "-q", "-am", "a bad level")
    path.write_text(
        path.read_text(encoding="utf-8").replace("level: bogus", "level: aggregate"),
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput) as caught:
        load_revision("HEAD", open_workspace(repo))
    (problem,) = caught.value.problems
    assert problem.file == "HEAD:assessments/XB/2023.yaml"
    assert problem.line == 12
    result = run("diff", "--git", "HEAD", cwd=repo)
    assert result.exit_code == 1
    assert "HEAD:assessments/XB/2023.yaml:12:" in result.stderr
    assert "'bogus' is not a level" in result.stderr


def test_rubric_missing_at_the_revision_falls_back_to_the_working_tree(repo: Path) -> None:
    git(repo, "rm", "-q", "--cached", "rubrics/diff-rubric/1.1.yaml")
    git(repo, "commit", "-q", "-m", "1.1 not yet committed")
    revision = load_revision(
        "HEAD", open_workspace(repo), only=["assessments/XB"], fallback_rubrics={}
    )
    assert "diff-rubric@1.1" not in revision.rubrics
    # The XD 2024 assessment at HEAD needs 1.1: without a fallback it is a located error...
    with pytest.raises(InvalidInput):
        load_revision("HEAD", open_workspace(repo), only=["assessments/XD"], fallback_rubrics={})
    # ...and changes_since falls back to the working tree's rubric.
    assert diff_pairs(changes_since("HEAD", open_workspace(repo)), "HEAD", "wt").entries == ()
