"""Checking assessment files one at a time, in worker processes when they are many.

The walk (`walk.py`) checks the rubrics, then hands each assessment file to `Work`, which
reads it (or finds it in the cache, unchanged since it passed) and checks it against the
valid rubrics. Its `Outcome` goes back to the walk, which adds it to the report in the
order of the files; a duplicate edition is found there, since it takes every file to know.
The files are checked in forked workers (`scorecard.workers`) when no model is wanted back
and they are many: a worker returns records and problems, never a model, so the parent holds
what it would hold checking them itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scorecard.cache import Cache, Edition, digest
from scorecard.errors import Problem
from scorecard.loading import DiskFiles, Document, Files, LoadError, read_document
from scorecard.model import Assessment, Rubric
from scorecard.validation.assessment import check_assessment
from scorecard.validation.findings import Report
from scorecard.validation.spool import Spool
from scorecard.workers import default_jobs, forked_pool


@dataclass(frozen=True, slots=True)
class Candidate:
    """A file the walk reads: where it is (its layout place), how reports name it, and
    whether its problems are reported (rubrics read only to resolve references are not)."""

    path: Path
    display: str
    reported: bool = True


@dataclass(slots=True)
class Outcome:
    """What checking one assessment file found, before it joins the report (a duplicate
    edition is found there, in the order of the files)."""

    display: str
    counted: bool = True  # a file checked (one that could not be read counts too)
    record: Edition | None = None
    assessment: Assessment | None = None  # kept only when the caller wants models
    problems: list[Problem] = field(default_factory=list)
    document: Document | None = None  # to quote the problems
    candidate: Candidate | None = None  # the file, read again if a duplicate is quoted


@dataclass
class Work:
    """Checking assessment files against the valid rubrics, one file at a time."""

    files: Files
    rubrics: dict[str, Rubric]
    broken: set[str]
    today: dt.date
    require_reply: bool
    cache: Cache | None
    context: str  # what every assessment's check depends on, for the cache
    models: bool  # every valid file's model is wanted: none is answered from the cache
    keep_read: bool  # the models of the files read are wanted
    spool: Spool | None = None  # where each valid model read is set aside, if anywhere

    def check(self, document: Document, content: str | None, cache_key: str = "") -> Outcome:
        problems, assessment = check_assessment(
            document,
            self.rubrics,
            today=self.today,
            broken_rubrics=self.broken,
            require_reply=self.require_reply,
        )
        outcome = Outcome(document.display, problems=problems)
        if problems:
            outcome.document = document
        if assessment is not None:
            outcome.record = Edition(
                str(document.path),
                document.display,
                content or assessment.sha256,
                assessment.code,
                assessment.edition,
                assessment.as_of,
                assessment.status,
                assessment.rubric,
                self.spool.add(assessment) if self.spool is not None and not problems else "",
            )
            if self.cache is not None and content is not None and not problems:
                self.cache.put("validate", cache_key, _entry(outcome.record))
            if self.models or self.keep_read:
                outcome.assessment = assessment
            outcome.document = document  # quoted if the edition turns out a duplicate
        return outcome

    def examine(self, candidate: Candidate) -> Outcome:
        """One assessment found by its place in the layout: from the cache when its bytes
        passed before (and no model is wanted), else read and checked."""
        content: str | None = None
        cache_key = ""
        if self.cache is not None:
            try:
                raw: bytes | None = self.files.read(candidate.path)
            except OSError:
                raw = None  # _load reports it
            if raw is not None:
                content = digest(raw)
                cache_key = digest(self.context, candidate.display, str(candidate.path), content)
                entry = None if self.models else self.cache.get("validate", cache_key)
                record = _record(candidate, content, entry)
                if record is not None:
                    return Outcome(candidate.display, record=record, candidate=candidate)
        loaded = Report()
        document = load(candidate, self.files, loaded)
        if document is None:
            found = loaded.documents.get(candidate.display)
            return Outcome(candidate.display, problems=loaded.problems, document=found)
        outcome = self.check(document, content, cache_key)
        outcome.candidate = candidate
        return outcome

    def examine_chunk(self, candidates: Sequence[Candidate]) -> list[Outcome]:
        outcomes = [self.examine(candidate) for candidate in candidates]
        for outcome in outcomes:  # only what the report keeps goes back to the parent
            if not outcome.problems and outcome.record is not None:
                outcome.document = None
            outcome.candidate = None  # the parent has it
        return outcomes


# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 64
CHUNK = 16  # files per task: small, so what a worker holds does not grow with the workspace
_FORKED: Work | None = None  # what forked workers inherit


def _examine_chunk(candidates: list[Candidate]) -> list[Outcome]:
    assert _FORKED is not None
    return _FORKED.examine_chunk(candidates)


def examine_all(
    work: Work, candidates: Sequence[Candidate], *, parallel: bool
) -> Iterator[Outcome]:
    """Each candidate's outcome, in order: in worker processes when no model is wanted back
    and the files are many and on disk (a revision's files are read through one git
    process, which workers cannot share)."""
    global _FORKED
    jobs = default_jobs()
    if not parallel or jobs < 2 or len(candidates) < PARALLEL_MIN_FILES:
        for candidate in candidates:
            outcome = work.examine(candidate)
            if not outcome.problems and outcome.record is not None:
                outcome.document = None
            yield outcome
        return
    if not isinstance(work.files, DiskFiles):
        yield from examine_all(work, candidates, parallel=False)
        return
    chunks = [list(candidates[i : i + CHUNK]) for i in range(0, len(candidates), CHUNK)]
    _FORKED = work
    try:
        with forked_pool(jobs) as pool:
            for chunk, outcomes in zip(chunks, pool.map(_examine_chunk, chunks), strict=True):
                for candidate, outcome in zip(chunk, outcomes, strict=True):
                    if outcome.record is not None:
                        outcome.candidate = candidate
                    yield outcome
    finally:
        _FORKED = None


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
    path = str(candidate.path)
    return Edition(path, candidate.display, content, code, edition, as_of, status, rubric)


def load(candidate: Candidate, files: Files, report: Report) -> Document | None:
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
