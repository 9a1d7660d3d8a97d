"""Property-based fuzzing of the whole pipeline (issue 17, item 7): generated rubrics,
assessments and settings, hostile and unlucky, go through validate -> score -> render (every
format) -> diff -> history -> build. For every input:

- every command exits 0 or 1 (a usage error, 2, only for settings that name bad folders),
  and none raises (no traceback);
- each input runs in a forked process under a memory limit and a time limit;
- no file outside the output folder is created, changed or removed;
- what `validate --strict` accepts, every later command handles: a pull-request check that
  passes means the publishing build on main passes too.

CI runs a small, fixed, derandomized budget (a few seconds). For a longer, random run:

    SCORECARD_FUZZ_EXAMPLES=500 pytest -q -p no:cacheprovider tests/test_fuzz.py
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import time
import traceback
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from scorecard.loading import load_document

DATA = Path(__file__).resolve().parent / "data" / "workspace"
RUBRIC = "rubrics/test-rubric/1.0.yaml"
ASSESSMENT = "assessments/XA/2024.yaml"

EXAMPLES = int(os.environ.get("SCORECARD_FUZZ_EXAMPLES", "0") or 0)
BUDGET = settings(
    max_examples=EXAMPLES or 4,
    derandomize=not EXAMPLES,  # CI: the same inputs every run; longer runs explore
    deadline=None,
    phases=[Phase.explicit, Phase.generate],  # a failing input is shown whole, unshrunk:
    # each one costs seconds, and shrinking would take many minutes
    database=None,
    suppress_health_check=list(HealthCheck),
)
MEMORY_LIMIT = 1536 * 1024 * 1024  # bytes of address space per input
TIME_LIMIT = 90  # seconds per input, every command included

# --- what can go into a field ------------------------------------------------------------------

HOSTILE_TEXTS = [
    "*" * 500 + "a" + "*" * 500,
    "**" * 300 + "x" + "**" * 300,
    "[" * 3000,
    "> " * 200 + "deep",
    "<script>alert(1)</script> | [x](javascript:alert(1))\n# heading",
    "Xan\u202eadu",
    "\u2066isolated",
    "\x1b[31mred\x1b[0m \x07",
    "line\nbreak\r\nand\u2028separator",
    "| pipe | cell |\n|---|---|",
    "![img](https://example.org/x.png) &amp; &#0; \\",
    "`" * 40 + "code",
    "a" * 25_000,
    "",
    " ",
    "عربي עברית",
    "\U0001f600 emoji",
]
texts = st.one_of(st.sampled_from(HOSTILE_TEXTS), st.text(max_size=60))
numbers = st.one_of(
    st.sampled_from(
        [0, -1, 1, 2, 0.5, 1.5, 100, 101, 1e-300, 1.2345678901234567e-300, 1e300, 0.1234567]
    ),
    st.sampled_from([float("inf"), float("-inf"), float("nan")]),
    st.integers(-(10**40), 10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["2/3", "1/3", "1" * 50 + "/3", "0/1", "abc", True, None]),
)

TEXT_FIELDS_RUBRIC = [
    ("title",),
    ("description",),
    ("pillars", 0, "title"),
    ("pillars", 0, "description"),
    ("pillars", 1, "description"),
    ("pillars", 0, "indicators", 0, "guidance"),
    ("pillars", 0, "indicators", 0, "question"),
    ("pillars", 0, "indicators", 0, "levels", 1, "descriptor"),
    ("bands", 0, "label"),
]
NUMBER_FIELDS_RUBRIC = [
    ("pillars", 0, "weight"),
    ("pillars", 1, "weight"),
    ("pillars", 0, "indicators", 0, "weight"),
    ("pillars", 0, "indicators", 1, "weight"),
    ("pillars", 0, "indicators", 0, "levels", 1, "value"),
    ("bands", 0, "max"),
    ("min_coverage",),
]
TEXT_FIELDS_ASSESSMENT = [
    ("jurisdiction", "name"),
    ("summary",),
    ("answers", "strategy.published", "notes"),
    ("answers", "strategy.published", "evidence", 0, "title"),
    ("answers", "strategy.published", "evidence", 0, "url"),
    ("answers", "strategy.published", "evidence", 0, "quote"),
    ("answers", "strategy.objectives", "not_found"),
    ("assessors", 0, "name"),
]
SETTINGS = [
    None,
    'title = "Watchdog \\"Transparencia\\""\n',
    'title = "x\\u202e"\noutput = "public"\n',
    'output = "assessments/site"\n',
    'output = "../outside"\n',
    'output = "si\\u0000te"\n',
    "title = " + "1" * 5000 + "\n",
    'languages = ["zz"]\n',
    'languages = ["es", "en"]\n',
    "[broken\n",
]
GOOD_SETTINGS = (None, SETTINGS[1], SETTINGS[2], SETTINGS[8])


def _set(data: Any, path: tuple[str | int, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


@st.composite
def workspaces(draw: st.DrawFn) -> dict[str, Any]:
    """A rubric, an assessment (YAML or JSON) and settings, with some fields replaced."""
    rubric = load_document(DATA / RUBRIC).data
    assessment = load_document(DATA / ASSESSMENT).data
    for path in draw(st.lists(st.sampled_from(TEXT_FIELDS_RUBRIC), max_size=3)):
        _set(rubric, path, draw(texts))
    for path in draw(st.lists(st.sampled_from(NUMBER_FIELDS_RUBRIC), max_size=2)):
        _set(rubric, path, draw(numbers))
    for path in draw(st.lists(st.sampled_from(TEXT_FIELDS_ASSESSMENT), max_size=3)):
        _set(assessment, path, draw(texts))
    if draw(st.booleans()):
        assessment["status"] = "draft"  # warnings instead of some errors
    return {
        "rubric": rubric,
        "assessment": assessment,
        "assessment_json": draw(st.booleans()),
        "settings": draw(st.sampled_from(SETTINGS)),
    }


# --- running one input ----------------------------------------------------------------------

COMMANDS: list[tuple[str, ...]] = [
    ("score", "{a}", "--format", "json"),
    ("score", "{a}", "--format", "csv"),
    ("score", "{a}"),
    ("render", "{a}", "--format", "md"),
    ("render", "{a}", "--format", "html", "--lang", "es"),
    ("render", "{a}", "--format", "json"),
    ("diff", "assessments/XA/2023.yaml", "{a}", "--format", "md"),
    ("history", "XA"),
    ("rubric", "doc", "--format", "md"),
    ("build", "-o", "out", "--lang", "all"),
]


def _write(ws: Path, case: dict[str, Any]) -> str:
    def dump(path: Path, data: Any, as_json: bool) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if as_json:
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    dump(ws / RUBRIC, case["rubric"], False)
    earlier = load_document(DATA / ASSESSMENT).data  # an earlier edition, as it was
    earlier["edition"] = "2023"
    dump(ws / "assessments/XA/2023.yaml", earlier, False)
    name = "assessments/XA/2024." + ("json" if case["assessment_json"] else "yaml")
    dump(ws / name, case["assessment"], case["assessment_json"])
    if case["settings"] is not None:
        (ws / "scorecard.toml").write_text(case["settings"], encoding="utf-8")
    return name


def _run_all(ws: Path, assessment: str) -> dict[str, Any]:
    """In the forked child: every command, with its exit code (or the traceback)."""
    from typer.testing import CliRunner

    from scorecard.cli import app

    os.chdir(ws)
    runner = CliRunner()
    codes: dict[str, Any] = {}
    for command in [("validate", "--strict"), *COMMANDS]:
        args = [a.format(a=assessment) for a in command]
        try:
            result = runner.invoke(app, args, catch_exceptions=False)
            codes[" ".join(args)] = [result.exit_code, result.stderr[-400:]]
        except BaseException:  # a traceback is what this test looks for
            codes[" ".join(args)] = ["traceback", traceback.format_exc()[-3000:]]
    return codes


def _in_child(ws: Path, assessment: str, report: Path) -> dict[str, Any]:
    """Run every command in a forked process under memory and time limits; its outcome
    comes back through the file `report`."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
            outcome = _run_all(ws, assessment)
        except BaseException:
            outcome = {"child": ["traceback", traceback.format_exc()[-3000:]]}
        report.write_text(json.dumps(outcome), encoding="utf-8")
        os._exit(0)
    started = time.monotonic()
    while not os.waitpid(pid, os.WNOHANG)[0]:
        if time.monotonic() - started > TIME_LIMIT:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            pytest.fail(f"the commands took over {TIME_LIMIT} s on one input")
        time.sleep(0.05)
    assert report.is_file(), "the child died without a word (out of memory?)"
    return dict(json.loads(report.read_text(encoding="utf-8")))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and not p.is_symlink()
    }


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@BUDGET
@given(case=workspaces())
def test_no_input_breaks_a_command(tmp_path_factory: pytest.TempPathFactory, case: Any) -> None:
    base = tmp_path_factory.mktemp("fuzz")
    ws = base / "ws"
    ws.mkdir()
    assessment = _write(ws, case)
    (base / "sentinel.txt").write_text("outside", encoding="utf-8")
    before = _snapshot(base)
    codes = _in_child(ws, assessment, tmp_path_factory.mktemp("outcome") / "codes.json")
    broken = {cmd: said for cmd, (code, said) in codes.items() if code == "traceback"}
    assert not broken, json.dumps(broken, indent=1)[:6000]
    # Settings naming a folder the build refuses are a usage error (2); nothing else is.
    allowed = {0, 1} if case["settings"] in GOOD_SETTINGS else {0, 1, 2}
    odd = {cmd: v for cmd, v in codes.items() if v[0] not in allowed}
    assert not odd, odd
    if codes["validate --strict"][0] == 0:
        failing = {cmd: v for cmd, v in codes.items() if v[0] != 0}
        assert not failing, f"validate passed, but: {failing}"
    after = _snapshot(base)
    changed = {
        path
        for path in set(before) | set(after)
        if before.get(path) != after.get(path)
        # the site it was asked for, and the tool's own git-ignored cache (scorecard/cache.py)
        and not path.startswith(("ws/out/", "ws/.scorecard-cache/"))
    }
    assert not changed, sorted(changed)
    leftovers = [p.name for p in ws.iterdir() if p.name.startswith(".out.")]
    assert not leftovers
    shutil.rmtree(base, ignore_errors=True)
