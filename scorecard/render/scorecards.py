"""The `render` and `rubric doc` formats: one scorecard, or a rubric's methodology page, in
the registry's shape (data, options) -> text."""

from __future__ import annotations

from scorecard.model import Rubric
from scorecard.render.pages import render_methodology, render_scorecard
from scorecard.render.registry import Options
from scorecard.scoring import Result


def scorecard_md(result: Result, options: Options) -> str:
    return render_scorecard(result, "md", options.lang, workspace=options.workspace)


def scorecard_html(result: Result, options: Options) -> str:
    return render_scorecard(result, "html", options.lang, workspace=options.workspace)


def scorecard_json(result: Result, options: Options) -> str:
    return render_scorecard(result, "json", options.lang, workspace=options.workspace)


def methodology_md(rubric: Rubric, options: Options) -> str:
    return render_methodology(rubric, "md", options.lang, workspace=options.workspace)


def methodology_html(rubric: Rubric, options: Options) -> str:
    return render_methodology(rubric, "html", options.lang, workspace=options.workspace)
