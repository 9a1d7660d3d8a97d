"""Reading an answers sheet (the `Answers` sheet of an XLSX workbook, or a CSV in either form
`scorecard export` writes) as text cells with their row numbers, and its header as columns.

Every cell becomes the text `scorecard export` would have written for it, whatever type a
spreadsheet gave it (a number, a date, true/false), so comparing a cell with an answer is
comparing text. Problems name their cell the way a spreadsheet shows it: `Answers!F17`.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scorecard.errors import InvalidInput, Phrase, Problem, UsageError, phrase
from scorecard.tables import (
    ANSWER_COLUMNS,
    ANSWERS_SHEET,
    EVIDENCE_FIELDS,
    KEY_COLUMNS,
    parse_evidence_column,
)


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


def sheet_problem(
    file: str, row: int, column: int, message: Phrase, hint: Phrase | None = None
) -> Problem:
    return Problem(file, row, column, "error", message, hint, "import")


def read_sheet(path: Path, display: str) -> Sheet:
    """The answers table of an XLSX workbook (its sheet "Answers") or of a CSV file (comma- or
    semicolon-separated, UTF-8 with or without a byte-order mark)."""
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path, display)
    if path.suffix.lower() in (".csv", ".txt"):
        return _read_csv(path, display)
    raise UsageError(f"{display}: import reads .xlsx or .csv files")


def _read_xlsx(path: Path, display: str) -> Sheet:
    from openpyxl import load_workbook

    def unreadable(exc: Exception) -> InvalidInput:
        reason = str(exc) or type(exc).__name__
        return InvalidInput(
            [sheet_problem(display, 1, 1, phrase("import.file.unreadable", reason=reason))]
        )

    with warnings.catch_warnings():
        # A workbook saved by Excel carries extensions openpyxl does not read (and says so);
        # only the cells matter here.
        warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # any failure to parse the user's file is the file's
            raise unreadable(exc) from None
        try:
            if ANSWERS_SHEET not in workbook.sheetnames:
                missing = phrase(
                    "import.sheet.missing",
                    sheet=ANSWERS_SHEET,
                    sheets=", ".join(workbook.sheetnames),
                )
                raise InvalidInput([sheet_problem(display, 1, 1, missing)])
            try:
                values = list(workbook[ANSWERS_SHEET].iter_rows(values_only=True))
            except Exception as exc:  # a damaged sheet, found while reading it
                raise unreadable(exc) from None
        finally:
            workbook.close()
    return _sheet(display, ANSWERS_SHEET, [[_text(v) for v in row] for row in values])


def _read_csv(path: Path, display: str) -> Sheet:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidInput(
            [
                sheet_problem(
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
    return _sheet(display, path.name, rows)


def _sheet(display: str, name: str, rows: list[list[str]]) -> Sheet:
    if not rows:
        raise InvalidInput([sheet_problem(display, 1, 1, phrase("import.sheet.empty"))])
    header = [cell.strip() for cell in rows[0]]
    while header and header[-1] == "":
        header.pop()
    sheet = Sheet(display, name, header, [])
    unnamed = []
    for number_, row in enumerate(rows[1:], 2):
        cells = [*row[: len(header)], *[""] * (len(header) - len(row))]
        if any(cell.strip() for cell in cells):
            sheet.rows.append((number_, cells))
        # Text in a column with no name would be dropped without a word: refuse it.
        extra = next((i for i, cell in enumerate(row[len(header) :]) if cell.strip()), None)
        if extra is not None:
            column = len(header) + extra + 1
            unnamed.append(
                sheet_problem(
                    display,
                    number_,
                    column,
                    phrase("import.column.unnamed", cell=sheet.cell(number_, column)),
                )
            )
    if unnamed:
        raise InvalidInput(unnamed)
    return sheet


def check_header(sheet: Sheet) -> tuple[dict[str, int], list[Problem]]:
    """Column name -> index of the known columns, and the problems of the others (raised at
    once only when a key column is missing: without it no row can be read)."""
    problems = []
    columns: dict[str, int] = {}
    known = [*ANSWER_COLUMNS, *(f"evidence_1_{f}" for f in EVIDENCE_FIELDS)]
    for i, name in enumerate(sheet.header):
        cell = sheet.cell(1, i + 1)
        if name in columns:
            problems.append(
                sheet_problem(
                    sheet.file, 1, i + 1, phrase("import.column.duplicate", cell=cell, column=name)
                )
            )
        elif name in ANSWER_COLUMNS or parse_evidence_column(name) is not None:
            columns[name] = i
        else:
            close = difflib.get_close_matches(name, known, n=1)
            problems.append(
                sheet_problem(
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
        sheet_problem(sheet.file, 1, 1, phrase("import.column.missing", column=name))
        for name in KEY_COLUMNS
        if name not in columns
    ]
    if missing:
        raise InvalidInput(problems + missing)
    return columns, problems
