"""The exports as other programs read them: LibreOffice opens the workbook and saves each
sheet as CSV byte for byte like the tool's own CSV; pandas reads the CSV, the semicolon CSV
and the workbook with the types docs/formats.md documents, to equal tables."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sheet_support import bundled_workspace
from typer.testing import CliRunner

from scorecard.cli import app
from scorecard.tables import SCORE_COLUMNS

# The filter options: comma, double quotes, UTF-8, from row 1, "as shown" formatting, and
# -1: every sheet to its own file (Answers and Scores in one conversion).
LIBREOFFICE_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled assessments exported as XLSX, CSV and semicolon CSV, both tables (once for
    the module: the tests only read them)."""
    tmp_path = tmp_path_factory.mktemp("exported")
    workspace = bundled_workspace(tmp_path / "ws")
    out = tmp_path / "out"
    out.mkdir()
    runner = CliRunner()
    for args in (
        ["-o", out / "book.xlsx"],
        ["--format", "csv", "-o", out / "answers.csv"],
        ["--format", "csv", "--table", "scores", "-o", out / "scores.csv"],
        ["--format", "csv-semicolon", "-o", out / "answers-semicolon.csv"],
        ["--format", "csv-semicolon", "--table", "scores", "-o", out / "scores-semicolon.csv"],
    ):
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(workspace)
            result = runner.invoke(app, ["export", *map(str, args)], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
    return out


def test_libreoffice_saves_each_sheet_as_the_tools_own_csv(exported: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("soffice is missing: .ci/run installs libreoffice-calc-nogui")
        pytest.skip("LibreOffice (soffice) is not installed")
    converted = tmp_path / "converted"
    profile = tmp_path / "profile"  # a fresh profile: no user settings, no lock conflicts
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            LIBREOFFICE_CSV,
            "--outdir",
            str(converted),
            str(exported / "book.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert (converted / "book-Answers.csv").read_bytes() == (exported / "answers.csv").read_bytes()
    assert (converted / "book-Scores.csv").read_bytes() == (exported / "scores.csv").read_bytes()


def answer_dtypes(columns: list[str]) -> dict[str, str]:
    """The documented types: every column is text except weight and value (numbers) and
    reverify (true/false)."""
    types = {c: "string" for c in columns}
    types.update(weight="float64", value="float64", reverify="boolean")
    return types


def score_dtypes(columns: list[str]) -> dict[str, str]:
    """Text for the first columns but overall and coverage, numbers for every score."""
    text = set(SCORE_COLUMNS) - {"overall", "coverage"}
    return {c: "string" if c in text else "float64" for c in columns}


def _read_all(exported: Path, table: str, dtypes: Any) -> list[pd.DataFrame]:
    columns = list(pd.read_csv(exported / f"{table}.csv", nrows=0).columns)
    options: dict[str, Any] = {
        "dtype": dtypes(columns),
        "true_values": ["true"],
        "false_values": ["false"],
    }
    sheet = "Answers" if table == "answers" else "Scores"
    return [
        pd.read_csv(exported / f"{table}.csv", **options),
        pd.read_csv(
            exported / f"{table}-semicolon.csv",
            sep=";",
            decimal=",",
            encoding="utf-8-sig",
            **options,
        ),
        pd.read_excel(exported / "book.xlsx", sheet_name=sheet, **options),
    ]


def _bundled_editions() -> list[tuple[str, str]]:
    """(code, edition) of every bundled assessment, in the export's order."""
    root = Path(__file__).resolve().parents[2] / "assessments"
    return sorted((p.parent.name, p.stem) for p in root.glob("*/*.yaml"))


def test_pandas_reads_the_answers_with_the_documented_types(exported: Path) -> None:
    plain, semicolon, workbook = _read_all(exported, "answers", answer_dtypes)
    assert_frame_equal(plain, semicolon)
    assert_frame_equal(plain, workbook)
    editions = _bundled_editions()
    assert plain["edition"].dtype == "string" and set(plain["edition"]) == {e for _, e in editions}
    assert plain["reverify"].dtype == "boolean" and not plain["reverify"].any()
    assert plain["value"].dtype == "float64" and plain["value"].max() <= 100
    sv = plain[(plain["jurisdiction"] == "SV") & (plain["edition"] == "2024")]
    assert sv["indicator"].is_unique and len(sv) == len(plain) / len(editions)


def test_pandas_reads_the_wide_scores_with_the_documented_types(exported: Path) -> None:
    plain, semicolon, workbook = _read_all(exported, "scores", score_dtypes)
    assert_frame_equal(plain, semicolon)
    assert_frame_equal(plain, workbook)
    assert list(plain["edition"]) == [e for _, e in _bundled_editions()]
    assert plain["strategy.published"].dtype == "float64"
