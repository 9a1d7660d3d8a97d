"""gitrevs and diff --git: a real git repository in tmp_path, compared with its working tree.

The old side is checked by the same file walk as `validate`, so the two never disagree."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from problem_support import located

from scorecard.diff import diff_pairs
from scorecard.errors import InvalidInput
from scorecard.gitrevs import GitError, changes_since, list_blobs, load_revision, resolve_commit
from scorecard.loading import MAX_BYTES, load_document
from scorecard.validation import check_files
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


# --- one walk: what validate finds at a revision, diff --git finds too ---------------------


def as_json(path: Path, target: Path) -> None:
    """The same document as `path`, written as JSON at `target`."""
    target.write_text(json.dumps(load_document(path).data, indent=2), encoding="utf-8")


def commit_then_restore(repo: Path, *extra: Path) -> None:
    """Commit `extra` files, then remove them from the working tree again, so only the
    revision holds them (the working tree stays valid)."""
    git(repo, "add", *(str(p.relative_to(repo)) for p in extra))
    git(repo, "commit", "-q", "-m", "extra files")
    for path in extra:
        path.unlink()


def test_a_duplicate_edition_at_the_revision_is_reported_as_validate_reports_it(
    run, repo: Path
) -> None:
    twin = repo / "assessments" / "XB" / "2024.json"
    as_json(repo / "assessments" / "XB" / "2024.yaml", twin)
    validated = run("validate", cwd=repo)
    assert validated.exit_code == 1
    said = "assessments/XB/2024.yaml:1:1: error: XB edition 2024 is also assessed in "
    assert said + "assessments/XB/2024.json" in validated.stdout
    commit_then_restore(repo, twin)
    result = run("diff", "--git", "HEAD", cwd=repo)
    assert result.exit_code == 1, result.stdout
    assert "HEAD:" + said + "HEAD:assessments/XB/2024.json" in result.stderr
    assert "No differences" not in result.stdout


def test_a_duplicate_rubric_at_the_revision_is_reported_not_dropped(run, repo: Path) -> None:
    twin = repo / "rubrics" / "diff-rubric" / "1.0.json"
    as_json(repo / "rubrics" / "diff-rubric" / "1.0.yaml", twin)
    commit_then_restore(repo, twin)
    with pytest.raises(InvalidInput) as caught:
        load_revision("HEAD", open_workspace(repo))
    assert [located(p) for p in caught.value.problems] == [
        "HEAD:rubrics/diff-rubric/1.0.yaml:1:1: error: the rubric diff-rubric@1.0 is also "
        "defined in HEAD:rubrics/diff-rubric/1.0.json"
    ]
    result = run("diff", "--git", "HEAD", cwd=repo)
    assert result.exit_code == 1
    assert "is also defined in HEAD:rubrics/diff-rubric/1.0.json" in result.stderr


def test_the_revision_and_the_same_tree_on_disk_have_the_same_problems(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every kind of finding the walk makes, at a revision and on disk: the same problems at
    the same places (only the `HEAD:` prefix differs)."""
    assessments, rubrics = repo / "assessments", repo / "rubrics" / "diff-rubric"
    as_json(assessments / "XB" / "2024.yaml", assessments / "XB" / "2024.json")
    as_json(rubrics / "1.0.yaml", rubrics / "1.0.json")
    moved = assessments / "XC" / "2022.yaml"  # the path disagrees with the edition inside
    moved.write_bytes((assessments / "XC" / "2023.yaml").read_bytes())
    bad = assessments / "XD" / "2023.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("level: ", "level: x", 1), "utf-8")
    (assessments / "XD" / "notes.yaml").write_text("just: notes\n", encoding="utf-8")
    (assessments / "XD" / "broken.json").write_text('{"a": 1,}', encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "every kind of problem")
    monkeypatch.chdir(repo)  # so files on disk are named as at the revision, relatively
    workspace = open_workspace(repo)
    on_disk = check_files([], workspace, today=dt.date(2025, 6, 1)).errors
    with pytest.raises(InvalidInput) as caught:
        load_revision("HEAD", workspace, today=dt.date(2025, 6, 1))
    at_revision = caught.value.problems
    assert len(on_disk) >= 6
    assert [located(p).replace("HEAD:", "") for p in at_revision] == [located(p) for p in on_disk]
    assert {p.code for p in at_revision} >= {"duplicate", "json", "invalid", "schema"}


