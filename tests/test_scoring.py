"""Hand-computed cases for every rule of the scoring method (SPEC "Scoring method").

Each case is a small rubric and assessment built from dicts, registered in CASES so that
tests/test_result_document.py can check the JSON output of every one of them.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from scorecard import __version__, schemas
from scorecard.api import score_files
from scorecard.loading import load_document
from scorecard.model import assessment_from_data, rubric_from_data
from scorecard.scoring import Reason, Result, display, percent, score_assessment
from scorecard.workspace import open_workspace

# --- builders -------------------------------------------------------------------------------

BANDS = [
    {"id": "low", "label": "Low", "min": 0, "max": 40},
    {"id": "medium", "label": "Medium", "min": 40, "max": 70},
    {"id": "high", "label": "High", "min": 70, "max": 100},
]
SOURCE = {"title": "Official gazette", "url": "https://example.org/gazette"}
NOT_FOUND = {"not_found": "Searched the ministry website and the gazette on 2024-06-01."}
NA = {"na": "No state of exception was declared in the period."}
INSUFFICIENT = {"insufficient": "Two official sources conflict."}
UNANSWERED = None


def level_id(value: int | float) -> str:
    return f"v{value}"


def indicator(
    ind_id: str, weight: float = 1, levels: tuple[int | float, ...] = (0, 50, 100), **extra: Any
) -> dict[str, Any]:
    """An indicator whose level ids are its values: level 50 is `v50`."""
    return {
        "id": ind_id,
        "question": f"Question {ind_id}?",
        "weight": weight,
        "na_allowed": True,
        "levels": [{"id": level_id(v), "value": v, "descriptor": f"value {v}"} for v in levels],
        **extra,
    }


def pillar(
    pillar_id: str, *indicators: dict[str, Any], weight: float = 1, aggregation: str = "mean"
) -> dict[str, Any]:
    return {
        "id": pillar_id,
        "title": {"en": f"Pillar {pillar_id}", "es": f"Pilar {pillar_id}"},
        "weight": weight,
        "aggregation": aggregation,
        "indicators": list(indicators),
    }


def rubric(
    *pillars: dict[str, Any], min_coverage: str | float = "2/3", bands: list[Any] | None = None
) -> dict[str, Any]:
    return {
        "id": "case",
        "version": "1.0",
        "title": "Case rubric",
        "languages": ["en"],
        "min_coverage": min_coverage,
        "bands": bands or BANDS,
        "pillars": list(pillars),
    }


def answer(spec: int | float | dict[str, Any]) -> dict[str, Any]:
    """A number picks the level with that value (with a source); a dict is the answer."""
    if isinstance(spec, dict):
        return spec
    return {"level": level_id(spec), "evidence": [SOURCE]}


def assessment(
    answers: dict[str, Any], status: str = "example", code: str = "XA"
) -> dict[str, Any]:
    return {
        "rubric": "case@1.0",
        "jurisdiction": {"code": code, "name": {"en": "Xanadu", "es": "Xanadú"}},
        "edition": "2024",
        "as_of": "2024-06-30",
        "status": status,
        "answers": {k: answer(v) for k, v in answers.items() if v is not UNANSWERED},
    }


def score(rubric_data: dict[str, Any], assessment_data: dict[str, Any]) -> Result:
    """Score data that must first pass the bundled schemas, as real files would."""
    schemas.validator("rubric").validate(rubric_data)
    schemas.validator("assessment").validate(assessment_data)
    return score_assessment(rubric_from_data(rubric_data), assessment_from_data(assessment_data))


CASES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}


def case(name: str, rubric_data: dict[str, Any], answers: dict[str, Any], **kw: Any) -> str:
    """Register a case (for the result-document tests) and return its name."""
    CASES[name] = (rubric_data, assessment(answers, **kw))
    return name


def scored(name: str) -> Result:
    return score(*CASES[name])


def value_of(result: Result, indicator_id: str) -> Fraction | None:
    found = result.indicator(indicator_id)
    assert found is not None
    return found.value


# --- rule 1: indicator values ---------------------------------------------------------------

ANSWER_KINDS = case(
    "answer kinds",
    rubric(pillar("p", *(indicator(i, levels=(10, 60, 100)) for i in "abcde"))),
    {"a": 60, "b": NOT_FOUND, "c": NA, "d": INSUFFICIENT, "e": UNANSWERED},
    status="draft",
)


def test_each_answer_kind_gives_its_value() -> None:
    result = scored(ANSWER_KINDS)
    assert value_of(result, "a") == 60  # the level's value
    assert value_of(result, "b") == 10  # not_found: the lowest level's value, not 0
    assert value_of(result, "c") is None  # na: not applicable
    assert value_of(result, "d") is None  # insufficient: missing
    assert value_of(result, "e") is None  # unanswered: missing
    kinds = {i.id: i.kind for i in result.pillars[0].indicators}
    assert kinds == {
        "a": "level",
        "b": "not_found",
        "c": "na",
        "d": "insufficient",
        "e": "unanswered",
    }
    # Scored (a, b) over applicable (a, b, d, e): 2/4 is below 2/3, so withheld.
    p = result.pillars[0]
    assert p.coverage == Fraction(1, 2)
    assert (p.status, p.score, p.mean) == ("withheld", None, 35)


NA_EXCLUDED = case(
    "na excluded",
    rubric(pillar("p", indicator("a"), indicator("b"), indicator("c"))),
    {"a": 100, "b": 50, "c": NA},
)


def test_na_is_excluded_from_score_and_coverage() -> None:
    p = scored(NA_EXCLUDED).pillars[0]
    assert p.score == 75  # (100 + 50) / 2: the na answer is not a zero
    assert p.coverage == 1  # and does not count against coverage


INSUFFICIENT_AT_EDGE = case(
    "insufficient at the coverage edge",
    rubric(pillar("p", indicator("a"), indicator("b"), indicator("c"))),
    {"a": 100, "b": 50, "c": INSUFFICIENT},
)
UNANSWERED_AT_EDGE = case(
    "unanswered at the coverage edge",
    rubric(pillar("p", indicator("a"), indicator("b"), indicator("c"))),
    {"a": 100, "b": 50, "c": UNANSWERED},
    status="draft",
)


@pytest.mark.parametrize("name", [INSUFFICIENT_AT_EDGE, UNANSWERED_AT_EDGE])
def test_insufficient_and_unanswered_are_excluded_but_count_against_coverage(name: str) -> None:
    result = scored(name)
    p = result.pillars[0]
    assert p.score == 75  # excluded from the mean, not scored as 0
    assert p.coverage == Fraction(2, 3)  # ... but counted against coverage
    assert p.status == "scored"  # exactly 2/3 is not *below* min_coverage 2/3
    assert result.overall == 75


def test_unanswered_is_treated_exactly_like_insufficient() -> None:
    insufficient, unanswered = scored(INSUFFICIENT_AT_EDGE), scored(UNANSWERED_AT_EDGE)
    assert (insufficient.overall, insufficient.coverage) == (
        unanswered.overall,
        unanswered.coverage,
    )
    assert insufficient.counts.insufficient == 1 and insufficient.counts.unanswered == 0
    assert unanswered.counts.insufficient == 0 and unanswered.counts.unanswered == 1


def test_coverage_just_above_the_minimum_withholds() -> None:
    rubric_data, assessment_data = CASES[INSUFFICIENT_AT_EDGE]
    stricter = {**rubric_data, "min_coverage": 0.7}
    p = score(stricter, assessment_data).pillars[0]
    assert (p.status, p.score, p.band) == ("withheld", None, None)
    assert p.mean == 75  # what the mean would have been is still reported


# --- rule 2: pillars ------------------------------------------------------------------------

DECIMAL_WEIGHTS = case(
    "decimal weights",
    rubric(pillar("p", indicator("a", weight=1.5), indicator("b", weight=0.5))),
    {"a": 50, "b": 100},
)


def test_decimal_weights() -> None:
    p = scored(DECIMAL_WEIGHTS).pillars[0]
    assert p.score == Fraction(125, 2)  # (1.5*50 + 0.5*100) / 2 = 62.5


TENTHS = case(
    "tenths",
    rubric(pillar("p", indicator("a", weight=0.1), indicator("b", weight=0.2))),
    {"a": 0, "b": 100},
)


def test_weights_are_exact_tenths() -> None:
    p = scored(TENTHS).pillars[0]
    assert p.score == Fraction(200, 3)  # 0.2*100 / (0.1 + 0.2), with 0.1 + 0.2 == 3/10
    assert display(p.score) == Decimal("66.7")


FLOAT_TRAP = case(
    "float trap at a band edge",
    rubric(
        pillar(
            "p",
            indicator("a", weight=0.1, levels=(0, 70, 100)),
            indicator("b", weight=0.2, levels=(0, 70, 100)),
        )
    ),
    {"a": 70, "b": 70},
)


def test_exact_arithmetic_keeps_a_score_on_its_band_edge() -> None:
    # Guard that the case still discriminates: binary floats land below 70, in "medium".
    assert (0.1 * 70 + 0.2 * 70) / (0.1 + 0.2) < 70
    result = scored(FLOAT_TRAP)
    assert result.overall == 70
    assert result.band == "high"


TENTH_COVERAGE = case(
    "coverage in tenths",
    rubric(
        pillar(
            "p",
            indicator("a", weight=0.1),
            indicator("b", weight=0.2),
            indicator("c", weight=0.3),
        ),
        min_coverage=0.5,
    ),
    {"a": 100, "b": 100, "c": INSUFFICIENT},
)


def test_coverage_is_exact() -> None:
    result = scored(TENTH_COVERAGE)
    p = result.pillars[0]
    assert p.coverage == Fraction(1, 2)  # (0.1 + 0.2) / (0.1 + 0.2 + 0.3), exactly
    assert p.status == "scored"
    assert p.score == 100


MIN_PILLAR = case(
    "weakest link",
    rubric(
        pillar(
            "p",
            indicator("a", weight=2, levels=(0, 40, 70, 100)),
            indicator("b", levels=(0, 40, 70, 100)),
            indicator("c", levels=(0, 40, 70, 100)),
            indicator("d", levels=(0, 40, 70, 100)),
            aggregation="min",
        )
    ),
    {"a": 100, "b": 40, "c": 70, "d": NA},
)


def test_min_pillar_takes_the_weakest_link_and_reports_the_mean() -> None:
    p = scored(MIN_PILLAR).pillars[0]
    assert p.score == 40  # the lowest scored value; the na answer is ignored
    assert p.mean == Fraction(155, 2)  # (2*100 + 40 + 70) / 4 = 77.5, beside it
    assert p.band == "medium"  # the band of the score (40), not of the mean


MIN_PILLAR_NOT_FOUND = case(
    "weakest link with not_found",
    rubric(
        pillar(
            "p",
            indicator("a", levels=(20, 60, 100)),
            indicator("b", levels=(0, 50, 100)),
            aggregation="min",
        )
    ),
    {"a": NOT_FOUND, "b": 100},
)


def test_not_found_is_the_weakest_link() -> None:
    p = scored(MIN_PILLAR_NOT_FOUND).pillars[0]
    assert p.score == 20
    assert p.mean == 60


ALL_NA = case(
    "all-na pillar",
    rubric(
        pillar("strategy", indicator("a"), indicator("b"), weight=2),
        pillar("emergency", indicator("c"), indicator("d"), weight=3),
    ),
    {"a": 100, "b": 50, "c": NA, "d": NA},
)


def test_all_na_pillar_is_not_applicable_and_dropped_from_overall() -> None:
    result = scored(ALL_NA)
    emergency = result.pillar("emergency")
    assert emergency is not None
    assert emergency.status == "not_applicable"
    assert (emergency.score, emergency.coverage, emergency.band) == (None, None, None)
    assert emergency.reason
    # The overall is strategy's score alone, and coverage is over applicable weight only.
    assert (result.status, result.overall, result.coverage) == ("scored", 75, 1)


ALL_PILLARS_NA = case(
    "all pillars n/a",
    rubric(pillar("p", indicator("a")), pillar("q", indicator("b"))),
    {"a": NA, "b": NA},
)


def test_all_pillars_not_applicable() -> None:
    result = scored(ALL_PILLARS_NA)
    assert result.status == "not_applicable"
    assert (result.overall, result.coverage, result.band) == (None, None, None)
    assert result.reason
    assert result.evidence_coverage is None  # nothing was scored, so nothing to judge


# --- rule 3: withholding --------------------------------------------------------------------

PILLAR_WITHHELD = case(
    "pillar withheld",
    rubric(
        pillar("strategy", indicator("a"), indicator("b"), weight=2),
        pillar("emergency", indicator("c"), indicator("d"), indicator("e"), weight=1),
    ),
    {"a": 100, "b": 50, "c": 0, "d": INSUFFICIENT, "e": INSUFFICIENT},
)


def test_pillar_below_min_coverage_is_withheld_never_zero() -> None:
    result = scored(PILLAR_WITHHELD)
    emergency = result.pillar("emergency")
    assert emergency is not None
    assert emergency.status == "withheld"
    assert emergency.score is None and emergency.band is None
    assert emergency.coverage == Fraction(1, 3)
    assert emergency.reason is not None
    assert emergency.reason == Reason("coverage_below_minimum", Fraction(1, 3), Fraction(2, 3))
    # The overall is strategy's 75 (not dragged down by a 0), over 2/3 of the weight.
    assert (result.status, result.overall, result.coverage) == ("scored", 75, Fraction(2, 3))


OVERALL_WITHHELD = case(
    "overall withheld",
    rubric(
        pillar("p", indicator("a"), indicator("b")),
        pillar("q", indicator("c"), indicator("d")),
        pillar("r", indicator("e"), indicator("f")),
    ),
    {"a": 100, "b": 100, "c": 50, "d": INSUFFICIENT, "e": INSUFFICIENT, "f": INSUFFICIENT},
)


def test_overall_below_min_coverage_is_withheld() -> None:
    result = scored(OVERALL_WITHHELD)
    assert [p.status for p in result.pillars] == ["scored", "withheld", "withheld"]
    assert result.status == "withheld"
    assert result.overall is None and result.band is None
    assert result.coverage == Fraction(1, 3)
    assert result.reason is not None and result.reason.code == "coverage_below_minimum"


# --- rule 4: bands --------------------------------------------------------------------------

EDGE_LEVELS = (0, 39.9, 40, 69.9, 70, 100)


@pytest.mark.parametrize(
    ("value", "band"),
    [(0, "low"), (39.9, "low"), (40, "medium"), (69.9, "medium"), (70, "high"), (100, "high")],
)
def test_band_edges(value: float, band: str) -> None:
    result = score(
        rubric(pillar("p", indicator("a", levels=EDGE_LEVELS))), assessment({"a": value})
    )
    assert result.band == band  # a score on a band's min belongs to it; 100 to the top band
    assert result.pillars[0].band == band


for _value in EDGE_LEVELS:
    case(
        f"band edge {_value}",
        rubric(pillar("p", indicator("a", levels=EDGE_LEVELS))),
        {"a": _value},
    )


def test_band_is_decided_on_the_value_shown() -> None:
    # 39.96 is shown as 40.0, so it is banded as 40 ("medium" starts at 40), never "low".
    result = score(
        rubric(pillar("p", indicator("a", levels=(0, 39.96, 100)))), assessment({"a": 39.96})
    )
    assert display(result.overall) == Decimal("40.0")
    assert result.band == "medium"
    assert result.pillars[0].band == "medium"


def test_band_follows_the_rubrics_display_rule() -> None:
    # With whole numbers rounded half up on 0-100, 39.5 is shown 40 and banded so; 39.49 is 39.
    whole = {**rubric(pillar("p", indicator("a", levels=(0, 39.49, 39.5, 100))))}
    whole["display"] = {"places": 0, "rounding": "half_up"}
    assert score(whole, assessment({"a": 39.5})).band == "medium"
    assert score(whole, assessment({"a": 39.49})).band == "low"


# --- display rounding -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exact", "shown"),
    [
        (Fraction(4225, 100), "42.3"),  # half away from zero, where round() gives 42.2
        (Fraction(4235, 100), "42.4"),
        (Fraction(5, 100), "0.1"),
        (Fraction(4, 100), "0.0"),
        (Fraction(100, 3), "33.3"),
        (Fraction(200, 3), "66.7"),
        (Fraction(50, 3), "16.7"),
        (Fraction(100), "100.0"),
        (Fraction(0), "0.0"),
        (Fraction(-4225, 100), "-42.3"),  # away from zero on both sides (for differences)
        (Fraction(-4, 100), "0.0"),
    ],
)
def test_display_rounds_once_half_away_from_zero(exact: Fraction, shown: str) -> None:
    assert str(display(exact)) == shown


def test_display_of_nothing_is_nothing() -> None:
    assert display(None) is None
    assert percent(None) is None
    assert percent(Fraction(2, 3)) == Decimal("66.7")


ROUNDING = case(
    "rounding",
    rubric(
        pillar("p", indicator("a", levels=(0, 84.5)), indicator("b", levels=(0, 84.5))),
        pillar("q", indicator("c", levels=(0, 0.1)), indicator("d", levels=(0, 0.1))),
    ),
    {"a": 84.5, "b": 0, "c": 0.1, "d": 0},
)


def test_engine_scores_round_once_at_the_end() -> None:
    result = scored(ROUNDING)
    p, q = result.pillars
    assert p.score == Fraction(169, 4)  # 42.25 exactly
    assert str(display(p.score)) == "42.3"
    assert q.score == Fraction(1, 20)  # 0.05 exactly
    assert str(display(q.score)) == "0.1"
    # The overall is computed from the exact pillar scores, not the rounded ones:
    # (42.25 + 0.05) / 2 = 21.15 -> 21.2; from rounded pillars (42.3 + 0.1) / 2 = 21.2 too,
    # so check the exact value.
    assert result.overall == Fraction(423, 20)


# --- rule 5: counts, evidence coverage, provenance ------------------------------------------

EVIDENCE = case(
    "evidence coverage",
    rubric(
        pillar(
            "p",
            *(indicator(i, evidence={"url_required": True}) for i in "abcdefg"),
            indicator("h", evidence={"min_sources": 2}),
        ),
        min_coverage=0.5,
    ),
    {
        "a": {"level": "v100", "evidence": [SOURCE]},  # meets the rule
        "b": {"level": "v50", "evidence": [{"title": "A leaked memo"}]},  # no URL
        "c": {"level": "v50"},  # no source at all
        "d": {"level": "v0"},  # the lowest level is an accusation too: undocumented
        "e": NOT_FOUND,  # scored, with no record of where the assessor looked
        "f": NA,  # not scored: not judged
        "g": INSUFFICIENT,  # not scored: not judged
        "h": {"level": "v100", "evidence": [SOURCE]},  # one source of the two required
    },
    status="draft",  # a draft may still be gathering evidence; validation only warns
)


def test_evidence_coverage_is_the_share_of_scored_answers_meeting_the_rule() -> None:
    result = scored(EVIDENCE)
    ok = {i.id: i.evidence_ok for i in result.pillars[0].indicators}
    assert ok == {
        "a": True,
        "b": False,
        "c": False,
        "d": False,
        "e": False,
        "f": None,
        "g": None,
        "h": False,
    }
    assert result.evidence_coverage == Fraction(1, 6)


def test_evidence_coverage_counts_both_sides_of_the_scale() -> None:
    """Issue 13: with every source stripped, evidence coverage showed 100% (the lowest level
    and not_found needed nothing). Documented, they count; undocumented, they do not."""
    rubric_data, data = CASES[EVIDENCE]
    search = {"where": "Ministry website", "date": "2024-06-01"}
    documented = {
        **data,
        "answers": {
            **data["answers"],
            "d": {"level": "v0", "evidence": [SOURCE]},
            "e": {**NOT_FOUND, "searched": [search]},
        },
    }
    assert score(rubric_data, documented).evidence_coverage == Fraction(3, 6)
    stripped = {
        **data,
        "answers": {
            key: {k: v for k, v in answer.items() if k not in ("evidence", "searched")}
            for key, answer in documented["answers"].items()
        },
    }
    assert score(rubric_data, stripped).evidence_coverage == 0


def test_counts_per_pillar_and_overall() -> None:
    result = scored(PILLAR_WITHHELD)
    strategy, emergency = result.pillars
    assert (strategy.counts.scored, strategy.counts.insufficient) == (2, 0)
    assert (emergency.counts.scored, emergency.counts.insufficient) == (1, 2)
    c = scored(ANSWER_KINDS).counts
    assert (c.scored, c.not_found, c.na, c.insufficient, c.unanswered) == (1, 1, 1, 1, 1)
    c = scored(EVIDENCE).counts
    assert (c.scored, c.not_found, c.na, c.insufficient, c.unanswered) == (5, 1, 1, 1, 0)


def canonical_sha256(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_provenance_names_tool_rubric_and_content_hashes() -> None:
    rubric_data, assessment_data = CASES[DECIMAL_WEIGHTS]
    provenance = scored(DECIMAL_WEIGHTS).provenance
    assert provenance.tool_version == __version__
    assert provenance.rubric == "case@1.0"
    assert provenance.rubric_sha256 == canonical_sha256(rubric_data)
    assert provenance.assessment_sha256 == canonical_sha256(assessment_data)


def test_a_changed_answer_changes_the_assessment_hash_only() -> None:
    rubric_data = CASES[DECIMAL_WEIGHTS][0]
    changed = assessment({"a": 50, "b": 0})
    before, after = scored(DECIMAL_WEIGHTS).provenance, score(rubric_data, changed).provenance
    assert before.rubric_sha256 == after.rubric_sha256
    assert before.assessment_sha256 != after.assessment_sha256


def _as_json_workspace(source: Path, target: Path) -> None:
    """Copy a workspace, rewriting every YAML file as JSON with the same content."""
    for path in source.rglob("*.yaml"):
        data = load_document(path).data
        out = target / path.relative_to(source).with_suffix(".json")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(data, indent=4, ensure_ascii=True), encoding="utf-8")


def test_same_content_as_yaml_and_as_json_hashes_the_same(
    test_workspace: Path, tmp_path: Path
) -> None:
    as_json = tmp_path / "json-ws"
    _as_json_workspace(test_workspace, as_json)
    # Reformat the YAML too: comments and layout are not content.
    reformatted = tmp_path / "yaml-ws"
    shutil.copytree(test_workspace, reformatted)
    target = reformatted / "assessments" / "XA" / "2024.yaml"
    target.write_text(
        "# reformatted\n"
        + yaml.safe_dump(load_document(target).data, sort_keys=True, allow_unicode=True),
        encoding="utf-8",
    )

    def provenance(root: Path, suffix: str) -> Any:
        path = root / "assessments" / "XA" / f"2024{suffix}"
        (result,) = score_files([path], open_workspace(root))
        return result.provenance, result.overall

    original = provenance(test_workspace, ".yaml")
    assert provenance(as_json, ".json") == original
    assert provenance(reformatted, ".yaml") == original
    assert original[0].rubric == "test-rubric@1.0"


# --- the rubric's display rule ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exact", "places", "rounding", "expected"),
    [
        (Fraction(625, 100), 1, "half_even", "6.2"),  # OpenSSF Scorecard: ties to even
        (Fraction(635, 100), 1, "half_even", "6.4"),
        (Fraction(815, 10), 0, "half_up", "82"),  # Open Budget Index: whole numbers, half up
        (Fraction(805, 10), 0, "half_even", "80"),
        (Fraction(-25, 100), 1, "half_up", "-0.2"),  # towards +infinity
        (Fraction(-25, 100), 1, "half_away_from_zero", "-0.3"),
        (Fraction(1, 3), 2, "half_up", "0.33"),
        (Fraction(2, 3), 0, "half_even", "1"),
    ],
)
def test_display_rounding_rules(exact: Fraction, places: int, rounding: Any, expected: str) -> None:
    assert str(display(exact, places, rounding)) == expected


def test_shown_scales_then_rounds_once() -> None:
    from scorecard.model import Display
    from scorecard.scoring import banded, shown, shown_change

    ten = Display(1, "half_even", Fraction(10))
    assert shown(Fraction("62.5"), ten) == Decimal("6.2")  # 62.5 x 10/100 = 6.25 -> 6.2
    assert banded(Fraction("62.5"), ten) == 62
    assert shown(Fraction(50, 3)) == Decimal("16.7")
    # The change shown is the difference of the values shown: 16.7 -> 18.9 is +2.2, not +2.1.
    assert shown_change(Fraction(50, 3), Fraction(1889, 100)) == Decimal("2.2")
    assert shown_change(None, Fraction(1)) is None


def test_min_coverage_zero_never_withholds_a_score_with_any_answer() -> None:
    data = rubric(pillar("p", indicator("a"), indicator("b"), indicator("c")), min_coverage=0)
    result = score(data, assessment({"a": 50, "b": INSUFFICIENT, "c": UNANSWERED}))
    assert (result.status, result.overall) == ("scored", 50)
    nothing = score(data, assessment({"a": INSUFFICIENT, "b": UNANSWERED, "c": UNANSWERED}))
    assert nothing.status == "withheld"  # nothing scored: there is no score to show
