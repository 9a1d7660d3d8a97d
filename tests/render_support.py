"""Shared helpers for the rendering tests: the render fixture workspace and HTML/GFM checks."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt

from scorecard.api import score_files
from scorecard.scoring import Result
from scorecard.workspace import open_workspace

RENDER_WS = Path(__file__).resolve().parent / "data" / "render" / "workspace"
GOLDEN_CODE = "XB"  # every kind of answer, summary, notes, right of reply
HOSTILE_CODE = "XZ"  # hostile strings everywhere
FIXED_VERSION = "0.0.0-test"


def fixture_result(code: str) -> Result:
    """The render fixture's 2024 assessment of `code`, scored, with a fixed tool version so
    rendered output does not change with the version number."""
    workspace = open_workspace(RENDER_WS)
    path = RENDER_WS / "assessments" / code / "2024.yaml"
    result = score_files([path], workspace)[0]
    provenance = dataclasses.replace(result.provenance, tool_version=FIXED_VERSION)
    return dataclasses.replace(result, provenance=provenance)


class Elements(HTMLParser):
    """Every start tag with its attributes, parsed the way a browser tokenizes them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]


def executable_markup(html: str) -> list[str]:
    """Anything in `html` that could run code or load something: script/iframe/object/embed
    elements, on* handlers, javascript:/data:/vbscript: URLs, meta refresh, external src."""
    found = []
    for tag, attrs in Elements(html).tags:
        if tag in ("script", "iframe", "object", "embed", "frame", "applet", "base", "form"):
            found.append(f"<{tag}>")
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            found.append("<meta refresh>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction", "xlink:href", "srcset"):
                scheme = value.strip().lower().replace("\t", "").replace("\n", "")
                if scheme.startswith(("javascript:", "data:", "vbscript:")):
                    found.append(f"<{tag} {name}={value}>")
                if name != "href" and value:
                    found.append(f"<{tag} {name}={value}> loads a resource")
    return found


def gfm() -> MarkdownIt:
    """A GFM-like parser (CommonMark + tables), raw HTML on as on permissive renderers."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def gfm_tables(markdown: str) -> list[list[int]]:
    """For each table, the number of cells in each row (header first)."""
    tables: list[list[int]] = []
    cells = 0
    for token in gfm().parse(markdown):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            tables[-1].append(cells)
    return tables


def raw_html(markdown: str) -> list[str]:
    """Raw HTML a GFM parser finds in `markdown` (inline and blocks, recursively)."""
    found = []
    for token in gfm().parse(markdown):
        if token.type == "html_block":
            found.append(token.content)
        for child in token.children or []:
            if child.type == "html_inline":
                found.append(child.content)
    return found
