"""docs/methodology.md cannot drift: its worked example is parsed from the page, validated,
scored with the engine, and compared with the page's tables; its hash recipe is run."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from problem_support import said

from scorecard.loading import parse_document
from scorecard.model import content_hash
from scorecard.scoring import Result, display, percent, score_assessment
from scorecard.validation import check_assessment, check_rubric

DOC = Path(__file__).resolve().parent.parent / "docs" / "methodology.md"
TOKENS = MarkdownIt("commonmark").enable("table").parse(DOC.read_text(encoding="utf-8"))


def fence(marker: str) -> str:
    """The fenced block whose first line is `marker`."""
    (found,) = [t.content for t in TOKENS if t.type == "fence" and t.content.startswith(marker)]
    return found


def table(first_header: str) -> list[dict[str, str]]:
    """The table whose first column is headed `first_header`, as rows keyed by header."""
    tables: list[list[list[str]]] = []
    in_cell = False
    for token in TOKENS:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            tables[-1].append([])
        elif token.type in ("th_open", "td_open", "th_close", "td_close"):
            in_cell = token.type.endswith("_open")
        elif token.type == "inline" and in_cell:
            tables[-1][-1].append(token.content.strip())
    (rows,) = [t for t in tables if t and t[0][0] == first_header]
    header, *body = rows
    return [dict(zip(header, row, strict=True)) for row in body]


@pytest.fixture(scope="module")
def worked() -> Result:
    rubric_doc = parse_document(
        fence("# worked example: rubric").encode(), Path("rubric.yaml"), "rubric"
    )
    problems, rubric = check_rubric(rubric_doc)
    assert rubric is not None and not problems, [str(p) for p in problems]
    assessment_doc = parse_document(
        fence("# worked example: assessment").encode(), Path("assessment.yaml"), "assessment"
    )
    problems, assessment = check_assessment(
        assessment_doc, {rubric.ref: rubric}, today=dt.date(2025, 1, 1)
    )
    assert assessment is not None, [str(p) for p in problems]
    # A draft: the only finding is the warning about the missing source, as the page says.
    assert [(p.severity, "data.other-crimes" in said(p)) for p in problems] == [("warning", True)]
    return score_assessment(rubric, assessment)


def shown(value: Any, suffix: str = "") -> str:
    return "—" if value is None else f"{value}{suffix}"


def test_the_page_has_the_tables_the_test_reads() -> None:
    assert [row["Part"] for row in table("Part")] == ["strategy", "emergency", "data", "overall"]
    assert len(table("Figure")) == 6


def test_pillar_and_overall_figures_match_the_engine(worked: Result) -> None:
    for row in table("Part"):
        if row["Part"] == "overall":
            status, score, band = worked.status, worked.overall, worked.band
            mean, coverage, weight = None, worked.coverage, None
        else:
            pillar = worked.pillar(row["Part"])
            assert pillar is not None, row
            status, score, band = pillar.status, pillar.score, pillar.band
            mean, coverage, weight = pillar.mean, pillar.coverage, pillar.pillar.weight
        assert row["Status"] == status, row
        assert row["Score"] == shown(display(score)), row
        assert row["Band"] == shown(band), row
        assert row["Coverage"] == shown(percent(coverage), "%"), row
        if mean is not None:
            assert row["Weighted mean"] == str(display(mean)), row
        if weight is not None:
            assert Decimal(row["Weight"]) == Decimal(weight.numerator) / weight.denominator


def test_counts_and_evidence_coverage_match_the_engine(worked: Result) -> None:
    figures = {row["Figure"]: row["Value"] for row in table("Figure")}
    counts = worked.counts
    assert figures == {
        "scored": str(counts.scored),
        "not_found": str(counts.not_found),
        "na": str(counts.na),
        "insufficient": str(counts.insufficient),
        "unanswered": str(counts.unanswered),
        "evidence coverage": f"{percent(worked.evidence_coverage)}%",
    }


def test_exact_figures_quoted_in_the_text(worked: Result) -> None:
    text = DOC.read_text(encoding="utf-8")
    assert str(worked.overall) == "419/9" and "419/9" in text
    strategy = worked.pillar("strategy")
    assert strategy is not None and str(strategy.score) == "299/6" and "299/6" in text


def test_the_hash_recipe_reproduces_the_engine(
    worked: Result, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    path = tmp_path / "2024.yaml"
    path.write_text(fence("# worked example: assessment"), encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["hash.py", str(path)])
    exec(compile(fence("# reproduce a content hash"), "hash.py", "exec"), {})
    assert capsys.readouterr().out.strip() == worked.provenance.assessment_sha256


def test_the_page_describes_the_canonical_json_that_is_hashed() -> None:
    data = {"b": "é", "a": [1, 2.5]}
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert canonical == '{"a":[1,2.5],"b":"é"}'
    assert content_hash(data) == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    text = DOC.read_text(encoding="utf-8")
    for phrase in ("keys sorted", "no spaces", "UTF-8", "SHA-256"):
        assert phrase in text
