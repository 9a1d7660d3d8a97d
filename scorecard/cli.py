"""The command line: parse options, call the library, pick a renderer, map errors to exit codes.

Modules that do the work are imported inside each command, so `scorecard --version` and
`--help` load only Typer.
"""

import itertools
import os
import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from scorecard import __version__
from scorecard.errors import InvalidInput, ScorecardError, UsageError

if TYPE_CHECKING:
    # Typer vendors click: the PyPI click is another, slower import (and not a dependency).
    from typer import _click as click

    from scorecard.workspace import Workspace


class _Group(TyperGroup):
    """Turns the library's exceptions into messages on stderr and exit codes, in one place."""

    def invoke(self, ctx: "click.Context") -> Any:
        try:
            return super().invoke(ctx)
        except ScorecardError as exc:
            if _state.debug:
                raise
            _report_error(exc)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            ctx.exit(130)


class _State:
    quiet = False
    verbose = False
    debug = False
    workspace: Path | None = None
    lang = "en"  # the language of problem reports: the command's --lang


_state = _State()

EXAMPLES = """
Examples:

  scorecard validate                      check the whole workspace
  scorecard score assessments/SV/2024.yaml
  scorecard render assessments/SV/2024.yaml --format html -o sv.html --lang es
  scorecard diff assessments/SV/2021.yaml assessments/SV/2024.yaml
  scorecard build                         write the static site to site/
"""

app = typer.Typer(
    cls=_Group,
    help="Score governments on the transparency of their security policies.\n\n" + EXAMPLES,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"scorecard {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Print more detail.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show full tracebacks.")] = False,
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace",
            "-w",
            help="The workspace folder (default: found from the current folder).",
        ),
    ] = None,
) -> None:
    _state.quiet, _state.verbose, _state.debug, _state.workspace = quiet, verbose, debug, workspace
    _state.lang = "en"


# --- shared helpers -------------------------------------------------------------------------


def _stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _report_error(exc: ScorecardError) -> None:
    if isinstance(exc, InvalidInput):
        from scorecard.diagnostics import as_text
        from scorecard.i18n import available_languages

        lang = _state.lang if _state.lang in available_languages() else "en"
        sys.stderr.write(as_text(exc.problems, {}, len({p.file for p in exc.problems}), lang))
    else:
        prefix = "usage error" if isinstance(exc, UsageError) else "error"
        sys.stderr.write(f"{prefix}: {exc}\n")


def note(message: str) -> None:
    """A diagnostic on stderr, unless --quiet."""
    if not _state.quiet:
        sys.stderr.write(message + "\n")


def detail(message: str) -> None:
    """A diagnostic on stderr only with --verbose."""
    if _state.verbose and not _state.quiet:
        sys.stderr.write(message + "\n")


def workspace_for(paths: list[Path] | None = None) -> "Workspace":
    from scorecard.workspace import find_workspace, open_workspace

    if _state.workspace is not None:
        return open_workspace(_state.workspace)
    return find_workspace(paths[0] if paths else None)


def emit(text: str | Iterable[str], output: str | None, inputs: list[Path] | None = None) -> None:
    """Write a report (text, or chunks of it) to stdout (`-` or no -o) or atomically to a file
    that is not an input."""
    if output in (None, "-"):
        if isinstance(text, str):
            sys.stdout.write(text)
        else:
            sys.stdout.writelines(text)
        sys.stdout.flush()
        return
    from scorecard.outputs import write_file

    write_file(Path(output), text, protect=inputs or [])
    note(f"wrote {output}")


def fail(message: str, code: int = 2) -> NoReturn:
    if code == 2:
        raise UsageError(message)
    raise ScorecardError(message)


# --- validate -------------------------------------------------------------------------------


class ProblemFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@app.command(
    epilog="Examples: scorecard validate; scorecard validate assessments/SV --strict; "
    "scorecard validate --format github"
)
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders (default: the workspace's rubrics/ and assessments/)."
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    format: Annotated[
        ProblemFormat,
        typer.Option(
            "--format",
            "-f",
            help="text, json or github (workflow commands that annotate a pull request).",
        ),
    ] = ProblemFormat.text,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write the report to a file (- for stdout)."),
    ] = None,
    lang: Annotated[
        str, typer.Option("--lang", help="Language of the messages (en, es); JSON keys stay ids.")
    ] = "en",
) -> None:
    """Check rubrics and assessments: every problem in every file, located to the line."""
    from scorecard.diagnostics import FORMATTERS
    from scorecard.i18n import check_language
    from scorecard.validation import check_files

    _state.lang = check_language(lang)
    paths = paths or []
    for path in paths:
        if not path.exists():
            fail(f"no such file or folder: {path}")
    workspace = workspace_for(paths)
    detail(f"workspace: {workspace.root}")
    report = check_files(paths, workspace)
    for name in report.checked:
        detail(f"checked {name}")
    detail(f"rubrics known: {', '.join(sorted(report.rubrics)) or 'none'}")
    problems = report.problems
    if strict:
        problems = [p if p.severity == "error" else _as_error(p) for p in problems]
    elif _state.quiet:
        problems = [p for p in problems if p.severity == "error"]
    if not (_state.quiet and not problems and format is ProblemFormat.text):
        report_text = FORMATTERS[format.value](problems, report.documents, report.files, lang)
        emit(report_text, output, paths)
    if report.failed(strict):
        raise typer.Exit(1)


def _as_error(problem: Any) -> Any:
    from dataclasses import replace

    return replace(problem, severity="error")


# --- score ----------------------------------------------------------------------------------


class ScoreFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command(
    epilog="Examples: scorecard score assessments/SV/2024.yaml; "
    "scorecard score assessments/*/2024.yaml --format csv -o scores.csv"
)
def score(
    assessments: Annotated[
        list[Path], typer.Argument(help="Assessment files, or folders of them.")
    ],
    format: Annotated[
        ScoreFormat, typer.Option("--format", "-f", help="table, json or csv.")
    ] = ScoreFormat.table,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to a file (- for stdout).")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the output (en, es).")] = "en",
) -> None:
    """Score assessments: overall, band, pillars, coverage and flags."""
    from scorecard.api import iter_results, load_valid
    from scorecard.i18n import check_language

    _state.lang = check_language(lang)
    for path in assessments:
        if not path.exists():
            fail(f"no such file or folder: {path}")
    report = load_valid(assessments, workspace_for(assessments))
    if not report.assessments:
        fail("no assessment among the files given")
    if format is ScoreFormat.table:
        from scorecard.terminal import print_scores

        if output not in (None, "-"):
            fail("--output needs --format json or csv")
        print_scores(list(iter_results(report)), lang)
        return
    text: str | Iterable[str]
    if format is ScoreFormat.json:
        from scorecard.result_document import json_array, result_json

        # Results are scored and written one at a time, so memory stays flat at any size.
        if len(report.assessments) == 1:
            text = result_json(next(iter_results(report)), lang) + "\n"
        else:
            documents = (result_json(result, lang) for result in iter_results(report))
            text = itertools.chain(json_array(documents), ["\n"])
    else:
        from scorecard.tabular import results_to_csv

        text = results_to_csv(iter_results(report), lang)
    emit(text, output, assessments)


# --- render ---------------------------------------------------------------------------------


def _check_render_options(fmt: str, lang: str, formats: tuple[str, ...]) -> None:
    from scorecard.i18n import check_language

    if fmt not in formats:
        fail(f"unknown format {fmt!r}; choose one of: {', '.join(formats)}")
    _state.lang = check_language(lang)


