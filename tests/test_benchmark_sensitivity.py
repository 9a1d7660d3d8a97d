"""benchmarks/sensitivity.py runs, and finds the command reproducible, on a tiny workspace."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_the_sensitivity_benchmark_runs(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "sensitivity.py"),
            "--assessments",
            "8",
            "--draws",
            "20",
            "--repeat",
            "2",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "8 assessments, 2 jurisdictions (2 ranked), 20 draws" in done.stdout
    assert "outputs of 2 runs with the same seed: identical" in done.stdout
