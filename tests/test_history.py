"""history.py and its formats: a jurisdiction's editions in order, marked across rubrics."""

from __future__ import annotations

import csv
import io
import json
import shutil
from fractions import Fraction
from pathlib import Path

import pytest

from scorecard.api import score_files
from scorecard.history import jurisdiction_history
from scorecard.render.history import history_to_csv, history_to_markdown, sparkline
from scorecard.workspace import open_workspace

DIFF = Path(__file__).resolve().parent / "data" / "diff"


@pytest.fixture
def diff_workspace(tmp_path: Path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(DIFF, target)
    return target


def all_results():
    workspace = open_workspace(DIFF)
    return score_files(workspace.assessment_files(), workspace)


def test_editions_in_order_with_changes_and_rubric_marks() -> None:
    found = jurisdiction_history(reversed(all_results()), "XD")
    assert [p.edition for p in found.points] == ["2023", "2024"]
    first, second = found.points
    assert first.delta is None and not first.rubric_changed
    assert second.rubric_changed
    assert second.delta == second.overall - first.overall  # type: ignore[operator]
    assert found.pillar_ids == ("homicide", "budget", "emergency")
    assert second.rubric == "diff-rubric@1.1"


def test_withheld_pillars_stay_withheld() -> None:
    found = jurisdiction_history(all_results(), "XC")
    budget = found.points[0].pillar("budget")
    assert budget is not None and budget.status == "withheld" and budget.score is None
    assert "withheld" in history_to_markdown(found)


def test_one_jurisdiction_is_required() -> None:
    with pytest.raises(ValueError):
        jurisdiction_history(all_results())
    with pytest.raises(ValueError):
        jurisdiction_history(all_results(), "QZ")


def test_sparkline() -> None:
    assert sparkline([Fraction(0), Fraction(100), None, Fraction(50)]) == "▁█ ▄"


def test_csv_is_tidy() -> None:
    found = jurisdiction_history(all_results(), "XD")
    rows = list(csv.DictReader(io.StringIO(history_to_csv(found))))
    assert len(rows) == 2 * 4  # two editions x (overall + three pillars)
    assert rows[0]["level"] == "overall" and rows[0]["value"] == "61.1"
    assert {r["rubric_changed"] for r in rows if r["edition"] == "2024"} == {"true"}


def test_cli_history_in_every_format(run, diff_workspace: Path) -> None:
    table = run("history", "XD", cwd=diff_workspace)
    assert table.exit_code == 0, table.stderr
    assert "Xandria (XD)" in table.stdout and "▅▆" in table.stdout
    assert "†" in table.stdout and "not like for like" in table.stdout
    md = run("history", "XD", "--format", "md", cwd=diff_workspace)
    assert "| 2024 | 2024-06-30 | 81.5 | +20.4 † |" in md.stdout
    data = json.loads(run("history", "XD", "--format", "json", cwd=diff_workspace).stdout)
    assert [e["edition"] for e in data["editions"]] == ["2023", "2024"]
    assert data["editions"][1]["rubric_changed"] is True
    assert data["editions"][0]["overall_exact"] == "550/9"
    out = run("history", "XC", "--format", "csv", "-o", "xc.csv", cwd=diff_workspace)
    assert out.exit_code == 0
    text = (diff_workspace / "xc.csv").read_text(encoding="utf-8")
    assert "XC,2023,2023-06-30,diff-rubric@1.0,false,draft,pillar,budget,,,withheld,50.0" in text


def test_cli_history_unknown_code_lists_known_codes(run, diff_workspace: Path) -> None:
    result = run("history", "QQ", cwd=diff_workspace)
    assert result.exit_code == 1
    assert "known jurisdictions: XB, XC, XD" in result.stderr
    assert result.stdout == ""


def test_cli_history_in_spanish(run, diff_workspace: Path) -> None:
    md = run("history", "XD", "--format", "md", "--lang", "es", cwd=diff_workspace)
    assert md.exit_code == 0, md.stderr
    text = md.stdout
    assert text.startswith("## Xandria (XD): historial")
    assert "Global a lo largo del tiempo: `▅▆`" in text
    assert "| Edición | Fecha de corte | Global | Δ | Banda | Cobertura |" in text
    assert "| 2024 | 2024-06-30 | 81.5 | +20.4 † | extensive | 100.0% |" in text
    assert "† Puntuada con una versión de la rúbrica distinta" in text
    assert "history" not in text and "Overall" not in text
    draft = run("history", "XC", "--format", "md", "--lang", "es", cwd=diff_workspace)
    assert "2023 (BORRADOR)" in draft.stdout and "retenida" in draft.stdout
    table = run("history", "XC", "--lang", "es", cwd=diff_workspace)
    assert "Pilares" in table.stdout and "42.4" in table.stdout and "77.8%" in table.stdout


def test_csv_and_json_stay_machine_readable_in_any_language(run, diff_workspace: Path) -> None:
    for fmt in ("csv", "json"):
        en = run("history", "XC", "--format", fmt, cwd=diff_workspace).stdout
        es = run("history", "XC", "--format", fmt, "--lang", "es", cwd=diff_workspace).stdout
        if fmt == "csv":
            assert en == es and en.startswith("jurisdiction,edition,as_of,")
        else:
            assert json.loads(es)["editions"][0]["overall"] == 42.4


def test_cli_history_unknown_language_is_a_usage_error(run, diff_workspace: Path) -> None:
    result = run("history", "XD", "--lang", "fr", cwd=diff_workspace)
    assert result.exit_code == 2
    assert "unknown language 'fr'; available: en, es" in result.stderr and result.stdout == ""


def test_the_change_shown_is_the_difference_of_the_scores_shown() -> None:
    from test_scoring import assessment, indicator, pillar, rubric, score

    from scorecard.render.history import history_to_dict

    data = rubric(pillar("p", indicator("a", levels=(0, 16.74, 18.85, 100))))
    old = assessment({"a": 16.74})
    new = {**assessment({"a": 18.85}), "edition": "2025", "as_of": "2025-06-30"}
    found = jurisdiction_history([score(data, new), score(data, old)])
    latest = found.points[1]
    assert latest.delta == Fraction("2.11")  # exact: would show +2.1 rounded on its own
    text = history_to_markdown(found)
    assert "| 16.7 |" in text and "| 18.9 | +2.2 |" in text
    edition = history_to_dict(found)["editions"][1]
    assert (edition["overall"], edition["delta"], edition["delta_exact"]) == (18.9, 2.2, "211/100")
    rows = list(csv.DictReader(io.StringIO(history_to_csv(found))))
    assert [r["value"] for r in rows if r["id"] == "overall"] == ["16.7", "18.9"]


def test_history_json_validates_against_its_schema() -> None:
    from scorecard import schemas
    from scorecard.render.history import history_to_dict

    for code in ("XB", "XC", "XD"):
        document = history_to_dict(jurisdiction_history(all_results(), code))
        schemas.validator("history").validate(document)
