"""JSON: the result document (schema: result), indented, UTF-8, with a final newline."""

from __future__ import annotations

from scorecard.render.base import Format, RenderContext
from scorecard.render.result_json import result_json
from scorecard.scoring import Result


def render_scorecard_json(result: Result, ctx: RenderContext) -> str:
    return result_json(result, ctx.lang) + "\n"


FORMAT = Format(
    name="json",
    scorecard=render_scorecard_json,
)
