"""The pillar bar chart of a scorecard: one horizontal bar per pillar on a 0-100 scale, each
under its pillar's name, with the rubric's bands marked along the axis. Withheld and
not-applicable pillars get a label, never a zero-length bar."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from markupsafe import Markup

from scorecard.charts.svg import element, escape, fit, svg_document, text_element
from scorecard.i18n import Translator
from scorecard.model import Band, localize
from scorecard.scoring import Result, plain, shown

WIDTH = 360
PLOT = 290  # the 0-100 scale; the value is written to its right
ROW_HEIGHT = 44  # a label line, then the bar
LABEL_HEIGHT = 16
BAR_HEIGHT = 16
TOP = 28
AXIS_GAP = 22


@dataclass(frozen=True)
class BarRow:
    """One bar: its label, value (None: no bar), the text beside it and its accessible name."""

    label: str
    value: Fraction | None
    value_text: str
    name: str
    status: str = "scored"


def bar_chart(
    rows: Sequence[BarRow],
    *,
    title: str,
    desc: str,
    id_prefix: str,
    bands: Sequence[tuple[str, Fraction, Fraction]] = (),
    scale: Fraction = Fraction(100),
) -> Markup:
    """A horizontal bar chart of 0-100 values, each bar under its label (so a phone's width
    holds it); `bands` are (label, min, max) marked on the axis, whose ticks are labelled on
    the rubric's `scale` (0-10 for a scale of 10)."""
    height = TOP + ROW_HEIGHT * len(rows) + AXIS_GAP
    x = _x
    bottom = TOP + ROW_HEIGHT * len(rows)
    # The bands and the axis are the same for every edition of a rubric in a language.
    body: list[str] = [_frame(tuple(bands), scale, bottom)]
    for index, row in enumerate(rows):
        label_y = TOP + ROW_HEIGHT * index + 12
        top = TOP + ROW_HEIGHT * index + LABEL_HEIGHT + 2
        middle = top + BAR_HEIGHT / 2
        parts = [
            element("title", escape(row.name)),
            text_element(
                fit(row.label, WIDTH, 12),
                x=0,
                y=label_y,
                font_size=12,
                fill="currentColor",
            ),
        ]
        if row.value is not None:
            parts.append(
                element(
                    "rect",
                    class_="chart-bar",
                    x=0,
                    y=top,
                    width=max(x(row.value), Fraction(1, 2)),
                    height=BAR_HEIGHT,
                    rx=2,
                    fill="#1d4e89",
                )
            )
        else:
            parts.append(
                element(
                    "rect",
                    class_="chart-empty",
                    x=0,
                    y=top,
                    width=PLOT,
                    height=BAR_HEIGHT,
                    rx=2,
                    fill="none",
                    stroke="#888",
                    stroke_dasharray="4 3",
                )
            )
        parts.append(
            text_element(
                fit(row.value_text, WIDTH - PLOT - 8, 13)
                if row.value is not None
                else fit(row.value_text, PLOT - 16, 13),
                class_="chart-value" if row.value is not None else "chart-muted",
                x=PLOT + 6 if row.value is not None else 8,
                y=middle,
                dy="0.35em",
                font_size=13,
                font_weight="bold" if row.value is not None else None,
                font_style=None if row.value is not None else "italic",
                fill="currentColor",
            )
        )
        body.append(element("g", "".join(parts), class_=f"chart-row chart-{row.status}"))
    return svg_document(
        width=WIDTH, height=height, title=title, desc=desc, body=body, id_prefix=id_prefix
    )


def _x(value: Fraction | int) -> Fraction:
    return Fraction(value) * PLOT / 100


@lru_cache(maxsize=64)
def _frame(bands: tuple[tuple[str, Fraction, Fraction], ...], scale: Fraction, bottom: int) -> str:
    """A bar chart's bands and axis (with its ticks' labels), for rows ending at `bottom`."""
    x = _x
    body: list[str] = []
    for index, (label, low, high) in enumerate(bands):
        if index % 2:
            body.append(
                element(
                    "rect",
                    class_="chart-band",
                    x=x(low),
                    y=TOP - 6,
                    width=x(high) - x(low),
                    height=bottom - TOP + 6,
                    fill="#000",
                    fill_opacity="0.04",
                )
            )
        body.append(
            text_element(
                fit(label, x(high) - x(low) - 2, 11),
                class_="chart-muted",
                x=(x(low) + x(high)) / 2,
                y=TOP - 12,
                text_anchor="middle",
                font_size=11,
                fill="currentColor",
            )
        )
    ticks: set[Fraction] = {Fraction(0), Fraction(100)}
    ticks.update(b[1] for b in bands)
    ticks.update(b[2] for b in bands)
    for tick in sorted(ticks):
        body.append(
            element(
                "line",
                class_="chart-grid",
                x1=x(tick),
                x2=x(tick),
                y1=TOP - 6,
                y2=bottom,
                stroke="#888",
                stroke_width=1,
                stroke_dasharray="2 3" if 0 < tick < 100 else None,
            )
        )
        body.append(
            text_element(
                str(plain(tick * scale / 100)),
                class_="chart-muted",
                x=min(max(x(tick), Fraction(8)), PLOT - 8),
                y=bottom + 16,
                text_anchor="middle",
                font_size=11,
                fill="currentColor",
            )
        )
    return "".join(body)


def band_marks(bands: Sequence[Band], lang: str) -> list[tuple[str, Fraction, Fraction]]:
    """The rubric's bands as (label, min, max) for `bar_chart`."""
    return [(localize(b.label, lang), b.min, b.max) for b in bands]


def pillar_bars(
    result: Result, t: Translator, lang: str, *, id_prefix: str = "pillar-chart"
) -> Markup:
    """The pillar scores of one result as an accessible inline SVG bar chart."""
    labels = {b.id: localize(b.label, lang) for b in result.rubric.bands}
    rows = []
    for pillar in result.pillars:
        title = localize(pillar.pillar.title, lang)
        if pillar.status == "scored" and pillar.score is not None:
            score = t.number(shown(pillar.score, result.rubric.display))
            band = labels.get(pillar.band or "", "")
            rows.append(
                BarRow(
                    title,
                    pillar.score,
                    score,
                    t("chart.bar_scored", title=title, score=score, band=band),
                )
            )
        elif pillar.status == "withheld":
            rows.append(
                BarRow(
                    title,
                    None,
                    t("score.withheld"),
                    t("chart.bar_withheld", title=title),
                    "withheld",
                )
            )
        else:
            rows.append(
                BarRow(
                    title,
                    None,
                    t("score.not_applicable"),
                    t("chart.bar_na", title=title),
                    "not-applicable",
                )
            )
    scale = result.rubric.display.scale
    desc = " ".join(
        [t("chart.desc", max=t.number(plain(scale))), *(f"{row.name}." for row in rows)]
    )
    return bar_chart(
        rows,
        title=t("chart.title"),
        desc=desc,
        id_prefix=id_prefix,
        bands=band_marks(result.rubric.bands, lang),
        scale=scale,
    )
