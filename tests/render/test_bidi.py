"""Bidirectional controls in analyst text are isolated (issue 17, item 4): an unbalanced
right-to-left override in a name cannot reverse the rest of a Markdown heading or of the
page's <title>."""

from __future__ import annotations

import dataclasses
import re

import pytest
from render_support import fixture_result

from scorecard.render import render_scorecard
from scorecard.render.text import bidi_isolate, md_cell, md_inline

RLO, PDF, LRI, FSI, PDI = "\u202e", "\u202c", "\u2066", "\u2068", "\u2069"


@pytest.mark.parametrize(
    ("text", "closed"),
    [
        (f"abc{RLO}def", f"{FSI}abc{RLO}def{PDF}{PDI}"),
        (f"{RLO}{LRI}x", f"{FSI}{RLO}{LRI}x{PDI}{PDF}{PDI}"),
        (f"{RLO}x{PDF}", f"{FSI}{RLO}x{PDF}{PDI}"),  # balanced: only isolated
        (f"{LRI}{RLO}x{PDI}", f"{FSI}{LRI}{RLO}x{PDI}{PDI}"),  # a PDI closes what it holds
        ("plain", "plain"),
        ("عربي", "عربي"),  # right-to-left text without controls is left alone
    ],
)
def test_bidi_isolate_closes_what_a_text_opens(text: str, closed: str) -> None:
    assert bidi_isolate(text) == closed


def _balanced(text: str) -> bool:
    """Whether every embedding/override/isolate opened in `text` is closed in it."""
    depth = 0
    for char in text:
        if char in "\u202a\u202b\u202d\u202e\u2066\u2067\u2068":
            depth += 1
        elif char in "\u202c\u2069":
            depth -= 1
    return depth == 0


def test_markdown_values_and_cells_are_balanced() -> None:
    assert _balanced(md_inline(f"Xa{RLO}nadu | *x*"))
    assert _balanced(md_cell(f"a{RLO}\nb"))


@pytest.fixture
def reversed_name() -> object:
    result = fixture_result("XZ")
    assessment = dataclasses.replace(result.assessment, name={"": f"Xan{RLO}adu"})
    return dataclasses.replace(result, assessment=assessment)


def test_markdown_heading_is_not_reversed(reversed_name: object) -> None:
    md = render_scorecard(reversed_name, "md", "en")  # type: ignore[arg-type]
    heading = next(line for line in md.splitlines() if line.startswith("# "))
    assert f"{FSI}Xan{RLO}adu{PDF}{PDI}" in heading
    assert _balanced(heading)


def test_html_title_and_heading_are_not_reversed(reversed_name: object) -> None:
    html = render_scorecard(reversed_name, "html", "en")  # type: ignore[arg-type]
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title is not None and RLO in title.group(1)
    assert _balanced(title.group(1))
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert h1 is not None and RLO in h1.group(1) and _balanced(h1.group(1))
