"""Assessments as tables, for spreadsheets: the tidy answers (one row per jurisdiction,
edition and indicator, with everything an answer says) and the wide scores (one row per
jurisdiction and edition, one column per pillar and indicator).

Cells are data, not text: `Decimal` for numbers, `bool` for flags, `None` for an empty cell;
the formats (CSV, XLSX) decide how each is written. `docs/formats.md` documents every column,
and `scorecard.importing` reads the answers table back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scorecard.errors import UsageError
from scorecard.model import Indicator, localize
from scorecard.scoring import Result, display, percent, shown

if TYPE_CHECKING:
    from scorecard.workspace import Workspace

Cell = str | Decimal | bool | None
Row = dict[str, Cell]

ANSWERS_SHEET = "Answers"
SCORES_SHEET = "Scores"

KEY_COLUMNS = ("jurisdiction", "edition", "indicator")
"""The columns that say which answer a row is; the import matches rows by them."""

ANSWER_COLUMNS = (
    "jurisdiction",
    "edition",
    "as_of",
    "rubric",
    "pillar",
    "indicator",
    "weight",
    "answer",
    "level_id",
    "level_label",
    "value",
    "statement",
    "confidence",
    "reverify",
    "notes",
)
"""The answers table's columns before the evidence columns (`evidence_<n>_<field>`)."""

EDITABLE_COLUMNS = ("answer", "level_id", "statement", "confidence", "reverify", "notes")
"""The answer's own fields, which an import writes back (with the evidence columns)."""

DERIVED_COLUMNS = ("as_of", "rubric", "pillar", "weight", "level_label", "value")
"""Read from the rubric or the assessment's header, or computed: an import checks they were
left alone (or follow an edit of `level_id`), since a change there would be lost."""

EVIDENCE_FIELDS = ("title", "url", "publisher", "published", "accessed", "locator", "quote")

ANSWER_KINDS = ("level", "not_found", "na", "insufficient", "unanswered")
"""The `answer` column's words: the key of the answer in the YAML, or `unanswered`."""

CONFIDENCES = ("low", "medium", "high")

SCORE_COLUMNS = (
    "jurisdiction",
    "edition",
    "as_of",
    "rubric",
    "assessment_status",
    "status",
    "overall",
    "band",
    "coverage",
)
"""The wide scores table's columns before one column per pillar, then per indicator."""

_EVIDENCE_COLUMN = re.compile(r"evidence_([1-9][0-9]{0,2})_([a-z]+)")


def evidence_column(number: int, field: str) -> str:
    return f"evidence_{number}_{field}"


@lru_cache(maxsize=4096)  # asked for every column of every row of an import
def parse_evidence_column(name: str) -> tuple[int, str] | None:
    """(item number, field) of an evidence column's name; None for any other name."""
    match = _EVIDENCE_COLUMN.fullmatch(name)
    if match is None or match.group(2) not in EVIDENCE_FIELDS:
        return None
    return int(match.group(1)), match.group(2)


def number(value: Fraction | None) -> Decimal | str | None:
    """An exact fraction as a Decimal when it has a finite decimal expansion (every weight
    written as a decimal does), else as "p/q" text."""
    if value is None:
        return None
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator != 1:
        return f"{value.numerator}/{value.denominator}"
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(format(exact.normalize(), "f"))  # 100, not 1E+2


@dataclass(frozen=True)
class Tables:
    """What `scorecard export` writes: the answers and the wide scores, with what a
    spreadsheet needs to offer drop-downs (every indicator's level ids)."""

    answer_columns: tuple[str, ...]
    answers: list[Row]
    score_columns: tuple[str, ...]
    scores: list[Row]
    # (rubric id@version, indicator id) -> its level ids, lowest first: two versions of a
    # rubric may give one indicator different levels.
    levels: Mapping[tuple[str, str], tuple[str, ...]]
    table: str = "answers"  # which table a one-table format (CSV) writes


def evidence_count(results: Iterable[Result]) -> int:
    """The most sources any answer gives (at least 1, so the columns are always there)."""
    return max(
        [1] + [len(i.answer.evidence) for r in results for p in r.pillars for i in p.indicators]
    )


def answer_columns(evidence: int) -> tuple[str, ...]:
    return ANSWER_COLUMNS + tuple(
        evidence_column(n, field) for n in range(1, evidence + 1) for field in EVIDENCE_FIELDS
    )


