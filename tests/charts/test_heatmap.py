"""The index heat-map (scorecard/charts/heatmap.py)."""

from __future__ import annotations

from chart_support import NS, bundled, font_sizes, parse, texts, two_rubrics

from scorecard.charts.heatmap import CELL_W, HEAT_SHADES, LABEL_W, band_shade, pillar_heatmap
from scorecard.charts.svg import MIN_FONT
from scorecard.i18n import translator


def _latest() -> list:
    found = two_rubrics()
    return [found["XD-2024"], found["XB-2024"], found["XC-2024"]]


def test_every_jurisdiction_is_shown_whatever_its_rubric_version() -> None:
    latest = _latest()
    newest = latest[0].rubric
    assert newest.ref == "diff-rubric@1.1" and latest[1].rubric.ref == "diff-rubric@1.0"
    svg = pillar_heatmap(latest, translator("en"), rubric=newest)
    words = texts(svg)
    assert "XD Xandria" in words  # the newest rubric: no mark
    assert "XB Xebia¹" in words and "XC Xerxia¹" in words
    assert "¹ Rubric diff-rubric@1.0" in words  # the key names the other version
    desc = parse(svg).find(f"{NS}desc")
    assert desc is not None and "Xebia (Rubric diff-rubric@1.0)" in (desc.text or "")
    # One cell per pillar for every row.
    cells = [r for r in parse(svg).iter(f"{NS}rect") if r.get("width") == str(CELL_W - 2)]
    assert len(cells) == 3 * len(newest.pillars)


def test_one_rubric_version_needs_no_mark() -> None:
    found = two_rubrics()
    svg = pillar_heatmap([found["XB-2024"], found["XC-2024"]], translator("en"))
    assert not any("¹" in text for text in texts(svg))


def test_the_lowest_band_gets_the_darkest_shade() -> None:
    rubric = _latest()[0].rubric
    lowest, highest = rubric.bands[0].id, rubric.bands[-1].id
    assert band_shade(rubric, lowest) == HEAT_SHADES[0]
    assert band_shade(rubric, highest) == HEAT_SHADES[-1]
    assert band_shade(rubric, lowest)[1] == "#ffffff"  # white text on the dark red


def test_withheld_cells_are_marked_and_explained_in_the_key() -> None:
    found = bundled()
    latest = [found["SV-2024"], found["EC-2024"], found["HN-2024"]]
    svg = pillar_heatmap(latest, translator("es"))
    words = texts(svg)
    assert words.count("—") >= 6 and "— Retenida" in words
    desc = parse(svg).find(f"{NS}desc")
    assert desc is not None and "Retenida" in (desc.text or "")


def test_six_pillars_fit_a_phone_and_no_text_is_small() -> None:
    found = bundled()
    svg = pillar_heatmap([found["SV-2024"]], translator("en"))
    width = float((parse(svg).get("viewBox") or "").split()[2])
    assert len(found["SV-2024"].rubric.pillars) == 6
    assert width == LABEL_W + 6 * CELL_W + 4 <= 364  # a 390 px screen, less the page margins
    assert min(font_sizes(svg)) >= MIN_FONT


def test_column_labels_are_slanted_not_cut() -> None:
    found = bundled()
    svg = pillar_heatmap([found["SV-2024"]], translator("en"))
    headers = [el for el in parse(svg).iter(f"{NS}text") if el.get("transform")]
    assert len(headers) == 6
    assert all((el.get("transform") or "").startswith("rotate(45 ") for el in headers)
    assert "Written, published security strategy"[:18] in (headers[0].text or "")
