"""Shields-style badges (scorecard/site/badges.py): well-formed SVG, the score in words,
a colour by band, and analyst text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from conftest import REPO
from render_support import HOSTILE_CODE, fixture_result
from site_support import TWO_RUBRICS, scored

from scorecard.i18n import translator
from scorecard.scoring import Result
from scorecard.site.badges import COLOURS, MUTED, badge_colour, badge_svg

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def results() -> dict[str, Result]:
    return {f"{r.assessment.code}-{r.assessment.edition}": r for r in scored(TWO_RUBRICS)}


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [el.text or "" for el in root.iter(f"{SVG}text")]


def test_a_scored_badge_says_score_and_band(results: dict[str, Result]) -> None:
    svg = badge_svg(results["XD-2024"], translator("en"))
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert _texts(svg) == [translator("en")("badge.label"), "81.5 · Extensive"]
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == root.get("aria-label")
    assert "2024" in (title.text or "")
    assert svg.endswith("</svg>\n")


def test_the_badge_speaks_the_language_asked(results: dict[str, Result]) -> None:
    texts = _texts(badge_svg(results["XD-2024"], translator("es")))
    assert texts[0] == translator("es")("badge.label")
    assert texts[1].startswith("81.5 · ")


def test_width_follows_the_text(results: dict[str, Result]) -> None:
    short = ET.fromstring(badge_svg(results["XB-2024"], translator("en")))
    bundled = {r.assessment.code: r for r in scored(REPO)}
    withheld = ET.fromstring(badge_svg(bundled["HN"], translator("en")))
    assert int(short.get("width", "0")) > 100
    assert int(short.get("width", "0")) != int(withheld.get("width", "0"))


def test_colours_run_from_the_lowest_band_to_the_highest(results: dict[str, Result]) -> None:
    best = results["XD-2024"]  # the top band of diff-rubric
    assert best.band == best.rubric.bands[-1].id
    assert badge_colour(best) == COLOURS[-1]
    assert f'fill="{COLOURS[-1]}"' in badge_svg(best, translator("en"))
    low = fixture_result("XB")  # test-rubric's lowest band
    assert low.band == low.rubric.bands[0].id
    assert badge_colour(low) == COLOURS[0]


def test_a_withheld_score_is_grey_and_says_withheld() -> None:
    bundled = {r.assessment.code: r for r in scored(REPO)}
    hn = bundled["HN"]
    assert hn.overall is None
    svg = badge_svg(hn, translator("en"))
    assert badge_colour(hn) == MUTED
    assert _texts(svg)[1] == translator("en")("score.withheld")
    assert "0.0" not in svg


def test_hostile_names_are_escaped() -> None:
    result = fixture_result(HOSTILE_CODE)
    svg = badge_svg(result, translator("en"))
    root = ET.fromstring(svg)  # still well-formed
    assert "<script" not in svg
    title = root.find(f"{SVG}title")
    assert title is not None and "<script>" in (title.text or "")  # as text, not markup
