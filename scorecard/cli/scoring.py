"""`scorecard score` and `scorecard render`."""

from pathlib import Path
from typing import Annotated

import typer

from scorecard.cli.app import (
    OutputOption,
    app,
    examples,
    format_option,
    lang_option,
    report_error,
    require_paths,
    session,
    set_language,
    workspace_for,
    write_report,
)
from scorecard.errors import UsageError


@app.command(
    epilog=examples(
        "scorecard score assessments/SV/2024.yaml",
        "scorecard score assessments/*/2024.yaml --format csv -o scores.csv",
    ),
    short_help="Score assessments.",
)
def score(
    assessments: Annotated[
        list[Path], typer.Argument(metavar="PATH", help="Assessment files, or folders of them.")
    ],
    format: Annotated[str, format_option("score")] = "table",
    output: OutputOption = None,
    lang: Annotated[str, lang_option("Language of the output (en, es).")] = "en",
) -> None:
    """Score assessments: overall, band, pillars, coverage and flags. Every valid file is
    scored; invalid ones are reported after, and the exit code is then 1."""
    from scorecard.api import score_paths
    from scorecard.validation import Spool

    set_language(lang)
    require_paths(assessments)
    with Spool() as spool:  # the models, set aside until their results are written
        run = score_paths(assessments, workspace_for(assessments), spool)
        write_report("score", format, run.results, lang=lang, output=output, inputs=assessments)
    if run.problems is not None:
        report_error(run.problems, session())
        raise typer.Exit(1)


@app.command(
    epilog=examples(
        "scorecard render assessments/SV/2024.yaml --format md",
        "scorecard render assessments/SV/2024.yaml --format html -o sv.html --lang es",
    ),
    short_help="One scorecard: Markdown, HTML or JSON.",
)
def render(
    assessment: Annotated[Path, typer.Argument(metavar="FILE", help="The assessment file.")],
    format: Annotated[str, format_option("render")] = "md",
    output: OutputOption = None,
    lang: Annotated[str, lang_option("Language of the scorecard (en, es).")] = "en",
) -> None:
    """One scorecard to read: Markdown, standalone HTML or the JSON result document."""
    from scorecard.api import score_files

    set_language(lang)
    if not assessment.is_file():
        raise UsageError(f"no such file: {assessment}")
    workspace = workspace_for([assessment])
    results = score_files([assessment], workspace)
    if not results:
        raise UsageError(f"{assessment} is not an assessment")
    write_report(
        "render",
        format,
        results[0],
        lang=lang,
        output=output,
        inputs=[assessment],
        workspace=workspace,
    )
