"""Rendering the planned pages of the site: one function per kind of page.

`SitePages.render(page, documents)` turns a `PlannedPage` into its content. Each edition's JSON
is put in `documents` as it is rendered, so `data/scores.json` reuses it instead of rendering
every result twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from typing import Any

from scorecard.i18n import Translator, translator
from scorecard.model import localize
from scorecard.render import Nav, render_methodology, render_page, render_scorecard
from scorecard.scoring import Result
from scorecard.site.plan import PlannedPage, SitePlan
from scorecard.site.views import site_nav
from scorecard.site.write import Page
from scorecard.workspace import Workspace

Documents = MutableMapping[tuple[str, str], str]
"""(code, edition) -> that edition's result document as JSON text, in one language."""


class SitePages:
    """Renders the pages of one plan; one instance per build."""

    def __init__(self, plan: SitePlan, workspace: Workspace) -> None:
        self.plan = plan
        self.workspace = workspace
        self._renderers: dict[str, Callable[[PlannedPage, Documents], str | Iterable[str]]] = {
            "index": self._index,
            "methodology": self._methodology,
            "jurisdiction": self._jurisdiction,
            "scorecard": self._scorecard,
            "badge": self._badge,
            "scores-json": self._scores_json,
            "scores-csv": self._scores_csv,
            "languages": self._languages,
        }

    def render(self, page: PlannedPage, documents: Documents) -> Page:
        return Page(page.path, self._renderers[page.kind](page, documents))

    def render_all(self, pages: Iterable[PlannedPage], documents: Documents) -> Iterator[Page]:
        for page in pages:
            yield self.render(page, documents)

    # --- helpers ---------------------------------------------------------------------------

    def nav(self, page: PlannedPage, crumbs: Sequence[tuple[str, str]] = ()) -> Nav:
        return site_nav(self.plan.languages, page.lang, self.plan.here(page), crumbs)

    def _template(self, template: str, lang: str, nav: Nav, **context: Any) -> str:
        return render_page(
            template,
            lang,
            workspace=self.workspace,
            nav=nav,
            site_title=self.workspace.settings.site_title(lang),
            site_description=self.workspace.settings.site_description(lang),
            **context,
        )

    def _group(self, page: PlannedPage) -> list[Result]:
        assert page.code is not None
        return self.plan.groups[page.code]

    def _crumb(self, code: str, lang: str) -> tuple[str, str]:
        """The link to a jurisdiction's page, labelled with its latest name."""
        name = localize(self.plan.groups[code][-1].assessment.name, lang)
        return (name, f"{code}/index.html")

    # --- one renderer per kind of page ------------------------------------------------------

    def _index(self, page: PlannedPage, documents: Documents) -> str:
        from scorecard.charts.heatmap import pillar_heatmap
        from scorecard.site.views import index_intro, ranking_groups

        t = translator(page.lang)
        newest = self.plan.newest_rubric
        return self._template(
            "site_index.html.j2",
            page.lang,
            self.nav(page),
            intro=index_intro(self.plan.latest, len(self.plan.results), t),
            groups=ranking_groups(self.plan.latest, t),
            heatmap=pillar_heatmap(self.plan.latest, t, rubric=newest),
            rubric_title=localize(newest.title, t.lang),
            methodology=self.plan.methodology_name(newest),
        )

    def _methodology(self, page: PlannedPage, documents: Documents) -> str:
        assert page.rubric is not None
        rubric = self.plan.rubric(page.rubric)
        return render_methodology(
            rubric, "html", page.lang, workspace=self.workspace, nav=self.nav(page)
        )

    def _jurisdiction(self, page: PlannedPage, documents: Documents) -> str:
        from scorecard.charts.history import history_chart
        from scorecard.site.views import jurisdiction_view

        t = translator(page.lang)
        group = self._group(page)
        assert page.code is not None
        view = jurisdiction_view(page.code, group, t)
        view["history"] = history_chart(group, t)
        view["changes"] = self._changes(group[-2], group[-1], t) if len(group) > 1 else None
        nav = self.nav(page, [self._crumb(page.code, page.lang)])
        return self._template("jurisdiction.html.j2", page.lang, nav, j=view)

    @staticmethod
    def _changes(old: Result, new: Result, t: Translator) -> dict[str, Any]:
        """The change since the previous edition, for the jurisdiction page."""
        from scorecard.charts.change import change_chart_svg
        from scorecard.diff import diff_results
        from scorecard.site.views import changes_view

        change = diff_results(old, new)
        return changes_view(change, change_chart_svg(change, t.lang, id_prefix="change"), t)

    def _scorecard(self, page: PlannedPage, documents: Documents) -> str:
        assert page.code is not None and page.edition is not None and page.fmt is not None
        result = self.plan.result(page.code, page.edition)
        nav = self.nav(page, [self._crumb(page.code, page.lang)]) if page.fmt == "html" else None
        text = render_scorecard(result, page.fmt, page.lang, workspace=self.workspace, nav=nav)
        if page.fmt == "json":
            documents[(page.code, page.edition)] = text
        return text

    def _badge(self, page: PlannedPage, documents: Documents) -> str:
        from scorecard.site.badges import badge_svg

        return badge_svg(self._group(page)[-1], translator(page.lang))

    def _scores_json(self, page: PlannedPage, documents: Documents) -> Iterable[str]:
        return scores_document(self.plan.results, page.lang, documents)

    def _scores_csv(self, page: PlannedPage, documents: Documents) -> str:
        from scorecard.render.result_csv import results_csv

        return results_csv(self.plan.results)

    def _languages(self, page: PlannedPage, documents: Documents) -> str:
        """The root index.html of a multilingual site: links to each language's index."""
        from scorecard.site.views import language_choices

        choices = language_choices(self.plan.languages)
        return self._template("site_languages.html.j2", page.lang, Nav(), choices=choices)


def scores_document(
    results: Sequence[Result], lang: str, known: Mapping[tuple[str, str], str] | None = None
) -> Iterator[str]:
    """data/scores.json: every edition's result document, valid against the `scores` schema.

    Written a result at a time (the same bytes as one `json.dumps(..., indent=2)` of the
    whole), so a large workspace never holds the whole document in memory. `known` maps
    (code, edition) to a result's JSON already rendered for its own page (indent 2)."""
    from scorecard.render.result_json import json_array, result_json

    def texts() -> Iterator[str]:
        for result in results:
            key = (result.assessment.code, result.assessment.edition)
            yield (known or {}).get(key) or result_json(result, lang)

    yield '{\n  "format": "transparency-scorecard/scores@1",\n  "results": '
    yield from json_array(texts(), depth=1)
    yield "\n}\n"
