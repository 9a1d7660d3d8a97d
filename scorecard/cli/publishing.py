"""`scorecard build`: the static site; `scorecard review`: what stands before publishing."""

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from scorecard.cli.app import (
    OutputOption,
    app,
    detail,
    examples,
    format_option,
    lang_option,
    note,
    require_paths,
    session,
    set_language,
    workspace_for,
    write_report,
)
from scorecard.errors import ScorecardError


@app.command(
    epilog=examples(
        "scorecard build",
        "scorecard build -o public --lang all",
        "scorecard build --lang es",
        "scorecard build --preview -o preview",
    ),
    short_help="Build the static site.",
)
def build(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FOLDER",
            help="Output folder (default: site/, or the `output` setting).",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="LANG",
            help="A language, or `all` for one subtree per "
            "language (default: the first of the workspace's languages).",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace an output folder that scorecard did not create."),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            min=1,
            help="Worker processes for rendering (default: one per core on large sites; "
            "1 renders in this process). The files are the same either way.",
        ),
    ] = None,
    preview: Annotated[
        bool,
        typer.Option(
            "--preview",
            help="Show every edition, whatever its status, each page marked with its status "
            "(default: only the statuses the workspace publishes; `publish` in scorecard.toml).",
        ),
    ] = False,
    clean: Annotated[
        bool,
        typer.Option(
            "--clean",
            help="Read and render everything, without the workspace's cache "
            "(.scorecard-cache/, which keeps pages of unchanged jurisdictions). "
            "The files are the same either way.",
        ),
    ] = False,
) -> None:
    """Build the static site: index, jurisdictions, scorecards, methodology, data and badges."""
    from scorecard.api import load_valid
    from scorecard.cache import Cache
    from scorecard.i18n import translator
    from scorecard.site import build_site
    from scorecard.validation import Spool

    workspace = workspace_for(required=True)
    languages = _site_languages(lang, workspace.settings.languages)
    for code in languages:
        set_language(code)
    session().lang = languages[0]
    target = output if output is not None else workspace.root / workspace.settings.output
    cache = None if clean else Cache.for_workspace(workspace.root)
    folders = [workspace.rubrics_dir, workspace.assessments_dir]
    # The models validation reads are set aside on disk for the renderers, not read again.
    with Spool() as spool:
        report = load_valid(folders, workspace, cached=cache is not None, models=False, spool=spool)
        detail(f"workspace: {workspace.root}; languages: {', '.join(languages)}")
        if not report.editions:
            where = workspace.display(workspace.assessments_dir)
            raise ScorecardError(f"no valid assessment under {where}")
        with _ProgressBar("building the site") as progress:
            summary = build_site(
                workspace,
                report,
                target,
                languages,
                force=force,
                jobs=jobs,
                progress=progress,
                preview=preview,
                cache=cache,
            )
    t = translator(session().lang)
    done = t(
        "build.done",
        files=t("count.files", count=summary.pages),
        jurisdictions=t("count.jurisdictions", count=summary.jurisdictions),
        editions=t("count.editions", count=summary.editions),
        folder=workspace.display(target),
    )
    note(done + (t("build.preview") if summary.preview else ""))
    if summary.withheld:
        statuses = ", ".join(workspace.settings.publish)
        detail(t("build.left_out", count=summary.withheld, statuses=statuses))


def _site_languages(lang: str | None, configured: tuple[str, ...]) -> tuple[str, ...]:
    if lang is None:
        return configured[:1]
    if lang == "all":
        return configured
    return (lang,)


class _ProgressBar:
    """A progress bar on stderr in an interactive terminal; nothing in CI or when piped."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> Any:
        interactive = sys.stderr.isatty() and not os.environ.get("CI") and not session().quiet
        if not interactive:
            return None
        from rich.console import Console
        from rich.progress import Progress

        self.bar = Progress(console=Console(stderr=True, highlight=False), transient=True)
        self.bar.start()
        self.task = self.bar.add_task(self.label, total=None)

        def update(done: int, total: int) -> None:
            self.bar.update(self.task, completed=done, total=total)

        return update

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


@app.command(
    epilog=examples(
        "scorecard review",
        "scorecard review assessments/SV",
        "scorecard review --check --format md >> $GITHUB_STEP_SUMMARY",
    ),
    short_help="What stands between each edition and publication.",
)
def review(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="Assessment files or folders (default: the workspace's assessments).",
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Exit 1 when a published edition fails any rule (for CI)."),
    ] = False,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="With --check, notices (old sources...) fail too."),
    ] = False,
    format: Annotated[str, format_option("review")] = "table",
    output: OutputOption = None,
    lang: Annotated[str, lang_option("Language of the report (en, es).")] = "en",
) -> None:
    """The worklist between each edition and publication: unanswered indicators, reverify
    marks, evidence, sign-off, right of reply and old sources."""
    from scorecard.review import review_workspace

    set_language(lang)
    paths = paths or []
    require_paths(paths)
    workspace = workspace_for(paths)
    found = review_workspace(workspace, paths)
    write_report("review", format, found, lang=lang, output=output, inputs=paths)
    if check and found.failed(strict):
        raise typer.Exit(1)