def level_label(indicator: Indicator, level_id: str | None, lang: str) -> str | None:
    level = indicator.level(level_id) if level_id else None
    return localize(level.descriptor, lang) if level is not None else None


def answer_rows(result: Result, evidence: int, lang: str) -> Iterator[Row]:
    """One row per indicator of the rubric, in rubric order, answered or not."""
    a = result.assessment
    for pillar in result.pillars:
        for ind in pillar.indicators:
            answer = ind.answer
            level_id = answer.level if answer.kind == "level" else None
            if answer.kind == "not_found":
                level_id = ind.indicator.lowest.id  # how it is scored; the import knows
            row: Row = {
                "jurisdiction": a.code,
                "edition": a.edition,
                "as_of": a.as_of,
                "rubric": result.rubric.ref,
                "pillar": pillar.id,
                "indicator": ind.id,
                "weight": number(ind.indicator.weight),
                "answer": answer.kind,
                "level_id": level_id,
                "level_label": level_label(ind.indicator, level_id, lang),
                "value": display(ind.value),
                "statement": answer.text,
                "confidence": answer.confidence,
                "reverify": answer.reverify,
                "notes": answer.notes,
            }
            for n in range(1, evidence + 1):
                source = answer.evidence[n - 1] if n <= len(answer.evidence) else None
                for field in EVIDENCE_FIELDS:
                    row[evidence_column(n, field)] = (
                        None if source is None else getattr(source, field)
                    )
            yield row


def score_columns(results: Sequence[Result]) -> tuple[str, ...]:
    """The fixed columns, then every pillar id, then every indicator id, of every rubric in
    the order first met."""
    pillars: dict[str, None] = {}
    indicators: dict[str, None] = {}
    for result in results:
        for pillar in result.pillars:
            pillars.setdefault(pillar.id)
            for ind in pillar.indicators:
                indicators.setdefault(ind.id)
    return SCORE_COLUMNS + tuple(pillars) + tuple(indicators)


def score_row(result: Result) -> Row:
    """One jurisdiction and edition: overall, band, coverage, each pillar's and each
    indicator's value (empty where withheld, not applicable or missing). Scores follow the
    rubric's display rule; an indicator's value is its level's, on the method's 0-100."""
    a = result.assessment
    row: Row = {
        "jurisdiction": a.code,
        "edition": a.edition,
        "as_of": a.as_of,
        "rubric": result.rubric.ref,
        "assessment_status": a.status,
        "status": result.status,
        "overall": shown(result.overall, result.rubric.display),
        "band": result.band,
        "coverage": percent(result.coverage),
    }
    for pillar in result.pillars:
        row[pillar.id] = shown(pillar.score, result.rubric.display)
    for pillar in result.pillars:
        for ind in pillar.indicators:
            row[ind.id] = display(ind.value)
    return row


def build_tables(results: Iterable[Result], lang: str, table: str = "answers") -> Tables:
    """The answers and scores tables of `results` (sorted by jurisdiction, then edition)."""
    ordered = sorted(results, key=lambda r: (r.assessment.code, r.assessment.edition))
    evidence = evidence_count(ordered)
    levels: dict[tuple[str, str], tuple[str, ...]] = {}
    for result in ordered:
        for ind in result.rubric.indicators:
            key = (result.rubric.ref, ind.id)
            levels.setdefault(key, tuple(level.id for level in ind.levels))
    columns = score_columns(ordered)
    return Tables(
        answer_columns=answer_columns(evidence),
        answers=[row for r in ordered for row in answer_rows(r, evidence, lang)],
        score_columns=columns,
        scores=[score_row(r) for r in ordered],
        levels=levels,
        table=table,
    )


def cell_text(value: Any) -> str:
    """A cell as CSV writes it: "" for empty, true/false for flags, numbers as displayed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def export_tables(
    paths: Sequence[Path], workspace: Workspace, *, lang: str, table: str = "answers"
) -> Tables:
    """The tables of the assessments among `paths` (default: every assessment of the
    workspace); InvalidInput, and nothing exported, if any of them is invalid."""
    from scorecard.api import score_files

    files = list(paths) or workspace.assessment_files()
    if not files:
        raise UsageError("no assessments to export")
    results = score_files(files, workspace)
    if not results:
        raise UsageError("no assessment among the files given")
    return build_tables(results, lang, table)
