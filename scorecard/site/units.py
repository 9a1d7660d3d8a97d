"""A build's units of work: one jurisdiction's pages in one language, rendered or reused.

A unit is the jurisdiction's page, its editions' scorecards (html, md, json) and its badge.
With a cache, each unit is an entry named by everything its pages depend on (the tool, the
templates, the settings, the languages, the publication policy, the rubrics, and the path and
bytes of each of its editions' files), holding the summary its latest edition gives the index
and its rows of data/scores.csv; its pages are the entry's files, hard-linked into the site
(`Cache.put_files`, `Cache.link_files`). A unit whose entry is found, its files intact, costs
a few links; only the others are read (from the spool validation set their models aside in,
when it did), scored and rendered, a few jurisdictions at a time, so a build holds one batch of
results, never the whole workspace's. The pages' paths always come from the plan, never from
an entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from markupsafe import Markup

from scorecard.cache import Cache, Edition, digest, tool_fingerprint, tree_digest
from scorecard.errors import ScorecardError
from scorecard.jurisdictions import peer_groups
from scorecard.model import Assessment
from scorecard.scoring import Result, score_assessment
from scorecard.sensitivity import SensitivityReport
from scorecard.site.pages import SitePages
from scorecard.site.plan import PlannedEdition
from scorecard.site.summary import summarise
from scorecard.site.views import CHART_SETTINGS, RankChart, Ranked, charted, rank_chart_of
from scorecard.site.write import Page, make_place, write_file
from scorecard.validation import Report, check_files, read_model
from scorecard.workers import default_jobs, forked_pool

# Jurisdictions whose files are read and scored together (one re-read of the rubrics each).
BATCH = 32


@dataclass
class Unit:
    """One jurisdiction's outcome in one language: its summary and CSV rows."""

    code: str
    summary: dict[str, Any]
    csv: str
    pages: int
    rendered: bool


