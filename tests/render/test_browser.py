"""The HTML scorecards in a real browser: no console error, no request but the file itself,
something drawn, and no serious or critical axe-core violation, in light and dark schemes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_support import axe_violations, browser, describe, open_page, png_colours
from render_support import fixture_result

from scorecard.render import render_methodology, render_scorecard

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the fixture, imported for pytest


PAGES = {
    "XB-en": lambda: render_scorecard(fixture_result("XB"), "html", "en"),
    "XB-es": lambda: render_scorecard(fixture_result("XB"), "html", "es"),
    "XZ-hostile": lambda: render_scorecard(fixture_result("XZ"), "html", "en"),
    "methodology-es": lambda: render_methodology(fixture_result("XB").rubric, "html", "es"),
}


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_in_chromium(browser: Any, tmp_path: Path, name: str, dark: bool) -> None:
    path = tmp_path / f"{name}.html"
    path.write_text(PAGES[name](), encoding="utf-8")
    report = open_page(browser, path, dark=dark)
    try:
        assert report.console_errors == [] and report.page_errors == []
        assert report.foreign_requests == [], "the page must make no request of its own"
        shot = report.page.screenshot(full_page=False)
        assert png_colours(shot) > 1, "the screenshot is blank"
        assert report.page.evaluate("document.querySelectorAll('script').length") == 0
        violations = axe_violations(report.page)
        assert violations == [], describe(violations)
    finally:
        report.page.context.close()


def test_phone_width_has_no_horizontal_scroll(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "phone.html"
    path.write_text(PAGES["XZ-hostile"](), encoding="utf-8")
    report = open_page(browser, path, width=360, height=740)
    try:
        overflow = report.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1
    finally:
        report.page.context.close()
