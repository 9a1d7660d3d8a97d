"""The one file walk: rubrics first, then assessments, for files on disk or at a git revision.

`validate`, `score` and the new side of `diff` walk the disk (`check_files`); the old side of
`diff --git` walks a revision's blobs (`scorecard.gitrevs`). Both go through `walk`, so they
find the same problems in the same files: layout, duplicate editions, duplicate rubrics."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from scorecard.cache import Cache, digest, tool_fingerprint
from scorecard.errors import Phrase, Problem, phrase
from scorecard.loading import DiskFiles, Document, Files
from scorecard.model import Rubric
from scorecard.validation.batch import Candidate, Outcome, Work, examine_all, load
from scorecard.validation.findings import Report, top_level_problem
from scorecard.validation.rubric import check_revision, check_rubric
from scorecard.validation.spool import Spool
from scorecard.workspace import Workspace, classify, classify_path, data_files, expand_paths


def check_files(
    paths: Sequence[Path],
    workspace: Workspace,
    *,
    today: dt.date | None = None,
    cache: Cache | None = None,
    models: bool = True,
    keep_read: bool = True,
    spool: Spool | None = None,
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
    # The workspace's rubrics that are not named (an assessment's place is never a rubric's:
    # resolving only the others spares a path object per assessment).
    named = {t.resolve() for t in targets if classify_path(t) != "assessment"}
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
        spool=spool,
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
    spool: Spool | None = None,
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
    with the workspace, for callers that read what they need again in small batches; with a
    `spool`, the model of each valid file read is set aside there, and its record says where
    (`Edition.stored`), so that reading it again costs no parse and no check."""
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
        document = load(candidate, files, report)
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
    seen_edition: dict[tuple[str, str], str] = {}  # the first file of each edition
    work = Work(
        files,
        report.rubrics,
        broken,
        today,
        require_reply,
        cache,
        context,
        models,
        keep_read,
        spool,
    )

    def take(outcome: Outcome) -> None:
        """An assessment's outcome into the report, in the order of the candidates."""
        if outcome.counted:
            report.files += 1
            report.checked.append(outcome.display)
        problems = outcome.problems
        document = outcome.document
        record = outcome.record
        if record is not None:
            key = (record.code, record.edition)
            if key in seen_edition:
                message = phrase(
                    "problem.edition.duplicate",
                    code=record.code,
                    edition=record.edition,
                    file=seen_edition[key],
                )
                problems = [
                    *problems,
                    Problem(outcome.display, 1, 1, "error", message, None, "duplicate"),
                ]
                if document is None and outcome.candidate is not None:
                    # read again, to be quoted like any other file with a problem
                    document = load(outcome.candidate, files, Report())
            else:
                seen_edition[key] = outcome.display
                if outcome.assessment is not None:
                    report.assessments.append(outcome.assessment)
                report.editions.append(record.compact())
        if problems:
            report.problems.extend(problems)
            if document is not None:
                report.documents[outcome.display] = document

    for document in pending:
        take(work.check(document, None))
    for outcome in examine_all(work, deferred, parallel=not (models or keep_read)):
        take(outcome)
    report.problems.sort()
    return report


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
