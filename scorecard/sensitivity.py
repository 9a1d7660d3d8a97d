"""How much a ranking depends on the method's choices: a Monte Carlo over documented
alternatives (docs/methodology.md, "Sensitivity").

Each draw scores the latest edition of every jurisdiction under one alternative method:

- `weights`: every pillar and indicator weight multiplied by a factor drawn uniformly from
  [1 − spread, 1 + spread] (one factor per id, shared by every rubric that has the id);
- `aggregation`: each pillar aggregated by `mean`, `min` (weakest link) or `geometric` (the
  weighted geometric mean of value + 1, minus 1, so that one 0 does not zero a pillar),
  drawn uniformly per pillar id;
- `missing`: `insufficient` and unanswered answers left out (as published), or scored at
  the indicator's lowest or highest level, drawn uniformly once per draw;
- `bands`: every band boundary inside 0-100 moved by a shift drawn uniformly from
  [−shift, +shift] points.

What is scored is not varied: a pillar or a jurisdiction withheld for low coverage (or not
applicable) stays so in every draw, `not_found` stays the lowest level and `na` stays out.
Each assumption is then varied alone, with the others as published, to say which one moves
a jurisdiction most. Draws use floats and `random.Random(seed)`: the same inputs, settings
and seed give the same report. The published scores stay the exact ones of scoring.py.

About 580 lines, on purpose: the draws, the fast re-scoring they need, the per-assumption
runs and the drawing of many peer groups at once share one set of prepared tables, and read
best together.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import repeat
from operator import add, mul, sub, truediv
from typing import Literal

from scorecard.jurisdictions import Level, peer_groups
from scorecard.model import DEFAULT_DISPLAY, Display, Text
from scorecard.scoring import Result, Status

Assumption = Literal["weights", "aggregation", "missing", "bands"]
Peer = tuple[Level, str | None]
ASSUMPTIONS: tuple[Assumption, ...] = ("weights", "aggregation", "missing", "bands")
AGGREGATIONS = ("mean", "min", "geometric")
MISSING_TREATMENTS = ("excluded", "lowest", "highest")
_MEAN, _MIN, _GEOMETRIC = 0, 1, 2
_PLACES = 9  # draws' scores are rounded to this many decimals, so float noise never ranks


@dataclass(frozen=True)
class SensitivitySettings:
    draws: int = 1000
    seed: int = 1
    weight_spread: float = 0.25  # weights vary by up to ±25% of their nominal value
    band_shift: float = 5.0  # band boundaries move by up to ±5 points


@dataclass(frozen=True, slots=True)
class AssumptionEffect:
    """A jurisdiction's rank interval and band-change probability when only `assumption`
    varies (the others as published)."""

    assumption: Assumption
    rank_low: int  # 5th percentile (best)
    rank_high: int  # 95th percentile (worst)
    band_change: float  # probability that the band differs from the published one

    @property
    def width(self) -> int:
        return self.rank_high - self.rank_low


@dataclass(frozen=True)
class JurisdictionSensitivity:
    code: str
    peer: Peer  # the peer group it is ranked in: ("country", None), ("local", "MX") ...
    name: Text
    edition: str
    rubric: str
    status: Status  # the published status; only `scored` jurisdictions are ranked
    score: Fraction | None  # the published (exact) score
    band: str | None
    band_label: Text | None  # the band's name as the rubric gives it, for readers
    rank: int | None  # the published rank (1 = highest score; ties share the best rank)
    median_rank: int | None
    rank_low: int | None  # 5th percentile of the rank over the draws
    rank_high: int | None  # 95th percentile
    score_low: float | None  # 5th percentile of the score
    score_median: float | None
    score_high: float | None  # 95th percentile
    band_change: float | None  # probability that the band differs from the published one
    dominant: Assumption | None  # the assumption that moves it most; None if none moves it
    effects: tuple[AssumptionEffect, ...]
    display: Display = DEFAULT_DISPLAY  # the rubric's rule its scores are shown by


@dataclass(frozen=True)
class SensitivityReport:
    settings: SensitivitySettings
    rubrics: tuple[str, ...]
    jurisdictions: tuple[JurisdictionSensitivity, ...]  # ranked by published rank, then others
    mean_rank_shift: float | None  # mean |rank − published rank| over draws and jurisdictions

    @property
    def ranked(self) -> tuple[JurisdictionSensitivity, ...]:
        return tuple(j for j in self.jurisdictions if j.rank is not None)


def latest_editions(results: Iterable[Result]) -> list[Result]:
    """The latest edition (by as_of, then edition) of each jurisdiction, by code."""
    latest: dict[str, Result] = {}
    for result in results:
        a = result.assessment
        held = latest.get(a.code)
        if held is None or (a.as_of, a.edition) > (held.assessment.as_of, held.assessment.edition):
            latest[a.code] = result
    return [latest[code] for code in sorted(latest)]


# --- the compiled model: columns of floats over the jurisdictions, built once ---------------
#
# A draw's scores are computed column by column (one list per indicator and pillar, with
# one entry per jurisdiction) with `map` over operator functions, so the work per draw runs
# in C: a pillar's weighted mean is Σ f_k·(w·v)_k / Σ f_k·w_k over its indicator columns,
# where a column holds 0 for a jurisdiction without that scored indicator.


@dataclass
class _Columns:
    """One pillar under one treatment of missing answers."""

    indicators: list[tuple[int, list[float], list[float], list[float]]]  # key, w·v, w, w·log
    guard: list[float]  # 1 where the pillar has no value (not scored): avoids 0/0
    lowest: list[float]  # the weakest link


@dataclass
class _PillarColumns:
    key: int
    weight: list[float]  # the pillar's weight where it is scored, else 0
    nominal: list[int]  # the published aggregation, per jurisdiction
    variants: tuple[_Columns, _Columns, _Columns]  # by missing treatment
    published: set[int]  # the published aggregations of this pillar where it is scored


def _axpy(total: list[float], factor: float, column: list[float]) -> list[float]:
    """total + factor × column."""
    return list(map(add, total, map(mul, column, repeat(factor))))


class _Model:
    @staticmethod
    def keys(scored: Sequence[Result]) -> tuple[tuple[str, ...], ...]:
        """What numbers the model's rubrics, pillars and indicators (in order of first
        appearance; the bands follow from the rubrics), and so which random numbers a draw
        takes for which: models with the same keys draw the same."""
        refs: dict[str, None] = {}
        pillars: dict[str, None] = {}
        indicators: dict[str, None] = {}
        for result in scored:
            refs.setdefault(result.rubric.ref)
            for p in result.pillars:
                pillars.setdefault(p.id)
                for i in p.indicators:
                    indicators.setdefault(i.id)
        return (tuple(refs), tuple(pillars), tuple(indicators))

    def __init__(self, scored: Sequence[Result]) -> None:
        size = len(scored)
        pillar_ids: dict[str, int] = {}
        indicator_ids: dict[str, int] = {}
        band_keys: dict[tuple[str, str], int] = {}
        rubric_index: dict[str, int] = {}
        self.rubric_bounds: list[tuple[tuple[int, float], ...]] = []
        self.rubric_grid: list[tuple[float, float]] = []  # display unit on 0-100, and half
        self.rubric_of: list[int] = []
        self.nominal_bands: list[int] = []
        for result in scored:
            ref = result.rubric.ref
            if ref not in rubric_index:
                rubric_index[ref] = len(rubric_index)
                bands = result.rubric.bands
                self.rubric_bounds.append(
                    tuple(
                        (band_keys.setdefault((ref, b.id), len(band_keys)), float(b.min))
                        for b in bands[1:]
                    )
                )
                rule = result.rubric.display
                unit = float(Fraction(100) / rule.scale / 10**rule.places)
                self.rubric_grid.append((unit, unit / 2))
            self.rubric_of.append(rubric_index[ref])
            self.nominal_bands.append([b.id for b in result.rubric.bands].index(result.band or ""))
            for p in result.pillars:
                pillar_ids.setdefault(p.id, len(pillar_ids))
                for i in p.indicators:
                    indicator_ids.setdefault(i.id, len(indicator_ids))
        self.size = size
        self.pillars = len(pillar_ids)
        self.indicators = len(indicator_ids)
        self.bands = len(band_keys)
        columns: dict[str, _PillarColumns] = {}
        for pid, key in pillar_ids.items():
            variants = []
            for _ in MISSING_TREATMENTS:
                variants.append(_Columns([], [1.0] * size, [0.0] * size))
            columns[pid] = _PillarColumns(
                key, [0.0] * size, [_MEAN] * size, (variants[0], variants[1], variants[2]), set()
            )
        cells: dict[tuple[str, str, int], tuple[list[float], list[float], list[float]]] = {}
        for j, result in enumerate(scored):
            for p in result.pillars:
                if p.status != "scored":
                    continue  # withheld or not applicable: out of the overall in every draw
                target = columns[p.id]
                target.weight[j] = float(p.pillar.weight)
                target.nominal[j] = _MIN if p.pillar.aggregation == "min" else _MEAN
                target.published.add(target.nominal[j])
                for t, treatment in enumerate(MISSING_TREATMENTS):
                    found = target.variants[t]
                    lowest = math.inf
                    for i in p.indicators:
                        value = i.value
                        if value is None and i.kind in ("insufficient", "unanswered"):
                            if treatment == "lowest":
                                value = i.indicator.lowest.value
                            elif treatment == "highest":
                                value = i.indicator.levels[-1].value
                        if value is None:
                            continue
                        cell = cells.get((p.id, i.id, t))
                        if cell is None:
                            cell = ([0.0] * size, [0.0] * size, [0.0] * size)
                            cells[p.id, i.id, t] = cell
                            found.indicators.append((indicator_ids[i.id], *cell))
                        w, v = float(i.indicator.weight), float(value)
                        cell[0][j], cell[1][j], cell[2][j] = w * v, w, w * math.log(v + 1)
                        lowest = min(lowest, v)
                    found.guard[j] = 0.0
                    found.lowest[j] = lowest
        for target in columns.values():  # summed in the rubric's order, whatever the members
            for found in target.variants:
                found.indicators.sort(key=lambda column: column[0])
        # A pillar scored nowhere adds nothing to any score.
        self.columns = [columns[pid] for pid in pillar_ids if columns[pid].published]

    def scores(
        self,
        pillar_factor: Sequence[float] | None,
        indicator_factor: Sequence[float] | None,
        aggregation: Sequence[int] | None,
        missing: int,
    ) -> list[float]:
        """Every jurisdiction's overall score under one method (None: as published)."""
        zero = [0.0] * self.size
        total, weight_sum = zero, zero
        for p in self.columns:
            found = p.variants[missing]
            wanted = p.published if aggregation is None else {aggregation[p.key]}
            per_rule: dict[int, list[float]] = {}
            if _MIN in wanted:
                per_rule[_MIN] = found.lowest
            if _MEAN in wanted or _GEOMETRIC in wanted:
                den = found.guard
                sums = zero
                logs = zero
                for key, weighted, weights, logged in found.indicators:
                    f = 1.0 if indicator_factor is None else indicator_factor[key]
                    den = _axpy(den, f, weights)
                    if _MEAN in wanted:
                        sums = _axpy(sums, f, weighted)
                    if _GEOMETRIC in wanted:
                        logs = _axpy(logs, f, logged)
                if _MEAN in wanted:
                    per_rule[_MEAN] = list(map(truediv, sums, den))
                if _GEOMETRIC in wanted:
                    per_rule[_GEOMETRIC] = [math.exp(x) - 1 for x in map(truediv, logs, den)]
            if len(per_rule) == 1:
                (score,) = per_rule.values()
            else:  # rubrics that aggregate this pillar differently, as published
                score = [per_rule[rule][j] for j, rule in enumerate(p.nominal)]
            factor = 1.0 if pillar_factor is None else pillar_factor[p.key]
            weight = p.weight if factor == 1.0 else [w * factor for w in p.weight]
            total = list(map(add, total, map(mul, weight, score)))
            weight_sum = list(map(add, weight_sum, weight))
        return list(map(round, map(truediv, total, weight_sum), repeat(_PLACES)))

    def bands_of(self, scores: Sequence[float], shift: Sequence[float] | None) -> list[int]:
        """The index of each score's band, with the boundaries moved by `shift`. As in the
        published result, a band holds the scores *shown* in it: a boundary b on the 0-100
        scale becomes the lowest exact score shown at or above b, the first display step at or
        above b less half a step (a tie is taken upwards, as half_up and half away from zero
        do; half_even differs only on exact ties)."""
        limits = [
            [_shown_edge(b, *grid) for b in bounds]
            for bounds, grid in zip(
                (
                    [b for _, b in bounds]
                    if shift is None
                    else sorted(min(100.0, max(0.0, b + shift[k])) for k, b in bounds)
                    for bounds in self.rubric_bounds
                ),
                self.rubric_grid,
                strict=True,
            )
        ]
        if len(limits) == 1:
            return list(map(bisect_right, repeat(limits[0]), scores))
        return [bisect_right(limits[r], s) for r, s in zip(self.rubric_of, scores, strict=True)]


