"""docs/methodology.md, "Bounds" and "Display": the worked examples' tables and figures are
read from the page and recomputed through the engine and its formats, so the page cannot drift
from the code."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from test_methodology_sections import TEXT, fence, tables

from scorecard.loading import parse_document
from scorecard.model import Display, Rubric
from scorecard.render.registry import Options
from scorecard.render.result_json import result_to_dict
from scorecard.render.terminal import scores_table
from scorecard.scoring import Result, score_assessment, shown, shown_change
from scorecard.validation import check_assessment, check_rubric


def section(title: str) -> str:
    start = TEXT.index(f"\n## {title}\n")
    end = TEXT.find("\n## ", start + 1)
    return TEXT[start:end]


BOUNDS, DISPLAY = section("Bounds"), section("Display")


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    problems, found = check_rubric(
        parse_document(fence("# worked example: rubric").encode(), Path("r.yaml"), "r.yaml")
    )
    assert found is not None and not problems
    return found


@pytest.fixture(scope="module")
def westland(rubric: Rubric) -> Result:
    document = parse_document(fence("# worked example: assessment").encode(), Path("a"), "a")
    _, found = check_assessment(document, {rubric.ref: rubric}, today=dt.date(2025, 1, 1))
    assert found is not None
    return score_assessment(rubric, found)


def test_the_bounds_table_is_the_engines(westland: Result) -> None:
    (table,) = tables(BOUNDS)
    assert table[0] == ["Scope", "Score", "Low", "High", "Missing"]
    expected = []
    for part in [*westland.pillars, westland]:
        bounds = part.bounds
        assert bounds is not None
        value = part.overall if isinstance(part, Result) else part.score
        name = "overall" if isinstance(part, Result) else part.id
        expected.append(
            [
                name,
                str(shown(value)) if part.status == "scored" else part.status,
                str(shown(bounds.low)),
                str(shown(bounds.high)),
                str(bounds.missing),
            ]
        )
    assert table[1:] == expected


def test_the_bounds_fractions_and_formats_in_the_text(westland: Result) -> None:
    assert westland.bounds is not None
    low, high = westland.bounds.low, westland.bounds.high
    assert (str(low), str(high)) == ("1901/54", "2801/54")
    assert f"= {low} = " in BOUNDS and f"= {high} = " in BOUNDS
    data = westland.pillar("data")
    assert data is not None and data.bounds is not None
    assert (data.bounds.low, data.bounds.high) == (Fraction(25, 2), Fraction(125, 2))
    quoted = re.search(r'"between (\S+) and (\S+)"', BOUNDS)
    assert quoted is not None
    assert f"between {quoted[1]} and {quoted[2]}" in scores_table([westland], Options(width=140))
    document = result_to_dict(westland)
    assert document["overall"]["bounds"]["low_exact"] == "1901/54"
    assert f'("{low}", "{high}")' in BOUNDS


def rule_of(row: str) -> Display:
    found = re.fullmatch(r"places (\d), (\w+), scale (\d+)", row)
    assert found is not None, row
    return Display(int(found[1]), found[2], Fraction(found[3]))  # type: ignore[arg-type]


def test_the_display_table_is_the_engines(rubric: Rubric, westland: Result) -> None:
    (table,) = tables(DISPLAY)
    assert table[0] == ["Rule", "Strategy", "Emergency", "Overall", "Low", "High"]
    assert len(table) == 4
    for row in table[1:]:
        rule = rule_of(row[0])
        # Scored again under a rubric that carries the rule, as a workspace would.
        result = score_assessment(replace(rubric, display=rule), westland.assessment)
        strategy, emergency = result.pillar("strategy"), result.pillar("emergency")
        assert strategy is not None and emergency is not None and result.bounds is not None
        values = [strategy.score, emergency.score, result.overall]
        values += [result.bounds.low, result.bounds.high]
        assert row[1:] == [str(shown(v, rule)) for v in values], row[0]
        document = result_to_dict(result)
        assert str(document["overall"]["score"]) in (row[3], row[3].rstrip("0").rstrip("."))


def test_the_defaults_in_the_yaml_are_the_models() -> None:
    block = DISPLAY[DISPLAY.index("```yaml") : DISPLAY.index("```", DISPLAY.index("```yaml") + 3)]
    assert "places: 1 " in block and "rounding: half_away_from_zero " in block
    assert "scale: 100 " in block
    assert Display() == Display(1, "half_away_from_zero", Fraction(100))


@pytest.mark.parametrize(
    ("exact", "rule", "text"),
    [
        ("81.5", "half_up", "81.5 → 82"),
        ("-0.25", "half_up", "−0.25 → −0.2"),
        ("6.25", "half_even", "6.25 → 6.2"),
        ("6.35", "half_even", "6.35 → 6.4"),
        ("42.25", "half_away_from_zero", "42.25 → 42.3"),
        ("-0.25", "half_away_from_zero", "−0.25 → −0.3"),
    ],
)
def test_the_rounding_examples(exact: str, rule: str, text: str) -> None:
    assert text in DISPLAY
    places = len(text.split("→")[1].strip().split(".")[1]) if "." in text.split("→")[1] else 0
    value = shown(Fraction(exact), Display(places, rule, Fraction(100)))  # type: ignore[arg-type]
    assert str(value).replace("-", "−") == text.split("→")[1].strip()


def test_the_band_and_change_examples(rubric: Rubric) -> None:
    assert rubric.band_for(Fraction("39.96")).id == "minimal"  # exact, and yet:
    whole = Display(0, "half_up", Fraction(100))
    from scorecard.scoring import banded

    assert rubric.band_for(banded(Fraction("39.96"))).id == "limited"
    assert rubric.band_for(banded(Fraction("39.5"), whole)).id == "limited"
    assert rubric.band_for(banded(Fraction("39.49"), whole)).id == "minimal"
    assert 'exact 39.96 is shown as 40.0 and is "limited"' in DISPLAY
    old, new = Fraction("16.74"), Fraction("18.85")
    assert (
        "`16.7 → 18.9`, `+2.2`" in DISPLAY and "exact change, 2.11, would round to 2.1" in DISPLAY
    )
    assert (str(shown(old)), str(shown(new))) == ("16.7", "18.9")
    assert shown_change(old, new) == Decimal("2.2") and str(shown(new - old)) == "2.1"
