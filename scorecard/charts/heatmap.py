"""The index heat-map: one row per jurisdiction, one column per pillar, each cell shaded by its
score's band and labelled with the score itself (colour is never the only carrier).

Every jurisdiction is shown, whichever rubric version its latest edition uses: columns are the
pillars of the newest rubric (matched by id), and a row scored with another version is marked,
with the version named in the key below the grid. The worst band has the most salient shade.
Column labels are slanted so long pillar titles neither collide nor get cut; a grid of six
pillars fits a phone's width.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from scorecard.charts.svg import (
    HEAT_SHADES,
    NO_BAND,
    band_slot,
    element,
    fit,
    svg_document,
    text_element,
    text_width,
)
from scorecard.i18n import Translator
from scorecard.model import Rubric, localize
from scorecard.scoring import Result
from scorecard.scoring import shown as scored

CELL_W, CELL_H = 40, 26
LABEL_W = 118
SLANT_LABEL = 170  # the room along a slanted column label
HEADER_H = 128  # SLANT_LABEL * sin 45°, and a little
FONT = 11
KEY_ROW = 18
MARKERS = ("¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹")
EMPTY = "—"


def band_shade(rubric: Rubric, band_id: str | None) -> tuple[str, str]:
    """(fill, text colour) for a band: spread over the palette from the lowest band up."""
    slot = band_slot([b.id for b in rubric.bands], band_id, len(HEAT_SHADES))
    return NO_BAND if slot is None else HEAT_SHADES[slot]


def pillar_heatmap(
    results: Sequence[Result],
    t: Translator,
    *,
    rubric: Rubric | None = None,
    id_prefix: str = "heatmap",
) -> Markup:
    """Rows in the order given; columns are the pillars of `rubric` (the newest rubric in use;
    by default the first result's)."""
    if not results:
        return Markup("")
    newest = rubric or results[0].rubric
    pillars = newest.pillars
    others = sorted({r.rubric.ref for r in results} - {newest.ref})
    marker = {ref: MARKERS[i % len(MARKERS)] for i, ref in enumerate(others)}
    width = LABEL_W + CELL_W * len(pillars) + 4
    grid_bottom = HEADER_H + CELL_H * len(results)
    body: list[str] = []
    for column, pillar in enumerate(pillars):
        cx = LABEL_W + CELL_W * column + CELL_W / 2
        y = HEADER_H - 6
        body.append(
            text_element(
                fit(localize(pillar.title, t.lang), SLANT_LABEL, FONT),
                x=cx,
                y=y,
                text_anchor="end",
                transform=f"rotate(45 {cx} {y})",
                font_size=FONT,
                fill="currentColor",
            )
        )
    described = []
    for row, result in enumerate(results):
        top = HEADER_H + CELL_H * row
        rule = result.rubric.display  # each row shown as its own rubric says
        name = localize(result.assessment.name, t.lang)
        mark = marker.get(result.rubric.ref, "")
        label = fit(f"{result.assessment.code} {name}", LABEL_W - 14, FONT) + mark
        body.append(
            text_element(
                label,
                x=LABEL_W - 6,
                y=top + CELL_H / 2,
                dy="0.35em",
                text_anchor="end",
                font_size=FONT,
                fill="currentColor",
            )
        )
        cells = []
        for column, pillar in enumerate(pillars):
            found = result.pillar(pillar.id)
            left = LABEL_W + CELL_W * column
            if found is None or found.score is None:
                if found is not None and found.status == "withheld":
                    said, shown = t("score.withheld"), EMPTY
                else:
                    said = shown = t("score.na_short")
                fill, ink = NO_BAND
            else:
                said = shown = t.number(scored(found.score, rule))
                fill, ink = band_shade(result.rubric, found.band)
            cells.append(f"{localize(pillar.title, t.lang)} {said}")
            body.append(
                element(
                    "rect",
                    x=left + 1,
                    y=top + 1,
                    width=CELL_W - 2,
                    height=CELL_H - 2,
                    rx=2,
                    fill=fill,
                )
            )
            body.append(
                text_element(
                    shown,
                    x=left + CELL_W / 2,
                    y=top + CELL_H / 2,
                    dy="0.35em",
                    text_anchor="middle",
                    font_size=FONT,
                    fill=ink,
                )
            )
        version = f" ({t('meta.rubric')} {result.rubric.ref})" if mark else ""
        described.append(f"{name}{version}: " + ", ".join(cells))
    key = _key(newest, others, marker, t, width, grid_bottom + 14)
    body.extend(key.parts)
    return svg_document(
        width=width,
        height=key.bottom + 6,
        title=t("chart.heatmap.title"),
        desc="; ".join(described),
        body=body,
        id_prefix=id_prefix,
    )


class _Key:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.bottom = 0


def _key(
    rubric: Rubric,
    others: Sequence[str],
    marker: dict[str, str],
    t: Translator,
    width: int,
    top: int,
) -> _Key:
    """Below the grid: a swatch per band, what an empty cell means, and the rubric versions."""
    key = _Key()
    items = [(band_shade(rubric, b.id)[0], localize(b.label, t.lang)) for b in rubric.bands]
    items.append((NO_BAND[0], f"{EMPTY} {t('score.withheld')}"))
    x, y = 0, top
    for fill, label in items:
        room = 14 + text_width(label, FONT) + 12
        if x > 0 and x + room > width:
            x, y = 0, y + KEY_ROW
        key.parts.append(element("rect", x=x, y=y, width=10, height=10, rx=2, fill=fill))
        key.parts.append(
            text_element(label, x=x + 14, y=y + 9, font_size=FONT, fill="currentColor")
        )
        x += int(room)
    for ref in others:
        y += KEY_ROW
        text = fit(f"{marker[ref]} {t('meta.rubric')} {ref}", width, FONT)
        key.parts.append(text_element(text, x=0, y=y + 9, font_size=FONT, fill="currentColor"))
    key.bottom = y + KEY_ROW
    return key
