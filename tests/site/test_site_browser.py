"""The built site in a real headless Chromium, opened from file:// as a reader would: at phone
(390 px), tablet (768 px) and desktop (1280 px) widths, every kind of page keeps its chart text
readable, fits the screen, breaks no word in a table, and passes axe (best practice included)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import browser_support
import pytest
from browser_support import axe_violations, describe, layout_report, open_page
from conftest import DATA, REPO

pytestmark = pytest.mark.browser
browser = browser_support.browser  # the shared session fixture

WIDTHS = (390, 768, 1280)

# One page of every kind, from three sites: the bundled one (every score withheld, two
# languages), one whose jurisdictions use two rubric versions (scores, changes, a draft), and
# the render fixture (hostile text; a URL with "|" and "<"). Every page is measured at every
# width; axe (a few seconds on a long page) runs at every width on one small page of each
# kind, and once on the others.
AXE_AT_EVERY_WIDTH = [
    "bundled/index.html",  # the language chooser
    "rubrics/en/index.html",
    "rubrics/en/XD/index.html",
    "rubrics/es/XC/2024.html",
    "rubrics/en/methodology-diff-rubric-1.0.html",
    "hostile/XZ/2024.html",
]
AXE_ONCE = [
    "bundled/en/index.html",
    "bundled/es/SV/index.html",
    "bundled/en/SV/2024.html",
    "bundled/es/methodology.html",
    "hostile/index.html",
]
PAGES = AXE_AT_EVERY_WIDTH + AXE_ONCE


def _build(root: Path, out: Path, *args: str) -> None:
    from typer.testing import CliRunner

    from scorecard.cli import app

    result = CliRunner().invoke(
        app, ["--workspace", str(root), "build", "-o", str(out), *args], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    top = tmp_path_factory.mktemp("site-browser")
    bundled = top / "ws"
    for folder in ("rubrics", "assessments"):
        shutil.copytree(REPO / folder, bundled / folder)
    shutil.copy(REPO / "scorecard.toml", bundled / "scorecard.toml")  # publishes its examples
    _build(bundled, top / "bundled", "--lang", "all")
    # Previews: every page of every status (drafts and examples included), each marked.
    _build(DATA / "diff", top / "rubrics", "--lang", "all", "--preview")
    _build(DATA / "render" / "workspace", top / "hostile", "--preview")
    return top


def test_a_reader_follows_links_from_the_index_to_a_scorecard(browser: Any, sites: Path) -> None:
    report = open_page(browser, sites / "bundled" / "en" / "index.html")
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


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("relative", PAGES)
def test_every_page_reads_well_at_every_width(
    browser: Any, sites: Path, relative: str, width: int
) -> None:
    report = open_page(browser, sites / relative, width=width, height=900)
    try:
        layout = layout_report(report.page)
        assert layout.small_text == [], f"chart text under 11 CSS px: {layout.small_text}"
        assert layout.overflow <= 1, f"the page is {layout.overflow} px wider than the screen"
        assert layout.broken_cells == [], f"broken across lines: {layout.broken_cells}"
        if layout.meta_rows:  # a scorecard: no fact left alone on the last row
            assert len(layout.meta_rows) == 1 or layout.meta_rows[-1] > 1, layout.meta_rows
        if relative in AXE_AT_EVERY_WIDTH or width == WIDTHS[0]:
            violations = axe_violations(report.page, impacts=None)
            assert violations == [], describe(violations)
        assert report.console_errors == [] and report.page_errors == []
        assert report.foreign_requests == []
    finally:
        report.page.context.close()


@pytest.mark.parametrize("relative", ["rubrics/en/XD/index.html", "bundled/en/SV/2024.html"])
def test_a_phone_narrower_than_a_chart_scrolls_it_by_keyboard_too(
    browser: Any, sites: Path, relative: str
) -> None:
    """At 320 px a chart (360 px at its own size) scrolls inside its figure, which takes the
    keyboard focus; the page itself still fits."""
    report = open_page(browser, sites / relative, width=320, height=700)
    try:
        layout = layout_report(report.page)
        assert layout.small_text == [] and layout.overflow <= 1
        violations = axe_violations(report.page, impacts=None)
        assert violations == [], describe(violations)
    finally:
        report.page.context.close()


def test_printing_shows_whole_tables_and_charts(browser: Any, sites: Path) -> None:
    """On paper nothing scrolls: the boxes that scroll on screen let their tables show."""
    report = open_page(browser, sites / "bundled/es/SV/index.html", width=390)
    page = report.page
    try:
        screen = page.evaluate(
            "[...document.querySelectorAll('.table-scroll, .chart-figure')]"
            ".map(e => getComputedStyle(e).overflowX)"
        )
        assert set(screen) == {"auto"} and len(screen) >= 3
        page.emulate_media(media="print")
        printed = page.evaluate(
            "[...document.querySelectorAll('.table-scroll, .chart-figure')]"
            ".map(e => getComputedStyle(e).overflowX)"
        )
        assert set(printed) == {"visible"}
        assert page.locator("nav.site-nav").is_hidden()
    finally:
        page.context.close()