@app.command(
    epilog="Examples: scorecard render assessments/SV/2024.yaml --format md; "
    "scorecard render assessments/SV/2024.yaml --format html -o sv.html --lang es"
)
def render(
    assessment: Annotated[Path, typer.Argument(help="The assessment file.")],
    format: Annotated[
        str, typer.Option("--format", "-f", help="md (GitHub Markdown), html or json.")
    ] = "md",
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to a file (- for stdout).")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the scorecard (en, es).")] = "en",
) -> None:
    """One scorecard to read: Markdown, standalone HTML or the JSON result document."""
    from scorecard.api import score_files
    from scorecard.render import REGISTRY, render_scorecard

    _check_render_options(format, lang, tuple(REGISTRY))
    if not assessment.is_file():
        fail(f"no such file: {assessment}")
    workspace = workspace_for([assessment])
    results = score_files([assessment], workspace)
    if not results:
        fail(f"{assessment} is not an assessment")
    emit(render_scorecard(results[0], format, lang, workspace=workspace), output, [assessment])


# --- schema ---------------------------------------------------------------------------------


@app.command(epilog="Example: scorecard schema assessment > assessment.schema.json")
def schema(
    name: Annotated[str, typer.Argument(help="rubric, assessment, result, diff or scores.")],
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write to a file.")] = None,
) -> None:
    """Print a bundled JSON Schema (draft 2020-12)."""
    from scorecard import schemas

    if name not in schemas.available():
        fail(f"unknown schema {name!r}; choose one of: {', '.join(schemas.available())}")
    emit(schemas.schema_text(name), output)


# --- rubric ---------------------------------------------------------------------------------

rubric_app = typer.Typer(
    help="Show a rubric as a tree, or as a methodology page.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(rubric_app, name="rubric")


def _pick_rubric(ref: str | None) -> Any:
    """The rubric `ref` names; by default the newest version of the workspace's own rubric
    (the bundled rubric only when the workspace has none)."""
    from scorecard.api import load_valid
    from scorecard.workspace import data_files

    workspace = workspace_for()
    report = load_valid(workspace.rubric_files(), workspace)
    if not report.rubrics:
        fail("no rubric found in the workspace", 1)
    if ref is not None:
        if ref not in report.rubrics:
            fail(f"rubric {ref} not found; known: {', '.join(sorted(report.rubrics))}", 1)
        return report.rubrics[ref]
    own = {path.resolve() for path in data_files(workspace.rubrics_dir)}
    own_ids = {doc.data["id"] for doc in report.documents.values() if doc.path.resolve() in own}
    candidates = [r for r in report.rubrics.values() if r.id in own_ids] or list(
        report.rubrics.values()
    )

    def newest_first(r: Any) -> tuple[str, tuple[int, ...]]:
        return (r.id, tuple(-int(x) for x in r.version.split(".")))

    return sorted(candidates, key=newest_first)[0]


@rubric_app.command("show", epilog="Example: scorecard rubric show --lang es")
def rubric_show(
    ref: Annotated[str | None, typer.Argument(help="id@version (default: the newest).")] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the rubric's text.")] = "en",
) -> None:
    """The rubric as a tree: pillars, indicators, weights and levels."""
    from scorecard.i18n import check_language
    from scorecard.terminal import print_rubric

    check_language(lang)
    print_rubric(_pick_rubric(ref), lang)


@rubric_app.command(
    "doc",
    epilog="Examples: scorecard rubric doc --format html -o methodology.html; "
    "scorecard rubric doc security-transparency@1.0 --lang es",
)
def rubric_doc(
    ref: Annotated[str | None, typer.Argument(help="id@version (default: the newest).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="md or html.")] = "md",
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to a file (- for stdout).")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the page (en, es).")] = "en",
) -> None:
    """The methodology page generated from a rubric: pillars, indicators, levels, weights,
    anchors, bands and the formula in words."""
    from scorecard.render import methodology_formats, render_methodology

    _check_render_options(format, lang, methodology_formats())
    rubric = _pick_rubric(ref)
    emit(render_methodology(rubric, format, lang, workspace=workspace_for()), output)


# --- build ----------------------------------------------------------------------------------


@app.command(
    epilog="Examples: scorecard build; scorecard build -o public --lang all; "
    "scorecard build --lang es"
)
def build(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Output folder (default: site/, or the `output` setting)."
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
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
            min=1,
            help="Worker processes for rendering (default: one per core on large sites; "
            "1 renders in this process). The files are the same either way.",
        ),
    ] = None,
) -> None:
    """Build the static site: index, jurisdictions, scorecards, methodology, data and badges."""
    from scorecard.api import load_valid
    from scorecard.i18n import check_language
    from scorecard.site import build_site

    workspace = workspace_for()
    languages = _site_languages(lang, workspace.settings.languages)
    for code in languages:
        check_language(code)
    _state.lang = languages[0]
    target = output if output is not None else workspace.root / workspace.settings.output
    report = load_valid([workspace.rubrics_dir, workspace.assessments_dir], workspace)
    detail(f"workspace: {workspace.root}; languages: {', '.join(languages)}")
    if not report.assessments:
        fail(f"no valid assessment under {workspace.display(workspace.assessments_dir)}", 1)
    with _progress_bar("building the site") as progress:
        summary = build_site(
            workspace, report, target, languages, force=force, jobs=jobs, progress=progress
        )
    note(
        f"built {summary.pages} files for {summary.jurisdictions} jurisdiction(s) and "
        f"{summary.editions} edition(s) in {workspace.display(target)}"
    )


