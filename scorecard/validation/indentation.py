"""Indentation mistakes in an assessment that still parse: an answer's field written beside
the indicator ids (under-indented), an answer outside `answers:` (dedented) or inside another
answer (over-indented). Each is said as what it is, with the indentation that fixes it, instead
of the schema's "unknown field" or "gives no answer" that it would otherwise cause."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from scorecard.errors import Problem, phrase
from scorecard.loading import Document

# The fields of one answer (the schema's answer properties).
ANSWER_FIELDS = frozenset(
    {
        "level",
        "not_found",
        "na",
        "insufficient",
        "evidence",
        "notes",
        "confidence",
        "searched",
        "reverify",
    }
)
# What an indicator id looks like when no rubric says which ids there are: pillar.indicator.
_ID_SHAPE = re.compile(r"^[a-z0-9][a-z0-9_-]*\.[a-z0-9][a-z0-9_.-]*$")


@dataclass
class Misplaced:
    """The indentation problems found, where the schema's own messages about the same keys
    stand (to leave out), and the indicator ids those answers were written for."""

    problems: list[Problem] = field(default_factory=list)
    hidden: set[tuple[int, int]] = field(default_factory=set)
    answered: set[str] = field(default_factory=set)


def find_misplaced(
    document: Document, top_fields: Collection[str], indicator_ids: Collection[str]
) -> Misplaced:
    """Indentation mistakes in `document` (an assessment whose data is a map). `top_fields`:
    the fields an assessment may have; `indicator_ids`: the rubric's ids (may be empty)."""
    data: dict[str, Any] = document.data
    found = Misplaced()

    def is_id(key: Any) -> bool:
        return isinstance(key, str) and (key in indicator_ids or bool(_ID_SHAPE.match(key)))

    def hide(*path: str | int) -> None:
        found.hidden.add(document.locate(path, key=True))
        found.hidden.add(document.locate(path))

    def add(path: tuple[str | int, ...], message: Any, hint: Any) -> None:
        line, column = document.locate(path, key=True)
        found.problems.append(
            Problem(document.display, line, column, "error", message, hint, "indentation")
        )

    answers = data.get("answers")
    # An answer written at the top level, after `answers:` (dedented).
    for key in data:
        if key not in top_fields and is_id(key):
            add(
                (key,),
                phrase("problem.indent.answer_outside", key=key),
                phrase("problem.indent.answer_outside.hint", key=key),
            )
            hide(key)
            found.answered.add(key)
            if isinstance(data[key], dict):
                # The answers indented under it after it were read as its fields.
                found.answered |= {inner for inner in data[key] if is_id(inner)}
    if not isinstance(answers, dict):
        return found
    owner: str | None = None
    for key, answer in answers.items():
        if key in ANSWER_FIELDS and key not in indicator_ids:
            # A field of an answer written beside the indicator ids (under-indented).
            hint = (
                phrase("problem.indent.answer_field.hint", field=key, owner=owner)
                if owner
                else phrase("problem.indent.answer_field.no_owner.hint", field=key)
            )
            add(("answers", key), phrase("problem.indent.answer_field", field=key), hint)
            hide("answers", key)
            if owner is not None and answers.get(owner) is None:
                hide("answers", owner)  # "gives no answer", "is empty": the same mistake
                found.answered.add(owner)
            continue
        owner = key
        if not isinstance(answer, dict):
            continue
        for inner in answer:
            if inner not in ANSWER_FIELDS and is_id(inner):
                # An answer written inside the previous one (over-indented).
                add(
                    ("answers", key, inner),
                    phrase("problem.indent.answer_inside", key=inner, owner=key),
                    phrase("problem.indent.answer_inside.hint", key=inner, owner=key),
                )
                hide("answers", key, inner)
                found.answered.add(inner)
    return found
