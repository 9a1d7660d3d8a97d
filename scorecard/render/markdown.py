"""Markdown: GitHub Flavored Markdown for wikis and pull-request comments (templates/*.md.j2)."""

from __future__ import annotations

import re

from scorecard.model import Rubric
from scorecard.render.base import Format, RenderContext
from scorecard.render.view import methodology_view
from scorecard.scoring import Result

_BLANK_RUNS = re.compile(r"\n{3,}")


def tidy(markdown: str) -> str:
    """At most one blank line in a row, no trailing spaces, one final newline."""
    lines = [line.rstrip() for line in markdown.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n") + "\n"


def render_scorecard_md(result: Result, ctx: RenderContext) -> str:
    return tidy(ctx.render("scorecard.md.j2", card=ctx.card(result)))


def render_methodology_md(rubric: Rubric, ctx: RenderContext) -> str:
    return tidy(ctx.render("methodology.md.j2", method=methodology_view(rubric, ctx.t, ctx.lang)))


FORMAT = Format(
    name="md",
    scorecard=render_scorecard_md,
    methodology=render_methodology_md,
)