def _site_languages(lang: str | None, configured: tuple[str, ...]) -> tuple[str, ...]:
    if lang is None:
        return configured[:1]
    if lang == "all":
        return configured
    return (lang,)


class _progress_bar:
    """A progress bar on stderr in an interactive terminal; nothing in CI or when piped."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> Any:
        interactive = sys.stderr.isatty() and not os.environ.get("CI") and not _state.quiet
        if not interactive:
            return None
        from rich.progress import Progress

        self.bar = Progress(console=_stderr(), transient=True)
        self.bar.start()
        self.task = self.bar.add_task(self.label, total=None)

        def update(done: int, total: int) -> None:
            self.bar.update(self.task, completed=done, total=total)

        return update

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


# --- new and init ---------------------------------------------------------------------------


@app.command(
    epilog="Examples: scorecard new XA 2025 --name Xanadu; "
    "scorecard new SV 2025 --from assessments/SV/2024.yaml"
)
def new(
    code: Annotated[
        str, typer.Argument(help="ISO 3166 code of the jurisdiction, e.g. SV or MX-CHH.")
    ],
    edition: Annotated[str, typer.Argument(help="Edition label, e.g. 2025.")],
    rubric: Annotated[
        str | None,
        typer.Option("--rubric", help="id@version (default: the newest in the workspace)."),
    ] = None,
    from_: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Copy answers and evidence from this earlier edition, "
            "each marked for re-verification.",
        ),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="The jurisdiction's name.")] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the question comments.")] = "en",
) -> None:
    """Write an assessment skeleton listing every indicator of the rubric, as a draft."""
    from scorecard.api import load_valid
    from scorecard.loading import load_document
    from scorecard.outputs import write_file
    from scorecard.scaffold import assessment_path, assessment_skeleton

    _state.lang = lang  # checked when the skeleton is written; reports fall back to English
    workspace = workspace_for()
    previous = None
    if from_ is not None:
        if not from_.is_file():
            fail(f"no such file: {from_}")
        report = load_valid([from_], workspace)
        if not report.assessments:
            fail(f"{from_} is not an assessment")
        previous = load_document(from_).data
        if previous["jurisdiction"]["code"] != code:
            fail(f"{from_} assesses {previous['jurisdiction']['code']}, not {code}")
    chosen = _pick_rubric(rubric or (previous["rubric"] if previous and rubric is None else None))
    path = assessment_path(workspace, code, edition)
    text = assessment_skeleton(chosen, code, edition, name=name, previous=previous, lang=lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file(path, text)
    note(f"wrote {workspace.display(path)}")


@app.command(epilog="Examples: scorecard init my-scorecards; scorecard init . --force")
def init(
    directory: Annotated[Path, typer.Argument(help="Folder of the new workspace.")] = Path("."),
    force: Annotated[
        bool, typer.Option("--force", help="Add the missing files to a non-empty folder.")
    ] = False,
    title: Annotated[
        str | None, typer.Option("--title", help="Title of the published site.")
    ] = None,
) -> None:
    """Create a workspace: rubric, example assessment, settings, CI workflow, pre-commit hook."""
    from scorecard.scaffold import init_workspace

    report = init_workspace(directory, force=force, title=title)
    for path in report.written:
        note(f"  wrote {path}")
    for path in report.skipped:
        note(f"  kept  {path} (exists)")
    note(f"workspace ready in {directory}: run `scorecard validate` there")


# --- diff and history -----------------------------------------------------------------------


class DiffFormat(StrEnum):
    table = "table"
    md = "md"
    json = "json"


def _render_rich(draw: Any) -> str:
    """A rich view rendered to plain text, for -o with the table format."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    draw(Console(file=buffer, width=100, no_color=True, highlight=False))
    return buffer.getvalue()


