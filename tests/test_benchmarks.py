"""The benchmark generator must keep producing workspaces that `scorecard validate` accepts."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import yaml

REPO = Path(__file__).resolve().parent.parent


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_generate", REPO / "benchmarks" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_workspace_validates(run, tmp_path: Path) -> None:
    generate = _generator()
    paths = generate.generate(tmp_path / "ws", 6)
    assert len(paths) == 6
    codes = {p.parent.name for p in paths}
    assert all(re.fullmatch(r"[XQ][A-Z](-[A-Z0-9]{1,3})?", code) for code in codes)
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert (data["jurisdiction"]["code"], data["edition"]) == (path.parent.name, path.stem)

    result = run("validate", cwd=tmp_path / "ws")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout


def test_generator_is_deterministic_and_reaches_subdivision_codes(tmp_path: Path) -> None:
    generate = _generator()
    codes = generate.jurisdiction_codes()
    first = [next(codes) for _ in range(200)]
    assert len(set(first)) == 200
    assert "QZ" in first and "XA-001" in first and "XA-A00" in first
    a = generate.generate(tmp_path / "a", 3, seed=7)
    b = generate.generate(tmp_path / "b", 3, seed=7)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
