"""A second opinion on the schemas: check-jsonschema (another loader, ruamel.yaml; another
regex engine, ECMAScript) must agree with our structural verdict on every corpus file.

Files our schema check accepts, it accepts — so files we reject only on semantic grounds
(an unknown level, a future date) pass it; files we reject on schema grounds, it rejects.
Files our loader refuses are not data and are excluded, each with its reason; of those,
the ones that are malformed text must fail to parse there too.

check-jsonschema reads YAML timestamps as strings, as we do (and our fixtures quote dates
anyway), so dates are compared like for like.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import pytest
from problem_support import said

from scorecard.loading import LoadError, load_document
from scorecard.validation import check_files
from scorecard.workspace import classify, open_workspace

DATA = Path(__file__).resolve().parent.parent / "data"
REPO = DATA.parent.parent
SCHEMAS = REPO / "scorecard" / "schemas"
CORPUS = sorted(
    p
    for folder in (DATA / "valid", DATA / "invalid", DATA / "workspace")
    for p in folder.rglob("*")
    if p.suffix in (".yaml", ".yml", ".json") and p.is_file()
)
# Our problem codes that mean "rejected by the structure of the data".
# (An indentation problem is a schema error said as the indentation mistake it is.)
STRUCTURAL = {"schema", "top-level", "indentation"}
# Load failures that are malformed text, which no parser may accept...
MALFORMED = {"yaml", "json", "encoding", "binary"}
# ...and our policy on well-formed text that another parser may accept: duplicate keys
# (ruamel refuses them too), tags, lists as keys, alias bombs, depth, size.
POLICY = {"duplicate-key", "tag", "complex-key", "alias-bomb", "too-deep", "too-large"}

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def _name(path: Path) -> str:
    return path.relative_to(DATA).as_posix()


@cache
def _exclusions() -> dict[Path, str]:
    """Corpus files that are not data, with why (our loader's problem code and message)."""
    excluded = {}
    for path in CORPUS:
        try:
            load_document(path)
        except LoadError as exc:
            problem = exc.problems[0]
            excluded[path] = f"{problem.code}: {said(problem)}"
    return excluded


def _kind(path: Path) -> str:
    kind = classify(path.relative_to(DATA), load_document(path).data)
    return kind or "assessment"  # not a map at all: either schema rejects it


@cache
def _our_verdicts() -> dict[Path, bool]:
    """True where our validation rejects the file on structural (schema) grounds."""
    root = Path(tempfile.mkdtemp(prefix="peer-ws-"))
    shutil.copytree(DATA / "workspace" / "rubrics", root / "rubrics")
    workspace = open_workspace(root)
    verdicts = {}
    for path in CORPUS:
        if path in _exclusions():
            continue
        report = check_files([path], workspace)
        verdicts[path] = any(p.code in STRUCTURAL for p in report.problems)
    shutil.rmtree(root)
    return verdicts


@cache
def _peer_rejections(kind: str, paths: tuple[Path, ...]) -> dict[str, str]:
    """check-jsonschema over `paths` in one run: file -> its first complaint."""
    if not CHECK_JSONSCHEMA.exists():
        pytest.skip("check-jsonschema is not installed (pip install -e '.[test]')")
    completed = subprocess.run(
        [
            str(CHECK_JSONSCHEMA),
            "--schemafile",
            str(SCHEMAS / f"{kind}.schema.json"),
            "--output-format",
            "json",
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode in (0, 1), completed.stderr
    payload = json.loads(completed.stdout)
    rejected: dict[str, str] = {}
    for entry in [*payload["errors"], *payload["parse_errors"]]:
        rejected.setdefault(str(Path(entry["filename"]).resolve()), entry["message"])
    return rejected


def _peer_rejects(path: Path, kind: str) -> str | None:
    batch = tuple(p for p in _our_verdicts() if _kind(p) == kind)
    return _peer_rejections(kind, batch).get(str(path.resolve()))


DATA_FILES = [p for p in CORPUS if p not in _exclusions()]


@pytest.mark.parametrize("path", DATA_FILES, ids=_name)
def test_check_jsonschema_agrees_with_our_structural_verdict(path: Path) -> None:
    kind = _kind(path)
    we_reject = _our_verdicts()[path]
    peer = _peer_rejects(path, kind)
    if we_reject:
        assert peer is not None, f"we reject {_name(path)} on schema grounds; it accepts it"
    else:
        assert peer is None, f"we accept {_name(path)}'s structure; it says: {peer}"


def test_only_invalid_files_are_excluded_and_each_for_a_stated_reason() -> None:
    excluded = _exclusions()
    assert excluded, "the corpus should hold files that are not data at all"
    for path, reason in excluded.items():
        assert "invalid" in path.parts, f"{_name(path)} should load: {reason}"
        assert reason.split(":", 1)[0] in MALFORMED | POLICY, f"{_name(path)}: {reason}"


MALFORMED_FILES = sorted(p for p, r in _exclusions().items() if r.split(":", 1)[0] in MALFORMED)


@pytest.mark.parametrize("path", MALFORMED_FILES, ids=_name)
def test_malformed_text_fails_to_parse_there_too(path: Path) -> None:
    if not CHECK_JSONSCHEMA.exists():
        pytest.skip("check-jsonschema is not installed (pip install -e '.[test]')")
    completed = subprocess.run(
        [
            str(CHECK_JSONSCHEMA),
            "--schemafile",
            str(SCHEMAS / "assessment.schema.json"),
            "--output-format",
            "json",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    payload = json.loads(completed.stdout)
    assert payload["parse_errors"], f"{_name(path)} ({_exclusions()[path]}) parsed there"


def test_both_schemas_and_both_outcomes_are_exercised() -> None:
    """The comparison would prove little if every file were one kind or one verdict."""
    verdicts = _our_verdicts()
    kinds = {(_kind(p), rejected) for p, rejected in verdicts.items()}
    assert kinds == {
        ("assessment", True),
        ("assessment", False),
        ("rubric", True),
        ("rubric", False),
    }
    semantic_only = [p for p, rejected in verdicts.items() if not rejected and "invalid" in p.parts]
    assert len(semantic_only) >= 15  # invalid files that must nevertheless pass the schema
