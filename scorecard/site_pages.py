"""The pages of the static site, planned from scored results.

Per language (a subtree of its own when the site has several): `index.html` (the latest edition
per jurisdiction, ranked, with a pillar heat-map), `<CODE>/index.html` (history chart, editions,
changes since the previous edition), `<CODE>/<edition>.html|.md|.json`, `methodology.html`,
`data/scores.json`, `data/scores.csv` and `badges/<CODE>.svg`. Every link is relative.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import PurePosixPath
from typing import Any

from scorecard.i18n import Translator, translator
from scorecard.model import Rubric
from scorecard.render import Nav, NavLink, render_methodology, render_page, render_scorecard
from scorecard.scoring import Result
from scorecard.site import Page, edition_order, group_by_jurisdiction, scores_document
from scorecard.workspace import Workspace


def ranking_key(result: Result) -> tuple[int, Any, str]:
    """Scored first, highest overall first; then withheld; ties by code."""
    if result.overall is None:
        return (1, 0, result.assessment.code)
    return (0, -result.overall, result.assessment.code)


class SitePages:
    """Plans and renders every page; one instance per build."""

    def __init__(self, workspace: Workspace, results: Sequence[Result], languages: tuple[str, ...]):
        self.workspace = workspace
        self.results = list(results)
        self.languages = languages
        self.groups = group_by_jurisdiction(self.results)
        self.latest = sorted((group[-1] for group in self.groups.values()), key=ranking_key)

    def all(self) -> Iterator[Page]:
        """Every page, in a stable order (one process)."""
        for lang in self.languages:
            yield from self.shared_pages(lang)
            documents: dict[tuple[str, str], str] = {}
            for code in self.groups:
                yield from self.jurisdiction_pages(lang, code, documents)
            yield from self.data_pages(lang, documents)
        yield from self.root_pages()

    def root_pages(self) -> Iterator[Page]:
        """The language chooser at the root of a multilingual site."""
        if len(self.languages) > 1:
            yield self.chooser()

    def prefix(self, lang: str) -> PurePosixPath:
        return PurePosixPath(lang) if len(self.languages) > 1 else PurePosixPath()

    def nav(self, lang: str, here: str, crumbs: Sequence[tuple[str, str]] = ()) -> Nav:
        """Links from the page at `here` (inside its language subtree): home, methodology, any
        `crumbs` (label, path), and the same page in the other languages."""
        t = translator(lang)
        root = "../" * here.count("/")
        links = [
            (t("site.nav.home"), "index.html"),
            *crumbs,
            (t("site.nav.methodology"), "methodology.html"),
        ]
        languages: list[NavLink] = []
        if len(self.languages) > 1:
            languages = [
                NavLink(
                    translator(other)("language.name"),
                    f"{root}../{other}/{here}",
                    lang=other,
                    current=other == lang,
                )
                for other in self.languages
            ]
        return Nav(
            links=[NavLink(label, root + path, current=path == here) for label, path in links],
            languages=languages,
        )

    def shared_pages(self, lang: str) -> Iterator[Page]:
        """The index and the methodology pages of one language."""
        t = translator(lang)
        base = self.prefix(lang)
        yield Page(base / "index.html", self.index_page(t))
        for rubric in self.rubrics():
            name = self.methodology_name(rubric)
            yield Page(
                base / name,
                render_methodology(
                    rubric, "html", lang, workspace=self.workspace, nav=self.nav(lang, name)
                ),
            )

    def jurisdiction_pages(
        self, lang: str, code: str, documents: dict[tuple[str, str], str]
    ) -> Iterator[Page]:
        """One jurisdiction's page, each edition's scorecard (html, md, json) and its badge.
        Each edition's JSON is also put in `documents`, for data/scores.json."""
        from scorecard.badges import badge_svg

        t = translator(lang)
        base = self.prefix(lang)
        group = self.groups[code]
        yield Page(base / code / "index.html", self.jurisdiction_page(code, group, t))
        crumb = [(self.jurisdiction_name(group[-1], lang), f"{code}/index.html")]
        for result in group:
            stem = f"{code}/{result.assessment.edition}"
            for fmt in ("html", "md", "json"):
                nav = self.nav(lang, f"{stem}.{fmt}", crumb) if fmt == "html" else None
                page = render_scorecard(result, fmt, lang, workspace=self.workspace, nav=nav)
                if fmt == "json":
                    documents[(code, result.assessment.edition)] = page
                yield Page(base / f"{stem}.{fmt}", page)
        yield Page(base / "badges" / f"{code}.svg", badge_svg(group[-1], t))

    def data_pages(self, lang: str, documents: dict[tuple[str, str], str]) -> Iterator[Page]:
        """data/scores.json (reusing the editions' JSON in `documents`) and data/scores.csv."""
        from scorecard.render.result_csv import results_csv

        base = self.prefix(lang)
        yield Page(base / "data" / "scores.json", scores_document(self.results, lang, documents))
        yield Page(base / "data" / "scores.csv", results_csv(self.results))

    def rubrics(self) -> list[Rubric]:
        """Every rubric version some assessment uses, newest last."""
        found = {r.rubric.ref: r.rubric for r in self.results}
        return [found[ref] for ref in sorted(found, key=_version_key)]

    def methodology_name(self, rubric: Rubric) -> str:
        """methodology.html for the newest rubric; methodology-<id>-<version>.html for others."""
        newest = self.rubrics()[-1]
        if rubric.ref == newest.ref:
            return "methodology.html"
        return f"methodology-{rubric.id}-{rubric.version}.html"

    def render(self, template: str, t: Translator, nav: Nav, **context: Any) -> str:
        return render_page(
            template,
            t.lang,
            workspace=self.workspace,
            nav=nav,
            site_title=self.workspace.settings.title,
            **context,
        )

    @staticmethod
    def jurisdiction_name(result: Result, lang: str) -> str:
        from scorecard.model import localize

        return localize(result.assessment.name, lang)

    def index_page(self, t: Translator) -> str:
        from scorecard.charts.heatmap import pillar_heatmap
        from scorecard.model import localize
        from scorecard.site_views import index_intro, ranking_rows

        nav = self.nav(t.lang, "index.html")
        newest = self.rubrics()[-1]
        comparable = [r for r in self.latest if r.rubric.ref == newest.ref]
        return self.render(
            "site_index.html.j2",
            t,
            nav,
            intro=index_intro(self.latest, len(self.results), t),
            rows=ranking_rows(self.latest, t),
            heatmap=pillar_heatmap(comparable, t),
            rubric_title=localize(newest.title, t.lang),
            methodology=self.methodology_name(newest),
        )

    def jurisdiction_page(self, code: str, group: list[Result], t: Translator) -> str:
        from scorecard.charts.history import history_chart
        from scorecard.site_views import jurisdiction_view

        here = f"{code}/index.html"
        nav = self.nav(t.lang, here, [(self.jurisdiction_name(group[-1], t.lang), here)])
        view = jurisdiction_view(code, group, t)
        view["history"] = history_chart(group, t)
        view["changes"] = self.changes(group[-2], group[-1], t) if len(group) > 1 else None
        return self.render("jurisdiction.html.j2", t, nav, j=view)

    def changes(self, old: Result, new: Result, t: Translator) -> dict[str, Any]:
        """The change since the previous edition, for the jurisdiction page."""
        from scorecard.charts.change import change_chart_svg
        from scorecard.diff import diff_results
        from scorecard.site_views import changes_view

        change = diff_results(old, new)
        return changes_view(change, change_chart_svg(change, t.lang, id_prefix="change"), t)

    def chooser(self) -> Page:
        """The root index.html of a multilingual site: links to each language's index."""
        t = translator(self.languages[0])
        choices = [
            (lang, translator(lang)("language.name"), f"{lang}/index.html")
            for lang in self.languages
        ]
        return Page(
            PurePosixPath("index.html"),
            self.render("site_languages.html.j2", t, Nav(), choices=choices),
        )


def _version_key(ref: str) -> tuple[str, tuple[int, ...]]:
    rubric_id, _, version = ref.partition("@")
    return (rubric_id, tuple(int(part) for part in version.split(".")))


__all__ = ["SitePages", "edition_order", "ranking_key"]
