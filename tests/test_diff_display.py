"""diff and the CI gate under the rubric's display rule: both sides shown by one rule, the
change shown is the difference of the two scores shown, and the gate judges that change."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from test_scoring import assessment, indicator, pillar, rubric, score

from scorecard import schemas
from scorecard.diff import diff_results
from scorecard.gate import drops
from scorecard.i18n import translator
from scorecard.render.changes import explain, gate_message
from scorecard.render.changes_json import diff_to_dict
from scorecard.scoring import Result

LEVELS = (0, 41.05, 42.44, 100)


def pair(display: dict[str, object] | None = None) -> tuple[Result, Result]:
    data = rubric(pillar("p", indicator("a", levels=LEVELS)))
    if display:
        data["display"] = display
    old = score(data, assessment({"a": 42.44}))
    new = score(data, {**assessment({"a": 41.05}), "edition": "2025", "as_of": "2025-06-30"})
    return old, new


def test_the_change_shown_adds_up_and_the_exact_one_is_kept() -> None:
    entry = diff_results(*pair())
    assert entry.overall.delta == Fraction("-1.39")  # alone it would round to -1.4
    assert entry.overall.shown_delta == Decimal("-1.3")  # 42.4 -> 41.1
    assert explain(entry, translator("en"), "en", top=0) == "overall −1.3 (42.4 → 41.1)"


def test_the_gate_judges_the_change_shown() -> None:
    entry = diff_results(*pair())
    assert drops(entry, Fraction("1.3"), per_pillar=False) == []  # -1.3 is not beyond 1.3
    (drop,) = drops(entry, Fraction("1.2"), per_pillar=False)
    assert drop.points == Fraction("1.3")
    message = gate_message([drop], Decimal("1.2"), "en")
    assert "1.3" in message and "42.4" in message and "41.1" in message


def test_a_diff_on_a_scale_of_ten_shows_and_gates_on_that_scale() -> None:
    entry = diff_results(*pair({"places": 2, "rounding": "half_even", "scale": 10}))
    assert entry.overall.shown_delta == Decimal("4.10") - Decimal("4.24")
    assert explain(entry, translator("en"), "en", top=0) == "overall −0.14 (4.24 → 4.10)"
    assert drops(entry, Fraction("0.14"), per_pillar=False) == []
    assert len(drops(entry, Fraction("0.13"), per_pillar=False)) == 1


def test_the_diff_json_keeps_both_and_validates() -> None:
    from scorecard.diff import ChangeSet

    document = diff_to_dict(ChangeSet("old", "new", (diff_results(*pair()),)), "en")
    schemas.validator("diff").validate(document)
    overall = document["entries"][0]["overall"]
    assert (overall["delta"], overall["delta_exact"]) == (-1.3, "-139/100")
    assert (overall["old"]["score"], overall["new"]["score"]) == (42.4, 41.1)
