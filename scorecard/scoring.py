"""The scoring method (docs/methodology.md), as pure functions over exact fractions.

Nothing here rounds but `display`, once, for people, at the very end (and bands, which are
decided on the value shown).

Over 400 lines: the method's six rules, its bounds and its one rounding point are read
together (docs/methodology.md follows this file); splitting them would scatter the method.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from math import lcm, log10
from typing import Literal

from scorecard import __version__
from scorecard.errors import Phrase, ScorecardError, phrase
from scorecard.model import (
    DEFAULT_DISPLAY,
    Answer,
    AnswerKind,
    Assessment,
    Display,
    Indicator,
    Pillar,
    Rounding,
    Rubric,
)

Status = Literal["scored", "withheld", "not_applicable"]


@dataclass(frozen=True, slots=True)
class Counts:
    scored: int
    not_found: int
    na: int
    insufficient: int
    unanswered: int

    @classmethod
    def of(cls, kinds: list[AnswerKind]) -> Counts:
        tally = Counter(kinds)
        return cls(
            tally["level"],
            tally["not_found"],
            tally["na"],
            tally["insufficient"],
            tally["unanswered"],
        )


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    indicator: Indicator
    answer: Answer
    value: Fraction | None  # None when not applicable or missing
    evidence_ok: bool | None  # None when the answer is not scored
    # An `na` the pillar's na rule refuses (all-or-none, and not all are na): counted as missing.
    na_refused: bool = False

    @property
    def id(self) -> str:
        return self.indicator.id

    @property
    def kind(self) -> AnswerKind:
        return self.answer.kind

    @property
    def applicable(self) -> bool:
        return self.answer.kind != "na" or self.na_refused

    @property
    def scored(self) -> bool:
        return self.value is not None


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a score is not reported, as a code and its figures (words are the renderer's):
    `coverage_below_minimum` (with the coverage and the minimum, as shares in [0, 1]) or
    `all_not_applicable`."""

    code: Literal["coverage_below_minimum", "all_not_applicable"]
    coverage: Fraction | None = None
    minimum: Fraction | None = None


@dataclass(frozen=True, slots=True)
class Bounds:
    """The score with every missing answer (insufficient, unanswered, and an na the pillar's
    rule refuses) at its indicator's lowest level (`low`) and at its highest (`high`). With
    nothing missing both equal the score; `missing` says how many answers were filled."""

    low: Fraction
    high: Fraction
    missing: int


@dataclass(frozen=True, slots=True)
class PillarResult:
    pillar: Pillar
    status: Status
    score: Fraction | None  # None unless status == "scored"
    mean: Fraction | None  # the weighted mean of scored indicators, even when withheld
    coverage: Fraction | None  # None when not applicable
    band: str | None
    reason: Reason | None
    counts: Counts
    indicators: tuple[IndicatorResult, ...]
    bounds: Bounds | None = None  # None when not applicable

    @property
    def id(self) -> str:
        return self.pillar.id


@dataclass(frozen=True, slots=True)
class Provenance:
    tool_version: str
    rubric: str
    rubric_sha256: str
    assessment_sha256: str


@dataclass(frozen=True, slots=True)
class Result:
    rubric: Rubric
    assessment: Assessment
    status: Status
    overall: Fraction | None
    coverage: Fraction | None
    band: str | None
    reason: Reason | None
    pillars: tuple[PillarResult, ...]
    counts: Counts
    evidence_coverage: Fraction | None
    provenance: Provenance
    bounds: Bounds | None = None  # None when not applicable

    def pillar(self, pillar_id: str) -> PillarResult | None:
        return next((p for p in self.pillars if p.id == pillar_id), None)

    def indicator(self, indicator_id: str) -> IndicatorResult | None:
        return next((i for p in self.pillars for i in p.indicators if i.id == indicator_id), None)


@dataclass(frozen=True, slots=True)
class ResultStream:
    """Results scored one at a time as they are read, so memory stays flat at any size;
    `count` is known up front (formats whose shape depends on it, like JSON, need it)."""

    count: int
    results: Iterator[Result]

    def __iter__(self) -> Iterator[Result]:
        return self.results


