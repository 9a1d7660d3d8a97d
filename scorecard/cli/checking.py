"""`scorecard validate`."""

from pathlib import Path
from typing import Annotated

import typer

from scorecard.cli.app import (
    OutputOption,
    app,
    detail,
    examples,
    format_option,
    lang_option,
    require_paths,
    session,
    set_language,
    workspace_for,
    write_report,
)


@app.command(
    epilog=examples(
        "scorecard validate",
        "scorecard validate assessments/SV --strict",
        "scorecard validate --format github",
    ),
    short_help="Check rubrics and assessments.",
)
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="Files or folders (default: the workspace's rubrics/ and assessments/).",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Treat warnings as errors (also on when scorecard.toml says strict = true).",
        ),
    ] = False,
    format: Annotated[str, format_option("validate")] = "text",
    output: OutputOption = None,
    lang: Annotated[
        str, lang_option("Language of the messages (en, es); JSON keys stay ids.")
    ] = "en",
) -> None:
    """Check rubrics and assessments: every problem in every file, located to the line."""
    from scorecard.api import check

    set_language(lang)
    paths = paths or []
    require_paths(paths)
    workspace = workspace_for(paths, required=not paths)
    detail(f"workspace: {workspace.root}")
    quiet = session().quiet
    strict = strict or workspace.settings.strict
    checked = check(paths, workspace, strict=strict, errors_only=quiet)
    for name in checked.report.checked:
        detail(f"checked {name}")
    detail(f"rubrics known: {', '.join(sorted(checked.report.rubrics)) or 'none'}")
    if not (quiet and not checked.problems and format == "text"):
        write_report("validate", format, checked, lang=lang, output=output, inputs=paths)
    if checked.failed:
        raise typer.Exit(1)
