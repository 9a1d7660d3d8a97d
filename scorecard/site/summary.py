"""What the index pages need of a jurisdiction's latest edition, as a compact summary.

The ranking, the heat-map and the index's counts are made from these, never from kept models
(compact: slotted records, ids held once):
a build holds one jurisdiction's results at a time plus one summary per jurisdiction, and a
jurisdiction whose pages come from the cache contributes its cached summary. The summary is
plain JSON (numbers as exact fractions "n/d"), and every build, cached or not, makes the index
from summaries read back from JSON, so the pages are the same bytes either way.

A `Summary` has the attributes the index's views and heat-map read of a `Result`
(`assessment.code`, `.name`, `.edition`, `.as_of`, `.status`; `rubric`; `status`, `overall`,
`coverage`, `band`; `pillar(id)` with `score`, `status`, `band`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from sys import intern
from typing import Any

from scorecard.model import Rubric
from scorecard.scoring import Result


@dataclass(frozen=True, slots=True)
class SummaryAssessment:
    code: str
    name: Mapping[str, str]
    edition: str
    as_of: str
    status: str


@dataclass(frozen=True, slots=True)
class SummaryPillar:
    id: str
    status: str
    score: Fraction | None
    band: str | None


@dataclass(frozen=True, slots=True)
class Summary:
    assessment: SummaryAssessment
    rubric: Rubric
    status: str
    overall: Fraction | None
    coverage: Fraction | None
    band: str | None
    pillars: tuple[SummaryPillar, ...]

    def pillar(self, pillar_id: str) -> SummaryPillar | None:
        return next((p for p in self.pillars if p.id == pillar_id), None)


def _fraction(value: Fraction | None) -> str | None:
    return None if value is None else f"{value.numerator}/{value.denominator}"


def _unfraction(value: Any) -> Fraction | None:
    return None if value is None else Fraction(value)


def summarise(result: Result) -> dict[str, Any]:
    """The summary of a result, as JSON data."""
    a = result.assessment
    return {
        "code": a.code,
        "name": dict(a.name),
        "edition": a.edition,
        "as_of": a.as_of,
        "edition_status": a.status,
        "rubric": result.rubric.ref,
        "status": result.status,
        "overall": _fraction(result.overall),
        "coverage": _fraction(result.coverage),
        "band": result.band,
        "pillars": [[p.id, p.status, _fraction(p.score), p.band] for p in result.pillars],
    }


def read_summary(data: Mapping[str, Any], rubrics: Mapping[str, Rubric]) -> Summary:
    """A summary from its JSON data; KeyError/TypeError/ValueError if it is not one."""
    assessment = SummaryAssessment(
        str(data["code"]),
        {intern(str(k)): str(v) for k, v in dict(data["name"]).items()},
        intern(str(data["edition"])),
        str(data["as_of"]),
        intern(str(data["edition_status"])),
    )
    pillars = tuple(
        SummaryPillar(intern(str(pid)), intern(str(status)), _unfraction(score), _id(band))
        for pid, status, score, band in data["pillars"]
    )
    return Summary(
        assessment,
        rubrics[data["rubric"]],
        intern(str(data["status"])),
        _unfraction(data["overall"]),
        _unfraction(data["coverage"]),
        _id(data["band"]),
        pillars,
    )


def _id(value: Any) -> str | None:
    """An id a summary shares with many others (a band, a status): held once."""
    return None if value is None else intern(str(value))
