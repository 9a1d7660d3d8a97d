"""The site's plan (scorecard/site/plan.py): every file as a page record, before rendering."""

from __future__ import annotations

from collections import Counter
from pathlib import Path, PurePosixPath

import pytest
from conftest import REPO
from site_support import TWO_RUBRICS, scored

from scorecard.scoring import Result
from scorecard.site.plan import SitePlan, group_by_jurisdiction, ranking_key, version_key


@pytest.fixture(scope="module")
def bundled() -> list[Result]:
    return scored(REPO)


@pytest.fixture(scope="module")
def two_rubrics() -> list[Result]:
    return scored(TWO_RUBRICS)


def _paths(plan: SitePlan) -> list[str]:
    return [str(p.path) for p in plan.pages]


def _per_language(results: list[Result]) -> int:
    """index + methodology, per jurisdiction a page and a badge, three files per edition, and
    the two data files."""
    jurisdictions = len({r.assessment.code for r in results})
    return 2 + 2 * jurisdictions + 3 * len(results) + 2


def test_a_one_language_site_sits_at_the_root(bundled: list[Result]) -> None:
    plan = SitePlan(bundled, ["en"])
    paths = _paths(plan)
    assert paths[:2] == ["index.html", "methodology.html"]
    assert "SV/index.html" in paths and "SV/2024.json" in paths and "badges/HN.svg" in paths
    assert paths[-2:] == ["data/scores.json", "data/scores.csv"]
    assert len(plan.pages) == _per_language(bundled) >= 2 + 2 * 3 + 3 * 3 + 2
    assert plan.page_count == len(plan.pages)
    assert not any(p.kind == "languages" for p in plan.pages)


def test_each_language_has_a_subtree_and_the_root_a_chooser(bundled: list[Result]) -> None:
    plan = SitePlan(bundled, ["en", "es"])
    paths = _paths(plan)
    assert len(paths) == len(set(paths)) == 2 * _per_language(bundled) + 1
    assert paths[-1] == "index.html" and plan.pages[-1].kind == "languages"
    assert plan.page_count == len(plan.pages)
    for lang in ("en", "es"):
        mine = [p for p in plan.pages if p.lang == lang and p.kind != "languages"]
        assert len(mine) == _per_language(bundled)
        assert all(p.path.parts[0] == lang for p in mine)
        assert f"{lang}/data/scores.csv" in paths


def test_every_rubric_version_in_use_gets_a_methodology_page(two_rubrics: list[Result]) -> None:
    plan = SitePlan(two_rubrics, ["en", "es"])
    assert [r.ref for r in plan.rubrics] == ["diff-rubric@1.0", "diff-rubric@1.1"]
    methodology = [str(p.path) for p in plan.pages if p.kind == "methodology"]
    assert methodology == [
        "en/methodology-diff-rubric-1.0.html",
        "en/methodology.html",
        "es/methodology-diff-rubric-1.0.html",
        "es/methodology.html",
    ]
    kinds = Counter(p.kind for p in plan.pages)
    assert kinds == {
        "index": 2,
        "methodology": 4,
        "jurisdiction": 6,
        "scorecard": 2 * 6 * 3,
        "badge": 6,
        "scores-json": 2,
        "scores-csv": 2,
        "languages": 1,
    }


def test_the_plan_is_what_a_build_writes(tmp_path: Path, run) -> None:
    """The plan lists exactly the files of the built site (besides its marker)."""
    result = run("--workspace", TWO_RUBRICS, "build", "-o", tmp_path / "out", "--lang", "all")
    assert result.exit_code == 0, result.stderr
    written = {
        p.relative_to(tmp_path / "out").as_posix()
        for p in (tmp_path / "out").rglob("*")
        if p.is_file() and p.name != ".scorecard-site"
    }
    # The workspace publishes `published` editions only (the default): XC, a draft, is left out.
    planned = set(_paths(SitePlan(scored(TWO_RUBRICS), ["en", "es"], ("published",))))
    assert written == planned
    assert not any("XC" in path for path in written)


def test_jurisdiction_pages_are_the_pages_of_one_code(bundled: list[Result]) -> None:
    plan = SitePlan(bundled, ["en", "es"])
    sv = plan.jurisdiction_pages("es", "SV")
    editions = [r.assessment.edition for r in plan.groups["SV"]]
    assert len(editions) >= 2 and editions[-1] == "2024"
    assert [str(p.path) for p in sv] == [
        "es/SV/index.html",
        *[f"es/SV/{edition}.{fmt}" for edition in editions for fmt in ("html", "md", "json")],
        "es/badges/SV.svg",
    ]
    everything = list(plan.root_pages())
    for lang in plan.languages:
        everything += plan.shared_pages(lang) + plan.data_pages(lang)
        for code in plan.groups:
            everything += plan.jurisdiction_pages(lang, code)
    assert sorted(everything, key=str) == sorted(plan.pages, key=str)  # each page in one part


def test_links_are_relative_to_the_page_inside_its_language(bundled: list[Result]) -> None:
    plan = SitePlan(bundled, ["en", "es"])
    page = next(p for p in plan.pages if p.path == PurePosixPath("es/SV/2024.html"))
    assert plan.here(page) == "SV/2024.html"
    assert plan.here(plan.pages[-1]) == "index.html"
    single = SitePlan(bundled, ["es"])
    assert single.here(single.pages[0]) == "index.html"


def test_editions_are_oldest_first_and_the_ranking_puts_withheld_last(
    two_rubrics: list[Result],
) -> None:
    groups = group_by_jurisdiction(list(reversed(two_rubrics)))
    for group in groups.values():
        assert [r.assessment.edition for r in group] == ["2023", "2024"]
    plan = SitePlan(two_rubrics, ["en"])
    latest = sorted((group[-1] for group in plan.groups.values()), key=ranking_key)
    assert [r.assessment.edition for r in latest] == ["2024"] * 3
    scored_first = [r.overall is None for r in latest]
    assert scored_first == sorted(scored_first)


def test_rubric_versions_sort_as_numbers() -> None:
    refs = ["r@1.10", "r@1.2", "r@1.9.1", "a@2.0"]
    assert sorted(refs, key=version_key) == ["a@2.0", "r@1.2", "r@1.9.1", "r@1.10"]


def test_a_site_needs_a_language(bundled: list[Result]) -> None:
    with pytest.raises(ValueError):
        SitePlan(bundled, [])
