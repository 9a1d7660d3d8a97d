"""What the templates see: a result or a rubric as plain, display-ready data in one language.

Numbers and dates are formatted here for the language (decimal comma, dates in words), and
every label comes from the i18n catalog, so templates only lay things out. Analyst text stays
raw here: the templates escape it (HTML autoescape, Markdown `md_*` filters).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from scorecard.i18n import Translator
from scorecard.model import Display, Indicator, Rubric, Source, localize
from scorecard.render import words
from scorecard.render.text import is_http
from scorecard.scoring import (
    Bounds,
    Counts,
    IndicatorResult,
    PillarResult,
    Result,
    display,
    shown,
)

View = dict[str, Any]


def weight(value: Fraction, t: Translator) -> str:
    """A weight, level value or band limit as written, without trailing zeros: 1.5, 2, 0.25."""
    rounded = display(value, 4) or Decimal(0)
    return t.number(Decimal(format(rounded.normalize(), "f")))


def score(value: Fraction | None, t: Translator) -> str:
    """A level value on the method's 0-100 scale (one decimal): a level value is not a score."""
    return t.number(display(value))


def shown_score(value: Fraction | None, t: Translator, rule: Display) -> str:
    """A score (or mean) shown by the rubric's display rule."""
    return t.number(shown(value, rule))


def _bounds(found: Bounds | None, t: Translator, rule: Display, *, always: bool) -> View:
    """Bounds as the templates show them: "between 31.2 and 58.0" and what they assume; for
    a pillar nothing when no answer is missing (the score is exact), for the overall score
    `always` says so in two words."""
    if found is None or (not found.missing and not always):
        return {"text": "", "note": ""}
    return {"text": words.bounds(t, found, rule), "note": words.bounds_note(t, found)}


def _band_labels(rubric: Rubric, lang: str) -> dict[str, str]:
    return {band.id: localize(band.label, lang) for band in rubric.bands}


def _flags(counts: Counts, t: Translator) -> list[str]:
    pairs = (
        ("not_found", counts.not_found),
        ("insufficient", counts.insufficient),
        ("unanswered", counts.unanswered),
        ("na", counts.na),
    )
    return [t(f"flags.{key}", count=count) for key, count in pairs if count]


def _source(source: Source, t: Translator) -> View:
    return {
        "title": source.title,
        "url": source.url if is_http(source.url) else None,
        "publisher": source.publisher or "",
        "published": t.date(source.published),
        "published_iso": source.published or "",
        "accessed": t.date(source.accessed),
        "accessed_iso": source.accessed or "",
        "locator": source.locator or "",
        "quote": source.quote or "",
    }


def _indicator(item: IndicatorResult, t: Translator, lang: str) -> View:
    indicator, answer = item.indicator, item.answer
    level = indicator.level(answer.level) if answer.level else None
    if answer.kind == "not_found":
        level = indicator.lowest
    return {
        "id": indicator.id,
        "anchor": f"indicator-{indicator.id}",
        "short": localize(indicator.short, lang),
        "question": localize(indicator.question, lang),
        "weight": weight(indicator.weight, t),
        "kind": answer.kind,
        "kind_label": t(f"kind.{answer.kind}"),
        "kind_note": "" if answer.kind == "level" else t(f"kind_note.{answer.kind}"),
        "flagged": answer.kind != "level",
        "statement": answer.text or "",
        "level": level.id if level is not None else "",
        "descriptor": localize(level.descriptor, lang) if level is not None else "",
        "value": score(item.value, t) if item.value is not None else "",
        "scored": item.value is not None,
        "evidence": [_source(s, t) for s in answer.evidence],
        "evidence_short": item.evidence_ok is False,
        "notes": answer.notes or "",
        "confidence": t(f"confidence.{answer.confidence}") if answer.confidence else "",
        "reverify": answer.reverify,
    }