def _shown_edge(bound: float, unit: float, half: float) -> float:
    """The least exact score whose shown value is at least `bound` (all on 0-100)."""
    return math.ceil(bound / unit - 1e-9) * unit - half


def competition_ranks(scores: Sequence[float | Fraction]) -> list[int]:
    """Rank 1 for the highest score; equal scores share the best rank (1, 2, 2, 4)."""
    order = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)
    ranks = [0] * len(scores)
    previous: float | Fraction | None = None
    rank = 0
    for position, i in enumerate(order, 1):
        if scores[i] != previous:
            rank, previous = position, scores[i]
        ranks[i] = rank
    return ranks


def _percentile(ordered: Sequence[float], p: float) -> float:
    """The nearest-rank percentile of sorted values: the smallest with at least p of them at
    or below it."""
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


# --- the simulation --------------------------------------------------------------------------


class _Tally:
    """Ranks, scores and bands per draw of one run; per jurisdiction at the end."""

    def __init__(
        self, nominal_ranks: Sequence[int], nominal_bands: Sequence[int], scores: bool = True
    ) -> None:
        self.nominal_ranks = list(nominal_ranks)
        self.nominal_bands = list(nominal_bands)
        self.keep_scores = scores  # only the full run's scores are reported
        self.draw_ranks: list[list[int]] = []
        self.draw_scores: list[list[float]] = []
        self.draw_bands: list[list[int]] = []
        self.draws = 0
        self.shift = 0

    def add(self, scores: list[float], bands: list[int]) -> None:
        ranks = competition_ranks(scores)
        self.shift += sum(map(abs, map(sub, ranks, self.nominal_ranks)))
        self.draws += 1
        self.draw_ranks.append(ranks)
        if self.keep_scores:
            self.draw_scores.append(scores)
        self.draw_bands.append(bands)

    def finish(self) -> None:
        """Turn the draws into one sorted series per jurisdiction (the draws are let go)."""
        self.ranks = [sorted(r) for r in zip(*self.draw_ranks, strict=True)]
        self.scores = [sorted(s) for s in zip(*self.draw_scores, strict=True)]
        self.band_changes = [
            len(b) - b.count(nominal)
            for b, nominal in zip(
                zip(*self.draw_bands, strict=True), self.nominal_bands, strict=True
            )
        ]
        self.draw_ranks, self.draw_scores, self.draw_bands = [], [], []

    def interval(self, i: int) -> tuple[int, int, int]:
        """The 5th, 50th and 95th percentiles of a jurisdiction's rank."""
        ordered = self.ranks[i]
        return (
            int(_percentile(ordered, 0.05)),
            int(_percentile(ordered, 0.5)),
            int(_percentile(ordered, 0.95)),
        )

    def band_change(self, i: int) -> float:
        return round(self.band_changes[i] / self.draws, 4)


