"""What the site's templates show (scorecard/site/views.py): strings in one language."""

from __future__ import annotations

from fractions import Fraction

import pytest
from conftest import REPO
from site_support import TWO_RUBRICS, scored

from scorecard.diff import diff_results
from scorecard.i18n import translator
from scorecard.scoring import Result
from scorecard.site.plan import SitePlan
from scorecard.site.views import (
    changes_view,
    index_intro,
    jurisdiction_view,
    language_choices,
    ranking_rows,
    signed,
    site_nav,
    status_flag,
)


@pytest.fixture(scope="module")
def two_rubrics() -> SitePlan:
    return SitePlan(scored(TWO_RUBRICS), ["en", "es"])


@pytest.fixture(scope="module")
def bundled() -> SitePlan:
    return SitePlan(scored(REPO), ["en"])


def test_ranking_rows_number_scored_jurisdictions_from_the_top(two_rubrics: SitePlan) -> None:
    rows = ranking_rows(two_rubrics.latest, translator("en"))
    assert [(r["rank"], r["code"]) for r in rows] == [("1", "XD"), ("2", "XB"), ("3", "XC")]
    top = rows[0]
    assert top["score"] == "81.5" and top["band"] == "Extensive"
    assert top["href"] == "XD/index.html" and top["scorecard"] == "XD/2024.html"
    assert top["status"] == "" and rows[2]["status"] == "Draft"
    assert rows[0]["as_of_iso"] == "2024-06-30"


def test_withheld_scores_get_no_rank_and_are_never_zero(bundled: SitePlan) -> None:
    rows = ranking_rows(bundled.latest, translator("en"))
    withheld = translator("en")("score.withheld")
    held = [r for r in rows if r["score"] == withheld]
    assert held, "the bundled assessments have withheld scores"
    assert {r["rank"] for r in held} == {"—"}
    assert rows[-len(held) :] == held  # listed last
    ranked = [r["rank"] for r in rows if r["score"] != withheld]
    assert ranked == [str(n) for n in range(1, len(ranked) + 1)]


def test_rows_and_intro_speak_the_language_asked(two_rubrics: SitePlan) -> None:
    es = ranking_rows(two_rubrics.latest, translator("es"))
    assert es[0]["score"] == "81.5"
    assert es[2]["status"] == translator("es")("status.draft") != "draft"
    intro = index_intro(two_rubrics.latest, len(two_rubrics.results), translator("en"))
    assert intro["summary"] == "3 jurisdictions, 6 editions assessed"
    assert intro["banner"].startswith("1 of these")


def test_an_index_of_published_findings_has_no_banner(two_rubrics: SitePlan) -> None:
    published = [r for r in two_rubrics.latest if r.assessment.status == "published"]
    assert index_intro(published, 4, translator("en"))["banner"] == ""


def test_jurisdiction_view_lists_editions_newest_first(two_rubrics: SitePlan) -> None:
    view = jurisdiction_view("XD", two_rubrics.groups["XD"], translator("en"))
    assert [e["edition"] for e in view["editions"]] == ["2024", "2023"]
    newest, oldest = view["editions"]
    assert newest["rubric"] == "diff-rubric@1.1" and newest["rubric_changed"] is True
    assert oldest["rubric_changed"] is False
    assert newest["href"] == "2024.html" and newest["json"] == "2024.json"
    assert len(newest["pillars"]) == len(view["pillars"]) == 3
    assert view["badge"] == "../badges/XD.svg" and view["banner"] == ""
    draft = jurisdiction_view("XC", two_rubrics.groups["XC"], translator("en"))
    assert draft["banner"] != "" and "Withheld" in draft["editions"][1]["pillars"]


def test_changes_view_explains_the_move(two_rubrics: SitePlan) -> None:
    old, new = two_rubrics.groups["XB"]
    view = changes_view(diff_results(old, new), "<svg/>", translator("en"))
    assert view["old_edition"] == "2023" and view["new_edition"] == "2024"
    assert view["headline"] == "Overall +7.7 (46.7 → 54.4)."
    assert view["rows"][-1]["label"] == translator("en")("overall.heading")
    assert view["rows"][-1]["delta"] == "+7.7"  # 54.4 - 46.7: the change of the figures shown
    assert view["contributions"] and view["indicators"]
    assert view["rubric_note"] == ""


def test_changes_across_rubric_versions_say_so(two_rubrics: SitePlan) -> None:
    old, new = two_rubrics.groups["XD"]
    view = changes_view(diff_results(old, new), "", translator("en"))
    assert "diff-rubric@1.0 → diff-rubric@1.1" in view["rubric_note"]


def test_signed_and_status_words(two_rubrics: SitePlan) -> None:
    t = translator("en")
    assert signed(t, Fraction(0)) == "±0.0"
    assert signed(t, Fraction(-1, 3)) == "−0.3" or signed(t, Fraction(-1, 3)) == "-0.3"
    published: Result = two_rubrics.groups["XB"][-1]
    assert status_flag(t, published) == ""


def test_nav_links_are_relative_and_reach_the_other_languages() -> None:
    nav = site_nav(("en", "es"), "es", "SV/2024.html", [("El Salvador", "SV/index.html")])
    assert [(link.label, link.href, link.current) for link in nav.links] == [
        (translator("es")("site.nav.home"), "../index.html", False),
        ("El Salvador", "../SV/index.html", False),
        (translator("es")("site.nav.methodology"), "../methodology.html", False),
    ]
    assert [(link.href, link.lang, link.current) for link in nav.languages] == [
        ("../../en/SV/2024.html", "en", False),
        ("../../es/SV/2024.html", "es", True),
    ]
    home = site_nav(("en",), "en", "index.html")
    assert home.languages == [] and home.links[0].current is True


def test_language_choices_name_each_language_in_itself() -> None:
    assert language_choices(("en", "es")) == [
        ("en", "English", "en/index.html"),
        ("es", "Español", "es/index.html"),
    ]


def test_the_summary_counts_in_words_with_plurals() -> None:
    en, es = translator("en"), translator("es")
    one = index_intro([], 1, en)["summary"]
    assert one == "0 jurisdictions, 1 edition assessed"
    assert index_intro([], 1, es)["summary"] == "0 jurisdicciones, 1 edición evaluada"
