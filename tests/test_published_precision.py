"""Published figures at their published precision, in every format people read (issue 14,
"Done when"): rubrics built from two indices' published rules show the figures those indices
publish in the terminal table, the CSV and the HTML scorecard, not only in the JSON.

- An OpenSSF-Scorecard-like index: 0-10, one decimal, ties to even, checks weighted by risk
  (critical 10, high 7.5, medium 5, low 2.5), inconclusive checks excluded (`insufficient`
  with min_coverage 0). OpenSSF publishes 6.2 for an exact 6.25 and 4.1 for 4.147...
- An Open-Budget-Index-like one: answers worth 100/67/33/0, N/A excluded, whole numbers
  rounded half up, bands as OBS writes them (61-80 substantial, 81-100 extensive). OBS
  publishes 82 for an exact 81.5 and 81 for an exact 80.5, banded on the published number.

The expected figures are worked by hand here (plain fractions), never through the engine.
"""

from __future__ import annotations

import csv
import io
import re
from fractions import Fraction
from typing import Any

import pytest
from test_generality import (
    CHECK_RISK,
    OPENSSF_RUBRIC,
    PUBLISHED,
    RISK_WEIGHT,
    assessment,
    openssf_answers,
    score,
)

from scorecard.render.pages import render_scorecard
from scorecard.render.registry import Options
from scorecard.render.result_csv import results_csv
from scorecard.render.result_json import result_to_dict
from scorecard.render.terminal import scores_table
from scorecard.scoring import Result

# --- the two rubrics, from the published rules --------------------------------------------------

OPENSSF = {
    **OPENSSF_RUBRIC,
    "version": "5.1",
    # Inconclusive checks are left out and never withhold: "?" only when none is conclusive.
    "min_coverage": 0,
    "display": {"places": 1, "rounding": "half_even", "scale": 10},
}

OBS_VALUES = {"a": 100, "b": 67, "c": 33, "d": 0}
OBS_BANDS = [("scant", 0, 21), ("minimal", 21, 41), ("limited", 41, 61)]
OBS_BANDS += [("substantial", 61, 81), ("extensive", 81, 100)]
QUESTIONS = [f"q{n}" for n in range(1, 21)]

OBI = {
    "id": "open-budget-index",
    "version": "2.0",
    "title": "Open Budget Index (published precision)",
    "languages": ["en"],
    "min_coverage": 0,
    "display": {"places": 0, "rounding": "half_up", "scale": 100},
    # As OBS writes them (0-20, 21-40, ...): a band holds the whole numbers it names, and
    # bands are decided on the number shown, so no band needs a x.5 bound.
    "bands": [{"id": b, "label": b.title(), "min": low, "max": high} for b, low, high in OBS_BANDS],
    "pillars": [
        {
            "id": "obi",
            "title": "Open Budget Index",
            "weight": 1,
            "indicators": [
                {
                    "id": q,
                    "question": f"Question {q}",
                    "weight": 1,
                    "na_allowed": True,
                    "levels": [
                        {"id": letter, "value": value, "descriptor": letter}
                        for letter, value in sorted(OBS_VALUES.items(), key=lambda i: i[1])
                    ],
                    "evidence": {"min_sources": 0},
                }
                for q in QUESTIONS
            ],
        }
    ],
}


def obs_answers(letters: str) -> dict[str, Any]:
    return {
        q: {"na": "Answer e: not applicable."} if letter == "e" else {"level": letter}
        for q, letter in zip(QUESTIONS, letters, strict=True)
    }


# 18 scorable answers: (11 x 100 + 4 x 67 + 3 x 33) / 18 = 1467 / 18 = 81.5 exactly.
OBS_815 = "a" * 11 + "b" * 4 + "c" * 3 + "ee"
# 12 scorable answers: (8 x 100 + 67 + 3 x 33) / 12 = 966 / 12 = 80.5 exactly.
OBS_805 = "a" * 8 + "b" + "c" * 3 + "e" * 8

# Four high-risk checks (weight 7.5 each) scoring 6, 6, 6 and 7, the rest inconclusive:
# (6 + 6 + 6 + 7) / 4 = 6.25 exactly on 0-10.
TIE = dict.fromkeys(CHECK_RISK, -1)
TIE.update({"Binary-Artifacts": 6, "Branch-Protection": 6, "Code-Review": 6, "Maintained": 7})


def openssf_by_hand(checks: dict[str, int]) -> Fraction:
    conclusive = {c: s for c, s in checks.items() if s != -1}
    total = sum((RISK_WEIGHT[CHECK_RISK[c]] for c in conclusive), Fraction(0))
    return sum((RISK_WEIGHT[CHECK_RISK[c]] * s for c, s in conclusive.items()), Fraction(0)) / total


def obs_by_hand(letters: str) -> Fraction:
    scorable = [OBS_VALUES[letter] for letter in letters if letter != "e"]
    return Fraction(sum(scorable), len(scorable))


