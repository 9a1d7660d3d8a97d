"""The pillar bar chart of a scorecard (scorecard/charts/bars.py)."""

from __future__ import annotations

from chart_support import NS, bundled, font_sizes, parse, texts, two_rubrics

from scorecard.charts.bars import PLOT, WIDTH, pillar_bars
from scorecard.charts.svg import MIN_FONT
from scorecard.i18n import translator


def test_each_bar_sits_under_its_full_label() -> None:
    result = two_rubrics()["XD-2024"]
    root = parse(pillar_bars(result, translator("en"), "en"))
    rows = root.findall(f"{NS}g")
    assert len(rows) == len(result.pillars)
    for row in rows:
        label, value = row.findall(f"{NS}text")
        bar = row.find(f"{NS}rect")
        assert bar is not None
        assert float(label.get("y", "0")) < float(bar.get("y", "0"))
        assert float(bar.get("width", "0")) <= PLOT
        assert float(value.get("x", "0")) > PLOT


def test_withheld_pillars_get_words_not_bars() -> None:
    result = bundled()["HN-2024"]
    withheld = [p for p in result.pillars if p.status == "withheld"]
    assert len(withheld) == len(result.pillars)
    svg = pillar_bars(result, translator("en"), "en")
    empty = [r for r in parse(svg).iter(f"{NS}rect") if r.get("class") == "chart-empty"]
    assert len(empty) == len(withheld) and texts(svg).count("Withheld") == len(withheld)
    assert [r for r in parse(svg).iter(f"{NS}rect") if r.get("class") == "chart-bar"] == []


def test_it_fits_a_phone_with_no_small_text() -> None:
    svg = pillar_bars(bundled()["SV-2024"], translator("es"), "es")
    assert float((parse(svg).get("viewBox") or "").split()[2]) == WIDTH <= 364
    assert min(font_sizes(svg)) >= MIN_FONT
