"""JSON: the result document (schema: result), indented, UTF-8, with a final newline."""

from __future__ import annotations

import json

from scorecard.render.base import Format, RenderContext
from scorecard.render.result_json import result_to_dict
from scorecard.scoring import Result


def render_scorecard_json(result: Result, ctx: RenderContext) -> str:
    return json.dumps(result_to_dict(result, ctx.lang), indent=2, ensure_ascii=False) + "\n"


FORMAT = Format(
    name="json",
    scorecard=render_scorecard_json,
)
