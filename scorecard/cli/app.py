"""The Typer app, its global options, and the one boundary where the library's exceptions
become messages on stderr and exit codes (0 success, 1 invalid data or a failed gate,
2 usage error, 130 interrupted).

Commands live in one module per group beside this one; each parses its options, makes one
library call, hands the result to a formatter from `scorecard.render.registry`, and writes
the text with `write_report`. A command module is imported only when its command runs (the
table in `group.py` names them), and work modules inside commands, so `scorecard --version`
and `--help` load only Typer and this module.
"""

import os
import sys
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from scorecard import __version__
from scorecard.cli.group import Commands, LazyGroup

if TYPE_CHECKING:
    # Typer vendors click: the PyPI click is another, slower import (and not a dependency).
    from typer import _click as click

    from scorecard.errors import Problem, ScorecardError
    from scorecard.workspace import Workspace

# Start-up (`--version`, `--help`) runs this module and group.py only: the library's modules,
# scorecard.errors among them, are imported where they are used, and the two records below
# are plain classes (a dataclass is generated code, about a millisecond each on every start).


class Session:
    """The global options of one invocation, and the language its command reports in (for
    the error boundary, which speaks after the command has failed)."""

    __slots__ = ("debug", "lang", "quiet", "verbose", "workspace")

    def __init__(self) -> None:
        self.quiet = self.verbose = self.debug = False
        self.workspace: Path | None = None
        self.lang = "en"


class _Group(LazyGroup):
    """The top-level group: builds a command only when it runs (see `group.py`), and turns
    the library's exceptions into messages on stderr and exit codes, in one place."""

    def invoke(self, ctx: "click.Context") -> Any:
        token = _SESSION.set(Session())
        try:
            return super().invoke(ctx)
        except Exception as exc:
            from scorecard.errors import ScorecardError

            if not isinstance(exc, ScorecardError) or session().debug:
                raise
            report_error(exc, session())
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            sys.stderr.write("interrupted\n")
            ctx.exit(130)
        finally:
            _SESSION.reset(token)


_SESSION: ContextVar[Session] = ContextVar("scorecard_session")


def session() -> Session:
    """The running invocation's session (a fresh one outside any invocation)."""
    try:
        return _SESSION.get()
    except LookupError:
        return Session()


# "\b" tells the help formatter to keep the paragraph's lines as they are.
EXAMPLES = """\b
Examples:
  scorecard validate                      check the whole workspace
  scorecard score assessments/SV/2024.yaml
  scorecard render assessments/SV/2024.yaml --format html -o sv.html --lang es
  scorecard diff assessments/SV/2022.yaml assessments/SV/2024.yaml
  scorecard build                         write the static site to site/
"""


def examples(*lines: str) -> str:
    """A command's examples for its help, one per line, kept as written."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


app = Commands(
    cls=_Group,
    help="Score governments on the transparency of their security policies.\n\n" + EXAMPLES,
    options_metavar="[OPTIONS]",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,
)
_Group.source = app  # where the command modules register their commands


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
            metavar="FOLDER",
            help="The workspace folder (default: found from the current folder).",
        ),
    ] = None,
) -> None:
    current = session()
    current.quiet, current.verbose, current.debug = quiet, verbose, debug
    current.workspace = workspace


def report_error(exc: "ScorecardError", where: Session) -> None:
    """An error on stderr, in the language of the command that failed."""
    from scorecard.errors import InvalidInput, UsageError
    from scorecard.i18n import is_language

    lang = where.lang if is_language(where.lang) else "en"
    if isinstance(exc, InvalidInput):
        from scorecard.render.problems import as_text
        from scorecard.render.registry import Options

        files = len({p.file for p in exc.problems})
        sys.stderr.write(as_text(_Problems(exc.problems, exc.documents, files), Options(lang)))
    else:
        from scorecard.render.problems import error_text

        prefix = "usage error" if isinstance(exc, UsageError) else "error"
        sys.stderr.write(f"{prefix}: {error_text(exc, lang)}\n")


class _Problems:
    """The problems of an InvalidInput, as the report `as_text` formats."""

    def __init__(self, problems: "list[Problem]", documents: Mapping[str, Any], files: int):
        self.problems, self.documents, self.files = problems, documents, files


# --- what every command shares --------------------------------------------------------------


def set_language(lang: str) -> str:
    """Check `lang` (a usage error if there is no catalog for it) and report in it."""
    from scorecard.i18n import check_language

    session().lang = check_language(lang)
    return lang


def note(message: str) -> None:
    """A diagnostic on stderr, unless --quiet."""
    if not session().quiet:
        sys.stderr.write(message + "\n")


def detail(message: str) -> None:
    """A diagnostic on stderr only with --verbose."""
    if session().verbose and not session().quiet:
        sys.stderr.write(message + "\n")


def workspace_for(paths: list[Path] | None = None, *, required: bool = False) -> "Workspace":
    """The workspace named by --workspace, else the one the first path (or the current
    folder) is in. With `required`, a folder that is no workspace is an error that says how
    to make or name one (a command that works on the workspace's own files needs one)."""
    from scorecard.errors import ScorecardError
    from scorecard.workspace import find_workspace, is_workspace, open_workspace

    chosen = session().workspace
    workspace = (
        open_workspace(chosen)
        if chosen is not None
        else find_workspace(paths[0] if paths else None)
    )
    if required and not is_workspace(workspace.root):
        raise ScorecardError(
            f"no workspace in {workspace.root}"
            + (" or the folders above it" if chosen is None else "")
            + ": a workspace has a scorecard.toml, a rubrics/ or an assessments/ folder. "
            "Create one with `scorecard init FOLDER`, or name one with --workspace FOLDER."
        )
    return workspace


def require_paths(paths: Iterable[Path]) -> None:
    from scorecard.errors import UsageError

    for path in paths:
        if not path.exists():
            raise UsageError(f"no such file or folder: {path}")


def format_option(command: str) -> Any:
    """The `--format` option of `command`, its choices and help from the registry."""
    from scorecard.render.registry import format_help, formats

    choices = formats(command)

    def check(value: str) -> str:
        if value not in choices:
            raise typer.BadParameter(f"{value!r}; choose one of: {', '.join(choices)}")
        return value

    return typer.Option(
        "--format",
        "-f",
        metavar="[" + "|".join(choices) + "]",
        callback=check,
        help=format_help(command),
    )


def lang_option(help: str) -> Any:
    """The `--lang` option: a language tag (en, es, es-SV), checked by `set_language`."""
    return typer.Option("--lang", metavar="LANG", help=help)


OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to this file instead of stdout (- for stdout).",
    ),
]


