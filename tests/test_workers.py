"""Worker processes (scorecard/workers.py): one that dies is an error with a message, never a
traceback, and a build it was part of leaves no site behind."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest
from conftest import REPO

from scorecard.errors import ScorecardError
from scorecard.workers import forked_pool


def _die(*_: object) -> None:
    os._exit(3)  # as a worker killed by the system would


def test_a_worker_that_dies_is_an_error() -> None:
    with pytest.raises(ScorecardError, match="worker process stopped"), forked_pool(2) as pool:
        list(pool.map(_die, [1, 2]))


def test_validate_reports_a_dead_worker_in_one_line(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    batch = importlib.import_module("scorecard.validation.batch")
    monkeypatch.setattr(batch, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(batch, "default_jobs", lambda: 2)
    monkeypatch.setattr(batch, "_examine_chunk", _die)
    monkeypatch.setenv("SCORECARD_NO_CACHE", "1")
    result = run("--workspace", REPO, "validate")
    assert result.exit_code == 1
    assert "worker process stopped" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_build_whose_worker_dies_leaves_no_site(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    build = importlib.import_module("scorecard.site.build")
    monkeypatch.setattr(build, "_render_chunk", _die)
    monkeypatch.setenv("SCORECARD_NO_CACHE", "1")
    out = tmp_path / "site"
    result = run("--workspace", REPO, "build", "--preview", "-j", "2", "-o", str(out))
    assert result.exit_code == 1
    assert "worker process stopped" in result.stderr
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.build-")]
