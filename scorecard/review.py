"""`scorecard review`: what stands between each edition and publication, as records.

For every assessment of the workspace the worklist holds what publishing it would refuse
(the edition checked as if it were `published`: unanswered indicators, `reverify` marks,
answers short of the evidence rule, sign-off rules unmet, a right of reply still pending or
missing where the workspace requires one) and what a careful reviewer looks at besides
(a right of reply never requested, sources much older than the edition's `as_of`). Items are
Problems (codes and catalog phrases, located in the file); nothing here is a sentence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from scorecard.errors import Problem, phrase
from scorecard.loading import DISK, Document, LoadError, read_document
from scorecard.validation import check_assessment, check_files
from scorecard.validation.findings import Findings
from scorecard.workspace import Workspace

# A source published this many years before the edition's `as_of` is worth checking again.
STALE_YEARS = 3

Weight = Literal["blocker", "notice"]


@dataclass(frozen=True)
class ReviewItem:
    """One thing to do before publishing: a blocker (publishing would be refused) or a
    notice (a reviewer should look; `--strict` counts it too)."""

    weight: Weight
    problem: Problem


@dataclass(frozen=True)
class EditionReview:
    """One edition's worklist."""

    file: str
    code: str | None
    edition: str | None
    status: str | None
    items: tuple[ReviewItem, ...]
    reverify: int = 0

    @property
    def blockers(self) -> int:
        return sum(item.weight == "blocker" for item in self.items)

    @property
    def notices(self) -> int:
        return sum(item.weight == "notice" for item in self.items)

    @property
    def ready(self) -> bool:
        return not self.blockers


@dataclass(frozen=True)
class Review:
    """The worklist of every edition, and the documents its items are in (for snippets)."""

    editions: list[EditionReview]
    documents: dict[str, Document] = field(default_factory=dict)

    def failed(self, strict: bool = False) -> bool:
        """Whether a `published` edition fails any of it (with `strict`, notices too)."""
        return any(
            e.status == "published" and (e.blockers or (strict and e.notices))
            for e in self.editions
        )


def review_workspace(
    workspace: Workspace, paths: Sequence[Path] = (), *, today: dt.date | None = None
) -> Review:
    """The worklist of the assessments among `paths` (default: all of the workspace's)."""
    today = today or dt.date.today()
    report = check_files([workspace.rubrics_dir], workspace, today=today)
    files = list(paths) or workspace.assessment_files()
    editions: list[EditionReview] = []
    documents: dict[str, Document] = {}
    for path in _expand(files):
        display = workspace.display(path)
        try:
            document = read_document(DISK, path, display)
        except LoadError as exc:
            editions.append(_unreadable(display, exc.problems))
            continue
        documents[display] = document
        editions.append(
            review_edition(
                document,
                report.rubrics,
                today=today,
                require_reply=workspace.settings.right_of_reply,
                previous=_previous_data(path, document.data),
            )
        )
    return Review(editions, documents)


def _edition_key(data: Any) -> tuple[str, str]:
    return (str(data.get("as_of", "")), str(data.get("edition", "")))


def _previous_data(path: Path, data: Any) -> dict[str, Any] | None:
    """The data of the edition before this one in the same jurisdiction's folder, if any."""
    if not isinstance(data, dict):
        return None
    from scorecard.workspace import data_files

    found: list[dict[str, Any]] = []
    for sibling in data_files(path.parent):
        if sibling == path:
            continue
        try:
            other = read_document(DISK, sibling, str(sibling)).data
        except LoadError:
            continue
        if isinstance(other, dict) and _edition_key(other) < _edition_key(data):
            found.append(other)
    return max(found, key=_edition_key, default=None)


