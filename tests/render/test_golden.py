"""Golden files: the Markdown and HTML of the XB fixture, in English and Spanish, compared
byte for byte. Regenerate after an intended change, then review the diff:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/render/test_golden.py

The tool version in the provenance footer is fixed by the fixture, so a version bump alone
does not change the goldens."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from render_support import GOLDEN_CODE, fixture_result

from scorecard.render import render_methodology, render_scorecard

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
CASES = [
    (kind, fmt, lang)
    for kind in ("scorecard", "methodology")
    for fmt in ("md", "html")
    for lang in ("en", "es")
]


def _render(kind: str, fmt: str, lang: str) -> str:
    result = fixture_result(GOLDEN_CODE)
    if kind == "scorecard":
        return render_scorecard(result, fmt, lang)
    return render_methodology(result.rubric, fmt, lang)


@pytest.mark.parametrize(("kind", "fmt", "lang"), CASES)
def test_golden(kind: str, fmt: str, lang: str) -> None:
    name = (
        f"{GOLDEN_CODE}-2024.{lang}.{fmt}" if kind == "scorecard" else f"methodology.{lang}.{fmt}"
    )
    path = GOLDEN / name
    actual = _render(kind, fmt, lang).encode("utf-8")
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(actual)
    assert path.is_file(), f"missing {path}; run UPDATE_GOLDEN=1 pytest {__file__}"
    assert actual == path.read_bytes(), (
        f"{name} differs from the golden file; if the change is intended, regenerate with "
        "UPDATE_GOLDEN=1 .venv/bin/pytest tests/render/test_golden.py and review the diff"
    )
