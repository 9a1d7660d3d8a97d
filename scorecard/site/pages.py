"""Rendering the planned pages of the site: one function per kind of page.

A jurisdiction's pages (its page, scorecards and badge) are rendered together from its results
(`render_unit`); the index from the summaries of every jurisdiction's latest edition
(`render_index`, see `summary`); data/scores.json from the editions' JSON pages already written
(`scores_document`), so no page is rendered twice and no result is kept for the index.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, cast

from scorecard.i18n import Translator, translator
from scorecard.model import localize
from scorecard.render import Nav, ViewMemo, render_methodology, render_page, render_scorecard
from scorecard.scoring import Result
from scorecard.site.plan import PlannedPage, SitePlan
from scorecard.site.summary import Summary
from scorecard.site.views import RankChart, site_nav
from scorecard.site.write import Page
from scorecard.workspace import Workspace


class SitePages:
    """Renders the pages of one plan; one instance per build."""

    def __init__(self, plan: SitePlan, workspace: Workspace) -> None:
        self.plan = plan
        self.workspace = workspace
        self.rendered = 0  # pages rendered (not reused from the cache), for tests

    def render_unit(self, lang: str, code: str, group: Sequence[Result]) -> Iterator[Page]:
        """One jurisdiction's pages in `lang`, from its results (oldest first)."""
        editions = {r.assessment.edition: r for r in group}
        views = ViewMemo()  # an edition's formats come one after another: one view for all
        for page in self.plan.jurisdiction_pages(lang, code):
            content: str
            if page.kind == "jurisdiction":
                content = self._jurisdiction(page, group)
            elif page.kind == "scorecard":
                assert page.edition is not None
                content = self._scorecard(page, editions[page.edition], group, views)
            else:
                content = self._badge(page, group)
            self.rendered += 1
            yield Page(page.path, content)

    def render_index(
        self,
        page: PlannedPage,
        latest: Sequence[Summary],
        editions: int,
        rank_chart: RankChart | None = None,
    ) -> Page:
        """A language's index: its ranking tables, their rank charts (by `rank_chart`) and the
        heat-map, from every jurisdiction's summary (in ranking order)."""
        from scorecard.charts.heatmap import pillar_heatmap
        from scorecard.site.views import index_intro, ranking_groups

        t = translator(page.lang)
        newest = self.plan.newest_rubric
        self.rendered += 1
        return Page(
            page.path,
            self._template(
                "site_index.html.j2",
                page.lang,
                self.nav(page),
                intro=index_intro(latest, editions, t),
                groups=ranking_groups(latest, t, rank_chart),
                heatmap=pillar_heatmap(cast(Any, latest), t, rubric=newest),
                rubric_title=localize(newest.title, t.lang),
                methodology=self.plan.methodology_name(newest),
            ),
        )

    def render_methodology(self, page: PlannedPage) -> Page:
        assert page.rubric is not None
        rubric = self.plan.rubric(page.rubric)
        self.rendered += 1
        return Page(
            page.path,
            render_methodology(
                rubric, "html", page.lang, workspace=self.workspace, nav=self.nav(page)
            ),
        )

    def render_languages(self, page: PlannedPage) -> Page:
        """The root index.html of a multilingual site: links to each language's index."""
        from scorecard.site.views import language_choices

        choices = language_choices(self.plan.languages)
        self.rendered += 1
        return Page(
            page.path, self._template("site_languages.html.j2", page.lang, Nav(), choices=choices)
        )

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

    @staticmethod
    def _crumb(group: Sequence[Result], lang: str) -> tuple[str, str]:
        """The link to a jurisdiction's page, labelled with its latest name."""
        latest = group[-1].assessment
        return (localize(latest.name, lang), f"{latest.code}/index.html")

    # --- one renderer per kind of jurisdiction page ------------------------------------------

    def _jurisdiction(self, page: PlannedPage, group: Sequence[Result]) -> str:
        from scorecard.charts.history import history_chart
        from scorecard.site.views import jurisdiction_view

        t = translator(page.lang)
        assert page.code is not None
        view = jurisdiction_view(page.code, group, t)
        view["history"] = history_chart(group, t)
        view["changes"] = self._changes(group[-2], group[-1], t) if len(group) > 1 else None
        nav = self.nav(page, [self._crumb(group, page.lang)])
        return self._template("jurisdiction.html.j2", page.lang, nav, j=view)

    @staticmethod
    def _changes(old: Result, new: Result, t: Translator) -> dict[str, Any]:
        """The change since the previous edition, for the jurisdiction page."""
        from scorecard.charts.change import change_chart_svg
        from scorecard.diff import diff_results
        from scorecard.site.views import changes_view

        change = diff_results(old, new)
        return changes_view(change, change_chart_svg(change, t.lang, id_prefix="change"), t)

    def _scorecard(
        self, page: PlannedPage, result: Result, group: Sequence[Result], views: ViewMemo
    ) -> str:
        assert page.fmt is not None
        nav = self.nav(page, [self._crumb(group, page.lang)]) if page.fmt == "html" else None
        return render_scorecard(
            result, page.fmt, page.lang, workspace=self.workspace, nav=nav, views=views
        )

    def _badge(self, page: PlannedPage, group: Sequence[Result]) -> str:
        from scorecard.site.badges import badge_svg

        return badge_svg(group[-1], translator(page.lang))


def scores_document(texts: Iterable[str]) -> Iterator[str]:
    """data/scores.json: every edition's result document, valid against the `scores` schema,
    from the editions' JSON pages (`texts`, in order).

    Written a result at a time (the same bytes as one `json.dumps(..., indent=2)` of the
    whole), so a large workspace never holds the whole document in memory."""
    from scorecard.render.result_json import json_array

    yield '{\n  "format": "transparency-scorecard/scores@1",\n  "results": '
    yield from json_array(texts, depth=1)
    yield "\n}\n"


def scores_csv(rows: Iterable[str]) -> Iterator[str]:
    """data/scores.csv: the header, then each jurisdiction's rows (each made by `results_csv`
    for its editions, header left off), in order."""
    from scorecard.render.result_csv import results_csv

    yield results_csv([])
    yield from rows
