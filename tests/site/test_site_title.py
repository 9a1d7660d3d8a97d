"""scorecard.toml's `title` and `description`: one text, or one per language; the site in each
language uses its own in <title>, the masthead, the meta description and Open Graph tags; a
setting the site cannot use is a located settings problem."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from scorecard.workspace import Settings, in_language

PUBLISH = 'publish = ["published", "example"]\n'
TITLES = (
    'title = { en = "Security transparency", es = "Transparencia en seguridad" }\n'
    'description = { en = "How open each government is.",'
    ' es = "Qué tan abierto es cada gobierno." }\n'
)


class _Page(HTMLParser):
    """A page's first <title> and <h1> (charts have titles of their own) and its <meta>."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.text: dict[str, str] = {"title": "", "h1": ""}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("name" in found or "property" in found):
            self.meta[found.get("name") or found["property"]] = found.get("content", "")
        self._in = tag if tag in self.text and not self.text[tag] else None

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.text[self._in] += data


def _page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_each_language_of_the_site_has_its_title_and_description(
    run: Any, test_workspace: Path
) -> None:
    (test_workspace / "scorecard.toml").write_text(PUBLISH + TITLES, encoding="utf-8")
    built = run("build", "--lang", "all", "-o", "out", cwd=test_workspace)
    assert built.exit_code == 0, built.stderr
    site = test_workspace / "out"
    for lang, title, description in (
        ("en", "Security transparency", "How open each government is."),
        ("es", "Transparencia en seguridad", "Qué tan abierto es cada gobierno."),
    ):
        index = _page(site / lang / "index.html")
        assert index.text["title"] == title and index.text["h1"].strip() == title
        assert index.meta["description"] == index.meta["og:description"] == description
        assert index.meta["og:title"] == index.meta["og:site_name"] == title
        jurisdiction = _page(site / lang / "XA" / "index.html")
        assert jurisdiction.text["title"].endswith(f" · {title}")
        assert jurisdiction.meta["og:site_name"] == title
    spanish = [p.read_text(encoding="utf-8") for p in (site / "es").rglob("*.html")]
    assert spanish and all("Security transparency" not in text for text in spanish)


def test_one_title_for_every_language_and_no_description(run: Any, test_workspace: Path) -> None:
    (test_workspace / "scorecard.toml").write_text(
        PUBLISH + 'title = "Scorecards"\n', encoding="utf-8"
    )
    built = run("build", "--lang", "es", "-o", "out", cwd=test_workspace)
    assert built.exit_code == 0, built.stderr
    index = _page(test_workspace / "out" / "index.html")
    assert index.text["title"] == "Scorecards"
    assert index.meta["description"].strip()  # the page's own summary


def test_a_language_falls_back_to_its_base_then_the_first_language() -> None:
    titles = {"en": "Scorecards", "es": "Fichas"}
    assert in_language(titles, "es-SV", ("en", "es-SV")) == "Fichas"
    assert in_language({"es": "Fichas", "en": "Scorecards"}, "fr", ("en", "fr")) == "Scorecards"
    assert in_language("One", "es", ("en", "es")) == "One"
    settings = Settings(title=titles, description="")
    assert settings.site_title("es") == "Fichas" and settings.site_description("es") == ""


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ('title = { en = "Scorecards", fr = "Fiches" }', "a text for fr, which is not among"),
        ('title = { en = "Scorecards", es = "" }', "an empty text for es"),
        ('description = { en = "Scorecards", es = " " }', "an empty text for es"),
        ("title = {}", "must be text, or a table of texts by language"),
        ("title = { en = 1 }", "must be text, or a table of texts by language"),
        ("description = 3", "must be text, or a table of texts by language"),
    ],
)
def test_a_title_the_site_cannot_use_is_a_located_settings_problem(
    run: Any, test_workspace: Path, setting: str, expected: str
) -> None:
    (test_workspace / "scorecard.toml").write_text(
        PUBLISH + 'languages = ["en", "es"]\n' + setting + "\n", encoding="utf-8"
    )
    for command in (["validate"], ["build", "-o", "out"]):
        result = run(*command, cwd=test_workspace)
        assert result.exit_code == 1
        assert "scorecard.toml:3:1: error: setting '" in result.stderr, result.stderr
        assert expected in result.stderr
        assert "Traceback" not in result.stderr
    assert not (test_workspace / "out").exists()


def test_settings_problems_name_their_line_and_toml_errors_their_column(
    run: Any, test_workspace: Path
) -> None:
    config = test_workspace / "scorecard.toml"
    config.write_text(PUBLISH + "\n\nstrict = 3\n", encoding="utf-8")
    result = run("validate", cwd=test_workspace)
    assert result.exit_code == 1 and "scorecard.toml:4:1: error:" in result.stderr
    config.write_text(PUBLISH + 'title = "a" b\n', encoding="utf-8")
    result = run("validate", cwd=test_workspace)
    assert result.exit_code == 1 and "scorecard.toml:2:13: error: invalid TOML" in result.stderr
