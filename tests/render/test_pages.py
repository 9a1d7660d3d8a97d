"""Rendering: every format, both languages, the CLI, template overrides and escaping."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from render_support import (
    RENDER_WS,
    Elements,
    executable_markup,
    fixture_result,
    gfm_tables,
    raw_html,
)

from scorecard.errors import UsageError
from scorecard.render import (
    FORMATS,
    Nav,
    NavLink,
    methodology_formats,
    render_methodology,
    render_page,
    render_scorecard,
)
from scorecard.render.text import md_block, md_cell, md_inline, md_url, notes_html
from scorecard.schemas import validator
from scorecard.workspace import open_workspace

XB = RENDER_WS / "assessments" / "XB" / "2024.yaml"


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_registered_format_renders(fmt: str, lang: str) -> None:
    result = fixture_result("XB")
    text = render_scorecard(result, fmt, lang)
    assert text.endswith("\n") and "Xebrovia" in text
    assert text == render_scorecard(result, fmt, lang), "output must be deterministic"
    if FORMATS[fmt].methodology is not None:
        page = render_methodology(result.rubric, fmt, lang)
        assert "strategy.published" in page


def test_the_commands_offer_every_page_format() -> None:
    from scorecard.render.registry import formats

    assert set(formats("render")) == set(FORMATS)
    assert set(formats("rubric doc")) == set(methodology_formats())


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="choose one of: md, html, json"):
        render_scorecard(fixture_result("XB"), "pdf")
    with pytest.raises(UsageError, match="no methodology page"):
        render_methodology(fixture_result("XB").rubric, "json")


def test_json_is_the_result_document() -> None:
    text = render_scorecard(fixture_result("XB"), "json", "es")
    doc = json.loads(text)
    assert list(validator("result").iter_errors(doc)) == []
    assert doc["jurisdiction"] == {"code": "XB", "name": "Xebrovia"}
    assert text.endswith("}\n") and "\n  " in text


def test_html_structure_and_accessibility_basics() -> None:
    html = render_scorecard(fixture_result("XB"), "html", "es")
    page = Elements(html)
    assert html.startswith("<!DOCTYPE html>")
    assert page.all("html") == [{"lang": "es"}]
    assert any(m.get("name") == "viewport" for m in page.all("meta"))
    svg = page.all("svg")
    assert len(svg) == 1 and svg[0]["role"] == "img" and svg[0]["aria-labelledby"]
    assert [t for t, _ in page.tags].count("title") >= 2  # page title + chart title
    tables = html.count("<table")
    assert tables == html.count("<caption>") and tables >= 3
    assert all(th.get("scope") in ("col", "row") for th in page.all("th"))
    assert "@media print" in html and "prefers-color-scheme: dark" in html
    assert executable_markup(html) == []
    assert "30 de junio de 2024" in html and "38.3" in html
    links = [a for a in page.all("a") if a.get("href", "").startswith("http")]
    assert links and all(a.get("rel") == "noopener noreferrer" for a in links)
    # flagged answers say so in words, not only colour
    assert "No encontrada" in html and "No aplica" in html


def test_example_and_draft_say_so_prominently() -> None:
    html = render_scorecard(fixture_result("XB"), "html", "en")
    assert 'class="banner banner-example"' in html and "<strong>Example</strong>" in html
    assert "> **Example**" in render_scorecard(fixture_result("XB"), "md", "en")
    draft = render_scorecard(fixture_result("XZ"), "html", "es")
    assert 'class="banner banner-draft"' in draft and "<strong>Borrador</strong>" in draft


def test_markdown_tables_parse_as_gfm() -> None:
    md = render_scorecard(fixture_result("XB"), "md", "en")
    tables = gfm_tables(md)
    # meta, pillars, two indicator tables, two evidence tables, review
    assert len(tables) == 7
    assert tables[1] == [7, 7, 7, 7]  # header, two pillars, overall
    assert all(len(set(rows)) == 1 for rows in tables)
    assert raw_html(md) == []


def test_nav_links_for_the_site() -> None:
    nav = Nav(
        links=(NavLink("All jurisdictions", "../index.html"),),
        languages=(NavLink("Español", "2024.es.html", lang="es"),),
    )
    result = fixture_result("XB")
    html = render_scorecard(result, "html", "en", nav=nav)
    anchors = Elements(html).all("a")
    assert {"href": "../index.html"} in anchors
    assert any(a.get("hreflang") == "es" and a["href"] == "2024.es.html" for a in anchors)
    md = render_scorecard(result, "md", "en", nav=nav)
    assert md.startswith("[All jurisdictions](../index.html) · [Español](2024.es.html)\n")
    with pytest.raises(ValueError):
        NavLink("x", "javascript:alert(1)")


def test_base_template_can_be_extended_by_other_pages(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block content %}<p>{{ body }}</p>{% endblock %}',
        encoding="utf-8",
    )
    html = render_page(
        "page.html.j2", "es", workspace=open_workspace(tmp_path), page_title="T", body="<b>"
    )
    assert '<html lang="es">' in html and "<p>&lt;b&gt;</p>" in html and "<style>" in html


def test_a_workspace_template_overrides_the_bundled_one(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(RENDER_WS, workspace)
    (workspace / "templates").mkdir()
    (workspace / "templates" / "scorecard.md.j2").write_text(
        "Custom: {{ card.name }} {{ card.overall.score }}\n", encoding="utf-8"
    )
    ws = open_workspace(workspace)
    from scorecard.api import score_files

    result = score_files([workspace / "assessments" / "XB" / "2024.yaml"], ws)[0]
    assert render_scorecard(result, "md", "en", workspace=ws) == "Custom: Xebrovia 38.3\n"
    # templates it does not override still come from the bundle
    assert render_scorecard(result, "html", "en", workspace=ws).startswith("<!DOCTYPE html>")


def test_markdown_templates_escape_values_without_a_filter(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "x.md.j2").write_text("{{ v }}|{{ v|md_cell }}\n", "utf-8")
    out = render_page("x.md.j2", workspace=open_workspace(tmp_path), v="<script>|*a*")
    assert out == "\\<script\\>\\|\\*a\\*|\\<script\\>\\|\\*a\\*\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b", "a \\| b"),
        ("<script>x</script>", "\\<script\\>x\\</script\\>"),
        ("# title", "\\# title"),
        ("1. one", "1\\. one"),
        ("37.5", "37.5"),
        ("`code`", "\\`code\\`"),
        ("&amp;", "\\&amp;"),
        ("line\nbreak", "line break"),
        ("- item", "\\- item"),
    ],
)
def test_md_inline(text: str, expected: str) -> None:
    assert md_inline(text) == expected


def test_md_cell_keeps_line_breaks_inside_the_cell() -> None:
    assert md_cell("a|b\nc") == "a\\|b<br>c"
    cell = md_cell("x | y\n| z |")
    assert gfm_tables("| h |\n| --- |\n| " + cell + " |\n") == [[1, 1]]


def test_md_url_only_http() -> None:
    assert md_url("javascript:alert(1)") == ""
    assert md_url("data:text/html,x") == ""
    assert md_url("https://e.org/a b(c)|d") == "https://e.org/a%20b%28c%29%7Cd"


def test_md_block_keeps_safe_markdown_and_drops_the_rest() -> None:
    out = md_block("*em* **strong** [ok](https://e.org) [js](javascript:x) <b>raw</b>\n\n- a\n- b")
    assert out == (
        "*em* **strong** [ok](https://e.org) \\[js\\](javascript:x) \\<b\\>raw\\</b\\>\n\n- a\n- b"
    )
    assert raw_html(md_block("<script>x</script>\n\n<div>y</div>")) == []
    assert md_block("![img](https://e.org/i.png)").startswith("\\!")


def test_notes_html_disables_raw_html_images_and_non_http_links() -> None:
    html = notes_html(
        "<script>x</script> [a](javascript:alert(1)) [b](https://e.org) ![i](https://e.org/i.png)"
        "\n\n# heading"
    )
    assert executable_markup(html) == []
    assert "<img" not in html and "<h1" not in html and "&lt;script&gt;" in html
    assert '<a href="https://e.org" rel="noopener noreferrer">b</a>' in html


# --- the command line ------------------------------------------------------------------------


def test_cli_render_to_stdout_and_file(run: Any, tmp_path: Path) -> None:
    out = run("render", XB, "--format", "md", "--lang", "es", cwd=RENDER_WS)
    assert out.exit_code == 0, out.stderr
    assert out.stdout.startswith("# Xebrovia (XB)")
    target = tmp_path / "xb.html"
    out = run("render", XB, "-f", "html", "-o", target)
    assert out.exit_code == 0 and out.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    out = run("render", XB, "-f", "json", "-o", "-")
    assert json.loads(out.stdout)["jurisdiction"]["code"] == "XB"


def test_cli_render_usage_errors(run: Any) -> None:
    out = run("render", XB, "--lang", "fr")
    assert out.exit_code == 2 and "available: en, es" in out.stderr
    out = run("render", XB, "--format", "pdf")
    assert out.exit_code == 2 and "md, html, json" in out.stderr
    out = run("render", RENDER_WS / "missing.yaml")
    assert out.exit_code == 2


def test_cli_render_invalid_input_writes_nothing(run: Any, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(RENDER_WS, workspace)
    path = workspace / "assessments" / "XB" / "2024.yaml"
    path.write_text(path.read_text("utf-8").replace("level: renewed", "level: nonsense"), "utf-8")
    target = tmp_path / "out.html"
    out = run("render", path, "-f", "html", "-o", target)
    assert out.exit_code == 1
    assert "2024.yaml:" in out.stderr and "nonsense" in out.stderr
    assert not target.exists() and out.stdout == ""


def test_cli_rubric_doc(run: Any, tmp_path: Path) -> None:
    out = run("rubric", "doc", "test-rubric@1.0", "--lang", "es", cwd=RENDER_WS)
    assert out.exit_code == 0, out.stderr
    md = out.stdout
    assert md.startswith("# Metodología: Rúbrica de prueba")
    for expected in ("Eslabón más débil", "ICCPR Art. 4(3)", "Ponerlo por escrito", "40–70"):
        assert expected in md
    assert all(len(set(rows)) == 1 for rows in gfm_tables(md))
    target = tmp_path / "method.html"
    out = run("rubric", "doc", "test-rubric@1.0", "-f", "html", "-o", target, cwd=RENDER_WS)
    assert out.exit_code == 0
    html = target.read_text("utf-8")
    assert executable_markup(html) == [] and html.count("<table") == html.count("<caption>")
    out = run("rubric", "doc", "--format", "json", cwd=RENDER_WS)
    assert out.exit_code == 2 and "md, html" in out.stderr
