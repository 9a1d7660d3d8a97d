"""`scorecard export` and `scorecard import`: answers out to a spreadsheet for reviewers, and
their edits back into the assessment files."""

import sys
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

TABLES = ("answers", "scores")


@app.command(
    short_help="Answers and scores for spreadsheets.",
    epilog=examples(
        "scorecard export -o answers.xlsx",
        "scorecard export assessments/SV --format csv -o sv.csv",
        "scorecard export --format csv-semicolon --table scores -o scores.csv --lang es",
    ),
)
def export(
    assessments: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH", help="Assessment files or folders (default: the whole workspace)."
        ),
    ] = None,
    format: Annotated[str, format_option("export")] = "xlsx",
    table: Annotated[
        str,
        typer.Option(
            "--table",
            metavar="[" + "|".join(TABLES) + "]",
            help="The table a CSV holds: answers (one row per indicator, editable and read "
            "back by `import`) or scores (one row per edition). An XLSX holds both.",
        ),
    ] = "answers",
    output: OutputOption = None,
    lang: Annotated[str, lang_option("Language of the level labels (en, es).")] = "en",
) -> None:
    """Answers and scores as a spreadsheet: a tidy row per jurisdiction, edition and indicator
    (level, statement, confidence, notes, every source), and a wide table of scores."""
    from scorecard.tables import export_tables

    set_language(lang)
    if table not in TABLES:
        raise UsageError(f"unknown table {table!r}; choose one of: {', '.join(TABLES)}")
    paths = assessments or []
    require_paths(paths)
    if format == "xlsx" and output in (None, "-") and sys.stdout.isatty():
        raise UsageError("XLSX is binary: write it to a file with -o FILE")
    data = export_tables(paths, workspace_for(paths), lang=lang, table=table)
    write_report("export", format, data, lang=lang, output=output, inputs=paths)


@app.command(
    "import",
    short_help="Apply an edited answers sheet.",
    epilog=examples("scorecard import reviewed.xlsx", "scorecard import answers.csv --dry-run"),
)
def import_(
    sheet: Annotated[
        Path,
        typer.Argument(
            metavar="FILE", help="An XLSX or CSV file in the shape `scorecard export` writes."
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    lang: Annotated[str, lang_option("Language of messages (en, es).")] = "en",
) -> None:
    """Update the assessment files from an edited answers sheet: only the answers that
    changed, with comments, key order and quoting kept. Prints the change as a diff. Nothing
    is written if any cell is wrong or the result would not validate."""
    from scorecard.i18n import translator
    from scorecard.importing import apply_import, plan_import

    set_language(lang)
    if not sheet.is_file():
        raise UsageError(f"no such file: {sheet}")
    workspace = workspace_for()  # the sheet may be anywhere: the current folder decides
    plan = plan_import(sheet, workspace)
    for update in plan.updates:
        sys.stdout.write(update.diff())
    t = translator(lang)
    changes = plan.changes
    if not changes:
        note(t("import.unchanged", rows=plan.rows))
        return
    changed = t("import.changes", count=len(changes))
    files = t("import.files", count=len(plan.updates))
    if dry_run:
        note(t("import.dry_run", changes=changed, files=files))
        return
    apply_import(plan, protect=[sheet])
    note(t("import.written", changes=changed, files=files))
