"""The change chart of a diff: per pillar and overall, the old score (light bar) and the new
score (dark bar) on a 0-100 scale, with the change written beside them. Withheld and
not-applicable scores are written as such, never drawn as zero-length bars.

Every word comes from the interface catalogs (scorecard/i18n, keys `chart.change.*`), and
numbers are written as the language writes them.
"""

from __future__ import annotations

from fractions import Fraction

from markupsafe import Markup

from scorecard.charts.svg import element, svg_document, text_element, truncate
from scorecard.diff import AssessmentDiff, ScoreChange
from scorecard.i18n import DEFAULT_LANGUAGE, Translator, is_language, translator
from scorecard.model import localize

WIDTH = 680
LABEL_WIDTH = 200
VALUE_WIDTH = 170
ROW_HEIGHT = 36
TOP = 10


def _translator(lang: str) -> Translator:
    """The chart's language, or the default one: a chart never fails for want of words."""
    return translator(lang if is_language(lang) else DEFAULT_LANGUAGE)


def _score(change_status: str | None, value: Fraction | None, t: Translator) -> str:
    return t.score(change_status, value, absent=t("diff.score.absent"))


def _delta(change: ScoreChange, t: Translator) -> str:
    return t.signed(change.delta)


def _rows(diff: AssessmentDiff, lang: str) -> list[tuple[str, ScoreChange]]:
    t = _translator(lang)
    rows = [(localize(p.title, lang), p.score) for p in diff.pillars]
    rows.append((t("chart.change.overall"), diff.overall))
    return rows


def change_chart_text(diff: AssessmentDiff, lang: str = "en") -> list[str]:
    """The chart's figures as sentences, one per row: its text alternative."""
    t = _translator(lang)
    lines = []
    for label, change in _rows(diff, lang):
        old = _score(change.old_status, change.old, t)
        new = _score(change.new_status, change.new, t)
        delta = _delta(change, t)
        if delta:
            lines.append(t("chart.change.row_delta", label=label, old=old, new=new, delta=delta))
        else:
            lines.append(t("chart.change.row", label=label, old=old, new=new))
    return lines


def change_chart_svg(
    diff: AssessmentDiff, lang: str = "en", id_prefix: str | None = None
) -> Markup:
    """An accessible inline SVG (`role="img"`, `<title>`, `<desc>` with every figure)."""
    t = _translator(lang)
    rows = _rows(diff, lang)
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = TOP + ROW_HEIGHT * len(rows) + 10

    def x(value: Fraction | int) -> Fraction:
        return LABEL_WIDTH + Fraction(value) * plot / 100

    body: list[str] = []
    for tick in (0, 50, 100):
        body.append(
            element(
                "line",
                class_="chart-grid",
                x1=x(tick),
                x2=x(tick),
                y1=TOP - 4,
                y2=TOP + ROW_HEIGHT * len(rows),
                stroke="#c8c8c8",
                stroke_width=1,
            )
        )
    for index, (label, change) in enumerate(rows):
        y = TOP + ROW_HEIGHT * index
        is_overall = index == len(rows) - 1
        body.append(
            text_element(
                truncate(label, 24),
                x=LABEL_WIDTH - 8,
                y=y + 21,
                text_anchor="end",
                font_size=13,
                font_weight="bold" if is_overall else None,
                fill="currentColor",
            )
        )
        for status, value, top, size, css, colour in (
            (change.old_status, change.old, 5, 10, "chart-bar-old", "#9db4cc"),
            (change.new_status, change.new, 16, 14, "chart-bar", "#1f4e79"),
        ):
            if status == "scored" and value is not None and value > 0:
                body.append(
                    element(
                        "rect",
                        class_=css,
                        x=x(0),
                        y=y + top,
                        width=x(value) - x(0),
                        height=size,
                        fill=colour,
                    )
                )
        old = _score(change.old_status, change.old, t)
        new = _score(change.new_status, change.new, t)
        delta = _delta(change, t)
        text = f"{old} → {new}" + (f" ({delta})" if delta else "")
        body.append(
            text_element(
                truncate(text, 26),
                x=WIDTH - VALUE_WIDTH + 8,
                y=y + 21,
                font_size=12,
                fill="currentColor",
            )
        )
    old_label = diff.old_edition or t("diff.score.absent")
    new_label = diff.new_edition or t("diff.score.absent")
    title = t("chart.change.title", name=localize(diff.name, lang), old=old_label, new=new_label)
    desc = t("chart.change.desc") + " " + "; ".join(change_chart_text(diff, lang)) + "."
    return svg_document(
        width=WIDTH,
        height=height,
        title=title,
        desc=desc,
        body=body,
        id_prefix=id_prefix or f"change-{diff.code}",
    )
