"""The static site: plan every page from validated results, write them into a fresh folder,
then swap that folder in for the old site in one rename.

The build writes nothing outside its output folder except the temporary sibling it builds in,
refuses to replace a folder it did not create (no marker file) unless forced, and leaves the
previous site untouched when anything fails.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import textwrap
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

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


def plan_pages(
    workspace: Workspace, results: Sequence[Result], languages: Sequence[str]
) -> Iterator[Page]:
    """Every page of the site, one at a time (so memory stays flat on large workspaces)."""
    from scorecard.site_pages import SitePages

    pages = SitePages(workspace, results, tuple(languages))
    yield from pages.all()


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


def build_site(
    workspace: Workspace,
    report: Report,
    output: Path,
    languages: Sequence[str],
    *,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> SiteReport:
    """Build the whole site for a validated report into `output`, atomically."""
    check_output(output, workspace, force)
    results = score_report(report)
    total = count_pages(results, languages)
    parent = output.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.build-", dir=parent))
    written = 0
    try:
        for page in plan_pages(workspace, results, languages):
            target = staging.joinpath(*page.path.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("w", encoding="utf-8", newline="\n") as handle:
                if isinstance(page.content, str):
                    handle.write(page.content)
                else:
                    handle.writelines(page.content)
            written += 1
            if progress is not None:
                progress(written, total)
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        _swap_in(staging, output.resolve())
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return SiteReport(
        output=output,
        pages=written,
        jurisdictions=len({r.assessment.code for r in results}),
        editions=len(results),
        languages=tuple(languages),
    )


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


def scores_document(results: Sequence[Result], lang: str) -> Iterator[str]:
    """data/scores.json: every edition's result document, valid against the `scores` schema.

    Written a result at a time (the same bytes as one `json.dumps(..., indent=2)` of the
    whole), so a large workspace never holds the whole document in memory."""
    from scorecard.result_document import result_to_dict

    yield '{\n  "format": "transparency-scorecard/scores@1",\n  "results": ['
    for index, result in enumerate(results):
        text = json.dumps(result_to_dict(result, lang), ensure_ascii=False, indent=2)
        yield ("," if index else "") + "\n" + textwrap.indent(text, "    ")
    yield "\n  ]\n}\n" if results else "]\n}\n"
