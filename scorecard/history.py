"""A jurisdiction's editions over time: pure functions, results -> a series."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from scorecard.model import DEFAULT_DISPLAY, Display, Text
from scorecard.scoring import Result, Status, shown_change


@dataclass(frozen=True)
class PillarPoint:
    id: str
    title: Text
    status: Status
    score: Fraction | None  # None unless scored
    band: str | None
    coverage: Fraction | None


@dataclass(frozen=True)
class HistoryPoint:
    """One edition: its overall score, band, coverage and pillars, and its change since the
    edition before (None for the first, or when either is not scored)."""

    edition: str
    as_of: str
    assessment_status: str
    rubric: str
    status: Status
    overall: Fraction | None
    band: str | None
    coverage: Fraction | None
    pillars: tuple[PillarPoint, ...]
    delta: Fraction | None
    rubric_changed: bool  # scored under a different rubric version than the edition before
    result: Result
    # The change people read: shown(overall) - shown(previous overall), by the series' rule.
    shown_delta: Decimal | None = None

    def pillar(self, pillar_id: str) -> PillarPoint | None:
        return next((p for p in self.pillars if p.id == pillar_id), None)


@dataclass(frozen=True)
class History:
    code: str
    name: Text
    points: tuple[HistoryPoint, ...]  # in order of as_of, then edition
    pillar_ids: tuple[str, ...]  # every pillar seen, in first-seen rubric order
    pillar_titles: dict[str, Text]
    # The one rule every edition is shown by: the latest edition's rubric's (one scale).
    display: Display = DEFAULT_DISPLAY


def jurisdiction_history(results: Iterable[Result], code: str | None = None) -> History:
    """The editions of one jurisdiction in order of `as_of`. With `code`, other jurisdictions'
    results are ignored; without, all results must be of one jurisdiction."""
    chosen = [r for r in results if code is None or r.assessment.code == code]
    codes = {r.assessment.code for r in chosen}
    if len(codes) != 1:
        raise ValueError(f"expected results of one jurisdiction, got {sorted(codes) or 'none'}")
    chosen.sort(key=lambda r: (r.assessment.as_of, r.assessment.edition))
    rule = chosen[-1].rubric.display
    points: list[HistoryPoint] = []
    pillar_ids: dict[str, None] = {}
    titles: dict[str, Text] = {}
    for result in chosen:
        previous = points[-1] if points else None
        delta, shown = None, None
        if (
            previous is not None
            and previous.overall is not None
            and result.overall is not None
            and previous.status == "scored"
            and result.status == "scored"
        ):
            delta = result.overall - previous.overall
            shown = shown_change(previous.overall, result.overall, rule)
        for p in result.pillars:
            pillar_ids.setdefault(p.id, None)
            titles.setdefault(p.id, p.pillar.title)
        points.append(
            HistoryPoint(
                edition=result.assessment.edition,
                as_of=result.assessment.as_of,
                assessment_status=result.assessment.status,
                rubric=result.rubric.ref,
                status=result.status,
                overall=result.overall,
                band=result.band,
                coverage=result.coverage,
                pillars=tuple(
                    PillarPoint(p.id, p.pillar.title, p.status, p.score, p.band, p.coverage)
                    for p in result.pillars
                ),
                delta=delta,
                rubric_changed=previous is not None and previous.rubric != result.rubric.ref,
                result=result,
                shown_delta=shown,
            )
        )
    latest = chosen[-1].assessment
    return History(latest.code, latest.name, tuple(points), tuple(pillar_ids), titles, rule)
