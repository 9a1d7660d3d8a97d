"""The static site: plan every page from validated results, write them into a fresh folder,
then swap that folder in for the old site in one rename.

The build writes nothing outside its output folder except the temporary sibling it builds in,
refuses to replace a folder it did not create (no marker file) unless forced, and leaves the
previous site untouched when anything fails.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from scorecard.errors import OutputError, UsageError
from scorecard.scoring import Result, score_assessment
from scorecard.validation import Report
from scorecard.workspace import Workspace

MARKER = ".scorecard-site"
MARKER_TEXT = "This folder was written by `scorecard build`; it is replaced on every build.\n"


@dataclass(frozen=True)
class Page:
    """One file of the site: its path relative to the site root, and its content."""

    path: PurePosixPath
    content: str | Iterable[str]  # text, or chunks of it written in turn


@dataclass(frozen=True)
class SiteReport:
    output: Path
    pages: int
    jurisdictions: int
    editions: int
    languages: tuple[str, ...]


def edition_order(result: Result) -> tuple[str, str]:
    return (result.assessment.as_of, result.assessment.edition)


def group_by_jurisdiction(results: Sequence[Result]) -> dict[str, list[Result]]:
    """Results per jurisdiction code, each list in order of `as_of` (oldest first)."""
    groups: dict[str, list[Result]] = defaultdict(list)
    for result in results:
        groups[result.assessment.code].append(result)
    return {code: sorted(group, key=edition_order) for code, group in sorted(groups.items())}


def score_report(report: Report) -> list[Result]:
    """Every valid assessment of the report, scored, in a stable order."""
    results = [score_assessment(report.rubrics[a.rubric], a) for a in report.assessments]
    return sorted(results, key=lambda r: (r.assessment.code, *edition_order(r)))


def count_pages(results: Sequence[Result], languages: Sequence[str]) -> int:
    """How many pages `plan_pages` yields, for a progress bar."""
    jurisdictions = len({r.assessment.code for r in results})
    per_language = 2 + jurisdictions * 2 + len(results) * 3  # index, methodology, badges, ...
    shared = 2 + (1 if len(languages) > 1 else 0)  # data/scores.json, data/scores.csv, chooser
    return per_language * len(languages) + shared


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
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output} is a file, not a folder")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).is_file() and not force:
        raise UsageError(
            f"{output} exists and was not written by scorecard build (no {MARKER} marker); "
            "refusing to replace it. Choose another folder, or use --force."
        )


# Below this many editions, starting worker processes costs more than it saves.
PARALLEL_MIN_EDITIONS = 64


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
    progress: Callable[[int, int], None] | None = None,
) -> SiteReport:
    """Build the whole site for a validated report into `output`, atomically.

    `jobs` worker processes render the jurisdictions' pages (default: one per core, for
    sites of at least PARALLEL_MIN_EDITIONS editions); the files are the same either way."""
    from scorecard.site_pages import SitePages

    check_output(output, workspace, force)
    results = score_report(report)
    pages = SitePages(workspace, results, tuple(languages))
    writer = _Writer(output, count_pages(results, languages), progress)
    if jobs is None:
        jobs = default_jobs() if len(results) >= PARALLEL_MIN_EDITIONS else 1
    try:
        if jobs > 1:
            _render_in_parallel(pages, writer, jobs)
        else:
            writer.write_all(pages.all())
        (writer.staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        _swap_in(writer.staging, output.resolve())
    except BaseException:
        shutil.rmtree(writer.staging, ignore_errors=True)
        raise
    return SiteReport(
        output=output,
        pages=writer.written,
        jurisdictions=len(pages.groups),
        editions=len(results),
        languages=tuple(languages),
    )


class _Writer:
    """Writes pages into a fresh staging folder beside the output, counting them."""

    def __init__(self, output: Path, total: int, progress: Callable[[int, int], None] | None):
        parent = output.resolve().parent
        parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.build-", dir=parent))
        self.total = total
        self.written = 0
        self.progress = progress

    def count(self, pages: int) -> None:
        self.written += pages
        if self.progress is not None:
            self.progress(self.written, self.total)

    def write_all(self, pages: Iterable[Page]) -> None:
        for page in pages:
            write_page(self.staging, page)
            self.count(1)


def write_page(root: Path, page: Page) -> None:
    target = root.joinpath(*page.path.parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="\n") as handle:
        if isinstance(page.content, str):
            handle.write(page.content)
        else:
            handle.writelines(page.content)


# What forked workers inherit: the planned site and the staging folder. Passing them through
# fork rather than pickling keeps every result in memory once, shared copy-on-write.
_FORKED: tuple[Any, Path] | None = None


def _render_chunk(lang: str, codes: list[str]) -> tuple[int, dict[tuple[str, str], str]]:
    """In a worker: write the pages of some jurisdictions; return how many, and their JSON."""
    assert _FORKED is not None
    pages, staging = _FORKED
    documents: dict[tuple[str, str], str] = {}
    written = 0
    for code in codes:
        for page in pages.jurisdiction_pages(lang, code, documents):
            write_page(staging, page)
            written += 1
    return written, documents


def _render_in_parallel(pages: Any, writer: _Writer, jobs: int) -> None:
    """Jurisdictions' pages in `jobs` forked workers; shared and data pages here, in order."""
    global _FORKED
    from concurrent.futures import ProcessPoolExecutor

    codes = list(pages.groups)
    size = max(1, -(-len(codes) // (jobs * 4)))  # a few chunks per worker, to balance load
    chunks = [codes[i : i + size] for i in range(0, len(codes), size)]
    _FORKED = (pages, writer.staging)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            futures = {
                lang: [pool.submit(_render_chunk, lang, chunk) for chunk in chunks]
                for lang in pages.languages
            }
            for lang in pages.languages:
                writer.write_all(pages.shared_pages(lang))
            for lang in pages.languages:
                documents: dict[tuple[str, str], str] = {}
                for future in futures[lang]:
                    written, found = future.result()
                    documents.update(found)
                    writer.count(written)
                writer.write_all(pages.data_pages(lang, documents))
            writer.write_all(pages.root_pages())
    finally:
        _FORKED = None


def _swap_in(staging: Path, output: Path) -> None:
    """Replace `output` by `staging` with renames, so the old site stays whole until the new one
    is complete."""
    for folder in (staging, *[p for p in staging.rglob("*") if p.is_dir()]):
        os.chmod(folder, 0o755)
    old: Path | None = None
    try:
        if output.exists():
            old = output.with_name(f".{output.name}.old-{os.getpid()}")
            if old.exists():
                shutil.rmtree(old)
            output.rename(old)
        staging.rename(output)
    except OSError as exc:
        if old is not None and old.exists() and not output.exists():
            old.rename(output)
        raise OutputError(f"cannot write the site to {output}: {exc.strerror or exc}") from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


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
