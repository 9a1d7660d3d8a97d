"""`scorecard new` and `scorecard init`."""

from pathlib import Path
from typing import Annotated

import typer

from scorecard.cli.app import app, examples, lang_option, note, set_language, workspace_for


@app.command(
    epilog=examples(
        "scorecard new XA 2025 --name Xanadu",
        "scorecard new SV 2025 --from assessments/SV/2024.yaml",
    ),
    short_help="Write a new edition's skeleton, as a draft.",
)
def new(
    code: Annotated[
        str, typer.Argument(help="ISO 3166 code of the jurisdiction, e.g. SV or MX-CHH.")
    ],
    edition: Annotated[str, typer.Argument(help="Edition label, e.g. 2025.")],
    rubric: Annotated[
        str | None,
        typer.Option(
            "--rubric",
            metavar="ID@VERSION",
            help="The rubric (default: the newest in the workspace).",
        ),
    ] = None,
    from_: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="FILE",
            help="Copy answers and evidence from this earlier edition, "
            "each marked for re-verification.",
        ),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="The jurisdiction's name.")] = None,
    lang: Annotated[str, lang_option("Language of the skeleton's comments.")] = "en",
) -> None:
    """Write an assessment skeleton listing every indicator of the rubric, as a draft."""
    from scorecard.api import draft_assessment
    from scorecard.outputs import write_file

    set_language(lang)
    workspace = workspace_for(required=True)
    path, text = draft_assessment(
        workspace, code, edition, rubric=rubric, source=from_, name=name, lang=lang
    )
    from scorecard.scaffold import with_modeline

    path.parent.mkdir(parents=True, exist_ok=True)
    write_file(path, with_modeline(text, path, workspace.root))
    note(f"wrote {workspace.display(path)}")


@app.command(
    epilog=examples(
        "scorecard init my-scorecards",
        "scorecard init my-scorecards --install git+https://github.com/ORG/REPO@v1.0",
        "scorecard init my-scorecards --vendor",
        "scorecard init . --force",
    ),
    short_help="Create a workspace with CI and pre-commit.",
)
def init(
    directory: Annotated[
        Path, typer.Argument(metavar="FOLDER", help="Folder of the new workspace.")
    ] = Path("."),
    install: Annotated[
        str | None,
        typer.Option(
            "--install",
            metavar="SPEC",
            help="What CI and pre-commit pip-install, e.g. git+https://github.com/ORG/REPO@TAG "
            "(default: how this scorecard was installed, when another machine can do the same).",
        ),
    ] = None,
    vendor: Annotated[
        bool,
        typer.Option(
            "--vendor",
            help="Copy this scorecard's wheel into vendor/ and install from it: pinned, and "
            "independent of any package index.",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Add the missing files to a non-empty folder.")
    ] = False,
    title: Annotated[
        str | None, typer.Option("--title", help="Title of the published site.")
    ] = None,
) -> None:
    """Create a workspace: rubric, example assessment, settings, JSON Schemas and editor
    settings, CI workflow, Dependabot and pre-commit configurations."""
    from scorecard.installing import given_install
    from scorecard.scaffold import init_workspace

    spec = given_install(install) if install is not None else None
    report = init_workspace(directory, install=spec, vendor=vendor, force=force, title=title)
    for path in report.written:
        note(f"  wrote {path}")
    for path in report.skipped:
        note(f"  kept  {path} (exists)")
    note(f"CI and pre-commit install scorecard with: pip install {report.install.requirement}")
    note(f"workspace ready in {directory}: run `scorecard validate` there")
