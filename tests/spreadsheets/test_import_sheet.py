"""`scorecard import`: edits in a spreadsheet back into the assessment files, and nothing
else: no edit leaves every file byte-identical, one edited cell changes one answer, and a
wrong cell is refused by name with no file touched."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook
from sheet_support import bundled_workspace, cell, read_rows, snapshot, write_rows

XA = "assessments/XA/2024.yaml"


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "csv-semicolon"])
def test_export_then_import_without_edits_changes_nothing(
    run: Any, tmp_path: Path, fmt: str
) -> None:
    workspace = bundled_workspace(tmp_path / "ws")
    before = snapshot(workspace)
    sheet = tmp_path / f"answers.{'xlsx' if fmt == 'xlsx' else 'csv'}"
    exported = run("export", "--format", fmt, "-o", sheet, cwd=workspace)
    assert exported.exit_code == 0, exported.stderr
    result = run("import", sheet, cwd=workspace)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "no changes" in result.stderr
    assert snapshot(workspace) == before


def test_one_edited_cell_is_one_changed_answer_with_comments_intact(
    run: Any, test_workspace: Path
) -> None:
    run("export", "-o", "review.xlsx", cwd=test_workspace)
    workbook = load_workbook(test_workspace / "review.xlsx")
    sheet = workbook["Answers"]
    header = [c.value for c in sheet[1]]
    sheet.cell(2, header.index("level_id") + 1).value = "full"
    workbook.save(test_workspace / "review.xlsx")
    old = (test_workspace / XA).read_text(encoding="utf-8")

    result = run("import", "review.xlsx", cwd=test_workspace)
    assert result.exit_code == 0, result.stderr
    new = (test_workspace / XA).read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert changed == ["-    level: partial", "+    level: full"]
    assert new.startswith("# A fictional jurisdiction (user-assigned code XA), for tests.\n")
    # The diff is on stdout, the summary on stderr.
    assert "-    level: partial\n+    level: full\n" in result.stdout
    assert "1 change written to 1 file" in result.stderr
    data = yaml.safe_load(new)
    assert data["answers"]["strategy.published"]["level"] == "full"


def test_a_note_in_a_long_wrapped_answer_changes_that_answer_only(run: Any, tmp_path: Path) -> None:
    workspace = bundled_workspace(tmp_path / "ws")
    before = snapshot(workspace)
    sheet = tmp_path / "answers.csv"
    run("export", "assessments/SV/2024.yaml", "--format", "csv", "-o", sheet, cwd=workspace)
    rows = read_rows(sheet)
    r, c = cell(rows, "strategy.published", "notes", code="SV")
    rows[r][c] += " Checked again by a reviewer."
    r2, c2 = cell(rows, "strategy.objectives", "confidence", code="SV")
    rows[r2][c2] = "medium"
    write_rows(sheet, rows)
    result = run("import", sheet, cwd=workspace)
    assert result.exit_code == 0, result.stderr
    after = snapshot(workspace)
    changed = [name for name in before if before[name] != after[name]]
    assert changed == ["assessments/SV/2024.yaml"]
    old = yaml.safe_load(before[changed[0]])
    new = yaml.safe_load(after[changed[0]])
    assert new["answers"]["strategy.published"]["notes"].endswith("Checked again by a reviewer.")
    assert new["answers"]["strategy.objectives"]["confidence"] == "medium"
    for key in ("strategy.published", "strategy.objectives"):
        old["answers"][key] = new["answers"][key]
    assert new == old  # nothing else changed in the data
    old_lines = before[changed[0]].decode().splitlines()
    new_lines = after[changed[0]].decode().splitlines()
    assert old_lines[:8] == new_lines[:8]  # the header comments
    removed = [line[2:] for line in difflib.ndiff(old_lines, new_lines) if line.startswith("- ")]
    note = " ".join(
        yaml.safe_load(before[changed[0]])["answers"]["strategy.published"]["notes"].split()
    )
    # Only the note's lines and the confidence line were rewritten.
    for line in removed:
        text = line.strip().removeprefix("notes:").strip().strip("'\"")
        assert "confidence:" in line or " ".join(text.split()) in note, line


def test_answers_change_kind_gain_sources_and_lose_fields(run: Any, test_workspace: Path) -> None:
    run("export", "--format", "csv", "-o", "a.csv", cwd=test_workspace)
    sheet = test_workspace / "a.csv"
    rows = read_rows(sheet)
    edits = {
        ("emergency.notified", "answer"): "level",
        ("emergency.notified", "level_id"): "yes",
        ("emergency.notified", "statement"): "",
        ("emergency.notified", "evidence_1_title"): "Notification to the UN",
        ("emergency.notified", "evidence_1_url"): "https://example.org/notice",
        ("strategy.published", "notes"): "",
        ("strategy.published", "reverify"): "true",
        ("strategy.published", "evidence_1_quote"): "The plan has\nfive phases.",
        ("emergency.time-limit", "evidence_1_title"): "Decree 1, amended",
    }
    for (indicator, column), value in edits.items():
        r, c = cell(rows, indicator, column)
        rows[r][c] = value
    write_rows(sheet, rows)
    result = run("import", "a.csv", cwd=test_workspace)
    assert result.exit_code == 0, result.stderr
    text = (test_workspace / XA).read_text(encoding="utf-8")
    answers = yaml.safe_load(text)["answers"]
    assert answers["emergency.notified"] == {
        "level": "yes",
        "evidence": [{"title": "Notification to the UN", "url": "https://example.org/notice"}],
    }
    assert "notes" not in answers["strategy.published"]
    assert answers["strategy.published"]["reverify"] is True
    assert answers["strategy.published"]["evidence"][0]["quote"] == "The plan has\nfive phases."
    assert answers["emergency.time-limit"]["evidence"][0] == {
        "title": "Decree 1, amended",
        "url": "https://example.org/decree-1",
        "quote": "The state of exception is extended.",
    }
    # A flow-style source is edited in place: its other values keep their quotes.
    assert "{title: 'Decree 1, amended', url: \"https://example.org/decree-1\"," in text
    assert 'level: "yes"' in text  # PyYAML would read a plain yes as true
    assert run("validate", XA, cwd=test_workspace).exit_code == 0


def test_unanswered_removes_the_answer(run: Any, test_workspace: Path) -> None:
    run("export", "--format", "csv", "-o", "a.csv", cwd=test_workspace)
    sheet = test_workspace / "a.csv"
    rows = read_rows(sheet)
    header = rows[0]
    r, _ = cell(rows, "emergency.notified", "answer")
    rows[r][header.index("answer")] = "unanswered"
    rows[r][header.index("statement")] = ""
    write_rows(sheet, rows)
    result = run("import", "a.csv", cwd=test_workspace)
    assert result.exit_code == 0, result.stderr
    answers = yaml.safe_load((test_workspace / XA).read_text())["answers"]
    assert "emergency.notified" not in answers and len(answers) == 3


def test_dry_run_shows_the_diff_and_writes_nothing(run: Any, test_workspace: Path) -> None:
    run("export", "--format", "csv", "-o", "a.csv", cwd=test_workspace)
    sheet = test_workspace / "a.csv"
    rows = read_rows(sheet)
    r, c = cell(rows, "strategy.published", "confidence")
    rows[r][c] = "high"
    write_rows(sheet, rows)
    before = snapshot(test_workspace)
    result = run("import", "a.csv", "--dry-run", cwd=test_workspace)
    assert result.exit_code == 0, result.stderr
    assert "-    confidence: medium\n+    confidence: high\n" in result.stdout
    assert snapshot(test_workspace) == before


def _refused(run: Any, workspace: Path, sheet: str, *expected: str) -> None:
    before = snapshot(workspace)
    result = run("import", sheet, cwd=workspace)
    assert result.exit_code == 1, result.stdout
    for text in expected:
        assert text in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert snapshot(workspace) == before


def test_a_level_typed_outside_the_drop_down_is_refused_by_cell(
    run: Any, test_workspace: Path
) -> None:
    run("export", "-o", "review.xlsx", cwd=test_workspace)
    workbook = load_workbook(test_workspace / "review.xlsx")
    sheet = workbook["Answers"]
    sheet["I2"] = "fulll"  # I: level_id; row 2: strategy.published
    sheet["O3"] = "A fine note."  # a valid edit elsewhere is not written either
    workbook.save(test_workspace / "review.xlsx")
    _refused(
        run,
        test_workspace,
        "review.xlsx",
        "Answers!I2: 'fulll' is not a level of strategy.published; "
        "choose one of: none, partial, full",
    )


def test_a_renamed_column_is_refused_by_cell(run: Any, test_workspace: Path) -> None:
    run("export", "-o", "review.xlsx", cwd=test_workspace)
    workbook = load_workbook(test_workspace / "review.xlsx")
    workbook["Answers"]["O1"] = "reviewer notes"
    workbook.save(test_workspace / "review.xlsx")
    _refused(run, test_workspace, "review.xlsx", "Answers!O1: unknown column 'reviewer notes'")


def test_a_row_for_a_missing_edition_is_refused_by_cell(run: Any, test_workspace: Path) -> None:
    run("export", "--format", "csv", "-o", "a.csv", cwd=test_workspace)
    sheet = test_workspace / "a.csv"
    rows = read_rows(sheet)
    rows.append([*rows[1]])
    rows[-1][1] = "2031"
    write_rows(sheet, rows)
    _refused(
        run,
        test_workspace,
        "a.csv",
        "a.csv!B6: there is no assessment of XA for the edition '2031'",
        "the editions of this jurisdiction are: 2024",
    )


@pytest.mark.parametrize(
    ("indicator", "column", "value", "message"),
    [
        ("strategy.published", "answer", "maybe", "a.csv!H2: 'maybe' is not one of: level,"),
        ("strategy.published", "confidence", "sure", "a.csv!M2: 'sure' is not one of"),
        ("strategy.published", "reverify", "yes", "a.csv!N2: 'yes' is not one of: true, false"),
        ("strategy.published", "statement", "why", "a.csv!L2: a scored answer has no statement"),
        ("emergency.notified", "level_id", "yes", "a.csv!I5: an answer of kind insufficient"),
        ("strategy.published", "value", "100.0", "a.csv!K2: value is not edited here"),
        ("strategy.published", "weight", "3", "a.csv!G2: weight is not edited here"),
        ("strategy.published", "indicator", "strategy.secret", "a.csv!F2: 'strategy.secret'"),
    ],
)
def test_wrong_cells_are_refused_by_cell(
    run: Any, test_workspace: Path, indicator: str, column: str, value: str, message: str
) -> None:
    run("export", "--format", "csv", "-o", "a.csv", cwd=test_workspace)
    sheet = test_workspace / "a.csv"
    rows = read_rows(sheet)
    r, c = cell(rows, indicator, column)
    rows[r][c] = value
    write_rows(sheet, rows)
    _refused(run, test_workspace, "a.csv", message)


def test_a_change_the_rubric_does_not_allow_is_located_in_the_would_be_file(
    run: Any, test_workspace: Path
) -> None:
    run("export", "--format", "csv", "-o", "a.csv", cwd=test_workspace)
    sheet = test_workspace / "a.csv"
    rows = read_rows(sheet)
    r, c = cell(rows, "strategy.published", "evidence_1_url")
    rows[r][c] = ""  # the rubric requires a URL above the lowest level
    write_rows(sheet, rows)
    _refused(run, test_workspace, "a.csv", f"{XA}:", "http(s) URL")


def test_a_level_edited_with_its_label_and_value_is_accepted(
    run: Any, test_workspace: Path
) -> None:
    """A reviewer who also updates the computed cells to match is not refused."""
    run("export", "--format", "csv", "-o", "a.csv", cwd=test_workspace)
    sheet = test_workspace / "a.csv"
    rows = read_rows(sheet)
    header = rows[0]
    r, _ = cell(rows, "strategy.published", "level_id")
    rows[r][header.index("level_id")] = "full"
    rows[r][header.index("level_label")] = "The full text."
    rows[r][header.index("value")] = "100"
    write_rows(sheet, rows)
    result = run("import", "a.csv", cwd=test_workspace)
    assert result.exit_code == 0, result.stderr


def test_not_a_workbook_and_no_sheet_are_refused(run: Any, test_workspace: Path) -> None:
    (test_workspace / "broken.xlsx").write_bytes(b"not a zip")
    _refused(run, test_workspace, "broken.xlsx", "cannot read the file as an XLSX workbook")
    run("export", "-o", "review.xlsx", cwd=test_workspace)
    workbook = load_workbook(test_workspace / "review.xlsx")
    workbook["Answers"].title = "Respuestas"
    workbook.save(test_workspace / "review.xlsx")
    _refused(run, test_workspace, "review.xlsx", "no sheet named Answers")
    result = run("import", "missing.xlsx", cwd=test_workspace)
    assert result.exit_code == 2


def test_a_damaged_workbook_is_refused_without_a_traceback(run: Any, test_workspace: Path) -> None:
    import zipfile

    run("export", "-o", "review.xlsx", cwd=test_workspace)
    with (
        zipfile.ZipFile(test_workspace / "review.xlsx") as source,
        zipfile.ZipFile(test_workspace / "damaged.xlsx", "w") as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.endswith(".rels") or "sheet1" in info.filename:
                data = data[: len(data) // 2]  # cut off mid-element
            target.writestr(info, data)
    _refused(run, test_workspace, "damaged.xlsx", "damaged.xlsx:1:1: error: cannot read")


def test_windows_line_endings_and_a_byte_order_mark_are_kept(
    run: Any, test_workspace: Path
) -> None:
    path = test_workspace / XA
    original = b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(original)
    run("export", "--format", "csv", "-o", "a.csv", cwd=test_workspace)
    sheet = test_workspace / "a.csv"
    rows = read_rows(sheet)
    r, c = cell(rows, "strategy.published", "confidence")
    rows[r][c] = "high"
    write_rows(sheet, rows)
    result = run("import", "a.csv", cwd=test_workspace)
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes() == original.replace(b"confidence: medium", b"confidence: high")


def test_a_semicolon_sheet_keeps_commas_in_text(run: Any, test_workspace: Path) -> None:
    run("export", "--format", "csv-semicolon", "-o", "a.csv", cwd=test_workspace)
    sheet = test_workspace / "a.csv"
    text = sheet.read_text(encoding="utf-8-sig")
    assert ";50,0;" in text  # the value, with a decimal comma: checked, and unchanged
    sheet.write_text(
        "\ufeff" + text.replace("Only a *summary* was published.", "1,5"), encoding="utf-8"
    )
    result = run("import", "a.csv", cwd=test_workspace)
    assert result.exit_code == 0, result.stderr
    answers = yaml.safe_load((test_workspace / XA).read_text())["answers"]
    assert answers["strategy.published"]["notes"] == "1,5"


def test_text_in_a_column_with_no_name_is_refused(run: Any, test_workspace: Path) -> None:
    run("export", "-o", "review.xlsx", cwd=test_workspace)
    workbook = load_workbook(test_workspace / "review.xlsx")
    sheet = workbook["Answers"]
    sheet.cell(3, sheet.max_column + 2).value = "Lawyer: please double-check this one."
    workbook.save(test_workspace / "review.xlsx")
    column = sheet.cell(3, sheet.max_column).column_letter
    _refused(run, test_workspace, "review.xlsx", f"Answers!{column}3: this cell is in a column")
