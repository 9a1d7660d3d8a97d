"""validation.rubric: what a schema cannot say about a rubric, located to the line."""

from __future__ import annotations

from pathlib import Path

import pytest
from problem_support import hint_said, located

from scorecard.loading import parse_document
from scorecard.validation import check_rubric

RUBRIC = Path(__file__).resolve().parent.parent / "data/workspace/rubrics/test-rubric/1.0.yaml"
TEXT = RUBRIC.read_text(encoding="utf-8")


def check(text: str, name: str = "rubric.yaml") -> list[str]:
    problems, rubric = check_rubric(parse_document(text.encode(), Path(name), name))
    assert (rubric is None) == any(p.severity == "error" for p in problems)
    return [located(p) for p in problems]


def test_the_test_rubric_is_valid() -> None:
    problems, rubric = check_rubric(parse_document(TEXT.encode(), RUBRIC, "r"))
    assert problems == [] and rubric is not None and rubric.ref == "test-rubric@1.0"


def test_bands_must_tile_0_to_100() -> None:
    text = TEXT.replace("min: 40, max: 70}", "min: 45, max: 70}")
    assert check(text) == ["rubric.yaml:10:55: error: the bands leave a gap between 40 and 45"]


def test_an_indicator_id_twice() -> None:
    text = TEXT.replace("- id: strategy.objectives", "- id: strategy.published")
    problems, _ = check_rubric(parse_document(text.encode(), Path("r.yaml"), "r.yaml"))
    assert [(p.line, p.code) for p in problems] == [(29, "invalid")]
    assert hint_said(problems[0])


def test_levels_must_rise() -> None:
    text = TEXT.replace("{id: full, value: 100", "{id: full, value: 40")
    assert check(text) == [
        "rubric.yaml:28:31: error: levels of 'strategy.published' must be ordered from lowest "
        "to highest value (40 follows 50)"
    ]


def test_a_rubric_in_another_folder_than_its_id() -> None:
    problems, rubric = check_rubric(
        parse_document(TEXT.encode(), Path("ws/rubrics/other/1.0.yaml"), "x")
    )
    assert rubric is None
    assert [(p.line, p.code) for p in problems] == [(2, "invalid")]


# --- min_coverage: one message, whatever is written -------------------------------------------

SHARE = (
    '{at}: error: min_coverage must be a number in [0, 1] (0.5) or a fraction "a/b" in '
    'quotes ("2/3"), not {found}'
)


def with_coverage(value: str) -> str:
    return TEXT.replace('min_coverage: "2/3"', f"min_coverage: {value}")


def test_min_coverage_zero_never_withholds_and_is_valid() -> None:
    for written in ("0", '"0/1"', "0.0", "1", '"1/1"'):
        assert check(with_coverage(written)) == [], written


@pytest.mark.parametrize(
    ("written", "found"),
    [("-1", "-1"), ("1.5", "1.5"), ('"0.5"', "'0.5'"), ('"0"', "'0'"), ("yes", "'yes'")],
)
def test_min_coverage_out_of_range_gets_one_message_that_says_what_is_allowed(
    written: str, found: str
) -> None:
    problems = check(with_coverage(written))
    line = TEXT[: TEXT.index("min_coverage")].count("\n") + 1
    assert problems == [SHARE.format(at=f"rubric.yaml:{line}:15", found=found)]


def test_min_coverage_fraction_above_one_is_located() -> None:
    line = TEXT[: TEXT.index("min_coverage")].count("\n") + 1
    assert check(with_coverage('"3/2"')) == [
        f"rubric.yaml:{line}:15: error: min_coverage must lie in [0, 1], not 3/2"
    ]


# --- the display block -------------------------------------------------------------------------


def with_display(block: str) -> str:
    return TEXT.replace('min_coverage: "2/3"', f'min_coverage: "2/3"\ndisplay: {block}')


def test_a_display_rule_is_valid_and_reaches_the_model() -> None:
    from fractions import Fraction

    text = with_display("{places: 0, rounding: half_even, scale: 10}")
    problems, rubric = check_rubric(parse_document(text.encode(), Path("r.yaml"), "r.yaml"))
    assert problems == [] and rubric is not None
    assert (rubric.display.places, rubric.display.rounding) == (0, "half_even")
    assert rubric.display.scale == Fraction(10)


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("{places: 3}", "8:19: error: display.places must be one of: 0, 1, 2 (found 3)"),
        ("{places: 1.5}", "8:19: error: display.places must be one of: 0, 1, 2 (found 1.5)"),
        (
            "{rounding: half_down}",
            "8:21: error: display.rounding must be one of: half_up, half_even, "
            "half_away_from_zero (found 'half_down')",
        ),
        ("{scale: 0}", "8:18: error: display.scale must be greater than 0 (found 0)"),
        ("{scale: 5000}", "8:18: error: display.scale must be at most 1000 (found 5000)"),
        ("{digits: 2}", "8:11: error: unknown field 'digits' in display"),
    ],
)
def test_a_wrong_display_rule_is_one_located_message(block: str, message: str) -> None:
    assert check(with_display(block)) == [f"rubric.yaml:{message}"]