def _run(
    model: _Model,
    settings: SensitivitySettings,
    vary: tuple[Assumption, ...],
    seed: str,
    peers: Sequence[tuple[int, int, Sequence[int]]],
) -> list[_Tally]:
    """The draws of one run, tallied per peer group: `peers` are slices of the model's
    jurisdictions (start, end, published ranks), each ranked on its own. Scores are kept
    only when every assumption varies (the run whose scores are reported)."""
    rng = random.Random(seed)
    scores_kept = vary == ASSUMPTIONS
    tallies = [
        _Tally(ranks, model.nominal_bands[start:end], scores_kept) for start, end, ranks in peers
    ]
    spread, shift = settings.weight_spread, settings.band_shift
    cache: dict[tuple[tuple[int, ...] | None, int], list[float]] = {}
    for _ in range(settings.draws):
        pillar_factor = indicator_factor = None
        aggregation: tuple[int, ...] | None = None
        missing = 0
        band_shift = None
        if "weights" in vary:
            pillar_factor = [rng.uniform(1 - spread, 1 + spread) for _ in range(model.pillars)]
            indicator_factor = [
                rng.uniform(1 - spread, 1 + spread) for _ in range(model.indicators)
            ]
        if "aggregation" in vary:
            aggregation = tuple(rng.randrange(3) for _ in range(model.pillars))
        if "missing" in vary:
            missing = rng.randrange(3)
        if "bands" in vary:
            band_shift = [rng.uniform(-shift, shift) for _ in range(model.bands)]
        if pillar_factor is None:
            # Without weights, a draw is one of few methods: score each once.
            key = (aggregation, missing)
            if key not in cache:
                cache[key] = model.scores(None, None, aggregation, missing)
            scores = cache[key]
        else:
            scores = model.scores(pillar_factor, indicator_factor, aggregation, missing)
        bands = model.bands_of(scores, band_shift)
        for (start, end, _), tally in zip(peers, tallies, strict=True):
            tally.add(scores[start:end], bands[start:end])
    for tally in tallies:
        tally.finish()
    return tallies