def write_report(
    command: str,
    fmt: str,
    data: Any,
    *,
    lang: str,
    output: str | None,
    inputs: Iterable[Path] = (),
    **options: Any,
) -> None:
    """Format `data` with the registry's formatter and write it: to stdout (no -o, or `-`),
    or atomically to a file that is none of `inputs`. The same for every command and format."""
    from scorecard.render.registry import Options, formatter

    chosen = formatter(command, fmt)
    to_stdout = output in (None, "-")
    width, color = 100, False  # a file gets plain text, 100 columns wide
    if chosen.terminal and to_stdout:
        import shutil

        # The terminal's width (or $COLUMNS, or 80 when piped), as Rich itself would pick.
        width = shutil.get_terminal_size((80, 24)).columns
        color = (
            sys.stdout.isatty()
            and os.environ.get("NO_COLOR") is None
            and os.environ.get("TERM") != "dumb"
        )
    text = chosen(data, Options(lang=lang, width=width, color=color, **options))
    write_text(text, output, inputs)


def write_text(
    text: str | bytes | Iterable[str], output: str | None, inputs: Iterable[Path] = ()
) -> None:
    """Write `text` (or chunks of it, or the bytes of a binary format) to stdout (no -o, `-`,
    or a name of stdout), or atomically to a regular file that is none of `inputs`, not in
    the workspace's input folders (rubrics/, assessments/, templates/) nor its
    scorecard.toml, and not reached by a link out of the workspace. Bytes are refused to a
    terminal."""
    from scorecard.errors import ScorecardError, UsageError
    from scorecard.outputs import names_stdout, write_file

    if output is None or names_stdout(output):
        if isinstance(text, bytes):
            if sys.stdout.isatty():
                raise UsageError("this format is binary: write it to a file with -o FILE")
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
            return
        # Every chunk is made before the first is printed: an item that fails late (a
        # result that cannot be formatted) must not leave half a JSON array on stdout.
        sys.stdout.write(text if isinstance(text, str) else "".join(text))
        sys.stdout.flush()
        return
    from scorecard.workspace import expand_paths

    named = list(inputs)
    # Every file read, not only the folders named: -o never replaces one of them.
    protect = [*named, *expand_paths([p for p in named if p.is_dir()])]
    folders: list[Path] = []
    root: Path | None = None
    try:
        workspace = workspace_for(named[:1] or None)
    except (ScorecardError, OSError, ValueError):
        workspace = None  # no workspace here: only the named inputs are protected
    if workspace is not None:
        root = workspace.root
        folders = [workspace.rubrics_dir, workspace.assessments_dir, workspace.templates_dir]
        protect.append(workspace.root / "scorecard.toml")
    write_file(Path(output), text, protect=protect, protect_folders=folders, root=root)
    note(f"wrote {output}")


def main() -> None:
    """Console entry point."""
    if os.environ.get("NO_COLOR") is not None:
        os.environ.setdefault("TERM", "dumb")
    app(prog_name="scorecard")
