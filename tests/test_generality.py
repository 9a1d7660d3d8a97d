"""The engine is general: rubrics written from other indices' published rules reproduce
their aggregates. Each expected figure is computed here independently, with plain fraction
arithmetic over the index's own rule, never through our engine."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from scorecard import schemas
from scorecard.model import assessment_from_data, rubric_from_data
from scorecard.scoring import Result, score_assessment


def score(rubric: dict[str, Any], assessment: dict[str, Any]) -> Result:
    schemas.validator("rubric").validate(rubric)
    schemas.validator("assessment").validate(assessment)
    return score_assessment(rubric_from_data(rubric), assessment_from_data(assessment))


def assessment(rubric_ref: str, code: str, answers: dict[str, Any]) -> dict[str, Any]:
    return {
        "rubric": rubric_ref,
        "jurisdiction": {"code": code, "name": f"Fictional {code}"},
        "edition": "2023",
        "as_of": "2023-12-31",
        "status": "example",
        "answers": answers,
    }


# --- Open Budget Survey -----------------------------------------------------------------------
# Published rule: each question is answered a/b/c/d, scored 100/67/33/0; `e` means not
# applicable and is left out; the Open Budget Index is the simple (unweighted) average of the
# scorable questions in its subset; bands 0-20 scant, 21-40 minimal, 41-60 limited, 61-80
# substantial, 81-100 extensive.

OBS_VALUES = {"d": 0, "c": 33, "b": 67, "a": 100}
OBS_QUESTIONS = [f"q{n}" for n in range(1, 15)]
OBS_BANDS = [("scant", 0, 20), ("minimal", 21, 40), ("limited", 41, 60)]
OBS_BANDS += [("substantial", 61, 80), ("extensive", 81, 100)]

OBS_RUBRIC = {
    "id": "open-budget-index",
    "version": "1.0",
    "title": "Open Budget Index (the OBS rule, as a rubric)",
    "languages": ["en"],
    # Every OBS question is answered a-e, so nothing is ever missing: `e` is na, which does
    # not count against coverage. Full coverage is therefore always reached.
    "min_coverage": 1,
    # OBS bands whole-number scores. A lower bound of x.5 puts exactly the scores that round
    # (half up) to x+1 or more in the upper band, so banding the exact score here agrees with
    # banding OBS's rounded one.
    "bands": [
        {"id": band, "label": band, "min": 0 if low == 0 else low - 0.5, "max": high + 0.5}
        for band, low, high in OBS_BANDS[:-1]
    ]
    + [{"id": "extensive", "label": "extensive", "min": 80.5, "max": 100}],
    "pillars": [
        {
            "id": "obi",
            "title": "Open Budget Index",
            "weight": 1,
            "aggregation": "mean",
            "indicators": [
                {
                    "id": q,
                    "question": f"Question {q}",
                    "weight": 1,  # unweighted
                    "na_allowed": True,  # answer e
                    "levels": [
                        {"id": letter, "value": value, "descriptor": letter}
                        for letter, value in OBS_VALUES.items()
                    ],
                }
                for q in OBS_QUESTIONS
            ],
        }
    ],
}

OBS_EXAMPLES = {
    "XB": "aabcdebacedbba",
    "XC": "ddcdeeddcdddcd",
    "XD": "aaaaaaaaaaabaa",
    "XE": "cbcbcbcbcbcbcb",
    "XG": "cccccdddbbbbcc",
}


def obs_answers(letters: str) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question, letter in zip(OBS_QUESTIONS, letters, strict=True):
        if letter == "e":
            answers[question] = {"na": "Answer e: not applicable."}
        else:
            evidence = [] if letter == "d" else [{"title": "Budget document"}]
            answers[question] = {"level": letter, "evidence": evidence}
    return answers


def obs_index(letters: str) -> Fraction:
    """The OBS rule, by hand: sum of the scorable answers over their number."""
    scorable = [OBS_VALUES[letter] for letter in letters if letter != "e"]
    return Fraction(sum(scorable), len(scorable))


def obs_band(index: Fraction) -> str:
    whole = int(index + Fraction(1, 2))  # OBS publishes whole numbers (half up)
    return next(band for band, low, high in OBS_BANDS if low <= whole <= high)


@pytest.mark.parametrize("code", sorted(OBS_EXAMPLES))
def test_open_budget_index(code: str) -> None:
    letters = OBS_EXAMPLES[code]
    result = score(OBS_RUBRIC, assessment("open-budget-index@1.0", code, obs_answers(letters)))
    assert result.status == "scored"
    assert result.overall == obs_index(letters)
    assert result.band == obs_band(obs_index(letters))
    assert result.counts.na == letters.count("e")


def test_open_budget_examples_cover_every_band() -> None:
    bands = {obs_band(obs_index(letters)) for letters in OBS_EXAMPLES.values()}
    assert bands == {band for band, _, _ in OBS_BANDS}


def test_open_budget_index_worked_by_hand() -> None:
    # XB: a a b c d e b a c e d b b a -> 12 scorable answers
    # = (4*100 + 4*67 + 2*33 + 2*0) / 12 = 734/12 = 61.1666... -> 61, "substantial"
    assert obs_index(OBS_EXAMPLES["XB"]) == Fraction(734, 12)
    assert obs_band(obs_index(OBS_EXAMPLES["XB"])) == "substantial"


def test_open_budget_band_edges_agree_with_whole_number_bands() -> None:
    for low, expected in [(Fraction(41, 2), "minimal"), (Fraction(409, 20), "scant")]:
        # 20.5 rounds to 21 (minimal) in OBS; 20.45 rounds to 20 (scant).
        assert rubric_from_data(OBS_RUBRIC).band_for(low).id == expected == obs_band(low)


def test_open_budget_all_e_is_not_applicable() -> None:
    result = score(OBS_RUBRIC, assessment("open-budget-index@1.0", "XF", obs_answers("e" * 14)))
    assert result.status == "not_applicable"  # OBS shows "N/A"
    assert result.overall is None


# --- OpenSSF Scorecard ------------------------------------------------------------------------
# Published rule (ossf/scorecard, GetAggregateScore): each check scores 0-10, or -1 when
# inconclusive; the aggregate is the weighted mean of the conclusive checks, weights by the
# check's risk: Critical 10, High 7.5, Medium 5, Low 2.5; "?" when no check is conclusive.
# Risks as in ossf/scorecard docs/checks/internal/checks.yaml.

RISK_WEIGHT = {
    "Critical": Fraction(10),
    "High": Fraction(15, 2),
    "Medium": 5,
    "Low": Fraction(5, 2),
}
CHECK_RISK = {
    "Binary-Artifacts": "High",
    "Branch-Protection": "High",
    "CI-Tests": "Low",
    "CII-Best-Practices": "Low",
    "Code-Review": "High",
    "Contributors": "Low",
    "Dangerous-Workflow": "Critical",
    "Dependency-Update-Tool": "High",
    "Fuzzing": "Medium",
    "License": "Low",
    "Maintained": "High",
    "Packaging": "Medium",
    "Pinned-Dependencies": "Medium",
    "SAST": "Medium",
    "Security-Policy": "Medium",
    "Signed-Releases": "High",
    "Token-Permissions": "High",
    "Vulnerabilities": "High",
    "Webhooks": "Critical",
}

OPENSSF_RUBRIC = {
    "id": "openssf-scorecard",
    "version": "5.0",
    "title": "OpenSSF Scorecard aggregate (its rule, as a rubric)",
    "languages": ["en"],
    # OpenSSF reports an aggregate whenever at least one check is conclusive, and "?" only
    # when none is. Inconclusive checks are `insufficient` here, which counts against
    # coverage; the smallest share one conclusive check can have is 2.5 / (sum of all weights)
    # = 2.5/115 > 1/100, so with min_coverage 1/100 the engine withholds exactly when
    # OpenSSF shows "?" (see test_openssf_min_coverage_only_withholds_when_nothing_is_left).
    # The default 2/3 would withhold results that OpenSSF publishes.
    "min_coverage": "1/100",
    "bands": [{"id": "any", "label": "Any", "min": 0, "max": 100}],
    "pillars": [
        {
            "id": "checks",
            "title": "Checks",
            "weight": 1,
            "aggregation": "mean",
            "indicators": [
                {
                    "id": check,
                    "question": f"{check} check score",
                    "weight": float(RISK_WEIGHT[risk]),
                    # A check score s of 0-10 is the level "s<s>" worth 10*s on our 0-100 scale.
                    "levels": [
                        {"id": f"s{s}", "value": 10 * s, "descriptor": f"{s}/10"} for s in range(11)
                    ],
                    "evidence": {"min_sources": 0},
                }
                for check, risk in CHECK_RISK.items()
            ],
        }
    ],
}


def openssf_answers(checks: dict[str, int]) -> dict[str, Any]:
    return {
        check: {"insufficient": "Inconclusive (-1)."} if s == -1 else {"level": f"s{s}"}
        for check, s in checks.items()
    }


def openssf_aggregate(checks: dict[str, int]) -> Fraction | None:
    """The OpenSSF rule, by hand, on its 0-10 scale."""
    conclusive = {check: s for check, s in checks.items() if s != -1}
    total = sum((RISK_WEIGHT[CHECK_RISK[c]] for c in conclusive), Fraction(0))
    if total == 0:
        return None
    return sum((RISK_WEIGHT[CHECK_RISK[c]] * s for c, s in conclusive.items()), Fraction(0)) / total


# A published Scorecard v5.0.0 result (18 checks, aggregate shown as 4.1), as listed in
# nfallah/github-actions-scorecard-test, Call-for-Code_Project-Sample.md; N/A there is -1.
PUBLISHED = {
    "Binary-Artifacts": 10,
    "Branch-Protection": -1,
    "CI-Tests": 1,
    "CII-Best-Practices": 0,
    "Code-Review": 3,
    "Contributors": 10,
    "Dangerous-Workflow": 10,
    "Dependency-Update-Tool": 0,
    "Fuzzing": 0,
    "License": 10,
    "Maintained": 1,
    "Packaging": -1,
    "Pinned-Dependencies": 0,
    "SAST": 0,
    "Security-Policy": 4,
    "Signed-Releases": -1,
    "Token-Permissions": 0,
    "Vulnerabilities": 10,
}
SYNTHETIC = {check: (n * 7) % 12 - 1 for n, check in enumerate(CHECK_RISK)}  # -1..10


@pytest.mark.parametrize("checks", [PUBLISHED, SYNTHETIC], ids=["published", "synthetic"])
def test_openssf_scorecard_aggregate(checks: dict[str, int]) -> None:
    expected = openssf_aggregate(checks)
    assert expected is not None
    result = score(
        OPENSSF_RUBRIC, assessment("openssf-scorecard@5.0", "QM", openssf_answers(checks))
    )
    assert result.status == "scored"
    assert result.overall == 10 * expected  # our 0-100 scale is theirs times ten
    assert result.counts.insufficient == list(checks.values()).count(-1)


def test_openssf_published_example_by_hand() -> None:
    # High 6 checks: 10+3+0+1+0+10 = 24 -> 7.5*24 = 180; Low: 1+0+10+10 = 21 -> 52.5;
    # Critical: 10 -> 100; Medium: 0+0+0+4 -> 20. Weights 45 + 10 + 10 + 20 = 85.
    # 352.5 / 85 = 4.147... -> shown as 4.1.
    assert openssf_aggregate(PUBLISHED) == Fraction(3525, 850)
    assert f"{float(Fraction(3525, 850)):.1f}" == "4.1"
    assert list(SYNTHETIC.values()).count(-1) == 2  # the synthetic case has inconclusives


def test_openssf_min_coverage_only_withholds_when_nothing_is_left() -> None:
    weights = [RISK_WEIGHT[risk] for risk in CHECK_RISK.values()]
    smallest_share = min(weights) / sum(weights)
    assert smallest_share == Fraction(5, 2) / 115
    assert smallest_share >= Fraction(OPENSSF_RUBRIC["min_coverage"])


def test_openssf_all_inconclusive_is_withheld() -> None:
    checks = dict.fromkeys(CHECK_RISK, -1)
    assert openssf_aggregate(checks) is None  # OpenSSF shows "?"
    result = score(
        OPENSSF_RUBRIC, assessment("openssf-scorecard@5.0", "QN", openssf_answers(checks))
    )
    assert result.status == "withheld"
    assert result.overall is None


def test_openssf_one_conclusive_check_is_enough() -> None:
    checks = {**dict.fromkeys(CHECK_RISK, -1), "License": 6}
    result = score(
        OPENSSF_RUBRIC, assessment("openssf-scorecard@5.0", "QO", openssf_answers(checks))
    )
    assert openssf_aggregate(checks) == 6
    assert (result.status, result.overall) == ("scored", 60)