@lru_cache(maxsize=1024)  # a site formats the same few values thousands of times
def display(
    value: Fraction | None, places: int = 1, rounding: Rounding = "half_away_from_zero"
) -> Decimal | None:
    """Round once, for display, to `places` decimals. A value exactly halfway goes up with
    `half_up` (towards +infinity: 81.5 -> 82, -0.25 -> -0.2), to the even digit with
    `half_even` (6.25 -> 6.2) and away from zero with `half_away_from_zero` (42.25 -> 42.3)."""
    if value is None:
        return None
    scaled = value * 10**places
    whole = scaled.numerator // scaled.denominator  # the floor, for negatives too
    rest = scaled - whole
    if rest > Fraction(1, 2) or (
        rest == Fraction(1, 2)
        and (
            rounding == "half_up"
            or (rounding == "half_even" and whole % 2 == 1)
            or (rounding == "half_away_from_zero" and value > 0)
        )
    ):
        whole += 1
    return Decimal(whole).scaleb(-places)


def plain(value: Fraction) -> Decimal:
    """A number as written, to at most 4 decimals and without trailing zeros: 100, 7.5 (a
    scale's maximum, an axis tick)."""
    rounded = display(value, 4) or Decimal(0)
    return Decimal(format(rounded.normalize(), "f"))


def shown(value: Fraction | None, rule: Display = DEFAULT_DISPLAY) -> Decimal | None:
    """A score (or a change, or a bound) on the method's 0-100 scale as the rubric shows it:
    value x scale / 100, rounded once by the rule."""
    if value is None:
        return None
    # Out of 100, the value itself: two fraction operations fewer, a few hundred per page.
    scaled = value if rule.scale == 100 else value * rule.scale / 100
    return display(scaled, rule.places, rule.rounding)


def shown_change(
    old: Fraction | None, new: Fraction | None, rule: Display = DEFAULT_DISPLAY
) -> Decimal | None:
    """A change as people read it: the difference of the two values shown, so that
    16.7 -> 18.9 is +2.2 whatever the exact scores were; None without both sides."""
    if old is None or new is None:
        return None
    before, after = shown(old, rule), shown(new, rule)
    assert before is not None and after is not None
    return after - before


def banded(value: Fraction, rule: Display = DEFAULT_DISPLAY) -> Fraction:
    """The value a band is decided on: the shown value, back on the method's 0-100 scale
    (bands are written on 0-100), so a score shown as 61.0 is never banded below 61."""
    rounded = shown(value, rule)
    assert rounded is not None
    return Fraction(rounded) * 100 / rule.scale


def band_of(rubric: Rubric, value: Fraction) -> str:
    """The id of the band of the value shown."""
    return rubric.band_for(banded(value, rubric.display)).id


def percent(value: Fraction | None) -> Decimal | None:
    """A share in [0, 1] as a percentage with one decimal (never the rubric's score rule:
    a coverage is not a score)."""
    return None if value is None else display(value * 100)


def indicator_value(indicator: Indicator, answer: Answer) -> Fraction | None:
    """Rule 1: the level's value; not_found scores as the lowest level; na, insufficient and
    unanswered have no value."""
    if answer.kind == "level" and answer.level is not None:
        level = indicator.level(answer.level)
        return None if level is None else level.value
    if answer.kind == "not_found":
        return indicator.lowest.value
    return None


def evidence_meets_rule(indicator: Indicator, answer: Answer) -> bool | None:
    """Whether a scored answer is documented; None if it is not scored. Judged the same way on
    both sides of the scale, whatever the rubric makes an error: a level needs its sources (at
    least one, and the indicator's minimum; an http(s) URL where required), the lowest level
    included, since giving a government the lowest level is an accusation too; `not_found`
    needs a record of where and when the assessor looked (`searched`, or sources)."""
    if answer.kind == "not_found":
        return bool(answer.searched or answer.evidence)
    if answer.kind != "level":
        return None
    if len(answer.evidence) < max(indicator.min_sources, 1):
        return False
    if indicator.url_required:
        return any(
            (s.url or "").lower().startswith(("http://", "https://")) for s in answer.evidence
        )
    return True


def _weighted_mean(pairs: list[tuple[Fraction, Fraction]]) -> Fraction | None:
    if all(w.denominator == 1 and v.denominator == 1 for w, v in pairs):
        # Whole weights and levels (the usual rubric): the same fraction, from whole sums.
        whole = sum(w.numerator for w, _ in pairs)
        if whole == 0:
            return None
        return Fraction(sum(w.numerator * v.numerator for w, v in pairs), whole)
    total = sum((w for w, _ in pairs), Fraction(0))
    if total == 0:
        return None
    return sum((w * v for w, v in pairs), Fraction(0)) / total


