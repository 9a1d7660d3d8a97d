"""The rank-interval chart of a sensitivity analysis (scorecard/charts/ranks.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from chart_support import NS, bundled, parse, two_rubrics
from conftest import DATA

from scorecard.charts.ranks import rank_intervals
from scorecard.i18n import translator
from scorecard.sensitivity import SensitivitySettings, analyse

SETTINGS = SensitivitySettings(draws=200, seed=3)


def test_one_row_per_ranked_jurisdiction_with_its_interval_and_published_rank() -> None:
    report = analyse(two_rubrics().values(), SETTINGS)
    chart = rank_intervals(report, translator("en"), id_prefix="r")
    assert chart is not None
    svg = parse(chart)
    rows = svg.findall(f"{NS}g")
    assert len(rows) == len(report.ranked) >= 2
    for row, ranked in zip(rows, report.ranked, strict=True):
        title = row.findtext(f"{NS}title") or ""
        assert f"published rank {ranked.rank}" in title
        assert row.find(f"{NS}circle") is not None  # the published rank
        line = row.find(f"{NS}line[@class='chart-interval']")
        assert line is not None and float(line.get("x1", 0)) <= float(line.get("x2", 0))
    texts = [t.text for t in svg.iter(f"{NS}text")]
    assert "Rank (1 = highest score)" in texts  # the axis is labelled
    assert "published rank" in texts  # and there is a legend
    assert all(float(t.get("font-size", 0)) >= 11 for t in svg.iter(f"{NS}text"))


def test_rank_one_is_drawn_at_the_left() -> None:
    report = analyse(two_rubrics().values(), SETTINGS)
    svg = parse(rank_intervals(report, translator("en"), id_prefix="r"))
    dots = {
        (g.findtext(f"{NS}title") or "").split(":")[0]: float(g.find(f"{NS}circle").get("cx", 0))  # type: ignore[union-attr]
        for g in svg.findall(f"{NS}g")
    }
    first = next(j for j in report.ranked if j.rank == 1)
    assert dots[first.name["en"] if isinstance(first.name, dict) else first.name] == min(
        dots.values()
    )


def test_no_chart_for_fewer_than_two_ranked() -> None:
    report = analyse(bundled().values(), SETTINGS)
    assert len(report.ranked) < 2
    assert rank_intervals(report, translator("en"), id_prefix="r") is None


def test_the_chart_speaks_spanish() -> None:
    report = analyse(two_rubrics().values(), SETTINGS)
    svg = parse(rank_intervals(report, translator("es"), id_prefix="r"))
    assert svg.findtext(f"{NS}title") == "Cuánto depende cada puesto del método"


def test_sensitivity_svg_format(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "ranks.svg"
    result = run(
        "sensitivity", str(DATA / "diff" / "assessments"), "--format", "svg", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    assert parse(out.read_text(encoding="utf-8")).get("role") == "img"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_sensitivity_svg_with_one_ranked_jurisdiction_says_why(run, lang: str) -> None:  # type: ignore[no-untyped-def]
    from conftest import REPO

    result = run("sensitivity", str(REPO / "assessments"), "--format", "svg", "--lang", lang)
    assert result.exit_code == 2
    assert ("at least two" if lang == "en" else "al menos dos") in result.output
    assert "<svg" not in result.output and "Traceback" not in result.output
