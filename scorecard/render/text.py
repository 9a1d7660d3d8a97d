"""Analyst text made safe for each output: escaping for Markdown, and analyst Markdown
(notes, summaries) turned into safe HTML or a safe subset of Markdown.

Analyst text is data, never markup: in HTML it is escaped (Jinja autoescape) and notes are
rendered by markdown-it with raw HTML disabled, images disabled (no external requests) and
links kept only for http(s). In Markdown output every value is escaped (`md_inline`,
`md_cell`), and notes are re-written from markdown-it's syntax tree into a small safe subset
(`md_block`), so nothing an analyst writes can open a tag, break a table or add a heading.

Parsing is bounded: a text over the limits of `scorecard.validation.texts` (length, `[`
count, nesting depth) is not given to the parser's renderers but shown as escaped plain
text, so no note can exhaust the stack or the clock; `validate` reports such texts first.
Bidirectional controls in analyst text are closed where the text ends (`bidi_isolate`), so
an unbalanced right-to-left override cannot reverse the rest of a heading or a title.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from markupsafe import Markup

from scorecard.validation.texts import MAX_MARKDOWN_DEPTH, text_trouble, token_depth

HTTP_SCHEMES = ("http://", "https://")

# Line starts that open a block: headings, quotes, list items, thematic breaks, setext.
_BLOCK_START = re.compile(r"^([#>+=-])")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_SPACE = re.compile(r"[ \t]*\r?\n[ \t]*|\r")
# Text with none of these needs no escaping at all (the common case: ids, numbers, words).
_NEEDS_ESCAPE = re.compile(r"[\\`*_\[\]<>|~&\r\n]|^[\s#>+=\-\d]|\s$")


# Bidirectional embeddings, overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_OPENS_EMBEDDING = "\u202a\u202b\u202d\u202e"
_OPENS_ISOLATE = "\u2066\u2067\u2068"
_PDF, _FSI, _PDI = "\u202c", "\u2068", "\u2069"


def bidi_isolate(text: str) -> str:
    """`text` unchanged unless it holds bidirectional controls; then wrapped in an isolate
    (FSI ... PDI) with every embedding, override and isolate it opens closed at its end, so
    it cannot reorder what follows it (the rest of a heading, a table row, a <title>)."""
    if text.isascii() or not _BIDI.search(text):  # ASCII, the common case, has none
        return text
    stack: list[str] = []
    for char in text:
        if char in _OPENS_EMBEDDING:
            stack.append(_PDF)
        elif char in _OPENS_ISOLATE:
            stack.append(_PDI)
        elif char == _PDF and stack and stack[-1] == _PDF:
            stack.pop()
        elif char == _PDI and _PDI in stack:
            # A PDI closes its isolate and every embedding opened inside it.
            while stack.pop() != _PDI:
                pass
    return _FSI + text + "".join(reversed(stack)) + _PDI


class MdSafe(str):
    """Markdown that is safe to emit as is (already escaped or built from escaped parts)."""

    __slots__ = ()


def is_http(url: str | None) -> bool:
    """Whether `url` is an absolute http(s) URL: the only links the outputs keep."""
    return bool(url) and str(url).strip().lower().startswith(HTTP_SCHEMES)


# Characters with a meaning in CommonMark/GFM inline syntax, escaped with a backslash, by a
# translation table: C speed, where a regex substitution with a
# template costs a Python call per special character (seconds on a megabyte of `[`).
_INLINE_TABLE = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~&"})


def _escape_inline(text: str) -> str:
    return text.translate(_INLINE_TABLE)


def _escape_line_start(line: str) -> str:
    line = line.lstrip(" \t")
    line = _BLOCK_START.sub(r"\\\1", line)
    return _ORDERED_START.sub(r"\1\\\2", line)


# Short texts (labels, numbers, dates, ids) are escaped thousands of times in a build: what
# was made for them is kept, up to a bound; long (analyst) texts are escaped each time.
_SHORT = 100
_MEMO_SIZE = 1_000  # small: a site's repeated texts are few, and memory must stay flat
_inline_memo: dict[str, MdSafe] = {}
_code_memo: dict[str, MdSafe] = {}


def _remember(memo: dict[str, MdSafe], text: str, made: MdSafe) -> MdSafe:
    if len(text) <= _SHORT:
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[text] = made
    return made


def md_inline(value: object) -> MdSafe:
    """Text as inline Markdown that shows exactly that text: specials, HTML and entities
    escaped, line breaks turned into spaces, no block syntax at the start."""
    if type(value) is str:
        text = value
    elif isinstance(value, MdSafe):
        return value
    else:
        text = str(value)
    found = _inline_memo.get(text)  # only short texts are there
    if found is not None:
        return found
    if not _NEEDS_ESCAPE.search(text):
        return _remember(_inline_memo, text, MdSafe(bidi_isolate(text)))
    escaped = _escape_line_start(_escape_inline(_SPACE.sub(" ", text).strip()))
    return _remember(_inline_memo, text, MdSafe(bidi_isolate(escaped)))


def md_cell(value: object) -> MdSafe:
    """Text for a GFM table cell: as `md_inline` (pipes escaped), line breaks as <br>."""
    if isinstance(value, MdSafe):
        return MdSafe(value.replace("\n", "<br>"))
    text = str(value)
    if "\n" not in text and "\r" not in text:
        return md_inline(text)
    lines = [md_inline(line) for line in text.splitlines() if line.strip()]
    return MdSafe("<br>".join(lines))


def is_relative(url: str | None) -> bool:
    """Whether `url` is a relative reference (no scheme), such as the static site's links."""
    text = str(url or "").strip()
    return bool(text) and ":" not in text.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]


