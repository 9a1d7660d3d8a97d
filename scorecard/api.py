"""The library's front door: what every command (and any other front end) asks of the core.

Policy lives here, where tests and other front ends reach it: which files a check covers and
how strictly, which rubric a command means by default, a jurisdiction's series, the CI gate.
Functions return records, never sentences; they raise InvalidInput (with every located
problem and the documents to quote) rather than return something half-valid."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scorecard.cache import Cache
from scorecard.errors import InvalidInput, Problem, ScorecardError, UsageError
from scorecard.loading import Document
from scorecard.model import Assessment, Rubric
from scorecard.scoring import Result, ResultStream, score_assessment
from scorecard.validation import Report, Spool, check_files, read_model
from scorecard.workers import in_child
from scorecard.workspace import Workspace, data_files, find_workspace

if TYPE_CHECKING:
    from scorecard.agreement import AgreementReport
    from scorecard.diff import ChangeSet
    from scorecard.gate import Drop
    from scorecard.history import History
    from scorecard.sensitivity import SensitivityReport, SensitivitySettings


def load_valid(
    paths: Sequence[Path],
    workspace: Workspace | None = None,
    today: dt.date | None = None,
    *,
    cached: bool = False,
    models: bool = True,
    spool: Spool | None = None,
) -> Report:
    """Validate `paths` (with the workspace's rubrics); raise InvalidInput on any error.

    `cached`: use the workspace cache, so files unchanged since a run that found them valid
    are not read again. `models=False`: keep no model, only `report.editions` (what `build`
    wants: it reads again, a few at a time, only what it must render, so its memory does not
    grow with the workspace); with a `spool`, the models it reads are set aside there, so
    that reading them again costs no parse and no check (`validation.spool`)."""
    if workspace is None:
        workspace = find_workspace(paths[0] if paths else None)
    cache = Cache.for_workspace(workspace.root) if cached else None

    def check() -> Report:
        return check_files(
            paths,
            workspace,
            today=today,
            cache=cache,
            models=models,
            keep_read=models,
            spool=spool,
        )

    # Without models (a build), the files are checked in a child process: what checking
    # them leaves behind in memory stays there, not in the process that renders the site.
    report = check() if models else in_child(check)
    if report.errors:
        raise InvalidInput(report.errors, report.documents)
    return report


def score_files(paths: Sequence[Path], workspace: Workspace | None = None) -> list[Result]:
    """Score the assessment files named, in the order given."""
    return list(iter_results(load_valid(paths, workspace)))


def iter_results(report: Report) -> Iterator[Result]:
    """The results of a validated report's assessments, one at a time (none kept)."""
    for assessment in report.assessments:
        yield score_assessment(report.rubrics[assessment.rubric], assessment)


def score(assessment: Any, rubric: Any = None) -> Result:
    """Score one assessment: a path, or an Assessment with its Rubric."""
    if isinstance(assessment, Assessment):
        if not isinstance(rubric, Rubric):
            raise TypeError("scoring an Assessment object needs its Rubric")
        return score_assessment(rubric, assessment)
    paths = [Path(assessment)] + ([Path(rubric)] if rubric is not None else [])
    report = load_valid(paths)
    if len(report.assessments) != 1:
        raise ValueError(f"{assessment} is not an assessment")
    only = report.assessments[0]
    return score_assessment(report.rubrics[only.rubric], only)


# --- validate ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Checked:
    """What `validate` reports: the problems as the chosen policy shows them, the documents
    they are in, how many files were checked, and whether the check failed."""

    problems: list[Problem]
    documents: Mapping[str, Document]
    files: int
    failed: bool
    report: Report


def check(
    paths: Sequence[Path], workspace: Workspace, *, strict: bool = False, errors_only: bool = False
) -> Checked:
    """Validate `paths` (default: the workspace's rubrics and assessments). `strict` makes
    every warning an error; `errors_only` leaves warnings out of the report.

    The workspace cache spares reading the files that were valid when last checked and have
    not changed since (nor have the rubrics, the date or the tool); the report is the same."""
    cache = Cache.for_workspace(workspace.root)
    # No model is kept: memory holds only the problems and the documents they quote.
    report = check_files(paths, workspace, cache=cache, models=False, keep_read=False)
    problems = report.problems
    if strict:
        problems = [p if p.severity == "error" else replace(p, severity="error") for p in problems]
    elif errors_only:
        problems = [p for p in problems if p.severity == "error"]
    return Checked(problems, report.documents, report.files, report.failed(strict), report)


# --- score ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreRun:
    """The results of every valid assessment among the files, scored as they are read, and
    the problems of the files that could not be scored (reported after the results)."""

    results: ResultStream
    problems: InvalidInput | None


def score_paths(
    paths: Sequence[Path], workspace: Workspace, spool: Spool | None = None
) -> ScoreRun:
    """Score every valid assessment among `paths`; invalid files do not stop the others.

    With a `spool`, no model is kept: each is set aside there as its file is checked (in
    worker processes when the files are many) and read back as its result is wanted, so
    memory does not grow with the number of files. The spool must stay open until the
    results have been read."""
    report = check_files(
        paths, workspace, models=spool is None, keep_read=spool is None, spool=spool
    )
    if not report.editions:
        if report.errors:
            raise InvalidInput(report.errors, report.documents)
        raise UsageError("no assessment among the files given")
    failed = InvalidInput(report.errors, report.documents) if report.errors else None
    results = iter_results(report) if spool is None else _read_back(report)
    return ScoreRun(ResultStream(len(report.editions), results), failed)


def _read_back(report: Report) -> Iterator[Result]:
    """The results of a report whose models were set aside in a spool, one at a time."""
    for record in report.editions:
        yield score_assessment(report.rubrics[record.rubric], read_model(record.stored))


# --- rubrics ----------------------------------------------------------------------------------


def pick_rubric(workspace: Workspace, ref: str | None = None) -> Rubric:
    """The rubric `ref` ("id@version") names; by default the newest version of the
    workspace's own rubric (a bundled rubric only when the workspace has none)."""
    report = load_valid(workspace.rubric_files(), workspace)
    if not report.rubrics:
        raise ScorecardError("no rubric found in the workspace")
    if ref is not None:
        if ref not in report.rubrics:
            known = ", ".join(sorted(report.rubrics))
            raise ScorecardError(f"rubric {ref} not found; known: {known}")
        return report.rubrics[ref]
    own = {path.resolve() for path in data_files(workspace.rubrics_dir)}
    own_ids = {doc.data["id"] for doc in report.documents.values() if doc.path.resolve() in own}
    candidates = [r for r in report.rubrics.values() if r.id in own_ids] or list(
        report.rubrics.values()
    )

    def newest_first(r: Rubric) -> tuple[str, tuple[int, ...]]:
        return (r.id, tuple(-int(x) for x in r.version.split(".")))

    return sorted(candidates, key=newest_first)[0]


# --- a jurisdiction's series, and changes -----------------------------------------------------


def jurisdiction_files(workspace: Workspace, code: str) -> list[Path]:
    """The assessment files of jurisdiction `code`; an error naming the known codes if none."""
    files = [p for p in workspace.assessment_files() if p.parent.name == code]
    if not files:
        known = sorted({p.parent.name for p in workspace.assessment_files()})
        listed = ", ".join(known) if known else "none (no assessments in the workspace)"
        raise ScorecardError(f"no assessments for {code!r}; known jurisdictions: {listed}")
    return files


def history_of(workspace: Workspace, code: str) -> History:
    """Jurisdiction `code`'s editions over time."""
    from scorecard.history import jurisdiction_history

    files = jurisdiction_files(workspace, code)
    return jurisdiction_history(score_files(files, workspace), code)


@dataclass(frozen=True)
class FileDiff:
    """What changed between two assessment files, and the jurisdictions they assess (a
    comparison across jurisdictions is allowed, and worth a note)."""

    changes: ChangeSet
    old_code: str
    new_code: str


def diff_files(old: Path, new: Path, workspace: Workspace) -> FileDiff:
    """What changed between two assessment files, unchanged indicators kept."""
    from scorecard.diff import diff_pairs

    results = score_files([old, new], workspace)
    if len(results) != 2:
        raise UsageError("OLD and NEW must both be assessment files")
    before, after = results
    changes = diff_pairs([(before, after)], str(old), str(new), keep_unchanged=True)
    return FileDiff(changes, before.assessment.code, after.assessment.code)


def diff_revision(
    ref: str, workspace: Workspace, paths: Sequence[Path], working_tree: str
) -> ChangeSet:
    """What changed in every assessment between git revision `ref` and the working tree;
    `working_tree` is how the new side is named."""
    from scorecard.diff import diff_pairs
    from scorecard.gitrevs import changes_since

    pairs = changes_since(ref, workspace, paths)
    added = [new for old, new in pairs if old is None and new is not None]
    kept = [(old, new) for old, new in pairs if old is not None or new is None]
    baselines = []
    for new in added:
        previous = previous_edition(workspace, new, [old for old, _ in pairs if old is not None])
        if previous is None:
            kept.append((None, new))
        else:
            baselines.append((previous, new))
    return diff_pairs(kept, ref, working_tree, baselines=baselines)


def _edition_key(result: Result) -> tuple[str, str]:
    return (result.assessment.as_of, result.assessment.edition)


def previous_edition(
    workspace: Workspace, added: Result, known: Sequence[Result] = ()
) -> Result | None:
    """The edition of `added`'s jurisdiction that precedes it: the latest before it among
    `known` results (the old side of a diff), else among the workspace's files; None when
    there is none (or the others do not validate)."""
    code = added.assessment.code
    before = [
        r for r in known if r.assessment.code == code and _edition_key(r) < _edition_key(added)
    ]
    if not before:
        files = [p for p in workspace.assessment_files() if p.parent.name == code]
        try:
            before = (
                [r for r in score_files(files, workspace) if _edition_key(r) < _edition_key(added)]
                if files
                else []
            )
        except InvalidInput:
            return None
    return max(before, key=_edition_key, default=None)


def gate(changes: ChangeSet, points: Fraction, per_pillar: bool) -> list[Drop]:
    """The CI gate: every overall (and, with `per_pillar`, pillar) score that fell by more
    than `points` as displayed, or that is no longer scored."""
    from scorecard.gate import Drop, drops

    found = [
        drop
        for entry in changes.entries
        if entry.change != "added"  # a new edition's fall is a finding, not a regression
        for drop in drops(entry, points, per_pillar)
    ]
    # Deleting a published edition is a way around the gate too: it always stops it.
    found += [
        Drop(e.code, e.old_edition or "", None, "removed", e.overall.old, None, None)
        for e in changes.entries
        if e.change == "removed" and e.old_assessment_status == "published"
    ]
    return found


# --- authoring --------------------------------------------------------------------------------


def draft_assessment(
    workspace: Workspace,
    code: str,
    edition: str,
    *,
    rubric: str | None = None,
    source: Path | None = None,
    name: str | None = None,
    lang: str = "en",
) -> tuple[Path, str]:
    """Where the new edition's file goes and its skeleton: every indicator of the rubric (by
    default the source edition's, else the workspace's newest), answers copied from `source`
    and marked for re-verification when given."""
    from scorecard.loading import load_document
    from scorecard.scaffold import assessment_path, assessment_skeleton

    # First: refuses a code or edition that is not a plain identifier (both become a folder
    # and a file name) and an edition that already exists.
    path = assessment_path(workspace, code, edition)
    previous = None
    if source is not None:
        if not source.is_file():
            raise UsageError(f"no such file: {source}")
        if not load_valid([source], workspace).assessments:
            raise UsageError(f"{source} is not an assessment")
        previous = load_document(source).data
        if previous["jurisdiction"]["code"] != code:
            raise UsageError(f"{source} assesses {previous['jurisdiction']['code']}, not {code}")
    chosen = pick_rubric(workspace, rubric or (previous["rubric"] if previous else None))
    text = assessment_skeleton(chosen, code, edition, name=name, previous=previous, lang=lang)
    return path, text


# --- methods: sensitivity and agreement -------------------------------------------------------


def sensitivity_of(
    paths: Sequence[Path], workspace: Workspace, settings: SensitivitySettings
) -> SensitivityReport:
    """How much the ranking of the latest edition of each jurisdiction among `paths` (default:
    the workspace's assessments) depends on the method's assumptions."""
    from scorecard.sensitivity import analyse

    report = load_valid(paths or [workspace.assessments_dir], workspace)
    if not report.assessments:
        if paths:
            raise UsageError("no assessment among the files given")
        where = workspace.display(workspace.assessments_dir)
        raise ScorecardError(f"no valid assessment under {where}")
    return analyse(iter_results(report), settings)


def agreement_of(paths: Sequence[Path], workspace: Workspace) -> AgreementReport:
    """How far independent codings of the same editions among `paths` agree."""
    from scorecard.agreement import measure_agreement, read_codings

    try:
        codings, rubric = read_codings(paths, workspace)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    found = measure_agreement(codings, rubric)
    if not found.editions:
        raise UsageError("no edition has two or more codings among the files given")
    return found
