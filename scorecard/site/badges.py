"""Shields-style SVG badges: "transparency | 42.0 · limited", one per jurisdiction."""

from __future__ import annotations

from scorecard.charts.svg import BADGE_COLOURS, band_slot, escape
from scorecard.i18n import Translator
from scorecard.model import localize
from scorecard.scoring import Result

# Badge colours from the lowest band to the highest; all keep white text above 4.5:1.
COLOURS = BADGE_COLOURS
GREY = "#555"
MUTED = "#6b7280"


def _text_width(text: str) -> int:
    """An estimate of the width of `text` in 11px Verdana, deterministic and dependency-free."""
    narrow, wide = set("il.,:;|!' ·()"), set("mwMW@%")
    width = 0.0
    for char in text:
        width += 3.5 if char in narrow else 10.0 if char in wide else 7.0
    return int(width) + 10


def badge_colour(result: Result) -> str:
    slot = band_slot([b.id for b in result.rubric.bands], result.band, len(COLOURS))
    return MUTED if slot is None else COLOURS[slot]


def badge_svg(result: Result, t: Translator) -> str:
    """The badge for one result, with a <title> naming the jurisdiction and edition."""
    label = t("badge.label")
    if result.overall is None:
        value = t("score.withheld") if result.status == "withheld" else t("score.na_short")
    else:
        band = result.rubric.band_label(result.band, t.lang)
        value = f"{t.score(result.status, result.overall, rule=result.rubric.display)} · {band}"
    left, right = _text_width(label), _text_width(value)
    total = left + right
    name = localize(result.assessment.name, t.lang)
    title = f"{name} {result.assessment.edition}: {label} {value}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f'<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" '
        f'stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>'
        f'<clipPath id="r"><rect width="{total}" height="20" rx="3" fill="#fff"/></clipPath>'
        f'<g clip-path="url(#r)"><rect width="{left}" height="20" fill="{GREY}"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{badge_colour(result)}"/>'
        f'<rect width="{total}" height="20" fill="url(#s)"/></g>'
        f'<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" '
        f'font-size="11"><text x="{left / 2:g}" y="14">{escape(label)}</text>'
        f'<text x="{left + right / 2:g}" y="14">{escape(value)}</text></g></svg>\n'
    )
