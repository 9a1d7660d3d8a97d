"""`scorecard sensitivity`: formats, reproducibility, --seed and --draws, -o, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sensitivity_support import answers_of, make_rubric, write_workspace

from scorecard import schemas

RUBRIC = make_rubric()
EDITIONS = {
    "XA/2024": "all all most  most most ins  most most most",
    "XB/2021": "some some some  some some some  some some some",
    "XB/2024": "most most most  most most most  most most most",
    "XC/2024": "some all none  most some some  all some most",
    "XD/2024": "ins ins ins  ins ins ins  ins ins ins",
}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return write_workspace(tmp_path / "ws", {k: answers_of(RUBRIC, v) for k, v in EDITIONS.items()})


def test_json_is_valid_reproducible_and_ranks_the_latest_editions(run, workspace: Path) -> None:
    first = run("sensitivity", "--format", "json", "--draws", "200", "--seed", "5", cwd=workspace)
    assert first.exit_code == 0, first.stderr
    again = run("sensitivity", "-f", "json", "--draws", "200", "--seed", "5", cwd=workspace)
    assert again.stdout == first.stdout  # same seed, same bytes
    document = json.loads(first.stdout)
    schemas.validator("sensitivity").validate(document)
    assert document["settings"]["draws"] == 200 and document["settings"]["seed"] == 5
    rows = {j["code"]: j for j in document["jurisdictions"]}
    assert rows["XB"]["edition"] == "2024"
    assert [j["code"] for j in document["jurisdictions"]][-1] == "XD"
    assert rows["XD"]["rank"] is None and rows["XD"]["status"] == "withheld"
    assert rows["XA"]["score_exact"] == "710/9" and rows["XA"]["rank"] == 1
    other = run("sensitivity", "-f", "json", "--draws", "200", "--seed", "6", cwd=workspace)
    assert other.stdout != first.stdout


@pytest.mark.parametrize("fmt", ["md", "csv", "table"])
def test_every_format_renders(run, workspace: Path, fmt: str) -> None:
    result = run("sensitivity", "--format", fmt, "--draws", "50", cwd=workspace)
    assert result.exit_code == 0, result.stderr
    assert "XA" in result.stdout and result.stderr == ""


def test_markdown_in_spanish(run, workspace: Path) -> None:
    result = run("sensitivity", "-f", "md", "--draws", "50", "--lang", "es", cwd=workspace)
    assert result.exit_code == 0
    assert "## Sensibilidad de la clasificación" in result.stdout
    assert "78.9" in result.stdout


def test_named_files_and_an_output_file(run, workspace: Path) -> None:
    out = workspace / "sens.csv"
    result = run(
        "sensitivity",
        "assessments/XA",
        "assessments/XC/2024.yaml",
        "-f",
        "csv",
        "--draws",
        "20",
        "-o",
        str(out),
        cwd=workspace,
    )
    assert result.exit_code == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("jurisdiction,edition,rubric,status,score,band,rank")
    assert [line.split(",")[0] for line in lines[1:]] == ["XA", "XC"]


def test_the_table_can_be_written_to_a_file(run, workspace: Path) -> None:
    result = run("sensitivity", "--draws", "20", "-o", "table.txt", cwd=workspace)
    assert result.exit_code == 0
    assert "Sensitivity of the ranking" in (workspace / "table.txt").read_text(encoding="utf-8")


def test_an_input_is_never_overwritten(run, workspace: Path) -> None:
    target = workspace / "assessments" / "XA" / "2024.yaml"
    before = target.read_bytes()
    result = run("sensitivity", "assessments", "-f", "md", "-o", str(target), cwd=workspace)
    assert result.exit_code == 2 and "refusing to write over the input" in result.stderr
    assert target.read_bytes() == before
    default = run("sensitivity", "-f", "csv", "-o", "assessments/XB/2021.yaml", cwd=workspace)
    assert default.exit_code == 2  # read from the workspace's assessments by default


@pytest.mark.parametrize(
    "args",
    [
        ["--draws", "0"],
        ["--weight-spread", "1.5"],
        ["--band-shift", "-1"],
        ["--format", "xml"],
        ["--lang", "xx"],
        ["nowhere.yaml"],
    ],
)
def test_usage_errors_exit_2(run, workspace: Path, args: list[str]) -> None:
    result = run("sensitivity", *args, cwd=workspace)
    assert result.exit_code == 2, result.stdout
    assert "Traceback" not in result.stderr


def test_invalid_data_exits_1_with_a_located_message(run, workspace: Path) -> None:
    bad = workspace / "assessments" / "XA" / "2024.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("level: all", "level: every", 1))
    result = run("sensitivity", cwd=workspace)
    assert result.exit_code == 1
    assert "assessments/XA/2024.yaml:" in result.stderr and "every" in result.stderr
    assert result.stdout == ""


def test_an_empty_workspace_exits_1(run, tmp_path: Path) -> None:
    (tmp_path / "assessments").mkdir()
    result = run("sensitivity", cwd=tmp_path)
    assert result.exit_code == 1 and "no valid assessment" in result.stderr


def test_a_workspace_without_a_ranked_jurisdiction_says_so(run, tmp_path: Path) -> None:
    write_workspace(tmp_path, {"XD/2024": answers_of(RUBRIC, EDITIONS["XD/2024"])})
    result = run("sensitivity", "-f", "md", cwd=tmp_path)
    assert result.exit_code == 0
    assert "No jurisdiction has a published overall score to rank." in result.stdout
    assert "XD" in result.stdout
