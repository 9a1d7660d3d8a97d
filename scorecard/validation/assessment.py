"""Checks of an assessment: its schema, its dates, its rubric, and every answer against
the rubric's indicators and evidence rules."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from scorecard.errors import Phrase, Problem, Severity, phrase
from scorecard.loading import Document
from scorecard.model import Assessment, Indicator, Rubric, assessment_from_data
from scorecard.schemas import load_schema
from scorecard.schemas.messages import schema_problems
from scorecard.schemas.validators import schema_errors
from scorecard.validation.findings import (
    Broken,
    Findings,
    check_layout,
    checkable_part,
    top_level_problem,
)
from scorecard.validation.indentation import find_misplaced
from scorecard.validation.sign_off import check_sign_off
from scorecard.validation.texts import check_limits

QUOTE_WARN_CHARS = 400


def check_assessment(
    document: Document,
    rubrics: dict[str, Rubric],
    *,
    today: dt.date,
    broken_rubrics: Iterable[str] = (),
    require_reply: bool = False,
) -> tuple[list[Problem], Assessment | None]:
    """Problems in an assessment document, and the Assessment when it has no errors.
    `require_reply`: a published edition must record a right of reply (the workspace's
    `right_of_reply` setting)."""
    top = top_level_problem(document)
    if top is not None:
        return [top], None
    if "answers" in document.data and document.data["answers"] is None:
        # `answers:` with nothing under it (a new skeleton): no answers yet, for every reader.
        document.data["answers"] = {}
    errors = schema_errors("assessment", document.data)
    if errors:
        # The parts the schema accepts are still checked: one malformed answer or an unknown
        # field must not hide the problems of the rest of the file.
        ref = document.data.get("rubric")
        rubric = rubrics.get(ref) if isinstance(ref, str) else None
        ids = [i.id for i in rubric.indicators] if rubric else []
        misplaced = find_misplaced(document, load_schema("assessment")["properties"], ids)
        problems = [
            p
            for p in schema_problems(document, errors)
            if (p.line, p.column) not in misplaced.hidden
        ]
        _hint_empty_levels(document, rubrics, problems)
        problems = sorted(misplaced.problems + problems, key=lambda p: (p.line, p.column))
        checkable = checkable_part(document.data, errors)
        if checkable is None:
            return problems, None
        data, broken = checkable
        broken = Broken(broken.fields, broken.answers | misplaced.answered)
        found = Findings(document)
        _check_content(document, data, rubrics, found, today, broken_rubrics, require_reply, broken)
        seen = {(p.line, p.column, repr(p.message)) for p in problems}
        extra = [p for p in found.problems if (p.line, p.column, repr(p.message)) not in seen]
        return problems + extra, None
    found = Findings(document)
    data = document.data
    _check_content(document, data, rubrics, found, today, broken_rubrics, require_reply, None)
    assessment = None
    if not any(p.severity == "error" for p in found.problems):
        assessment = assessment_from_data(data, document.display)
    return found.problems, assessment


def _check_content(
    document: Document,
    data: dict[str, Any],
    rubrics: dict[str, Rubric],
    found: Findings,
    today: dt.date,
    broken_rubrics: Iterable[str],
    require_reply: bool,
    broken: Broken | None,
) -> None:
    """Every check after the schema's, on `data`; with `broken` (what the schema refused),
    the checks that need a refused field are skipped."""
    fields = broken.fields if broken else frozenset()

    def intact(*names: str) -> bool:
        return all(name in data and name not in fields for name in names)

    if intact("jurisdiction", "edition"):
        check_layout(
            document,
            found,
            folder=data["jurisdiction"]["code"],
            stem=str(data["edition"]),
            kind="assessment",
        )
    _check_dates(data, found, today)
    if intact("status", "as_of") and data["status"] == "published" and not fields:
        check_sign_off(data, found, today, require_reply)
    check_limits(data, found, "assessment")  # Markdown every output can render
    if not intact("rubric"):
        return
    rubric = rubrics.get(data["rubric"])
    if rubric is None:
        if data["rubric"] in set(broken_rubrics):
            found.error(
                ("rubric",),
                phrase("problem.rubric.broken", rubric=data["rubric"]),
                phrase("problem.rubric.broken.hint"),
            )
        else:
            known = sorted(rubrics)
            close = difflib.get_close_matches(data["rubric"], known, n=1)
            hint = (
                phrase("problem.did_you_mean", name=close[0])
                if close
                else (
                    phrase("problem.rubric.known.hint", rubrics=", ".join(known))
                    if known
                    else phrase("problem.rubric.none.hint")
                )
            )
            found.error(
                ("rubric",), phrase("problem.rubric.not_found", rubric=data["rubric"]), hint
            )
    elif intact("answers", "status"):
        _check_answers(data, rubric, found, broken.answers if broken else frozenset())


def _hint_empty_levels(
    document: Document, rubrics: dict[str, Rubric], problems: list[Problem]
) -> None:
    """An empty `level:` (an uncommented stub) gets its indicator's levels as its hint."""
    data = document.data
    rubric = rubrics.get(data.get("rubric")) if isinstance(data.get("rubric"), str) else None
    answers = data.get("answers")
    if rubric is None or not isinstance(answers, dict):
        return
    for key, answer in answers.items():
        indicator = rubric.indicator(key) if isinstance(key, str) else None
        if indicator is None or not isinstance(answer, dict) or answer.get("level", 0) is not None:
            continue
        where = document.locate(("answers", key, "level"))
        levels = ", ".join(level.id for level in indicator.levels)
        hint = phrase("problem.answer.levels.hint", levels=levels)
        for index, problem in enumerate(problems):
            if (problem.line, problem.column) == where:
                problems[index] = replace(problem, hint=hint)