def analyse(results: Iterable[Result], settings: SensitivitySettings) -> SensitivityReport:
    """The sensitivity of the ranking of the latest edition of each jurisdiction in
    `results` to the method's assumptions. Like is ranked with like: countries among
    countries, and each country's subdivisions and local units among their own
    (scorecard/jurisdictions.py), each peer group drawn with the same seed."""
    (report,) = analyse_each([results], settings)
    return report


def analyse_each(
    sets: Iterable[Iterable[Result]], settings: SensitivitySettings, *, effects: bool = True
) -> list[SensitivityReport]:
    """`analyse` of each set of results, computed together: every peer group of every set
    scored against the same rubrics shares one series of draws (the same as each would draw
    on its own, from the same seed), so many small groups cost about what one does. The
    reports are those `analyse` gives each set alone. With `effects=False` each assumption
    is not varied alone: the rows have no `effects` nor `dominant` (what a rank chart shows
    needs neither), for half the work."""
    if settings.draws < 1:
        raise ValueError("draws must be at least 1")
    latests = [latest_editions(results) for results in sets]
    groups: list[tuple[int, Sequence[Result], Peer]] = [
        (k, group.members, (group.level, group.country))
        for k, latest in enumerate(latests)
        for group in peer_groups(latest, lambda r: r.assessment.code)
    ]
    found = _analyse_groups([(members, peer) for _, members, peer in groups], settings, effects)
    reports = []
    for k, latest in enumerate(latests):
        rows: list[JurisdictionSensitivity] = []
        shift_total, ranked_draws = 0.0, 0
        for (owner, _, _), (group_rows, shift, scored) in zip(groups, found, strict=True):
            if owner == k:
                rows.extend(group_rows)
                shift_total += shift
                ranked_draws += settings.draws * scored
        reports.append(
            SensitivityReport(
                settings=settings,
                rubrics=tuple(sorted({r.rubric.ref for r in latest})),
                jurisdictions=tuple(rows),
                mean_rank_shift=round(shift_total / ranked_draws, 4) if ranked_draws else None,
            )
        )
    return reports


