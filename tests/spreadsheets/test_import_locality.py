"""An import touches only the lines of the answers it changes: on the bundled assessments
(long wrapped text, single-quoted dates, comments), every kind of edit to every kind of
answer leaves every line outside that answer as it was, and the data exactly as intended."""

from __future__ import annotations

import csv
import difflib
import io
from pathlib import Path

import pytest
import yaml
from sheet_support import bundled_workspace

from scorecard.importing import plan_import
from scorecard.render.spreadsheet import tables_csv
from scorecard.tables import EVIDENCE_FIELDS, export_tables
from scorecard.workspace import open_workspace

SV = "assessments/SV/2024.yaml"

# (the kind of answer to edit, the cells to set): each a valid edit of its own kind.
EDITS = [
    ("level", {"notes": "A reviewer's note: checked, nothing to add."}),
    ("level", {"notes": ""}),
    ("level", {"confidence": "low"}),
    ("level", {"reverify": "true"}),
    ("level", {"evidence_1_locator": "p. 12"}),
    ("level", {"evidence_1_publisher": "Another publisher"}),
    ("level", {"evidence_2_title": "Another source", "evidence_2_accessed": "2026-11-28"}),
    ("insufficient", {"statement": "Still no public information,\nafter a second search."}),
    ("insufficient", {"answer": "not_found"}),
    ("insufficient", {"notes": "Asked the ministry; no reply."}),
    ("level", {f"evidence_2_{f}": "" for f in EVIDENCE_FIELDS}),  # a second source goes
]


@pytest.fixture(scope="module")
def sheet_rows(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[list[str]]]:
    workspace = bundled_workspace(tmp_path_factory.mktemp("locality") / "ws")
    tables = export_tables([workspace / SV], open_workspace(workspace), lang="en")
    return workspace, list(csv.reader(io.StringIO(tables_csv(tables))))


def _answer_lines(text: str) -> dict[str, range]:
    """Each answer's lines (0-based), from its key to the line before the next answer."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    answers = next(v for k, v in root.value if k.value == "answers")
    starts = [(k.value, k.start_mark.line) for k, _ in answers.value]
    ends = [line for _, line in starts[1:]] + [answers.end_mark.line + 1]
    return {key: range(start, end) for (key, start), end in zip(starts, ends, strict=True)}


@pytest.mark.parametrize(("kind", "cells"), EDITS)
def test_an_edit_changes_only_its_answers_lines(
    sheet_rows: tuple[Path, list[list[str]]], tmp_path: Path, kind: str, cells: dict[str, str]
) -> None:
    workspace, rows = sheet_rows
    header = rows[0]
    row = next(
        r
        for r in rows[1:]
        if r[header.index("answer")] == kind
        and any(r[header.index(column)] != value for column, value in cells.items())
        and all(
            r[header.index(column)] == ""
            for column, value in cells.items()
            if column.startswith("evidence_2") and value  # a new source, where there was none
        )
        and (
            # a source removed, where there was one
            not any(c.startswith("evidence_2") and not v for c, v in cells.items())
            or r[header.index("evidence_2_title")]
        )
        and (
            not any(c.startswith("evidence_1") for c in cells)
            or r[header.index("evidence_1_title")]
        )
    )
    edited = [header, [*row]]
    for column, value in cells.items():
        edited[1][header.index(column)] = value
    sheet = tmp_path / "edit.csv"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(edited)
    sheet.write_text(buffer.getvalue(), encoding="utf-8")

    plan = plan_import(sheet, open_workspace(workspace))
    [update] = plan.updates
    indicator = row[header.index("indicator")]
    assert {c.indicator for c in update.changes} == {indicator}
    old = update.old_bytes.decode("utf-8")
    new = update.new_bytes.decode("utf-8")
    inside = _answer_lines(old)[indicator]
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    for op, a0, a1, _, _ in matcher.get_opcodes():
        if op != "equal":
            assert inside.start <= a0 and a1 <= inside.stop, (op, a0, a1, inside)
    before, after = yaml.safe_load(old), yaml.safe_load(new)
    del before["answers"][indicator], after["answers"][indicator]
    assert before == after
    assert (workspace / SV).read_text(encoding="utf-8") == old  # a plan writes nothing
