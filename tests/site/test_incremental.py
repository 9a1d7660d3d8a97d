"""Incremental builds (scorecard/cache.py, site/units.py): after one assessment changes, a
build re-renders only that jurisdiction's pages and the pages that summarise it, and writes
the same bytes as a clean build; entries that are missing, truncated or corrupt are made
again; `build --clean` reads nothing from the cache."""

from __future__ import annotations

import filecmp
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_bundled_workspace

from scorecard.api import load_valid
from scorecard.cache import FOLDER, Cache
from scorecard.site import SiteReport, build_site
from scorecard.workspace import open_workspace

LANGUAGES = ["en", "es"]


@pytest.fixture(autouse=True)
def _cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCORECARD_NO_CACHE", raising=False)


def _build(root: Path, output: Path, *, cached: bool, jobs: int = 1) -> SiteReport:
    workspace = open_workspace(root)
    report = load_valid(
        [workspace.rubrics_dir, workspace.assessments_dir], workspace, cached=cached
    )
    cache = Cache(root / FOLDER) if cached else None
    return build_site(workspace, report, output, LANGUAGES, cache=cache, jobs=jobs)


def _tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def _assert_same_tree(expected: Path, actual: Path) -> None:
    assert _tree(expected) == _tree(actual)
    different = [
        name
        for name in _tree(expected)
        if not filecmp.cmp(expected / name, actual / name, shallow=False)
    ]
    assert different == []


def _unit_files(site: Path, code: str) -> list[str]:
    """The files of a jurisdiction's unit: its folder and its badge, in every language."""
    return [
        name
        for name in _tree(site)
        if f"/{code}/" in f"/{name}" or name.endswith(f"badges/{code}.svg")
    ]


def _change_one_assessment(root: Path) -> None:
    path = root / "assessments" / "SV" / "2024.yaml"
    text = path.read_text(encoding="utf-8")
    old = "The government names the Territorial"
    assert old in text
    path.write_text(text.replace(old, "Revised: the government names the Territorial", 1))


@pytest.mark.parametrize("jobs", [1, 2])
def test_one_changed_assessment_rerenders_its_jurisdiction_only_and_matches_a_clean_build(
    tmp_path: Path, jobs: int
) -> None:
    root = copy_bundled_workspace(tmp_path / "ws")
    first = _build(root, root / "site", cached=True, jobs=jobs)
    assert (first.rendered, first.reused) == (first.pages, 0)

    _change_one_assessment(root)
    again = _build(root, root / "site", cached=True, jobs=jobs)
    clean = _build(root, tmp_path / "clean", cached=False)
    _assert_same_tree(tmp_path / "clean", root / "site")

    # Only SV's pages (both languages) and the shared ones were rendered; EC and HN reused.
    site = tmp_path / "clean"
    reused = len(_unit_files(site, "EC")) + len(_unit_files(site, "HN"))
    assert reused > 0
    assert again.reused == reused
    assert again.rendered == clean.pages - reused
    assert again.pages == clean.pages
    assert "Revised: " in (root / "site" / "en" / "SV" / "2024.md").read_text(encoding="utf-8")


def test_a_build_with_nothing_changed_renders_only_the_shared_pages(tmp_path: Path) -> None:
    root = copy_bundled_workspace(tmp_path / "ws")
    _build(root, root / "site", cached=True)
    again = _build(root, root / "site", cached=True)
    units = sum(len(_unit_files(root / "site", code)) for code in ("SV", "EC", "HN"))
    assert again.reused == units
    assert again.rendered == again.pages - units
    _build(root, tmp_path / "clean", cached=False)
    _assert_same_tree(tmp_path / "clean", root / "site")


def _entries(root: Path, namespace: str) -> list[Path]:
    return sorted(p for p in (root / FOLDER / namespace).glob("*/*") if p.is_file())


