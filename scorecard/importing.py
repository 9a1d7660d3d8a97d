"""`scorecard import`: read back an answers table (XLSX or CSV, in the shape `scorecard export`
writes) and update the assessment files, changing only the answers that changed.

Reading is the project's (PyYAML, for data and node positions); writing splices new text into
the old only where a value changed, with ruamel.yaml emitting each new piece, so comments, key
order, quoting and the wrapping of everything else stay byte for byte. Before anything is
written, every would-be file is loaded again and must hold exactly the data intended, and must
pass validation; every problem in the sheet is reported with its cell (`Answers!F17`), and
nothing is written if there is any.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import difflib
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from scorecard.errors import InvalidInput, Phrase, Problem, ScorecardError, UsageError, phrase
from scorecard.loading import Document, LoadError, parse_document
from scorecard.model import Rubric, localize
from scorecard.scoring import display
from scorecard.tables import (
    ANSWER_COLUMNS,
    ANSWER_KINDS,
    ANSWERS_SHEET,
    CONFIDENCES,
    EVIDENCE_FIELDS,
    KEY_COLUMNS,
    cell_text,
    number,
    parse_evidence_column,
)
from scorecard.workspace import Workspace

STATEMENT_KINDS = ("not_found", "na", "insufficient")

# --- reading a sheet -------------------------------------------------------------------------


@dataclass(frozen=True)
class Sheet:
    """An answers table as text cells: its header and its rows with their row numbers."""

    file: str  # as the user named it
    name: str  # the sheet's name, for cell references
    header: list[str]
    rows: list[tuple[int, list[str]]]

    def cell(self, row: int, column: int) -> str:
        return f"{self.name}!{column_letter(column)}{row}"


def column_letter(column: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value: Any) -> str:
    """A cell as text, whatever type a spreadsheet gave it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n")


def _sheet_problem(
    file: str, row: int, column: int, message: Phrase, hint: Phrase | None = None
) -> Problem:
    return Problem.of(file, row, column, "error", message, hint, "import")


def read_sheet(path: Path, display: str) -> Sheet:
    """The answers table of an XLSX workbook (its sheet "Answers") or of a CSV file (comma- or
    semicolon-separated, UTF-8 with or without a byte-order mark)."""
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path, display)
    if path.suffix.lower() in (".csv", ".txt"):
        return _read_csv(path, display)
    raise UsageError(f"{display}: import reads .xlsx or .csv files")


def _read_xlsx(path: Path, display: str) -> Sheet:
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InvalidInput(
            [_sheet_problem(display, 1, 1, phrase("import.file.unreadable", reason=str(exc)))]
        ) from None
    try:
        if ANSWERS_SHEET not in workbook.sheetnames:
            raise InvalidInput(
                [
                    _sheet_problem(
                        display,
                        1,
                        1,
                        phrase(
                            "import.sheet.missing",
                            sheet=ANSWERS_SHEET,
                            sheets=", ".join(workbook.sheetnames),
                        ),
                    )
                ]
            )
        rows = [
            [_text(value) for value in values]
            for values in workbook[ANSWERS_SHEET].iter_rows(values_only=True)
        ]
    finally:
        workbook.close()
    return _sheet(display, ANSWERS_SHEET, rows)