GroupOutcome = tuple[list["JurisdictionSensitivity"], float, int]
DRAWN_TOGETHER = 128  # at most this many jurisdictions in one model (more groups, more models)


def _analyse_groups(
    groups: Sequence[tuple[Sequence[Result], Peer]],
    settings: SensitivitySettings,
    effects: bool = True,
) -> list[GroupOutcome]:
    """Each peer group's rows (ranked first, by published rank), the sum of its rank shifts
    over the draws, and how many of its jurisdictions are ranked. Groups whose models have
    the same rubrics, pillars and indicators are drawn together, in one model: their draws
    are the same, and each jurisdiction's score is computed as in its own group's model
    (the same columns in the same order; another group's columns add exact zeros)."""
    scored = [
        [r for r in latest if r.status == "scored" and r.overall is not None]
        for latest, _ in groups
    ]
    together: dict[tuple[tuple[str, ...], ...], list[list[int]]] = {}
    for k, members in enumerate(scored):
        runs = together.setdefault(_Model.keys(members), [[]])
        if runs[-1] and sum(len(scored[j]) for j in runs[-1]) + len(members) > DRAWN_TOGETHER:
            runs.append([])  # a model of its own: its draws are held in memory at once
        runs[-1].append(k)
    found: dict[int, GroupOutcome] = {}
    for ks in (ks for runs in together.values() for ks in runs):
        model = _Model([r for k in ks for r in scored[k]])
        peers: list[tuple[int, int, Sequence[int]]] = []
        start = 0
        for k in ks:
            exact = [r.overall for r in scored[k] if r.overall is not None]
            peers.append((start, start + len(exact), competition_ranks(exact)))
            start += len(exact)
        full = _run(model, settings, ASSUMPTIONS, str(settings.seed), peers)
        alone = {
            a: _run(model, settings, (a,), f"{settings.seed}:{a}", peers)
            for a in (ASSUMPTIONS if effects else ())
        }
        for n, k in enumerate(ks):
            latest, peer = groups[k]
            each = {a: tallies[n] for a, tallies in alone.items()}
            found[k] = _group_rows(latest, scored[k], peer, peers[n][2], full[n], each)
    return [found[k] for k in range(len(groups))]


