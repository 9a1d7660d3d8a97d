"""The chart building blocks (scorecard/charts/svg.py)."""

from __future__ import annotations

import pytest
from chart_support import parse

from scorecard.charts.svg import (
    BADGE_COLOURS,
    HEAT_SHADES,
    MIN_FONT,
    band_slot,
    fit,
    svg_document,
    text_element,
)


def test_text_under_the_minimum_size_is_refused() -> None:
    assert 'font-size="11"' in text_element("ok", font_size=MIN_FONT)
    with pytest.raises(ValueError):
        text_element("tiny", font_size=10)
    with pytest.raises(ValueError):
        text_element("unsized")


def test_a_chart_is_never_drawn_below_its_own_size() -> None:
    svg = parse(svg_document(width=360, height=100, title="t", desc="d", body=[], id_prefix="c"))
    assert svg.get("viewBox") == "0 0 360 100"
    assert svg.get("style") == "min-width:360px;max-width:540px"


def test_fit_truncates_to_the_room_at_that_size() -> None:
    assert fit("Short", 200, 11) == "Short"
    long = fit("A pillar title far too long for its column", 100, 11)
    assert long.endswith("…") and len(long) <= 100 / (0.62 * 11) + 1


def test_bands_spread_from_the_first_colour_to_the_last() -> None:
    bands = ["scant", "minimal", "limited", "substantial", "extensive"]
    assert [band_slot(bands, b, len(HEAT_SHADES)) for b in bands] == [0, 1, 2, 4, 5]
    assert [band_slot(bands, b, len(BADGE_COLOURS)) for b in bands] == [0, 1, 2, 3, 4]
    assert band_slot(bands, None, 6) is None and band_slot(bands, "other", 6) is None
    assert band_slot(["only"], "only", 6) == 0


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_worst_band_is_the_most_salient_and_every_label_is_legible() -> None:
    white = "#ffffff"
    # Salience against the page: the lowest band's shade stands out most.
    distances = [_contrast(fill, white) for fill, _ in HEAT_SHADES]
    assert distances[0] == max(distances)
    assert distances[0] > 2 * max(distances[1:])
    for fill, ink in HEAT_SHADES:
        assert _contrast(fill, ink) >= 4.5, fill
    for colour in BADGE_COLOURS:
        assert _contrast(colour, white) >= 4.5
