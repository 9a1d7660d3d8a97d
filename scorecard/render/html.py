"""HTML: one standalone, accessible page per scorecard or methodology (templates/*.html.j2)."""

from __future__ import annotations

from scorecard.charts.bars import pillar_bars
from scorecard.model import Rubric
from scorecard.render.base import Format, RenderContext
from scorecard.render.view import methodology_view
from scorecard.scoring import Result


def render_scorecard_html(result: Result, ctx: RenderContext) -> str:
    card = ctx.card(result)
    return ctx.render(
        "scorecard.html.j2",
        page_title=card["title"],
        card=card,
        chart=pillar_bars(result, ctx.t, ctx.lang),
    )


def render_methodology_html(rubric: Rubric, ctx: RenderContext) -> str:
    view = methodology_view(rubric, ctx.t, ctx.lang)
    return ctx.render("methodology.html.j2", page_title=view["title"], method=view)


FORMAT = Format(
    name="html",
    scorecard=render_scorecard_html,
    methodology=render_methodology_html,
)