def _pillar(item: PillarResult, rubric: Rubric, t: Translator, lang: str) -> View:
    bands = _band_labels(rubric, lang)
    rule = rubric.display
    title = localize(item.pillar.title, lang)
    return {
        "id": item.id,
        "anchor": f"pillar-{item.id}",
        "title": title,
        "description": localize(item.pillar.description, lang),
        "weight": weight(item.pillar.weight, t),
        "aggregation": item.pillar.aggregation,
        "aggregation_label": t(f"aggregation.{item.pillar.aggregation}"),
        "min_note": t("aggregation.min_note", mean=shown_score(item.mean, t, rule))
        if item.pillar.aggregation == "min" and item.status == "scored"
        else "",
        "status": item.status,
        "score": t.score(item.status, item.score, rule=rule),
        "bounds": _bounds(item.bounds, t, rule, always=False),
        "band": item.band or "",
        "band_label": bands.get(item.band or "", ""),
        "coverage": t.share(item.coverage),
        "reason": words.reason(t, item.reason, overall=False),
        "flags": _flags(item.counts, t),
        "caption": t("pillar.indicators_caption", title=title),
        "indicators": [_indicator(i, t, lang) for i in item.indicators],
    }


def _people(people: Any, t: Translator) -> list[View]:
    return [
        {
            "name": p.name,
            "affiliation": p.affiliation or "",
            "verdict": t(f"verdict.{p.verdict}") if p.verdict else "",
            "date": t.date(p.date),
            "date_iso": p.date or "",
        }
        for p in people
    ]


def scorecard_view(result: Result, t: Translator, lang: str) -> View:
    """A result as display-ready data for the scorecard templates."""
    a, rubric = result.assessment, result.rubric
    name = localize(a.name, lang)
    counts = result.counts
    reply = a.right_of_reply
    return {
        "code": a.code,
        "name": name,
        "edition": a.edition,
        "as_of": t.date(a.as_of),
        "as_of_iso": a.as_of,
        "status": a.status,
        "status_label": t(f"status.{a.status}"),
        "banner": t(f"banner.{a.status}") if a.status in ("example", "draft", "in-review") else "",
        "title": t("scorecard.title", name=name, edition=a.edition),
        "rubric_title": localize(rubric.title, lang),
        "rubric_ref": rubric.ref,
        "summary": localize(a.summary, lang),
        "overall": {
            "status": result.status,
            "score": t.score(result.status, result.overall, rule=rubric.display),
            "out_of": t("display.out_of", max=weight(rubric.display.scale, t)),
            "bounds": _bounds(result.bounds, t, rubric.display, always=True),
            "band": result.band or "",
            "band_label": _band_labels(rubric, lang).get(result.band or "", ""),
            "coverage": t.share(result.coverage),
            "reason": words.reason(t, result.reason, overall=True),
        },
        "counts": t(
            "overall.counts",
            scored=counts.scored,
            not_found=counts.not_found,
            na=counts.na,
            insufficient=counts.insufficient,
            unanswered=counts.unanswered,
        ),
        "evidence_coverage": t.share(result.evidence_coverage)
        if result.evidence_coverage is not None
        else "",
        "pillars": [_pillar(p, rubric, t, lang) for p in result.pillars],
        "assessors": _people(a.assessors, t),
        "reviewers": _people(a.reviewers, t),
        "right_of_reply": None
        if reply is None
        else {
            "requested": t("reply.requested", date=t.date(reply.requested))
            if reply.requested
            else t("reply.not_requested"),
            "received": t("reply.received", date=t.date(reply.received))
            if reply.received
            else (
                t("reply.none_by_deadline", date=t.date(reply.deadline))
                if reply.response == "none" and reply.deadline
                else (t("reply.not_received") if reply.requested else "")
            ),
            "deadline": t("reply.deadline", date=t.date(reply.deadline))
            if reply.deadline and reply.response != "none"
            else "",
            "summary": localize(reply.summary, lang),
        },
        "published": t("corrections.published", date=t.date(a.published)) if a.published else "",
        "corrections": [
            {
                "date": t.date(c.date),
                "date_iso": c.date,
                "change": localize(c.change, lang),
                "reason": localize(c.reason, lang),
            }
            for c in a.corrections
        ],
        "provenance": {
            "tool": t("provenance.tool", version=result.provenance.tool_version),
            "rubric": t(
                "provenance.rubric",
                ref=result.provenance.rubric,
                sha=result.provenance.rubric_sha256,
            ),
            "assessment": t("provenance.assessment", sha=result.provenance.assessment_sha256),
            "rubric_sha256": result.provenance.rubric_sha256,
            "assessment_sha256": result.provenance.assessment_sha256,
        },
    }


