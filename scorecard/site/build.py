"""`scorecard build`: plan every page from validated results, render them (in worker processes
on large sites), write them into a fresh folder, then swap that folder in for the old site.

The build refuses outputs that would lose the user's files: the workspace and its folders,
a file, or a folder it did not create (no marker file) unless forced. When anything fails,
the previous site is left untouched.
"""

from __future__ import annotations

import json
import pickle
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from scorecard.cache import Cache, Edition
from scorecard.errors import OutputError, UsageError
from scorecard.model import Rubric
from scorecard.site.pages import SitePages, scores_csv, scores_document
from scorecard.site.plan import (
    PlannedEdition,
    SitePlan,
    group_by_jurisdiction,
    planned_editions,
    ranking_key,
)
from scorecard.site.summary import Summary, read_summary
from scorecard.site.units import BATCH, Unit, Units, read_back
from scorecard.site.write import MARKER, Page, Progress, StagingWriter, recover
from scorecard.validation import Report
from scorecard.workers import default_jobs, forked_pool
from scorecard.workspace import Workspace

# Below this many editions, starting worker processes costs more than it saves.
PARALLEL_MIN_EDITIONS = 64


@dataclass(frozen=True)
class SiteReport:
    """What a build wrote."""

    output: Path
    pages: int
    jurisdictions: int
    editions: int
    languages: tuple[str, ...]
    preview: bool = False
    withheld: int = 0  # editions left out by the publication policy
    rendered: int = 0  # files rendered by this build
    reused: int = 0  # files linked from the cache, unchanged since an earlier build


def check_output(output: Path, workspace: Workspace, force: bool) -> None:
    """Refuse outputs that would lose the user's files."""
    resolved = output.resolve()
    protected = [
        workspace.root,
        workspace.rubrics_dir,
        workspace.assessments_dir,
        workspace.templates_dir,
    ]
    for folder in protected:
        if resolved == folder.resolve() or folder.resolve().is_relative_to(resolved):
            raise UsageError(f"refusing to build into {output}: it holds the workspace's own files")
    for folder in protected[1:]:  # the input folders: a site inside one breaks later builds
        if resolved.is_relative_to(folder.resolve()):
            raise UsageError(
                f"refusing to build into {output}: it is inside {folder}, which the build reads"
            )
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output} is a file, not a folder")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).is_file() and not force:
        raise UsageError(
            f"{output} exists and was not written by scorecard build (no {MARKER} marker); "
            "refusing to replace it. Choose another folder, or use --force."
        )


def build_site(
    workspace: Workspace,
    report: Report,
    output: Path,
    languages: Sequence[str],
    *,
    force: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
    preview: bool = False,
    cache: Cache | None = None,
) -> SiteReport:
    """Build the whole site for a validated report into `output`, atomically.

    `progress(done, total)` is called after each file, with `total` the number of files the
    plan lists. `jobs` worker processes render the jurisdictions' pages (default: one per
    core, for sites of at least PARALLEL_MIN_EDITIONS editions); the files are the same
    either way.

    The site shows the editions whose status the workspace publishes (`publish` in
    scorecard.toml); a `preview` shows every edition, each marked with its status.

    With a `cache` (the workspace's), a jurisdiction's pages that an earlier build made from
    the same files, rubrics, templates, settings and tool are linked from it rather than
    rendered again (see `units`); the index and data files are always made, from every
    jurisdiction's summary. The files are the same bytes either way. The report's editions
    without a model (`load_valid(..., cached=True)`) are read again only if their pages must
    be rendered."""
    check_output(output, workspace, force)
    publish = None if preview else workspace.settings.publish
    try:
        recover(output)
        check_output(output, workspace, force)  # a site put back must pass the same checks
        editions = planned_editions(report)
        plan = SitePlan(editions, languages, publish, list(report.rubrics.values()))
        units = Units(SitePages(plan, workspace), report, cache)
        writer = StagingWriter(output, plan.page_count, progress)
    except OSError as exc:
        raise _disk_error(output, exc) from None
    if jobs is None:
        jobs = default_jobs() if len(plan.results) >= PARALLEL_MIN_EDITIONS else 1
    # Each language's summaries for its index, and its rows of data/scores.csv set aside as
    # units finish (not kept in memory).
    rows = {lang: _Rows() for lang in plan.languages}
    try:
        if jobs > 1:
            done = _render_in_parallel(units, writer, jobs, rows)
        else:
            done = {}
            for lang in plan.languages:
                found = units.run(lang, list(plan.groups), writer.staging, writer.count)
                done[lang] = rows[lang].keep(found)
        shared = _write_shared(units, writer, done, rows)
        writer.finish(output)
    except OSError as exc:  # a full or read-only disk: the previous site is kept
        writer.discard()
        raise _disk_error(output, exc) from None
    except BaseException:
        writer.discard()
        raise
    finally:
        for kept in rows.values():
            kept.close()
    if cache is not None:  # entries of earlier builds that this one no longer uses
        used = {units.key(lang, code) for lang in done for code in plan.groups}
        cache.keep_only("site", used | units.chart_keys)
        cache.keep_only("site-pages", used)
    every = [unit for found in done.values() for unit in found]
    return SiteReport(
        output=output,
        pages=writer.written,
        jurisdictions=len(plan.groups),
        editions=len(plan.results),
        languages=plan.languages,
        preview=preview,
        withheld=len(editions) - len(plan.results),
        rendered=shared + sum(u.pages for u in every if u.rendered),
        reused=sum(u.pages for u in every if not u.rendered),
    )