def review_edition(
    document: Document,
    rubrics: dict[str, Any],
    *,
    today: dt.date,
    require_reply: bool = False,
    previous: dict[str, Any] | None = None,
) -> EditionReview:
    """One edition's worklist: its document checked as if it were published, then the
    reviewer's notices."""
    data = document.data
    if not isinstance(data, dict):
        problems, _ = check_assessment(document, rubrics, today=today)
        return _unreadable(document.display, problems)
    status = data.get("status")
    as_published = Document(
        document.path, document.display, document.text, {**data, "status": "published"}
    )
    problems, _ = check_assessment(as_published, rubrics, today=today, require_reply=require_reply)
    items = [ReviewItem("blocker", p) for p in problems if p.severity == "error"]
    items += [ReviewItem("blocker", p) for p in _carried_over(document, data, previous)]
    items += [ReviewItem("notice", p) for p in _notices(document, data, require_reply)]
    jurisdiction = data.get("jurisdiction")
    code = jurisdiction.get("code") if isinstance(jurisdiction, dict) else None
    answers = data.get("answers")
    reverify = (
        sum(isinstance(a, dict) and bool(a.get("reverify")) for a in answers.values())
        if isinstance(answers, dict)
        else 0
    )
    edition = data.get("edition")
    return EditionReview(
        document.display,
        code if isinstance(code, str) else None,
        None if edition is None else str(edition),
        status if isinstance(status, str) else None,
        tuple(sorted(items, key=lambda item: item.problem)),
        reverify,
    )


ANSWER_KINDS = ("level", "not_found", "na", "insufficient")


def _kind(answer: Any) -> str | None:
    if not isinstance(answer, dict):
        return None
    return next((k for k in ANSWER_KINDS if k in answer), None)


def _carried_over(
    document: Document, data: dict[str, Any], previous: dict[str, Any] | None
) -> list[Problem]:
    """Answers whose kind changed since the previous edition but that still carry its
    evidence or notes word for word: they belonged to the old answer (a level switched to
    not_found keeps the sources that credited the government)."""
    if previous is None or not isinstance(data.get("answers"), dict):
        return []
    found = Findings(document)
    before: dict[str, Any] = previous.get("answers") or {}
    for key, answer in data["answers"].items():
        old = before.get(key)
        kind, old_kind = _kind(answer), _kind(old)
        if kind is None or old_kind is None or kind == old_kind:
            continue
        assert isinstance(answer, dict) and isinstance(old, dict)
        stale = [
            name
            for name in ("evidence", "notes")
            if answer.get(name) and answer.get(name) == old.get(name)
        ]
        if stale:
            found.error(
                ("answers", key, stale[0]),
                phrase(
                    "worklist.carried_over",
                    key=key,
                    old=old_kind,
                    new=kind,
                    previous=str(previous.get("edition", "")),
                    fields=", ".join(stale),
                ),
                phrase("worklist.carried_over.hint"),
                code="carried-over",
            )
    return found.problems


def _notices(document: Document, data: dict[str, Any], require_reply: bool) -> list[Problem]:
    found = Findings(document)
    reply = data.get("right_of_reply")
    if not require_reply and (reply is None or reply.get("requested") is False):
        found.warning(
            ("right_of_reply",) if reply is not None else ("status",),
            phrase("worklist.reply.not_requested"),
            phrase("problem.reply.required.hint"),
            code="right-of-reply",
        )
    as_of = _date(data.get("as_of"))
    answers = data.get("answers") if isinstance(data.get("answers"), dict) else {}
    for key, answer in (answers or {}).items():
        if not isinstance(answer, dict):
            continue
        for index, source in enumerate(answer.get("evidence") or []):
            published = _date(source.get("published")) if isinstance(source, dict) else None
            if as_of and published and (as_of - published).days > 365 * STALE_YEARS:
                found.warning(
                    ("answers", key, "evidence", index, "published"),
                    phrase(
                        "worklist.source.stale",
                        key=key,
                        published=str(published),
                        as_of=str(as_of),
                        years=(as_of - published).days // 365,
                    ),
                    phrase("worklist.source.stale.hint"),
                    code="stale-source",
                )
    return found.problems


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _unreadable(display: str, problems: Sequence[Problem]) -> EditionReview:
    items = tuple(ReviewItem("blocker", p) for p in problems if p.severity == "error")
    return EditionReview(display, None, None, None, items)


def _expand(paths: Sequence[Path]) -> list[Path]:
    from scorecard.workspace import expand_paths

    return expand_paths(paths)
