"""Agreement formatters: every format renders, JSON meets its schema, Markdown survives a real
parser with hostile coder names, the table prints in both languages."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from markdown_it import MarkdownIt
from rich.console import Console
from sensitivity_support import answers_of, make_assessment, make_rubric

from scorecard import schemas
from scorecard.agreement import AgreementReport, Coding, measure_agreement
from scorecard.i18n import available_languages
from scorecard.render.agreement import print_agreement


def _formatters() -> dict[str, Any]:
    """The registry's file formats of `agreement`, called as (report, lang)."""
    from scorecard.render.registry import REGISTRY, Options

    def bind(render: Any) -> Any:
        return lambda report, lang="en": render(report, Options(lang))

    return {n: bind(f.load()) for n, f in REGISTRY["agreement"].items() if not f.terminal}


FORMATTERS = _formatters()

RUBRIC = make_rubric()
ODD = "a|b*c"  # a coder label that must not break a table


def coding(coder: str, code: str, specs: str) -> Coding:
    assessment = make_assessment(RUBRIC, code, answers_of(RUBRIC, specs))
    return Coding(coder, f"codings/{coder}/{code}/2024.yaml", assessment)


@pytest.fixture(scope="module")
def report() -> AgreementReport:
    return measure_agreement(
        [
            coding(ODD, "XA", "all all most  most ins nf  most most na"),
            coding("bob", "XA", "all most most  most some none  most - na"),
            coding(ODD, "XB", "some some some  none none none  all all all"),
            coding("bob", "XB", "some all some  none none some  all all all"),
        ],
        RUBRIC,
    )


def test_every_registered_format_renders(report: AgreementReport) -> None:
    assert set(FORMATTERS) == {"md", "json", "csv"}
    for lang in available_languages():
        for name, formatter in FORMATTERS.items():
            text = formatter(report, lang)
            assert text.endswith("\n") and "strategy.2" in text, name


def test_json_meets_its_schema_with_exact_alphas(report: AgreementReport) -> None:
    document = json.loads(FORMATTERS["json"](report))
    schemas.validator("agreement").validate(document)
    overall = document["overall"]
    assert overall["units"] == 18
    alpha = report.overall.ordinal.value
    assert alpha is not None and overall["alpha_ordinal"]["exact"] == str(alpha)
    assert overall["alpha_ordinal"]["value"] == round(float(alpha), 4)
    one = next(i for i in document["indicators"] if i["id"] == "strategy.1")
    assert one["alpha_nominal"]["value"] == 1.0  # XA all/all, XB some/some
    # emergency.3: XA not_found/none has no pair, XB none/some is the one pairable unit.
    three = next(i for i in document["indicators"] if i["id"] == "emergency.3")
    assert three["alpha_nominal"]["undefined"] == "single_unit"


def test_markdown_tables_survive_a_real_parser(report: AgreementReport) -> None:
    text = FORMATTERS["md"](report, "en")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    header_cells = []
    inside = False
    for token in tokens:
        if token.type == "thead_open":
            inside, header_cells = True, []
        elif token.type == "thead_close" and "Indicator" in header_cells:
            break
        elif inside and token.type == "inline":
            header_cells.append(token.content)
    # The odd coder name is one cell, escaped, in the reconciliation table's header.
    assert header_cells == ["Edition", "Indicator", "a|b\\*c", "bob"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_table_prints(report: AgreementReport, lang: str) -> None:
    buffer = io.StringIO()
    print_agreement(report, lang, Console(file=buffer, width=120, no_color=True))
    out = buffer.getvalue()
    assert "strategy.2" in out and ODD in out
    assert ("Agreement between coders" if lang == "en" else "Acuerdo entre") in out