def openssf(checks: dict[str, int]) -> Result:
    return score(OPENSSF, assessment("openssf-scorecard@5.1", "QM", openssf_answers(checks)))


def obi(letters: str, code: str = "XB") -> Result:
    return score(OBI, assessment("open-budget-index@2.0", code, obs_answers(letters)))


# --- the figures in each format -----------------------------------------------------------------


def table_overall(result: Result) -> str:
    """The overall row of the terminal table, as printed."""
    text = scores_table([result], Options(width=120))
    return next(line for line in text.splitlines() if "Overall" in line)


def csv_overall(result: Result) -> dict[str, str]:
    rows = csv.DictReader(io.StringIO(results_csv([result])))
    return next(row for row in rows if row["scope"] == "overall")


def html_overall(result: Result) -> str:
    html = render_scorecard(result, "html", "en")
    found = re.search(r'<p class="big">([^<]*)<small>([^<]*)</small>', html)
    assert found is not None
    return f"{found.group(1).strip()} {found.group(2)}"


def html_pillar_cell(result: Result) -> str:
    html = render_scorecard(result, "html", "en")
    found = re.search(r'<p class="pillar-score">([^<]*)<', html)
    assert found is not None
    return found.group(1).strip()


@pytest.mark.parametrize(
    ("checks", "exact", "published"),
    [(TIE, Fraction(25, 4), "6.2"), (PUBLISHED, Fraction(3525, 850), "4.1")],
    ids=["tie-to-even", "published-v5"],
)
def test_openssf_figures_at_their_published_precision(
    checks: dict[str, int], exact: Fraction, published: str
) -> None:
    assert openssf_by_hand(checks) == exact
    result = openssf(checks)
    assert result.status == "scored"
    assert result.overall == 10 * exact  # the method's 0-100; shown on 0-10
    assert re.search(rf"\b{re.escape(published)}\b", table_overall(result))
    assert csv_overall(result)["value"] == published
    assert html_overall(result) == f"{published} out of 10"
    assert html_pillar_cell(result) == published
    document = result_to_dict(result)
    assert str(document["overall"]["score"]) == published
    assert Fraction(document["overall"]["score_exact"]) == 10 * exact


def test_openssf_tie_is_not_rounded_away_from_zero() -> None:
    # The default rule (half away from zero) would show 6.3: the rubric's rule is what shows.
    assert f"{float(openssf_by_hand(TIE)):.1f}" == "6.2"  # as Go and Python format 6.25
    assert "6.3" not in table_overall(openssf(TIE))


def test_openssf_inconclusive_checks_never_withhold_until_none_is_left() -> None:
    one = openssf({**dict.fromkeys(CHECK_RISK, -1), "License": 6})
    assert csv_overall(one)["value"] == "6.0"
    nothing = openssf(dict.fromkeys(CHECK_RISK, -1))
    assert nothing.status == "withheld"  # OpenSSF shows "?"
    assert csv_overall(nothing)["value"] == ""


@pytest.mark.parametrize(
    ("letters", "exact", "published", "band"),
    [
        (OBS_815, Fraction(163, 2), "82", "Extensive"),
        (OBS_805, Fraction(161, 2), "81", "Extensive"),  # half up; ties to even would say 80
    ],
    ids=["81.5", "80.5"],
)
def test_open_budget_figures_at_their_published_precision(
    letters: str, exact: Fraction, published: str, band: str
) -> None:
    assert obs_by_hand(letters) == exact
    result = obi(letters)
    assert (result.status, result.overall) == ("scored", exact)
    # Banded on the number shown: 81 is "extensive" in OBS's bands (81-100), though 80.5 < 81.
    assert result.band == band.lower()
    row = table_overall(result)
    assert re.search(rf"\b{published}\s+{band}\b", row)
    assert (csv_overall(result)["value"], csv_overall(result)["band"]) == (published, band.lower())
    assert html_overall(result) == f"{published} out of 100"


def test_open_budget_na_answers_are_excluded_not_zero() -> None:
    result = obi(OBS_805)
    assert result.counts.na == 8
    assert csv_overall(result)["coverage"] == "100.0"  # N/A does not count against coverage


def test_the_methodology_page_states_the_display_rule() -> None:
    from scorecard.render.pages import render_methodology

    page = render_methodology(openssf(TIE).rubric, "md", "en")
    assert "one decimal place, halves rounded to the even digit, on a scale of 0 to 10" in page
    page = render_methodology(obi(OBS_815).rubric, "md", "es")
    assert "números enteros, redondeando hacia arriba en caso de empate" in page


def test_rubric_show_states_the_display_rule() -> None:
    from scorecard.render.terminal import rubric_tree

    text = rubric_tree(openssf(TIE).rubric, Options(width=200))
    assert "scores shown to one decimal place, halves rounded to the even digit, out of 10" in text
