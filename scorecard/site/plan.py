"""The plan of the static site: every file it will hold, as a list of page records.

The plan is made from scored results before anything is rendered, so the list's length is the
exact number of files a build writes (the progress bar's total), and the build renders what
the plan lists, nothing else.

Per language (a subtree of its own when the site has several): `index.html`, the methodology
page of each rubric version in use, and per jurisdiction `<CODE>/index.html`,
`<CODE>/<edition>.html|.md|.json` and `badges/<CODE>.svg`; then `data/scores.json` and
`data/scores.csv`. A multilingual site also has a language chooser at its root.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, Literal

from scorecard.cache import Edition
from scorecard.model import Rubric
from scorecard.scoring import Result, score_assessment
from scorecard.validation import Report

PageKind = Literal[
    "index",  # the ranking and heat-map of one language
    "methodology",  # one rubric version
    "jurisdiction",  # a jurisdiction's history
    "scorecard",  # one edition, in one format (html, md, json)
    "badge",  # a jurisdiction's badge
    "scores-json",  # data/scores.json
    "scores-csv",  # data/scores.csv
    "languages",  # the chooser at the root of a multilingual site
]

SCORECARD_FORMATS = ("html", "md", "json")


@dataclass(frozen=True)
class PlannedPage:
    """One file of the site: where it goes and what it shows (not yet rendered)."""

    path: PurePosixPath
    kind: PageKind
    lang: str
    code: str | None = None  # jurisdiction pages, scorecards and badges
    edition: str | None = None  # scorecards
    fmt: str | None = None  # scorecards
    rubric: str | None = None  # methodology pages: the rubric's id@version


@dataclass(frozen=True, slots=True)
class PlannedEdition:
    """An edition as a build plans it: before it is read again or scored (`overall` is not
    known yet; the index ranks the summaries made when its pages are rendered)."""

    assessment: Edition
    rubric: Rubric
    overall: None = None


Planned = Result | PlannedEdition
"""What a plan is made of: scored results, or editions known only by their records."""


def planned_editions(report: Report) -> list[PlannedEdition]:
    """Every valid edition of the report, models or not, in a stable order."""
    editions = [PlannedEdition(e, report.rubrics[e.rubric]) for e in report.editions]
    return sorted(editions, key=lambda r: (r.assessment.code, *edition_order(r)))


def edition_order(result: Planned) -> tuple[str, str]:
    return (result.assessment.as_of, result.assessment.edition)


def ranking_key(result: Any) -> tuple[int, Any, str]:
    """Scored first, highest overall first; then withheld; ties by code."""
    if result.overall is None:
        return (1, 0, result.assessment.code)
    return (0, -result.overall, result.assessment.code)


def group_by_jurisdiction(results: Sequence[Planned]) -> dict[str, list[Planned]]:
    """Results per jurisdiction code, each list in order of `as_of` (oldest first)."""
    groups: dict[str, list[Planned]] = defaultdict(list)
    for result in results:
        groups[result.assessment.code].append(result)
    return {code: sorted(group, key=edition_order) for code, group in sorted(groups.items())}


def score_report(report: Report) -> list[Result]:
    """Every valid assessment of the report, scored, in a stable order."""
    results = [score_assessment(report.rubrics[a.rubric], a) for a in report.assessments]
    return sorted(results, key=lambda r: (r.assessment.code, *edition_order(r)))


def version_key(ref: str) -> tuple[str, tuple[int, ...]]:
    """Sort key of a rubric reference `id@1.10.0`: by id, then numerically by version."""
    rubric_id, _, version = ref.partition("@")
    return (rubric_id, tuple(int(part) for part in version.split(".")))


def publishable(results: Sequence[Planned], publish: Collection[str] | None) -> list[Planned]:
    """The results whose edition's status the site publishes (all of them when `publish` is
    None, as in a preview)."""
    if publish is None:
        return list(results)
    return [r for r in results if r.assessment.status in publish]


class SitePlan:
    """The scored results a site shows, how they group, and the list of its pages.

    `publish` is the publication policy: the statuses whose editions the site shows (None: all
    of them, for a preview). Editions of other statuses get no page and count nowhere: the
    ranking, heat-map, badges and histories use each jurisdiction's latest publishable
    edition. `rubrics` are the workspace's: the methodology page of the newest is planned even
    when no edition is published yet (a new workspace's site is then an empty ranking)."""

    def __init__(
        self,
        results: Sequence[Planned],
        languages: Sequence[str],
        publish: Collection[str] | None = None,
        rubrics: Sequence[Rubric] = (),
    ) -> None:
        if not languages:
            raise ValueError("a site needs at least one language")
        self.publish = None if publish is None else tuple(publish)
        self.results = publishable(results, publish)
        self.languages = tuple(languages)
        self.groups = group_by_jurisdiction(self.results)
        found = {r.rubric.ref: r.rubric for r in self.results}
        if not found and rubrics:
            newest = max(rubrics, key=lambda r: version_key(r.ref))
            found = {newest.ref: newest}
        if not found:
            raise ValueError("a site needs a rubric")
        self.rubrics: list[Rubric] = [found[ref] for ref in sorted(found, key=version_key)]

    @property
    def latest(self) -> list[Planned]:
        """Each jurisdiction's latest edition, in ranking order."""
        return sorted((group[-1] for group in self.groups.values()), key=ranking_key)

    @property
    def pages(self) -> list[PlannedPage]:
        """Every file of the site, in order. Made when asked: a build asks for each part as
        it writes it, so a plan holds its editions, never a record per file."""
        pages = []
        for lang in self.languages:
            pages += self.shared_pages(lang)
            for code in self.groups:
                pages += self.jurisdiction_pages(lang, code)
            pages += self.data_pages(lang)
        return pages + self.root_pages()

    @property
    def page_count(self) -> int:
        """How many files the site has (`len(self.pages)`, without making them)."""
        formats = len(SCORECARD_FORMATS)
        per_code = sum(2 + formats * len(group) for group in self.groups.values())
        per_language = 1 + len(self.rubrics) + per_code + 2
        return len(self.languages) * per_language + (1 if self.multilingual else 0)

    @property
    def multilingual(self) -> bool:
        return len(self.languages) > 1

    @property
    def newest_rubric(self) -> Rubric:
        return self.rubrics[-1]

    def rubric(self, ref: str) -> Rubric:
        return next(r for r in self.rubrics if r.ref == ref)

    def prefix(self, lang: str) -> PurePosixPath:
        return PurePosixPath(lang) if self.multilingual else PurePosixPath()

    def here(self, page: PlannedPage) -> str:
        """The page's path inside its language's subtree, from which its links are relative."""
        if page.kind == "languages":
            return str(page.path)
        return str(page.path.relative_to(self.prefix(page.lang)))

    def methodology_name(self, rubric: Rubric) -> str:
        """methodology.html for the newest rubric; methodology-<id>-<version>.html for others."""
        if rubric.ref == self.newest_rubric.ref:
            return "methodology.html"
        return f"methodology-{rubric.id}-{rubric.version}.html"

    def shared_pages(self, lang: str) -> list[PlannedPage]:
        """The index and methodology pages of one language."""
        base = self.prefix(lang)
        pages = [PlannedPage(base / "index.html", "index", lang)]
        for rubric in self.rubrics:
            name = self.methodology_name(rubric)
            pages.append(PlannedPage(base / name, "methodology", lang, rubric=rubric.ref))
        return pages

    def jurisdiction_pages(self, lang: str, code: str) -> list[PlannedPage]:
        """One jurisdiction's page, its editions' scorecards and its badge, in one language."""
        group = self.groups.get(code)
        if group is None:
            return []
        base = self.prefix(lang)
        pages = [PlannedPage(base / code / "index.html", "jurisdiction", lang, code)]
        for result in group:
            edition = result.assessment.edition
            for fmt in SCORECARD_FORMATS:
                path = base / code / f"{edition}.{fmt}"
                pages.append(PlannedPage(path, "scorecard", lang, code, edition, fmt))
        pages.append(PlannedPage(base / "badges" / f"{code}.svg", "badge", lang, code))
        return pages

    def data_pages(self, lang: str) -> list[PlannedPage]:
        base = self.prefix(lang)
        return [
            PlannedPage(base / "data" / "scores.json", "scores-json", lang),
            PlannedPage(base / "data" / "scores.csv", "scores-csv", lang),
        ]

    def root_pages(self) -> list[PlannedPage]:
        """The language chooser of a multilingual site."""
        if not self.multilingual:
            return []
        return [PlannedPage(PurePosixPath("index.html"), "languages", self.languages[0])]
