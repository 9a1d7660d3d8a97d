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


def _runner() -> ModuleType:
    import sys

    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        spec = importlib.util.spec_from_file_location("bench_run", REPO / "benchmarks" / "run.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_run"] = module  # its dataclasses look their module up
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(REPO / "benchmarks"))


def test_the_runner_measures_the_whole_process_tree(tmp_path: Path) -> None:
    """A parent holding 48 MB while its child holds 48 MB: the tree's peak is their sum; the
    process's own peak (ru_maxrss) is never more than the larger of the two."""
    import sys

    runner = _runner()
    child = "b = b'x' * (48 << 20); import time; time.sleep(0.8)"
    parent = (
        "import subprocess, sys; a = b'y' * (48 << 20); "
        f"subprocess.run([sys.executable, '-c', {child!r}])"
    )
    elapsed, own_mb, code, _, tree_mb = runner.run_once(
        [sys.executable, "-c", parent], tmp_path, sample=True
    )
    assert code == 0 and elapsed > 0
    assert tree_mb > 96 > own_mb


def test_timed_runs_are_not_sampled_and_one_extra_run_is(tmp_path: Path) -> None:
    """The memory sampler reads /proc every 20 ms, CPU a timed command would otherwise have:
    `measure` times `repeat` runs unsampled, then samples one more, untimed."""
    import sys

    runner = _runner()
    calls: list[bool] = []
    real = runner.run_once

    def recorded(*args: object, sample: bool = False, **kwargs: object):  # type: ignore[no-untyped-def]
        calls.append(sample)
        return real(*args, sample=sample, **kwargs)

    runner.run_once = recorded
    found = runner.measure(
        "hold", 1, [[sys.executable, "-c", "b = b'x' * (32 << 20)"]], tmp_path, 2
    )
    assert calls == [False, False, True]
    assert len(found.times) == 2 and found.tree_mb > 0


def test_each_edit_changes_one_assessment_and_keeps_it_valid(run, tmp_path: Path) -> None:
    runner = _runner()
    _generator().generate(tmp_path / "ws", 4)
    before = {p: p.read_bytes() for p in (tmp_path / "ws" / "assessments").rglob("*.yaml")}
    edit = runner.OneEdit(tmp_path / "ws")
    edit()
    first = edit.path.read_bytes()
    edit()
    changed = [p for p, data in before.items() if p.read_bytes() != data]
    assert changed == [edit.path] and edit.path.read_bytes() != first
    result = run("validate", cwd=tmp_path / "ws")
    assert result.exit_code == 0, result.stdout + result.stderr
