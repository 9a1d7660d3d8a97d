"""Every output of every command, in one registry: the `--format` choices, their help, and the
function that turns the command's data into text.

A formatter is named by "module:function" and imported only when used, so building the
command line (and `scorecard --version`) imports no renderer. Adding a format is one function
and one line here; `tests/render/test_registry.py` renders every command in every format.

Every formatter has the same shape, `render(data, options) -> str | Iterable[str]` (or bytes,
for a binary format such as XLSX): the data
is what the command's library call returned, and `options` carries the language and what the
target can show. The command line writes the text to stdout or, with `-o`, to a file, the
same way for every format.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from scorecard.errors import UsageError


@dataclass(frozen=True)
class Options:
    """What every formatter gets besides its data.

    `width` and `color` matter only to terminal formats: the width to lay tables out in,
    and whether ANSI styles may be written (only to an interactive terminal)."""

    lang: str = "en"
    width: int = 100
    color: bool = False
    top: int = 5  # contributions listed per jurisdiction in a diff
    workspace: Any = None  # the workspace whose templates/ override bundled templates


Render = Callable[[Any, Options], "str | bytes | Iterable[str]"]


@dataclass(frozen=True)
class Formatter:
    """One `--format` of one command."""

    name: str
    summary: str  # a few words for the option's help
    target: str  # "module:function", imported on first use
    terminal: bool = False  # laid out for a terminal (width, colour)

    def load(self) -> Render:
        module, _, function = self.target.partition(":")
        render: Render = getattr(importlib.import_module(module), function)
        return render

    def __call__(self, data: Any, options: Options) -> str | bytes | Iterable[str]:
        return self.load()(data, options)


def _formats(*formatters: Formatter) -> dict[str, Formatter]:
    return {f.name: f for f in formatters}


_R = "scorecard.render"

REGISTRY: dict[str, dict[str, Formatter]] = {
    "validate": _formats(
        Formatter("text", "located problems with a snippet", f"{_R}.problems:as_text"),
        Formatter("json", "a JSON report", f"{_R}.problems:as_json"),
        Formatter(
            "github",
            "workflow commands that annotate a pull request",
            f"{_R}.problems:as_github",
        ),
        Formatter("sarif", "a SARIF 2.1.0 log, for code scanning", f"{_R}.sarif:as_sarif"),
    ),
    "score": _formats(
        Formatter("table", "terminal tables", f"{_R}.terminal:scores_table", terminal=True),
        Formatter("json", "the result document", f"{_R}.result_json:results_json"),
        Formatter("csv", "one row per score", f"{_R}.result_csv:results_csv"),
        Formatter(
            "csv-semicolon",
            "the CSV with ; and decimal commas, for comma-decimal locales",
            f"{_R}.result_csv:results_csv_semicolon",
        ),
    ),
    "render": _formats(
        Formatter("md", "GitHub Markdown", f"{_R}.scorecards:scorecard_md"),
        Formatter("html", "a standalone page", f"{_R}.scorecards:scorecard_html"),
        Formatter("json", "the result document", f"{_R}.scorecards:scorecard_json"),
    ),
    "rubric show": _formats(
        Formatter("table", "a terminal tree", f"{_R}.terminal:rubric_tree", terminal=True),
    ),
    "rubric doc": _formats(
        Formatter("md", "GitHub Markdown", f"{_R}.scorecards:methodology_md"),
        Formatter("html", "a standalone page", f"{_R}.scorecards:methodology_html"),
    ),
    "diff": _formats(
        Formatter("table", "terminal tables", f"{_R}.changes_table:diff_table", terminal=True),
        Formatter("md", "GitHub Markdown, e.g. for a job summary", f"{_R}.changes_md:diff_md"),
        Formatter("json", "the diff document", f"{_R}.changes_json:diff_json"),
    ),
    "history": _formats(
        Formatter("table", "a terminal table", f"{_R}.history:history_table", terminal=True),
        Formatter("md", "GitHub Markdown", f"{_R}.history:history_md"),
        Formatter("json", "the history document", f"{_R}.history:history_json"),
        Formatter("csv", "one row per edition", f"{_R}.history:history_csv"),
    ),
    "review": _formats(
        Formatter("table", "a worklist per edition", f"{_R}.review:review_table", terminal=True),
        Formatter("md", "GitHub Markdown, e.g. for a job summary", f"{_R}.review:review_md"),
        Formatter("json", "the review document", f"{_R}.review:review_json"),
    ),
    "sensitivity": _formats(
        Formatter("table", "terminal tables", f"{_R}.sensitivity:sensitivity_table", terminal=True),
        Formatter("md", "GitHub Markdown", f"{_R}.sensitivity:sensitivity_md"),
        Formatter("json", "the sensitivity document", f"{_R}.sensitivity:sensitivity_json"),
        Formatter("csv", "one row per jurisdiction", f"{_R}.sensitivity:sensitivity_csv"),
        Formatter("svg", "the rank-interval chart", "scorecard.charts.ranks:rank_chart_svg"),
    ),
    "agreement": _formats(
        Formatter("table", "terminal tables", f"{_R}.agreement:agreement_table", terminal=True),
        Formatter("md", "GitHub Markdown", f"{_R}.agreement:agreement_md"),
        Formatter("json", "the agreement document", f"{_R}.agreement:agreement_json"),
        Formatter("csv", "the reconciliation sheet", f"{_R}.agreement:agreement_csv"),
    ),
    "export": _formats(
        Formatter(
            "xlsx", "a workbook for reviewers (binary: use -o)", f"{_R}.spreadsheet:tables_xlsx"
        ),
        Formatter("csv", "one table as CSV", f"{_R}.spreadsheet:tables_csv"),
        Formatter(
            "csv-semicolon",
            "one table with ; and decimal commas, for comma-decimal locales",
            f"{_R}.spreadsheet:tables_csv_semicolon",
        ),
    ),
}
"""command -> --format name -> formatter; the first format of a command is its default."""


def formats(command: str) -> tuple[str, ...]:
    """The `--format` choices of `command`, its default first."""
    return tuple(REGISTRY[command])


def default_format(command: str) -> str:
    return next(iter(REGISTRY[command]))


def format_help(command: str) -> str:
    """The `--format` help of `command`, built from the registry."""
    return "; ".join(f"{f.name}: {f.summary}" for f in REGISTRY[command].values()) + "."


def formatter(command: str, name: str) -> Formatter:
    """The formatter `name` of `command`; a usage error naming the choices if there is none."""
    try:
        return REGISTRY[command][name]
    except KeyError:
        choices = ", ".join(formats(command))
        raise UsageError(f"unknown format {name!r}; choose one of: {choices}") from None