@app.command(
    epilog="Examples: scorecard diff assessments/SV/2021.yaml assessments/SV/2024.yaml; "
    "scorecard diff --git origin/main --format md >> $GITHUB_STEP_SUMMARY; "
    "scorecard diff --git main --fail-on-drop 5 --per-pillar"
)
def diff(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="OLD NEW: two assessment files. With --git: files or folders to limit the "
            "comparison to (default: every assessment)."
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
    format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="table (terminal), md or json.")
    ] = DiffFormat.table,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to a file (- for stdout).")
    ] = None,
    lang: Annotated[
        str, typer.Option("--lang", help="Language of the report (en, es); JSON keeps its words.")
    ] = "en",
    top: Annotated[
        int, typer.Option("--top", min=1, help="Contributions listed per jurisdiction.")
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

    from scorecard.changes_format import FORMATTERS, print_diff
    from scorecard.diff import ChangeSet, diff_pairs, drops
    from scorecard.i18n import check_language, translator

    _state.lang = check_language(lang)
    paths = paths or []
    if per_pillar and fail_on_drop is None:
        fail("--per-pillar needs --fail-on-drop POINTS")
    for path in paths:
        if not path.exists():
            fail(f"no such file or folder: {path}")
    changes: ChangeSet
    if git is not None:
        from scorecard.gitrevs import changes_since

        workspace = workspace_for(paths)
        pairs = changes_since(git, workspace, paths)
        # The JSON names the side with a fixed id; reports say it in their language.
        working_tree = "working tree" if format is DiffFormat.json else None
        changes = diff_pairs(pairs, git, working_tree or translator(lang)("diff.working_tree"))
    else:
        if len(paths) != 2:
            fail("give two assessment files, OLD and NEW (or --git REF to compare revisions)")
        from scorecard.api import score_files

        results = score_files(paths, workspace_for(paths))
        if len(results) != 2:
            fail("OLD and NEW must both be assessment files")
        old, new = results
        if old.assessment.code != new.assessment.code:
            note(
                translator(lang)(
                    "diff.note.different", old=old.assessment.code, new=new.assessment.code
                )
            )
        changes = diff_pairs([(old, new)], str(paths[0]), str(paths[1]), keep_unchanged=True)
    if format is DiffFormat.table:
        if output in (None, "-"):
            print_diff(changes, lang, top=top)
        else:
            emit(_render_rich(lambda c: print_diff(changes, lang, c, top=top)), output, paths)
    elif format is DiffFormat.md:
        from scorecard.changes_format import diff_to_markdown

        emit(diff_to_markdown(changes, lang, top=top), output, paths)
    else:
        emit(FORMATTERS[format.value](changes, lang), output, paths)
    if fail_on_drop is not None:
        limit = Fraction(str(fail_on_drop))
        dropped = [line for e in changes.entries for line in drops(e, limit, per_pillar, lang)]
        if dropped:
            from scorecard.errors import GateFailed

            t = translator(lang)
            heading = t("diff.gate.heading", points=t.number(Decimal(f"{fail_on_drop:g}")))
            raise GateFailed(heading + "\n  " + "\n  ".join(dropped))


class HistoryFormat(StrEnum):
    table = "table"
    md = "md"
    json = "json"
    csv = "csv"


@app.command(epilog="Examples: scorecard history SV; scorecard history SV --format csv -o sv.csv")
def history(
    code: Annotated[str, typer.Argument(help="Jurisdiction code, e.g. SV or MX-CHH.")],
    format: Annotated[
        HistoryFormat, typer.Option("--format", "-f", help="table, md, json or csv.")
    ] = HistoryFormat.table,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to a file (- for stdout).")
    ] = None,
    lang: Annotated[
        str,
        typer.Option("--lang", help="Language of the table and Markdown (en, es); CSV keeps ids."),
    ] = "en",
) -> None:
    """A jurisdiction's editions over time: overall, band, pillars, coverage and rubric."""
    from scorecard.api import score_files
    from scorecard.history import jurisdiction_history
    from scorecard.history_format import HISTORY_FORMATTERS, print_history
    from scorecard.i18n import check_language

    _state.lang = check_language(lang)
    workspace = workspace_for()
    files = [p for p in workspace.assessment_files() if p.parent.name == code]
    if not files:
        known = sorted({p.parent.name for p in workspace.assessment_files()})
        listed = ", ".join(known) if known else "none (no assessments in the workspace)"
        fail(f"no assessments for {code!r}; known jurisdictions: {listed}", 1)
    found = jurisdiction_history(score_files(files, workspace), code)
    if format is HistoryFormat.table:
        if output in (None, "-"):
            print_history(found, lang)
        else:
            emit(_render_rich(lambda c: print_history(found, lang, c)), output)
    else:
        emit(HISTORY_FORMATTERS[format.value](found, lang), output)


