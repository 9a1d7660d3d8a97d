"""Shared by the spreadsheet tests: workspaces to export from, and sheets to edit."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from conftest import DATA, REPO


def bundled_workspace(target: Path) -> Path:
    """A writable copy of the repository's own rubric and assessments (long wrapped text,
    comments, quotes of every style)."""
    for folder in ("rubrics", "assessments"):
        shutil.copytree(REPO / folder, target / folder)
    return target


def copy_test_workspace(target: Path) -> Path:
    shutil.copytree(DATA / "workspace", target)
    return target


def snapshot(workspace: Path) -> dict[str, bytes]:
    """Every file of a workspace's assessments, by path, as bytes."""
    return {
        str(p.relative_to(workspace)): p.read_bytes()
        for p in sorted((workspace / "assessments").rglob("*"))
        if p.is_file()
    }


def read_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def cell(rows: list[list[str]], indicator: str, column: str, code: str = "XA") -> tuple[int, int]:
    """(row index, column index) of an indicator's cell in `rows` (header first)."""
    header = rows[0]
    r = next(
        i
        for i, row in enumerate(rows)
        if row[header.index("indicator")] == indicator and row[0] == code
    )
    return r, header.index(column)