def _coverage_reason(coverage: Fraction, minimum: Fraction) -> Reason:
    return Reason("coverage_below_minimum", coverage, minimum)


def _filled(pillar: Pillar, applicable: list[IndicatorResult], high: bool) -> Fraction:
    """The pillar's value with every missing answer at its lowest (or highest) level."""
    pairs = [
        (
            r.indicator.weight,
            r.value
            if r.value is not None
            else (r.indicator.levels[-1] if high else r.indicator.lowest).value,
        )
        for r in applicable
    ]
    if pillar.aggregation == "min":
        return min(v for _, v in pairs)
    mean = _weighted_mean(pairs)
    # Every applicable indicator now has a value; weights are positive (the schema says so).
    assert mean is not None
    return mean


def pillar_bounds(pillar: Pillar, applicable: list[IndicatorResult]) -> Bounds:
    """A pillar's bounds over its applicable indicators (rule 5, docs/methodology.md "Bounds")."""
    missing = sum(r.value is None for r in applicable)
    return Bounds(_filled(pillar, applicable, False), _filled(pillar, applicable, True), missing)


def score_pillar(
    pillar: Pillar, assessment: Assessment, min_coverage: Fraction, rubric: Rubric
) -> PillarResult:
    """Rule 2: a pillar's score, coverage and band, or why it is withheld or not applicable."""
    answers = [(ind, assessment.answer(ind.id)) for ind in pillar.indicators]
    na = sum(ans.kind == "na" for _, ans in answers)
    # A pillar whose na rule is all-or-none takes its na answers only when all are na, so na
    # cannot drop the weakest links of a `min` pillar; otherwise they count as missing.
    refused = pillar.na_rule == "all-or-none" and 0 < na < len(answers)
    results = tuple(
        IndicatorResult(
            ind,
            ans,
            indicator_value(ind, ans),
            evidence_meets_rule(ind, ans),
            na_refused=refused and ans.kind == "na",
        )
        for ind, ans in answers
    )
    counts = Counts.of([r.kind for r in results])
    applicable = [r for r in results if r.applicable]
    if not applicable:
        return PillarResult(
            pillar,
            "not_applicable",
            None,
            None,
            None,
            None,
            Reason("all_not_applicable"),
            counts,
            results,
        )
    scored = [r for r in applicable if r.value is not None]
    applicable_weight = sum((r.indicator.weight for r in applicable), Fraction(0))
    coverage = sum((r.indicator.weight for r in scored), Fraction(0)) / applicable_weight
    mean = _weighted_mean([(r.indicator.weight, r.value) for r in scored if r.value is not None])
    bounds = pillar_bounds(pillar, applicable)
    if coverage < min_coverage or mean is None:
        return PillarResult(
            pillar,
            "withheld",
            None,
            mean,
            coverage,
            None,
            _coverage_reason(coverage, min_coverage),
            counts,
            results,
            bounds,
        )
    if pillar.aggregation == "min":
        value = min(r.value for r in scored if r.value is not None)
    else:
        value = mean
    return PillarResult(
        pillar,
        "scored",
        value,
        mean,
        coverage,
        band_of(rubric, value),
        None,
        counts,
        results,
        bounds,
    )


# Exact arithmetic is bounded up front: no fraction scoring (or a diff of two scores) builds
# may need more digits than this, far below Python's 4,300-digit limit on printing integers
# and far above any real rubric (six pillars of five indicators with integer weights: ~5).
MAX_EXACT_DIGITS = 1000


class TooComplexToScore(ScorecardError):
    """A rubric whose weights and values could make scoring build unbounded fractions."""

    def __init__(self, rubric: str, digits: int) -> None:
        self.phrase: Phrase = phrase(
            "problem.rubric.too_exact", rubric=rubric, digits=digits, limit=MAX_EXACT_DIGITS
        )
        super().__init__(f"{rubric}: exact scores could need {digits} digits")


