"""`scorecard agreement`: independent codings in codings/<coder>/<CODE>/<edition>.yaml, every
format, located errors, and a workspace whose validate and build ignore the codings."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sensitivity_support import answers_of, make_rubric, write_assessment, write_workspace

from scorecard import schemas

RUBRIC = make_rubric()
ALICE = "all all most  most ins nf  most most na"
BOB = "all most most  most some none  most - na"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = write_workspace(tmp_path / "ws", {"XA/2024": answers_of(RUBRIC, ALICE)})
    for coder, specs in (("alice", ALICE), ("bob", BOB)):
        write_assessment(root / "codings" / coder / "XA" / "2024.yaml", answers_of(RUBRIC, specs))
    write_assessment(root / "codings" / "alice" / "XB" / "2024.yaml", answers_of(RUBRIC, ALICE))
    return root


def test_json_names_the_answers_to_reconcile(run, workspace: Path) -> None:
    result = run("agreement", "codings/alice", "codings/bob", "-f", "json", cwd=workspace)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    schemas.validator("agreement").validate(document)
    assert document["coders"] == ["alice", "bob"]
    assert document["editions"] == [{"code": "XA", "edition": "2024"}]
    assert [c["code"] for c in document["not_compared"]] == ["XB"]
    assert document["overall"]["percent"] == 80.0
    assert [u["indicator"] for u in document["disagreements"]] == [
        "strategy.2",
        "emergency.2",
        "emergency.3",
        "data.2",
    ]
    unit = document["disagreements"][0]
    assert [(a["coder"], a["level"]) for a in unit["answers"]] == [
        ("alice", "all"),
        ("bob", "most"),
    ]


def test_two_files_of_one_edition(run, workspace: Path) -> None:
    result = run(
        "agreement", "codings/alice/XA/2024.yaml", "codings/bob/XA/2024.yaml", cwd=workspace
    )
    assert result.exit_code == 0, result.stderr
    assert "Agreement between coders" in result.stdout and "strategy.2" in result.stdout


@pytest.mark.parametrize("fmt", ["table", "md", "csv"])
def test_every_format_renders(run, workspace: Path, fmt: str) -> None:
    result = run("agreement", "codings", "-f", fmt, cwd=workspace)
    assert result.exit_code == 0, result.stderr
    assert "emergency.3" in result.stdout


def test_the_csv_is_a_reconciliation_sheet(run, workspace: Path) -> None:
    result = run("agreement", "codings", "-f", "csv", "-o", "sheet.csv", cwd=workspace)
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO((workspace / "sheet.csv").read_text("utf-8"))))
    assert len(rows) == 9
    row = next(r for r in rows if r["indicator"] == "emergency.3")
    assert (row["agreed"], row["alice"], row["bob"]) == ("false", "not_found", "none")


def test_one_folder_per_edition_with_a_file_per_coder(run, workspace: Path) -> None:
    for coder, specs in (("alice", ALICE), ("bob", BOB)):
        path = workspace / "double" / "XA" / "2024" / f"{coder}.yaml"
        write_assessment(path, answers_of(RUBRIC, specs), code="XA", edition="2024")
    result = run("agreement", "double/XA/2024", "-f", "json", cwd=workspace)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["coders"] == ["alice", "bob"] and len(document["disagreements"]) == 4


def test_markdown_in_spanish(run, workspace: Path) -> None:
    result = run("agreement", "codings", "-f", "md", "--lang", "es", cwd=workspace)
    assert result.exit_code == 0
    assert "Por conciliar: 4 respuestas difieren" in result.stdout
    assert "80.0%" in result.stdout


def test_codings_with_another_rubric_are_refused_with_a_location(run, workspace: Path) -> None:
    other = workspace / "codings" / "carol" / "XA" / "2024.yaml"
    other.parent.mkdir(parents=True)
    (workspace / "rubrics" / "test-rubric").mkdir()
    src = (
        Path(__file__).parent.parent / "data" / "workspace" / "rubrics" / "test-rubric" / "1.0.yaml"
    )
    (workspace / "rubrics" / "test-rubric" / "1.0.yaml").write_bytes(src.read_bytes())
    other.write_text(
        "rubric: test-rubric@1.0\njurisdiction: {code: XA, name: Land XA}\nedition: '2024'\n"
        "as_of: '2024-06-30'\nstatus: draft\nanswers: {}\n",
        encoding="utf-8",
    )
    result = run("agreement", "codings", cwd=workspace)
    assert result.exit_code == 1
    assert "codings/carol/XA/2024.yaml:1:9: error:" in result.stderr
    assert "test-rubric@1.0" in result.stderr and "sens@1.0" in result.stderr
    assert result.stdout == ""


def test_an_invalid_coding_is_located(run, workspace: Path) -> None:
    path = workspace / "codings" / "bob" / "XA" / "2024.yaml"
    path.write_text(path.read_text("utf-8").replace("level: most", "level: mostly", 1), "utf-8")
    result = run("agreement", "codings", cwd=workspace)
    assert result.exit_code == 1
    assert "codings/bob/XA/2024.yaml:" in result.stderr and "mostly" in result.stderr


def test_the_same_coder_twice_is_refused(run, workspace: Path) -> None:
    copy = workspace / "review" / "XA" / "alice.yaml"
    write_assessment(copy, answers_of(RUBRIC, BOB), edition="2024")
    result = run("agreement", "codings/alice/XA/2024.yaml", str(copy), cwd=workspace)
    assert result.exit_code == 1
    assert "review/XA/alice.yaml:1:1: error: XA edition 2024 is also assessed in" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["codings/alice/XA/2024.yaml"], "no edition has two or more codings"),
        (["codings/alice/XA/2024.yaml", "codings/alice/XB/2024.yaml"], "no edition has two"),
        (["nowhere.yaml", "codings/bob"], "no such file"),
        (["rubrics"], "no assessment"),
        (["codings", "--format", "xml"], "xml"),
    ],
)
def test_usage_errors_exit_2(run, workspace: Path, args: list[str], message: str) -> None:
    result = run("agreement", *args, cwd=workspace)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_an_input_is_never_overwritten(run, workspace: Path) -> None:
    target = workspace / "codings" / "bob" / "XA" / "2024.yaml"
    before = target.read_bytes()
    result = run("agreement", "codings", "-f", "md", "-o", str(target), cwd=workspace)
    assert result.exit_code == 2 and target.read_bytes() == before


def test_validate_and_build_leave_codings_alone(run, workspace: Path) -> None:
    validated = run("validate", cwd=workspace)
    assert validated.exit_code == 0, validated.stdout + validated.stderr
    assert "2 files checked" in validated.stdout  # the rubric and assessments/XA/2024
    one_coder = run("validate", "codings/bob", cwd=workspace)
    assert one_coder.exit_code == 0, one_coder.stdout
    # --preview: the fixture's editions are examples, which a new workspace does not publish.
    built = run("build", "-j", "1", "--preview", cwd=workspace)
    assert built.exit_code == 0, built.stderr
    site = workspace / "site"
    assert (site / "XA" / "2024.html").is_file()
    assert not (site / "XB").exists()  # coded by alice only: never published
