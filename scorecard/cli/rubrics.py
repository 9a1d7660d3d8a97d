"""`scorecard rubric show|doc` and `scorecard schema`."""

from typing import Annotated

import typer

from scorecard.cli.app import (
    OutputOption,
    app,
    examples,
    format_option,
    set_language,
    workspace_for,
    write_report,
    write_text,
)
from scorecard.errors import UsageError

rubric_app = typer.Typer(
    help="Show a rubric as a tree, or as a methodology page.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(rubric_app, name="rubric")

RubricRef = Annotated[str | None, typer.Argument(help="id@version (default: the newest).")]


@rubric_app.command(
    "show", epilog=examples("scorecard rubric show --lang es"), short_help="The rubric as a tree."
)
def rubric_show(
    ref: RubricRef = None,
    lang: Annotated[
        str, typer.Option("--lang", metavar="LANG", help="Language of the rubric's text.")
    ] = "en",
) -> None:
    """The rubric as a tree: pillars, indicators, weights and levels."""
    from scorecard.api import pick_rubric

    set_language(lang)
    rubric = pick_rubric(workspace_for(), ref)
    write_report("rubric show", "table", rubric, lang=lang, output=None)


@rubric_app.command(
    "doc",
    epilog=examples(
        "scorecard rubric doc --format html -o methodology.html",
        "scorecard rubric doc security-transparency@1.0 --lang es",
    ),
    short_help="The rubric's methodology page.",
)
def rubric_doc(
    ref: RubricRef = None,
    format: Annotated[str, format_option("rubric doc")] = "md",
    output: OutputOption = None,
    lang: Annotated[
        str, typer.Option("--lang", metavar="LANG", help="Language of the page (en, es).")
    ] = "en",
) -> None:
    """The methodology page generated from a rubric: pillars, indicators, levels, weights,
    anchors, bands and the formula in words."""
    from scorecard.api import pick_rubric

    set_language(lang)
    workspace = workspace_for()
    rubric = pick_rubric(workspace, ref)
    inputs = workspace.rubric_files()
    write_report(
        "rubric doc", format, rubric, lang=lang, output=output, inputs=inputs, workspace=workspace
    )


@app.command(
    epilog=examples("scorecard schema assessment > assessment.schema.json"),
    short_help="Print a bundled JSON Schema.",
)
def schema(
    name: Annotated[str, typer.Argument(help="rubric, assessment, result, diff or scores.")],
    output: OutputOption = None,
) -> None:
    """Print a bundled JSON Schema (draft 2020-12)."""
    from scorecard import schemas

    if name not in schemas.available():
        choices = ", ".join(schemas.available())
        raise UsageError(f"unknown schema {name!r}; choose one of: {choices}")
    write_text(schemas.schema_text(name), output)
