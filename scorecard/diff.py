"""What changed between two results, and why: pure functions (Result, Result) -> change set.

The "why" is a list of contributions that add up exactly (Fractions) to the change of a
pillar score and of the overall score. docs/diff.md states the attribution rule; briefly,
a weighted mean moves through a chain of exact intermediate means

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

from scorecard.model import AnswerKind, Indicator, Rubric, Source, Text
from scorecard.scoring import IndicatorResult, PillarResult, Result, Status

EntryChange = Literal["added", "removed", "changed", "unchanged"]
RubricMark = Literal["same", "unchanged", "revised", "new", "removed"]
ContributionKind = Literal["indicator", "weakest_link", "coverage", "not_comparable"]


@dataclass(frozen=True)
class ScoreChange:
    """A score on both sides: each is scored, withheld, not applicable or absent (None)."""

    old_status: Status | None
    new_status: Status | None
    old: Fraction | None
    new: Fraction | None
    old_band: str | None
    new_band: str | None
    old_coverage: Fraction | None
    new_coverage: Fraction | None

    @property
    def delta(self) -> Fraction | None:
        """new - old when both sides are scored; withheld is never compared as a number."""
        if self.old is None or self.new is None:
            return None
        if self.old_status != "scored" or self.new_status != "scored":
            return None
        return self.new - self.old

    @property
    def changed(self) -> bool:
        return (self.old_status, self.old, self.old_band, self.old_coverage) != (
            self.new_status,
            self.new,
            self.new_band,
            self.new_coverage,
        )


@dataclass(frozen=True)
class IndicatorChange:
    """One indicator's answer on both sides (paired by id or by the rubric's `replaces`)."""

    id: str  # the id in the new rubric; the old id when the indicator was removed
    old_id: str | None  # the paired indicator in the old rubric
    pillar: str
    short: Text
    rubric_mark: RubricMark  # "same" when both sides use the same rubric version
    comparable: bool
    old_kind: AnswerKind | None  # None when the indicator is absent on that side
    new_kind: AnswerKind | None
    old_level: str | None
    new_level: str | None
    old_value: Fraction | None
    new_value: Fraction | None
    old_text: str | None  # the not_found / na / insufficient statement
    new_text: str | None
    evidence_added: tuple[str, ...]
    evidence_removed: tuple[str, ...]
    notes_changed: bool

    @property
    def changed(self) -> bool:
        return bool(
            self.old_kind != self.new_kind
            or self.old_level != self.new_level
            or self.old_value != self.new_value
            or self.evidence_added
            or self.evidence_removed
            or self.notes_changed
            or self.rubric_mark in ("revised", "new", "removed")
        )


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


@dataclass(frozen=True)
class PillarChange:
    id: str
    title: Text
    aggregation: str
    score: ScoreChange
    indicators: tuple[IndicatorChange, ...]
    contributions: tuple[Contribution, ...]  # to this pillar's change; empty without a delta

    @property
    def changed(self) -> bool:
        return self.score.changed or any(i.changed for i in self.indicators)


@dataclass(frozen=True)
class AssessmentDiff:
    """The change of one jurisdiction's assessment between two sides."""

    code: str
    name: Text
    change: EntryChange
    old_edition: str | None
    new_edition: str | None
    old_as_of: str | None
    new_as_of: str | None
    old_path: str | None
    new_path: str | None
    old_rubric: str | None
    new_rubric: str | None
    old_assessment_status: str | None
    new_assessment_status: str | None
    overall: ScoreChange
    pillars: tuple[PillarChange, ...]
    contributions: tuple[Contribution, ...]  # to the overall change; empty without a delta
    not_comparable: tuple[str, ...]  # new-rubric indicators that are new, revised or unpaired
    removed_indicators: tuple[str, ...]  # old-rubric indicators with no partner

    @property
    def rubric_changed(self) -> bool:
        return None not in (self.old_rubric, self.new_rubric) and self.old_rubric != self.new_rubric


@dataclass(frozen=True)
class ChangeSet:
    """Every assessment that differs between two sides (two files, or a git revision and the
    working tree); `old_label`/`new_label` say what the sides are."""

    old_label: str
    new_label: str
    entries: tuple[AssessmentDiff, ...]


