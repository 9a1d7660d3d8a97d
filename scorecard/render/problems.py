"""The `validate` formats: problems as located text with a source snippet, a JSON report, or
GitHub workflow commands; and any error the command line reports.

Problems arrive as codes and catalog phrases; this is where they become words."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Protocol

from scorecard.errors import Phrase, Problem
from scorecard.i18n import DEFAULT_LANGUAGE, Translator, translator
from scorecard.loading import Document
from scorecard.render.registry import Options


def localized(problem: Problem, t: Translator) -> tuple[str, str | None]:
    """The problem's message and hint in the language of `t`: the one place problems are
    put into words."""
    hint = problem.hint.render(t) if problem.hint is not None else None
    return problem.message.render(t), hint


def error_text(exc: Exception, lang: str = DEFAULT_LANGUAGE) -> str:
    """An error's message in `lang`: said from its catalog phrase when it carries one (as
    GitError does), else its own text."""
    said = getattr(exc, "phrase", None)
    if isinstance(said, Phrase):
        return said.render(translator(lang))
    return str(exc)


def _severity(problem: Problem, t: Translator) -> str:
    if problem.severity == "error":
        return t("problem.severity.error")
    return t("problem.severity.warning")


def summary_line(problems: list[Problem], files: int, lang: str = DEFAULT_LANGUAGE) -> str:
    t = translator(lang)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return t("problem.summary.clean", files=t("problem.summary.files", count=files))
    return t(
        "problem.summary.found",
        files=t("problem.summary.files", count=files),
        errors=t("problem.summary.errors", count=errors),
        warnings=t("problem.summary.warnings", count=warnings),
    )


SNIPPET_WIDTH = 100


def _snippet(document: Document, problem: Problem) -> list[str]:
    """Two source lines and a caret under the column, cut to a window around the column so
    a very long line (minified JSON, a hostile file) neither floods the terminal nor loses
    the caret."""
    source = document.snippet(problem.line)
    if not source:
        return []
    column = max(problem.column - 1, 0)
    start = max(0, column - SNIPPET_WIDTH // 2) if column >= SNIPPET_WIDTH else 0
    first = problem.line - len(source) + 1
    out = []
    for offset, text in enumerate(source):
        # One character per column, as positions count them: tabs and control characters
        # would move the caret or garble the terminal.
        shown = "".join(ch if ch.isprintable() else " " for ch in text[start:])
        if len(shown) > SNIPPET_WIDTH:
            shown = shown[:SNIPPET_WIDTH] + "..."
        out.append(f"  {first + offset:>5} | {'...' if start else ''}{shown}")
    out.append("        | " + " " * ((3 if start else 0) + column - start) + "^")
    return out


class ProblemReport(Protocol):
    """What a check found: its problems, the documents they are in (for snippets), and how
    many files it checked."""

    @property
    def problems(self) -> Sequence[Problem]: ...
    @property
    def documents(self) -> Mapping[str, Document]: ...
    @property
    def files(self) -> int: ...


def as_text(report: ProblemReport, options: Options) -> str:
    """Located problems, each with a snippet of its source and a hint, then a summary."""
    problems, documents, files = list(report.problems), report.documents, report.files
    lang = options.lang
    t = translator(lang)
    lines: list[str] = []
    for problem in problems:
        message, hint = localized(problem, t)
        p = problem
        lines.append(f"{p.file}:{p.line}:{p.column}: {_severity(p, t)}: {message}")
        document = documents.get(problem.file)
        if document is not None:
            lines.extend(_snippet(document, problem))
        if hint:
            lines.append(f"  {t('problem.hint_label')}: {hint}")
    lines.append(summary_line(problems, files, lang))
    return "\n".join(lines) + "\n"


def as_json(report: ProblemReport, options: Options) -> str:
    """Keys, severities and codes are ids; only messages and hints are in `lang`."""
    problems, files = list(report.problems), report.files
    lang = options.lang
    t = translator(lang)
    said = [localized(p, t) for p in problems]
    payload = {
        "files": files,
        "errors": sum(p.severity == "error" for p in problems),
        "warnings": sum(p.severity == "warning" for p in problems),
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "severity": p.severity,
                "code": p.code,
                "message": message,
                "hint": hint,
            }
            for p, (message, hint) in zip(problems, said, strict=True)
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(report: ProblemReport, options: Options) -> str:
    """GitHub Actions workflow commands, so problems annotate the pull request's files."""
    problems, files = list(report.problems), report.files
    lang = options.lang
    t = translator(lang)
    lines = []
    for p in problems:
        command = "error" if p.severity == "error" else "warning"
        text, hint = localized(p, t)
        message = text + (f" ({t('problem.hint_label')}: {hint})" if hint else "")
        lines.append(
            f"::{command} file={_escape_property(p.file)},line={p.line},col={p.column},"
            f"title={_escape_property('scorecard ' + p.code)}::{_escape_data(message)}"
        )
    lines.append(summary_line(problems, files, lang))
    return "\n".join(lines) + "\n"
