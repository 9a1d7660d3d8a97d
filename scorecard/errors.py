"""One exception family and the Problem record every check reports."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Phrase:
    """An interface string not yet put into words: a catalog key and its values. A value may
    itself be a Phrase (a type's name, "the document"), put into words in the same language."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    def render(self, t: Callable[..., str]) -> str:
        """The phrase in the language of the translator `t`."""
        values = {k: v.render(t) if isinstance(v, Phrase) else v for k, v in self.params}
        return t(self.key, **values)


def phrase(key: str, /, **params: Any) -> Phrase:
    """A Phrase for the catalog key `key` (a literal, so the catalog tests can find it)."""
    return Phrase(key, tuple(params.items()))


@dataclass(frozen=True, order=True)
class Problem:
    """A located finding about one file: where, how bad, and what, as a catalog phrase.

    The core never puts a problem into words: `message` and `hint` are phrases (a catalog key
    and its values) and `code` a stable id; a report (`scorecard.render.problems`) says them in
    the reader's language."""

    file: str
    line: int
    column: int
    severity: Severity = field(compare=False)
    message: Phrase = field(compare=False)
    hint: Phrase | None = field(default=None, compare=False)
    code: str = field(default="invalid", compare=False)

    def __str__(self) -> str:
        # For logs and debuggers only: ids, not words (reports use scorecard.render.problems).
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.severity}: {self.code} ({self.message.key})"


class ScorecardError(Exception):
    """Base of every error the command line turns into a message and an exit code."""

    exit_code = 1


class InvalidInput(ScorecardError):
    """The data is invalid: carries every problem found."""

    def __init__(self, problems: list[Problem], documents: Mapping[str, Any] | None = None) -> None:
        self.problems = sorted(problems)
        # The documents the problems are in, by display name, so reports can show snippets.
        self.documents: Mapping[str, Any] = documents or {}
        super().__init__(f"{len(self.problems)} problem(s)")


class UsageError(ScorecardError):
    """The command was asked for something it cannot do (exit code 2)."""

    exit_code = 2


class GateFailed(ScorecardError):
    """A requested gate (for example --fail-on-drop) failed."""


class OutputError(ScorecardError):
    """An output could not be written where it was asked for."""
