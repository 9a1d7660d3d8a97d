"""`scorecard score`, `scorecard schema result` and `scorecard rubric show` through the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from scorecard import schemas

XA = "assessments/XA/2024.yaml"
XB = "assessments/XB/2024.yaml"


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich wraps tables at 80 columns without a terminal; make room so text stays whole."""
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture
def two_assessments(test_workspace: Path) -> Path:
    """The test workspace with a second fictional jurisdiction, XB, fully scored."""
    text = (test_workspace / XA).read_text(encoding="utf-8")
    text = text.replace("code: XA, name: {en: Xanadu, es: Xanadú}", "code: XB, name: Xebec")
    text = text.replace(
        "  emergency.notified:\n    insufficient: Reports conflict on whether the notification "
        "was sent.",
        "  emergency.notified:\n    level: 'yes'\n    evidence: [{title: UN notification}]",
    )
    assert "XB" in text and "level: 'yes'" in text
    target = test_workspace / XB
    target.parent.mkdir(parents=True)
    target.write_text(text, encoding="utf-8")
    return test_workspace


def test_score_table(run: Any, test_workspace: Path) -> None:
    result = run("score", XA, cwd=test_workspace)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Xanadu (XA)" in out and "EXAMPLE" in out  # example content says so
    flat = " ".join(out.split())  # rich wraps long lines at the terminal width
    assert "37.5 Low" in flat  # strategy and overall, with the band's label
    assert "Withheld" in out  # the emergency pillar: 1 of 2 indicators scored
    assert "States of exception: Coverage 50.0% is below the minimum of 66.7%" in flat
    assert "2 scored, 1 not found, 0 not applicable, 1 insufficient, 0 unanswered" in flat
    assert result.stderr == ""


def test_score_table_reports_a_weakest_link_mean_beside_its_score(
    run: Any, two_assessments: Path
) -> None:
    result = run("score", XB, cwd=two_assessments)
    assert result.exit_code == 0, result.stderr
    assert "(weakest link)" in result.stdout
    assert "40.0  Medium" in result.stdout  # the weakest link, 40, on the medium band's edge
    assert "mean 70.0" in result.stdout  # and the weighted mean beside it
    assert "38.3  Low" in result.stdout


def test_score_table_in_spanish(run: Any, test_workspace: Path) -> None:
    result = run("score", XA, "--lang", "es", cwd=test_workspace)
    assert result.exit_code == 0
    assert "Xanadú (XA)" in result.stdout and "Estrategia" in result.stdout
    assert "37.5  Baja" in result.stdout and "Retenida" in result.stdout  # es-419 writes points
    ecuador = run("score", XA, "--lang", "es-EC", cwd=test_workspace)
    assert "37,5  Baja" in ecuador.stdout  # Ecuador writes a decimal comma


def test_score_json_is_a_valid_result_document(run: Any, test_workspace: Path) -> None:
    result = run("score", XA, "--format", "json", cwd=test_workspace)
    assert result.exit_code == 0, result.stderr
    scores = json.loads(result.stdout)
    schemas.validator("scores").validate(scores)  # one shape, whatever the number of inputs
    (document,) = scores["results"]
    schemas.validator("result").validate(document)
    assert document["jurisdiction"] == {"code": "XA", "name": "Xanadu"}
    assert document["overall"]["score"] == 37.5
    assert document["overall"]["score_exact"] == "75/2"
    assert document["overall"]["coverage"] == 66.7
    strategy, emergency = document["pillars"]
    assert strategy["score"] == 37.5  # (1.5*50 + 0.5*0) / 2
    assert (emergency["status"], emergency["score"], emergency["mean"]) == ("withheld", None, 40.0)
    assert document["provenance"]["rubric"] == "test-rubric@1.0"


def test_score_json_of_several_is_the_same_shape(run: Any, two_assessments: Path) -> None:
    result = run("score", XA, XB, "--format", "json", cwd=two_assessments)
    assert result.exit_code == 0, result.stderr
    scores = json.loads(result.stdout)
    schemas.validator("scores").validate(scores)
    documents = scores["results"]
    assert [d["jurisdiction"]["code"] for d in documents] == ["XA", "XB"]
    for document in documents:
        schemas.validator("result").validate(document)
    # XB: emergency is min(40, 100) = 40, mean 70; overall (2*37.5 + 1*40) / 3 = 38.33...
    assert documents[1]["pillars"][1]["score"] == 40.0
    assert documents[1]["pillars"][1]["mean"] == 70.0
    assert documents[1]["overall"]["score"] == 38.3
    assert documents[1]["overall"]["score_exact"] == "115/3"


