"""The CI gate over a change set: which scores fell by more than a limit, or are no longer
scored (removing answers must not be a way around the gate)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from scorecard.diff import AssessmentDiff, ScoreChange
from scorecard.model import DEFAULT_DISPLAY, Display


@dataclass(frozen=True)
class Drop:
    """A score the CI gate stops on: it `fell` by `points` (as displayed), or is `withheld`
    or `not_applicable` now where it was scored. `pillar` is None for the overall score."""

    code: str
    edition: str
    pillar: str | None
    kind: Literal["fell", "withheld", "not_applicable", "removed"]  # removed: a published edition
    old: Fraction | None
    new: Fraction | None
    points: Fraction | None  # on the rubric's display scale, as the diff shows the change
    display: Display = DEFAULT_DISPLAY  # the rule the diff shows both sides by


def drops(entry: AssessmentDiff, points: Fraction, per_pillar: bool) -> list[Drop]:
    """What fell by more than `points` (as displayed: the difference of the two scores shown,
    by the rubric's display rule), for the CI gate.

    A score that was scored and is now withheld or not applicable counts as a drop: removing
    answers must not be a way around the gate.
    """
    edition = entry.new_edition or entry.old_edition or ""

    def check(pillar: str | None, change: ScoreChange) -> Drop | None:
        shown = change.shown_delta
        if shown is not None:
            if -Fraction(shown) > points:
                fell = -Fraction(shown)
                return Drop(
                    entry.code, edition, pillar, "fell", change.old, change.new, fell, entry.display
                )
            return None
        if change.old_status == "scored" and change.new_status in ("withheld", "not_applicable"):
            kind: Literal["withheld", "not_applicable"] = (
                "withheld" if change.new_status == "withheld" else "not_applicable"
            )
            return Drop(entry.code, edition, pillar, kind, change.old, None, None, entry.display)
        return None

    found = [check(None, entry.overall)]
    if per_pillar:
        found += [check(pillar.id, pillar.score) for pillar in entry.pillars]
    return [drop for drop in found if drop is not None]