def test_truncated_and_corrupt_entries_are_made_again(tmp_path: Path) -> None:
    root = copy_bundled_workspace(tmp_path / "ws")
    _build(root, root / "site", cached=True)
    site_entries = _entries(root, "site")
    validate_entries = _entries(root, "validate")
    assert site_entries and validate_entries
    for number, entry in enumerate(site_entries + validate_entries):
        data = entry.read_bytes()
        if number % 2:
            entry.write_bytes(data[: len(data) // 2])  # a write cut short
        else:
            entry.write_bytes(data[:-3] + b"xyz")  # the same length, other bytes

    again = _build(root, root / "site", cached=True)
    assert again.reused == 0
    _build(root, tmp_path / "clean", cached=False)
    _assert_same_tree(tmp_path / "clean", root / "site")


def test_a_deleted_cache_is_simply_rebuilt(tmp_path: Path) -> None:
    import shutil

    root = copy_bundled_workspace(tmp_path / "ws")
    _build(root, root / "site", cached=True)
    shutil.rmtree(root / FOLDER)
    again = _build(root, root / "site", cached=True)
    assert again.reused == 0
    assert _entries(root, "site")


def _units(cache: Cache) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each cached unit's key and entry (its stamps, summary and rows)."""
    for entry in _entries(cache.root.parent, "site"):
        key = entry.parent.name + entry.name
        value = cache.get("site", key)
        if isinstance(value, dict) and "stamps" in value:
            yield key, value


def _poison(root: Path) -> int:
    """Rewrite every cached page, with its entry's stamps to match, with another text: what
    a build that reads the cache would then publish."""
    cache = Cache(root / FOLDER)
    count = 0
    for key, value in list(_units(cache)):
        stamps = cache.put_files("site-pages", key, ["poisoned"] * len(value["stamps"]))
        cache.put("site", key, {**value, "stamps": stamps})
        count += 1
    return count


def test_build_clean_reads_nothing_from_the_cache(run, tmp_path: Path) -> None:
    root = copy_bundled_workspace(tmp_path / "ws")
    built = run("--workspace", root, "build", "-o", root / "site", "--lang", "all")
    assert built.exit_code == 0, built.stderr
    assert _poison(root) > 0

    # The cache is read by a normal build (so the poisoned entries show) ...
    poisoned = run("--workspace", root, "build", "-o", root / "site", "--lang", "all")
    assert poisoned.exit_code == 0, poisoned.stderr
    assert (root / "site" / "en" / "SV" / "2024.html").read_text(encoding="utf-8") == "poisoned"

    # ... and not at all by --clean.
    clean = run("--workspace", root, "build", "-o", root / "site", "--lang", "all", "--clean")
    assert clean.exit_code == 0, clean.stderr
    _build(root, tmp_path / "reference", cached=False)
    _assert_same_tree(tmp_path / "reference", root / "site")


def test_a_changed_template_or_rubric_rerenders_every_jurisdiction(tmp_path: Path) -> None:
    root = copy_bundled_workspace(tmp_path / "ws")
    _build(root, root / "site", cached=True)
    (root / "templates").mkdir()
    (root / "templates" / "unused.txt").write_text("any file of the templates\n")
    assert _build(root, root / "site", cached=True).reused == 0

    _build(root, root / "site", cached=True)
    for rubric in (root / "rubrics").rglob("*.yaml"):  # every version: the title changes
        text = rubric.read_text(encoding="utf-8")
        old = "Security-policy transparency"
        assert old in text
        rubric.write_text(text.replace(old, "Security transparency"), encoding="utf-8")
    assert _build(root, root / "site", cached=True).reused == 0
    _build(root, tmp_path / "clean", cached=False)
    _assert_same_tree(tmp_path / "clean", root / "site")


def test_the_cache_folder_ignores_itself_in_git(tmp_path: Path) -> None:
    root = copy_bundled_workspace(tmp_path / "ws")
    _build(root, root / "site", cached=True)
    assert (root / FOLDER / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def _page_entries(root: Path) -> list[Path]:
    return sorted(p for p in (root / FOLDER / "site-pages").glob("*/*") if p.is_dir())


def test_an_unchanged_page_keeps_its_file_and_time_across_builds(tmp_path: Path) -> None:
    """Unchanged pages are linked from the cache, not written again: deploy tools that
    compare sizes and times see only what changed."""
    root = copy_bundled_workspace(tmp_path / "ws")
    _build(root, root / "site", cached=True)
    page = root / "site" / "en" / "EC" / "index.html"
    before = page.stat()
    _change_one_assessment(root)
    _build(root, root / "site", cached=True)
    after = page.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    changed = root / "site" / "en" / "SV" / "2024.md"
    assert "Revised: " in changed.read_text(encoding="utf-8")


def test_a_page_changed_in_place_through_its_link_is_made_again(tmp_path: Path) -> None:
    root = copy_bundled_workspace(tmp_path / "ws")
    _build(root, root / "site", cached=True)
    page = root / "site" / "en" / "EC" / "index.html"
    with page.open("a", encoding="utf-8") as handle:  # in place: the cache's file too
        handle.write("<!-- edited by hand -->")

    again = _build(root, root / "site", cached=True)
    assert 0 < again.reused < again.pages
    _build(root, tmp_path / "clean", cached=False)
    _assert_same_tree(tmp_path / "clean", root / "site")


def test_a_cache_on_another_disk_is_copied_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the site's disk cannot link to the cache's, pages are copied; the cache's own
    files stay as they were."""
    import errno
    import os

    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    root = copy_bundled_workspace(tmp_path / "ws")
    monkeypatch.setattr(os, "link", no_links)
    first = _build(root, root / "site", cached=True)
    again = _build(root, root / "site", cached=True)
    assert again.reused > 0 and first.reused == 0
    (root / "site" / "en" / "EC" / "index.html").write_text("changed in the site only")
    assert _build(root, root / "site", cached=True).reused == again.reused
    _build(root, tmp_path / "clean", cached=False)
    _assert_same_tree(tmp_path / "clean", root / "site")


def test_a_cached_page_that_is_a_symbolic_link_is_never_followed(tmp_path: Path) -> None:
    """A cache folder from elsewhere cannot make the site publish another file: a page
    replaced by a link to a secret, with its entry's stamps made to match, is made again."""
    root = copy_bundled_workspace(tmp_path / "ws")
    _build(root, root / "site", cached=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("a private key\n", encoding="utf-8")
    cache = Cache(root / FOLDER)
    linked = 0
    for key, value in list(_units(cache)):
        folder = root / FOLDER / "site-pages" / key[:2] / key[2:]
        for number in range(len(value["stamps"])):
            (folder / str(number)).unlink()
            (folder / str(number)).symlink_to(secret)
        found = secret.stat()
        stamps = [[found.st_size, found.st_mtime_ns]] * len(value["stamps"])
        cache.put("site", key, {**value, "stamps": stamps})
        linked += 1
    assert linked > 0

    again = _build(root, root / "site", cached=True)
    assert again.reused == 0
    published = [p for p in (root / "site").rglob("*") if p.is_file()]
    assert all("a private key" not in p.read_text(encoding="utf-8") for p in published)
    _build(root, tmp_path / "clean", cached=False)
    _assert_same_tree(tmp_path / "clean", root / "site")


def test_pages_of_units_no_longer_built_leave_the_cache(tmp_path: Path) -> None:
    import shutil

    root = copy_bundled_workspace(tmp_path / "ws")
    _build(root, root / "site", cached=True)
    before = _page_entries(root)
    shutil.rmtree(root / "assessments" / "HN")
    _build(root, root / "site", cached=True)
    after = _page_entries(root)
    assert len(after) == len(before) - len(LANGUAGES)
    assert set(after) < set(before)


def test_a_system_that_cannot_refuse_links_renders_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where a folder cannot be opened without following links, nothing is linked from the
    cache: every page is rendered, and the site is the same."""
    import scorecard.cache

    monkeypatch.setattr(scorecard.cache, "_NO_FOLLOWING", False)
    root = copy_bundled_workspace(tmp_path / "ws")
    _build(root, root / "site", cached=True)
    again = _build(root, root / "site", cached=True)
    assert again.reused == 0
    _build(root, tmp_path / "clean", cached=False)
    _assert_same_tree(tmp_path / "clean", root / "site")
