"""diff.py: what changed between two results, and contributions that add up exactly."""

from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path

import pytest

from scorecard.api import score_files
from scorecard.diff import AssessmentDiff, diff_pairs, diff_results, pair_indicators
from scorecard.gate import drops
from scorecard.i18n import translator
from scorecard.render.changes import contribution_label, explain, indicator_summary
from scorecard.scoring import Result
from scorecard.workspace import open_workspace

DIFF = Path(__file__).resolve().parent / "data" / "diff"


def results(code: str) -> tuple[Result, Result]:
    workspace = open_workspace(DIFF)
    root = DIFF / "assessments" / code
    old, new = score_files([root / "2023.yaml", root / "2024.yaml"], workspace)
    return old, new


def change(code: str) -> AssessmentDiff:
    return diff_results(*results(code))


def indicator(entry: AssessmentDiff, indicator_id: str):
    return next(i for p in entry.pillars for i in p.indicators if i.id == indicator_id)


@pytest.mark.parametrize("code", ["XB", "XC", "XD"])
def test_contributions_add_up_exactly_to_every_change(code: str) -> None:
    entry = change(code)
    assert entry.overall.delta is not None
    assert sum((c.amount for c in entry.contributions), Fraction(0)) == entry.overall.delta
    for pillar in entry.pillars:
        if pillar.score.delta is not None:
            total = sum((c.amount for c in pillar.contributions), Fraction(0))
            assert total == pillar.score.delta


def test_unchanged_scored_sets_use_the_weight_formula() -> None:
    entry = change("XB")
    # overall 210/4.5 -> 245/4.5; homicide weight 2 of 4.5, security-forces weight 2 of 4.
    assert entry.overall.old == Fraction(420, 9) and entry.overall.new == Fraction(490, 9)
    by_indicator = {c.indicator: c.amount for c in entry.contributions if c.kind == "indicator"}
    assert by_indicator["homicide.security-forces"] == Fraction(4, 9) * Fraction(2, 4) * (0 - 40)
    assert by_indicator["homicide.hidden"] == Fraction(4, 9) * Fraction(1, 4) * 70
    assert by_indicator["budget.published"] == Fraction(2, 9) * Fraction(1, 2) * 50
    assert not [c for c in entry.contributions if c.kind in ("coverage", "not_comparable")]
    # The weakest-link pillar's whole change, with the indicators that set its minimum.
    (weakest,) = [c for c in entry.contributions if c.kind == "weakest_link"]
    assert weakest.amount == Fraction(1, 3) * 10
    assert weakest.minimum_old == ("emergency.time-bound",)
    assert weakest.minimum_new == ("emergency.objectives",)
    # Largest first.
    assert entry.contributions[0].indicator == "homicide.security-forces"


def test_each_kind_of_indicator_change_is_reported() -> None:
    entry = change("XB")
    forces = indicator(entry, "homicide.security-forces")
    assert (forces.old_kind, forces.new_kind) == ("level", "not_found")
    assert (forces.old_value, forces.new_value) == (40, 0)
    assert forces.evidence_removed == ("https://example.org/xb/yearbook-2022",)
    assert forces.new_text and forces.new_text.startswith("Searched")
    prisons = indicator(entry, "homicide.prisons")
    assert prisons.evidence_added == ("https://example.org/xb/ombudsman",)
    assert prisons.evidence_removed == ()
    assert (prisons.old_level, prisons.new_level) == ("full", "full")
    audited = indicator(entry, "budget.audited")
    assert audited.notes_changed and not audited.evidence_added
    assert audited.changed
    assert entry.pillars[1].score.old_band == "limited"
    assert entry.pillars[1].score.new_band == "substantial"


