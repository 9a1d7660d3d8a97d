"""Checks of an assessment: its schema, its dates, its rubric, and every answer against
the rubric's indicators and evidence rules."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from typing import Any

from scorecard.errors import Problem, Severity, phrase
from scorecard.loading import Document
from scorecard.model import Assessment, Indicator, Rubric, assessment_from_data
from scorecard.schemas.messages import schema_problems
from scorecard.schemas.validators import schema_errors
from scorecard.validation.findings import Findings, check_layout, top_level_problem
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
    errors = schema_errors("assessment", document.data)
    if errors:
        return schema_problems(document, errors), None
    found = Findings(document)
    data = document.data
    check_layout(
        document,
        found,
        folder=data["jurisdiction"]["code"],
        stem=str(data["edition"]),
        kind="assessment",
    )
    _check_dates(data, found, today)
    if data["status"] == "published":
        check_sign_off(data, found, today, require_reply)
    check_limits(data, found, "assessment")  # Markdown every output can render
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
    else:
        _check_answers(data, rubric, found)
    assessment = None
    if not any(p.severity == "error" for p in found.problems):
        assessment = assessment_from_data(data, document.display)
    return found.problems, assessment


def _check_answers(data: dict[str, Any], rubric: Rubric, found: Findings) -> None:
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
                    phrase(
                        "problem.answer.levels.hint",
                        levels=", ".join(lv.id for lv in indicator.levels),
                    ),
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
                    phrase("problem.evidence.url_scheme.hint"),
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

    unanswered = [i for i in ids if i not in answers]
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

    check(("as_of",), data["as_of"])
    for group in ("assessors", "reviewers"):
        for index, person in enumerate(data.get(group, [])):
            check((group, index, "date"), person.get("date"))
    check(("published",), data.get("published"))
    reply = data.get("right_of_reply") or {}
    for key in ("requested", "received"):
        check(("right_of_reply", key), reply.get(key))
    for index, correction in enumerate(data.get("corrections", [])):
        check(("corrections", index, "date"), correction.get("date"))
    for key, answer in data["answers"].items():
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
