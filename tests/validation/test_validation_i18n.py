"""Problem messages and hints are catalog phrases: English reads exactly as it always did,
and `--lang es` says every problem in Spanish at the same place."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_corpus import GENERATED, INVALID, TODAY, corpus

from scorecard.errors import Phrase, Problem
from scorecard.i18n import available_languages, load_catalog, translator
from scorecard.validation import check_files
from scorecard.workspace import Workspace, open_workspace

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
# Files whose problems come from every layer: loading, schema and semantic checks.
SAMPLES = [
    "unknown-level.yaml",
    "rubric-band-gap.yaml",
    "wrong-type.json",
    "unknown-field.yaml",
    "tab-indent.yaml",
    "published-unreviewed.yaml",
    "duplicate-key.json",
    "top-level-list.yaml",
]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    root = tmp_path_factory.mktemp("i18n-ws")
    shutil.copytree(DATA / "workspace" / "rubrics", root / "rubrics")
    return open_workspace(root)


def _corpus_problems(workspace: Workspace, tmp: Path) -> list[Problem]:
    for name, (make, _) in GENERATED.items():
        make(tmp / name)
    report = check_files([INVALID, tmp], workspace, today=TODAY)
    assert report.files == len(corpus(INVALID)) + len(GENERATED)
    return report.problems


def test_every_corpus_problem_is_a_code_and_catalog_phrases(
    workspace: Workspace, tmp_path: Path
) -> None:
    """The core says nothing in words: every problem is a code and phrases of the catalog."""
    catalog = load_catalog("en")
    problems = _corpus_problems(workspace, tmp_path)
    assert len(problems) > 60
    for problem in problems:
        assert isinstance(problem.message, Phrase), problem
        assert problem.message.key in catalog, problem
        assert problem.hint is None or (
            isinstance(problem.hint, Phrase) and problem.hint.key in catalog
        ), problem
        assert problem.code and problem.code.replace("-", "").isalpha(), problem


@pytest.mark.parametrize("lang", available_languages())
def test_every_corpus_problem_renders_in_every_language(
    lang: str, workspace: Workspace, tmp_path: Path
) -> None:
    from scorecard.render.problems import localized

    t = translator(lang)
    for problem in _corpus_problems(workspace, tmp_path):
        message, hint = localized(problem, t)
        assert message and (hint is None) == (problem.hint is None)


def test_every_literal_phrase_key_is_in_the_catalogs() -> None:
    pattern = re.compile(r"""\bphrase\(\s*["']([a-z_.-]+[a-z0-9_-])["']""")
    used: set[str] = set()
    for path in (REPO / "scorecard").rglob("*.py"):
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert "problem.schema.the_document" in used  # the scan finds keys at all
    assert sorted(used - set(load_catalog("en"))) == []


def _copy(workspace: Path, names: list[str]) -> list[str]:
    copied = []
    for name in names:
        target = workspace / "extra" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(INVALID / name, target)
        copied.append(f"extra/{name}")
    return copied


_LOCATED = re.compile(r"^(\S+:\d+:\d+): (\w+): (.*)$", re.MULTILINE)


def test_validate_in_spanish_says_the_same_problems_at_the_same_places(
    run: Callable[..., Any], test_workspace: Path
) -> None:
    files = _copy(test_workspace, SAMPLES)
    en = run("validate", *files, cwd=test_workspace)
    es = run("validate", "--lang", "es", *files, cwd=test_workspace)
    assert en.exit_code == es.exit_code == 1
    en_found, es_found = _LOCATED.findall(en.stdout), _LOCATED.findall(es.stdout)
    assert len(en_found) == len(es_found) >= len(SAMPLES)
    assert [w for w, _, _ in en_found] == [w for w, _, _ in es_found]
    assert {s for _, s, _ in es_found} <= {"error", "aviso"}
    changed = sum(e != s for (_, _, e), (_, _, s) in zip(en_found, es_found, strict=True))
    assert changed == len(en_found)  # every message is said in Spanish
    assert "  sugerencia: " in es.stdout and "  hint: " not in es.stdout
    assert "archivos revisados" in es.stdout
    assert "'maybe' no es un nivel de 'strategy.objectives'" in es.stdout


def test_validate_json_in_spanish_keeps_its_keys_and_codes(
    run: Callable[..., Any], test_workspace: Path
) -> None:
    files = _copy(test_workspace, ["unknown-level.yaml"])
    en = json.loads(run("validate", "-f", "json", *files, cwd=test_workspace).stdout)
    es = json.loads(
        run("validate", "-f", "json", "--lang", "es", *files, cwd=test_workspace).stdout
    )
    assert [sorted(p) for p in es["problems"]] == [sorted(p) for p in en["problems"]]
    for old, new in zip(en["problems"], es["problems"], strict=True):
        assert (old["line"], old["column"], old["code"], old["severity"]) == (
            new["line"],
            new["column"],
            new["code"],
            new["severity"],
        )
        assert old["message"] != new["message"]


def test_validate_github_in_spanish(run: Callable[..., Any], test_workspace: Path) -> None:
    files = _copy(test_workspace, ["unknown-level.yaml"])
    result = run("validate", "-f", "github", "--lang", "es", *files, cwd=test_workspace)
    assert result.stdout.startswith("::error file=")
    assert "no es un nivel de" in result.stdout and "(sugerencia: niveles: " in result.stdout


def test_validate_with_an_unknown_language_exits_2(
    run: Callable[..., Any], test_workspace: Path
) -> None:
    result = run("validate", "--lang", "xx", cwd=test_workspace)
    assert result.exit_code == 2
    assert "unknown language 'xx'" in result.stderr


def test_score_reports_invalid_input_in_its_language(
    run: Callable[..., Any], test_workspace: Path
) -> None:
    files = _copy(test_workspace, ["unknown-level.yaml"])
    en = run("score", *files, cwd=test_workspace)
    es = run("score", "--lang", "es", *files, cwd=test_workspace)
    assert en.exit_code == es.exit_code == 1
    assert "is not a level of" in en.stderr and "  hint: levels: " in en.stderr
    assert "no es un nivel de" in es.stderr and "  sugerencia: niveles: " in es.stderr
    # A later run without --lang is in English again.
    assert "is not a level of" in run("score", *files, cwd=test_workspace).stderr
