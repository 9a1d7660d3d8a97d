"""docs/methodology.md, "Sensitivity" and "Agreement": the worked examples are parsed from the
page, validated, run through the engine, and compared with the page's tables and figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from scorecard.agreement import AgreementReport, Coding, measure_agreement
from scorecard.loading import parse_document
from scorecard.model import Answer, Assessment, Rubric
from scorecard.render.agreement import agreement_to_markdown
from scorecard.render.sensitivity import sensitivity_to_markdown
from scorecard.scoring import display, score_assessment
from scorecard.sensitivity import SensitivityReport, SensitivitySettings, analyse
from scorecard.validation import check_assessment, check_rubric

DOC = Path(__file__).resolve().parent.parent / "docs" / "methodology.md"
TEXT = DOC.read_text(encoding="utf-8")
PARSER = MarkdownIt("commonmark").enable("table")


def fence(marker: str) -> str:
    (found,) = [
        t.content for t in PARSER.parse(TEXT) if t.type == "fence" and t.content.startswith(marker)
    ]
    return found


def tables(markdown: str) -> list[list[list[str]]]:
    """Every table in `markdown`, as rows of cell texts (header first)."""
    found: list[list[list[str]]] = []
    in_cell = False
    for token in PARSER.parse(markdown):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            found[-1].append([])
        elif token.type in ("th_open", "td_open", "th_close", "td_close"):
            in_cell = token.type.endswith("_open")
        elif token.type == "inline" and in_cell:
            found[-1][-1].append(token.content.strip())
    return found


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    problems, found = check_rubric(
        parse_document(fence("# worked example: rubric").encode(), Path("r.yaml"), "r.yaml")
    )
    assert found is not None and not problems
    return found


def assessment(text: str, name: str, rubric: Rubric) -> Assessment:
    document = parse_document(text.encode(), Path(name), name)
    problems, found = check_assessment(document, {rubric.ref: rubric}, today=dt.date(2025, 1, 1))
    assert found is not None, [str(p) for p in problems]
    assert not [p for p in problems if p.severity == "error"]
    return found


@pytest.fixture(scope="module")
def westland(rubric: Rubric) -> Assessment:
    return assessment(fence("# worked example: assessment"), "xw.yaml", rubric)


@pytest.fixture(scope="module")
def others(rubric: Rubric) -> list[Assessment]:
    texts = fence("# sensitivity example: assessments").split("\n---\n")
    return [assessment(text, f"{n}.yaml", rubric) for n, text in enumerate(texts)]


@pytest.fixture(scope="module")
def sensitivity(
    rubric: Rubric, westland: Assessment, others: list[Assessment]
) -> SensitivityReport:
    results = [score_assessment(rubric, a) for a in (westland, *others)]
    # The command the page quotes: --draws 1000 --seed 1, the default spreads.
    return analyse(results, SensitivitySettings(draws=1000, seed=1))


@pytest.fixture(scope="module")
def agreement(rubric: Rubric, westland: Assessment) -> AgreementReport:
    bob = assessment(fence("# agreement example: second coding"), "bob.yaml", rubric)
    return measure_agreement(
        [
            Coding("alice", "codings/alice/XW/2024.yaml", westland),
            Coding("bob", "codings/bob/XW/2024.yaml", bob),
        ],
        rubric,
    )


def test_the_sensitivity_tables_are_the_commands_output(sensitivity: SensitivityReport) -> None:
    rendered = tables(sensitivity_to_markdown(sensitivity, "en"))
    assert len(rendered) == 2
    page = tables(TEXT)
    for table in rendered:
        assert table in page, table[0]
    shift = (
        f"Mean absolute rank shift over the draws: {round(sensitivity.mean_rank_shift or 0, 2)}."
    )
    assert shift in TEXT


def test_the_sensitivity_figures_in_the_text(
    rubric: Rubric, westland: Assessment, others: list[Assessment]
) -> None:
    northland, eastland = others
    scores = {a.code: display(score_assessment(rubric, a).overall) for a in others}
    assert str(scores["XN"]) == "76.8" and str(scores["XE"]) == "52.9"
    assert "Northland leads with 76.8, Eastland follows with 52.9" in TEXT
    # Northland's missing time limit scored at the lowest level: the pillar falls to 0.
    lowest = Answer("level", "none", None, (), None, None, False)
    answers = {**northland.answers, "emergency.time-limit": lowest}
    fallen = score_assessment(rubric, replace(northland, answers=answers))
    assert (str(display(fallen.overall)), fallen.band) == ("54.6", "limited")
    assert "Northland falls\n  to 54.6" in TEXT
    # Eastland's weakest-link pillar aggregated by the mean instead.
    pillars = tuple(
        replace(p, aggregation="mean") if p.id == "emergency" else p for p in rubric.pillars
    )
    mean_rubric = replace(rubric, pillars=pillars)
    risen = score_assessment(mean_rubric, eastland)
    emergency = risen.pillar("emergency")
    assert emergency is not None and str(display(emergency.score)) == "66.7"
    assert str(display(risen.overall)) == "67.7" and "Eastland rises to 67.7" in TEXT


def test_the_agreement_tables_are_the_commands_output(agreement: AgreementReport) -> None:
    rendered = tables(agreement_to_markdown(agreement, "en"))
    page = tables(TEXT)
    figures, reconcile = rendered[0], rendered[2]
    assert figures[0][0] == "Scope" and reconcile[0][:2] == ["Edition", "Indicator"]
    assert figures in page and reconcile in page


def test_the_alphas_worked_by_hand(agreement: AgreementReport) -> None:
    overall = agreement.overall
    assert overall.nominal.value == Fraction(10, 19) and "10/19 ≈ 0.526" in TEXT
    assert overall.nominal.observed == Fraction(4, 10)
    assert overall.nominal.expected == Fraction(76, 90) and "76/90" in TEXT
    assert overall.ordinal.value == Fraction(31, 40) and "31/40 = 0.775" in TEXT
    assert (overall.pairs, overall.agreeing_pairs) == (5, 3) and "3/5 = 60%" in TEXT


def test_the_page_says_where_codings_live() -> None:
    assert "codings/<coder>/<CODE>/<edition>.yaml" in TEXT
    for command in ("scorecard agreement codings/alice codings/bob", "scorecard sensitivity"):
        assert command in TEXT


def test_the_rank_interval_chart_in_the_page_is_the_commands_output(
    sensitivity: SensitivityReport,
) -> None:
    from scorecard.charts.ranks import rank_chart_svg
    from scorecard.render.registry import Options

    assert "](images/sensitivity-ranks.svg)" in TEXT
    committed = (DOC.parent / "images" / "sensitivity-ranks.svg").read_text(encoding="utf-8")
    regenerate = "regenerate: scorecard sensitivity <the three> --draws 1000 --seed 1 --format svg"
    assert committed == rank_chart_svg(sensitivity, Options(lang="en")), regenerate