def _method_indicator(indicator: Indicator, t: Translator, lang: str) -> View:
    if indicator.na_allowed:
        na = t(
            "method.na_allowed_justified"
            if indicator.na_requires_justification
            else "method.na_allowed"
        )
    else:
        na = t("method.na_not_allowed")
    evidence_key = "method.evidence_url" if indicator.url_required else "method.evidence_plain"
    return {
        "id": indicator.id,
        "anchor": f"indicator-{indicator.id}",
        "short": localize(indicator.short, lang),
        "question": localize(indicator.question, lang),
        "guidance": localize(indicator.guidance, lang),
        "weight": weight(indicator.weight, t),
        "levels": [
            {
                "id": level.id,
                "value": weight(level.value, t),
                "descriptor": localize(level.descriptor, lang),
            }
            for level in indicator.levels
        ],
        "na_rule": na,
        "evidence_rule": t(evidence_key, count=max(indicator.min_sources, 1)),
        "recommendation": localize(indicator.recommendation, lang),
        "anchors": list(indicator.anchors),
        "change": "" if indicator.change == "unchanged" else t(f"method.change.{indicator.change}"),
        "replaces": t("method.replaces", id=indicator.replaces) if indicator.replaces else "",
        "levels_caption": t("method.levels_caption", id=indicator.id),
    }


def methodology_view(rubric: Rubric, t: Translator, lang: str) -> View:
    """A rubric as display-ready data for the methodology templates."""
    title = localize(rubric.title, lang)
    minimum = t.share(rubric.min_coverage)
    return {
        "title": t("method.title", title=title),
        "rubric_title": title,
        "ref": rubric.ref,
        "id": rubric.id,
        "version": t("method.version", version=rubric.version),
        "description": localize(rubric.description, lang),
        "source": localize(rubric.source, lang),
        "previous": t("method.previous", ref=rubric.previous) if rubric.previous else "",
        "min_coverage": minimum,
        "bands": [
            {
                "id": band.id,
                "label": localize(band.label, lang),
                "range": f"{weight(band.min, t)}–{weight(band.max, t)}",
                "description": localize(band.description, lang),
            }
            for band in rubric.bands
        ],
        "formula": [
            t("method.formula_1"),
            t("method.formula_2"),
            t("method.formula_3", minimum=minimum),
            t("method.formula_4"),
            t(
                "method.formula_5",
                places=t(f"display.places.{rubric.display.places}"),
                rounding=t(f"display.rounding.{rubric.display.rounding}"),
                max=weight(rubric.display.scale, t),
            ),
        ],
        "pillars": [
            {
                "id": pillar.id,
                "anchor": f"pillar-{pillar.id}",
                "title": localize(pillar.title, lang),
                "description": localize(pillar.description, lang),
                "weight": weight(pillar.weight, t),
                "weight_rationale": localize(pillar.weight_rationale, lang),
                "aggregation": pillar.aggregation,
                "aggregation_label": t(f"aggregation.{pillar.aggregation}"),
                "aggregation_rationale": localize(pillar.aggregation_rationale, lang),
                "indicator_count": t("method.indicator_count", count=len(pillar.indicators)),
                "indicators": [_method_indicator(i, t, lang) for i in pillar.indicators],
            }
            for pillar in rubric.pillars
        ],
        "sha256": rubric.sha256,
    }
