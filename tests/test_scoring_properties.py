"""Properties of the scoring method over generated rubrics and assessments (hypothesis)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.model import assessment_from_data, rubric_from_data
from scorecard.render.result_csv import results_csv
from scorecard.render.result_json import result_to_dict
from scorecard.scoring import Result, score_assessment

FAST = settings(deadline=None, max_examples=60)

WEIGHTS = ["0.1", "0.2", "0.25", "0.5", "1", "1.5", "2", "2.5", "3", "7.5", "10"]
KINDS = ["level", "level", "level", "not_found", "na", "insufficient", "unanswered"]
BANDS = [
    {"id": "scant", "label": "Scant", "min": 0, "max": 20.5},
    {"id": "limited", "label": "Limited", "min": 20.5, "max": 60},
    {"id": "extensive", "label": "Extensive", "min": 60, "max": 100},
]


@st.composite
def levels(draw: st.DrawFn) -> list[float]:
    """2-5 strictly increasing values in 0-100, some with a decimal."""
    tenths = draw(st.lists(st.integers(0, 1000), min_size=2, max_size=5, unique=True))
    return [t / 10 for t in sorted(tenths)]


@st.composite
def cases(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """A rubric as data, and an assessment answering its indicators in every way."""
    pillars, answers = [], {}
    for p in range(draw(st.integers(1, 4))):
        indicators = []
        for i in range(draw(st.integers(1, 4))):
            ind_id = f"p{p}.i{i}"
            values = draw(levels())
            indicators.append(
                {
                    "id": ind_id,
                    "question": "?",
                    "weight": float(draw(st.sampled_from(WEIGHTS))),
                    "na_allowed": True,
                    "levels": [
                        {"id": f"l{n}", "value": v, "descriptor": "-"} for n, v in enumerate(values)
                    ],
                }
            )
            kind = draw(st.sampled_from(KINDS))
            if kind == "level":
                answers[ind_id] = {"level": f"l{draw(st.integers(0, len(values) - 1))}"}
            elif kind != "unanswered":
                answers[ind_id] = {kind: "why"}
        pillars.append(
            {
                "id": f"p{p}",
                "title": f"Pillar {p}",
                "weight": float(draw(st.sampled_from(WEIGHTS))),
                "aggregation": draw(st.sampled_from(["mean", "min"])),
                "indicators": indicators,
            }
        )
    rubric = {
        "id": "generated",
        "version": "1.0",
        "title": "Generated",
        "languages": ["en"],
        "min_coverage": draw(st.sampled_from(["1/2", "2/3", 1, 0.25])),
        "bands": BANDS,
        "pillars": pillars,
    }
    assessment = {
        "rubric": "generated@1.0",
        "jurisdiction": {"code": "QX", "name": "Qux"},
        "edition": "2024",
        "as_of": "2024-06-30",
        "status": "draft",
        "answers": answers,
    }
    return rubric, assessment


def score(rubric: dict[str, Any], assessment: dict[str, Any]) -> Result:
    return score_assessment(rubric_from_data(rubric), assessment_from_data(assessment))


def figures(result: Result) -> tuple[Any, ...]:
    """Everything a reader sees of a result, independent of the order of pillars."""
    pillars = {
        p.id: (p.status, p.score, p.mean, p.coverage, p.band, p.counts) for p in result.pillars
    }
    indicators = {
        i.id: (i.kind, i.value, i.evidence_ok) for p in result.pillars for i in p.indicators
    }
    return (
        result.status,
        result.overall,
        result.coverage,
        result.band,
        result.counts,
        result.evidence_coverage,
        pillars,
        indicators,
    )


def in_range(value: Fraction | None, high: int = 100) -> bool:
    return value is None or 0 <= value <= high


@FAST
@given(cases())
def test_every_score_lies_in_0_to_100(case: tuple[dict[str, Any], dict[str, Any]]) -> None:
    result = score(*case)
    assert in_range(result.overall)
    assert in_range(result.coverage, 1)
    assert in_range(result.evidence_coverage, 1)
    for p in result.pillars:
        assert in_range(p.score) and in_range(p.mean) and in_range(p.coverage, 1)
        for i in p.indicators:
            assert in_range(i.value)
    # Scored exactly when coverage reaches the minimum, at both levels.
    minimum = rubric_from_data(case[0]).min_coverage
    for p in result.pillars:
        if p.status != "not_applicable":
            assert p.coverage is not None
            assert (p.status == "scored") == (p.coverage >= minimum)
    if result.status != "not_applicable":
        assert result.coverage is not None
        assert (result.status == "scored") == (result.coverage >= minimum)


@st.composite
def raised(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """A case, and the same case with one answer raised: a higher level, or not_found to any
    level."""
    rubric, assessment = draw(cases())
    raisable = []
    for p in rubric["pillars"]:
        for ind in p["indicators"]:
            ans = assessment["answers"].get(ind["id"], {})
            top = len(ind["levels"]) - 1
            if "not_found" in ans or ("level" in ans and int(ans["level"][1:]) < top):
                raisable.append((ind["id"], top))
    ind_id, top = draw(st.sampled_from(raisable)) if raisable else (None, 0)
    better = {**assessment, "answers": dict(assessment["answers"])}
    if ind_id is not None:
        ans = assessment["answers"][ind_id]
        now = int(ans["level"][1:]) if "level" in ans else -1
        better["answers"][ind_id] = {"level": f"l{draw(st.integers(max(now + 1, 0), top))}"}
    return rubric, assessment, better


@FAST
@given(raised())
def test_raising_an_answer_never_lowers_a_score(
    case: tuple[dict[str, Any], dict[str, Any], dict[str, Any]],
) -> None:
    rubric, assessment, better = case
    before, after = score(rubric, assessment), score(rubric, better)
    for old, new in zip(before.pillars, after.pillars, strict=True):
        # Coverage does not change (a scored answer stays scored), so neither does status.
        assert (old.status, old.coverage) == (new.status, new.coverage)
        if old.score is not None:
            assert new.score is not None and new.score >= old.score
        if old.mean is not None:
            assert new.mean is not None and new.mean >= old.mean
    assert before.status == after.status
    if before.overall is not None:
        assert after.overall is not None and after.overall >= before.overall


@FAST
@given(cases(), st.randoms(use_true_random=False))
def test_reordering_pillars_indicators_and_answers_changes_nothing(
    case: tuple[dict[str, Any], dict[str, Any]], random: Any
) -> None:
    rubric, assessment = case
    pillars = [
        {**p, "indicators": random.sample(p["indicators"], len(p["indicators"]))}
        for p in rubric["pillars"]
    ]
    shuffled_rubric = {**rubric, "pillars": random.sample(pillars, len(pillars))}
    items = list(assessment["answers"].items())
    shuffled_assessment = {**assessment, "answers": dict(random.sample(items, len(items)))}
    before = score(rubric, assessment)
    after = score(shuffled_rubric, shuffled_assessment)
    assert figures(after) == figures(before)
    # The assessment's content is the same, so its hash is too (keys are sorted).
    assert after.provenance.assessment_sha256 == before.provenance.assessment_sha256


def _scale(weight: float, factor: Decimal) -> float:
    # Through Decimal, so 0.1 * 3 is written 0.3 and not 0.30000000000000004.
    return float(Decimal(repr(weight)) * factor)


@FAST
@given(
    cases(),
    st.sampled_from([Decimal("0.1"), Decimal("3"), Decimal("7.5"), Decimal("1000")]),
    st.booleans(),
)
def test_multiplying_all_weights_by_a_constant_changes_nothing(
    case: tuple[dict[str, Any], dict[str, Any]], factor: Decimal, pillars_too: bool
) -> None:
    rubric, assessment = case
    scaled = {
        **rubric,
        "pillars": [
            {
                **p,
                "weight": _scale(p["weight"], factor) if pillars_too else p["weight"],
                "indicators": [
                    {**i, "weight": _scale(i["weight"], factor)} for i in p["indicators"]
                ],
            }
            for p in rubric["pillars"]
        ],
    }
    assert figures(score(scaled, assessment)) == figures(score(rubric, assessment))


@FAST
@given(cases())
def test_a_withheld_score_is_never_reported_as_a_number(
    case: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    result = score(*case)
    document = result_to_dict(result)
    rows = list(csv.DictReader(io.StringIO(results_csv([result]))))
    overall = next(r for r in rows if r["scope"] == "overall")
    if result.status != "scored":
        assert result.overall is None and result.band is None
        assert document["overall"]["score"] is None
        assert document["overall"]["score_exact"] is None
        assert document["overall"]["band"] is None
        assert document["overall"]["reason"]
        assert (overall["value"], overall["band"]) == ("", "")
    else:
        assert overall["value"] != ""
    for p, entry in zip(result.pillars, document["pillars"], strict=True):
        row = next(r for r in rows if r["scope"] == "pillar" and r["id"] == p.id)
        assert row["status"] == entry["status"] == p.status
        if p.status != "scored":
            assert p.score is None and p.band is None
            assert (entry["score"], entry["score_exact"], entry["band"]) == (None, None, None)
            assert entry["reason"]
            assert (row["value"], row["band"]) == ("", "")
        else:
            assert row["value"] != "" and entry["score"] is not None


_fractions = st.fractions(min_value=0, max_value=100, max_denominator=1000)
_wholes = st.integers(min_value=0, max_value=100).map(Fraction)


@given(st.lists(st.tuples(st.one_of(_wholes, _fractions), st.one_of(_wholes, _fractions))))
def test_the_weighted_mean_is_exact_with_or_without_whole_numbers(
    pairs: list[tuple[Fraction, Fraction]],
) -> None:
    """The shortcut for whole weights and levels gives the fraction the general sum does."""
    from scorecard.scoring import _weighted_mean

    total = sum((w for w, _ in pairs), Fraction(0))
    expected = None if total == 0 else sum((w * v for w, v in pairs), Fraction(0)) / total
    found = _weighted_mean(pairs)
    assert found == expected
    assert type(found) is type(expected)


@given(st.one_of(_fractions, st.fractions(min_value=-100, max_value=100)))
def test_a_score_out_of_100_is_shown_as_the_value_itself(value: Fraction) -> None:
    from scorecard.model import Display
    from scorecard.scoring import display, shown

    for rule in (Display(), Display(places=2, rounding="half_even")):
        assert shown(value, rule) == display(value * rule.scale / 100, rule.places, rule.rounding)
    ten = Display(scale=Fraction(10))
    assert shown(value, ten) == display(value / 10, ten.places, ten.rounding)