def _check_answers(
    data: dict[str, Any], rubric: Rubric, found: Findings, malformed: frozenset[str] = frozenset()
) -> None:
    """Every answer against its indicator; `malformed`: answers the schema refused (not
    checked here, but answered)."""
    answers: dict[str, Any] = data["answers"]
    ids = [ind.id for ind in rubric.indicators]
    two_sided = rubric.evidence_rule == "two-sided"
    accusation: Severity = "error" if data["status"] == "published" else "warning"
    _check_na_rules(answers, rubric, found, accusation)
    for key, answer in answers.items():
        path = ("answers", key)
        indicator = rubric.indicator(key)
        if indicator is None:
            close = difflib.get_close_matches(key, ids, n=1)
            found.error(
                path,
                phrase("problem.answer.not_indicator", key=key, rubric=rubric.ref),
                phrase("problem.did_you_mean_quoted", name=close[0]) if close else None,
                key=True,
            )
            continue
        evidence = answer.get("evidence", [])
        if "level" in answer:
            level = indicator.level(answer["level"])
            if level is None:
                found.error(
                    (*path, "level"),
                    phrase("problem.answer.not_level", level=answer["level"], key=key),
                    _levels_hint(indicator, answer["level"]),
                )
            elif level.value > indicator.lowest.value:
                # A draft may still be gathering evidence: warn there, refuse everywhere else.
                severity: Severity = "warning" if data["status"] == "draft" else "error"
                _check_evidence(path, indicator, evidence, found, severity)
            elif two_sided:
                # The lowest level accuses the government: under a two-sided rule it needs
                # sources too (an error once published; a warning, which --strict refuses,
                # before).
                _check_evidence(path, indicator, evidence, found, accusation, lowest=True)
        if "not_found" in answer and two_sided and not answer.get("searched"):
            found.add(
                accusation,
                (*path, "not_found"),
                phrase("problem.evidence.searched", key=key),
                phrase("problem.evidence.searched.hint"),
                code="evidence",
            )
        if "na" in answer:
            if not indicator.na_allowed:
                found.error(
                    (*path, "na"),
                    phrase("problem.answer.na_not_allowed", key=key),
                    phrase("problem.answer.na_not_allowed.hint"),
                )
            elif indicator.na_requires_justification and not answer["na"].strip():
                found.error((*path, "na"), phrase("problem.answer.na_justification", key=key))
        for index, source in enumerate(evidence):
            url = source.get("url")
            if url is not None and not url.lower().startswith(("http://", "https://")):
                found.error(
                    (*path, "evidence", index, "url"),
                    phrase("problem.evidence.url_scheme", url=url[:60]),
                    _url_hint(url),
                )
            if len(source.get("quote") or "") > QUOTE_WARN_CHARS:
                found.warning(
                    (*path, "evidence", index, "quote"),
                    phrase("problem.evidence.long_quote"),
                )
            published, accessed = source.get("published"), source.get("accessed")
            if (
                published
                and accessed
                and _date(accessed)
                and _date(published)
                and accessed < published
            ):
                found.warning(
                    (*path, "evidence", index, "accessed"),
                    phrase("problem.evidence.accessed_early"),
                )
        if answer.get("reverify") and data["status"] == "published":
            found.error(
                (*path, "reverify"),
                phrase("problem.answer.reverify", key=key),
                phrase("problem.answer.reverify.hint"),
            )

    unanswered = [i for i in ids if i not in answers and i not in malformed]
    status = data["status"]
    if unanswered:
        listed = ", ".join(unanswered[:8]) + (" ..." if len(unanswered) > 8 else "")
        if status == "published":
            found.error(
                ("answers",),
                phrase("problem.published.unanswered", count=len(unanswered), listed=listed),
                key=True,
            )
        elif status != "draft":
            found.warning(
                ("answers",),
                phrase("problem.unanswered", count=len(unanswered), listed=listed),
                key=True,
            )
    if status == "published":
        reviewers = data.get("reviewers", [])
        if not any(r.get("verdict") == "approved" for r in reviewers):
            found.error(
                ("status",),
                phrase("problem.published.approval"),
                phrase("problem.published.approval.hint"),
            )
        if not data.get("assessors"):
            found.error(("status",), phrase("problem.published.assessors"))