# What a link destination cannot hold as is: white space (`\s` is exactly `str.isspace`),
# control characters, and the characters that could end or break it.
_URL_UNSAFE = re.compile(r'[\s()<>\[\]\\|"`\x00-\x1f]')


def _percent_encoded(match: re.Match[str]) -> str:
    return "".join(f"%{b:02X}" for b in match.group().encode("utf-8"))


def md_url(url: str | None, relative: bool = False) -> MdSafe:
    """An http(s) URL (or, if `relative`, a relative one) as a Markdown link destination,
    with characters that could end or break it percent-encoded; "" for any other URL."""
    if not (is_http(url) or (relative and is_relative(url))):
        return MdSafe("")
    return MdSafe(_URL_UNSAFE.sub(_percent_encoded, str(url).strip()))


def md_link(text: object, url: str | None, relative: bool = False) -> MdSafe:
    """`[text](url)` if the URL is http(s) (or relative, if allowed), else the text alone."""
    label = md_inline(text)
    destination = md_url(url, relative)
    return MdSafe(f"[{label}]({destination})") if destination else label


def md_code(value: object) -> MdSafe:
    """Text as a code span (identifiers): backtick fences longer than any run inside."""
    text = str(value)
    found = _code_memo.get(text) if len(text) <= _SHORT else None
    if found is not None:
        return found
    made = MdSafe(bidi_isolate(_code_span(text).replace("|", "\\|")))
    return _remember(_code_memo, text, made)


# --- analyst Markdown -----------------------------------------------------------------------


