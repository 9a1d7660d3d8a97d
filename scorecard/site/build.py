"""`scorecard build`: plan every page from validated results, render them (in worker processes
on large sites), write them into a fresh folder, then swap that folder in for the old site.

The build refuses outputs that would lose the user's files: the workspace and its folders,
a file, or a folder it did not create (no marker file) unless forced. When anything fails,
the previous site is left untouched.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scorecard.errors import OutputError, UsageError
from scorecard.site.pages import Documents, SitePages
from scorecard.site.plan import PlannedPage, SitePlan, score_report
from scorecard.site.write import MARKER, Progress, StagingWriter, recover, write_page
from scorecard.validation import Report
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


def default_jobs() -> int:
    """Worker processes for rendering: one per core, where processes can be forked."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(os.cpu_count() or 1, 1)


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
) -> SiteReport:
    """Build the whole site for a validated report into `output`, atomically.

    `progress(done, total)` is called after each file, with `total` the number of files the
    plan lists. `jobs` worker processes render the jurisdictions' pages (default: one per
    core, for sites of at least PARALLEL_MIN_EDITIONS editions); the files are the same
    either way.

    The site shows the editions whose status the workspace publishes (`publish` in
    scorecard.toml); a `preview` shows every edition, each marked with its status."""
    check_output(output, workspace, force)
    publish = None if preview else workspace.settings.publish
    try:
        recover(output)
        check_output(output, workspace, force)  # a site put back must pass the same checks
        results = score_report(report)
        plan = SitePlan(results, languages, publish, list(report.rubrics.values()))
        pages = SitePages(plan, workspace)
        writer = StagingWriter(output, len(plan.pages), progress)
    except OSError as exc:
        raise _disk_error(output, exc) from None
    if jobs is None:
        jobs = default_jobs() if len(plan.results) >= PARALLEL_MIN_EDITIONS else 1
    try:
        if jobs > 1:
            _render_in_parallel(pages, writer, jobs)
        else:
            # Each language's result documents, kept until its data/scores.json is written.
            documents: dict[str, Documents] = {}
            for planned in plan.pages:
                writer.write(pages.render(planned, documents.setdefault(planned.lang, {})))
                if planned.kind == "scores-json":
                    del documents[planned.lang]
        writer.finish(output)
    except OSError as exc:  # a full or read-only disk: the previous site is kept
        writer.discard()
        raise _disk_error(output, exc) from None
    except BaseException:
        writer.discard()
        raise
    return SiteReport(
        output=output,
        pages=writer.written,
        jurisdictions=len(plan.groups),
        editions=len(plan.results),
        languages=plan.languages,
        preview=preview,
        withheld=len(results) - len(plan.results),
    )


def _disk_error(output: Path, exc: OSError) -> OutputError:
    where = f" ({exc.filename})" if exc.filename else ""
    return OutputError(
        f"cannot write the site to {output}: {exc.strerror or exc}{where}; "
        "the previous site, if any, is unchanged"
    )


def _die_with(parent: int) -> None:
    """In a worker: exit as soon as the building process is gone, even if it was killed
    (SIGKILL gives it no chance to stop its workers)."""
    import threading
    import time

    try:  # Linux: the kernel sends SIGKILL when the parent dies
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


# What forked workers inherit: the site's renderer and the staging folder. Passing them through
# fork rather than pickling keeps every result in memory once, shared copy-on-write.
_FORKED: tuple[SitePages, Path] | None = None


def _render_chunk(lang: str, codes: list[str]) -> tuple[int, dict[tuple[str, str], str]]:
    """In a worker: write the pages of some jurisdictions; return how many, and their JSON."""
    assert _FORKED is not None
    pages, staging = _FORKED
    documents: dict[tuple[str, str], str] = {}
    planned: list[PlannedPage] = []
    for code in codes:
        planned.extend(pages.plan.jurisdiction_pages(lang, code))
    for page in pages.render_all(planned, documents):
        write_page(staging, page)
    return len(planned), documents


def _render_in_parallel(pages: SitePages, writer: StagingWriter, jobs: int) -> None:
    """Jurisdictions' pages in `jobs` forked workers; shared and data pages here."""
    global _FORKED
    from concurrent.futures import ProcessPoolExecutor

    plan = pages.plan
    codes = list(plan.groups)
    size = max(1, -(-len(codes) // (jobs * 4)))  # a few chunks per worker, to balance load
    chunks = [codes[i : i + size] for i in range(0, len(codes), size)]
    _FORKED = (pages, writer.staging)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=context,
            initializer=_die_with,
            initargs=(os.getpid(),),
        ) as pool:
            futures = {
                lang: [pool.submit(_render_chunk, lang, chunk) for chunk in chunks]
                for lang in plan.languages
            }
            for lang in plan.languages:
                writer.write_all(pages.render_all(plan.shared_pages(lang), {}))
            for lang in plan.languages:
                documents: Documents = {}
                for future in futures[lang]:
                    written, found = future.result()
                    documents.update(found)
                    writer.count(written)
                writer.write_all(pages.render_all(plan.data_pages(lang), documents))
            writer.write_all(pages.render_all(plan.root_pages(), {}))
    finally:
        _FORKED = None
