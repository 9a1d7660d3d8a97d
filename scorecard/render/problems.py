"""The `validate` formats: the problems found in a set of files, as located text with
snippets, a JSON report, or GitHub workflow commands."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from scorecard.diagnostics import as_github as _github
from scorecard.diagnostics import as_json as _json
from scorecard.diagnostics import as_text as _text
from scorecard.errors import Problem
from scorecard.loading import Document
from scorecard.render.registry import Options


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
    return _text(list(report.problems), report.documents, report.files, options.lang)


def as_json(report: ProblemReport, options: Options) -> str:
    return _json(list(report.problems), report.documents, report.files, options.lang)


def as_github(report: ProblemReport, options: Options) -> str:
    return _github(list(report.problems), report.documents, report.files, options.lang)
