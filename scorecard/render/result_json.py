"""The result document: a Result as plain data in a stable key order (schema: result)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from fractions import Fraction
from json.encoder import encode_basestring
from typing import Any

from scorecard.model import Display, localize
from scorecard.render.registry import Options
from scorecard.scoring import (
    Bounds,
    Counts,
    IndicatorResult,
    PillarResult,
    Reason,
    Result,
    ResultStream,
    display,
    percent,
    plain,
    shown,
)

RESULT_FORMAT = "transparency-scorecard/result@1"
SCORES_FORMAT = "transparency-scorecard/scores@1"


def json_array(items: Iterable[str], depth: int = 0) -> Iterator[str]:
    """A JSON array, a chunk at a time, from its elements' `json.dumps(..., indent=2)` texts:
    the same bytes as dumping the whole list with indent 2 at nesting `depth`, without ever
    holding the whole array in memory.

    Each element is indented at its line breaks, "\n" and nothing else: in such a text every
    other line break a string holds is escaped, except the ones JSON lets through raw (U+2028,
    U+2029, U+0085), which are inside strings, where an indent would change the text."""
    inner = "  " * (depth + 1)
    yield "["
    empty = True
    for index, text in enumerate(items):
        empty = False
        indented = inner + text.rstrip("\n").replace("\n", "\n" + inner)
        yield ("," if index else "") + "\n" + indented
    yield "]" if empty else "\n" + "  " * depth + "]"


def result_json(result: Result, lang: str = "en") -> str:
    """One result document as indented JSON text (no trailing newline)."""
    return dumps_indented(result_to_dict(result, lang))


class _Unusual(Exception):
    """A value `dumps_indented` leaves to the json module."""


def dumps_indented(data: Any) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, byte for byte, without the json
    module's pure-Python indenting encoder (a generator per container, several times slower):
    the documents hold only dicts with text keys, lists, text, numbers, booleans and null.
    Anything else (a tuple, a number type of its own) is left to json.dumps."""
    out: list[str] = []
    try:
        _dump(data, "\n", out)
    except _Unusual:
        return json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(out)


def _dump(value: Any, newline: str, out: list[str]) -> None:
    """`value` appended to `out`; `newline` is a line break and the current indentation."""
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float:
        out.append(_float(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        opening = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            out.append(opening + encode_basestring(key) + ": ")
            opening = "," + inner
            _dump(item, inner, out)
        out.append(newline + "}")
    elif kind is list:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        opening = "[" + inner
        for item in value:
            out.append(opening)
            opening = "," + inner
            _dump(item, inner, out)
        out.append(newline + "]")
    else:
        raise _Unusual


def _float(value: float) -> str:
    """A float as the json module writes it (NaN and the infinities as JavaScript's)."""
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


def json_number(value: Decimal | None) -> float | int | None:
    """A displayed number as JSON: an integer when it has no decimals, else a float."""
    if value is None:
        return None
    return (
        int(value)
        if value == value.to_integral_value() and value.as_tuple().exponent == 0
        else float(value)
    )


def exact(value: Fraction | None) -> str | None:
    """An exact value as a fraction's text ("83/2"), for checking what is shown."""
    return None if value is None else str(value)


def _reason(reason: Reason | None) -> dict[str, Any] | None:
    """The reason as its code and figures (percentages, as `coverage` is); no words."""
    if reason is None:
        return None
    return {
        "code": reason.code,
        "coverage": json_number(percent(reason.coverage)),
        "minimum": json_number(percent(reason.minimum)),
    }


def _counts(counts: Counts) -> dict[str, int]:
    return {
        "scored": counts.scored,
        "not_found": counts.not_found,
        "na": counts.na,
        "insufficient": counts.insufficient,
        "unanswered": counts.unanswered,
    }


def _indicator(result: IndicatorResult, lang: str) -> dict[str, Any]:
    answer = result.answer
    return {
        "id": result.id,
        "short": localize(result.indicator.short, lang),
        "weight": json_number(display(result.indicator.weight, 4)),
        "kind": answer.kind,
        "level": answer.level,
        "value": json_number(display(result.value)),
        "value_exact": exact(result.value),
        "evidence_ok": result.evidence_ok,
        "sources": len(answer.evidence),
        "reverify": answer.reverify,
    }


def _bounds(bounds: Bounds | None, rule: Display) -> dict[str, Any] | None:
    """Bounds as shown by the rubric's rule, exact values beside; None when not applicable."""
    if bounds is None:
        return None
    return {
        "low": json_number(shown(bounds.low, rule)),
        "high": json_number(shown(bounds.high, rule)),
        "low_exact": exact(bounds.low),
        "high_exact": exact(bounds.high),
        "missing": bounds.missing,
    }


def _pillar(result: PillarResult, lang: str, rule: Display) -> dict[str, Any]:
    return {
        "id": result.id,
        "title": localize(result.pillar.title, lang),
        "weight": json_number(display(result.pillar.weight, 4)),
        "aggregation": result.pillar.aggregation,
        "status": result.status,
        "score": json_number(shown(result.score, rule)),
        "score_exact": exact(result.score),
        "mean": json_number(shown(result.mean, rule)),
        "coverage": json_number(percent(result.coverage)),
        "band": result.band,
        "reason": _reason(result.reason),
        "bounds": _bounds(result.bounds, rule),
        "counts": _counts(result.counts),
        "indicators": [_indicator(i, lang) for i in result.indicators],
    }


def result_to_dict(result: Result, lang: str = "en") -> dict[str, Any]:
    """The result as JSON-ready data; numbers rounded once for display, exact values beside."""
    a, rule = result.assessment, result.rubric.display
    return {
        "format": RESULT_FORMAT,
        "jurisdiction": {"code": a.code, "name": localize(a.name, lang)},
        "edition": a.edition,
        "as_of": a.as_of,
        "status": a.status,
        "rubric": result.rubric.ref,
        "display": {
            "places": rule.places,
            "rounding": rule.rounding,
            "scale": json_number(plain(rule.scale)),
        },
        "overall": {
            "status": result.status,
            "score": json_number(shown(result.overall, rule)),
            "score_exact": exact(result.overall),
            "coverage": json_number(percent(result.coverage)),
            "band": result.band,
            "reason": _reason(result.reason),
            "bounds": _bounds(result.bounds, rule),
        },
        "counts": _counts(result.counts),
        "evidence_coverage": json_number(percent(result.evidence_coverage)),
        "pillars": [_pillar(p, lang, rule) for p in result.pillars],
        "provenance": {
            "tool_version": result.provenance.tool_version,
            "rubric": result.provenance.rubric,
            "rubric_sha256": result.provenance.rubric_sha256,
            "assessment_sha256": result.provenance.assessment_sha256,
        },
    }


def results_json(stream: ResultStream, options: Options) -> Iterator[str]:
    """The `score --format json` output: one scores document (schema: scores), whatever the
    number of assessments -- the same shape as a built site's data/scores.json -- streamed a
    result at a time."""
    yield "{\n  " + f'"format": "{SCORES_FORMAT}",\n  "results": '
    yield from json_array((result_json(result, options.lang) for result in stream), depth=1)
    yield "\n}\n"
