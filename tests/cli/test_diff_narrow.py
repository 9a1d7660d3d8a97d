"""`scorecard diff` in a narrow terminal (80 columns, the width of CI logs and pipes, and
narrower): no line wider than the terminal, pillar names whole, every figure of the
Markdown tables present in the terminal text."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

DIFF = Path(__file__).resolve().parent.parent / "data" / "diff"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(DIFF, target)
    return target


def table_cells(markdown: str) -> list[str]:
    """The cells of the Markdown tables that the terminal shows as they are: the summary's
    jurisdiction, overall, delta and band (its edition and change columns are worded
    differently), the contributions, and the pillars (not the indicator table's prose)."""
    tables: list[list[list[str]]] = []
    for line in markdown.splitlines():
        if not line.startswith("| "):
            if tables and tables[-1]:
                tables.append([])
            continue
        if not tables:
            tables.append([])
        if not line.startswith("| ---"):
            tables[-1].append([cell.strip() for cell in line.strip().strip("|").split(" | ")])
    cells: list[str] = []
    for index, table in enumerate(t for t in tables if t):
        header, body = table[0], table[1:]
        if index == 0:
            body = [[row[0], *row[2:5]] for row in body]
        elif len(header) == 2 and "Δ" not in header[1]:
            continue
        cells += [cell for row in body for cell in row if cell]
    return cells


@pytest.mark.parametrize("width", [80, 60])
@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("code", ["XB", "XC", "XD"])
def test_diff_fits_a_narrow_terminal_with_every_figure(
    run: Any, ws: Path, monkeypatch: pytest.MonkeyPatch, width: int, lang: str, code: str
) -> None:
    files = [f"assessments/{code}/2023.yaml", f"assessments/{code}/2024.yaml"]
    markdown = run("diff", *files, "--format", "md", "--lang", lang, cwd=ws).stdout
    monkeypatch.setenv("COLUMNS", str(width))
    shown = run("diff", *files, "--lang", lang, cwd=ws)
    assert shown.exit_code == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    assert all(line == line.rstrip() for line in lines)
    assert "…" not in shown.stdout  # nothing cut short
    flat = " ".join(shown.stdout.split())
    cells = table_cells(markdown)
    assert any("(homicide)" in cell for cell in cells)  # the pillar table was read
    for cell in cells:
        assert cell.replace("\\", "") in flat, (cell, shown.stdout)


def test_a_wide_terminal_keeps_one_row_per_pillar(
    run: Any, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    shown = run("diff", "assessments/XD/2023.yaml", "assessments/XD/2024.yaml", cwd=ws)
    assert shown.exit_code == 0, shown.stderr
    row = next(ln for ln in shown.stdout.splitlines() if ln.strip().startswith("Homicide data"))
    assert "40.0 → 85.0" in row and "+45.0" in row and "Limited → Extensive" in row
