"""Tidy CSV rows: one row per jurisdiction, edition, level of aggregation and id."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from scorecard.render.registry import Options
from scorecard.scoring import Result, display, percent

CSV_COLUMNS = (
    "jurisdiction",
    "edition",
    "as_of",
    "rubric",
    "assessment_status",
    "level",
    "id",
    "value",
    "band",
    "status",
    "coverage",
)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def result_rows(result: Result) -> Iterator[dict[str, str]]:
    """Rows for one result: overall, then each pillar followed by its indicators."""
    a = result.assessment
    base = {
        "jurisdiction": a.code,
        "edition": a.edition,
        "as_of": a.as_of,
        "rubric": result.rubric.ref,
        "assessment_status": a.status,
    }
    yield {
        **base,
        "level": "overall",
        "id": "overall",
        "value": _text(display(result.overall)),
        "band": _text(result.band),
        "status": result.status,
        "coverage": _text(percent(result.coverage)),
    }
    for pillar in result.pillars:
        yield {
            **base,
            "level": "pillar",
            "id": pillar.id,
            "value": _text(display(pillar.score)),
            "band": _text(pillar.band),
            "status": pillar.status,
            "coverage": _text(percent(pillar.coverage)),
        }
        for ind in pillar.indicators:
            yield {
                **base,
                "level": "indicator",
                "id": ind.id,
                "value": _text(display(ind.value)),
                "band": "",
                "status": ind.kind,
                "coverage": "",
            }


def results_csv(results: Iterable[Result], options: Options | None = None) -> str:
    """CSV text with a header row; empty cells where a value is withheld or excluded."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result in results:
        writer.writerows(result_rows(result))
    return buffer.getvalue()
