"""Bounds in every result (issue 14, item 2): the overall score and each pillar's with every
missing answer at its indicator's lowest level and at its highest, computed exactly and shown
by the rubric's display rule in every format. Expected values are worked by hand."""

from __future__ import annotations

import csv
import io
import re
from fractions import Fraction

from test_scoring import (
    INSUFFICIENT,
    NA,
    UNANSWERED,
    assessment,
    indicator,
    pillar,
    rubric,
    score,
)

from scorecard import schemas
from scorecard.render.pages import render_scorecard
from scorecard.render.registry import Options
from scorecard.render.result_csv import results_csv
from scorecard.render.result_json import result_to_dict
from scorecard.render.terminal import scores_table

# Two pillars: "p" (weight 2, mean) of a, b (weight 3), c; "q" (weight 1, weakest link) of d, e.
DATA = rubric(
    pillar(
        "p",
        indicator("a"),
        indicator("b", weight=3, levels=(10, 40, 90)),
        indicator("c"),
        weight=2,
    ),
    pillar("q", indicator("d"), indicator("e", levels=(20, 60)), aggregation="min"),
    min_coverage="1/2",
)


def test_bounds_by_hand() -> None:
    result = score(DATA, assessment({"a": 50, "b": INSUFFICIENT, "c": 100, "d": 100, "e": None}))
    p, q = result.pillars
    # p: score (50 + 100) / 2 = 75; b missing (weight 3, levels 10-90):
    #    low (50 + 3*10 + 100) / 5 = 36, high (50 + 3*90 + 100) / 5 = 84.
    assert (p.status, p.score) == ("withheld", None)  # coverage 2/5 < 1/2: withheld, bounded
    assert (p.bounds.low, p.bounds.high, p.bounds.missing) == (36, 84, 1)  # type: ignore[union-attr]
    # q: weakest link over d = 100, e unanswered (levels 20-60): low min(100, 20) = 20, high 60;
    #    the score as scored is 100, above both: a missing answer only ever raised it.
    assert (q.status, q.score) == ("scored", 100)
    assert (q.bounds.low, q.bounds.high) == (20, 60)  # type: ignore[union-attr]
    # overall: the pillars' bounds weighted 2:1: low (2*36 + 20)/3, high (2*84 + 60)/3 = 76.
    assert result.bounds is not None
    assert (result.bounds.low, result.bounds.high) == (Fraction(92, 3), 76)
    assert result.bounds.missing == 2


def test_nothing_missing_bounds_are_the_score() -> None:
    result = score(DATA, assessment({"a": 50, "b": 40, "c": 0, "d": 50, "e": 60}))
    assert result.bounds is not None and result.bounds.missing == 0
    assert result.bounds.low == result.bounds.high == result.overall
    for p in result.pillars:
        assert p.bounds is not None and p.bounds.low == p.bounds.high == p.score


def test_a_refused_na_is_missing_and_an_accepted_na_is_not() -> None:
    refusing = {**DATA, "pillars": [{**DATA["pillars"][1], "na_rule": "all-or-none"}]}
    result = score(refusing, assessment({"d": 100, "e": NA}))
    assert result.pillars[0].bounds.missing == 1  # type: ignore[union-attr]
    accepting = {**DATA, "pillars": [DATA["pillars"][1]]}
    result = score(accepting, assessment({"d": 100, "e": NA}))
    assert result.pillars[0].bounds.missing == 0  # type: ignore[union-attr]
    assert result.pillars[0].bounds.low == 100  # type: ignore[union-attr]


def test_not_applicable_has_no_bounds() -> None:
    result = score(DATA, assessment({"a": NA, "b": NA, "c": NA, "d": NA, "e": NA}))
    assert result.status == "not_applicable" and result.bounds is None


def test_a_withheld_overall_has_bounds() -> None:
    result = score(
        DATA,
        assessment({"a": INSUFFICIENT, "b": INSUFFICIENT, "c": UNANSWERED, "d": 0, "e": 20}),
    )
    assert result.status == "withheld"
    assert result.bounds is not None and result.bounds.low < result.bounds.high


# --- in every format ------------------------------------------------------------------------------

MISSING = {"a": 50, "b": INSUFFICIENT, "c": 100, "d": 100, "e": None}


def test_bounds_in_the_terminal_table() -> None:
    text = scores_table([score(DATA, assessment(MISSING))], Options(width=140))
    assert "between 36.0 and 84.0" in text  # pillar p, withheld
    assert "between 30.7 and 76.0" in text  # overall: 92/3 = 30.67 -> 30.7


def test_bounds_in_the_csv() -> None:
    rows = list(csv.DictReader(io.StringIO(results_csv([score(DATA, assessment(MISSING))]))))
    overall = next(r for r in rows if r["scope"] == "overall")
    assert (overall["low"], overall["high"]) == ("30.7", "76.0")
    p = next(r for r in rows if r["id"] == "p")
    assert (p["value"], p["low"], p["high"]) == ("", "36.0", "84.0")
    assert all(r["low"] == "" for r in rows if r["scope"] == "indicator")


def test_bounds_in_the_json_validate_against_both_schemas() -> None:
    document = result_to_dict(score(DATA, assessment(MISSING)))
    schemas.validator("result").validate(document)
    schemas.validator("scores").validate(
        {"format": "transparency-scorecard/scores@1", "results": [document]}
    )
    assert document["overall"]["bounds"] == {
        "low": 30.7,
        "high": 76.0,
        "low_exact": "92/3",
        "high_exact": "76",
        "missing": 2,
    }


def test_bounds_in_markdown_and_html_in_both_languages() -> None:
    result = score(DATA, assessment(MISSING))
    md = render_scorecard(result, "md", "en")
    assert "Bounds: between 30.7 and 76.0 (2 missing answers at their lowest" in md
    assert "Bounds between 36.0 and 84.0" in md  # the withheld pillar
    html = render_scorecard(result, "html", "es-EC")
    assert re.search(r'<p class="bounds">Cotas: entre 30,7 y 76,0', html)


def test_complete_results_say_so_in_two_words_and_pillars_say_nothing() -> None:
    result = score(DATA, assessment({"a": 50, "b": 40, "c": 0, "d": 50, "e": 60}))
    md = render_scorecard(result, "md", "en")
    assert "Bounds: no answer missing" in md
    assert md.count("Bounds") == 1
    table = scores_table([result], Options(width=140))
    assert "between" not in table


def test_bounds_follow_the_display_rule() -> None:
    ten = {**DATA, "display": {"places": 2, "rounding": "half_even", "scale": 10}}
    document = result_to_dict(score(ten, assessment(MISSING)))
    assert (document["overall"]["bounds"]["low"], document["overall"]["bounds"]["high"]) == (
        3.07,
        7.6,
    )
