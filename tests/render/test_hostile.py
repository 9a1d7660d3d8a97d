"""A hostile assessment (XZ): markup, scripts, javascript:/data: links, pipes, newlines,
entities, long words and right-to-left text in every field analysts write. Its renderings
must show all of it as text."""

from __future__ import annotations

import pytest
from render_support import Elements, executable_markup, fixture_result, gfm, gfm_tables, raw_html

from scorecard.render import render_methodology, render_scorecard


@pytest.mark.parametrize("lang", ["en", "es"])
def test_hostile_html_has_no_executable_markup(lang: str) -> None:
    html = render_scorecard(fixture_result("XZ"), "html", lang)
    assert executable_markup(html) == []
    page = Elements(html)
    assert [tag for tag, _ in page.tags].count("style") == 1  # only ours
    text = "".join(page.text)
    # the hostile strings are there, as text
    assert "<script>alert('name')</script>" in text
    assert "javascript:alert('na')" in text
    hrefs = [a["href"] for a in page.all("a")]
    assert "https://example.org/ok" in hrefs
    assert all(h.startswith(("https://", "#")) for h in hrefs), hrefs


def test_hostile_markdown_keeps_its_tables() -> None:
    md = render_scorecard(fixture_result("XZ"), "md", "en")
    tables = gfm_tables(md)
    assert all(len(set(rows)) == 1 for rows in tables), tables
    meta, pillars, strategy, evidence, emergency, review = tables
    assert meta == [2] * 5  # jurisdiction (header row), edition, as of, rubric, status
    assert pillars == [7] * 4
    assert strategy == [4] * 3 and emergency == [4] * 3
    assert evidence == [7] * 3  # header + two sources, despite pipes and newlines
    assert review == [4] * 3


def test_hostile_markdown_opens_no_tag_and_no_heading() -> None:
    md = render_scorecard(fixture_result("XZ"), "md", "en")
    assert [h for h in raw_html(md) if h != "<br>"] == []
    headings = [
        t.content
        for i, t in enumerate(gfm().parse(md))
        if t.type == "inline" and i and gfm().parse(md)[i - 1].type == "heading_open"
    ]
    assert not any("heading" in h.lower() for h in headings), headings
    rendered = gfm().render(md)
    assert executable_markup(rendered) == []
    links = [a["href"] for a in Elements(rendered).all("a")]
    assert all(h.startswith("https://") for h in links), links
    assert not Elements(rendered).all("img")


def test_hostile_methodology_from_a_hostile_rubric() -> None:
    rubric = fixture_result("XZ").rubric
    import dataclasses

    evil = "<script>alert(1)</script> | [x](javascript:alert(1))\n# h"
    pillar = dataclasses.replace(rubric.pillars[0], title={"en": evil}, description={"en": evil})
    rubric = dataclasses.replace(rubric, pillars=(pillar, *rubric.pillars[1:]))
    html = render_methodology(rubric, "html", "en")
    assert executable_markup(html) == []
    md = render_methodology(rubric, "md", "en")
    assert [h for h in raw_html(md) if h != "<br>"] == []
    assert all(len(set(rows)) == 1 for rows in gfm_tables(md))
