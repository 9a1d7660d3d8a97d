"""Limits that make every output possible: analyst Markdown that renders in bounded depth and
time, and numbers exact arithmetic can use.

A file can pass the schema and still hold a note no renderer should try (500 nested
emphasis markers; thousands of unclosed `[`), or weights whose exact fractions grow without
bound. Both are found here, by `validate`, so a pull-request check fails before the
publishing build on main does; `scorecard.render.text` enforces the same Markdown limits
(`markdown_trouble`) and `scorecard.scoring` the same digit bound (`exact_digits`).
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from functools import cache
from typing import Any, Literal

from scorecard.errors import phrase
from scorecard.model import exact
from scorecard.scoring import MAX_EXACT_DIGITS, exact_digits
from scorecard.validation.findings import Findings

# A Markdown text (a note, a summary, a description) may hold this many characters: about
# 3,000 words, far above any note, and small enough to render in well under a second.
MAX_MARKDOWN_CHARS = 20_000
# Nesting of blocks and inline markup (emphasis in emphasis, lists in quotes...).
MAX_MARKDOWN_DEPTH = 24
# Each `[` may make the parser look ahead for its `]`: their number bounds the time.
MAX_LINK_BRACKETS = 1_000
# Weights and values are decimals with at most this many places (0.000001).
MAX_DECIMAL_DENOMINATOR = 10**6

Trouble = Literal["too-long", "too-many-brackets", "too-deep"]


@cache
def _parser() -> Any:
    """The CommonMark parser, made (and its module imported) the first time a text has enough
    markers to be worth parsing: most never do."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def text_trouble(text: str) -> Trouble | None:
    """What makes `text` too costly to parse, judged without parsing it."""
    if len(text) > MAX_MARKDOWN_CHARS:
        return "too-long"
    if text.count("[") > MAX_LINK_BRACKETS:
        return "too-many-brackets"
    return None


def token_depth(tokens: list[Any]) -> int:
    """The deepest nesting of a markdown-it token stream, inline tokens included."""
    deepest = 0
    for token in tokens:
        deepest = max(deepest, token.level + 1)
        if token.children:
            level = token.level + 1
            for child in token.children:
                level += max(child.nesting, 0)
                deepest = max(deepest, level)
                level += min(child.nesting, 0)
    return deepest


def markdown_trouble(text: str) -> Trouble | None:
    """Why `text` cannot be rendered as Markdown within bounds, or None when it can."""
    trouble = text_trouble(text)
    if trouble is not None:
        return trouble
    if sum(text.count(c) for c in "*_>[-+~") < MAX_MARKDOWN_DEPTH // 2:
        return None  # too few markers to nest that deep: no need to parse
    if token_depth(_parser().parse(text)) > MAX_MARKDOWN_DEPTH:
        return "too-deep"
    return None


_TROUBLES = {
    "too-long": phrase("problem.markdown.too_long", chars=MAX_MARKDOWN_CHARS),
    "too-many-brackets": phrase("problem.markdown.too_many_brackets", brackets=MAX_LINK_BRACKETS),
    "too-deep": phrase("problem.markdown.too_deep", depth=MAX_MARKDOWN_DEPTH),
}

# Where analyst Markdown lives in each kind of file (`*` is any key or item).
_MARKDOWN_FIELDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "rubric": (
        ("description",),
        ("pillars", "*", "description"),
        ("pillars", "*", "indicators", "*", "guidance"),
    ),
    "assessment": (
        ("summary",),
        ("right_of_reply", "summary"),
        ("answers", "*", "notes"),
    ),
}


def check_limits(data: dict[str, Any], found: Findings, kind: str) -> None:
    """Errors for Markdown that cannot be rendered within bounds and, in a rubric, numbers
    exact scoring cannot use. `data` has passed the schema."""
    for pattern in _MARKDOWN_FIELDS[kind]:
        for path, value in _values(data, pattern, ()):
            texts = value.items() if isinstance(value, dict) else [(None, value)]
            for lang, text in texts:
                if not isinstance(text, str):
                    continue
                trouble = markdown_trouble(text)
                if trouble is not None:
                    where = path if lang is None else (*path, lang)
                    found.error(
                        where, _TROUBLES[trouble], phrase("problem.markdown.hint"), code="markdown"
                    )
    if kind == "rubric":
        _check_numbers(data, found)


def _values(data: Any, pattern: tuple[str, ...], path: tuple[str | int, ...]) -> Iterator[Any]:
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        items: Any = data.items() if isinstance(data, dict) else enumerate(data or ())
        for key, value in items:
            yield from _values(value, rest, (*path, key))
    elif isinstance(data, dict) and head in data:
        yield from _values(data[head], rest, (*path, head))


def _decimal(value: Any, path: tuple[str | int, ...], found: Findings) -> Fraction | None:
    """`value` as an exact fraction, or None (with an error) when it has too many places."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    number = exact(value)
    if number.denominator > MAX_DECIMAL_DENOMINATOR:
        found.error(path, phrase("problem.number.too_precise", value=repr(value)), code="number")
        return None
    return number


def _check_numbers(data: dict[str, Any], found: Findings) -> None:
    _decimal(data.get("min_coverage"), ("min_coverage",), found)
    for index, band in enumerate(data["bands"]):
        _decimal(band["min"], ("bands", index, "min"), found)
        _decimal(band["max"], ("bands", index, "max"), found)
    pillars = []
    for p_index, pillar in enumerate(data["pillars"]):
        p_path = ("pillars", p_index)
        weight = _decimal(pillar["weight"], (*p_path, "weight"), found)
        indicators = []
        for i_index, indicator in enumerate(pillar["indicators"]):
            i_path = (*p_path, "indicators", i_index)
            i_weight = _decimal(indicator["weight"], (*i_path, "weight"), found)
            values = [
                _decimal(level["value"], (*i_path, "levels", l_index, "value"), found)
                for l_index, level in enumerate(indicator["levels"])
            ]
            indicators.append((i_weight or Fraction(1), [v for v in values if v is not None]))
        pillars.append((weight or Fraction(1), indicators))
    digits = exact_digits(pillars)
    if digits > MAX_EXACT_DIGITS:
        found.error(
            ("pillars",),
            phrase(
                "problem.rubric.too_exact",
                rubric=f"{data['id']}@{data['version']}",
                digits=digits,
                limit=MAX_EXACT_DIGITS,
            ),
            phrase("problem.rubric.too_exact.hint"),
            code="number",
        )
