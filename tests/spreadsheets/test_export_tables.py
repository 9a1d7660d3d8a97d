"""`scorecard export`: the answers and scores tables, as CSV and XLSX."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from scorecard.cli.app import write_text
from scorecard.errors import UsageError
from scorecard.tables import ANSWER_COLUMNS, EVIDENCE_FIELDS


def _rows(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def test_answers_csv_has_one_row_per_indicator_with_everything_an_answer_says(
    run: Any, test_workspace: Path
) -> None:
    result = run("export", "--format", "csv", cwd=test_workspace)
    assert result.exit_code == 0, result.stderr
    rows = _rows(result.stdout)
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert header == [*ANSWER_COLUMNS, *(f"evidence_1_{f}" for f in EVIDENCE_FIELDS)]
    assert [r["indicator"] for r in rows] == [
        "strategy.published",
        "strategy.objectives",
        "emergency.time-limit",
        "emergency.notified",
    ]
    published = rows[0]
    assert {k: published[k] for k in ANSWER_COLUMNS} == {
        "jurisdiction": "XA",
        "edition": "2024",
        "as_of": "2024-06-30",
        "rubric": "test-rubric@1.0",
        "pillar": "strategy",
        "indicator": "strategy.published",
        "weight": "1.5",
        "answer": "level",
        "level_id": "partial",
        "level_label": "A summary only.",
        "value": "50.0",
        "statement": "",
        "confidence": "medium",
        "reverify": "false",
        "notes": "Only a *summary* was published.",
    }
    assert published["evidence_1_url"] == "https://example.org/plan"
    assert published["evidence_1_published"] == "2024-01-15"
    assert published["evidence_1_locator"] == "p. 3"
    # not_found is scored as the lowest level: its id and value are shown, and its statement.
    objectives = rows[1]
    assert (objectives["answer"], objectives["level_id"], objectives["value"]) == (
        "not_found",
        "no",
        "0.0",
    )
    assert objectives["statement"].startswith("Searched the ministry website")
    notified = rows[3]
    assert (notified["answer"], notified["level_id"], notified["value"]) == ("insufficient", "", "")


def test_level_labels_follow_the_language(run: Any, test_workspace: Path) -> None:
    result = run("export", "--format", "csv", "--lang", "es", cwd=test_workspace)
    assert _rows(result.stdout)[0]["level_label"] == "Solo un resumen."


def test_the_wide_table_has_a_column_per_pillar_and_indicator(
    run: Any, test_workspace: Path
) -> None:
    result = run("export", "--format", "csv", "--table", "scores", cwd=test_workspace)
    assert result.exit_code == 0, result.stderr
    [row] = _rows(result.stdout)
    assert row == {
        "jurisdiction": "XA",
        "edition": "2024",
        "as_of": "2024-06-30",
        "rubric": "test-rubric@1.0",
        "assessment_status": "example",
        "status": "scored",
        "overall": "37.5",
        "band": "low",
        "coverage": "66.7",
        "strategy": "37.5",
        "emergency": "",  # withheld: never a zero
        "strategy.published": "50.0",
        "strategy.objectives": "0.0",
        "emergency.time-limit": "40.0",
        "emergency.notified": "",
    }


def test_semicolon_csv_is_for_comma_decimal_locales(run: Any, test_workspace: Path) -> None:
    plain = run("export", "--format", "csv", "--table", "scores", cwd=test_workspace).stdout
    result = run("export", "--format", "csv-semicolon", "--table", "scores", cwd=test_workspace)
    raw = result.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbfjurisdiction;edition;")
    [row] = _rows(raw.decode("utf-8-sig"), delimiter=";")
    assert (row["overall"], row["coverage"], row["edition"]) == ("37,5", "66,7", "2024")
    assert raw.decode("utf-8-sig").replace(",", ".").replace(";", ",") == plain


def test_score_csv_speaks_one_status_vocabulary(run: Any, test_workspace: Path) -> None:
    result = run("score", "assessments/XA/2024.yaml", "--format", "csv", cwd=test_workspace)
    rows = {r["id"]: r for r in _rows(result.stdout)}
    assert {r["scope"] for r in rows.values()} == {"overall", "pillar", "indicator"}
    got = {
        i: (rows[i]["status"], rows[i]["answer"], rows[i]["level_id"], rows[i]["pillar"])
        for i in rows
    }
    assert got == {
        "overall": ("scored", "", "", ""),
        "strategy": ("scored", "", "", "strategy"),
        "emergency": ("withheld", "", "", "emergency"),
        "strategy.published": ("scored", "level", "partial", "strategy"),
        "strategy.objectives": ("not_found", "not_found", "no", "strategy"),
        "emergency.time-limit": ("scored", "level", "renewed", "emergency"),
        "emergency.notified": ("insufficient", "insufficient", "", "emergency"),
    }
    assert rows["strategy.published"]["weight"] == "1.5"
    semicolon = run(
        "score", "assessments/XA/2024.yaml", "--format", "csv-semicolon", cwd=test_workspace
    )
    assert semicolon.stdout_bytes.startswith(b"\xef\xbb\xbfjurisdiction;")


def test_the_workbook_is_built_for_reviewers(run: Any, test_workspace: Path) -> None:
    result = run("export", "-o", "review.xlsx", cwd=test_workspace)
    assert result.exit_code == 0, result.stderr
    workbook = load_workbook(test_workspace / "review.xlsx")
    assert workbook.sheetnames == ["Answers", "Scores"]
    answers = workbook["Answers"]
    assert answers.freeze_panes == "A2" and workbook["Scores"].freeze_panes == "C2"
    header = [c.value for c in answers[1]]
    assert header[: len(ANSWER_COLUMNS)] == list(ANSWER_COLUMNS)
    assert all(c.font.bold for c in answers[1])
    # Ids and dates are text, so a spreadsheet keeps "2024" and "2024-06-30" as written.
    edition, as_of = answers["B2"], answers["C2"]
    assert (edition.value, edition.data_type, as_of.value) == ("2024", "s", "2024-06-30")
    value = answers.cell(2, header.index("value") + 1)
    assert (value.value, value.number_format) == (50, "0.0")
    widths = {k: d.width for k, d in answers.column_dimensions.items()}
    assert widths["F"] >= len("emergency.time-limit") and max(widths.values()) <= 60
    # Each level_id cell offers exactly its indicator's level ids, and refuses anything else.
    level_column = answers.cell(1, header.index("level_id") + 1).column_letter
    offered: dict[str, str] = {}
    for rule in answers.data_validations.dataValidation:
        assert rule.showErrorMessage and rule.errorStyle == "stop"
        for ref in str(rule.sqref).split():
            offered[ref] = rule.formula1
    assert offered[f"{level_column}2"] == '"none,partial,full"'
    assert offered[f"{level_column}3"] == '"no,yes"'
    answer_column = answers.cell(1, header.index("answer") + 1).column_letter
    assert offered[f"{answer_column}2:{answer_column}5"] == (
        '"level,not_found,na,insufficient,unanswered"'
    )


def test_the_workbook_is_the_same_bytes_every_time(run: Any, test_workspace: Path) -> None:
    first = run("export", "-o", "a.xlsx", cwd=test_workspace)
    second = run("export", "-o", "b.xlsx", cwd=test_workspace)
    assert first.exit_code == second.exit_code == 0
    assert (test_workspace / "a.xlsx").read_bytes() == (test_workspace / "b.xlsx").read_bytes()


def test_binary_output_is_refused_to_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    with pytest.raises(UsageError, match="-o FILE"):
        write_text(b"PK\x03\x04", None)
    assert sys.stdout.getvalue() == ""


def test_an_invalid_assessment_is_reported_and_nothing_exported(
    run: Any, test_workspace: Path
) -> None:
    path = test_workspace / "assessments/XA/2024.yaml"
    path.write_text(path.read_text().replace("level: partial", "level: bogus"))
    result = run("export", "-o", "out.xlsx", cwd=test_workspace)
    assert result.exit_code == 1
    assert "assessments/XA/2024.yaml:11:" in result.stderr and "Traceback" not in result.stderr
    assert not (test_workspace / "out.xlsx").exists()


def test_an_unknown_table_is_a_usage_error(run: Any, test_workspace: Path) -> None:
    result = run("export", "--format", "csv", "--table", "pillars", cwd=test_workspace)
    assert result.exit_code == 2 and "answers, scores" in result.stderr


def test_docs_formats_documents_every_column() -> None:
    from conftest import REPO

    from scorecard.render.result_csv import CSV_COLUMNS
    from scorecard.tables import SCORE_COLUMNS

    text = (REPO / "docs/formats.md").read_text(encoding="utf-8")
    section = text[text.index("## Spreadsheets and CSV") :]
    for column in (*ANSWER_COLUMNS, *CSV_COLUMNS, *SCORE_COLUMNS):
        assert f"`{column}`" in section, column
    for field in EVIDENCE_FIELDS:
        assert f"`{field}`" in section, field


def test_each_level_cell_offers_the_levels_of_its_own_rubric_version(
    run: Any, tmp_path: Path
) -> None:
    """Two versions of a rubric in one workbook: every row's drop-down is its own rubric's."""
    import shutil

    from conftest import DATA

    from scorecard.api import pick_rubric
    from scorecard.workspace import open_workspace

    workspace = tmp_path / "ws"
    shutil.copytree(DATA / "diff", workspace)
    assert run("export", "-o", "book.xlsx", cwd=workspace).exit_code == 0
    sheet = load_workbook(workspace / "book.xlsx")["Answers"]
    header = [c.value for c in sheet[1]]
    level_column = sheet.cell(1, header.index("level_id") + 1).column_letter
    offered = {
        ref: rule.formula1
        for rule in sheet.data_validations.dataValidation
        for ref in str(rule.sqref).split()
    }
    rubrics = {}
    checked = set()
    for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), 2):
        ref, indicator = row[header.index("rubric")], row[header.index("indicator")]
        if ref not in rubrics:
            rubrics[ref] = pick_rubric(open_workspace(workspace), ref)
        levels = [level.id for level in rubrics[ref].indicator(indicator).levels]
        assert offered[f"{level_column}{number}"] == '"' + ",".join(levels) + '"'
        checked.add(ref)
    assert len(checked) == 2  # both versions are in the workbook
