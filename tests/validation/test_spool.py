"""The spool (scorecard/validation/spool.py): models set aside by whoever validated them,
worker processes included, and read back by the build instead of reading and checking every
file again; a private folder, removed when the spool closes."""

from __future__ import annotations

import importlib
import shutil
import stat
import tempfile
from pathlib import Path

import pytest
from conftest import copy_bundled_workspace

from scorecard.api import load_valid
from scorecard.cache import FOLDER, Cache
from scorecard.site import build_site
from scorecard.validation import Spool, check_files, read_model
from scorecard.workspace import open_workspace

batch = importlib.import_module("scorecard.validation.batch")


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    return copy_bundled_workspace(tmp_path / "ws")


@pytest.fixture()
def in_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(batch, "default_jobs", lambda: 2)


@pytest.mark.usefixtures("in_workers")
def test_models_set_aside_by_workers_read_back_the_same(root: Path) -> None:
    workspace = open_workspace(root)
    expected = {(a.code, a.edition): a for a in check_files([], workspace).assessments}
    with Spool() as spool:
        report = check_files([], workspace, models=False, keep_read=False, spool=spool)
        assert report.assessments == []
        assert len(report.editions) == len(expected) > 0
        assert all(record.stored for record in report.editions)
        read = {(r.code, r.edition): read_model(r.stored) for r in report.editions}
        assert read == expected
        written = sorted(spool.folder.iterdir())
        assert written and all(p.stat().st_mode & 0o077 == 0 for p in written)
        assert stat.S_IMODE(spool.folder.stat().st_mode) == 0o700
    assert not spool.folder.exists()


@pytest.mark.usefixtures("in_workers")
def test_files_answered_from_the_cache_or_with_problems_are_not_set_aside(root: Path) -> None:
    workspace = open_workspace(root)
    cache = Cache(root / FOLDER)
    check_files([], workspace, cache=cache, models=False, keep_read=False)  # warms it
    changed = root / "assessments" / "SV" / "2024.yaml"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    broken = root / "assessments" / "HN" / "2024.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("code: HN", "code: H N", 1))
    with Spool() as spool:
        report = check_files([], workspace, cache=cache, models=False, keep_read=False, spool=spool)
        stored = [(r.code, r.edition) for r in report.editions if r.stored]
    assert stored == [("SV", "2024")]
    assert report.errors


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.usefixtures("in_workers")
def test_a_site_from_set_aside_models_is_the_same(root: Path, tmp_path: Path, jobs: int) -> None:
    workspace = open_workspace(root)
    folders = [workspace.rubrics_dir, workspace.assessments_dir]
    languages = ["en", "es"]
    plain = load_valid(folders, workspace, models=False)
    build_site(workspace, plain, tmp_path / "read", languages, preview=True, jobs=jobs)
    with Spool() as spool:
        spooled = load_valid(folders, workspace, models=False, spool=spool)
        assert all(record.stored for record in spooled.editions)
        # The files are not read again: gone, the site is still made from what was checked.
        shutil.rmtree(root / "assessments")
        build_site(workspace, spooled, tmp_path / "spooled", languages, preview=True, jobs=jobs)
    assert _tree(tmp_path / "spooled") == _tree(tmp_path / "read")


def test_a_build_leaves_no_spool_behind(
    run, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    built = run("--workspace", root, "build", "-o", tmp_path / "site", "--clean")
    assert built.exit_code == 0, built.stderr
    failed = run("--workspace", root, "build", "-o", root / "rubrics" / "site")
    assert failed.exit_code != 0 and "refusing" in failed.stderr
    assert list(temporary.iterdir()) == []


@pytest.mark.usefixtures("in_workers")
def test_scores_read_back_from_the_spool_are_the_same(root: Path) -> None:
    from scorecard.api import score_paths

    workspace = open_workspace(root)
    kept = list(score_paths([root / "assessments"], workspace).results)
    with Spool() as spool:
        run = score_paths([root / "assessments"], workspace, spool)
        assert run.results.count == len(kept) > 0
        assert list(run.results) == kept


def test_score_leaves_no_spool_behind(
    run, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    scored = run("score", root / "assessments", "--format", "json")
    assert scored.exit_code == 0, scored.stderr
    assert list(temporary.iterdir()) == []