def test_score_csv_has_one_overall_row_per_assessment(run: Any, two_assessments: Path) -> None:
    result = run("score", XA, XB, "--format", "csv", cwd=two_assessments)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    overall = [r for r in rows if r["scope"] == "overall"]
    assert [(r["jurisdiction"], r["value"], r["band"], r["status"]) for r in overall] == [
        ("XA", "37.5", "low", "scored"),
        ("XB", "38.3", "low", "scored"),
    ]
    withheld = next(r for r in rows if r["jurisdiction"] == "XA" and r["id"] == "emergency")
    assert (withheld["value"], withheld["band"], withheld["status"]) == ("", "", "withheld")
    assert len(rows) == 2 * (1 + 2 + 4)  # overall, 2 pillars, 4 indicators each


def test_score_csv_to_a_file(run: Any, test_workspace: Path) -> None:
    result = run("score", XA, "--format", "csv", "-o", "scores.csv", cwd=test_workspace)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    text = (test_workspace / "scores.csv").read_text(encoding="utf-8")
    assert text.startswith("jurisdiction,edition,as_of,")


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_valid_files_are_scored_and_invalid_ones_located_on_stderr(
    run: Any, two_assessments: Path, fmt: str
) -> None:
    path = two_assessments / XB
    path.write_text(
        path.read_text(encoding="utf-8").replace("level: partial", "level: bogus"),
        encoding="utf-8",
    )
    result = run("score", XA, XB, "--format", fmt, cwd=two_assessments)
    assert result.exit_code == 1
    # One invalid file among many does not hide the others' scores; it is reported, and the
    # exit code says the run was not clean.
    assert "XA" in result.stdout and "XB" not in result.stdout
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "bogus" in text)
    assert f"{XB}:{line}:" in result.stderr
    assert "'bogus' is not a level of 'strategy.published'" in result.stderr
    assert "Traceback" not in result.stderr


def test_malformed_yaml_is_located(run: Any, test_workspace: Path) -> None:
    (test_workspace / XA).write_text("rubric: test-rubric@1.0\nanswers: [\n", encoding="utf-8")
    result = run("score", XA, cwd=test_workspace)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{XA}:3:1: error: invalid YAML" in result.stderr


def test_missing_file_is_a_usage_error(run: Any, test_workspace: Path) -> None:
    result = run("score", "assessments/XA/2023.yaml", cwd=test_workspace)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no such file or folder: assessments/XA/2023.yaml" in result.stderr


def test_schema_result_prints_the_bundled_schema(run: Any) -> None:
    result = run("schema", "result")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    assert schema == schemas.load_schema("result")


def test_rubric_show(run: Any, test_workspace: Path) -> None:
    result = run("rubric", "show", "test-rubric@1.0", cwd=test_workspace)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Test rubric (test-rubric@1.0) · minimum coverage 66.7%" in out
    assert "strategy.published Strategy published · weight 1.50" in out
    assert "weight 1.00 · Weakest link" in out  # the weakest-link pillar says so
    assert "40.0 renewed: Renewed without review." in out
    result = run("rubric", "show", "test-rubric@1.0", "--lang", "es", cwd=test_workspace)
    assert "Rúbrica de prueba" in result.stdout and "cobertura mínima 66.7%" in result.stdout


def test_rubric_show_unknown_rubric(run: Any, test_workspace: Path) -> None:
    result = run("rubric", "show", "no-such@9.9", cwd=test_workspace)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "rubric no-such@9.9 not found" in result.stderr


def test_score_accepts_a_folder_of_assessments(run: Any, test_workspace: Path) -> None:
    result = run("score", "assessments", "--format", "csv", cwd=test_workspace)
    assert result.exit_code == 0, result.stderr
    overall = [line for line in result.stdout.splitlines() if ",overall,overall," in line]
    assert overall == [
        "XA,2024,2024-06-30,test-rubric@1.0,example,overall,overall,,,,,37.5,low,scored,66.7,25.0,38.3"
    ]