def exact_digits(
    pillars: Iterable[tuple[Fraction, Iterable[tuple[Fraction, Iterable[Fraction]]]]],
) -> int:
    """An upper bound on the decimal digits of any denominator scoring can build from
    `pillars`: (pillar weight, [(indicator weight, [level values])]).

    A pillar's mean over any subset of its indicators has a denominator dividing D_v * K,
    where D_v is the common denominator of its values and K = sum(w) * D_w its weights'
    total over their common denominator; the overall score's divides K_W times the product
    of the pillars' bounds. Coverage and the `min` aggregation need less."""
    digits = 0.0
    pillar_weights: list[Fraction] = []
    for weight, indicators in pillars:
        pillar_weights.append(weight)
        weights: list[Fraction] = []
        values_den = 1
        for indicator_weight, values in indicators:
            weights.append(indicator_weight)
            for value in values:
                values_den = lcm(values_den, value.denominator)
        digits += log10(values_den) + _total_digits(weights)
    return int(digits + _total_digits(pillar_weights)) + 1


def _total_digits(weights: list[Fraction]) -> float:
    """Digits of sum(weights) over the weights' common denominator."""
    if not weights:
        return 0.0
    common = lcm(*(w.denominator for w in weights))
    total = sum(abs(w.numerator) * (common // w.denominator) for w in weights)
    return log10(max(total, 1))


def check_bounded(rubric: Rubric) -> None:
    """Refuse, before any arithmetic, a rubric whose exact scores could need more than
    MAX_EXACT_DIGITS digits (validation reports the same bound as a located problem)."""
    key = (rubric.ref, rubric.sha256)
    digits = _CHECKED.get(key)
    if digits is None:
        digits = exact_digits(
            (p.weight, ((i.weight, (lv.value for lv in i.levels)) for i in p.indicators))
            for p in rubric.pillars
        )
        if len(_CHECKED) > 256:
            _CHECKED.clear()
        _CHECKED[key] = digits
    if digits > MAX_EXACT_DIGITS:
        raise TooComplexToScore(rubric.ref, digits)


_CHECKED: dict[tuple[str, str], int] = {}


def score_assessment(rubric: Rubric, assessment: Assessment) -> Result:
    """Rules 1-5: the whole result for one assessment, with its bounds."""
    check_bounded(rubric)
    pillars = tuple(
        score_pillar(p, assessment, rubric.min_coverage, rubric) for p in rubric.pillars
    )
    counts = Counts.of([i.kind for p in pillars for i in p.indicators])
    applicable = [p for p in pillars if p.status != "not_applicable"]
    scored = [p for p in applicable if p.status == "scored" and p.score is not None]
    status: Status
    overall: Fraction | None = None
    coverage: Fraction | None = None
    band: str | None = None
    reason: Reason | None = None
    if not applicable:
        status, reason = "not_applicable", Reason("all_not_applicable")
    else:
        total = sum((p.pillar.weight for p in applicable), Fraction(0))
        coverage = sum((p.pillar.weight for p in scored), Fraction(0)) / total
        mean = _weighted_mean([(p.pillar.weight, p.score) for p in scored if p.score is not None])
        if coverage < rubric.min_coverage or mean is None:
            status, reason = "withheld", _coverage_reason(coverage, rubric.min_coverage)
        else:
            status, overall, band = "scored", mean, band_of(rubric, mean)
    bounds = overall_bounds(applicable)
    judged = [i.evidence_ok for p in pillars for i in p.indicators if i.evidence_ok is not None]
    evidence = Fraction(sum(judged), len(judged)) if judged else None
    return Result(
        rubric=rubric,
        assessment=assessment,
        status=status,
        overall=overall,
        coverage=coverage,
        band=band,
        reason=reason,
        pillars=pillars,
        counts=counts,
        evidence_coverage=evidence,
        provenance=Provenance(__version__, rubric.ref, rubric.sha256, assessment.sha256),
        bounds=bounds,
    )


def overall_bounds(applicable: list[PillarResult]) -> Bounds | None:
    """The overall score's bounds: the weighted mean of the applicable pillars' bounds (each
    pillar is complete at its bounds, so none is withheld there)."""
    pillars = [(p.pillar.weight, p.bounds) for p in applicable if p.bounds is not None]
    if not pillars:
        return None
    low = _weighted_mean([(w, b.low) for w, b in pillars])
    high = _weighted_mean([(w, b.high) for w, b in pillars])
    assert low is not None and high is not None
    return Bounds(low, high, sum(b.missing for _, b in pillars))
