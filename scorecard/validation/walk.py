"""The one file walk: rubrics first, then assessments, for files on disk or at a git revision.

`validate`, `score` and the new side of `diff` walk the disk (`check_files`); the old side of
`diff --git` walks a revision's blobs (`scorecard.gitrevs`). Both go through `walk`, so they
find the same problems in the same files: layout, duplicate editions, duplicate rubrics."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from scorecard.cache import Cache, Edition, digest, tool_fingerprint
from scorecard.errors import Phrase, Problem, phrase
from scorecard.loading import DiskFiles, Document, Files, LoadError, read_document
from scorecard.model import Rubric
from scorecard.validation.assessment import check_assessment
from scorecard.validation.findings import Report, top_level_problem
from scorecard.validation.rubric import check_revision, check_rubric
from scorecard.workspace import Workspace, classify, classify_path, data_files, expand_paths


@dataclass(frozen=True)
class Candidate:
    """A file the walk reads: where it is (its layout place), how reports name it, and
    whether its problems are reported (rubrics read only to resolve references are not)."""

    path: Path
    display: str
    reported: bool = True


def check_files(
    paths: Sequence[Path],
    workspace: Workspace,
    *,
    today: dt.date | None = None,
    cache: Cache | None = None,
    models: bool = True,
    keep_read: bool = True,
) -> Report:
    """Validate the named files and folders (default: the whole workspace): every problem
    in every file, at once. With a `cache`, and `models`/`keep_read`, see `walk`."""
    # By default the workspace's own files; bundled rubrics are loaded to resolve references,
    # but only reported on when named.
    targets = (
        expand_paths(paths)
        if paths
        else [*data_files(workspace.rubrics_dir), *workspace.assessment_files()]
    )
    named = {t.resolve() for t in targets}
    own_rubrics = [p for p in workspace.rubric_files() if p.resolve() not in named]
    candidates = [Candidate(t, workspace.display(t)) for t in targets]
    candidates += [Candidate(r, workspace.display(r), reported=False) for r in own_rubrics]
    return walk(
        candidates,
        DiskFiles(workspace.root),
        today=today or dt.date.today(),
        require_reply=workspace.settings.right_of_reply,
        cache=cache,
        models=models,
        keep_read=keep_read,
    )


def walk(
    candidates: Sequence[Candidate],
    files: Files,
    *,
    today: dt.date,
    known_rubrics: Mapping[str, Rubric] | None = None,
    require_reply: bool = False,
    cache: Cache | None = None,
    models: bool = True,
    keep_read: bool = True,
) -> Report:
    """Check `candidates`, read from `files`: every problem in every reported file.

    Rubrics are checked first, since assessments refer to them; `known_rubrics` (already
    valid) stand in for any rubric the candidates lack. Assessments are then loaded, checked
    and turned into models one at a time, and their documents kept only when they have
    problems to quote, so memory stays flat on large workspaces. A rubric or an edition given
    twice is an error in the second file.

    With a `cache`, each assessment found by its place in the layout that has no problem is
    remembered by its bytes, the rubrics', the date and the tool's; `models=False` then skips
    reading those again: such a file counts as checked and is listed in `report.editions`
    but gets no model in `report.assessments` (files with problems are always checked
    again, so reports quote them exactly as without a cache). `models=False,
    keep_read=False` keeps no model at all, only `report.editions`: memory that does not grow
    with the workspace, for callers that read what they need again in small batches."""
    report = Report()
    broken: set[str] = set()
    deferred: list[Candidate] = []  # assessments by their place in the workspace layout
    pending: list[Document] = []  # assessments known only by their content
    seen_rubric: dict[str, str] = {}
    revisions: list[tuple[Document, Rubric, bool]] = []  # rubrics naming their previous
    rubric_texts: list[str] = []  # what every assessment's check depends on, for the cache
    for candidate in candidates:
        if candidate.reported and classify_path(candidate.path) == "assessment":
            deferred.append(candidate)
            continue
        document = _load(candidate, files, report)
        if document is None:
            continue
        kind = classify(candidate.path, document.data)
        if kind == "assessment":
            if candidate.reported:
                pending.append(document)
            continue
        rubric_texts += [document.display, document.text]
        if candidate.reported:
            report.files += 1
            report.checked.append(document.display)
        if kind is None:
            if candidate.reported:
                report.problems.append(top_level_problem(document) or _unknown_kind(document))
                report.documents[document.display] = document
            continue
        problems, rubric = check_rubric(document)
        if candidate.reported:
            report.problems.extend(problems)
            report.documents[document.display] = document  # rubrics are few; keep them
        if rubric is None:
            data = document.data if isinstance(document.data, dict) else {}
            broken.add(f"{data.get('id')}@{data.get('version')}")
            continue
        if rubric.ref in seen_rubric:
            if candidate.reported:
                report.problems.append(
                    _duplicate(
                        document,
                        phrase(
                            "problem.rubric.duplicate",
                            rubric=rubric.ref,
                            file=seen_rubric[rubric.ref],
                        ),
                    )
                )
            continue
        seen_rubric[rubric.ref] = document.display
        report.rubrics[rubric.ref] = rubric
        if rubric.previous is not None:
            revisions.append((document, rubric, candidate.reported))
    for ref, rubric in (known_rubrics or {}).items():
        report.rubrics.setdefault(ref, rubric)
    _check_revisions(revisions, report, broken)

    context = ""
    if cache is not None:
        context = digest(
            tool_fingerprint(),
            today.isoformat(),
            repr(require_reply),
            *rubric_texts,
            *sorted(broken),
            *sorted(report.rubrics),
        )
    seen_edition: dict[tuple[str, str], str] = {}

    def admit(display: str, code: str, edition: str) -> Problem | None:
        """None if the edition is new, else the duplicate problem (in the second file)."""
        key = (code, edition)
        if key not in seen_edition:
            seen_edition[key] = display
            return None
        message = phrase(
            "problem.edition.duplicate", code=code, edition=edition, file=seen_edition[key]
        )
        return Problem(display, 1, 1, "error", message, None, "duplicate")

    def check(document: Document, content: str | None, cache_key: str = "") -> None:
        report.files += 1
        report.checked.append(document.display)
        problems, assessment = check_assessment(
            document,
            report.rubrics,
            today=today,
            broken_rubrics=broken,
            require_reply=require_reply,
        )
        if assessment is not None:
            record = Edition(
                document.path,
                document.display,
                content or assessment.sha256,
                assessment.code,
                assessment.edition,
                assessment.as_of,
                assessment.status,
                assessment.rubric,
            )
            if cache is not None and content is not None and not problems:
                cache.put("validate", cache_key, _entry(record))
            duplicate = admit(document.display, assessment.code, assessment.edition)
            if duplicate is not None:
                problems.append(duplicate)
            else:
                if models or keep_read:
                    report.assessments.append(assessment)
                report.editions.append(record)
        if problems:
            report.problems.extend(problems)
            report.documents[document.display] = document

    for document in pending:
        check(document, None)
    for candidate in deferred:
        content: str | None = None
        cache_key = ""
        if cache is not None:
            try:
                raw: bytes | None = files.read(candidate.path)
            except OSError:
                raw = None  # _load reports it
            if raw is not None:
                content = digest(raw)
                cache_key = digest(context, candidate.display, str(candidate.path), content)
                entry = None if models else cache.get("validate", cache_key)
                record = _record(candidate, content, entry)
                if record is not None:
                    report.files += 1
                    report.checked.append(candidate.display)
                    duplicate = admit(record.display, record.code, record.edition)
                    if duplicate is not None:
                        report.problems.append(duplicate)
                        # quoted like any other file with a problem
                        loaded = _load(candidate, files, Report())
                        if loaded is not None:
                            report.documents[candidate.display] = loaded
                    else:
                        report.editions.append(record)
                    continue
        document = _load(candidate, files, report)
        if document is not None:
            check(document, content, cache_key)
    report.problems.sort()
    return report


def _entry(record: Edition) -> dict[str, str]:
    """A cache entry: an assessment that passed, and which edition it is."""
    return {
        "code": record.code,
        "edition": record.edition,
        "as_of": record.as_of,
        "status": record.status,
        "rubric": record.rubric,
    }


def _record(candidate: Candidate, content: str, entry: object) -> Edition | None:
    if not isinstance(entry, dict):
        return None
    fields = [entry.get(name) for name in ("code", "edition", "as_of", "status", "rubric")]
    if not all(isinstance(value, str) for value in fields):
        return None  # not an entry this version writes: checked again
    code, edition, as_of, status, rubric = (str(value) for value in fields)
    return Edition(candidate.path, candidate.display, content, code, edition, as_of, status, rubric)


def _check_revisions(
    revisions: Sequence[tuple[Document, Rubric, bool]], report: Report, broken: set[str]
) -> None:
    """Each rubric that names its previous version, compared with it (when it is known). A
    rubric with undeclared differences is broken: assessments cannot be scored against it, so
    no diff across the versions credits the rubric's change to a government."""
    for document, rubric, reported in revisions:
        previous = report.rubrics.get(f"{rubric.id}@{rubric.previous}")
        if previous is None:
            continue
        problems = check_revision(document, rubric, previous)
        if reported:
            report.problems.extend(problems)
        if any(p.severity == "error" for p in problems):
            del report.rubrics[rubric.ref]
            broken.add(rubric.ref)


def _load(candidate: Candidate, files: Files, report: Report) -> Document | None:
    """Read one file; a file that does not load adds its problems (when reported) and None."""
    try:
        return read_document(files, candidate.path, candidate.display)
    except LoadError as exc:
        if candidate.reported:
            report.problems.extend(exc.problems)
            report.files += 1
            report.checked.append(candidate.display)
            if exc.text is not None:  # for source snippets; data None: it did not load
                report.documents[candidate.display] = Document(
                    candidate.path, candidate.display, exc.text, None
                )
        return None


def _duplicate(document: Document, message: Phrase) -> Problem:
    return Problem(document.display, 1, 1, "error", message, None, "duplicate")


def _unknown_kind(document: Document) -> Problem:
    return Problem(
        document.display,
        1,
        1,
        "error",
        phrase("problem.unknown_kind"),
        phrase("problem.unknown_kind.hint"),
        "unknown-kind",
    )
