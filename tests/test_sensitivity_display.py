"""Sensitivity and the display rule: a published band is the band of the score shown, so the
draws band their scores the same way, and a score shown on a band's edge is not counted as a
band change in every draw where nothing moved it."""

from __future__ import annotations

from test_scoring import assessment, indicator, pillar, rubric, score

from scorecard.sensitivity import SensitivitySettings, analyse

STILL = SensitivitySettings(draws=50, seed=1, weight_spread=0.0, band_shift=0.0)


def test_a_score_shown_on_a_band_edge_keeps_its_band_in_the_draws() -> None:
    # One indicator: every aggregation gives the same score, nothing is missing, and with no
    # weight spread or band shift no draw can move it.
    data = rubric(pillar("p", indicator("a", levels=(0, 39.96, 100))))
    edge = score(data, assessment({"a": 39.96}, code="XA"))
    other = score(data, assessment({"a": 100}, code="XB"))
    assert edge.band == "medium"  # shown 40.0: the band that starts at 40
    report = analyse([edge, other], STILL)
    row = next(j for j in report.jurisdictions if j.code == "XA")
    assert row.band_change == 0.0


def test_the_display_rule_decides_the_draws_bands_too() -> None:
    whole = {**rubric(pillar("p", indicator("a", levels=(0, 39.4, 39.5, 100))))}
    whole["display"] = {"places": 0, "rounding": "half_up"}
    up = score(whole, assessment({"a": 39.5}, code="XA"))  # shown 40: "medium"
    down = score(whole, assessment({"a": 39.4}, code="XB"))  # shown 39: "low"
    assert (up.band, down.band) == ("medium", "low")
    report = analyse([up, down], STILL)
    assert [j.band_change for j in report.jurisdictions] == [0.0, 0.0]