@dataclass
class Units:
    """Renders or reuses units for one build."""

    pages: SitePages
    report: Report
    cache: Cache | None
    context: str = ""
    _models: dict[tuple[str, str], Assessment] = field(default_factory=dict)
    chart_keys: set[str] = field(default_factory=set)  # the rank charts' entries this build used
    # Peer groups' sensitivity analyses made by this build, by their members' codes.
    _analyses: dict[tuple[str, ...], SensitivityReport] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._models = {(a.code, a.edition): a for a in self.report.assessments}
        if self.cache is not None:
            plan, workspace = self.pages.plan, self.pages.workspace
            self.context = digest(
                tool_fingerprint(),
                tree_digest([workspace.templates_dir], contents=True),
                repr(workspace.settings),
                str(workspace.root),
                repr(plan.languages),
                repr(plan.publish),
                *(repr(self.report.rubrics[ref]) for ref in sorted(self.report.rubrics)),
                *(r.ref for r in plan.rubrics),
            )

    def key(self, lang: str, code: str) -> str:
        editions = self.editions([code])
        parts = [part for e in editions for part in (e.display, e.path, e.sha256)]
        return digest(self.context, lang, code, *parts)

    def run(
        self,
        lang: str,
        codes: Sequence[str],
        staging: Path,
        count: Callable[[int], None] | None = None,
    ) -> list[Unit]:
        """The units of `codes` in `lang`, their pages written under `staging` (each unit's
        number of files passed to `count`), in order."""
        done: list[Unit] = []
        for start in range(0, len(codes), BATCH):
            batch = codes[start : start + BATCH]
            targets = {code: self._targets(lang, code, staging) for code in batch}
            reused = {code: self._reuse(lang, code, targets[code]) for code in batch}
            results = self._results([code for code in batch if reused[code] is None])
            for code in batch:
                entry = reused[code]
                if entry is None:
                    entry = self._render(lang, code, results[code], targets[code])
                pages = len(targets[code])
                done.append(Unit(code, entry["summary"], entry["csv"], pages, code in results))
                if count is not None:
                    count(pages)
            del results
        return done

    def _targets(self, lang: str, code: str, staging: Path) -> list[Path]:
        """Where the unit's pages go under `staging`, their folders made."""
        return [
            make_place(staging, page.path)
            for page in self.pages.plan.jurisdiction_pages(lang, code)
        ]

    def _reuse(self, lang: str, code: str, targets: list[Path]) -> dict[str, Any] | None:
        """The unit's entry, its pages linked into place from the cache, if an earlier build
        made them and they are intact; else None (nothing made)."""
        if self.cache is None:
            return None
        key = self.key(lang, code)
        entry = _valid_entry(self.cache.get("site", key), len(targets))
        if entry is None or not self.cache.link_files("site-pages", key, entry["stamps"], targets):
            return None
        return entry

    def _render(
        self, lang: str, code: str, group: list[Result], targets: list[Path]
    ) -> dict[str, Any]:
        """Render the unit's pages into `targets`: by way of the cache, when there is one
        (written there once, then linked into place)."""
        from scorecard.render.result_csv import results_csv

        texts = [_text(page) for page in self.pages.render_unit(lang, code, group)]
        rows = results_csv(group).partition("\n")[2]
        entry = {"summary": summarise(group[-1]), "csv": rows}
        if self.cache is not None:
            key = self.key(lang, code)
            stamps = self.cache.put_files("site-pages", key, texts)
            if stamps is not None and self.cache.link_files("site-pages", key, stamps, targets):
                self.cache.put("site", key, {**entry, "stamps": stamps})
                return entry
        for target, text in zip(targets, texts, strict=True):
            write_file(target, text)
        return entry

    def _results(self, codes: Sequence[str]) -> dict[str, list[Result]]:
        """Each jurisdiction's results, oldest first: from the report's models, else read
        back (`_read`)."""
        plan = self.pages.plan
        wanted = self.editions(codes)
        unread = [e for e in wanted if (e.code, e.edition) not in self._models]
        models = dict(self._models) if not unread else {**self._models, **self._read(unread)}
        rubrics = self.report.rubrics
        found: dict[str, list[Result]] = {}
        for code in codes:
            found[code] = [
                score_assessment(rubrics[e.rubric], models[(e.code, e.edition)])
                for e in (item.assessment for item in plan.groups[code])
            ]
        return found

    def rank_chart(self, lang: str, latest: Sequence[Ranked]) -> RankChart:
        """The index's rank charts in `lang`, for the peer groups of `latest` (in ranking
        order): reused from the cache when a group's latest editions are unchanged. The
        others' analyses are made at once, from their members' results read for the
        purpose, and kept for the build's other languages."""
        from scorecard.i18n import translator
        from scorecard.sensitivity import DRAWN_TOGETHER

        t = translator(lang)
        charts = [
            (group.members, f"rank-intervals-{number}")
            for number, group in enumerate(peer_groups(latest, lambda r: r.assessment.code), 1)
            if charted(group.members)
        ]
        wanted = [
            members
            for members, id_prefix in charts
            if _codes(members) not in self._analyses
            and self._chart_entry(lang, members, id_prefix) is None
        ]
        # A few groups at a time (their members' results and draws are held at once), in
        # worker processes when there are several such batches.
        batches: list[list[tuple[str, ...]]] = []
        for members in wanted:
            if not batches or sum(map(len, batches[-1])) >= DRAWN_TOGETHER:
                batches.append([])
            batches[-1].append(_codes(members))
        for batch, reports in zip(batches, self._analysed(batches), strict=True):
            for codes, report in zip(batch, reports, strict=True):
                self._analyses[codes] = report

        def analysis_of(members: Sequence[Ranked]) -> SensitivityReport:
            return self._analyses[_codes(members)]

        def chart(members: Sequence[Ranked], id_prefix: str) -> dict[str, Any]:
            if self.cache is None or not charted(members):
                return rank_chart_of(members, t, id_prefix, analysis_of)
            entry = self._chart_entry(lang, members, id_prefix)
            if entry is not None:
                shown = entry["chart"]
                return {
                    "ranks_chart": None if shown is None else Markup(shown),
                    "ranks_note": entry["note"],
                }
            made = rank_chart_of(members, t, id_prefix, analysis_of)
            shown = made["ranks_chart"]
            value = {"chart": None if shown is None else str(shown), "note": made["ranks_note"]}
            self.cache.put("site", self._chart_key(lang, members, id_prefix), value)
            return made

        return chart

    def _analysed(self, batches: list[list[tuple[str, ...]]]) -> Iterator[list[SensitivityReport]]:
        """Each batch's analyses: in forked workers when there are several batches."""
        global _CHARTING
        jobs = min(default_jobs(), len(batches))
        if jobs < 2:
            yield from map(self.analyse_batch, batches)
            return
        _CHARTING = self
        try:
            with forked_pool(jobs) as pool:
                yield from pool.map(_analyse_batch, batches)
        finally:
            _CHARTING = None

    def analyse_batch(self, batch: list[tuple[str, ...]]) -> list[SensitivityReport]:
        """The rank-chart analyses of some peer groups (by their members' codes), made at
        once from their latest editions' results."""
        from scorecard.sensitivity import analyse_each

        read = iter(self.latest_results([code for codes in batch for code in codes]))
        results = [[next(read) for _ in codes] for codes in batch]
        return analyse_each(results, CHART_SETTINGS, effects=False)

    def _chart_key(self, lang: str, members: Sequence[Ranked], id_prefix: str) -> str:
        latest = [self.editions([m.assessment.code])[-1] for m in members]
        parts = [part for e in latest for part in (e.code, e.display, e.sha256)]
        key = digest(self.context, lang, id_prefix, *parts)
        self.chart_keys.add(key)
        return key

    def _chart_entry(
        self, lang: str, members: Sequence[Ranked], id_prefix: str
    ) -> dict[str, Any] | None:
        """The group's chart from the cache, if an earlier build made it; else None."""
        if self.cache is None:
            return None
        entry = self.cache.get("site", self._chart_key(lang, members, id_prefix))
        if isinstance(entry, dict) and isinstance(entry.get("note"), str):
            shown = entry.get("chart")
            if shown is None or isinstance(shown, str):
                return entry
        return None

    def latest_results(self, codes: Sequence[str]) -> list[Result]:
        """The result of each jurisdiction's latest edition, in the order of `codes`."""
        latest = [self.editions([code])[-1] for code in codes]
        unread = [e for e in latest if (e.code, e.edition) not in self._models]
        models = {**self._models, **self._read(unread)} if unread else self._models
        return [
            score_assessment(self.report.rubrics[e.rubric], models[(e.code, e.edition)])
            for e in latest
        ]

    def editions(self, codes: Sequence[str]) -> list[Edition]:
        """The edition records of `codes`, in plan order."""
        found = []
        for code in codes:
            for item in self.pages.plan.groups[code]:
                assert isinstance(item, PlannedEdition), "a build plans editions"
                found.append(item.assessment)
        return found

    def _read(self, editions: Sequence[Edition]) -> dict[tuple[str, str], Assessment]:
        """The editions' models: from the spool validation set them aside in, else read and
        checked again."""
        models = {(e.code, e.edition): read_model(e.stored) for e in editions if e.stored}
        unread = [e for e in editions if not e.stored]
        if not unread:
            return models
        workspace = self.pages.workspace
        report = check_files([Path(e.path) for e in unread], workspace)
        for a in report.assessments:
            models[(a.code, a.edition)] = a
        for e in unread:
            if (e.code, e.edition) not in models or report.errors:
                raise ScorecardError(
                    f"{e.display} changed while the site was being built; build again"
                )
        return models


