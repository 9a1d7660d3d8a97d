"""Validation in worker processes (scorecard/validation/walk.py) reports exactly what one
process does: the same problems, files, order, quoted documents and edition records, with
and without the cache, for files that fail to parse, break the schema or repeat an edition."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
import yaml
from conftest import copy_bundled_workspace

from scorecard.cache import FOLDER, Cache
from scorecard.validation import check_files
from scorecard.workspace import open_workspace

walk = importlib.import_module("scorecard.validation.batch")


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    root = copy_bundled_workspace(tmp_path / "ws")
    hn = root / "assessments" / "HN" / "2024.yaml"
    hn.write_text(hn.read_text(encoding="utf-8").replace("code: HN", "code: H N", 1))
    sv = root / "assessments" / "SV" / "2024.yaml"
    # The same edition as JSON: the YAML file (read second) repeats it.
    data = yaml.safe_load(sv.read_text(encoding="utf-8"))
    (root / "assessments" / "SV" / "2024.json").write_text(
        json.dumps(data, default=str), encoding="utf-8"
    )
    (root / "assessments" / "SV" / "broken.yaml").write_text("code: [SV\n", encoding="utf-8")
    return root


def _report(root: Path, *, parallel: bool, cached: bool, keep_read: bool = False):  # type: ignore[no-untyped-def]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(walk, "PARALLEL_MIN_FILES", 1 if parallel else 10**9)
        patch.setattr(walk, "default_jobs", lambda: 2)
        cache = Cache(root / FOLDER) if cached else None
        return check_files([], open_workspace(root), cache=cache, models=False, keep_read=keep_read)


def _shown(report) -> tuple:  # type: ignore[no-untyped-def]
    return (
        [
            (p.file, p.line, p.column, p.severity, p.message, p.hint, p.code)
            for p in report.problems
        ],
        report.files,
        report.checked,
        {name: (d.text, d.data is None) for name, d in report.documents.items()},
        report.editions,
        len(report.assessments),
    )


@pytest.mark.parametrize("cached", [False, True])
def test_workers_report_what_one_process_does(root: Path, cached: bool) -> None:
    one = _report(root, parallel=False, cached=cached)
    many = _report(root, parallel=True, cached=cached)
    assert _shown(many) == _shown(one)
    sv = str(root / "assessments" / "SV" / "2024.yaml")
    assert [p.file for p in one.problems if p.code == "duplicate"] == [sv]
    assert sv in one.documents  # quoted like any other file with a problem
    files = {Path(p.file).relative_to(root).as_posix() for p in one.problems}
    assert {"assessments/SV/broken.yaml", "assessments/HN/2024.yaml"} <= files


def test_a_warm_cache_in_workers_reports_the_same(root: Path) -> None:
    cold = _report(root, parallel=True, cached=True)
    warm = _report(root, parallel=True, cached=True)
    assert _shown(warm) == _shown(cold)


def test_models_are_never_checked_in_workers(root: Path) -> None:
    """A caller that wants the models gets them from this process (none are pickled)."""
    report = _report(root, parallel=True, cached=False, keep_read=True)
    assert len(report.assessments) == len(report.editions) > 0
