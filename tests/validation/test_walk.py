"""The one file walk: rubrics first, then assessments, from any source of bytes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from problem_support import located

from scorecard.loading import MAX_BYTES, load_document, parse_document
from scorecard.model import Rubric
from scorecard.validation import Candidate, check_files, walk
from scorecard.workspace import open_workspace

DATA = Path(__file__).resolve().parent.parent / "data"
WORKSPACE = DATA / "workspace"
RUBRIC = (WORKSPACE / "rubrics/test-rubric/1.0.yaml").read_bytes()
ASSESSMENT = (WORKSPACE / "assessments/XA/2024.yaml").read_bytes()
TODAY = dt.date(2025, 6, 1)


class MemoryFiles:
    """Files held in memory, like a git revision's blobs; counts what was read."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.read_paths: list[str] = []

    def size(self, path: Path) -> int:
        return len(self.files[path.as_posix()])

    def read(self, path: Path) -> bytes:
        self.read_paths.append(path.as_posix())
        return self.files[path.as_posix()]


def run(
    files: dict[str, bytes], known_rubrics: dict[str, Rubric] | None = None
) -> tuple[list[str], MemoryFiles]:
    source = MemoryFiles(files)
    candidates = [Candidate(Path(name), f"mem:{name}") for name in sorted(files)]
    report = walk(candidates, source, today=TODAY, known_rubrics=known_rubrics)
    return [located(p) for p in report.problems], source


def as_json(data: bytes) -> bytes:
    return json.dumps(parse_document(data, Path("x.yaml"), "x").data).encode()


def test_a_valid_tree_from_memory() -> None:
    files = {"rubrics/test-rubric/1.0.yaml": RUBRIC, "assessments/XA/2024.yaml": ASSESSMENT}
    source = MemoryFiles(files)
    report = walk([Candidate(Path(n), n) for n in sorted(files)], source, today=TODAY)
    assert report.problems == [] and report.files == 2
    assert list(report.rubrics) == ["test-rubric@1.0"]
    assert [a.code for a in report.assessments] == ["XA"]
    # Rubrics first: the assessment (listed first) is read after the rubric.
    assert source.read_paths == ["rubrics/test-rubric/1.0.yaml", "assessments/XA/2024.yaml"]


def test_a_duplicate_edition_is_an_error_in_the_second_file() -> None:
    problems, _ = run(
        {
            "rubrics/test-rubric/1.0.yaml": RUBRIC,
            "assessments/XA/2024.json": as_json(ASSESSMENT),
            "assessments/XA/2024.yaml": ASSESSMENT,
        }
    )
    assert problems == [
        "mem:assessments/XA/2024.yaml:1:1: error: XA edition 2024 is also assessed in "
        "mem:assessments/XA/2024.json"
    ]


def test_a_duplicate_rubric_is_an_error_in_the_second_file() -> None:
    problems, _ = run(
        {
            "rubrics/test-rubric/1.0.json": as_json(RUBRIC),
            "rubrics/test-rubric/1.0.yaml": RUBRIC,
            "assessments/XA/2024.yaml": ASSESSMENT,
        }
    )
    assert problems == [
        "mem:rubrics/test-rubric/1.0.yaml:1:1: error: the rubric test-rubric@1.0 is also "
        "defined in mem:rubrics/test-rubric/1.0.json"
    ]


def test_layout_is_checked_wherever_the_bytes_come_from() -> None:
    problems, _ = run(
        {"rubrics/test-rubric/1.0.yaml": RUBRIC, "assessments/XB/2023.yaml": ASSESSMENT}
    )
    assert [p.split(": error: ")[0] for p in problems] == [
        "mem:assessments/XB/2023.yaml:3:22",
        "mem:assessments/XB/2023.yaml:4:10",
    ]


def test_too_large_a_file_is_refused_before_it_is_read() -> None:
    problems, source = run({"assessments/XA/2024.yaml": b"#" * (MAX_BYTES + 1)})
    assert problems == [
        "mem:assessments/XA/2024.yaml:1:1: error: the file is 5.0 MiB, over the 5 MiB limit"
    ]
    assert source.read_paths == []


def test_known_rubrics_stand_in_for_missing_ones_and_never_win() -> None:
    rubric = check_files([WORKSPACE / "rubrics"], open_workspace(WORKSPACE)).rubrics
    problems, _ = run({"assessments/XA/2024.yaml": ASSESSMENT}, known_rubrics=rubric)
    assert problems == []
    problems, _ = run({"assessments/XA/2024.yaml": ASSESSMENT})
    assert [p.split(": error: ")[1] for p in problems] == [
        "the rubric test-rubric@1.0 was not found"
    ]


def test_unreported_files_add_rubrics_but_no_problems() -> None:
    source = MemoryFiles(
        {
            "rubrics/test-rubric/1.0.yaml": RUBRIC,
            "rubrics/broken/1.0.yaml": b"id: [",
            "assessments/XA/2024.yaml": ASSESSMENT,
        }
    )
    candidates = [
        Candidate(Path("assessments/XA/2024.yaml"), "a"),
        Candidate(Path("rubrics/broken/1.0.yaml"), "b", reported=False),
        Candidate(Path("rubrics/test-rubric/1.0.yaml"), "r", reported=False),
    ]
    report = walk(candidates, source, today=TODAY)
    assert report.problems == [] and report.files == 1 and report.checked == ["a"]


def test_check_files_walks_the_disk(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / "rubrics/test-rubric").mkdir(parents=True)
    (root / "assessments/XA").mkdir(parents=True)
    (root / "rubrics/test-rubric/1.0.yaml").write_bytes(RUBRIC)
    (root / "assessments/XA/2024.yaml").write_bytes(ASSESSMENT)
    (root / "assessments/XA/2024.json").write_bytes(as_json(ASSESSMENT))
    report = check_files([], open_workspace(root), today=TODAY)
    assert [(p.code, Path(p.file).name) for p in report.problems] == [("duplicate", "2024.yaml")]
    assert load_document(root / "assessments/XA/2024.json").data["jurisdiction"]["code"] == "XA"


@pytest.mark.parametrize("reported", [True, False])
def test_a_file_that_will_not_load_is_reported_only_when_asked(reported: bool) -> None:
    source = MemoryFiles({"rubrics/x/1.0.yaml": b"a: [\n"})
    report = walk([Candidate(Path("rubrics/x/1.0.yaml"), "x", reported)], source, today=TODAY)
    assert [p.code for p in report.problems] == (["yaml"] if reported else [])
    assert ("x" in report.documents) is reported
