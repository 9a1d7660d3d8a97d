"""Tidy CSV rows of scores: one row per jurisdiction, edition, scope (overall, pillar,
indicator) and id. The columns are documented in docs/formats.md ("Spreadsheets and CSV").

One status vocabulary across scopes: `scored`, `withheld`, `not_applicable` for every scope,
and for an indicator also `not_found` (scored as its lowest level, flagged), `insufficient`
and `unanswered`; an indicator's answer kind and chosen level id have their own columns.
`edition` is text ("2024"): docs/formats.md gives the types to read each column with.
Scores (`value` of overall and pillar rows, `low`, `high`) are shown by the rubric's display
rule; an indicator's `value` is its level's value on the method's 0-100 scale.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from scorecard.model import Display
from scorecard.render.registry import Options
from scorecard.render.spreadsheet import write_csv
from scorecard.scoring import Bounds, IndicatorResult, Result, display, percent, shown
from scorecard.tables import Row, number

CSV_COLUMNS = (
    "jurisdiction",
    "edition",
    "as_of",
    "rubric",
    "assessment_status",
    "scope",
    "id",
    "pillar",
    "weight",
    "answer",
    "level_id",
    "value",
    "band",
    "status",
    "coverage",
    "low",
    "high",
)

_INDICATOR_STATUS = {
    "level": "scored",
    "not_found": "not_found",
    "na": "not_applicable",
    "insufficient": "insufficient",
    "unanswered": "unanswered",
}


def indicator_status(ind: IndicatorResult) -> str:
    """An indicator's status in the one vocabulary of the CSV."""
    return _INDICATOR_STATUS[ind.kind]


def result_rows(result: Result) -> Iterator[Row]:
    """Rows for one result: overall, then each pillar followed by its indicators."""
    a, rule = result.assessment, result.rubric.display
    base: Row = {
        "jurisdiction": a.code,
        "edition": a.edition,
        "as_of": a.as_of,
        "rubric": result.rubric.ref,
        "assessment_status": a.status,
    }
    yield {
        **base,
        "scope": "overall",
        "id": "overall",
        "value": shown(result.overall, rule),
        "band": result.band,
        "status": result.status,
        "coverage": percent(result.coverage),
        **_bounds(result.bounds, rule),
    }
    for pillar in result.pillars:
        yield {
            **base,
            "scope": "pillar",
            "id": pillar.id,
            "pillar": pillar.id,
            "weight": number(pillar.pillar.weight),
            "value": shown(pillar.score, rule),
            "band": pillar.band,
            "status": pillar.status,
            "coverage": percent(pillar.coverage),
            **_bounds(pillar.bounds, rule),
        }
        for ind in pillar.indicators:
            level_id = ind.answer.level if ind.kind == "level" else None
            if ind.kind == "not_found":
                level_id = ind.indicator.lowest.id
            yield {
                **base,
                "scope": "indicator",
                "id": ind.id,
                "pillar": pillar.id,
                "weight": number(ind.indicator.weight),
                "answer": ind.kind,
                "level_id": level_id,
                "value": display(ind.value),
                "status": indicator_status(ind),
            }


def _bounds(bounds: Bounds | None, rule: Display) -> Row:
    """The low and high bounds as shown (equal to the score when nothing is missing)."""
    if bounds is None:
        return {}
    return {"low": shown(bounds.low, rule), "high": shown(bounds.high, rule)}


def _rows(results: Iterable[Result]) -> Iterator[Row]:
    for result in results:
        yield from result_rows(result)


def results_csv(results: Iterable[Result], options: Options | None = None) -> str:
    """CSV text with a header row; empty cells where a value is withheld or excluded."""
    return write_csv(CSV_COLUMNS, _rows(results))


def results_csv_semicolon(results: Iterable[Result], options: Options | None = None) -> str:
    """The same rows separated by `;`, with decimal commas and a UTF-8 byte-order mark."""
    return write_csv(CSV_COLUMNS, _rows(results), semicolon=True)