_CHARTING: Units | None = None  # what forked workers inherit to analyse rank charts


def _analyse_batch(batch: list[tuple[str, ...]]) -> list[SensitivityReport]:
    assert _CHARTING is not None
    return _CHARTING.analyse_batch(batch)


def _codes(members: Sequence[Ranked]) -> tuple[str, ...]:
    return tuple(m.assessment.code for m in members)


def _text(page: Page) -> str:
    return page.content if isinstance(page.content, str) else "".join(page.content)


def _valid_entry(entry: Any, files: int) -> dict[str, Any] | None:
    """A cache entry of the expected shape, stamps for the unit's `files` pages, else None
    (made again)."""
    if not isinstance(entry, dict):
        return None
    stamps = entry.get("stamps")
    if not isinstance(stamps, list) or len(stamps) != files:
        return None
    if not isinstance(entry.get("csv"), str) or not isinstance(entry.get("summary"), dict):
        return None
    for found in stamps:
        if not (
            isinstance(found, list) and len(found) == 2 and all(type(part) is int for part in found)
        ):
            return None
    return entry


def read_back(staging: Path, path: PurePosixPath) -> str:
    """A page already written to the staging folder (data/scores.json quotes the editions'
    JSON pages rather than keeping them in memory)."""
    with staging.joinpath(*path.parts).open(encoding="utf-8", newline="") as handle:
        return handle.read()
