"""`scorecard validate` end to end: exit codes, every problem of every file, the three
formats, --strict, --quiet, -o, and never a traceback."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
INVALID = DATA / "invalid"


def copy_case(workspace: Path, name: str, folder: str = "extra") -> str:
    """Copy an invalid corpus file into the workspace (outside assessments/, so only its
    content decides what it is); returns its path relative to the workspace."""
    target = workspace / folder / Path(name).name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(INVALID / name, target)
    return f"{folder}/{Path(name).name}"


def make_warning_only(workspace: Path) -> str:
    """An in-review assessment with one indicator unanswered: a warning, not an error."""
    source = (workspace / "assessments/XA/2024.yaml").read_text(encoding="utf-8")
    text = source.replace("status: example", "status: in-review")
    text = text.split("  emergency.notified:")[0]
    target = workspace / "assessments/XA/2024.yaml"
    target.write_text(text, encoding="utf-8")
    return "assessments/XA/2024.yaml"


def output(result: Any) -> str:
    return str(result.stdout) + str(result.stderr)


def assert_no_traceback(result: Any, exit_code: int) -> None:
    """The run ended as the CLI means commands to end: the exit code asked for, and no
    Python traceback on either stream. (The runner does not catch exceptions, so an escaped
    one fails the test before this is reached; what this catches is a traceback printed by
    an error handler, or a wrong code.)"""
    assert result.exit_code == exit_code, output(result)
    for stream in (result.stdout, result.stderr):
        assert "Traceback (most recent call last)" not in stream, output(result)
        assert not re.search(r'^\s*File "[^"]+", line \d+', stream, re.M), output(result)


# --- exit codes ---------------------------------------------------------------------------


def test_a_valid_workspace_exits_0_with_a_summary(run, test_workspace: Path) -> None:
    result = run("validate", cwd=test_workspace)
    assert result.exit_code == 0, output(result)
    # The workspace's rubric and assessment, and any bundled rubric it does not shadow.
    assert re.fullmatch(r"[2-9] files checked: no problems", result.stdout.strip())
    assert result.stderr == ""


def test_invalid_data_exits_1(run, test_workspace: Path) -> None:
    bad = copy_case(test_workspace, "unknown-level.yaml")
    result = run("validate", bad, cwd=test_workspace)
    assert result.exit_code == 1
    assert "1 file checked: 1 error, 0 warnings" in result.stdout


def test_a_missing_path_is_a_usage_error(run, test_workspace: Path) -> None:
    result = run("validate", "assessments/XA/2031.yaml", cwd=test_workspace)
    assert result.exit_code == 2
    assert "no such file or folder: assessments/XA/2031.yaml" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("option", [["--format", "xml"], ["--no-such-option"]])
def test_a_bad_option_is_a_usage_error(run, test_workspace: Path, option: list[str]) -> None:
    result = run("validate", *option, cwd=test_workspace)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert_no_traceback(result, 2)


# --- every problem of every file in one run ------------------------------------------------


def test_two_broken_files_are_both_reported(run, test_workspace: Path) -> None:
    level = copy_case(test_workspace, "unknown-level.yaml")
    syntax = copy_case(test_workspace, "unclosed-bracket.yaml")
    result = run("validate", level, syntax, cwd=test_workspace)
    assert result.exit_code == 1
    assert f"{level}:11:32: error: 'maybe' is not a level of 'strategy.objectives'" in (
        result.stdout
    )
    assert f"{syntax}:9:1: error: invalid YAML: while parsing a flow sequence" in result.stdout
    assert "2 files checked: 2 errors, 0 warnings" in result.stdout


def test_every_problem_of_a_file_is_reported(run, test_workspace: Path) -> None:
    bad = copy_case(test_workspace, "javascript-url.yaml")
    result = run("validate", bad, "--format", "json", cwd=test_workspace)
    problems = json.loads(result.stdout)["problems"]
    assert [(p["line"], p["column"]) for p in problems] == [(13, 7), (13, 32)]


def test_the_whole_workspace_is_checked_by_default(run, test_workspace: Path) -> None:
    copy_case(test_workspace, "assessments/XB/2024.yaml", "assessments/XB")
    result = run("validate", cwd=test_workspace)
    assert result.exit_code == 1
    assert "assessments/XB/2024.yaml:4:22: error: the assessment says 'XA'" in result.stdout
    assert re.search(r"^[3-9] files checked: 1 error, 0 warnings$", result.stdout, re.M)


def test_no_traceback_on_any_corpus_file(run, test_workspace: Path) -> None:
    """The whole invalid corpus, plus binary and oversized files, in every format."""
    folder = test_workspace / "extra"
    shutil.copytree(INVALID, folder)
    (folder / "binary.yaml").write_bytes(bytes(range(256)) * 64)
    (folder / "huge.yaml").write_bytes(b"# padding\n" * (600 * 1024))
    files = sum(1 for p in folder.rglob("*") if p.suffix in (".yaml", ".json"))
    for fmt in ("text", "json", "github"):
        result = run("validate", "extra", "--format", fmt, cwd=test_workspace)
        assert_no_traceback(result, 1)
        if fmt == "json":
            assert json.loads(result.stdout)["files"] == files
        else:
            assert f"{files} files checked:" in result.stdout


# --- --strict and --quiet -----------------------------------------------------------------


def test_warnings_pass_but_strict_turns_them_into_errors(run, test_workspace: Path) -> None:
    path = make_warning_only(test_workspace)
    relaxed = run("validate", path, cwd=test_workspace)
    assert relaxed.exit_code == 0, output(relaxed)
    assert f"{path}:9:1: warning: 1 indicator unanswered" in relaxed.stdout
    assert "1 file checked: 0 errors, 1 warning" in relaxed.stdout

    strict = run("validate", "--strict", path, cwd=test_workspace)
    assert strict.exit_code == 1
    assert f"{path}:9:1: error: 1 indicator unanswered" in strict.stdout
    assert "1 file checked: 1 error, 0 warnings" in strict.stdout


def test_quiet_leaves_out_warnings_but_not_errors(run, test_workspace: Path) -> None:
    path = make_warning_only(test_workspace)
    bad = copy_case(test_workspace, "unknown-level.yaml")
    result = run("--quiet", "validate", path, bad, cwd=test_workspace)
    assert result.exit_code == 1
    assert "warning:" not in result.stdout
    assert f"{bad}:11:32: error:" in result.stdout


# --- formats ------------------------------------------------------------------------------


def test_text_format_shows_a_snippet_a_caret_and_a_hint(run, test_workspace: Path) -> None:
    bad = copy_case(test_workspace, "unknown-indicator.yaml")
    result = run("validate", bad, cwd=test_workspace)
    lines = result.stdout.splitlines()
    first = lines.index(
        f"{bad}:14:3: error: 'strategy.publshed' is not an indicator of test-rubric@1.0"
    )
    assert (
        lines[first + 1] == "     13 |   emergency.notified: {not_found: Searched on 2024-06-01.}"
    )
    assert lines[first + 2] == "     14 |   strategy.publshed: {not_found: Searched on 2024-06-01.}"
    assert lines[first + 3] == "        |   ^"
    assert lines[first + 4] == "  hint: did you mean 'strategy.published'?"


def test_text_format_quotes_the_source_of_a_file_that_did_not_parse(
    run, test_workspace: Path
) -> None:
    bad = copy_case(test_workspace, "tab-indent.yaml")
    result = run("validate", bad, cwd=test_workspace)
    assert "     10 |  strategy.published: {not_found: Searched.}" in result.stdout
    assert "  hint: indent with spaces" in result.stdout


def test_json_format(run, test_workspace: Path) -> None:
    bad = copy_case(test_workspace, "unknown-field.yaml")
    result = run("validate", "--format", "json", bad, cwd=test_workspace)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["files"] == 1 and report["errors"] == 1 and report["warnings"] == 0
    assert report["problems"] == [
        {
            "file": bad,
            "line": 9,
            "column": 1,
            "severity": "error",
            "code": "schema",
            "message": "unknown field 'sumary' in the document",
            "hint": "did you mean 'summary'?",
        }
    ]


def test_json_format_of_a_clean_run(run, test_workspace: Path) -> None:
    result = run("validate", "--format", "json", cwd=test_workspace)
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["files"] >= 2
    assert report == {"files": report["files"], "errors": 0, "warnings": 0, "problems": []}


_WORKFLOW_COMMAND = re.compile(
    r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+)(,[^:]*)?::(.+)$"
)


def test_github_format_annotates_each_problem(run, test_workspace: Path) -> None:
    level = copy_case(test_workspace, "unknown-level.yaml")
    warned = make_warning_only(test_workspace)
    result = run("validate", "--format", "github", level, warned, cwd=test_workspace)
    assert result.exit_code == 1
    commands = [_WORKFLOW_COMMAND.match(line) for line in result.stdout.splitlines()]
    found = [(m[1], m[2], int(m[3]), int(m[4])) for m in commands if m]
    assert found == [("warning", warned, 9, 1), ("error", level, 11, 32)]
    assert "'maybe' is not a level of 'strategy.objectives' (hint: levels: no, yes)" in (
        result.stdout
    )


def test_github_format_escapes_newlines_in_messages(run, test_workspace: Path) -> None:
    bad = copy_case(test_workspace, "code-trailing-newline.yaml")
    result = run("validate", "--format", "github", bad, cwd=test_workspace)
    command = result.stdout.splitlines()[0]
    assert command.startswith(f"::error file={bad},line=4,col=22,")
    assert "\\n" in command  # the value, shown as Python writes it, not a raw line break


# --- output files -------------------------------------------------------------------------


def test_output_goes_to_a_file(run, test_workspace: Path) -> None:
    bad = copy_case(test_workspace, "unknown-level.yaml")
    result = run("validate", bad, "--format", "json", "-o", "report.json", cwd=test_workspace)
    assert result.exit_code == 1
    assert result.stdout == ""
    report = json.loads((test_workspace / "report.json").read_text(encoding="utf-8"))
    assert report["errors"] == 1


def test_output_refuses_to_overwrite_an_input_file(run, test_workspace: Path) -> None:
    bad = copy_case(test_workspace, "unknown-level.yaml")
    before = (test_workspace / bad).read_bytes()
    result = run("validate", bad, "-o", bad, cwd=test_workspace)
    assert result.exit_code == 2
    assert "refusing to write over the input file" in result.stderr
    assert (test_workspace / bad).read_bytes() == before
    assert_no_traceback(result, 2)


def test_assert_no_traceback_can_fail() -> None:
    """The guard above is a real check: a printed traceback or a wrong code fails it."""

    class Result:
        def __init__(self, exit_code: int, stdout: str = "", stderr: str = "") -> None:
            self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr

    printed = 'Traceback (most recent call last):\n  File "x.py", line 1, in <module>\n'
    assert_no_traceback(Result(1, "1 file checked"), 1)
    for bad, code in [(Result(1, stderr=printed), 1), (Result(2), 1), (Result(0), 1)]:
        with pytest.raises(AssertionError):
            assert_no_traceback(bad, code)


# --- settings and --lang --------------------------------------------------------------------


def test_an_unknown_setting_is_reported_in_the_language_asked_for(
    run, test_workspace: Path
) -> None:
    (test_workspace / "scorecard.toml").write_text('titel = "Scorecards"\n', encoding="utf-8")
    en = run("validate", cwd=test_workspace)
    es = run("validate", "--lang", "es", cwd=test_workspace)
    assert_no_traceback(en, 1)
    assert_no_traceback(es, 1)
    assert "scorecard.toml:1:1: error: unknown setting 'titel'" in en.stderr
    assert "  hint: known settings: title, languages," in en.stderr
    assert "scorecard.toml:1:1: error: ajuste desconocido 'titel'" in es.stderr
    assert "  sugerencia: ajustes conocidos: title, languages," in es.stderr
    assert "unknown setting" not in es.stderr and "hint:" not in es.stderr


@pytest.mark.parametrize(
    ("toml", "english", "spanish"),
    [
        ("title = [", "invalid TOML: ", "TOML no válido: "),
        ("languages = 'en'", "languages must be a list", "languages debe ser una lista"),
        ("title = 3", "setting 'title' must be text", "el ajuste 'title' debe ser texto"),
        ("output = '../out'", "'output' must be a folder inside", "'output' debe ser una carpeta"),
    ],
)
def test_every_settings_problem_is_said_in_spanish(
    run, test_workspace: Path, toml: str, english: str, spanish: str
) -> None:
    (test_workspace / "scorecard.toml").write_text(toml + "\n", encoding="utf-8")
    en = run("validate", cwd=test_workspace)
    es = run("validate", "--lang", "es", cwd=test_workspace)
    assert_no_traceback(es, 1)
    assert english in en.stderr and spanish in es.stderr
    assert english not in es.stderr
