"""The static site (`scorecard build`).

- `plan`: every file of the site as a list of page records, made before anything is rendered
  (its length is the progress total);
- `views`: what the site's templates show, as strings in one language;
- `badges`: shields-style SVG badges;
- `pages`: one renderer per kind of planned page;
- `summary`: what the index needs of each jurisdiction, as compact JSON;
- `units`: a jurisdiction's pages in one language, rendered or reused from the cache;
- `write`: the staging folder, page writing and the swap-in;
- `build`: `build_site`, the output checks and parallel rendering.

Imports flow one way: build -> units -> pages -> (plan, views, summary, badges, write).
"""

from __future__ import annotations

from scorecard.site.build import SiteReport, build_site

__all__ = ["SiteReport", "build_site"]