class _Rows:
    """What a language's index and data files need of its units, in plan order, set aside
    in unnamed temporary files while the units are rendered: each one's summary (a line of
    JSON) and its rows of data/scores.csv. The index reads the summaries back once the
    workers are done, so they are never held beside them."""

    def __init__(self) -> None:
        # closed by build_site, whatever happens
        self.file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
        self.summary_file = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115

    def keep(self, units: list[Unit]) -> list[Unit]:
        """Take the units' summaries and rows; they no longer hold them."""
        for unit in units:
            self.summary_file.write(json.dumps(unit.summary, separators=(",", ":")) + "\n")
            self.file.write(unit.csv)
            unit.summary, unit.csv = {}, ""
        return units

    def summaries(self, rubrics: Mapping[str, Rubric]) -> Iterator[Summary]:
        self.summary_file.seek(0)
        for line in self.summary_file:
            yield read_summary(json.loads(line), rubrics)

    def chunks(self) -> Iterator[str]:
        self.file.seek(0)
        while chunk := self.file.read(1 << 20):
            yield chunk

    def close(self) -> None:
        self.file.close()
        self.summary_file.close()


def _write_shared(
    units: Units, writer: StagingWriter, done: dict[str, list[Unit]], rows: dict[str, _Rows]
) -> int:
    """Each language's index, methodology and data files, and the root language chooser,
    from the units' summaries and the pages they wrote; how many files."""
    pages = units.pages
    plan = pages.plan
    written = writer.written
    for lang in plan.languages:
        latest = sorted(rows[lang].summaries(units.report.rubrics), key=ranking_key)
        for page in plan.shared_pages(lang):
            if page.kind == "index":
                chart = units.rank_chart(lang, latest)
                writer.write(pages.render_index(page, latest, len(plan.results), chart))
            else:
                writer.write(pages.render_methodology(page))
        json_pages = (
            p.path
            for code in plan.groups
            for p in plan.jurisdiction_pages(lang, code)
            if p.kind == "scorecard" and p.fmt == "json"
        )
        for page in plan.data_pages(lang):
            if page.kind == "scores-json":
                texts = (read_back(writer.staging, path) for path in json_pages)
                writer.write(Page(page.path, scores_document(texts)))
            else:
                writer.write(Page(page.path, scores_csv(rows[lang].chunks())))
    for page in plan.root_pages():
        writer.write(pages.render_languages(page))
    return writer.written - written


def _disk_error(output: Path, exc: OSError) -> OutputError:
    where = f" ({exc.filename})" if exc.filename else ""
    return OutputError(
        f"cannot write the site to {output}: {exc.strerror or exc}{where}; "
        "the previous site, if any, is unchanged"
    )


# What forked workers inherit: the build's units and the staging folder. Passing them through
# fork rather than pickling keeps the report in memory once, shared copy-on-write.
_FORKED: tuple[Units, Path] | None = None


def _render_chunk(lang: str, chunk: bytes) -> list[Unit]:
    """In a worker: write the pages of some jurisdictions (their edition records, pickled
    with the task); return their outcomes. The worker's plan holds only these: it reads no
    record of its parent's plan, so it copies none of the pages they are on (reading an
    object writes its reference count)."""
    assert _FORKED is not None
    units, staging = _FORKED
    editions: list[Edition] = pickle.loads(chunk)
    plan = units.pages.plan
    rubrics = units.report.rubrics
    plan.groups = group_by_jurisdiction([PlannedEdition(e, rubrics[e.rubric]) for e in editions])
    return units.run(lang, list(plan.groups), staging)


def _render_in_parallel(
    units: Units, writer: StagingWriter, jobs: int, rows: dict[str, _Rows]
) -> dict[str, list[Unit]]:
    """Jurisdictions' pages in `jobs` forked workers, in order of the plan."""
    global _FORKED
    plan = units.pages.plan
    codes = list(plan.groups)
    # A few chunks per worker, to balance load; never more than a batch, so what a worker
    # holds and sends back does not grow with the workspace.
    size = max(1, min(BATCH, -(-len(codes) // (jobs * 4))))
    # Each chunk's records are pickled before the workers fork: sending them later would
    # touch every record, and so copy the parent's memory that the workers share.
    chunks = [
        pickle.dumps(units.editions(codes[i : i + size]), pickle.HIGHEST_PROTOCOL)
        for i in range(0, len(codes), size)
    ]
    _FORKED = (units, writer.staging)
    done: dict[str, list[Unit]] = {}
    try:
        with forked_pool(jobs) as pool:
            futures = {
                lang: [pool.submit(_render_chunk, lang, chunk) for chunk in chunks]
                for lang in plan.languages
            }
            for lang in plan.languages:
                done[lang] = []
                for future in futures[lang]:
                    found = future.result()
                    done[lang] += rows[lang].keep(found)
                    writer.count(sum(unit.pages for unit in found))
    finally:
        _FORKED = None
    return done
