"""The rank-interval chart of a sensitivity analysis (docs/methodology.md, "Sensitivity"):
one row per ranked jurisdiction, under its name, a line from its best to its worst rank in
5-95% of the draws, a tick at the median rank and a dot at the published rank. Rank 1 is at
the left. A jurisdiction whose line is long owes its place to the method's choices."""

from __future__ import annotations

from fractions import Fraction

from markupsafe import Markup

from scorecard.charts.svg import element, escape, fit, svg_document, text_element
from scorecard.errors import UsageError
from scorecard.i18n import Translator, translator
from scorecard.model import localize
from scorecard.render import words
from scorecard.render.registry import Options
from scorecard.sensitivity import SensitivityReport

WIDTH = 360
LEFT = 8  # room for the dot of rank 1
PLOT = 270  # from rank 1 to the last rank
ROW_HEIGHT = 40  # a label line, then the interval
TOP = 8
AXIS_GAP = 24
LEGEND_HEIGHT = 44
MAX_TICKS = 6


def _ticks(last: int) -> list[int]:
    """Ranks to label on the axis: 1, the last, and evenly spaced whole ranks between."""
    if last <= MAX_TICKS:
        return list(range(1, last + 1))
    step = -(-(last - 1) // (MAX_TICKS - 1))
    return sorted({*range(1, last, step), last})


def rank_intervals(report: SensitivityReport, t: Translator, *, id_prefix: str) -> Markup | None:
    """The chart, or None when fewer than two jurisdictions are ranked (nothing to compare)."""
    rows = report.ranked
    if len(rows) < 2:
        return None
    last = len(report.ranked)

    def x(rank: int) -> Fraction:
        return LEFT + Fraction(rank - 1, max(last - 1, 1)) * PLOT

    bottom = TOP + ROW_HEIGHT * len(rows)
    body: list[str] = []
    for tick in _ticks(last):
        body.append(
            element(
                "line",
                class_="chart-grid",
                x1=x(tick),
                x2=x(tick),
                y1=TOP,
                y2=bottom,
                stroke="#888",
                stroke_width=1,
                stroke_dasharray="2 3",
            )
        )
        body.append(
            text_element(
                t.number(tick),
                class_="chart-muted",
                x=x(tick),
                y=bottom + 16,
                text_anchor="middle",
                font_size=11,
                fill="currentColor",
            )
        )
    body.append(
        text_element(
            t("chart.ranks.axis"),
            class_="chart-muted",
            x=LEFT + PLOT / 2,
            y=bottom + AXIS_GAP + 8,
            text_anchor="middle",
            font_size=11,
            fill="currentColor",
        )
    )
    names = []
    for index, row in enumerate(rows):
        assert row.rank is not None and row.rank_low is not None and row.rank_high is not None
        name = localize(row.name, t.lang)
        interval = (
            t.number(row.rank_low)
            if row.rank_low == row.rank_high
            else t("chart.ranks.interval", low=row.rank_low, high=row.rank_high)
        )
        accessible = t(
            "chart.ranks.row", name=name, rank=row.rank, interval=interval, median=row.median_rank
        )
        names.append(accessible)
        label_y = TOP + ROW_HEIGHT * index + 12
        middle = TOP + ROW_HEIGHT * index + 28
        parts = [
            element("title", escape(accessible)),
            text_element(fit(name, WIDTH, 12), x=0, y=label_y, font_size=12, fill="currentColor"),
            element(
                "line",
                class_="chart-interval",
                x1=x(row.rank_low),
                x2=x(row.rank_high),
                y1=middle,
                y2=middle,
                stroke="#1d4e89",
                stroke_width=4,
                stroke_linecap="round",
            ),
        ]
        if row.median_rank is not None:
            parts.append(
                element(
                    "line",
                    class_="chart-median",
                    x1=x(row.median_rank),
                    x2=x(row.median_rank),
                    y1=middle - 8,
                    y2=middle + 8,
                    stroke="currentColor",
                    stroke_width=2,
                )
            )
        parts.append(
            element(
                "circle",
                class_="chart-rank",
                cx=x(row.rank),
                cy=middle,
                r=5,
                fill="#b42318",
                stroke="#ffffff",
                stroke_width=1,
            )
        )
        parts.append(
            text_element(
                interval,
                class_="chart-value",
                x=LEFT + PLOT + 12,
                y=middle,
                dy="0.35em",
                font_size=12,
                fill="currentColor",
            )
        )
        body.append(element("g", "".join(parts), class_="chart-row"))
    legend_y = bottom + AXIS_GAP + 24
    body.append(
        element("circle", cx=LEFT + 4, cy=legend_y, r=5, fill="#b42318", class_="chart-rank")
    )
    body.append(
        text_element(
            fit(t("chart.ranks.legend.published"), WIDTH - 20, 11),
            x=LEFT + 14,
            y=legend_y,
            dy="0.35em",
            font_size=11,
            fill="currentColor",
        )
    )
    body.append(
        element(
            "line",
            x1=LEFT,
            x2=LEFT + 10,
            y1=legend_y + 18,
            y2=legend_y + 18,
            stroke="#1d4e89",
            stroke_width=4,
            stroke_linecap="round",
        )
    )
    body.append(
        text_element(
            fit(t("chart.ranks.legend.interval"), WIDTH - 20, 11),
            x=LEFT + 14,
            y=legend_y + 18,
            dy="0.35em",
            font_size=11,
            fill="currentColor",
        )
    )
    height = bottom + AXIS_GAP + LEGEND_HEIGHT + 8
    desc = " ".join([t("chart.ranks.desc", draws=report.settings.draws), *names])
    return svg_document(
        width=WIDTH,
        height=height,
        title=t("chart.ranks.title"),
        desc=desc,
        body=body,
        id_prefix=id_prefix,
    )


def rank_chart_svg(report: SensitivityReport, options: Options) -> str:
    """The `sensitivity` svg format: the chart as a standalone SVG file."""
    t = translator(options.lang)
    peers = sorted({j.peer for j in report.ranked}, key=lambda p: (p[1] or "", p[0]))
    if len(peers) > 1:
        names = {j.code: localize(j.name, t.lang) for j in report.jurisdictions}
        groups = "; ".join(words.peer_group(t, level, country, names) for level, country in peers)
        raise UsageError(t("chart.ranks.mixed", groups=groups))
    chart = rank_intervals(report, t, id_prefix="rank-intervals")
    if chart is None:
        raise UsageError(t("chart.ranks.too_few", count=len(report.ranked)))
    return f"{chart}\n"