def test_too_large_a_blob_is_refused_unread_in_the_language_asked_for(run, repo: Path) -> None:
    huge = repo / "assessments" / "XB" / "2022.yaml"
    huge.write_bytes(b"# padding\n" * (MAX_BYTES // 10 + 1))
    commit_then_restore(repo, huge)
    (blob,) = [b for b in list_blobs("HEAD", repo, ["assessments"]) if b.path.endswith("2022.yaml")]
    assert blob.size > MAX_BYTES
    en = run("diff", "--git", "HEAD", cwd=repo)
    assert en.exit_code == 1
    assert (
        "HEAD:assessments/XB/2022.yaml:1:1: error: the file is 5.0 MiB, over the 5 MiB limit"
        in en.stderr
    )
    es = run("diff", "--git", "HEAD", "--lang", "es", cwd=repo)
    assert es.exit_code == 1
    assert "HEAD:assessments/XB/2022.yaml:1:1: error: " in es.stderr
    assert "over the" not in es.stderr and "MiB" in es.stderr


def test_git_errors_are_phrases(repo: Path) -> None:
    with pytest.raises(GitError) as caught:
        resolve_commit("no-such-branch", repo)
    assert caught.value.phrase.key == "git.no_such_revision"
    # The core says no words: str() gives the phrase's id and values, for logs.
    assert str(caught.value).startswith("git.no_such_revision(")
    from scorecard.i18n import translator

    english = caught.value.phrase.render(translator("en"))
    assert "'no-such-branch' does not exist in this repository" in english
    spanish = caught.value.phrase.render(translator("es"))
    assert "'no-such-branch' no existe en este repositorio" in spanish


def test_a_git_error_is_said_in_the_language_asked_for(repo: Path) -> None:
    from scorecard.render.problems import error_text

    with pytest.raises(GitError) as caught:
        resolve_commit("--help", repo)
    assert error_text(caught.value) == "'--help' is not a git revision"
    assert error_text(caught.value, "es") == "'--help' no es una revisión de git"
    assert error_text(ValueError("plain")) == "plain"


def test_blobs_are_read_by_one_cat_file_process(repo: Path) -> None:
    from scorecard.gitrevs import Blob, RevisionFiles

    blobs = list_blobs("HEAD", repo, ["assessments", "rubrics"])
    assert len(blobs) == 8
    with RevisionFiles(repo, blobs) as files:
        for blob in blobs:
            path = Path(blob.path)
            assert files.read(path) == (repo / path).read_bytes()
            assert files.size(path) == blob.size
        process = files._process
        assert process is not None and process.poll() is None
        missing = Blob("assessments/XZ/2024.yaml", "0" * 40, 10)
        lost = RevisionFiles(repo, [missing])
        with pytest.raises(GitError) as caught:
            lost.read(Path(missing.path))
        from scorecard.render.problems import error_text

        assert re.search(
            r"cat-file assessments/XZ/2024\.yaml failed: 0+ missing", error_text(caught.value)
        )
        lost.close()
    assert files._process is None and process.returncode == 0


# --- only what changed is read ---------------------------------------------------------------


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """What each side reads: blobs at the revision, files on disk (as posix paths)."""
    from scorecard.gitrevs import RevisionFiles
    from scorecard.loading import DiskFiles

    seen: dict[str, list[str]] = {"revision": [], "disk": []}
    at_revision, on_disk = RevisionFiles.read, DiskFiles.read

    def revision_read(self: RevisionFiles, path: Path) -> bytes:
        seen["revision"].append(path.as_posix())
        return at_revision(self, path)

    def disk_read(self: DiskFiles, path: Path) -> bytes:
        seen["disk"].append(path.as_posix())
        return on_disk(self, path)

    monkeypatch.setattr(RevisionFiles, "read", revision_read)
    monkeypatch.setattr(DiskFiles, "read", disk_read)
    return seen


def _assessments(paths: list[str]) -> list[str]:
    """The assessment files among `paths`, named relative to the workspace."""
    tails = (f"/{p}".split("/assessments/") for p in paths)
    return sorted("assessments/" + parts[-1] for parts in tails if len(parts) > 1)


def test_only_changed_assessments_are_read_on_either_side(
    repo: Path, reads: dict[str, list[str]]
) -> None:
    path = repo / "assessments" / "XB" / "2024.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("level: all", "level: none"), encoding="utf-8"
    )
    added = repo / "assessments" / "XE" / "2024.yaml"  # untracked: git diff does not list it
    added.parent.mkdir()
    added.write_text(
        (repo / "assessments/XD/2024.yaml").read_text("utf-8").replace("code: XD", "code: XE"),
        encoding="utf-8",
    )
    entries = diff_pairs(changes_since("HEAD", open_workspace(repo)), "HEAD", "wt").entries
    assert [(e.code, e.change) for e in entries] == [("XB", "changed"), ("XE", "added")]
    assert _assessments(reads["revision"]) == ["assessments/XB/2024.yaml"]
    assert _assessments(reads["disk"]) == [
        "assessments/XB/2024.yaml",
        "assessments/XE/2024.yaml",
    ]


def test_nothing_changed_reads_no_assessment(repo: Path, reads: dict[str, list[str]]) -> None:
    assert changes_since("HEAD", open_workspace(repo)) == []
    assert _assessments(reads["revision"] + reads["disk"]) == []


def test_a_changed_rubric_compares_every_assessment(
    repo: Path, reads: dict[str, list[str]]
) -> None:
    rubric = repo / "rubrics" / "diff-rubric" / "1.1.yaml"
    rubric.write_text(rubric.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    assert diff_pairs(changes_since("HEAD", open_workspace(repo)), "HEAD", "wt").entries == ()
    assert len(_assessments(reads["revision"])) == 6
    assert len(_assessments(reads["disk"])) == 6


def test_a_path_restriction_still_applies_to_what_changed(
    repo: Path, reads: dict[str, list[str]]
) -> None:
    for code in ("XB", "XD"):
        path = repo / "assessments" / code / "2024.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "# touched\n", encoding="utf-8")
    workspace = open_workspace(repo)
    assert changes_since("HEAD", workspace, [repo / "assessments" / "XC"]) == []
    pairs = changes_since("HEAD", workspace, [repo / "assessments" / "XD"])
    assert [(old.assessment.code, new.assessment.code) for old, new in pairs] == [("XD", "XD")]


@pytest.mark.parametrize("setting", ["assessments", "./data/assessments/", "."])
def test_many_files_are_named_as_git_names_each(tmp_path: Path, setting: str) -> None:
    from scorecard.gitrevs import _as_git, _git_names
    from scorecard.workspace import data_files

    found_in = tmp_path / "where"
    for name in ["SV/2024.yaml", "HN-001/2023.json", "a b/é.yml"]:
        (found_in / name).parent.mkdir(parents=True, exist_ok=True)
        (found_in / name).write_text("x: 1\n", encoding="utf-8")
    files = list(data_files(found_in))
    expected = {_as_git(path, found_in, setting): path for path in files}
    assert _git_names(files, found_in, setting) == expected
    assert len(expected) == 3
