"""The workspace cache (scorecard/cache.py) as `validate` uses it: a whole-workspace check
after one change reads only that file; the report is the same with and without the cache;
a changed rubric, date or tool invalidates; broken entries are made again."""

from __future__ import annotations

import datetime as dt
import importlib
import shutil
from pathlib import Path

import pytest
from conftest import REPO

from scorecard.cache import FOLDER, Cache
from scorecard.validation import check_files
from scorecard.workspace import open_workspace


@pytest.fixture(autouse=True)
def _cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCORECARD_NO_CACHE", raising=False)


@pytest.fixture()
def workspace_root(tmp_path: Path) -> Path:
    """The bundled workspace plus a file with a warning and one with an error."""
    root = tmp_path / "ws"
    for folder in ("rubrics", "assessments"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "scorecard.toml", root / "scorecard.toml")
    broken = root / "assessments" / "HN" / "2024.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("code: HN", "code: H N", 1))
    return root


@pytest.fixture()
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose assessment checks run (not answered from the cache)."""
    seen: list[str] = []
    walk = importlib.import_module("scorecard.validation.batch")
    original = walk.check_assessment

    def counting(document, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(Path(document.path).resolve().as_posix().split("/ws/", 1)[1])
        return original(document, *args, **kwargs)

    monkeypatch.setattr(walk, "check_assessment", counting)
    return seen


def _check(root: Path, *, cached: bool, today: dt.date | None = None):  # type: ignore[no-untyped-def]
    workspace = open_workspace(root)
    cache = Cache(root / FOLDER) if cached else None
    return check_files([], workspace, cache=cache, models=False, today=today)


def test_validate_prints_the_same_with_and_without_the_cache(run, workspace_root: Path) -> None:
    outputs = []
    for environment in ("", "", "1"):  # cold cache, warm cache, no cache
        for fmt in ("text", "json", "github"):
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("SCORECARD_NO_CACHE", environment)
                result = run("--workspace", workspace_root, "validate", "--format", fmt)
            outputs.append((fmt, result.exit_code, result.stdout, result.stderr))
    cold, warm, none = outputs[:3], outputs[3:6], outputs[6:]
    assert cold == warm == none
    assert cold[0][1] == 1  # the broken file is an error every time
    assert "H N" in cold[0][2] + cold[0][3]


def test_after_one_change_only_that_file_is_checked_again(
    workspace_root: Path, counted: list[str]
) -> None:
    first = _check(workspace_root, cached=True)
    assert len(counted) == first.files - 2  # every assessment (the rubrics are not counted)
    counted.clear()

    second = _check(workspace_root, cached=True)
    # Only the file with a problem is checked again (its report quotes it exactly).
    assert counted == ["assessments/HN/2024.yaml"]
    assert second.problems == first.problems
    assert second.checked == first.checked and second.files == first.files
    assert [e.display for e in second.editions] == [e.display for e in first.editions]
    counted.clear()

    changed = workspace_root / "assessments" / "SV" / "2023.yaml"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n# a comment\n")
    _check(workspace_root, cached=True)
    assert sorted(counted) == ["assessments/HN/2024.yaml", "assessments/SV/2023.yaml"]


def test_a_changed_rubric_or_date_invalidates_every_assessment(
    workspace_root: Path, counted: list[str]
) -> None:
    _check(workspace_root, cached=True)
    every = len(counted)
    counted.clear()
    rubric = next((workspace_root / "rubrics").rglob("1.0.yaml"))
    rubric.write_text(rubric.read_text(encoding="utf-8") + "\n# edited\n")
    _check(workspace_root, cached=True)
    assert len(counted) == every
    counted.clear()
    _check(workspace_root, cached=True, today=dt.date.today() + dt.timedelta(days=1))
    assert len(counted) == every


def test_without_models_the_report_lists_every_valid_edition(workspace_root: Path) -> None:
    cold = _check(workspace_root, cached=True)
    warm = _check(workspace_root, cached=True)
    plain = _check(workspace_root, cached=False)
    assert len(cold.assessments) == len(plain.assessments) == len(cold.editions)
    assert warm.assessments == []  # nothing was read again
    assert [(e.code, e.edition) for e in warm.editions] == [
        (e.code, e.edition) for e in plain.editions
    ]


def test_broken_entries_are_checked_again(workspace_root: Path, counted: list[str]) -> None:
    first = _check(workspace_root, cached=True)
    for entry in (workspace_root / FOLDER / "validate").glob("*/*"):
        entry.write_bytes(entry.read_bytes()[:-5])
    counted.clear()
    again = _check(workspace_root, cached=True)
    assert len(counted) == first.files - 2
    assert again.problems == first.problems


def test_a_folder_that_is_no_workspace_gets_no_cache(tmp_path: Path) -> None:
    assert Cache.for_workspace(tmp_path) is None
    (tmp_path / "assessments").mkdir()
    assert Cache.for_workspace(tmp_path) is not None


def test_an_unwritable_cache_is_skipped(tmp_path: Path) -> None:
    (tmp_path / FOLDER).write_text("a file where the folder would be")
    cache = Cache(tmp_path / FOLDER)
    cache.put("validate", "ab" * 32, {"code": "X"})  # no error
    assert cache.get("validate", "ab" * 32) is None


def test_init_and_this_repository_ignore_the_cache() -> None:
    from scorecard.scaffold import _init_file

    assert FOLDER + "/" in _init_file("gitignore").splitlines()
    assert FOLDER + "/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
