"""One exception family and the Problem record every check reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """A located finding about one file: `file:line:col: severity: message`."""

    file: str
    line: int
    column: int
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    hint: str | None = field(default=None, compare=False)
    code: str = field(default="invalid", compare=False)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"


class ScorecardError(Exception):
    """Base of every error the command line turns into a message and an exit code."""

    exit_code = 1


class InvalidInput(ScorecardError):
    """The data is invalid: carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s)")


class UsageError(ScorecardError):
    """The command was asked for something it cannot do (exit code 2)."""

    exit_code = 2


class GateFailed(ScorecardError):
    """A requested gate (for example --fail-on-drop) failed."""


class OutputError(ScorecardError):
    """An output could not be written where it was asked for."""
