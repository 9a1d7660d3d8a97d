"""A jurisdiction's history chart (scorecard/charts/history.py)."""

from __future__ import annotations

from chart_support import NS, bundled, font_sizes, parse, texts, two_rubrics

from scorecard.charts.history import HEIGHT, MIN_WIDTH, STEP, history_chart
from scorecard.charts.svg import MIN_FONT
from scorecard.i18n import translator


def test_scores_are_points_on_a_line() -> None:
    found = two_rubrics()
    svg = history_chart([found["XD-2023"], found["XD-2024"]], translator("en"))
    root = parse(svg)
    assert len(root.findall(f".//{NS}circle")) == 2
    assert len(root.findall(f".//{NS}polyline")) == 1
    assert {"61.1", "81.5", "2023", "2024"} <= set(texts(svg))


def test_a_withheld_edition_is_a_gap_not_a_zero() -> None:
    found = bundled()
    svg = history_chart([found["HN-2023"], found["HN-2024"]], translator("en"))
    root = parse(svg)
    assert root.findall(f".//{NS}circle") == []  # no marker, least of all on the zero line
    assert root.findall(f".//{NS}polyline") == []
    states = [el for el in root.iter(f"{NS}text") if el.text == "Withheld"]
    assert len(states) == 2
    bottom = HEIGHT - 36  # the zero line
    for state in states:
        assert float(state.get("y", "0")) < bottom - 50  # written mid-plot, far from zero
    dashed = [el for el in root.iter(f"{NS}line") if el.get("stroke-dasharray") == "3 3"]
    assert len(dashed) == 4  # two dashed halves per edition, broken where the state is


def test_a_gap_breaks_the_line() -> None:
    scored = two_rubrics()
    found = bundled()
    series = [scored["XD-2023"], found["HN-2024"], scored["XD-2024"]]
    root = parse(history_chart(series, translator("en")))
    assert len(root.findall(f".//{NS}circle")) == 2
    assert root.findall(f".//{NS}polyline") == []  # two single points, nothing joins them


def test_the_chart_widens_with_the_editions() -> None:
    found = two_rubrics()
    few = parse(history_chart([found["XD-2023"], found["XD-2024"]], translator("en")))
    many = parse(history_chart([found["XD-2023"], found["XD-2024"]] * 5, translator("en")))
    assert float((few.get("viewBox") or "").split()[2]) == MIN_WIDTH
    assert float((many.get("viewBox") or "").split()[2]) >= STEP * 9
    assert min(font_sizes(history_chart([found["XD-2024"]], translator("es")))) >= MIN_FONT
