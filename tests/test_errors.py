"""The core speaks in data: problems are codes and catalog phrases, and nothing below the
reports imports the catalogs (errors.py and i18n no longer import each other)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from scorecard.errors import InvalidInput, Phrase, Problem, phrase

PACKAGE = Path(__file__).resolve().parent.parent / "scorecard"
# Modules that find problems; none of them may put one into words.
CORE = [
    PACKAGE / "errors.py",
    *sorted((PACKAGE / "loading").glob("*.py")),
    PACKAGE / "workspace.py",
    *sorted((PACKAGE / "validation").glob("*.py")),
    *sorted((PACKAGE / "schemas").glob("*.py")),
]


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_the_core_does_not_import_the_catalogs(path: Path) -> None:
    assert not {m for m in _imports(path) if m.startswith("scorecard.i18n")}
    assert not {m for m in _imports(path) if m.startswith("scorecard.render")}


def test_errors_imports_nothing_of_scorecard() -> None:
    code = (
        "import sys, scorecard.errors; "
        "print(sorted(m for m in sys.modules if m.startswith('scorecard.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['scorecard.errors']"


def test_a_problem_is_a_code_and_phrases() -> None:
    problem = Problem(
        "a.yaml", 3, 5, "error", phrase("problem.date.future", value="2031-01-01"), None, "invalid"
    )
    assert problem.message == Phrase("problem.date.future", (("value", "2031-01-01"),))
    # Its str (for logs) is ids, not words: words are the reports' to make.
    assert str(problem) == "a.yaml:3:5: error: invalid (problem.date.future)"
    assert str(InvalidInput([problem])) == "1 problem(s)"


def test_problems_sort_by_place_only() -> None:
    later = Problem("a", 2, 1, "error", phrase("problem.empty_file"))
    earlier = Problem("a", 1, 9, "warning", phrase("problem.unknown_kind"))
    assert sorted([later, earlier]) == [earlier, later]
