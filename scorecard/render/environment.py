"""The one Jinja environment per templates folder: the workspace's templates/ first, then the
bundled ones, so a workspace overrides a bundled template by dropping a file with its name.

HTML (and SVG/XML) templates are autoescaped. Markdown templates (`*.md.j2`) cannot be
autoescaped by Jinja, so every `{{ value }}` in them goes through `md_inline` unless it is
already `MdSafe` (the output of the `md_*` filters): forgetting a filter escapes, it never
lets analyst text through raw. Analyst text is only ever a value in a context, never
compiled as a template.

Every text value printed in an HTML or SVG template (the page `<title>` too) has its
bidirectional controls isolated (`text.bidi_isolate`), so a right-to-left override in a name
cannot reverse the rest of the line; the `bidi` filter does the same for values built in
a template.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    pass_context,
    select_autoescape,
)
from jinja2.runtime import Context
from markupsafe import Markup

from scorecard.errors import InvalidInput, Problem, ScorecardError, phrase
from scorecard.i18n import Translator
from scorecard.render import text
from scorecard.workspace import Workspace, bundled_dir

MARKDOWN_SUFFIX = ".md.j2"


def _is_markdown(name: str | None) -> bool:
    return bool(name) and str(name).endswith(MARKDOWN_SUFFIX)


@pass_context
def _finalize(context: Context, value: Any) -> Any:
    # Called for every value printed (half a million in a build): the commonest cases first.
    if value is None:
        return ""
    kind = type(value)
    if kind is not text.MdSafe and not isinstance(value, text.MdSafe):
        name = context.name
        if name.endswith(MARKDOWN_SUFFIX) if type(name) is str else _is_markdown(name):
            return text.md_inline(value)
    # Any text but Markup (HTML, SVG, <title>, and Markdown already escaped): its bidi
    # controls end with it (autoescape follows). ASCII has none.
    if kind is str or kind is text.MdSafe:
        return value if value.isascii() else text.bidi_isolate(value)
    if isinstance(value, str) and not isinstance(value, Markup):
        return text.bidi_isolate(value)
    return value


# What a plain dict has as attributes (its methods); any other name in `card.name` is a key.
_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Context(Context):
    """Jinja's context, calling the translator (`t(...)`, a hundred thousand times in a
    build) without first asking it whether it wants the context: it never does."""

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if type(__obj) is not Translator:
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


class _Environment(Environment):
    """Jinja's environment, with `value.name` on a plain dict (every view the templates get)
    looked up as the key at once, rather than as an attribute first (which a dict lacks, at
    the cost of an exception raised and caught) and then as the key: the same value."""

    context_class = _Context

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def bundled_templates() -> Path:
    """The bundled templates folder."""
    return bundled_dir("templates")


class _WorkspaceLoader(FileSystemLoader):
    """The workspace's templates/, where a template that is a link out of the folder (to
    /etc/passwd, say, added by a pull request) is refused rather than published."""

    def get_source(self, environment: Environment, template: str) -> Any:
        source = super().get_source(environment, template)
        folder = os.path.realpath(self.searchpath[0])
        if os.path.commonpath([folder, os.path.realpath(source[1])]) != folder:
            raise ScorecardError(
                f"refusing the template {template}: it is a link that leads out of {folder}"
            )
        return source


@functools.cache
def _environment(own: Path | None) -> Environment:
    loaders: list[FileSystemLoader] = [_WorkspaceLoader(str(own))] if own is not None else []
    loaders.append(FileSystemLoader(str(bundled_templates())))
    env = _Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(
            enabled_extensions=("html", "htm", "xml", "svg", "html.j2", "svg.j2", "xml.j2"),
            default_for_string=True,
            default=False,
        ),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
        auto_reload=False,
    )
    env.filters.update(
        md_inline=text.md_inline,
        md_cell=text.md_cell,
        md_url=text.md_url,
        md_link=text.md_link,
        md_block=text.md_block,
        md_code=text.md_code,
        notes_html=text.notes_html,
        bidi=text.bidi_isolate,
    )
    env.tests["http_url"] = text.is_http
    return env


def environment(workspace: Workspace | None = None) -> Environment:
    """The environment for a workspace (its templates/ override the bundled ones), built once
    per templates folder; the bundled templates alone when `workspace` is None."""
    own = workspace.templates_dir.resolve() if workspace is not None else None
    if own is not None and not own.is_dir():
        own = None
    return _environment(own)


def render_template(env: Environment, name: str, **context: Any) -> str:
    """Render the template `name`; a template that does not parse or fails as it renders (a
    workspace's override with a typo, a block that uses a value pages do not have) becomes a
    located problem naming the template file and line."""
    try:
        return env.get_template(name).render(**context)
    except TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        problem = Problem(
            str(where),
            exc.lineno or 1,
            1,
            "error",
            phrase("problem.template.syntax", message=exc.message or str(exc)),
            phrase("problem.template.hint", name=name),
            "template",
        )
        raise InvalidInput([problem]) from None
    except TemplateError as exc:
        where, line = _template_frame(exc, name)
        problem = Problem(
            where,
            line,
            1,
            "error",
            phrase("problem.template.render", message=str(exc)),
            phrase("problem.template.hint", name=name),
            "template",
        )
        raise InvalidInput([problem]) from None


def _template_frame(exc: BaseException, name: str) -> tuple[str, int]:
    """The template file and line a rendering error was raised in (Jinja puts templates'
    frames into the traceback); the template's name and line 1 when none is found."""
    tb = exc.__traceback__
    found = (name, 1)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