# --- pairing indicators across rubric versions ----------------------------------------------


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def pair_indicators(old: Rubric, new: Rubric) -> dict[str, tuple[str | None, RubricMark]]:
    """For each indicator of `new`: its partner in `old` (or None) and its rubric mark.

    A pair is comparable only when the mark is "same" or "unchanged". The marks are read from
    the later rubric (the one whose `previous` names the other, else the higher version); the
    earlier rubric's indicators are then paired by id or by `replaces`. Rubrics with
    different ids have nothing comparable.
    """
    old_ids = {ind.id for ind in old.indicators}
    if old.ref == new.ref:
        return {ind.id: (ind.id if ind.id in old_ids else None, "same") for ind in new.indicators}
    if old.id != new.id:
        return {
            ind.id: (
                ind.id if ind.id in old_ids else None,
                "new" if ind.id not in old_ids else "revised",
            )
            for ind in new.indicators
        }
    reverse = old.previous == new.version or (
        new.previous != old.version and _version_key(old.version) > _version_key(new.version)
    )
    if not reverse:
        pairs: dict[str, tuple[str | None, RubricMark]] = {}
        for ind in new.indicators:
            partner = (
                ind.replaces if ind.replaces in old_ids else (ind.id if ind.id in old_ids else None)
            )
            mark: RubricMark = ind.change if partner is not None else "new"
            pairs[ind.id] = (partner, mark)
        return pairs
    # Diffing backwards: the old rubric carries the marks relative to the new one.
    new_ids = {ind.id for ind in new.indicators}
    back: dict[str, tuple[str | None, RubricMark]] = {
        ind.id: (None, "new") for ind in new.indicators
    }
    for ind in old.indicators:
        partner = (
            ind.replaces if ind.replaces in new_ids else (ind.id if ind.id in new_ids else None)
        )
        if partner is not None:
            back[partner] = (ind.id, "unchanged" if ind.change == "unchanged" else "revised")
    return back


# --- exact attribution ----------------------------------------------------------------------


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


