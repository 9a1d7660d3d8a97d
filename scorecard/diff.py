"""What changed between two results, and why: pure functions (Result, Result) -> change set.

Each change carries its "why": contributions that add up exactly to the change of a pillar
score and of the overall score (`scorecard.attribution` states and applies the rule). The CI
gate over a change set is `scorecard.gate`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from scorecard.attribution import Contribution as Contribution  # part of a change set's API
from scorecard.attribution import overall_contributions, pillar_contributions
from scorecard.diff_records import RecordChange, match_evidence, record_changes
from scorecard.model import DEFAULT_DISPLAY, AnswerKind, Display, Indicator, Rubric, Text
from scorecard.scoring import IndicatorResult, PillarResult, Result, Status, shown_change

EntryChange = Literal["added", "removed", "changed", "unchanged"]
RubricMark = Literal["same", "unchanged", "revised", "new", "removed"]


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
    # The rule both sides are shown by: the newer side's rubric's (a diff shows one scale).
    display: Display = DEFAULT_DISPLAY

    @property
    def delta(self) -> Fraction | None:
        """new - old when both sides are scored; withheld is never compared as a number."""
        if self.old is None or self.new is None:
            return None
        if self.old_status != "scored" or self.new_status != "scored":
            return None
        return self.new - self.old

    @property
    def shown_delta(self) -> Decimal | None:
        """The change people read: shown(new) - shown(old), so the figures add up."""
        if self.delta is None:
            return None
        return shown_change(self.old, self.new, self.display)

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
    # Sources that are the same source on both sides (by title, or by URL) with a detail
    # changed (a corrected URL, a new date or quote): "source updated", not added and removed.
    evidence_updated: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(
            self.old_kind != self.new_kind
            or self.old_level != self.new_level
            or self.old_value != self.new_value
            or self.evidence_added
            or self.evidence_removed
            or self.evidence_updated
            or self.notes_changed
            or self.rubric_mark in ("revised", "new", "removed")
        )


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
    records: tuple[RecordChange, ...] = ()  # status, reviewers, right of reply, corrections
    # Each band id's label in the rubrics of both sides (the newer side's wins), so reports
    # can name a band in their language; the JSON keeps the ids.
    band_labels: tuple[tuple[str, Text], ...] = ()
    display: Display = DEFAULT_DISPLAY  # the newer side's rubric's rule, for every figure

    @property
    def baseline(self) -> bool:
        """An added edition compared with the jurisdiction's previous edition."""
        return self.change == "added" and self.old_edition is not None

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


# --- building the change set ----------------------------------------------------------------


def _indicator_change(
    pillar_id: str,
    new_ind: Indicator | None,
    old_ind: Indicator | None,
    new: IndicatorResult | None,
    old: IndicatorResult | None,
    mark: RubricMark,
) -> IndicatorChange:
    added, removed, updated = match_evidence(
        old.answer.evidence if old else (), new.answer.evidence if new else ()
    )
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
        evidence_added=added,
        evidence_removed=removed,
        evidence_updated=updated,
        notes_changed=(old.answer.notes if old else None) != (new.answer.notes if new else None)
        and old is not None
        and new is not None,
    )


def _score_change(
    old: PillarResult | Result | None,
    new: PillarResult | Result | None,
    rule: Display = DEFAULT_DISPLAY,
) -> ScoreChange:
    def parts(
        r: PillarResult | Result | None,
    ) -> tuple[Status | None, Fraction | None, str | None, Fraction | None]:
        if r is None:
            return None, None, None, None
        value = r.score if isinstance(r, PillarResult) else r.overall
        return r.status, value, r.band, r.coverage

    o, n = parts(old), parts(new)
    return ScoreChange(o[0], n[0], o[1], n[1], o[2], n[2], o[3], n[3], rule)


def diff_results(old: Result | None, new: Result | None, *, added: bool = False) -> AssessmentDiff:
    """The change from `old` to `new` (either may be None: an added or removed assessment).
    `added`: `new` is an added edition and `old` the jurisdiction's previous edition, with
    which it is compared."""
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
        score = _score_change(op_, np_, shown.rubric.display)
        contributions: tuple[Contribution, ...] = ()
        if score.delta is not None and np_ is not None and op_ is not None:
            contributions = pillar_contributions(op_, np_, local_partner, labels)
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

    overall = _score_change(old, new, shown.rubric.display)
    lines: dict[str, tuple[Contribution, ...]] = {c.id: c.contributions for c in changes}
    why = overall_contributions(old, new, lines) if old and new else ()
    if old is None or added:
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
        contributions=why,
        not_comparable=tuple(
            n for n, (_, mark) in pairs.items() if mark not in ("same", "unchanged")
        ),
        removed_indicators=tuple(
            i.id for i in (old.rubric.indicators if old and new else ()) if i.id not in partnered
        ),
        records=()
        if added
        else record_changes(old.assessment if old else None, new.assessment if new else None),
        band_labels=tuple(
            {
                band.id: band.label
                for side in (old, new)
                if side is not None
                for band in side.rubric.bands
            }.items()
        ),
        display=shown.rubric.display,
    )


def diff_pairs(
    pairs: Iterable[tuple[Result | None, Result | None]],
    old_label: str,
    new_label: str,
    *,
    keep_unchanged: bool = False,
    baselines: Iterable[tuple[Result, Result]] = (),
) -> ChangeSet:
    """A change set from (old, new) pairs, ordered by jurisdiction code and edition.
    `baselines` are (previous edition, added edition) pairs: added editions, each compared
    with its jurisdiction's previous edition."""
    entries = [diff_results(old, new) for old, new in pairs]
    entries += [diff_results(old, new, added=True) for old, new in baselines]
    if not keep_unchanged:
        entries = [e for e in entries if e.change != "unchanged"]
    entries.sort(key=lambda e: (e.code, e.new_edition or e.old_edition or ""))
    return ChangeSet(old_label, new_label, tuple(entries))
