"""A jurisdiction's history: the overall score of each edition as a line on a 0-100 scale.
Withheld or not-applicable editions break the line and are labelled, never drawn as zero."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from markupsafe import Markup

from scorecard.charts.svg import element, num, svg_document, text_element, truncate
from scorecard.i18n import Translator
from scorecard.scoring import Result, display

WIDTH = 640
HEIGHT = 240
LEFT, RIGHT, TOP, BOTTOM = 44, 24, 20, 44
INSET = 40  # keeps the first and last edition clear of the axis labels


def history_chart(
    results: Sequence[Result], t: Translator, *, id_prefix: str = "history"
) -> Markup:
    """The overall score of each edition, in the order given (oldest first)."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    count = len(results)

    def x(index: int) -> Fraction:
        span = plot_w - 2 * INSET
        return (
            LEFT + INSET + (Fraction(span * index, count - 1) if count > 1 else Fraction(span, 2))
        )

    def y(value: Fraction) -> Fraction:
        return TOP + plot_h - value * plot_h / 100

    body: list[str] = []
    for tick in (0, 25, 50, 75, 100):
        body.append(
            element(
                "line",
                class_="chart-grid",
                x1=LEFT,
                x2=WIDTH - RIGHT,
                y1=y(Fraction(tick)),
                y2=y(Fraction(tick)),
                stroke="#888",
                stroke_width=1,
                stroke_dasharray="2 3" if 0 < tick < 100 else None,
            )
        )
        body.append(
            text_element(
                str(tick),
                class_="chart-muted",
                x=LEFT - 8,
                y=y(Fraction(tick)),
                dy="0.35em",
                text_anchor="end",
                font_size=11,
                fill="currentColor",
            )
        )
    segment: list[tuple[Fraction, Fraction]] = []
    segments: list[list[tuple[Fraction, Fraction]]] = []
    described: list[str] = []
    for index, result in enumerate(results):
        edition = result.assessment.edition
        label = truncate(edition, 12)
        body.append(
            text_element(
                label,
                class_="chart-muted",
                x=x(index),
                y=HEIGHT - BOTTOM + 18,
                text_anchor="middle",
                font_size=11,
                fill="currentColor",
            )
        )
        if result.overall is None:
            if segment:
                segments.append(segment)
                segment = []
            state = (
                t("score.withheld") if result.status == "withheld" else t("score.not_applicable")
            )
            # A hollow marker on the baseline, labelled: visibly not a score of zero.
            body.append(
                element(
                    "circle",
                    class_="chart-empty",
                    cx=x(index),
                    cy=y(Fraction(0)),
                    r=4,
                    fill="none",
                    stroke="currentColor",
                    stroke_width=1.5,
                )
            )
            body.append(
                text_element(
                    state,
                    class_="chart-muted",
                    x=x(index),
                    y=y(Fraction(0)) - 12,
                    text_anchor="middle",
                    font_size=11,
                    fill="currentColor",
                )
            )
            described.append(f"{edition}: {state}")
            continue
        value = result.overall
        segment.append((x(index), y(value)))
        shown = t.number(display(value))
        body.append(
            element(
                "circle", class_="chart-point", cx=x(index), cy=y(value), r=4, fill="currentColor"
            )
        )
        body.append(
            text_element(
                shown,
                x=x(index),
                y=y(value) - 10,
                text_anchor="middle",
                font_size=12,
                fill="currentColor",
            )
        )
        described.append(f"{edition}: {shown}")
    if segment:
        segments.append(segment)
    for points in segments:
        if len(points) > 1:
            coords = " ".join(f"{num(px)},{num(py)}" for px, py in points)
            body.insert(
                0,
                element(
                    "polyline",
                    class_="chart-line",
                    points=coords,
                    fill="none",
                    stroke="currentColor",
                    stroke_width=2,
                ),
            )
    return svg_document(
        width=WIDTH,
        height=HEIGHT,
        title=t("chart.history.title"),
        desc="; ".join(described),
        body=body,
        id_prefix=id_prefix,
    )
