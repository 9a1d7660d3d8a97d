"""A jurisdiction's history: the overall score of each edition as a line on a 0-100 scale.

A withheld or not-applicable edition is a gap: the line breaks there and the edition's place
holds a dashed mark with its state written in the middle of the plot, never a point on the zero
line. The chart widens with the number of editions, so their labels never collide.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from markupsafe import Markup

from scorecard.charts.svg import element, fit, num, svg_document, text_element
from scorecard.i18n import Translator
from scorecard.model import DEFAULT_DISPLAY
from scorecard.scoring import Result, plain
from scorecard.scoring import shown as scored

MIN_WIDTH = 360
HEIGHT = 220
LEFT, RIGHT, TOP, BOTTOM = 34, 12, 20, 36
INSET = 32  # keeps the first and last edition clear of the axis labels
STEP = 64  # the least room between two editions
FONT = 11


def history_chart(
    results: Sequence[Result], t: Translator, *, id_prefix: str = "history"
) -> Markup:
    """The overall score of each edition, in the order given (oldest first), shown by the
    latest edition's display rule (a series is read on one scale)."""
    rule = results[-1].rubric.display if results else DEFAULT_DISPLAY
    count = len(results)
    width = max(MIN_WIDTH, LEFT + RIGHT + 2 * INSET + STEP * (count - 1))
    plot_w = width - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    span = plot_w - 2 * INSET
    room = Fraction(span, count - 1) if count > 1 else Fraction(plot_w)

    def x(index: int) -> Fraction:
        offset = Fraction(span * index, count - 1) if count > 1 else Fraction(span, 2)
        return LEFT + INSET + offset

    def y(value: Fraction) -> Fraction:
        return TOP + plot_h - value * plot_h / 100

    body: list[str] = []
    for tick in (0, 25, 50, 75, 100):
        body.append(
            element(
                "line",
                class_="chart-grid",
                x1=LEFT,
                x2=width - RIGHT,
                y1=y(Fraction(tick)),
                y2=y(Fraction(tick)),
                stroke="#888",
                stroke_width=1,
                stroke_dasharray="2 3" if 0 < tick < 100 else None,
            )
        )
        body.append(
            text_element(
                str(plain(Fraction(tick) * rule.scale / 100)),
                class_="chart-muted",
                x=LEFT - 6,
                y=y(Fraction(tick)),
                dy="0.35em",
                text_anchor="end",
                font_size=FONT,
                fill="currentColor",
            )
        )
    segment: list[tuple[Fraction, Fraction]] = []
    segments: list[list[tuple[Fraction, Fraction]]] = []
    described: list[str] = []
    for index, result in enumerate(results):
        edition = result.assessment.edition
        body.append(
            text_element(
                fit(edition, room - 4, FONT),
                class_="chart-muted",
                x=x(index),
                y=HEIGHT - BOTTOM + 18,
                text_anchor="middle",
                font_size=FONT,
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
            body.extend(_gap(x(index), y(Fraction(100)), y(Fraction(0)), fit(state, room, FONT)))
            described.append(f"{edition}: {state}")
            continue
        value = result.overall
        segment.append((x(index), y(value)))
        shown = t.number(scored(value, rule))
        body.append(
            element(
                "circle", class_="chart-point", cx=x(index), cy=y(value), r=4, fill="currentColor"
            )
        )
        body.append(
            text_element(
                shown,
                x=x(index),
                y=y(value) - 10 if value < 90 else y(value) + 20,
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
        width=width,
        height=HEIGHT,
        title=t("chart.history.title"),
        desc="; ".join(described),
        body=body,
        id_prefix=id_prefix,
    )


def _gap(at: Fraction, top: Fraction, bottom: Fraction, state: str) -> list[str]:
    """An edition without a score: a dashed mark the height of the plot, broken in the middle
    where its state is written."""
    middle = (top + bottom) / 2

    def dashes(y1: Fraction, y2: Fraction) -> str:
        return element(
            "line",
            class_="chart-empty",
            x1=at,
            x2=at,
            y1=y1,
            y2=y2,
            stroke="#888",
            stroke_width=1,
            stroke_dasharray="3 3",
        )

    return [
        dashes(top, middle - 14),
        dashes(middle + 10, bottom),
        text_element(
            state,
            class_="chart-muted",
            x=at,
            y=middle,
            dy="0.35em",
            text_anchor="middle",
            font_size=FONT,
            font_style="italic",
            fill="currentColor",
        ),
    ]