# --- sensitivity and agreement (issue 14: a method practitioners trust) ----------------------


class SensitivityFormat(StrEnum):
    table = "table"
    md = "md"
    json = "json"
    csv = "csv"


@app.command(
    epilog="Examples: scorecard sensitivity; "
    "scorecard sensitivity assessments/ --draws 5000 --seed 7 --format md -o sensitivity.md; "
    "scorecard sensitivity --weight-spread 0.5 --band-shift 2.5 --format csv"
)
def sensitivity(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Assessment files or folders (default: the workspace's assessments); the "
            "latest edition of each jurisdiction is ranked."
        ),
    ] = None,
    draws: Annotated[int, typer.Option("--draws", min=1, help="How many methods to draw.")] = 1000,
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of the draws: the same seed, the same report.")
    ] = 1,
    weight_spread: Annotated[
        float,
        typer.Option(
            "--weight-spread",
            min=0,
            max=0.95,
            help="Weights vary by up to this share of their value (0.25: ±25%).",
        ),
    ] = 0.25,
    band_shift: Annotated[
        float,
        typer.Option(
            "--band-shift",
            min=0,
            max=50,
            help="Band boundaries move by up to this many points.",
        ),
    ] = 5.0,
    format: Annotated[
        SensitivityFormat,
        typer.Option("--format", "-f", help="table (terminal), md, json or csv."),
    ] = SensitivityFormat.table,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to a file (- for stdout).")
    ] = None,
    lang: Annotated[
        str,
        typer.Option("--lang", help="Language of the table and Markdown (en, es); JSON keeps ids."),
    ] = "en",
) -> None:
    """How much the ranking depends on the method: median rank, 5-95% rank interval, chance
    of a band change and the assumption that moves each jurisdiction most, over draws of the
    weights, pillar aggregation (mean, weakest link, geometric), missing answers (left out,
    lowest, highest level) and band thresholds."""
    from scorecard.api import iter_results, load_valid
    from scorecard.i18n import check_language
    from scorecard.render.sensitivity_format import FORMATTERS, print_sensitivity
    from scorecard.sensitivity import SensitivitySettings, analyse
    from scorecard.workspace import expand_paths

    _state.lang = check_language(lang)
    paths = paths or []
    for path in paths:
        if not path.exists():
            fail(f"no such file or folder: {path}")
    workspace = workspace_for(paths)
    report = load_valid(paths or [workspace.assessments_dir], workspace)
    if not report.assessments:
        if paths:
            fail("no assessment among the files given")
        fail(f"no valid assessment under {workspace.display(workspace.assessments_dir)}", 1)
    settings = SensitivitySettings(draws, seed, weight_spread, band_shift)
    found = analyse(iter_results(report), settings)
    # Every file read, not only the folders named: -o never replaces one of them.
    inputs = expand_paths(paths or [workspace.assessments_dir])
    if format is SensitivityFormat.table:
        if output in (None, "-"):
            print_sensitivity(found, lang)
        else:
            emit(_render_rich(lambda c: print_sensitivity(found, lang, c)), output, inputs)
    else:
        emit(FORMATTERS[format.value](found, lang), output, inputs)


