"""The index heat-map: one row per jurisdiction, one column per pillar, each cell shaded by its
score's band and labelled with the score itself (colour is never the only carrier)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from scorecard.charts.svg import element, svg_document, text_element, truncate
from scorecard.i18n import Translator
from scorecard.model import Rubric, localize
from scorecard.scoring import Result, display

CELL_W, CELL_H = 96, 30
LABEL_W, HEADER_H = 170, 44
# Light-to-dark shades, text colour chosen per shade so labels keep AA contrast.
SHADES = ("#fbe3e1", "#f7c6a8", "#f2e29b", "#bfe0b0", "#7cc48a", "#3f9b5a")
TEXT_ON = ("#111", "#111", "#111", "#111", "#111", "#fff")


def band_shade(rubric: Rubric, band_id: str | None) -> tuple[str, str]:
    """(fill, text colour) for a band: spread over the palette from the lowest band up."""
    ids = [b.id for b in rubric.bands]
    if band_id not in ids:
        return "#e5e7eb", "#111"
    rank = ids.index(band_id)
    slot = round(rank * (len(SHADES) - 1) / max(len(ids) - 1, 1))
    return SHADES[slot], TEXT_ON[slot]


def pillar_heatmap(
    results: Sequence[Result], t: Translator, *, id_prefix: str = "heatmap"
) -> Markup:
    """Rows in the order given; columns are the first result's rubric pillars."""
    if not results:
        return Markup("")
    rubric = results[0].rubric
    pillars = rubric.pillars
    width = LABEL_W + CELL_W * len(pillars) + 8
    height = HEADER_H + CELL_H * len(results) + 8
    body: list[str] = []
    for column, pillar in enumerate(pillars):
        cx = LABEL_W + CELL_W * column + CELL_W / 2
        body.append(
            text_element(
                truncate(localize(pillar.title, t.lang), 16),
                x=cx,
                y=HEADER_H - 10,
                text_anchor="middle",
                font_size=11,
                fill="currentColor",
            )
        )
    described = []
    for row, result in enumerate(results):
        top = HEADER_H + CELL_H * row
        name = localize(result.assessment.name, t.lang)
        body.append(
            text_element(
                truncate(f"{result.assessment.code} {name}", 22),
                x=LABEL_W - 8,
                y=top + CELL_H / 2,
                dy="0.35em",
                text_anchor="end",
                font_size=12,
                fill="currentColor",
            )
        )
        cells = []
        for column, pillar in enumerate(pillars):
            found = result.pillar(pillar.id)
            left = LABEL_W + CELL_W * column
            if found is None or found.score is None:
                label = (
                    t("score.withheld")
                    if found and found.status == "withheld"
                    else t("score.na_short")
                )
                fill, ink = "#e5e7eb", "#111"
            else:
                label = t.number(display(found.score))
                fill, ink = band_shade(result.rubric, found.band)
            cells.append(f"{localize(pillar.title, t.lang)} {label}")
            body.append(
                element(
                    "rect",
                    x=left + 2,
                    y=top + 2,
                    width=CELL_W - 4,
                    height=CELL_H - 4,
                    rx=3,
                    fill=fill,
                )
            )
            body.append(
                text_element(
                    label,
                    x=left + CELL_W / 2,
                    y=top + CELL_H / 2,
                    dy="0.35em",
                    text_anchor="middle",
                    font_size=12,
                    fill=ink,
                )
            )
        described.append(f"{name}: " + ", ".join(cells))
    return svg_document(
        width=width,
        height=height,
        title=t("chart.heatmap.title"),
        desc="; ".join(described),
        body=body,
        id_prefix=id_prefix,
    )