def test_evidence_without_url_is_keyed_by_title(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    shutil.copytree(DIFF, target)
    path = target / "assessments" / "XB" / "2024.yaml"
    text = path.read_text(encoding="utf-8").replace("Internal audit note", "Internal audit memo")
    path.write_text(text, encoding="utf-8")
    workspace = open_workspace(target)
    old, new = score_files([path.with_name("2023.yaml"), path], workspace)
    audited = indicator(diff_results(old, new), "budget.audited")
    assert audited.evidence_added == ("Internal audit memo",)
    assert audited.evidence_removed == ("Internal audit note",)


def test_coverage_changes_and_withheld_pillars() -> None:
    entry = change("XC")
    budget = next(p for p in entry.pillars if p.id == "budget")
    assert (budget.score.old_status, budget.score.new_status) == ("withheld", "scored")
    assert budget.score.old is None and budget.score.delta is None
    assert budget.contributions == ()
    homicide = next(p for p in entry.pillars if p.id == "homicide")
    # prisons became scored: the whole pillar change is a change in what is scored.
    assert [c.kind for c in homicide.contributions] == ["coverage"]
    assert homicide.contributions[0].amount == Fraction(40) - Fraction(110, 3)
    kinds = {(c.kind, c.pillar) for c in entry.contributions}
    assert ("coverage", None) in kinds  # the budget pillar is scored again
    assert ("weakest_link", "emergency") in kinds
    time_bound = indicator(entry, "emergency.time-bound")
    assert (time_bound.old_kind, time_bound.new_kind) == ("na", "level")
    prisons = indicator(entry, "homicide.prisons")
    assert (prisons.old_kind, prisons.new_kind) == ("insufficient", "level")


def test_rubric_version_change_pairs_by_replaces_and_excludes_revised_and_new() -> None:
    old, new = results("XD")
    pairs = pair_indicators(old.rubric, new.rubric)
    assert pairs["homicide.hidden-crimes"] == ("homicide.hidden", "unchanged")
    assert pairs["homicide.prisons"] == ("homicide.prisons", "revised")
    assert pairs["budget.execution"] == (None, "new")
    entry = diff_results(old, new)
    assert entry.rubric_changed
    assert entry.not_comparable == ("homicide.prisons", "budget.execution")
    assert entry.removed_indicators == ()
    indicators = {c.indicator for c in entry.contributions if c.kind == "indicator"}
    assert indicators == {"homicide.security-forces", "homicide.hidden-crimes"}
    homicide = next(p for p in entry.pillars if p.id == "homicide")
    amounts = {(c.kind, c.indicator): c.amount for c in homicide.contributions}
    assert amounts[("indicator", "homicide.security-forces")] == Fraction(2, 3) * 60
    assert amounts[("indicator", "homicide.hidden-crimes")] == Fraction(1, 3) * 70
    # 85 - 100 (new over comparable) + 110/3 - 40 (old over comparable)
    assert amounts[("not_comparable", None)] == Fraction(-15) + Fraction(110, 3) - 40
    assert sum(amounts.values()) == 45


def test_diffing_backwards_reads_the_marks_from_the_old_rubric() -> None:
    old, new = results("XD")
    entry = diff_results(new, old)
    assert set(entry.not_comparable) == {"homicide.prisons"}
    assert entry.removed_indicators == ("budget.execution",)
    assert sum((c.amount for c in entry.contributions), Fraction(0)) == entry.overall.delta


def test_same_result_is_unchanged_and_dropped_from_a_change_set() -> None:
    old, _ = results("XB")
    assert diff_results(old, old).change == "unchanged"
    assert diff_results(old, old).contributions == ()
    assert diff_pairs([(old, old)], "a", "b").entries == ()
    assert len(diff_pairs([(old, old)], "a", "b", keep_unchanged=True).entries) == 1


def test_added_and_removed_assessments() -> None:
    old, new = results("XB")
    added = diff_results(None, new)
    removed = diff_results(old, None)
    assert (added.change, removed.change) == ("added", "removed")
    assert added.overall.delta is None and added.overall.old_status is None
    assert removed.overall.new_status is None
    with pytest.raises(ValueError):
        diff_results(None, None)


def test_drops_gate_overall_and_pillars() -> None:
    entry = change("XC")  # overall 42.4 -> 41.1 (-1.3); emergency -10
    assert drops(entry, Fraction(2), per_pillar=False) == []
    assert len(drops(entry, Fraction(1), per_pillar=False)) == 1
    pillar_drops = drops(entry, Fraction(2), per_pillar=True)
    assert [(d.pillar, d.kind, d.points) for d in pillar_drops] == [("emergency", "fell", 10)]
    # The gate compares the change as displayed: -1.3 is not more than 1.3.
    assert drops(entry, Fraction(13, 10), per_pillar=False) == []
    # Scored -> withheld counts as a drop.
    reverse = diff_results(*reversed(results("XC")))
    assert any(d.kind == "withheld" for d in drops(reverse, Fraction(50), per_pillar=True))


def test_wording_in_english_and_spanish() -> None:
    entry = change("XB")
    en, es = translator("en"), translator("es-EC")  # Ecuador: decimal commas
    # The change shown is the difference of the scores shown: 54.4 - 46.7 = 7.7 (the exact
    # change rounds to 7.8 on its own, which readers would call an error).
    assert entry.overall.delta is not None and round(float(entry.overall.delta), 1) == 7.8
    assert explain(entry, en, "en", top=1) == (
        "overall +7.7 (46.7 → 54.4), of which −8.9 from homicide.security-forces "
        "(Killings by security forces); and 3 more"
    )
    assert explain(entry, es, "es", top=1) == (
        "global +7,7 (46,7 → 54,4), de lo cual −8,9 por homicide.security-forces "
        "(Muertes a manos de fuerzas de seguridad); y 3 más"
    )
    weakest = next(c for c in entry.contributions if c.kind == "weakest_link")
    assert contribution_label(weakest, en, "en") == (
        "States of exception (emergency) weakest link "
        "(minimum set by emergency.time-bound → emergency.objectives)"
    )
    assert contribution_label(weakest, es, "es").startswith("eslabón más débil de Estados de")
    assert (en.signed(Fraction(-89, 10)), es.signed(Fraction(-89, 10))) == ("−8.9", "−8,9")
    assert en.signed(None) == "" and es.signed(Fraction(0)) == "0,0"
    forces = indicator(entry, "homicide.security-forces")
    assert indicator_summary(forces, en)[0].startswith("level aggregate → not found (")
    assert indicator_summary(forces, es)[1] == "valor 40,0 → 0,0"
