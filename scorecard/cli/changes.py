"""`scorecard diff` and `scorecard history`: what changed, and a jurisdiction over time."""

from pathlib import Path
from typing import Annotated

import typer

from scorecard.cli.app import (
    OutputOption,
    app,
    examples,
    format_option,
    lang_option,
    note,
    require_paths,
    set_language,
    workspace_for,
    write_report,
)
from scorecard.errors import UsageError


@app.command(
    epilog=examples(
        "scorecard diff assessments/SV/2022.yaml assessments/SV/2024.yaml",
        "scorecard diff --git origin/main --format md >> $GITHUB_STEP_SUMMARY",
        "scorecard diff --git main --fail-on-drop 5 --per-pillar",
    ),
    short_help="What changed between editions, and why.",
)
def diff(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="OLD NEW | PATH",
            help="OLD NEW: two assessment files. With --git: files or folders to limit the "
            "comparison to (default: every assessment).",
        ),
    ] = None,
    git: Annotated[
        str | None,
        typer.Option(
            "--git",
            metavar="REF",
            help="Compare every assessment at git revision REF with the working tree.",
        ),
    ] = None,
    format: Annotated[str, format_option("diff")] = "table",
    output: OutputOption = None,
    lang: Annotated[
        str, lang_option("Language of the report (en, es); JSON keeps its words.")
    ] = "en",
    top: Annotated[
        int,
        typer.Option("--top", min=1, metavar="N", help="Contributions listed per jurisdiction."),
    ] = 5,
    fail_on_drop: Annotated[
        float | None,
        typer.Option(
            "--fail-on-drop",
            metavar="POINTS",
            min=0,
            help="Exit 1 when an overall score falls by more than POINTS (or is now withheld).",
        ),
    ] = None,
    per_pillar: Annotated[
        bool,
        typer.Option("--per-pillar", help="With --fail-on-drop: also gate every pillar score."),
    ] = False,
) -> None:
    """What changed between two editions or revisions, and why: each indicator's
    contribution to the change of its pillar and of the overall score."""
    from decimal import Decimal
    from fractions import Fraction

    from scorecard import api
    from scorecard.i18n import translator

    set_language(lang)
    paths = paths or []
    if per_pillar and fail_on_drop is None:
        raise UsageError("--per-pillar needs --fail-on-drop POINTS")
    require_paths(paths)
    workspace = workspace_for(paths, required=git is not None)
    if git is not None:
        # The JSON names the side with a fixed id; reports say it in their language.
        side = "working tree" if format == "json" else translator(lang)("diff.working_tree")
        changes = api.diff_revision(git, workspace, paths, side)
    else:
        if len(paths) != 2:
            raise UsageError(
                "give two assessment files, OLD and NEW (or --git REF to compare revisions)"
            )
        compared = api.diff_files(paths[0], paths[1], workspace)
        changes = compared.changes
        if compared.old_code != compared.new_code:
            t = translator(lang)
            note(t("diff.note.different", old=compared.old_code, new=compared.new_code))
    write_report("diff", format, changes, lang=lang, output=output, inputs=paths, top=top)
    if fail_on_drop is not None:
        dropped = api.gate(changes, Fraction(str(fail_on_drop)), per_pillar)
        if dropped:
            from scorecard.errors import GateFailed
            from scorecard.render.changes import gate_message

            raise GateFailed(gate_message(dropped, Decimal(f"{fail_on_drop:g}"), lang))


@app.command(
    epilog=examples("scorecard history SV", "scorecard history SV --format csv -o sv.csv"),
    short_help="A jurisdiction's editions over time.",
)
def history(
    code: Annotated[str, typer.Argument(help="Jurisdiction code, e.g. SV or MX-CHH.")],
    format: Annotated[str, format_option("history")] = "table",
    output: OutputOption = None,
    lang: Annotated[
        str, lang_option("Language of the table and Markdown (en, es); CSV keeps ids.")
    ] = "en",
) -> None:
    """A jurisdiction's editions over time: overall, band, pillars, coverage and rubric."""
    from scorecard.api import history_of

    set_language(lang)
    workspace = workspace_for(required=True)
    found = history_of(workspace, code)
    inputs = [p for p in workspace.assessment_files() if p.parent.name == code]
    write_report("history", format, found, lang=lang, output=output, inputs=inputs)