def _group_rows(
    latest: Sequence[Result],
    scored: Sequence[Result],
    peer: Peer,
    nominal_ranks: Sequence[int],
    full: _Tally,
    alone: dict[Assumption, _Tally],
) -> GroupOutcome:
    rows: dict[str, JurisdictionSensitivity] = {}
    for i, result in enumerate(scored):
        low, median, high = full.interval(i)
        ordered = full.scores[i]
        effects = []
        for a in alone:
            a_low, _, a_high = alone[a].interval(i)
            effects.append(AssumptionEffect(a, a_low, a_high, alone[a].band_change(i)))
        strongest = max(effects, key=lambda e: (e.width, e.band_change), default=None)
        moved = strongest if strongest and (strongest.width or strongest.band_change) else None
        rows[result.assessment.code] = _row(
            result,
            peer,
            rank=nominal_ranks[i],
            ranks=(median, low, high),
            scores=(
                _percentile(ordered, 0.05),
                _percentile(ordered, 0.5),
                _percentile(ordered, 0.95),
            ),
            band_change=full.band_change(i),
            dominant=moved.assumption if moved else None,
            effects=tuple(effects),
        )
    for result in latest:
        if result.assessment.code not in rows:
            rows[result.assessment.code] = _row(result, peer)
    ordered_rows = sorted(rows.values(), key=lambda j: (j.rank is None, j.rank or 0, j.code))
    return ordered_rows, full.shift if scored else 0.0, len(scored)


def _row(
    result: Result,
    peer: Peer,
    *,
    rank: int | None = None,
    ranks: tuple[int, int, int] | None = None,
    scores: tuple[float, float, float] | None = None,
    band_change: float | None = None,
    dominant: Assumption | None = None,
    effects: tuple[AssumptionEffect, ...] = (),
) -> JurisdictionSensitivity:
    a = result.assessment
    return JurisdictionSensitivity(
        code=a.code,
        peer=peer,
        name=a.name,
        edition=a.edition,
        rubric=result.rubric.ref,
        status=result.status,
        score=result.overall,
        band=result.band,
        band_label=next((b.label for b in result.rubric.bands if b.id == result.band), None),
        rank=rank,
        median_rank=ranks[0] if ranks else None,
        rank_low=ranks[1] if ranks else None,
        rank_high=ranks[2] if ranks else None,
        score_low=scores[0] if scores else None,
        score_median=scores[1] if scores else None,
        score_high=scores[2] if scores else None,
        band_change=band_change,
        dominant=dominant,
        effects=effects,
        display=result.rubric.display,
    )