def _check_evidence(
    path: tuple[str | int, ...],
    indicator: Indicator,
    evidence: list[dict[str, Any]],
    found: Findings,
    severity: Severity,
    *,
    lowest: bool = False,
) -> None:
    """A scored answer's sources against the indicator's rule; `lowest`: the answer gives
    the lowest level, checked under a two-sided rule (then at least one source)."""
    min_sources = max(indicator.min_sources, 1) if lowest else indicator.min_sources
    if len(evidence) < min_sources:
        key = "problem.evidence.too_few_lowest" if lowest else "problem.evidence.too_few"
        found.add(
            severity,
            path,
            phrase(key, key=path[-1], count=len(evidence), needed=min_sources),
            phrase("problem.evidence.too_few.hint"),
            key=True,
        )
    elif indicator.url_required and not any(
        str(s.get("url", "")).lower().startswith(("http://", "https://")) for s in evidence
    ):
        found.add(
            severity,
            (*path, "evidence"),
            phrase("problem.evidence.url_required", key=path[-1]),
            phrase("problem.evidence.url_required.hint"),
        )


def _levels_hint(indicator: Indicator, written: str) -> Phrase:
    """The indicator's levels, after the nearest one when `written` is a near miss."""
    ids = [level.id for level in indicator.levels]
    close = difflib.get_close_matches(written, ids, n=1, cutoff=0.6)
    if close:
        return phrase("problem.answer.level_near.hint", name=close[0], levels=", ".join(ids))
    return phrase("problem.answer.levels.hint", levels=", ".join(ids))


def _url_hint(url: str) -> Phrase:
    """How to fix a URL without http(s): "www.example.org" needs only its scheme."""
    bare = url.strip()
    host = bare.split("/", 1)[0]
    if bare.lower().startswith("www.") or ("." in host and " " not in bare and ":" not in host):
        return phrase("problem.evidence.url_add_scheme.hint", url=f"https://{bare}"[:80])
    return phrase("problem.evidence.url_scheme.hint")


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _check_dates(data: dict[str, Any], found: Findings, today: dt.date) -> None:
    def check(path: tuple[str | int, ...], value: Any) -> None:
        if not isinstance(value, str):
            return
        parsed = _date(value)
        if parsed is None:
            found.error(
                path,
                phrase("problem.date.invalid", value=value),
                phrase("problem.date.invalid.hint"),
            )
        elif parsed > today:
            found.error(path, phrase("problem.date.future", value=value))

    check(("as_of",), data.get("as_of"))
    for group in ("assessors", "reviewers"):
        for index, person in enumerate(data.get(group, [])):
            check((group, index, "date"), person.get("date"))
    check(("published",), data.get("published"))
    reply = data.get("right_of_reply") or {}
    for key in ("requested", "received"):
        check(("right_of_reply", key), reply.get(key))
    for index, correction in enumerate(data.get("corrections", [])):
        check(("corrections", index, "date"), correction.get("date"))
    for key, answer in (data.get("answers") or {}).items():
        for index, source in enumerate(answer.get("evidence", [])):
            for date_key in ("published", "accessed"):
                check(("answers", key, "evidence", index, date_key), source.get(date_key))
        for index, search in enumerate(answer.get("searched", [])):
            check(("answers", key, "searched", index, "date"), search.get("date"))


def _check_na_rules(
    answers: dict[str, Any], rubric: Rubric, found: Findings, severity: Severity
) -> None:
    """A pillar whose na rule is all-or-none: every indicator na, or none (scoring counts a
    partial na there as missing, so it cannot drop a weakest link)."""
    for pillar in rubric.pillars:
        if pillar.na_rule != "all-or-none":
            continue
        na = [i.id for i in pillar.indicators if "na" in (answers.get(i.id) or {})]
        if na and len(na) < len(pillar.indicators):
            found.add(
                severity,
                ("answers", na[0], "na"),
                phrase(
                    "problem.answer.na_partial",
                    pillar=pillar.id,
                    count=len(na),
                    total=len(pillar.indicators),
                    listed=", ".join(na),
                ),
                phrase("problem.answer.na_partial.hint"),
                code="na-rule",
            )
