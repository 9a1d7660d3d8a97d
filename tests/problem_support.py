"""Problems in words for tests: the core reports phrases; these say them as a report would."""

from __future__ import annotations

from scorecard.errors import Problem
from scorecard.i18n import translator
from scorecard.render.problems import localized


def said(problem: Problem, lang: str = "en") -> str:
    """The problem's message as a report in `lang` says it."""
    return localized(problem, translator(lang))[0]


def hint_said(problem: Problem, lang: str = "en") -> str | None:
    """The problem's hint as a report in `lang` says it (None if it has none)."""
    return localized(problem, translator(lang))[1]


def located(problem: Problem, lang: str = "en") -> str:
    """`file:line:col: severity: message`, as the text report's first line says it."""
    where = f"{problem.file}:{problem.line}:{problem.column}"
    return f"{where}: {problem.severity}: {said(problem, lang)}"
