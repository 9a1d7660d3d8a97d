"""`scorecard build` (scorecard/site/build.py and write.py): the whole site, deterministic,
self-contained, atomic and careful, with a progress total that is the number of files."""

from __future__ import annotations

import filecmp
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import REPO, copy_bundled_workspace
from site_support import (
    TWO_RUBRICS,
    cache_mode,  # noqa: F401  (autouse: every test with and without the cache)
)

from scorecard import schemas
from scorecard.api import load_valid
from scorecard.site import SiteReport, build_site
from scorecard.site.write import MARKER
from scorecard.workspace import open_workspace


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from scorecard.cli import app

    root = copy_bundled_workspace(tmp_path_factory.mktemp("bundled"))
    result = CliRunner().invoke(
        app,
        ["--workspace", str(root), "build", "-o", str(root / "site"), "--lang", "all"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    return root / "site"


def _tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_building_twice_gives_byte_identical_trees(bundled_site: Path, run, tmp_path: Path) -> None:
    root = copy_bundled_workspace(tmp_path)
    result = run("--workspace", root, "build", "-o", root / "again", "--lang", "all")
    assert result.exit_code == 0, result.stderr
    again = root / "again"
    assert _tree(bundled_site) == _tree(again)
    for relative in _tree(bundled_site):
        assert filecmp.cmp(bundled_site / relative, again / relative, shallow=False), relative


def test_worker_processes_write_the_same_site(bundled_site: Path, run, tmp_path: Path) -> None:
    root = copy_bundled_workspace(tmp_path)
    result = run("--workspace", root, "build", "-o", root / "par", "--lang", "all", "--jobs", "2")
    assert result.exit_code == 0, result.stderr
    assert _tree(bundled_site) == _tree(root / "par")
    for relative in _tree(bundled_site):
        assert filecmp.cmp(bundled_site / relative, root / "par" / relative, shallow=False)


def test_the_site_has_every_page_the_spec_names(bundled_site: Path) -> None:
    for lang in ("en", "es"):
        base = bundled_site / lang
        for relative in (
            "index.html",
            "methodology.html",
            "SV/index.html",
            "SV/2024.html",
            "SV/2024.md",
            "SV/2024.json",
            "SV/2022.html",
            "SV/2023.html",
            "HN/2023.html",
            "EC/index.html",
            "HN/index.html",
            "badges/SV.svg",
            "data/scores.json",
            "data/scores.csv",
        ):
            assert (base / relative).is_file(), f"{lang}/{relative}"
    assert (bundled_site / "index.html").is_file()
    assert (bundled_site / MARKER).is_file()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def test_every_link_resolves_to_a_file_inside_the_site(bundled_site: Path) -> None:
    checked = 0
    for page in bundled_site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https"):
                continue  # evidence sources: links out, never loaded by the page
            assert not parts.scheme and not parts.netloc, f"{page}: {link}"
            assert not link.startswith("/"), f"{page}: absolute link {link}"
            if not parts.path:
                continue  # a fragment on the same page
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_relative_to(bundled_site.resolve()), f"{page}: {link} leaves the site"
            assert target.is_file(), f"{page}: {link} is broken"
            checked += 1
    assert checked > 50


def test_site_data_validates_against_the_published_schemas(bundled_site: Path) -> None:
    text = (bundled_site / "en/data/scores.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert list(schemas.validator("scores").iter_errors(data)) == []
    # Streamed a result at a time, it is still exactly one json.dumps of the whole.
    assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    codes = {r["jurisdiction"]["code"] for r in data["results"]}
    assert {"SV", "EC", "HN"} <= codes
    scorecard = json.loads((bundled_site / "en/SV/2024.json").read_text(encoding="utf-8"))
    assert list(schemas.validator("result").iter_errors(scorecard)) == []
    header = (bundled_site / "en/data/scores.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("jurisdiction,edition,as_of")


def test_build_refuses_a_folder_it_did_not_create(run, test_workspace: Path) -> None:
    mine = test_workspace / "site"
    mine.mkdir()
    (mine / "notes.txt").write_text("my notes")
    result = run("build", cwd=test_workspace)
    assert result.exit_code == 2
    assert "refusing" in result.stderr
    assert (mine / "notes.txt").read_text() == "my notes"
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]


def test_build_force_replaces_a_foreign_folder(run, test_workspace: Path) -> None:
    mine = test_workspace / "site"
    mine.mkdir()
    (mine / "old.txt").write_text("x")
    result = run("build", "--force", cwd=test_workspace)
    assert result.exit_code == 0, result.stderr
    assert not (mine / "old.txt").exists() and (mine / "index.html").is_file()


def test_invalid_input_leaves_the_previous_site_untouched(run, test_workspace: Path) -> None:
    assert run("build", cwd=test_workspace).exit_code == 0
    site = test_workspace / "site"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    broken = test_workspace / "assessments/XA/2024.yaml"
    broken.write_text(broken.read_text().replace("level: partial", "level: halfway"))
    result = run("build", cwd=test_workspace)
    assert result.exit_code == 1
    assert "halfway" in result.stderr and "2024.yaml:" in result.stderr
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    leftovers = [p.name for p in test_workspace.iterdir() if p.name.startswith(".site")]
    assert leftovers == []


def test_build_refuses_to_write_over_the_workspace(run, test_workspace: Path) -> None:
    for target in (".", "assessments", ".."):
        result = run("build", "-o", target, "--force", cwd=test_workspace)
        assert result.exit_code == 2, target
    assert (test_workspace / "assessments/XA/2024.yaml").is_file()


def _pretend_stderr_is_a_terminal(monkeypatch: pytest.MonkeyPatch, terminal: bool) -> None:
    """CliRunner swaps sys.stderr for its own stream while a command runs; make that stream
    say whether it is a terminal."""
    import typer.testing

    monkeypatch.setattr(typer.testing._NamedTextIOWrapper, "isatty", lambda self: terminal)


@pytest.mark.parametrize(
    ("terminal", "ci", "bar"),
    [(True, None, True), (True, "true", False), (False, None, False)],
    ids=["terminal", "terminal-in-ci", "piped"],
)
def test_progress_bar_only_in_a_terminal_outside_ci(
    run, test_workspace: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool, ci, bar: bool
) -> None:
    _pretend_stderr_is_a_terminal(monkeypatch, terminal)
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    result = run("build", cwd=test_workspace)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    drawn = "━" in result.stderr and "building the site" in result.stderr
    assert drawn is bar, result.stderr
    assert ("100%" in result.stderr) is bar
    assert "built 9 files" in result.stderr


def _build_recording_progress(
    root: Path, output: Path, jobs: int
) -> tuple[SiteReport, list[tuple[int, int]]]:
    workspace = open_workspace(root)
    report = load_valid([workspace.rubrics_dir, workspace.assessments_dir], workspace)
    steps: list[tuple[int, int]] = []
    summary = build_site(
        workspace,
        report,
        output,
        workspace.settings.languages,
        jobs=jobs,
        progress=lambda done, total: steps.append((done, total)),
    )
    return summary, steps


@pytest.mark.parametrize("jobs", [1, 2], ids=["one-process", "workers"])
@pytest.mark.parametrize("source", ["bundled", "two-rubric-versions"])
def test_progress_total_is_the_number_of_files_written(
    tmp_path: Path, source: str, jobs: int
) -> None:
    """A multilingual build (en and es): the bar's total is the number of files written, from
    the first step, and the count never passes it (it used to: 43 predicted, 45 written)."""
    if source == "bundled":
        root = copy_bundled_workspace(tmp_path / "ws")
    else:
        root = tmp_path / "ws"
        shutil.copytree(TWO_RUBRICS, root)
    summary, steps = _build_recording_progress(root, tmp_path / "out", jobs)
    assert summary.languages == ("en", "es")
    files = [p for p in _tree(tmp_path / "out") if p != MARKER]
    assert summary.pages == len(files)
    assert {total for _, total in steps} == {len(files)}
    done = [d for d, _ in steps]
    assert done == sorted(done) and done[-1] == len(files)
    assert all(d <= len(files) for d in done)


class _Head(HTMLParser):
    """The <meta> and <link> elements of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.alternates: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("name" in found or "property" in found):
            self.meta[found.get("name") or found["property"]] = found.get("content", "")
        if tag == "link" and found.get("rel") == "alternate":
            self.alternates[found["hreflang"]] = found["href"]


def _head(page: Path) -> _Head:
    head = _Head()
    head.feed(page.read_text(encoding="utf-8"))
    return head


def test_every_page_describes_itself_and_links_its_languages(bundled_site: Path) -> None:
    pages = sorted(bundled_site.rglob("*.html"))
    editions = sorted((REPO / "assessments").glob("*/*.yaml"))
    jurisdictions = {path.parent.name for path in editions}
    # per language: index, methodology, each jurisdiction and each edition; and the chooser
    assert len(pages) == 2 * (2 + len(jurisdictions) + len(editions)) + 1
    for page in pages:
        head = _head(page)
        assert head.meta["description"].strip(), page
        assert head.meta["og:description"] == head.meta["description"]
        assert head.meta["og:title"].strip() and head.meta["og:type"] == "website"
        assert set(head.alternates) >= {"en", "es"}, page
        for href in head.alternates.values():
            assert (page.parent / href).resolve().is_file(), f"{page}: {href}"
    sv = _head(bundled_site / "es/SV/2024.html")
    assert sv.alternates == {"en": "../../en/SV/2024.html", "es": "../../es/SV/2024.html"}
    assert sv.meta["og:locale"] == "es" and "El Salvador" in sv.meta["description"]
    assert _head(bundled_site / "index.html").alternates["x-default"] == "index.html"


def test_evidence_urls_are_percent_encoded_as_in_markdown(run, tmp_path: Path) -> None:
    from scorecard.render.text import md_url

    # --preview: XZ is not published (the fixture's editions are examples and drafts).
    workspace = REPO / "tests/data/render/workspace"
    result = run("--workspace", workspace, "build", "-o", tmp_path, "--preview")
    assert result.exit_code == 0, result.stderr
    links = _Links()
    links.feed((tmp_path / "XZ/2024.html").read_text(encoding="utf-8"))
    raw = "https://example.org/a?x=1&y=(2)|3<b>"
    assert md_url(raw) in links.links
    assert "https://example.org/a?x=1&y=%282%29%7C3%3Cb%3E" in links.links
    assert not any("|" in link or "<" in link for link in links.links)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "built 9 files for 1 jurisdiction and 1 edition in site"),
        ("es", "se generaron 9 archivos para 1 jurisdicción y 1 edición en site"),
    ],
)
def test_the_build_says_what_it_built_in_the_language_asked(
    run, test_workspace: Path, lang: str, said: str
) -> None:
    result = run("build", "--lang", lang, cwd=test_workspace)
    assert result.exit_code == 0, result.stderr
    assert said in result.stderr and "(s)" not in result.stderr
