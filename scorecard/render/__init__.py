"""Everything people read, made from the core's data: one registry of every command's output
formats (`registry`), scorecards and methodology pages from templates (`pages`), and one
module per kind of report (`problems`, `terminal`, `result_json`, `result_csv`, `changes`,
`history`). Words come from the catalogs in `scorecard.i18n`; escaping is in `text`.

The page functions are re-exported here and imported on first use, so that building the
command line (which reads only the registry) imports no template engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scorecard.render.base import Format, Nav, NavLink, RenderContext, ViewMemo
    from scorecard.render.pages import (
        FORMATS,
        methodology_formats,
        render_methodology,
        render_page,
        render_scorecard,
    )

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


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("scorecard.render.pages"), name)
    raise AttributeError(f"module 'scorecard.render' has no attribute {name!r}")