def notes_parser() -> MarkdownIt:
    """CommonMark with raw HTML off, no images (no external requests), no headings (notes
    sit inside a report's outline) and links only for http(s)."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["image", "heading", "lheading"])
    md.validateLink = is_http  # type: ignore[method-assign]
    return md


_PARSER = notes_parser()


def _link_open(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
    # The tokens are shared by every page that shows the text (see `_tokens`): the rel
    # attribute goes on a copy, and the shared token is left as it was parsed.
    token = tokens[idx].copy(attrs=dict(tokens[idx].attrs))
    token.attrSet("rel", "noopener noreferrer")
    return str(self.renderToken([*tokens[:idx], token, *tokens[idx + 1 :]], idx, options, env))


_PARSER.add_render_rule("link_open", _link_open)


def _tokens(text: str) -> tuple[Any, ...] | None:
    """markdown-it's tokens for `text`, or None when it is over the parsing limits.

    Parsed once for the HTML and the Markdown page (and every language) that show the text:
    the last texts' tokens are kept, and the renderers only read them. Only plain text is
    kept: a str subclass (Markup) is parsed each time, as itself."""
    return _parsed(text) if type(text) is str else _parsed.__wrapped__(text)


@functools.lru_cache(maxsize=256)
def _parsed(text: str) -> tuple[Any, ...] | None:
    if text_trouble(text) is not None:
        return None
    tokens: list[Any] = _PARSER.parse(text)
    if token_depth(tokens) > MAX_MARKDOWN_DEPTH:
        return None
    return tuple(tokens)


def _paragraphs(text: str) -> list[str]:
    return [part for part in re.split(r"\n[ \t]*\n", text.replace("\r", "\n")) if part.strip()]


def notes_html(text: str | None) -> Markup:
    """Analyst Markdown as safe HTML (as escaped paragraphs when it is over the limits)."""
    if not text:
        return Markup("")
    if type(text) is str:
        return _notes_html(text)
    return _notes_html.__wrapped__(text)


@functools.lru_cache(maxsize=256)
def _notes_html(text: str) -> Markup:
    """`notes_html` of a text, kept for the next page that shows it (the same in every
    language of a site, and often in the next edition)."""
    tokens = _tokens(text)
    if tokens is None:
        return Markup("").join(Markup("<p>{}</p>\n").format(p) for p in _paragraphs(text))
    return Markup(_PARSER.renderer.render(tokens, _PARSER.options, {}))


def _inline(node: SyntaxTreeNode) -> str:
    out = []
    for child in node.children:
        kind = child.type
        if kind in ("text", "text_special", "html_inline"):
            # "!" too: with images off, "![x](url)" is "!" and a link, and must stay so.
            out.append(_escape_inline(child.content).replace("!", "\\!"))
        elif kind in ("softbreak", "hardbreak"):
            out.append(" ")
        elif kind == "em":
            out.append(f"*{_inline(child)}*")
        elif kind == "strong":
            out.append(f"**{_inline(child)}**")
        elif kind == "code_inline":
            out.append(_code_span(child.content))
        elif kind == "link":
            href = str(child.attrs.get("href", ""))
            inner = _inline(child)
            out.append(f"[{inner}]({md_url(href)})" if is_http(href) else inner)
        else:
            out.append(_inline(child) if child.children else _escape_inline(child.content))
    return "".join(out)


def _code_span(content: str) -> str:
    content = content.replace("\n", " ")
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if content.startswith("`") or content.endswith("`") or not content.strip() else ""
    return f"{fence}{pad}{content}{pad}{fence}"


def _blocks(node: SyntaxTreeNode) -> list[str]:
    """Each block of `node` as Markdown lines joined by newlines."""
    out: list[str] = []
    for child in node.children:
        kind = child.type
        if kind == "paragraph":
            inline = child.children[0] if child.children else None
            text = _inline(inline) if inline is not None else ""
            out.append(_escape_line_start(text.strip()))
        elif kind in ("bullet_list", "ordered_list"):
            start = int(str(child.attrs.get("start", 1)))
            items = []
            for number, item in enumerate(child.children, start=start):
                marker = f"{number}. " if kind == "ordered_list" else "- "
                body = "\n\n".join(_blocks(item)) or ""
                lines = body.split("\n")
                indent = " " * len(marker)
                items.append(
                    marker
                    + lines[0]
                    + "".join(f"\n{indent}{ln}" if ln else "\n" for ln in lines[1:])
                )
            out.append("\n".join(items))
        elif kind == "blockquote":
            body = "\n\n".join(_blocks(child))
            out.append("\n".join(f"> {ln}" if ln else ">" for ln in body.split("\n")))
        elif kind in ("fence", "code_block"):
            content = child.content.rstrip("\n")
            longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
            fence = "`" * max(3, longest + 1)
            out.append(f"{fence}\n{content}\n{fence}")
        elif kind == "hr":
            out.append("* * *")
        elif kind == "inline":
            out.append(_escape_line_start(_inline(child)))
        else:
            inner = _blocks(child) if child.children else [_escape_inline(child.content)]
            out.extend(inner)
    return [block for block in out if block.strip()]


def md_block(text: str | None) -> MdSafe:
    """Analyst Markdown rewritten as a safe subset: paragraphs, lists, quotes, code, emphasis
    and http(s) links; raw HTML, images and headings come out as escaped text."""
    if not text:
        return MdSafe("")
    if type(text) is str:
        return _md_block(text)
    return _md_block.__wrapped__(text)


@functools.lru_cache(maxsize=256)
def _md_block(text: str) -> MdSafe:
    """`md_block` of a text, kept for the next page that shows it."""
    tokens = _tokens(text)
    if tokens is None:
        return MdSafe("\n\n".join(md_inline(p) for p in _paragraphs(text)))
    return MdSafe("\n\n".join(_blocks(SyntaxTreeNode(tokens))))
