"""The change chart of a diff: per pillar and overall, the old score (light bar) and the new
score (dark bar) on a 0-100 scale, with the figures and the change written above them, a key
naming the two editions and a titled axis. Withheld and not-applicable scores are written as
such, never drawn as zero-length bars.

Every word comes from the interface catalogs (scorecard/i18n, keys `chart.change.*`), and
numbers are written as the language writes them.
"""

from __future__ import annotations

from fractions import Fraction

from markupsafe import Markup

from scorecard.charts.svg import element, fit, svg_document, text_element, text_width
from scorecard.diff import AssessmentDiff, ScoreChange
from scorecard.i18n import DEFAULT_LANGUAGE, Translator, is_language, translator
from scorecard.model import Display, localize
from scorecard.render import words
from scorecard.scoring import plain

WIDTH = 360
PLOT_LEFT, PLOT_RIGHT = 8, 348  # the 0-100 scale, inset so its end labels fit
ROW_HEIGHT = 44  # a line of text, then the old and the new bar
TOP = 30  # below the key
FONT = 11
OLD_COLOUR, NEW_COLOUR = "#9db4cc", "#1f4e79"


def _translator(lang: str) -> Translator:
    """The chart's language, or the default one: a chart never fails for want of words."""
    return translator(lang if is_language(lang) else DEFAULT_LANGUAGE)


def _score(change_status: str | None, value: Fraction | None, t: Translator, rule: Display) -> str:
    return t.score(change_status, value, absent=t("diff.score.absent"), rule=rule)


def _delta(change: ScoreChange, t: Translator) -> str:
    """The difference of the two values shown, so `16.7 → 18.9 (+2.2)` adds up."""
    return words.change(t, change.shown_delta)


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
        old = _score(change.old_status, change.old, t, change.display)
        new = _score(change.new_status, change.new, t, change.display)
        delta = _delta(change, t)
        if delta:
            lines.append(t("chart.change.row_delta", label=label, old=old, new=new, delta=delta))
        else:
            lines.append(t("chart.change.row", label=label, old=old, new=new))
    return lines


def change_chart_svg(
    diff: AssessmentDiff, lang: str = "en", id_prefix: str | None = None
) -> Markup:
    """An accessible inline SVG (`role="img"`, `<title>`, `<desc>` with every figure): a key
    naming the two editions, then per row its label and figures above the old (light) and
    new (dark) bars, and a 0-100 axis with its title."""
    t = _translator(lang)
    rows = _rows(diff, lang)
    bottom = TOP + ROW_HEIGHT * len(rows)
    height = bottom + 40

    def x(value: Fraction | int) -> Fraction:
        return PLOT_LEFT + Fraction(value) * (PLOT_RIGHT - PLOT_LEFT) / 100

    old_label = diff.old_edition or t("diff.score.absent")
    new_label = diff.new_edition or t("diff.score.absent")
    body: list[str] = []
    left = 0
    for css, colour, label in (
        ("chart-bar-old", OLD_COLOUR, old_label),
        ("chart-bar", NEW_COLOUR, new_label),
    ):
        # Key swatches are paths, so the chart's <rect>s are its bars alone.
        body.append(element("path", class_=css, d=f"M{left} 3h12v12h-{12}z", fill=colour))
        text = fit(label, WIDTH / 2 - 24, FONT)
        body.append(text_element(text, x=left + 17, y=13, font_size=FONT, fill="currentColor"))
        left += int(WIDTH / 2)
    for tick in (0, 25, 50, 75, 100):
        body.append(
            element(
                "line",
                class_="chart-grid",
                x1=x(tick),
                x2=x(tick),
                y1=TOP - 4,
                y2=bottom,
                stroke="#c8c8c8",
                stroke_width=1,
                stroke_dasharray="2 3" if 0 < tick < 100 else None,
            )
        )
        body.append(
            text_element(
                t.number(plain(Fraction(tick) * diff.display.scale / 100)),
                class_="chart-muted",
                x=x(tick),
                y=bottom + 14,
                text_anchor="middle",
                font_size=FONT,
                fill="currentColor",
            )
        )
    body.append(
        text_element(
            t("site.chart.axis", max=t.number(plain(diff.display.scale))),
            class_="chart-muted",
            x=(x(0) + x(100)) / 2,
            y=bottom + 32,
            text_anchor="middle",
            font_size=FONT,
            fill="currentColor",
        )
    )
    for index, (label, change) in enumerate(rows):
        y = TOP + ROW_HEIGHT * index
        is_overall = index == len(rows) - 1
        old = _score(change.old_status, change.old, t, change.display)
        new = _score(change.new_status, change.new, t, change.display)
        delta = _delta(change, t)
        figures = fit(f"{old} → {new}" + (f" ({delta})" if delta else ""), WIDTH / 2, 12)
        room = WIDTH - text_width(figures, 12) - 12
        body.append(
            text_element(
                fit(label, room, 12),
                x=0,
                y=y + 12,
                font_size=12,
                font_weight="bold" if is_overall else None,
                fill="currentColor",
            )
        )
        body.append(
            text_element(
                figures,
                x=WIDTH - 2,  # clear of the edge: a glyph may overhang its advance
                y=y + 12,
                text_anchor="end",
                font_size=12,
                font_weight="bold" if is_overall else None,
                fill="currentColor",
            )
        )
        for status, value, top, size, css, colour in (
            (change.old_status, change.old, 18, 7, "chart-bar-old", OLD_COLOUR),
            (change.new_status, change.new, 26, 11, "chart-bar", NEW_COLOUR),
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
    title = t("chart.change.title", name=localize(diff.name, lang), old=old_label, new=new_label)
    desc = (
        t("chart.change.desc", max=t.number(plain(diff.display.scale)))
        + " "
        + "; ".join(change_chart_text(diff, lang))
        + "."
    )
    return svg_document(
        width=WIDTH,
        height=height,
        title=title,
        desc=desc,
        body=body,
        id_prefix=id_prefix or f"change-{diff.code}",
    )
