"""The change chart (scorecard/charts/change.py): a key, a titled axis, readable on a phone."""

from __future__ import annotations

from chart_support import NS, font_sizes, parse, texts, two_rubrics

from scorecard.charts.change import WIDTH, change_chart_svg
from scorecard.charts.svg import MIN_FONT
from scorecard.diff import diff_results
from scorecard.i18n import translator


def _diff(code: str):  # type: ignore[no-untyped-def]
    found = two_rubrics()
    return diff_results(found[f"{code}-2023"], found[f"{code}-2024"])


def test_a_key_names_the_old_and_the_new_edition() -> None:
    svg = change_chart_svg(_diff("XB"), "en")
    root = parse(svg)
    swatches = root.findall(f"{NS}path")
    assert [s.get("class") for s in swatches] == ["chart-bar-old", "chart-bar"]
    assert texts(svg)[:2] == ["2023", "2024"]


def test_the_axis_has_ticks_and_a_title_in_the_language_asked() -> None:
    assert {"0", "25", "50", "75", "100", "Score, out of 100"} <= set(
        texts(change_chart_svg(_diff("XB"), "en"))
    )
    assert translator("es")("site.chart.axis", max="100") in texts(
        change_chart_svg(_diff("XB"), "es")
    )


def test_figures_sit_beside_each_label() -> None:
    words = texts(change_chart_svg(_diff("XD"), "en"))
    assert "Homicide data" in words and "40.0 → 85.0 (+45.0)" in words
    assert "Overall" in words and "61.1 → 81.5 (+20.4)" in words


def test_it_fits_a_phone_with_no_small_text() -> None:
    svg = change_chart_svg(_diff("XC"), "es")
    assert float((parse(svg).get("viewBox") or "").split()[2]) == WIDTH <= 364
    assert min(font_sizes(svg)) >= MIN_FONT
