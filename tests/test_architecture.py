"""The layers are enforced by a real tool: import-linter's contracts in pyproject.toml (the
core speaks no words, the output layer knows neither the site nor the command line, ...)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept() -> None:
    lint = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    done = subprocess.run(
        [lint, "--config", str(REPO / "pyproject.toml")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "BROKEN" not in done.stdout and "KEPT" in done.stdout


def test_no_module_is_over_about_400_lines_without_saying_why() -> None:
    long = []
    for path in sorted((REPO / "scorecard").rglob("*.py")):
        lines = path.read_text(encoding="utf-8").count("\n")
        head = path.read_text(encoding="utf-8")[:2000].lower()
        if lines > 420 and "lines" not in head:
            long.append(f"{path.relative_to(REPO)}: {lines}")
    assert not long, long
