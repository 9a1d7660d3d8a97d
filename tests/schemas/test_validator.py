"""The one schema validator: ECMA-262 patterns, the same object for the product and tests."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard import schemas
from scorecard.schemas import validators
from scorecard.schemas.fast import compiled
from scorecard.schemas.validators import ecma_pattern, schema_errors, translate


@pytest.mark.parametrize(
    ("pattern", "python"),
    [
        ("^[A-Z]{2}$", r"^[A-Z]{2}\Z"),
        (r"^\d+$", r"^[0-9]+\Z"),
        (r"^\w\W\D$", r"^[A-Za-z0-9_][^A-Za-z0-9_][^0-9]\Z"),
        (r"[\d$]", "[0-9$]"),  # inside a class, `$` is a dollar sign
        (r"a\$", r"a\$"),  # an escaped dollar stays one
        (r"a\\$", r"a\\\Z"),  # an escaped backslash, then the anchor
        ("[]", "(?!)"),  # ECMA-262: the empty class matches nothing...
        ("[^]", r"[\s\S]"),  # ...and its negation any character
        ("[[a]", r"[\[a]"),  # `[` inside a class is a literal
        ("^[^]a]$", r"^[\s\S]a]\Z"),
    ],
)
def test_translate(pattern: str, python: str) -> None:
    assert translate(pattern) == python


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        ("^[A-Z]{2}$", "XA", True),
        ("^[A-Z]{2}$", "XA\n", False),  # Python's `$` would match before the newline
        (r"^\d+$", "2024", True),
        (r"^\d+$", "٢٠٢٤", False),  # Arabic-Indic digits are \d to Python, not to ECMA-262
        (r"^\w+$", "año", False),
        ("^a[]", "a", False),
        ("^a[^]$", "ab", True),
    ],
)
def test_patterns_match_as_ecma_262_says(pattern: str, text: str, matches: bool) -> None:
    assert bool(ecma_pattern(pattern).search(text)) is matches


@given(st.text(alphabet="XA-9\n$ ", max_size=8))
def test_translated_anchors_never_match_before_a_final_newline(text: str) -> None:
    assert bool(ecma_pattern("^[A-Z]{2}$").search(text)) == bool(
        re.fullmatch("[A-Z]{2}", text) and not text.endswith("\n")
    )


def test_the_product_and_the_tests_share_one_validator() -> None:
    for name in schemas.available():
        assert schemas.validator(name) is validators.validator(name)


def _assessment(code: str) -> dict[str, Any]:
    return {
        "rubric": "test-rubric@1.0",
        "jurisdiction": {"code": code, "name": "Example"},
        "edition": 2024,
        "as_of": "2024-06-30",
        "status": "example",
        "answers": {},
    }


@pytest.mark.parametrize("code", ["XA\n", "XA-1\n"])
def test_a_code_that_only_pythons_regex_would_accept_is_refused(code: str) -> None:
    valid = _assessment("XA")
    assert schemas.validator("assessment").is_valid(valid), list(
        schemas.validator("assessment").iter_errors(valid)
    )
    data = _assessment(code)
    assert not schemas.validator("assessment").is_valid(data)
    errors = schema_errors("assessment", data)
    assert [e.validator for e in errors] == ["pattern"]
    fast = compiled("assessment")
    assert fast is not None and fast(data) is False


def test_pattern_properties_match_as_ecma_262_says() -> None:
    cls = type(schemas.validator("rubric"))
    checker = cls({"type": "object", "patternProperties": {"^[a-z]+$": {"type": "string"}}})
    assert checker.is_valid({"ab": "text"})
    assert not checker.is_valid({"ab": 1})
    assert checker.is_valid({"ab\n": 1})  # not a match under ECMA-262, so not constrained