def _read_csv(path: Path, display: str) -> Sheet:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidInput(
            [
                _sheet_problem(
                    display,
                    line,
                    1,
                    phrase("problem.file.not_utf8", byte=raw[exc.start]),
                    phrase("problem.file.utf8.hint"),
                )
            ]
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = [
        [cell.replace("\r\n", "\n") for cell in row]
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    ]
    return _sheet(display, path.name, rows, decimal_comma=delimiter == ";")


def _sheet(display: str, name: str, rows: list[list[str]], decimal_comma: bool = False) -> Sheet:
    if not rows:
        raise InvalidInput([_sheet_problem(display, 1, 1, phrase("import.sheet.empty"))])
    header = [cell.strip() for cell in rows[0]]
    while header and header[-1] == "":
        header.pop()
    body = []
    for number_, row in enumerate(rows[1:], 2):
        cells = [*row[: len(header)], *[""] * (len(header) - len(row))]
        if any(cell.strip() for cell in cells):
            if decimal_comma:
                cells = [_decimal_point(c) for c in cells]
            body.append((number_, cells))
    return Sheet(display, name, header, body)


def _decimal_point(cell: str) -> str:
    """ "37,5" -> "37.5" for a number written with a decimal comma; other text unchanged."""
    candidate = cell.replace(",", ".", 1)
    if "," in cell and candidate.replace(".", "", 1).lstrip("-").isdigit():
        return candidate
    return cell


# --- what the sheet asks for ----------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One field of one answer that the import changes: `field` is `answer`, `level`,
    `statement`, `notes`, `confidence`, `reverify` or `evidence`."""

    file: str
    indicator: str
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class FileUpdate:
    """One assessment file the import changes: its old and new text and what changed."""

    path: Path
    display: str
    old_bytes: bytes
    new_bytes: bytes
    changes: tuple[Change, ...]

    def diff(self) -> str:
        """The change as a unified diff."""
        old = self.old_bytes.decode("utf-8-sig").splitlines()
        new = self.new_bytes.decode("utf-8-sig").splitlines()
        return unified_diff(old, new, self.display)


def unified_diff(old: Sequence[str], new: Sequence[str], name: str, context: int = 3) -> str:
    """A unified diff of two lists of lines. Unlike difflib.unified_diff it never treats
    frequent lines as junk, so a repeated line (`- title: Same report`) is matched, and
    the diff shows only what changed."""
    prefix = "" if name.startswith("/") else "/"
    out = [f"--- a{prefix}{name}\n", f"+++ b{prefix}{name}\n"]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        first, last = group[0], group[-1]
        old_range = _range(first[1], last[2])
        new_range = _range(first[3], last[4])
        out.append(f"@@ -{old_range} +{new_range} @@\n")
        for op, a0, a1, b0, b1 in group:
            if op == "equal":
                out.extend(f" {line}\n" for line in old[a0:a1])
                continue
            out.extend(f"-{line}\n" for line in old[a0:a1])
            out.extend(f"+{line}\n" for line in new[b0:b1])
    return "".join(out)


def _range(start: int, stop: int) -> str:
    length = stop - start
    first = start + 1 if length else start
    return f"{first}" if length == 1 else f"{first},{length}"


@dataclass(frozen=True)
class ImportPlan:
    """What an import would write: the files that change (none when nothing changed) and how
    many rows the sheet had."""

    updates: tuple[FileUpdate, ...]
    rows: int

    @property
    def changes(self) -> list[Change]:
        return [c for u in self.updates for c in u.changes]


@dataclass
class _Target:
    """One assessment the sheet touches: its file, data, rubric and the answers asked for."""

    path: Path
    display: str
    raw: bytes
    document: Document
    rubric: Rubric
    wanted: dict[str, dict[str, Any] | None] = field(default_factory=dict)  # None: unanswered
    fields: dict[str, list[Change]] = field(default_factory=dict)


def plan_import(
    sheet_path: Path, workspace: Workspace, *, today: dt.date | None = None
) -> ImportPlan:
    """What importing `sheet_path` would change; InvalidInput with every problem (each at its
    cell, or at its line in the would-be file) when anything is wrong."""
    from scorecard.api import load_valid

    sheet = read_sheet(sheet_path, str(sheet_path))
    columns, problems = _check_header(sheet)
    index = {(p.parent.name, p.stem): p for p in workspace.assessment_files()}
    wanted_files: dict[tuple[str, str], Path] = {}
    for row, cells in sheet.rows:
        code, edition = cells[columns["jurisdiction"]].strip(), cells[columns["edition"]].strip()
        path = index.get((code, edition))
        if path is None:
            known = sorted(e for c, e in index if c == code)
            problems.append(
                _sheet_problem(
                    sheet.file,
                    row,
                    columns["edition"] + 1,
                    phrase(
                        "import.edition.missing",
                        cell=sheet.cell(row, columns["edition"] + 1),
                        code=code,
                        edition=edition,
                    ),
                    phrase("import.edition.known.hint", editions=", ".join(known))
                    if known
                    else phrase("import.jurisdiction.unknown.hint", code=code),
                )
            )
        else:
            wanted_files[(code, edition)] = path
    if not wanted_files:
        if problems:
            raise InvalidInput(problems)
        return ImportPlan((), len(sheet.rows))
    report = load_valid(sorted(set(wanted_files.values())), workspace, today=today)
    targets: dict[tuple[str, str], _Target] = {}
    for assessment in report.assessments:
        key = (assessment.code, assessment.edition)
        path = wanted_files[key]
        raw = path.read_bytes()
        display = workspace.display(path)
        if path.suffix.lower() == ".json":
            problems.append(
                _sheet_problem(display, 1, 1, phrase("import.json.unsupported", file=display))
            )
            continue
        document = parse_document(raw, path, display)
        targets[key] = _Target(path, display, raw, document, report.rubrics[assessment.rubric])
    seen: dict[tuple[str, str, str], int] = {}
    for row, cells in sheet.rows:
        key = (cells[columns["jurisdiction"]].strip(), cells[columns["edition"]].strip())
        target = targets.get(key)
        if target is None:
            continue
        indicator = cells[columns["indicator"]].strip()
        where = (*key, indicator)
        if where in seen:
            problems.append(
                _sheet_problem(
                    sheet.file,
                    row,
                    columns["indicator"] + 1,
                    phrase(
                        "import.row.duplicate",
                        cell=sheet.cell(row, columns["indicator"] + 1),
                        row=seen[where],
                    ),
                )
            )
            continue
        seen[where] = row
        problems.extend(_read_row(sheet, row, cells, columns, target))
    if problems:
        raise InvalidInput(problems)
    updates = []
    for target in targets.values():
        update = _update(target, today)
        if update is not None:
            updates.append(update)
    return ImportPlan(tuple(updates), len(sheet.rows))


def _check_header(sheet: Sheet) -> tuple[dict[str, int], list[Problem]]:
    """Column name -> index of the known columns, and the problems of the others (raised at
    once only when a key column is missing: without it no row can be read)."""
    problems = []
    columns: dict[str, int] = {}
    known = [*ANSWER_COLUMNS, *(f"evidence_1_{f}" for f in EVIDENCE_FIELDS)]
    for i, name in enumerate(sheet.header):
        cell = sheet.cell(1, i + 1)
        if name in columns:
            problems.append(
                _sheet_problem(
                    sheet.file, 1, i + 1, phrase("import.column.duplicate", cell=cell, column=name)
                )
            )
        elif name in ANSWER_COLUMNS or parse_evidence_column(name) is not None:
            columns[name] = i
        else:
            close = difflib.get_close_matches(name, known, n=1)
            problems.append(
                _sheet_problem(
                    sheet.file,
                    1,
                    i + 1,
                    phrase("import.column.unknown", cell=cell, column=name),
                    phrase("problem.did_you_mean", name=close[0])
                    if close
                    else phrase("import.column.known.hint"),
                )
            )
    missing = [
        _sheet_problem(sheet.file, 1, 1, phrase("import.column.missing", column=name))
        for name in KEY_COLUMNS
        if name not in columns
    ]
    if missing:
        raise InvalidInput(problems + missing)
    return columns, problems


def _read_row(
    sheet: Sheet, row: int, cells: list[str], columns: Mapping[str, int], target: _Target
) -> Iterator[Problem]:
    """Check one row against its assessment and record the answer it asks for."""
    indicator_id = cells[columns["indicator"]].strip()
    rubric = target.rubric
    indicator = rubric.indicator(indicator_id)

    def problem(column: str, message: Phrase, hint: Phrase | None = None) -> Problem:
        number_ = columns[column] + 1
        return _sheet_problem(sheet.file, row, number_, message, hint)

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
    answers = target.document.data.get("answers") or {}
    current: dict[str, Any] | None = answers.get(indicator_id)
    current_kind = _kind(current)

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


def _kind(answer: Mapping[str, Any] | None) -> str:
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
    current_kind = _kind(current)
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
    target: _Target,
    indicator_id: str,
) -> Iterator[Problem]:
    """Computed and header columns must be as exported (or follow the edited level): a
    change there would otherwise be silently lost."""
    rubric = target.rubric
    data = target.document.data
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
    for answer in (data.get("answers", {}).get(indicator_id), target.wanted[indicator_id]):
        kind = _kind(answer)
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
        yield _sheet_problem(
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
    if cell == expected.strip():
        return True
    try:
        return Decimal(cell) == Decimal(expected)
    except (InvalidOperation, ValueError):
        return False


# --- writing: splice new text where a value changed -----------------------------------------


def _update(target: _Target, today: dt.date | None) -> FileUpdate | None:
    """The new bytes of one assessment file, checked, or None when nothing changes."""
    old_data = target.document.data
    answers = old_data.get("answers") or {}
    changed = {
        ind: wanted
        for ind, wanted in target.wanted.items()
        if wanted != answers.get(ind) and not (wanted is None and ind not in answers)
    }
    if not changed:
        return None
    from scorecard.yaml_splice import SpliceError, splice_answers

    text = target.document.text
    crlf = "\r\n" in text
    if crlf:
        text = text.replace("\r\n", "\n")
    order = [ind.id for ind in target.rubric.indicators]
    new_answers = {
        ind: wanted for ind, wanted in {**answers, **changed}.items() if wanted is not None
    }
    try:
        new_text = splice_answers(text, answers, new_answers, order)
    except SpliceError as exc:
        raise ScorecardError(
            f"cannot write the changes to {target.display} ({exc}); nothing was written"
        ) from None
    if crlf:
        new_text = new_text.replace("\n", "\r\n")
    bom = b"\xef\xbb\xbf" if target.raw.startswith(b"\xef\xbb\xbf") else b""
    new_bytes = bom + new_text.encode("utf-8")
    expected = copy.deepcopy(old_data)
    new_answers = expected.setdefault("answers", {})
    for ind, wanted in changed.items():
        if wanted is None:
            new_answers.pop(ind, None)
        else:
            new_answers[ind] = wanted
    try:
        document = parse_document(new_bytes, target.path, target.display)
    except LoadError:
        document = None
    if document is None or document.data != expected:
        # A bug guard: the splice must give exactly the data intended, or nothing is written.
        raise ScorecardError(
            f"could not write the changes to {target.display} faithfully; nothing was written"
        )
    _validate(document, target.rubric, today)
    changes = tuple(
        Change(target.display, ind, name, old, new)
        for ind, wanted in changed.items()
        for name, old, new in _field_changes(answers.get(ind), wanted)
    )
    return FileUpdate(target.path, target.display, target.raw, new_bytes, changes)


def _validate(document: Document, rubric: Rubric, today: dt.date | None) -> None:
    from scorecard.validation import check_assessment

    problems, _ = check_assessment(document, {rubric.ref: rubric}, today=today or dt.date.today())
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InvalidInput(errors, {document.display: document})


def _field_changes(
    old: Mapping[str, Any] | None, new: Mapping[str, Any] | None
) -> Iterator[tuple[str, Any, Any]]:
    old, new = old or {}, new or {}
    old_kind, new_kind = _kind(old), _kind(new)
    if old_kind != new_kind:
        yield "answer", old_kind, new_kind
    for key in dict.fromkeys([*old, *new]):
        if key in ANSWER_KINDS:
            if old_kind == new_kind and old.get(key) != new.get(key):
                yield ("level" if key == "level" else "statement"), old.get(key), new.get(key)
            continue
        if old.get(key) != new.get(key):
            yield key, old.get(key), new.get(key)


def apply_import(plan: ImportPlan, protect: Sequence[Path] = ()) -> None:
    """Write every changed file atomically (each whole, or not at all)."""
    from scorecard.outputs import write_file

    for update in plan.updates:
        write_file(update.path, update.new_bytes, protect=protect)
