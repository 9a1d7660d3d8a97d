"""Sensitivity formatters: every format renders, JSON meets its schema, Markdown survives a
real parser with hostile names, CSV is tidy, the table prints in both languages."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from typing import Any

import pytest
from markdown_it import MarkdownIt
from rich.console import Console
from sensitivity_support import answers_of, make_assessment, make_rubric

from scorecard import schemas
from scorecard.i18n import available_languages
from scorecard.render.sensitivity import (
    CSV_COLUMNS,
    print_sensitivity,
)
from scorecard.scoring import score_assessment
from scorecard.sensitivity import SensitivityReport, SensitivitySettings, analyse


def _formatters() -> dict[str, Any]:
    """The registry's file formats of `sensitivity`, called as (report, lang)."""
    from scorecard.render.registry import REGISTRY, Options

    def bind(render: Any) -> Any:
        return lambda report, lang="en": render(report, Options(lang))

    return {n: bind(f.load()) for n, f in REGISTRY["sensitivity"].items() if not f.terminal}


FORMATTERS = _formatters()

RUBRIC = make_rubric()
HOSTILE = "Pipe | land <b>*x*</b>\nnext line"


@pytest.fixture(scope="module")
def report() -> SensitivityReport:
    results = []
    for code, specs in (
        ("XA", "all all most  most most ins  most most most"),
        ("XB", "most most most  most most most  most most most"),
        ("XC", "ins ins ins  ins ins ins  ins ins ins"),
    ):
        assessment = make_assessment(RUBRIC, code, answers_of(RUBRIC, specs))
        if code == "XA":  # a name that would break a table if not escaped
            assessment = replace(assessment, name={"": HOSTILE})
        results.append(score_assessment(RUBRIC, assessment))
    return analyse(results, SensitivitySettings(draws=100, seed=2))


def test_every_registered_format_renders(report: SensitivityReport) -> None:
    assert set(FORMATTERS) == {"md", "json", "csv", "svg"}
    for lang in available_languages():
        for name, formatter in FORMATTERS.items():
            text = formatter(report, lang)
            assert text.endswith("\n") and "XB" in text, name


def test_json_meets_its_schema_and_keeps_ids(report: SensitivityReport) -> None:
    document = json.loads(FORMATTERS["json"](report, "es"))
    schemas.validator("sensitivity").validate(document)
    xb = next(j for j in document["jurisdictions"] if j["code"] == "XB")
    assert (xb["score"], xb["score_exact"], xb["band"]) == (70, "70", "high")
    assumptions = [e["assumption"] for e in xb["effects"]]
    assert assumptions == ["weights", "aggregation", "missing", "bands"]


def test_markdown_tables_survive_a_real_parser(report: SensitivityReport) -> None:
    text = FORMATTERS["md"](report, "en")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 1 + 2 + 1 + 2  # two tables: a header and two ranked rows each
    cells = [t.content for t in tokens if t.type == "inline"]
    assert not any("<b>" in c and "\\<b" not in c for c in cells)
    assert "Not ranked (no published overall score): XC" in text


def test_csv_is_one_tidy_row_per_jurisdiction(report: SensitivityReport) -> None:
    rows = list(csv.DictReader(io.StringIO(FORMATTERS["csv"](report))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["jurisdiction"] for r in rows] == ["XA", "XB", "XC"]
    xc = rows[2]
    assert xc["status"] == "withheld" and xc["rank"] == "" and xc["weights_rank_low"] == ""


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_table_prints(report: SensitivityReport, lang: str) -> None:
    buffer = io.StringIO()
    print_sensitivity(report, lang, Console(file=buffer, width=120, no_color=True))
    out = buffer.getvalue()
    assert "XA" in out and "XB" in out
    assert ("Sensitivity of the ranking" if lang == "en" else "Sensibilidad") in out
