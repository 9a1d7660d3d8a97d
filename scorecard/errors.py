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
    """A located finding about one file: `file:line:col: severity: message`."""

    file: str
    line: int
    column: int
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    hint: str | None = field(default=None, compare=False)
    code: str = field(default="invalid", compare=False)
    # What message and hint say, as catalog phrases, so reports can put them in any language;
    # None for problems made from plain English text.
    phrase: Phrase | None = field(default=None, compare=False, repr=False)
    hint_phrase: Phrase | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(
        cls,
        file: str,
        line: int,
        column: int,
        severity: Severity,
        message: Phrase,
        hint: Phrase | None = None,
        code: str = "invalid",
    ) -> Problem:
        """A problem said by catalog phrases; `message` and `hint` hold their English."""
        from scorecard.i18n import DEFAULT_LANGUAGE, translator

        t = translator(DEFAULT_LANGUAGE)
        english_hint = hint.render(t) if hint is not None else None
        return cls(
            file, line, column, severity, message.render(t), english_hint, code, message, hint
        )

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"


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
