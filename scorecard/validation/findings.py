"""What the checks share: the Report of a run, Findings located by data path, and the
checks every kind of file gets (a map at the top; a path that agrees with the content)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from scorecard.cache import Edition
from scorecard.errors import Phrase, Problem, Severity, phrase
from scorecard.loading import Document
from scorecard.model import Assessment, Rubric
from scorecard.schemas.messages import found_type


@dataclass
class Report:
    """Everything one validation run found, and the models of the files that passed."""

    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    rubrics: dict[str, Rubric] = field(default_factory=dict)
    assessments: list[Assessment] = field(default_factory=list)
    # The display name of every file checked, in order.
    checked: list[str] = field(default_factory=list)
    # The documents that reports may quote, by display name: rubrics, and every file with a
    # problem (one that did not parse has data None). Valid assessments are not kept.
    documents: dict[str, Document] = field(default_factory=dict)
    # Every valid assessment's edition record, models or not (see walk's `models`).
    editions: list[Edition] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))


class Findings:
    """Collects problems for one document, located by data path."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.problems: list[Problem] = []

    def add(
        self,
        severity: Severity,
        path: Sequence[str | int],
        message: Phrase,
        hint: Phrase | None = None,
        *,
        key: bool = False,
        code: str = "invalid",
    ) -> None:
        line, column = self.document.locate(path, key=key)
        self.problems.append(
            Problem(self.document.display, line, column, severity, message, hint, code)
        )

    def error(
        self, path: Sequence[str | int], message: Phrase, hint: Phrase | None = None, **kw: Any
    ) -> None:
        self.add("error", path, message, hint, **kw)

    def warning(
        self, path: Sequence[str | int], message: Phrase, hint: Phrase | None = None, **kw: Any
    ) -> None:
        self.add("warning", path, message, hint, **kw)


def top_level_problem(document: Document) -> Problem | None:
    """A file that is empty or not a map cannot be checked field by field: say so plainly."""
    data = document.data
    if isinstance(data, dict):
        return None
    line, column = 1, 1
    if data is None:
        message = phrase("problem.empty_file")
    else:
        message = phrase("problem.top_level", found=found_type(data))
        line, column = document.locate(())
    return Problem(
        document.display,
        line,
        column,
        "error",
        message,
        phrase("problem.top_level.hint"),
        "top-level",
    )


@dataclass(frozen=True)
class Broken:
    """What the schema refused in a document: top-level fields (set aside, or missing) and
    answers (set aside, though answered)."""

    fields: frozenset[str]
    answers: frozenset[str]


def checkable_part(
    data: dict[str, Any], errors: Iterable[Any]
) -> tuple[dict[str, Any], Broken] | None:
    """`data` without what the schema refused (`errors`, jsonschema's): unknown top-level
    fields dropped, each malformed answer set aside, any other refused field set aside whole;
    and what was set aside. None when nothing can be checked (the document is not a map)."""
    fields: set[str] = set()
    unknown: set[str] = set()
    answers: set[str] = set()
    for error in errors:
        path = tuple(error.absolute_path)
        if not path:
            if error.validator == "additionalProperties" and isinstance(error.schema, dict):
                unknown |= set(data) - set(error.schema.get("properties", {}))
            elif error.validator == "required":
                fields |= {name for name in error.validator_value if name not in data}
            else:
                return None
        elif path[0] == "answers" and len(path) > 1:
            answers.add(str(path[1]))
        elif path[0] == "answers" and "propertyNames" in error.relative_schema_path:
            answers.add(str(error.instance))  # a key that is not an indicator id
        else:
            fields.add(str(path[0]))
    checkable = {k: v for k, v in data.items() if k not in fields and k not in unknown}
    if isinstance(checkable.get("answers"), dict) and answers:
        checkable["answers"] = {k: v for k, v in checkable["answers"].items() if k not in answers}
    return checkable, Broken(frozenset(fields), frozenset(answers))


def check_layout(document: Document, found: Findings, *, folder: str, stem: str, kind: str) -> None:
    """In a workspace layout (rubrics/<id>/<version>, assessments/<CODE>/<edition>), the
    path must agree with the content."""
    path = document.path
    top = "rubrics" if kind == "rubric" else "assessments"
    if len(path.parts) < 3 or path.parent.parent.name != top:
        return
    if path.parent.name != folder:
        field_path = ("id",) if kind == "rubric" else ("jurisdiction", "code")
        found.error(
            field_path,
            phrase(
                "problem.layout.rubric_folder"
                if kind == "rubric"
                else "problem.layout.assessment_folder",
                folder=folder,
                actual=path.parent.name,
            ),
            phrase("problem.layout.folder.hint", top=top, folder=folder),
        )
    if path.stem != stem:
        field_path = ("version",) if kind == "rubric" else ("edition",)
        found.error(
            field_path,
            phrase(
                "problem.layout.version" if kind == "rubric" else "problem.layout.edition",
                stem=stem,
                name=path.name,
            ),
            phrase("problem.layout.rename.hint", name=f"{stem}{path.suffix}"),
        )


def num(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"
