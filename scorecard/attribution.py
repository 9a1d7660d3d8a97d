"""Why a score changed: contributions that add up exactly to the change.

The "why" of a change set (`scorecard.diff`) is a list of contributions that add up exactly
(Fractions) to the change of a pillar score and of the overall score. docs/diff.md states the
attribution rule; briefly, a weighted mean moves through a chain of exact intermediate means

    old score -> over comparable indicators -> over indicators scored on both sides
    -> same, at the new weights -> same, with the new values -> ... back out to the new score

and each step is booked to one line: the value step to the indicators (w_i/Σw)·Δv_i, the
steps that change *which* indicators are scored to "coverage", and the steps caused by the
rubric (new, revised or removed indicators, changed weights) to "not comparable". A
weakest-link (`min`) pillar's whole change is booked to the indicator that set the minimum
on both sides, else to one "weakest link" line naming the indicators that set it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Literal

from scorecard.model import Text
from scorecard.scoring import PillarResult, Result

ContributionKind = Literal["indicator", "weakest_link", "coverage", "not_comparable"]


@dataclass(frozen=True)
class Contribution:
    """One line of the explanation of a score change; amounts add up exactly to the change."""

    kind: ContributionKind
    pillar: str | None  # None for lines about the overall score as a whole
    indicator: str | None  # set for kind "indicator"
    label: Text  # the indicator's short name, or the pillar's title
    amount: Fraction
    # Weakest link: the indicators that set the pillar's minimum on each side.
    minimum_old: tuple[str, ...] = ()
    minimum_new: tuple[str, ...] = ()


def _mean(pairs: Iterable[tuple[Fraction, Fraction]]) -> Fraction | None:
    items = list(pairs)
    total = sum((w for w, _ in items), Fraction(0))
    if not items or total == 0:
        return None
    return sum((w * v for w, v in items), Fraction(0)) / total


def _attribute_mean(
    old: Mapping[str, tuple[Fraction, Fraction]],
    new: Mapping[str, tuple[Fraction, Fraction]],
    partner: Mapping[str, str],
    total: Fraction,
) -> tuple[dict[str, Fraction], Fraction, Fraction]:
    """Split `total` (= mean(new) - mean(old)) into per-member amounts, a coverage residual
    and a not-comparable residual that add up exactly to `total`.

    `partner` maps each comparable new member to its old member.
    """
    comparable_old = {partner[n] for n in partner}
    new_c = {n: wv for n, wv in new.items() if n in partner}
    old_c = {o: wv for o, wv in old.items() if o in comparable_old}
    common = [n for n in new if n in partner and partner[n] in old]
    amounts: dict[str, Fraction] = {}
    if common:
        new_weight = sum((new[n][0] for n in common), Fraction(0))
        for n in common:
            amounts[n] = new[n][0] / new_weight * (new[n][1] - old[partner[n]][1])
    mean_new, mean_old = _mean(new.values()), _mean(old.values())
    mean_new_c, mean_old_c = _mean(new_c.values()), _mean(old_c.values())
    assert mean_new is not None and mean_old is not None  # both sides are scored
    not_comparable = Fraction(0)
    if mean_new_c is not None and mean_old_c is not None:
        not_comparable = (mean_new - mean_new_c) + (mean_old_c - mean_old)
        if common:
            # The same indicators at old and new weights: a rubric effect, not the analyst's.
            at_old = _mean(old[partner[n]] for n in common)
            at_new = _mean((new[n][0], old[partner[n]][1]) for n in common)
            assert at_old is not None and at_new is not None
            not_comparable += at_new - at_old
        coverage = total - sum(amounts.values(), Fraction(0)) - not_comparable
    else:
        not_comparable = total - sum(amounts.values(), Fraction(0))
        coverage = Fraction(0)
    return amounts, coverage, not_comparable


def _scored_indicators(pillar: PillarResult) -> dict[str, tuple[Fraction, Fraction]]:
    return {i.id: (i.indicator.weight, i.value) for i in pillar.indicators if i.value is not None}


def _minimum_setters(pillar: PillarResult) -> list[str]:
    return [i.id for i in pillar.indicators if i.value is not None and i.value == pillar.score]


def pillar_contributions(
    old: PillarResult,
    new: PillarResult,
    partner: Mapping[str, str],
    labels: Mapping[str, Text],
) -> tuple[Contribution, ...]:
    total = (new.score or Fraction(0)) - (old.score or Fraction(0))
    pid = new.id
    if "min" in (old.pillar.aggregation, new.pillar.aggregation):
        old_min, new_min = _minimum_setters(old), _minimum_setters(new)
        if (
            old.pillar.aggregation == new.pillar.aggregation
            and len(old_min) == 1
            and len(new_min) == 1
            and partner.get(new_min[0]) == old_min[0]
        ):
            return _nonzero([Contribution("indicator", pid, new_min[0], labels[new_min[0]], total)])
        line = Contribution(
            "weakest_link", pid, None, new.pillar.title, total, tuple(old_min), tuple(new_min)
        )
        return _nonzero([line])
    amounts, coverage, not_comparable = _attribute_mean(
        _scored_indicators(old), _scored_indicators(new), partner, total
    )
    lines = [Contribution("indicator", pid, n, labels[n], a) for n, a in amounts.items()]
    lines.append(Contribution("coverage", pid, None, new.pillar.title, coverage))
    lines.append(Contribution("not_comparable", pid, None, new.pillar.title, not_comparable))
    return _nonzero(lines)


def _nonzero(lines: Sequence[Contribution]) -> tuple[Contribution, ...]:
    """Lines with an effect, largest first (stable for equal sizes, so output is deterministic)."""
    return tuple(sorted((c for c in lines if c.amount != 0), key=lambda c: -abs(c.amount)))


def overall_contributions(
    old: Result, new: Result, pillar_lines: Mapping[str, Sequence[Contribution]]
) -> tuple[Contribution, ...]:
    """The overall change as lines: each pillar's lines scaled by its share of the weight,
    then coverage and what the rubric changed. `pillar_lines` are each pillar's contributions
    by pillar id."""
    if old.status != "scored" or new.status != "scored":
        return ()
    assert old.overall is not None and new.overall is not None
    delta = new.overall - old.overall

    def scored(result: Result) -> dict[str, tuple[Fraction, Fraction]]:
        return {
            p.id: (p.pillar.weight, p.score)
            for p in result.pillars
            if p.status == "scored" and p.score is not None
        }

    old_scored, new_scored = scored(old), scored(new)
    old_ids = {p.id for p in old.pillars}
    partner = {p.id: p.id for p in new.pillars if p.id in old_ids}
    _, coverage, not_comparable = _attribute_mean(old_scored, new_scored, partner, delta)
    common = [pid for pid in new_scored if pid in old_scored]
    lines: list[Contribution] = []
    if common:
        weight = sum((new_scored[pid][0] for pid in common), Fraction(0))
        for pid in common:
            share = new_scored[pid][0] / weight
            lines.extend(replace(line, amount=line.amount * share) for line in pillar_lines[pid])
    lines.append(Contribution("coverage", None, None, {}, coverage))
    lines.append(Contribution("not_comparable", None, None, {}, not_comparable))
    return _nonzero(lines)