class AgreementFormat(StrEnum):
    table = "table"
    md = "md"
    json = "json"
    csv = "csv"


@app.command(
    epilog="Examples: scorecard agreement codings/alice/XA/2024.yaml codings/bob/XA/2024.yaml; "
    "scorecard agreement codings/alice codings/bob --format md; "
    "scorecard agreement codings/ --format csv -o reconcile.csv"
)
def agreement(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Two or more independent codings (assessment files) of the same editions, "
            "or folders of them, such as codings/<coder>/ (see docs/methodology.md)."
        ),
    ],
    format: Annotated[
        AgreementFormat,
        typer.Option(
            "--format", "-f", help="table (terminal), md, json or csv (the reconciliation sheet)."
        ),
    ] = AgreementFormat.table,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to a file (- for stdout).")
    ] = None,
    lang: Annotated[
        str,
        typer.Option("--lang", help="Language of the table and Markdown (en, es); JSON keeps ids."),
    ] = "en",
) -> None:
    """How far coders agree: Krippendorff's alpha (ordinal and nominal) and percent agreement,
    overall, per pillar and per indicator, and the answers to reconcile."""
    from scorecard.agreement import measure_agreement, read_codings
    from scorecard.i18n import check_language
    from scorecard.render.agreement_format import FORMATTERS, print_agreement
    from scorecard.workspace import expand_paths

    _state.lang = check_language(lang)
    for path in paths:
        if not path.exists():
            fail(f"no such file or folder: {path}")
    workspace = workspace_for(paths)
    try:
        codings, rubric = read_codings(paths, workspace)
    except ValueError as exc:
        fail(str(exc))
    found = measure_agreement(codings, rubric)
    if not found.editions:
        fail("no edition has two or more codings among the files given")
    inputs = expand_paths(paths)  # every file read: -o never replaces one of them
    if format is AgreementFormat.table:
        if output in (None, "-"):
            print_agreement(found, lang)
        else:
            emit(_render_rich(lambda c: print_agreement(found, lang, c)), output, inputs)
    else:
        emit(FORMATTERS[format.value](found, lang), output, inputs)


def main() -> None:
    """Console entry point."""
    if os.environ.get("NO_COLOR") is not None:
        os.environ.setdefault("TERM", "dumb")
    app(prog_name="scorecard")
