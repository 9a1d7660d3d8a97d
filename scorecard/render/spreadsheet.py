"""`scorecard export`: the answers and scores tables as CSV (comma-separated, or
semicolon-separated with decimal commas and a byte-order mark for spreadsheets in
comma-decimal locales) and as an XLSX workbook for reviewers.

The workbook is built to be edited and read back by `scorecard import`: every cell that holds
an id or a date is text (so a spreadsheet does not turn "2024" or "2024-06-30" into a number
or a date), numbers are numbers, the header row is frozen, and the `answer`, `level_id`,
`confidence` and `reverify` cells offer a drop-down that refuses anything else. The bytes are
the same for the same input (fixed zip and document dates; `SOURCE_DATE_EPOCH` if set).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from scorecard.render.registry import Options
from scorecard.tables import (
    ANSWER_KINDS,
    ANSWERS_SHEET,
    CONFIDENCES,
    SCORES_SHEET,
    Row,
    Tables,
    cell_text,
)

SEMICOLON_BOM = "\ufeff"


def _rows(tables: Tables) -> tuple[Sequence[str], list[Row]]:
    if tables.table == "scores":
        return tables.score_columns, tables.scores
    return tables.answer_columns, tables.answers


def write_csv(columns: Sequence[str], rows: Iterable[Row], *, semicolon: bool = False) -> str:
    """CSV text with a header row. `semicolon`: `;` between fields, `,` as the decimal
    mark and a UTF-8 byte-order mark, as spreadsheets in comma-decimal locales expect."""
    buffer = io.StringIO()
    if semicolon:
        buffer.write(SEMICOLON_BOM)
    writer = csv.writer(buffer, delimiter=";" if semicolon else ",", lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(_csv_cell(row.get(column), semicolon) for column in columns)
    return buffer.getvalue()


def _csv_cell(value: Any, semicolon: bool) -> str:
    text = cell_text(value)
    if semicolon and isinstance(value, Decimal):
        return text.replace(".", ",")
    return text


def tables_csv(tables: Tables, options: Options | None = None) -> str:
    """The chosen table (answers, or the wide scores) as comma-separated UTF-8."""
    columns, rows = _rows(tables)
    return write_csv(columns, rows)


def tables_csv_semicolon(tables: Tables, options: Options | None = None) -> str:
    """The chosen table as semicolon-separated UTF-8 with a byte-order mark."""
    columns, rows = _rows(tables)
    return write_csv(columns, rows, semicolon=True)


# --- XLSX ----------------------------------------------------------------------------------

_MAX_WIDTH = 60
_INLINE_LIST_LIMIT = 255  # characters a spreadsheet allows in an inline drop-down list


def tables_xlsx(tables: Tables, options: Options | None = None) -> bytes:
    """A workbook with the sheets Answers (editable, with drop-downs) and Scores."""
    from openpyxl import Workbook

    workbook = Workbook()
    answers = workbook.active
    answers.title = ANSWERS_SHEET
    _fill(
        answers,
        tables.answer_columns,
        tables.answers,
        number_columns={"weight", "value"},
        one_decimal={"value"},
    )
    _answer_validation(answers, tables)
    scores = workbook.create_sheet(SCORES_SHEET)
    numeric = set(tables.score_columns) - {
        "jurisdiction",
        "edition",
        "as_of",
        "rubric",
        "assessment_status",
        "status",
        "band",
    }
    # Every number on this sheet is a score or a coverage, shown as displayed: 50.0, not 50.
    _fill(scores, tables.score_columns, tables.scores, number_columns=numeric, one_decimal=numeric)
    scores.freeze_panes = "C2"
    return _save(workbook)


def _fill(
    sheet: Any,
    columns: Sequence[str],
    rows: list[Row],
    number_columns: set[str],
    one_decimal: set[str],
) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.append(list(columns))
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    widths = [len(c) for c in columns]
    formats = ["0.0" if c in one_decimal else "General" for c in columns]
    for row in rows:
        values: list[Any] = []
        for i, column in enumerate(columns):
            value = row.get(column)
            if isinstance(value, Decimal) and column in number_columns:
                # A float is what a spreadsheet stores; every value here has at most a few
                # decimals, so the shown number is the exact one.
                values.append(float(value))
            elif value is None or isinstance(value, bool):
                values.append(None if value is None else cell_text(value))
            else:
                values.append(str(value))
            longest = max((len(line) for line in cell_text(value).splitlines()), default=0)
            widths[i] = max(widths[i], longest)
        sheet.append(values)
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, column in enumerate(columns, 1):
        letter = get_column_letter(i)
        sheet.column_dimensions[letter].width = min(widths[i - 1] + 2, _MAX_WIDTH)
        fmt = formats[i - 1]
        long_text = widths[i - 1] > _MAX_WIDTH
        if fmt == "General" and column not in number_columns and not long_text:
            fmt = "@"  # text: what is typed stays text
        for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
            cell.number_format = fmt
            if long_text:
                cell.alignment = wrap
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _answer_validation(sheet: Any, tables: Tables) -> None:
    """Drop-downs that refuse anything else: the answer kinds, each row's own level ids,
    the confidences and true/false."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.cell_range import MultiCellRange
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = list(tables.answer_columns)
    last = len(tables.answers) + 1
    if last < 2:
        return

    def column(name: str) -> str:
        return str(get_column_letter(columns.index(name) + 1))

    def add(choices: Sequence[str], cells: Sequence[str], allow_blank: bool, title: str) -> None:
        listed = ",".join(choices)
        if len(listed) + 2 > _INLINE_LIST_LIMIT or any('"' in c or "," in c for c in choices):
            return  # too long for an inline list; the import still refuses what is not a choice
        rule = DataValidation(
            type="list",
            formula1=f'"{listed}"',
            allow_blank=allow_blank,
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle=title,
            error=f"Choose one of: {', '.join(choices)}",
        )
        # One range list built at once: adding cells one by one is quadratic in openpyxl.
        rule.sqref = MultiCellRange(" ".join(cells))
        sheet.add_data_validation(rule)

    add(ANSWER_KINDS, [f"{column('answer')}2:{column('answer')}{last}"], False, "answer")
    add(CONFIDENCES, [f"{column('confidence')}2:{column('confidence')}{last}"], True, "confidence")
    add(("true", "false"), [f"{column('reverify')}2:{column('reverify')}{last}"], True, "reverify")
    level = column("level_id")
    by_indicator: dict[tuple[str, str], list[str]] = {}
    for number, row in enumerate(tables.answers, 2):
        key = (str(row["rubric"]), str(row["indicator"]))
        by_indicator.setdefault(key, []).append(f"{level}{number}")
    for key, cells in by_indicator.items():
        add(tables.levels.get(key, ()), cells, True, key[1])


def _fixed_time() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(max(int(epoch), 315532800), dt.UTC).replace(tzinfo=None)
    return dt.datetime(1980, 1, 1)


def _save(workbook: Any) -> bytes:
    """The workbook's bytes, the same for the same content: document dates and zip entry
    dates are fixed, and the entries are written in a fixed order."""
    from openpyxl.writer.excel import ExcelWriter

    when = _fixed_time()
    workbook.properties.created = when
    workbook.properties.modified = when
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    stamped = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source,
        zipfile.ZipFile(stamped, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return stamped.getvalue()
