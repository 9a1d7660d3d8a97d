"""Shared by the site tests: the workspaces they build, scored."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA

from scorecard.api import load_valid
from scorecard.scoring import Result
from scorecard.site.plan import score_report
from scorecard.workspace import open_workspace

# Three jurisdictions, two editions each; XD's latest edition uses diff-rubric 1.1, the
# others 1.0; XC is a draft.
TWO_RUBRICS = DATA / "diff"


def scored(root: Path) -> list[Result]:
    """Every assessment of the workspace at `root`, scored, in the site's order."""
    workspace = open_workspace(root)
    return score_report(load_valid([workspace.rubrics_dir, workspace.assessments_dir], workspace))


@pytest.fixture(params=["cached", "uncached"], autouse=True)
def cache_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test of a module that imports this runs twice: with the workspace cache (the
    default) and without it (SCORECARD_NO_CACHE=1), so no result, page or byte may differ
    because of the cache."""
    if request.param == "uncached":
        monkeypatch.setenv("SCORECARD_NO_CACHE", "1")
    else:
        monkeypatch.delenv("SCORECARD_NO_CACHE", raising=False)
    return str(request.param)
