"""`scorecard rubric show|doc` and `scorecard schema`."""

from typing import Annotated

import typer

from scorecard.cli.app import (
    OutputOption,
    app,
    examples,
    format_option,
    lang_option,
    set_language,
    workspace_for,
    write_report,
    write_text,
)
from scorecard.cli.group import Commands
from scorecard.errors import UsageError

rubric_app = Commands(
    short_help="Show a rubric as a tree, or as a methodology page.",
    help="Show a rubric as a tree, or as a methodology page.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(rubric_app, name="rubric")

RubricRef = Annotated[
    str | None, typer.Argument(metavar="ID@VERSION", help="The rubric (default: the newest).")
]


@rubric_app.command(
    "show", epilog=examples("scorecard rubric show --lang es"), short_help="The rubric as a tree."
)
def rubric_show(
    ref: RubricRef = None,
    lang: Annotated[str, lang_option("Language of the rubric's text.")] = "en",
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
    lang: Annotated[str, lang_option("Language of the page (en, es).")] = "en",
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
    epilog=examples(
        "scorecard schema assessment > assessment.schema.json", "scorecard schema --all -o schemas"
    ),
    short_help="Print a bundled JSON Schema, or write them all.",
)
def schema(
    name: Annotated[
        str | None,
        typer.Argument(
            help="rubric, assessment, result, scores, diff, history, validate, sensitivity "
            "or agreement."
        ),
    ] = None,
    all_: Annotated[
        bool,
        typer.Option("--all", help="Every schema, each to DIR/NAME.schema.json (needs -o DIR)."),
    ] = False,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Write to this file (with --all: this folder); - for stdout.",
        ),
    ] = None,
) -> None:
    """Print a bundled JSON Schema (draft 2020-12), or write them all to a folder. Schemas
    refer to each other by relative names, so a folder of them works as it is."""
    from pathlib import Path

    from scorecard.cli.app import note
    from scorecard.outputs import write_file
    from scorecard.scaffold import bundled_schemas

    available = bundled_schemas()
    if all_:
        if name is not None:
            raise UsageError("give a schema name or --all, not both")
        if output in (None, "-"):
            raise UsageError("--all writes one file per schema: give -o DIR")
        assert output is not None
        folder = Path(output)
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"{folder} is not a folder")
        folder.mkdir(parents=True, exist_ok=True)
        for each, text in available.items():
            write_file(folder / f"{each}.schema.json", text)
        note(f"wrote {len(available)} schemas to {folder}")
        return
    if name not in available:
        choices = ", ".join(available)
        raise UsageError(f"unknown schema {name!r}; choose one of: {choices} (or --all -o DIR)")
    write_text(available[name], output)