def _pillar_contributions(
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


def _overall_contributions(
    old: Result, new: Result, pillar_changes: Sequence[PillarChange]
) -> tuple[Contribution, ...]:
    delta = ScoreChange(
        old.status, new.status, old.overall, new.overall, None, None, None, None
    ).delta
    if delta is None:
        return ()

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
        by_id = {pc.id: pc for pc in pillar_changes}
        for pid in common:
            share = new_scored[pid][0] / weight
            lines.extend(
                replace(line, amount=line.amount * share) for line in by_id[pid].contributions
            )
    lines.append(Contribution("coverage", None, None, {}, coverage))
    lines.append(Contribution("not_comparable", None, None, {}, not_comparable))
    return _nonzero(lines)


# --- building the change set ----------------------------------------------------------------


def _evidence_key(source: Source) -> str:
    return source.url or source.title


def _indicator_change(
    pillar_id: str,
    new_ind: Indicator | None,
    old_ind: Indicator | None,
    new: IndicatorResult | None,
    old: IndicatorResult | None,
    mark: RubricMark,
) -> IndicatorChange:
    old_keys = [_evidence_key(s) for s in old.answer.evidence] if old else []
    new_keys = [_evidence_key(s) for s in new.answer.evidence] if new else []
    shown = new_ind or old_ind
    assert shown is not None
    return IndicatorChange(
        id=shown.id,
        old_id=old_ind.id if old_ind else None,
        pillar=pillar_id,
        short=shown.short,
        rubric_mark=mark,
        comparable=mark in ("same", "unchanged") and old_ind is not None and new_ind is not None,
        old_kind=old.kind if old else None,
        new_kind=new.kind if new else None,
        old_level=old.answer.level if old else None,
        new_level=new.answer.level if new else None,
        old_value=old.value if old else None,
        new_value=new.value if new else None,
        old_text=old.answer.text if old else None,
        new_text=new.answer.text if new else None,
        evidence_added=tuple(dict.fromkeys(k for k in new_keys if k not in old_keys)),
        evidence_removed=tuple(dict.fromkeys(k for k in old_keys if k not in new_keys)),
        notes_changed=(old.answer.notes if old else None) != (new.answer.notes if new else None)
        and old is not None
        and new is not None,
    )


def _score_change(
    old: PillarResult | Result | None, new: PillarResult | Result | None
) -> ScoreChange:
    def parts(
        r: PillarResult | Result | None,
    ) -> tuple[Status | None, Fraction | None, str | None, Fraction | None]:
        if r is None:
            return None, None, None, None
        value = r.score if isinstance(r, PillarResult) else r.overall
        return r.status, value, r.band, r.coverage

    o, n = parts(old), parts(new)
    return ScoreChange(o[0], n[0], o[1], n[1], o[2], n[2], o[3], n[3])


def diff_results(old: Result | None, new: Result | None) -> AssessmentDiff:
    """The change from `old` to `new` (either may be None: an added or removed assessment)."""
    if old is None and new is None:
        raise ValueError("diff_results needs at least one result")
    shown = new or old
    assert shown is not None
    pairs = pair_indicators(old.rubric, new.rubric) if old and new else {}
    comparable = {n: o for n, (o, mark) in pairs.items() if o and mark in ("same", "unchanged")}
    partnered = {o for o, _ in pairs.values() if o}
    old_pillars = {p.id: p for p in old.pillars} if old else {}
    new_pillars = {p.id: p for p in new.pillars} if new else {}
    old_by_ind = {i.id: i for p in old.pillars for i in p.indicators} if old else {}
    old_pillar_of = {i.id: p.id for p in old.pillars for i in p.indicators} if old else {}

    pillar_ids = list(new_pillars) + [pid for pid in old_pillars if pid not in new_pillars]
    changes: list[PillarChange] = []
    for pid in pillar_ids:
        np_, op_ = new_pillars.get(pid), old_pillars.get(pid)
        indicators: list[IndicatorChange] = []
        local_partner: dict[str, str] = {}
        labels: dict[str, Text] = {}
        if np_ is not None:
            for ir in np_.indicators:
                labels[ir.id] = ir.indicator.short
                if old is None:
                    indicators.append(_indicator_change(pid, ir.indicator, None, ir, None, "same"))
                    continue
                partner, mark = pairs[ir.id]
                old_ir = old_by_ind.get(partner) if partner else None
                if partner and ir.id in comparable and old_pillar_of.get(partner) == pid:
                    local_partner[ir.id] = partner
                indicators.append(
                    _indicator_change(
                        pid, ir.indicator, old_ir.indicator if old_ir else None, ir, old_ir, mark
                    )
                )
        if op_ is not None:
            for ir in op_.indicators:
                if new is None:
                    indicators.append(_indicator_change(pid, None, ir.indicator, None, ir, "same"))
                elif ir.id not in partnered:
                    indicators.append(
                        _indicator_change(pid, None, ir.indicator, None, ir, "removed")
                    )
        score = _score_change(op_, np_)
        contributions: tuple[Contribution, ...] = ()
        if score.delta is not None and np_ is not None and op_ is not None:
            contributions = _pillar_contributions(op_, np_, local_partner, labels)
        shown_pillar = np_ or op_
        assert shown_pillar is not None
        changes.append(
            PillarChange(
                id=pid,
                title=shown_pillar.pillar.title,
                aggregation=shown_pillar.pillar.aggregation,
                score=score,
                indicators=tuple(indicators),
                contributions=contributions,
            )
        )

    overall = _score_change(old, new)
    contributions = _overall_contributions(old, new, changes) if old and new else ()
    if old is None:
        change: EntryChange = "added"
    elif new is None:
        change = "removed"
    elif (old.assessment.sha256, old.rubric.sha256) == (new.assessment.sha256, new.rubric.sha256):
        change = "unchanged"
    else:
        change = "changed"
    return AssessmentDiff(
        code=shown.assessment.code,
        name=shown.assessment.name,
        change=change,
        old_edition=old.assessment.edition if old else None,
        new_edition=new.assessment.edition if new else None,
        old_as_of=old.assessment.as_of if old else None,
        new_as_of=new.assessment.as_of if new else None,
        old_path=old.assessment.source_path if old else None,
        new_path=new.assessment.source_path if new else None,
        old_rubric=old.rubric.ref if old else None,
        new_rubric=new.rubric.ref if new else None,
        old_assessment_status=old.assessment.status if old else None,
        new_assessment_status=new.assessment.status if new else None,
        overall=overall,
        pillars=tuple(changes),
        contributions=contributions,
        not_comparable=tuple(
            n for n, (_, mark) in pairs.items() if mark not in ("same", "unchanged")
        ),
        removed_indicators=tuple(
            i.id for i in (old.rubric.indicators if old and new else ()) if i.id not in partnered
        ),
    )


def diff_pairs(
    pairs: Iterable[tuple[Result | None, Result | None]],
    old_label: str,
    new_label: str,
    *,
    keep_unchanged: bool = False,
) -> ChangeSet:
    """A change set from (old, new) pairs, ordered by jurisdiction code and edition."""
    entries = [diff_results(old, new) for old, new in pairs]
    if not keep_unchanged:
        entries = [e for e in entries if e.change != "unchanged"]
    entries.sort(key=lambda e: (e.code, e.new_edition or e.old_edition or ""))
    return ChangeSet(old_label, new_label, tuple(entries))


@dataclass(frozen=True)
class Drop:
    """A score the CI gate stops on: it `fell` by `points` (as displayed), or is `withheld`
    or `not_applicable` now where it was scored. `pillar` is None for the overall score."""

    code: str
    edition: str
    pillar: str | None
    kind: Literal["fell", "withheld", "not_applicable"]
    old: Fraction | None
    new: Fraction | None
    points: Fraction | None


def drops(entry: AssessmentDiff, points: Fraction, per_pillar: bool) -> list[Drop]:
    """What fell by more than `points` (as displayed, one decimal), for the CI gate.

    A score that was scored and is now withheld or not applicable counts as a drop: removing
    answers must not be a way around the gate.
    """
    from scorecard.scoring import display

    edition = entry.new_edition or entry.old_edition or ""

    def check(pillar: str | None, change: ScoreChange) -> Drop | None:
        delta = change.delta
        if delta is not None:
            shown = display(delta)
            assert shown is not None
            if -Fraction(shown) > points:
                fell = -Fraction(shown)
                return Drop(entry.code, edition, pillar, "fell", change.old, change.new, fell)
            return None
        if change.old_status == "scored" and change.new_status in ("withheld", "not_applicable"):
            kind: Literal["withheld", "not_applicable"] = (
                "withheld" if change.new_status == "withheld" else "not_applicable"
            )
            return Drop(entry.code, edition, pillar, kind, change.old, None, None)
        return None

    found = [check(None, entry.overall)]
    if per_pillar:
        found += [check(pillar.id, pillar.score) for pillar in entry.pillars]
    return [drop for drop in found if drop is not None]
