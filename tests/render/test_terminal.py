"""Terminal output: analyst text is printed as written, never read as Rich markup, and no
control character from the data reaches the terminal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scorecard.render.registry import Options
from scorecard.render.terminal import SafeConsole, capture, terminal_safe

XA = "assessments/XA/2024.yaml"
HOSTILE = "Xan[/]adu [bold]x[/bold] :smile: \x1b]0;owned\x07 \x1b[2J \x9b31m end"


@pytest.fixture
def hostile(test_workspace: Path) -> Path:
    path = test_workspace / XA
    text = path.read_text(encoding="utf-8")
    name = json.dumps(HOSTILE)  # a YAML double-quoted scalar with the escapes
    text = text.replace("{en: Xanadu, es: Xanadú}", name)
    path.write_text(text, encoding="utf-8")
    later = text.replace('edition: "2024"', 'edition: "2025"').replace('"2024-', '"2025-')
    (path.parent / "2025.yaml").write_text(later, encoding="utf-8")
    return test_workspace


@pytest.mark.parametrize(
    "args",
    [
        ["score", XA],
        ["history", "XA"],
        ["diff", XA, "assessments/XA/2025.yaml"],
    ],
)
def test_hostile_names_reach_the_terminal_as_text(run: Any, hostile: Path, args: list[str]) -> None:
    shown = run(*args, cwd=hostile)
    assert shown.exit_code == 0, shown.stderr
    assert "Traceback" not in shown.stderr
    out = shown.stdout
    assert "Xan[/]adu [bold]x[/bold] :smile:" in out.replace("\n", "")  # not markup, not emoji
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out


def test_rubric_titles_with_markup_and_escapes(run: Any, test_workspace: Path) -> None:
    rubric = next((test_workspace / "rubrics").rglob("*.yaml"))
    text = rubric.read_text(encoding="utf-8")
    assert "\ntitle:" in text
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[index] = "title: " + json.dumps("[red]Rubric[/] \x1b[31m")
    rubric.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shown = run("rubric", "show", cwd=test_workspace)
    assert shown.exit_code == 0, shown.stderr
    assert "[red]Rubric[/]" in shown.stdout and "\x1b" not in shown.stdout


def test_terminal_safe_keeps_tabs_and_newlines_and_replaces_other_controls() -> None:
    assert terminal_safe("a\tb\nc") == "a\tb\nc"
    assert terminal_safe("a\x1bb\x00c\x7fd\x85e") == "a\ufffdb\ufffdc\ufffdd\ufffde"


def test_capture_writes_styles_only_for_a_colour_terminal() -> None:
    def draw(console: Any) -> None:
        assert isinstance(console, SafeConsole)
        console.print("plain", style="bold")

    assert "\x1b[" in capture(draw, Options(color=True))
    assert capture(draw, Options(color=False)) == "plain\n"


def test_tables_fit_the_width_they_are_given(run: Any, test_workspace: Path) -> None:
    from scorecard.api import score_files
    from scorecard.render.terminal import scores_table
    from scorecard.workspace import open_workspace

    workspace = open_workspace(test_workspace)
    results = score_files([test_workspace / XA], workspace)
    text = scores_table(results, Options(width=80))
    assert max(len(line) for line in text.splitlines()) <= 80


def test_the_json_result_carries_the_reason_as_a_code_in_any_language(
    run: Any, test_workspace: Path
) -> None:
    english = run("score", XA, "--format", "json", cwd=test_workspace)
    spanish = run("score", XA, "--format", "json", "--lang", "es", cwd=test_workspace)
    for shown in (english, spanish):
        assert shown.exit_code == 0, shown.stderr
    documents = [json.loads(s.stdout)["results"][0] for s in (english, spanish)]
    reasons = [[p["reason"] for p in d["pillars"]] + [d["overall"]] for d in documents]
    assert reasons[0] == reasons[1]
    overall = reasons[1][-1]["reason"]
    assert overall is None or set(overall) == {"code", "coverage", "minimum"}
