"""Pages people read, from templates: scorecards (Markdown, HTML, JSON) and methodology pages,
in every language with a catalog. `FORMATS` maps a page format's name to its `Format`; the
commands reach these through `scorecard.render.registry`. Entry points, for the command line
and the static-site builder:

    render_scorecard(result, fmt, lang, *, workspace=None, nav=None, views=None) -> str
        One scorecard ("md", "html" or "json"); one `ViewMemo` given as `views` to the
        calls for each format of the same edition makes its display-ready data once.
    render_methodology(rubric, fmt, lang, *, workspace=None, nav=None) -> str
        The methodology page generated from a rubric ("md" or "html").
    render_page(template, lang, *, workspace=None, nav=None, **context) -> str
        Any other page from a template, e.g. the site's index. HTML pages extend
        `base.html.j2` (blocks: `title`, `header`, `content`, `footer`; it shows `nav` and
        the shared stylesheet `_style.css.j2`) and get `t` (the translator), `lang` and `nav`.

`nav` is a `Nav` of relative `NavLink`s (e.g. back to "../index.html", the same page in
another language). `workspace` picks the workspace's templates/ folder, whose files
override bundled templates of the same name. Unknown formats or languages raise UsageError.
Outputs are deterministic: identical input gives byte-identical output.
"""

from __future__ import annotations

from typing import Any

from scorecard.errors import UsageError
from scorecard.i18n import translator
from scorecard.model import Rubric
from scorecard.render import html, jsondoc, markdown
from scorecard.render.base import Format, Nav, NavLink, RenderContext, ViewMemo
from scorecard.render.environment import environment
from scorecard.scoring import Result
from scorecard.workspace import Workspace

FORMATS: dict[str, Format] = {f.name: f for f in (markdown.FORMAT, html.FORMAT, jsondoc.FORMAT)}
"""Every page format by its name."""

__all__ = [
    "FORMATS",
    "Format",
    "Nav",
    "NavLink",
    "RenderContext",
    "ViewMemo",
    "methodology_formats",
    "render_methodology",
    "render_page",
    "render_scorecard",
]


def methodology_formats() -> tuple[str, ...]:
    """The formats that can render a methodology page."""
    return tuple(name for name, f in FORMATS.items() if f.methodology is not None)


def _format(fmt: str) -> Format:
    try:
        return FORMATS[fmt]
    except KeyError:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}") from None


def _context(
    lang: str, workspace: Workspace | None, nav: Nav | None, views: ViewMemo | None = None
) -> RenderContext:
    return RenderContext(lang, translator(lang), environment(workspace), nav or Nav(), views)


def render_scorecard(
    result: Result,
    fmt: str,
    lang: str = "en",
    *,
    workspace: Workspace | None = None,
    nav: Nav | None = None,
    views: ViewMemo | None = None,
) -> str:
    """One scorecard in `fmt` ("md", "html", "json") and `lang`."""
    return _format(fmt).scorecard(result, _context(lang, workspace, nav, views))


def render_methodology(
    rubric: Rubric,
    fmt: str,
    lang: str = "en",
    *,
    workspace: Workspace | None = None,
    nav: Nav | None = None,
) -> str:
    """The methodology page of a rubric in `fmt` ("md" or "html") and `lang`."""
    renderer = _format(fmt).methodology
    if renderer is None:
        raise UsageError(
            f"format {fmt!r} has no methodology page; choose one of: "
            + ", ".join(methodology_formats())
        )
    return renderer(rubric, _context(lang, workspace, nav))


def render_page(
    template: str,
    lang: str = "en",
    *,
    workspace: Workspace | None = None,
    nav: Nav | None = None,
    **context: Any,
) -> str:
    """Render any template with the shared environment and globals (`t`, `lang`, `nav`)."""
    ctx = _context(lang, workspace, nav)
    return ctx.render(template, **context)
