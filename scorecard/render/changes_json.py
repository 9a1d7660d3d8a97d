"""The diff document (schema: diff): a change set as JSON. Its words stay in the default
language, so it reads the same whatever language names and titles are in."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

from scorecard.diff import AssessmentDiff, ChangeSet, Contribution, IndicatorChange, ScoreChange
from scorecard.diff_records import RecordValue
from scorecard.i18n import DEFAULT_LANGUAGE, Translator, translator
from scorecard.model import Display, RightOfReply, localize
from scorecard.render.changes import contribution_label, explain
from scorecard.render.registry import Options
from scorecard.render.result_json import exact as _exact
from scorecard.render.result_json import json_number
from scorecard.scoring import display, percent, shown

DIFF_FORMAT = "transparency-scorecard/diff@1"


def _json_words() -> Translator:
    """The JSON's words stay in the default language: only names and titles follow `lang`."""
    return translator(DEFAULT_LANGUAGE)


def _side(
    status: str | None,
    value: Fraction | None,
    band: str | None,
    cov: Fraction | None,
    rule: Display,
) -> Any:
    if status is None:
        return None
    return {
        "status": status,
        "score": json_number(shown(value, rule)) if status == "scored" else None,
        "score_exact": _exact(value) if status == "scored" else None,
        "band": band,
        "coverage": json_number(percent(cov)),
    }


def _score_change(change: ScoreChange) -> dict[str, Any]:
    return {
        "old": _side(
            change.old_status, change.old, change.old_band, change.old_coverage, change.display
        ),
        "new": _side(
            change.new_status, change.new, change.new_band, change.new_coverage, change.display
        ),
        "delta": json_number(change.shown_delta),
        "delta_exact": _exact(change.delta),
    }


def _contribution(line: Contribution, lang: str, rule: Display) -> dict[str, Any]:
    return {
        "kind": line.kind,
        "pillar": line.pillar,
        "indicator": line.indicator,
        "label": contribution_label(line, _json_words(), lang),
        "amount": json_number(shown(line.amount, rule)),  # rounded on its own
        "amount_exact": _exact(line.amount),
        "minimum_old": list(line.minimum_old),
        "minimum_new": list(line.minimum_new),
    }


def _answer(kind: str | None, level: str | None, value: Fraction | None) -> Any:
    if kind is None:
        return None
    return {
        "kind": kind,
        "level": level,
        "value": json_number(display(value)),
        "value_exact": _exact(value),
    }


def _indicator(change: IndicatorChange, lang: str) -> dict[str, Any]:
    return {
        "id": change.id,
        "old_id": change.old_id,
        "short": localize(change.short, lang),
        "rubric_mark": change.rubric_mark,
        "comparable": change.comparable,
        "old": _answer(change.old_kind, change.old_level, change.old_value),
        "new": _answer(change.new_kind, change.new_level, change.new_value),
        "evidence_added": list(change.evidence_added),
        "evidence_removed": list(change.evidence_removed),
        "evidence_updated": list(change.evidence_updated),
        "notes_changed": change.notes_changed,
    }


def _edition(entry: AssessmentDiff, side: str) -> Any:
    if getattr(entry, f"{side}_edition") is None:
        return None
    return {
        "edition": getattr(entry, f"{side}_edition"),
        "as_of": getattr(entry, f"{side}_as_of"),
        "path": getattr(entry, f"{side}_path"),
        "rubric": getattr(entry, f"{side}_rubric"),
        "status": getattr(entry, f"{side}_assessment_status"),
    }


def record_data(value: RecordValue | None) -> str | None:
    """One side of an edition's record as a short data-like statement (ids, names, ISO
    dates), the same in every language."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, RightOfReply):
        parts = [
            f"requested {value.requested or 'no'}",
            f"deadline {value.deadline or '-'}",
            f"response {value.response or ('received' if value.received else '-')}",
        ]
        if value.received:
            parts.append(f"received {value.received}")
        return ", ".join(parts)
    return "; ".join(f"{r.name} ({r.verdict or '-'}, {r.date or '-'})" for r in value)


def entry_to_dict(entry: AssessmentDiff, lang: str = "en") -> dict[str, Any]:
    return {
        "code": entry.code,
        "name": localize(entry.name, lang),
        "change": entry.change,
        "old": _edition(entry, "old"),
        "new": _edition(entry, "new"),
        "rubric_changed": entry.rubric_changed,
        "not_comparable": list(entry.not_comparable),
        "removed_indicators": list(entry.removed_indicators),
        "baseline": entry.baseline,
        "records": [
            {
                "field": r.field,
                "old": record_data(r.old),
                "new": record_data(r.new),
                "added": [f"{c.date}: {next(iter(c.change.values()), '')}" for c in r.added],
            }
            for r in entry.records
        ],
        "summary": explain(entry, _json_words(), lang, 3),
        "overall": _score_change(entry.overall),
        "contributions": [_contribution(c, lang, entry.display) for c in entry.contributions],
        "pillars": [
            {
                "id": p.id,
                "title": localize(p.title, lang),
                "aggregation": p.aggregation,
                "score": _score_change(p.score),
                "contributions": [_contribution(c, lang, entry.display) for c in p.contributions],
                "indicators": [_indicator(i, lang) for i in p.indicators if i.changed],
            }
            for p in entry.pillars
        ],
    }


def diff_to_dict(changes: ChangeSet, lang: str = "en") -> dict[str, Any]:
    """The change set as JSON-ready data in a stable key order (schema: diff)."""
    counts = {kind: 0 for kind in ("added", "removed", "changed", "unchanged")}
    for entry in changes.entries:
        counts[entry.change] += 1
    return {
        "format": DIFF_FORMAT,
        "old": changes.old_label,
        "new": changes.new_label,
        "counts": counts,
        "entries": [entry_to_dict(e, lang) for e in changes.entries],
    }


def diff_to_json(changes: ChangeSet, lang: str = "en") -> str:
    return json.dumps(diff_to_dict(changes, lang), ensure_ascii=False, indent=2) + "\n"


def diff_json(changes: ChangeSet, options: Options) -> str:
    """The `diff` JSON document."""
    return diff_to_json(changes, options.lang)
