"""Headless Chromium for tests, shared by every browser test (import it; it is not a conftest).

    from browser_support import browser, open_page  # noqa: F401  (tests/ is on sys.path)

`browser` is a session-wide pytest fixture. Without Chromium it skips, with a reason, unless
the CI environment variable is set: then it fails, so CI never passes by skipping.
`open_page(browser, path)` loads a file:// page and records console errors and every network
request; `png_colours(png)` counts the distinct colours of a screenshot (no Pillow needed);
`axe_violations(page)` runs axe-core and returns serious and critical violations (or, with
`impacts=None`, every violation, best-practice rules included); `layout_report(page)` measures
what a reader at that width sees: chart text size, page overflow, words broken in table cells.
"""

from __future__ import annotations

import os
import shutil
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("SCORECARD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """The Chromium executable, or None when there is none."""
    if Path(CHROMIUM).is_file():
        return CHROMIUM
    return shutil.which("chromium") or shutil.which("chromium-browser")


def require_chromium() -> str:
    """The Chromium path; skip the test without it, but fail under CI."""
    path = chromium_path()
    if path is None:
        message = f"headless Chromium not found at {CHROMIUM} (set SCORECARD_CHROMIUM)"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI is set, so browser tests must run")
        pytest.skip(message)
    return path


class _Shared:
    """One Playwright and one browser per process: every test module that imports the
    `browser` fixture gets its own session fixture, and Playwright's sync API allows only
    one running instance, so they share this one (reference-counted)."""

    users = 0
    playwright: Any = None
    browser: Any = None


def _acquire(executable: str) -> Any:
    if _Shared.users == 0:
        from playwright.sync_api import sync_playwright

        _Shared.playwright = sync_playwright().start()
        _Shared.browser = _Shared.playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS
        )
    _Shared.users += 1
    return _Shared.browser


def _release() -> None:
    _Shared.users -= 1
    if _Shared.users == 0:
        _Shared.browser.close()
        _Shared.playwright.stop()
        _Shared.browser = _Shared.playwright = None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium browser (Playwright), shared by the session."""
    executable = require_chromium()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("playwright is not installed; CI is set, so browser tests must run")
        pytest.skip("playwright is not installed")
    instance = _acquire(executable)
    try:
        yield instance
    finally:
        _release()


@dataclass
class PageReport:
    """What happened while a page loaded."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    @property
    def foreign_requests(self) -> list[str]:
        """Requests other than the page itself."""
        return [r for r in self.requests if r != self.url]


def open_page(
    browser: Any, path: Path, *, width: int = 1100, height: int = 900, dark: bool = False
) -> PageReport:
    """Open `path` from file:// in a new page, recording requests and console errors."""
    context = browser.new_context(
        viewport={"width": width, "height": height},
        color_scheme="dark" if dark else "light",
        java_script_enabled=True,  # axe-core needs it; the pages themselves have no scripts
    )
    page = context.new_page()
    url = path.resolve().as_uri()
    report = PageReport(page, url)
    page.on("request", lambda request: report.requests.append(request.url))
    page.on(
        "console",
        lambda message: (
            report.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: report.page_errors.append(str(error)))
    page.goto(url, wait_until="load")
    return report


def png_pixels(png: bytes) -> tuple[int, int, int, bytes]:
    """Decode an 8-bit RGB or RGBA, non-interlaced PNG: (width, height, channels, raw rows)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind = png[pos + 4 : pos + 8]
        body = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, "unsupported PNG"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows = bytearray()
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            upper_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - upper_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upper_left)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else upper_left)
                line[i] = (line[i] + predictor) & 0xFF
        rows += line
        previous = line
    return width, height, channels, bytes(rows)


def png_colours(png: bytes, limit: int = 64) -> int:
    """How many distinct colours a PNG has (counting stops at `limit`)."""
    _, _, channels, pixels = png_pixels(png)
    seen: set[bytes] = set()
    for i in range(0, len(pixels), channels):
        seen.add(pixels[i : i + 3])
        if len(seen) >= limit:
            break
    return len(seen)


def axe_violations(
    page: Any, impacts: tuple[str, ...] | None = ("serious", "critical")
) -> list[Any]:
    """axe-core's violations of the given impacts on the loaded page (None: all of them). axe
    runs every rule but the experimental ones, best-practice rules (such as `region`) included."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = results.response.get("violations", [])
    return [v for v in violations if impacts is None or v.get("impact") in impacts]


# Measured in the page: every <text> of every inline SVG chart at its rendered size (its
# font-size times the scale of its screen transform, so viewBox scaling and rotation count);
# how far the page overflows the viewport sideways; every word of a table cell (or of a
# scorecard's facts) that the browser broke across lines (a word's range covering more than
# one line box); and how many of the scorecard's facts sit on each row.
_LAYOUT_SCRIPT = r"""
() => {
  const small = [];
  for (const el of document.querySelectorAll('svg text')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    const m = el.getScreenCTM();
    const size = parseFloat(getComputedStyle(el).fontSize) * Math.hypot(m.a, m.b);
    if (size < 10.95) small.push([el.textContent, Math.round(size * 10) / 10]);
  }
  const root = document.documentElement;
  const broken = [];
  for (const cell of document.querySelectorAll('th, td, dd')) {
    if (cell.getClientRects().length === 0) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    const lines = (node, start, end) => {
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, end);
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      const width = rects.reduce((sum, r) => sum + r.width, 0);
      return [new Set(rects.map(r => Math.round(r.top))).size, width];
    };
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const tokens = /\S+/g;
      let token;
      while ((token = tokens.exec(node.data)) !== null) {
        // A fact (dd) has a fixed share of its row: a run of text wider than that has to
        // break somewhere. A table cell widens instead (its table scrolls), so it never may.
        const [, width] = lines(node, token.index, token.index + token[0].length);
        if (cell.tagName === 'DD' && width > cell.clientWidth) continue;
        // Words and numbers ("100.0%", "0,75") stay whole; a break after "-" or "/" is fine.
        const words = /[\p{L}\p{N}\p{M}.,%]+/gu;
        let word;
        while ((word = words.exec(token[0])) !== null) {
          if (word[0].length < 2) continue;
          const from = token.index + word.index;
          if (lines(node, from, from + word[0].length)[0] > 1) broken.push(word[0]);
        }
      }
    }
    if (cell.classList.contains('num')) {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const tops = new Set([...range.getClientRects()]
        .filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(cell.textContent.trim());
    }
  }
  const rows = new Map();
  for (const item of document.querySelectorAll('dl.meta > div')) {
    const top = Math.round(item.getBoundingClientRect().top);
    rows.set(top, (rows.get(top) || 0) + 1);
  }
  return {
    meta_rows: [...rows.values()],
    small_text: small,
    overflow: root.scrollWidth - root.clientWidth,
    broken_cells: broken,
    charts: document.querySelectorAll('svg.chart').length,
  };
}
"""


@dataclass
class LayoutReport:
    """What a reader sees at one width."""

    small_text: list[tuple[str, float]]  # chart text under 11 CSS px: (text, rendered size)
    overflow: float  # how far the page is wider than the viewport, in CSS px
    broken_cells: list[str]  # words (and numeric cells) of table cells broken across lines
    charts: int
    meta_rows: list[int]  # the scorecard's facts (dl.meta) on each row, top to bottom


def layout_report(page: Any) -> LayoutReport:
    """Measure the loaded page (see _LAYOUT_SCRIPT)."""
    found = page.evaluate(_LAYOUT_SCRIPT)
    return LayoutReport(
        small_text=[(text, size) for text, size in found["small_text"]],
        overflow=found["overflow"],
        broken_cells=found["broken_cells"],
        charts=found["charts"],
        meta_rows=found["meta_rows"],
    )


def describe(violations: list[Any]) -> str:
    """A readable list of axe violations, for assertion messages."""
    lines = []
    for v in violations:
        lines.append(f"{v['impact']}: {v['id']}: {v['help']}")
        for node in v.get("nodes", [])[:5]:
            lines.append(f"    {node.get('target')}: {node.get('failureSummary', '')}")
    return "\n".join(lines)
