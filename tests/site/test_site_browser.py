"""The built site in a real headless Chromium, opened from file:// as a reader would."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import browser_support
import pytest
from browser_support import axe_violations, describe, open_page
from conftest import REPO

pytestmark = pytest.mark.browser
browser = browser_support.browser  # the shared session fixture


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from scorecard.cli import app

    root = tmp_path_factory.mktemp("site-browser")
    for folder in ("rubrics", "assessments"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "scorecard.toml", root / "scorecard.toml")  # publishes its examples
    result = CliRunner().invoke(
        app, ["--workspace", str(root), "build", "--lang", "all"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    return root / "site"


def test_a_reader_follows_links_from_the_index_to_a_scorecard(browser: Any, site: Path) -> None:
    report = open_page(browser, site / "en" / "index.html")
    page = report.page
    visited = [page.url]
    page.click("table.ranking a[href='SV/index.html']")
    page.wait_for_load_state("load")
    visited.append(page.url)
    assert page.url.endswith("/en/SV/index.html")
    assert "El Salvador" in page.locator("h1").inner_text()
    page.click("table.editions a[href='2024.html']")
    page.wait_for_load_state("load")
    visited.append(page.url)
    assert page.url.endswith("/en/SV/2024.html")
    assert page.locator(".banner").first.is_visible()  # an example says so prominently
    page.click("nav.site-nav a[hreflang='es']")
    page.wait_for_load_state("load")
    visited.append(page.url)
    assert page.url.endswith("/es/SV/2024.html")
    assert page.locator("html").get_attribute("lang") == "es"
    assert report.console_errors == [] and report.page_errors == []
    unexpected = [url for url in report.requests if url not in visited]
    assert unexpected == [], f"requests beyond the pages themselves: {unexpected}"
    page.context.close()


@pytest.mark.parametrize("relative", ["en/index.html", "es/SV/index.html", "en/methodology.html"])
def test_site_pages_have_no_serious_accessibility_violations(
    browser: Any, site: Path, relative: str
) -> None:
    report = open_page(browser, site / relative)
    violations = axe_violations(report.page)
    assert violations == [], describe(violations)
    assert report.console_errors == [] and report.foreign_requests == []
    report.page.context.close()
