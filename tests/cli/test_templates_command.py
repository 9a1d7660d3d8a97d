"""`scorecard templates list|copy`, overrides that can rely on their blocks, and a broken
override reported as a located problem instead of a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scorecard.render.templates import bundled_names, describe

XA = "assessments/XA/2024.yaml"


def test_list_names_every_bundled_template_and_its_blocks(run: Any, test_workspace: Path) -> None:
    shown = run("templates", "list", cwd=test_workspace)
    assert shown.exit_code == 0, shown.stderr
    for name in bundled_names():
        assert name in shown.stdout
    assert "base.html.j2: blocks title" in shown.stdout and "site_footer" in shown.stdout
    assert "scorecard.html.j2 (extends base.html.j2)" in shown.stdout


def test_copy_writes_the_bundled_text_and_marks_it_overridden(
    run: Any, test_workspace: Path
) -> None:
    copied = run("templates", "copy", "base.html.j2", cwd=test_workspace)
    assert copied.exit_code == 0, copied.stderr
    target = test_workspace / "templates" / "base.html.j2"
    assert target.read_text(encoding="utf-8").startswith("{#- The base of every HTML page.")
    shown = run("templates", "list", cwd=test_workspace)
    assert "* base.html.j2" in shown.stdout
    again = run("templates", "copy", "base.html.j2", cwd=test_workspace)
    assert again.exit_code == 2 and "--force" in again.stderr
    assert run("templates", "copy", "base.html.j2", "--force", cwd=test_workspace).exit_code == 0


def test_copy_refuses_an_unknown_name(run: Any, test_workspace: Path) -> None:
    shown = run("templates", "copy", "nope.html.j2", cwd=test_workspace)
    assert shown.exit_code == 2 and "choose one of:" in shown.stderr
    assert not (test_workspace / "templates").exists()


def test_a_site_footer_shows_on_every_page(run: Any, test_workspace: Path) -> None:
    own = test_workspace / "templates"
    own.mkdir()
    base = (Path(__file__).resolve().parents[2] / "templates" / "base.html.j2").read_text()
    own.joinpath("base.html.j2").write_text(
        base.replace(
            "{% block site_footer %}{% endblock %}",
            "{% block site_footer %}<p>Our watchdog's footer</p>{% endblock %}",
        ),
        encoding="utf-8",
    )
    built = run("build", "-o", "site", cwd=test_workspace)
    assert built.exit_code == 0, built.stderr
    pages = list((test_workspace / "site").rglob("*.html"))
    assert pages and all("Our watchdog's footer" in p.read_text() for p in pages)


def test_a_broken_override_is_a_located_problem(run: Any, test_workspace: Path) -> None:
    own = test_workspace / "templates"
    own.mkdir()
    own.joinpath("scorecard.md.j2").write_text("line one\n{% if %}\n", encoding="utf-8")
    shown = run("render", XA, "--format", "md", cwd=test_workspace)
    assert shown.exit_code == 1
    assert "scorecard.md.j2:2:1: error: the template does not parse" in shown.stderr
    assert "Traceback" not in shown.stderr and shown.stdout == ""


def test_a_template_that_fails_as_it_renders_names_its_line(run: Any, test_workspace: Path) -> None:
    own = test_workspace / "templates"
    own.mkdir()
    own.joinpath("scorecard.md.j2").write_text("ok\n{{ card.no_such_field }}\n", "utf-8")
    shown = run("render", XA, "--format", "md", cwd=test_workspace)
    assert shown.exit_code == 1
    assert "scorecard.md.j2:2:1: error: the template failed as it rendered" in shown.stderr


def test_describe_reads_blocks_from_the_bundled_files() -> None:
    by_name = {info.name: info for info in describe(None)}
    assert by_name["base.html.j2"].extends is None
    assert "content" in by_name["base.html.j2"].blocks
    assert not any(info.overridden for info in by_name.values())
