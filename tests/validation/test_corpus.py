"""The validation corpus: every file in tests/data/valid passes cleanly, and every file in
tests/data/invalid reports exactly the problems its leading `# expect:` comments name.

An expectation reads `# expect: LINE[:COLUMN] SEVERITY: TEXT` — the problem must be reported
at that line (and column, where given) with TEXT in its message; a `# hint: TEXT` line under
it also requires TEXT in the problem's hint. A JSON file cannot hold
comments, so its expectations live beside it in `<name>.json.expect`. Cases that cannot be
committed (a 6 MiB file, binary data) are generated in GENERATED below.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from problem_support import hint_said, located, said

from scorecard.errors import Problem
from scorecard.loading import MAX_BYTES
from scorecard.validation import Report, check_files
from scorecard.workspace import Workspace, open_workspace

DATA = Path(__file__).resolve().parent.parent / "data"
VALID = DATA / "valid"
INVALID = DATA / "invalid"
SUFFIXES = (".yaml", ".yml", ".json")
# A fixed "today", so the future-date case does not depend on when the suite runs.
TODAY = dt.date(2025, 6, 1)

_EXPECT = re.compile(r"^#\s*expect:\s*(\d+)(?::(\d+))?\s+(error|warning):\s*(.+?)\s*$")
_HINT = re.compile(r"^#\s*hint:\s*(.+?)\s*$")
# What a raw jsonschema message looks like; none may reach the user.
_RAW_SCHEMA = ("is not valid under any of the given schemas", "Failed validating", "{'")


@dataclass(frozen=True)
class Expected:
    line: int
    column: int | None
    severity: str
    text: str
    hint: str | None = None

    def matches(self, problem: Problem) -> bool:
        return (
            problem.line == self.line
            and (self.column is None or problem.column == self.column)
            and problem.severity == self.severity
            and self.text in said(problem)
            and (self.hint is None or self.hint in (hint_said(problem) or ""))
        )

    def __str__(self) -> str:
        where = f"{self.line}:{self.column}" if self.column else str(self.line)
        return f"{where} {self.severity}: {self.text}"


def corpus(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in SUFFIXES and p.is_file())


def case_id(path: Path) -> str:
    return path.relative_to(DATA).as_posix()


def expectations(path: Path) -> list[Expected]:
    """The `# expect:` lines of the file's leading comment (or of its .expect file)."""
    sidecar = path.with_name(path.name + ".expect")
    source = sidecar if sidecar.exists() else path
    # Latin-1 decodes any bytes, so the comment of the deliberately non-UTF-8 case is read.
    lines = source.read_bytes().decode("latin-1").splitlines()
    found = []
    for line in lines:
        if not line.startswith("#"):
            break
        match = _EXPECT.match(line)
        if match:
            column = int(match[2]) if match[2] else None
            found.append(Expected(int(match[1]), column, match[3], match[4]))
        hint = _HINT.match(line)
        if hint and found:  # `# hint: TEXT` belongs to the expectation above it
            found[-1] = replace(found[-1], hint=hint[1])
    return found


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A workspace holding only the test rubric: corpus files are checked from outside it,
    so every problem reported must belong to the corpus file itself."""
    root = tmp_path_factory.mktemp("corpus-ws")
    shutil.copytree(DATA / "workspace" / "rubrics", root / "rubrics")
    return open_workspace(root)


def check(paths: list[Path], workspace: Workspace) -> Report:
    return check_files(paths, workspace, today=TODAY)


def assert_reports(report: Report, path: Path, expected: list[Expected], ws: Workspace) -> None:
    shown = ws.display(path)
    listing = "\n".join(f"  {located(p)}" for p in report.problems)
    assert report.files == 1
    assert {p.file for p in report.problems} == {shown}, listing
    for expectation in expected:
        assert any(expectation.matches(p) for p in report.problems), (
            f"expected {expectation}\nreported:\n{listing}"
        )
    # No noise: every error reported is one the file announces.
    unexpected = [p for p in report.errors if not any(e.matches(p) for e in expected)]
    assert not unexpected, f"unexpected errors:\n{listing}"
    for problem in report.problems:
        assert not any(raw in said(problem) for raw in _RAW_SCHEMA), said(problem)
        assert problem.line >= 1 and problem.column >= 1
    # Nothing half-valid comes out of a file with errors.
    if report.errors:
        assert report.assessments == []
        assert not any(r.ref.startswith("corpus-") for r in report.rubrics.values())


# --- the committed corpus -------------------------------------------------------------------


@pytest.mark.parametrize("path", corpus(INVALID), ids=case_id)
def test_invalid_file_reports_its_expected_problems(path: Path, workspace: Workspace) -> None:
    expected = expectations(path)
    assert expected, f"{path.name} says nothing about what must be reported"
    report = check([path], workspace)
    assert report.errors, f"{path.name} passed validation"
    assert_reports(report, path, expected, workspace)


@pytest.mark.parametrize("path", corpus(VALID), ids=case_id)
def test_valid_file_passes_without_problems(path: Path, workspace: Workspace) -> None:
    report = check([path], workspace)
    assert report.problems == [], "\n".join(located(p) for p in report.problems)
    built = len(report.assessments) + len(
        [r for r in report.rubrics.values() if r.ref.startswith("corpus-")]
    )
    assert built == 1


def test_the_corpus_covers_at_least_forty_distinct_invalid_cases() -> None:
    files = corpus(INVALID)
    assert len(files) + len(GENERATED) >= 40
    # Distinct: no two committed cases are the same bytes.
    assert len({p.read_bytes() for p in files}) == len(files)


def test_every_expectation_points_inside_its_file() -> None:
    for path in corpus(INVALID):
        line_count = len(path.read_bytes().splitlines()) or 1
        for expectation in expectations(path):
            assert 1 <= expectation.line <= line_count, f"{path.name}: {expectation}"


def test_a_folder_run_attributes_each_problem_to_its_own_file(workspace: Workspace) -> None:
    """The whole invalid corpus in one run reports, file by file, what each reports alone."""
    files = corpus(INVALID)
    together = check([INVALID], workspace)
    assert together.files == len(files)
    for path in files:
        alone = check([path], workspace)
        shown = workspace.display(path)
        mine = [p for p in together.problems if p.file == shown]
        assert [located(p) for p in mine] == [located(p) for p in alone.problems], path.name


def test_yaml_and_json_versions_of_an_assessment_mean_the_same(workspace: Workspace) -> None:
    from_yaml = check([VALID / "assessment.yaml"], workspace).assessments[0]
    from_json = check([VALID / "assessment.json"], workspace).assessments[0]
    assert from_yaml.sha256 == from_json.sha256
    assert replace(from_yaml, source_path=None) == replace(from_json, source_path=None)


def test_the_same_edition_twice_in_one_run_is_reported(workspace: Workspace) -> None:
    report = check([VALID / "assessment.yaml", VALID / "assessment.json"], workspace)
    assert [said(p) for p in report.errors] == [
        "XC edition 2024 is also assessed in " + workspace.display(VALID / "assessment.yaml")
    ]


# --- generated cases: too big or too binary to commit ----------------------------------------


def _too_large(path: Path) -> None:
    # Valid YAML all the way through, so only the size can be blamed.
    line = b"# " + b"x" * 1021 + b"\n"
    path.write_bytes(line * (6 * 1024))


def _binary(path: Path) -> None:
    path.write_bytes(b"rubric: test-rubric@1.0\n" + bytes(range(256)) * 4)


def _utf16(path: Path) -> None:
    path.write_bytes("rubric: test-rubric@1.0\n".encode("utf-16"))


def _nul_in_json(path: Path) -> None:
    path.write_bytes(b'{"rubric": "test-rubric@1.0",\n "status": "exa\x00mple"}')


GENERATED: dict[str, tuple[Callable[[Path], None], list[Expected]]] = {
    "six-mib.yaml": (_too_large, [Expected(1, 1, "error", "over the 5 MiB limit")]),
    "binary.yaml": (_binary, [Expected(2, 1, "error", "binary file")]),
    "utf16.yaml": (_utf16, [Expected(1, 1, "error", "the text is UTF-16, not UTF-8")]),
    "nul.json": (_nul_in_json, [Expected(2, 1, "error", "binary file")]),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_invalid_file_reports_its_expected_problems(
    name: str, workspace: Workspace, tmp_path: Path
) -> None:
    make, expected = GENERATED[name]
    path = tmp_path / name
    make(path)
    report = check([path], workspace)
    assert_reports(report, path, expected, workspace)


def test_the_size_limit_is_below_six_mebibytes() -> None:
    assert MAX_BYTES < 6 * 1024 * 1024
