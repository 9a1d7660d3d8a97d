"""The publication policy (`publish` in scorecard.toml): the site shows only the editions whose
status the workspace publishes; `build --preview` shows every edition, marked with its status.

Issue 13: a 2025 draft displaced the published 2022 edition on the home page, and the banner
called drafts "EXAMPLE"."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from site_support import (
    TWO_RUBRICS,
    cache_mode,  # noqa: F401  (autouse: every test with and without the cache)
)

from scorecard.errors import InvalidInput
from scorecard.workspace import Settings, open_workspace


def _drafted_workspace(tmp_path: Path) -> Path:
    """XB's 2024 edition turned into a draft (its 2023 edition stays published); XC is all
    drafts; XD is published."""
    root = tmp_path / "ws"
    shutil.copytree(TWO_RUBRICS, root)
    newest = root / "assessments/XB/2024.yaml"
    text = newest.read_text(encoding="utf-8").replace("status: published", "status: draft")
    newest.write_text(text, encoding="utf-8")
    return root


def _scores(site: Path) -> list[tuple[str, str, str]]:
    document = json.loads((site / "data/scores.json").read_text(encoding="utf-8"))
    return sorted(
        (r["jurisdiction"]["code"], r["edition"], r["status"]) for r in document["results"]
    )


def test_a_new_workspace_publishes_published_editions_only() -> None:
    assert Settings().publish == ("published",)


def test_the_site_shows_no_draft_and_ranks_the_latest_published_edition(
    run, tmp_path: Path
) -> None:
    root = _drafted_workspace(tmp_path)
    result = run("--workspace", root, "build", "-o", tmp_path / "site")
    assert result.exit_code == 0, result.stderr
    site = tmp_path / "site"
    assert not (site / "XB/2024.html").exists()
    assert not (site / "XC").exists() and not (site / "badges/XC.svg").exists()
    assert (site / "XB/2023.html").is_file()
    assert {status for _, _, status in _scores(site)} == {"published"}
    index = (site / "index.html").read_text(encoding="utf-8")
    # The ranking links XB's latest *published* edition, not the draft that followed it.
    assert 'href="XB/2023.html"' in index and "XB/2024" not in index
    assert 'role="note"' not in index  # no banner: everything shown is published
    jurisdiction = (site / "XB/index.html").read_text(encoding="utf-8")
    assert "2024.html" not in jurisdiction


def test_a_preview_shows_every_edition_marked_with_its_real_status(run, tmp_path: Path) -> None:
    root = _drafted_workspace(tmp_path)
    result = run("--workspace", root, "build", "-o", tmp_path / "preview", "--preview")
    assert result.exit_code == 0, result.stderr
    site = tmp_path / "preview"
    assert ("XB", "2024", "draft") in _scores(site)
    assert (site / "XC/2024.html").is_file()
    for page in ("XB/2024.html", "XC/2023.html", "XC/2024.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert re.search(r'class="banner banner-draft"[^>]*><strong>Draft</strong>', html), page
    index = (site / "index.html").read_text(encoding="utf-8")
    banner = re.search(r'<p class="banner[^"]*" role="note"><strong>([^<]*)</strong>', index)
    assert banner is not None and banner.group(1) == "Draft"  # not "Example"
    assert "Example" not in index
    jurisdiction = (site / "XC/index.html").read_text(encoding="utf-8")
    assert "<strong>Draft</strong>" in jurisdiction


def test_the_bundled_workspace_publishes_its_examples() -> None:
    from conftest import REPO

    assert set(open_workspace(REPO).settings.publish) == {"published", "example"}


def test_a_site_with_nothing_published_yet_is_an_empty_ranking(run, tmp_path: Path) -> None:
    root = _drafted_workspace(tmp_path)
    (root / "scorecard.toml").write_text('publish = ["in-review"]\n', encoding="utf-8")
    result = run("--workspace", root, "build", "-o", tmp_path / "site")
    assert result.exit_code == 0, result.stderr
    assert _scores(tmp_path / "site") == []
    assert (tmp_path / "site/methodology.html").is_file()


@pytest.mark.parametrize(
    "setting", ['publish = "published"', "publish = []", 'publish = ["publish"]']
)
def test_a_bad_publication_policy_is_a_located_error(tmp_path: Path, setting: str) -> None:
    (tmp_path / "scorecard.toml").write_text(setting + "\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        open_workspace(tmp_path)
    assert [p.message.key for p in caught.value.problems] == ["problem.settings.publish"]
