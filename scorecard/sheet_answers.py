"""What one row of an answers sheet asks for: the answer it wants written (as data, keeping
whatever the sheet has no column for), or the problems of its cells.

A row may change the answer's kind, level, statement, confidence, `reverify`, notes and
sources; the other columns come from the rubric or the assessment and are only checked, so
that an edit there is refused rather than silently lost.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from scorecard.errors import Phrase, Problem, phrase
from scorecard.model import Rubric, localize
from scorecard.scoring import display
from scorecard.sheets import Sheet, sheet_problem
from scorecard.tables import (
    ANSWER_KINDS,
    CONFIDENCES,
    EVIDENCE_FIELDS,
    cell_text,
    number,
    parse_evidence_column,
)


class Assessed(Protocol):
    """The assessment a row belongs to: its rubric, its data, and the answers asked for so
    far (indicator id -> the answer as data, or None to remove it)."""

    @property
    def rubric(self) -> Rubric: ...
    @property
    def data(self) -> Mapping[str, Any]: ...
    @property
    def wanted(self) -> dict[str, dict[str, Any] | None]: ...


def read_row(
    sheet: Sheet, row: int, cells: list[str], columns: Mapping[str, int], target: Assessed
) -> Iterator[Problem]:
    """Check one row against its assessment and record the answer it asks for."""
    indicator_id = cells[columns["indicator"]].strip()
    rubric = target.rubric
    indicator = rubric.indicator(indicator_id)

    def problem(column: str, message: Phrase, hint: Phrase | None = None) -> Problem:
        number_ = columns[column] + 1
        return sheet_problem(sheet.file, row, number_, message, hint)

    def cell(column: str) -> str:
        return sheet.cell(row, columns[column] + 1)

    if indicator is None:
        yield problem(
            "indicator",
            phrase(
                "import.indicator.unknown",
                cell=cell("indicator"),
                indicator=indicator_id,
                rubric=rubric.ref,
            ),
        )
        return
    answers = target.data.get("answers") or {}
    current: dict[str, Any] | None = answers.get(indicator_id)
    current_kind = answer_kind(current)

    def value(column: str) -> str | None:
        """The cell's text (stripped of surrounding blanks unless it is free text), or None
        when the sheet has no such column."""
        if column not in columns:
            return None
        text = cells[columns[column]]
        return text if column in ("notes", "statement") else text.strip()

    kind = value("answer") or current_kind
    if kind not in ANSWER_KINDS:
        yield problem(
            "answer",
            phrase(
                "import.choice.unknown",
                cell=cell("answer"),
                value=kind,
                choices=", ".join(ANSWER_KINDS),
            ),
        )
        return
    level_ids = [level.id for level in indicator.levels]
    level = value("level_id")
    statement = value("statement")
    bad = False
    if kind == "level":
        if level is None:
            level = current.get("level") if current and current_kind == "level" else None
        if not level:
            yield problem(
                "level_id" if "level_id" in columns else "answer",
                phrase(
                    "import.level.missing",
                    cell=cell("level_id" if "level_id" in columns else "answer"),
                ),
            )
            bad = True
        elif level not in level_ids:
            yield problem(
                "level_id",
                phrase(
                    "import.level.unknown",
                    cell=cell("level_id"),
                    level=level,
                    indicator=indicator_id,
                    choices=", ".join(level_ids),
                ),
            )
            bad = True
        if statement:
            yield problem(
                "statement", phrase("import.statement.not_for_level", cell=cell("statement"))
            )
            bad = True
    elif level and not (kind == "not_found" and level == indicator.lowest.id):
        yield problem(
            "level_id",
            phrase("import.level.not_for_kind", cell=cell("level_id"), kind=kind),
        )
        bad = True
    confidence = value("confidence")
    if confidence and confidence not in CONFIDENCES:
        yield problem(
            "confidence",
            phrase(
                "import.choice.unknown",
                cell=cell("confidence"),
                value=confidence,
                choices=", ".join(CONFIDENCES),
            ),
        )
        bad = True
    reverify = value("reverify")
    if reverify is not None and reverify.lower() not in ("", "true", "false"):
        yield problem(
            "reverify",
            phrase(
                "import.choice.unknown",
                cell=cell("reverify"),
                value=reverify,
                choices="true, false",
            ),
        )
        bad = True
    if bad:
        return
    evidence_columns: dict[int, dict[str, int]] = {}
    for name, i in columns.items():
        parsed = parse_evidence_column(name)
        if parsed is not None:
            evidence_columns.setdefault(parsed[0], {})[parsed[1]] = i
    if kind == "unanswered":
        leftovers = [
            name for name in ("level_id", "statement", "notes", "confidence") if value(name)
        ] + [
            name for name, i in columns.items() if parse_evidence_column(name) and cells[i].strip()
        ]
        if (reverify or "").lower() == "true":
            leftovers.append("reverify")
        if leftovers:
            yield problem(
                leftovers[0],
                phrase("import.unanswered.not_empty", cell=cell(leftovers[0])),
            )
            return
        target.wanted[indicator_id] = None
    else:
        target.wanted[indicator_id] = _wanted_answer(
            current,
            kind,
            level,
            statement,
            value("notes"),
            confidence,
            reverify,
            {
                n: {f: cells[i].strip() for f, i in fields.items()}
                for n, fields in evidence_columns.items()
            },
        )
    yield from _check_derived(sheet, row, cells, columns, target, indicator_id)


def answer_kind(answer: Mapping[str, Any] | None) -> str:
    if answer is None:
        return "unanswered"
    return next((k for k in ANSWER_KINDS if k in answer), "unanswered")


def _wanted_answer(
    current: Mapping[str, Any] | None,
    kind: str,
    level: str | None,
    statement: str | None,
    notes: str | None,
    confidence: str | None,
    reverify: str | None,
    evidence: Mapping[int, Mapping[str, str]],
) -> dict[str, Any]:
    """The answer the row asks for, as data, keeping what the sheet has no column for."""
    current = dict(current or {})
    current_kind = answer_kind(current)
    wanted: dict[str, Any] = {}
    for key, old in current.items():
        if key in ANSWER_KINDS:
            if kind == "level":
                wanted["level"] = level
            elif kind == current_kind and statement is None:
                wanted[kind] = old
            else:
                wanted[kind] = statement or ""
        else:
            wanted[key] = old
    if not any(k in wanted for k in ANSWER_KINDS):
        wanted = {kind: level if kind == "level" else (statement or ""), **wanted}
    if notes is not None:
        _set(wanted, "notes", notes.replace("\r\n", "\n") or None)
    if confidence is not None:
        _set(wanted, "confidence", confidence or None)
    if reverify is not None:
        flag = reverify.lower() == "true"
        if flag:
            wanted["reverify"] = True
        elif wanted.get("reverify") is True:
            del wanted["reverify"]
    if evidence:
        old_items = [dict(item) for item in current.get("evidence") or []]
        items = []
        for n in range(1, max(max(evidence), len(old_items)) + 1):
            item = dict(old_items[n - 1]) if n <= len(old_items) else {}
            for name, text in evidence.get(n, {}).items():
                if text:
                    if cell_text(item.get(name)) != text:
                        item[name] = text
                else:
                    item.pop(name, None)
            if n > len(old_items):
                item = {f: item[f] for f in EVIDENCE_FIELDS if f in item}
            if item:
                items.append(item)
        _set(wanted, "evidence", items or None)
    return wanted


def _set(data: dict[str, Any], key: str, value: Any) -> None:
    if value is None:
        data.pop(key, None)
    elif cell_text(data.get(key)) != cell_text(value):
        data[key] = value


def _check_derived(
    sheet: Sheet,
    row: int,
    cells: list[str],
    columns: Mapping[str, int],
    target: Assessed,
    indicator_id: str,
) -> Iterator[Problem]:
    """Computed and header columns must be as exported (or follow the edited level): a
    change there would otherwise be silently lost."""
    rubric = target.rubric
    data = target.data
    indicator = rubric.indicator(indicator_id)
    assert indicator is not None
    pillar = next(p.id for p in rubric.pillars if indicator in p.indicators)
    expected = {
        "as_of": {cell_text(data.get("as_of"))},
        "rubric": {rubric.ref},
        "pillar": {pillar},
        "weight": {cell_text(number(indicator.weight))},
    }
    levels: set[str] = set()
    values: set[str] = set()
    for answer in ((data.get("answers") or {}).get(indicator_id), target.wanted[indicator_id]):
        kind = answer_kind(answer)
        level = None
        if kind == "level" and answer is not None:
            level = indicator.level(str(answer["level"]))
        elif kind == "not_found":
            level = indicator.lowest
        if level is None:
            levels.add("")
            values.add("")
        else:
            values.add(cell_text(display(level.value)))
            levels.update(localize(level.descriptor, lang) for lang in (*rubric.languages, ""))
    expected["level_label"] = levels
    expected["value"] = values
    for column, allowed in expected.items():
        if column not in columns:
            continue
        text = cells[columns[column]].strip()
        if any(_same(text, a) for a in allowed):
            continue
        yield sheet_problem(
            sheet.file,
            row,
            columns[column] + 1,
            phrase(
                "import.derived.changed",
                cell=sheet.cell(row, columns[column] + 1),
                column=column,
                value=text,
            ),
            phrase("import.derived.hint"),
        )


def _same(cell: str, expected: str) -> bool:
    """Whether a checked cell still says what the assessment says: the same text, or the
    same number (50 or 50.0; 37,5 from a decimal-comma sheet is 37.5)."""
    if cell == expected.strip():
        return True
    try:
        return Decimal(cell.replace(",", ".", 1)) == Decimal(expected)
    except (InvalidOperation, ValueError):
        return False
