"""The renderer interface: a Format renders a scorecard (and maybe a methodology page) to text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment

from scorecard.i18n import Translator
from scorecard.model import Rubric
from scorecard.render.text import is_http, is_relative
from scorecard.scoring import Result

View = dict[str, Any]


@dataclass(frozen=True)
class NavLink:
    """A link in a page's navigation. `href` must be relative (as the static site's are) or
    http(s); `lang` marks a link to the same page in another language."""

    label: str
    href: str
    lang: str | None = None
    current: bool = False

    def __post_init__(self) -> None:
        if not (is_relative(self.href) or is_http(self.href)):
            raise ValueError(f"navigation links must be relative or http(s): {self.href!r}")


@dataclass(frozen=True)
class Nav:
    """Navigation a page shows at its top: site links (e.g. back to ../index.html) and the
    same page in other languages."""

    links: Sequence[NavLink] = ()
    languages: Sequence[NavLink] = ()


class ViewMemo:
    """The last scorecard view made, kept for the next format of the same edition: a site
    renders each edition as HTML and as Markdown, from the same display-ready data, which
    then is made once. One entry only, so it keeps at most one result alive."""

    def __init__(self) -> None:
        self._last: tuple[Result, Translator, str, View] | None = None

    def card(self, result: Result, t: Translator, lang: str) -> View:
        """`scorecard_view(result, t, lang)`, made again only for another result or language."""
        last = self._last
        if last is not None and last[0] is result and last[1] is t and last[2] == lang:
            return last[3]
        from scorecard.render.view import scorecard_view

        view = scorecard_view(result, t, lang)
        self._last = (result, t, lang, view)
        return view


@dataclass(frozen=True)
class RenderContext:
    """What every renderer gets besides the thing it renders; `views`, when given, shares a
    scorecard's view between the formats that render it."""

    lang: str
    t: Translator
    env: Environment
    nav: Nav = field(default_factory=Nav)
    views: ViewMemo | None = field(default=None, compare=False)

    def card(self, result: Result) -> View:
        """The scorecard view of `result` in this context's language."""
        if self.views is not None:
            return self.views.card(result, self.t, self.lang)
        from scorecard.render.view import scorecard_view

        return scorecard_view(result, self.t, self.lang)

    def template_globals(self) -> dict[str, Any]:
        return {"lang": self.lang, "t": self.t, "nav": self.nav}

    def render(self, template: str, **context: Any) -> str:
        """Render the template named `template` with the globals and `context`; a broken
        template (a workspace's override, say) is a located problem, not a traceback."""
        from scorecard.render.environment import render_template

        return render_template(self.env, template, **self.template_globals(), **context)


@dataclass(frozen=True)
class Format:
    """A page format: its name, and the functions that render a scorecard and (for some
    formats) a methodology page."""

    name: str
    scorecard: Callable[[Result, RenderContext], str]
    methodology: Callable[[Rubric, RenderContext], str] | None = None
