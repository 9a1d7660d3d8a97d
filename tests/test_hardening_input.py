"""Issue 17, items 1-2: hostile or unlucky input is refused where it is written, with a
located problem, and never reaches a renderer or exact arithmetic it could break."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from scorecard.loading import load_document
from scorecard.render import text
from scorecard.scoring import MAX_EXACT_DIGITS, TooComplexToScore, score_assessment
from scorecard.validation.texts import (
    MAX_LINK_BRACKETS,
    MAX_MARKDOWN_CHARS,
    markdown_trouble,
)

NESTED_EMPHASIS = "*" * 500 + "a" + "*" * 500
STRONG_PAIRS = "**" * 300 + "x" + "**" * 300
BRACKETS = "[" * 1_000_000

Run = Callable[..., Any]


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = load_document(path).data
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _assessment(ws: Path) -> Path:
    return ws / "assessments" / "XA" / "2024.yaml"


def _rubric(ws: Path) -> Path:
    return ws / "rubrics" / "test-rubric" / "1.0.yaml"


def _note(note: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        first = next(iter(data["answers"]))
        data["answers"][first]["notes"] = note

    return change


# --- item 1: Markdown in bounded depth and time ---------------------------------------------


@pytest.mark.parametrize(
    ("note", "trouble"),
    [
        (NESTED_EMPHASIS, "too-deep"),
        (STRONG_PAIRS, "too-deep"),
        ("> " * 60 + "x", None),  # markdown-it's own block limit keeps quotes shallow
        ("[" * (MAX_LINK_BRACKETS + 1), "too-many-brackets"),
        ("a" * (MAX_MARKDOWN_CHARS + 1), "too-long"),
        ("*plain* **note** with [a link](https://example.org)", None),
    ],
)
def test_markdown_trouble_is_judged_before_rendering(note: str, trouble: str | None) -> None:
    assert markdown_trouble(note) == trouble


@pytest.mark.parametrize("note", [NESTED_EMPHASIS, STRONG_PAIRS, BRACKETS, "*a " * 6000])
def test_renderers_never_crash_and_stay_fast(note: str) -> None:
    start = time.perf_counter()
    block = text.md_block(note)
    html = text.notes_html(note)
    assert time.perf_counter() - start < 10
    assert block and html
    # what cannot be parsed is shown as escaped text, not dropped
    if markdown_trouble(note) is not None:
        assert html.startswith("<p>") and "<em>" not in html
        assert "\\*" in block or "\\[" in block or block.startswith("\\*a")


def test_validate_finds_unrenderable_notes_before_render_does(
    test_workspace: Path, run: Run
) -> None:
    _edit(_assessment(test_workspace), _note(NESTED_EMPHASIS))
    result = run("validate", "--strict", cwd=test_workspace)
    assert result.exit_code == 1
    said = result.stdout + result.stderr
    assert "2024.yaml:" in said and "levels deep" in said
    assert "Traceback" not in said
    # the renderers themselves hold: no RecursionError, the text shown as text
    for fmt in ("md", "html"):
        shown = run("render", "assessments/XA/2024.yaml", "--format", fmt, cwd=test_workspace)
        assert shown.exit_code == 1 and shown.stdout == ""


def test_rubric_description_with_strong_pairs_is_a_located_problem(
    test_workspace: Path, run: Run
) -> None:
    def change(data: dict[str, Any]) -> None:
        data["pillars"][0]["description"] = STRONG_PAIRS

    _edit(_rubric(test_workspace), change)
    result = run("validate", cwd=test_workspace)
    assert result.exit_code == 1
    said = result.stdout + result.stderr
    assert "1.0.yaml:" in said and "levels deep" in said


def test_methodology_renders_a_deep_description_as_text() -> None:
    from render_support import fixture_result

    from scorecard.render import render_methodology

    rubric = fixture_result("XZ").rubric
    evil = dataclasses.replace(rubric.pillars[0], description={"": STRONG_PAIRS})
    rubric = dataclasses.replace(rubric, pillars=(evil, *rubric.pillars[1:]))
    md = render_methodology(rubric, "md", "en")
    assert "\\*\\*" in md


# --- item 2: numbers exact arithmetic can use -----------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "content", "where"),
    [
        (".yaml", "a: .inf\n", "1:4"),
        (".yaml", "a: 1\nb: .nan\n", "2:4"),
        (".yaml", "a: 1.0e+999\n", "1:4"),
        (".yaml", "a: " + "1" * 5000 + "\n", "1:4"),
        (".json", '{"a": ' + "1" * 5000 + "}", "1:7"),
        (".json", '{"a": 1,\n "b": NaN}', "2:7"),
        (".json", '{"a": -Infinity}', "1:7"),
        (".json", '{"a": 1e999}', "1:7"),
        (".json", '{"a": "x\\ud800y"}', "1:9"),
    ],
)
def test_numbers_and_strings_no_output_can_hold_are_located(
    tmp_path: Path, run: Run, suffix: str, content: str, where: str
) -> None:
    (tmp_path / "rubrics").mkdir()
    path = tmp_path / f"file{suffix}"
    path.write_text(content, encoding="utf-8")
    result = run("validate", path.name, cwd=tmp_path)
    said = result.stdout + result.stderr
    assert result.exit_code == 1, said
    assert f"file{suffix}:{where}: error" in said


def test_a_paired_surrogate_escape_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "ok.json"
    path.write_text('{"a": "\\ud83d\\ude00"}', encoding="utf-8")
    assert load_document(path).data == {"a": "\U0001f600"}


def test_tiny_weights_are_refused_by_validate(test_workspace: Path, run: Run) -> None:
    def change(data: dict[str, Any]) -> None:
        for pillar in data["pillars"]:
            pillar["weight"] = 1.2345678901234567e-300

    _edit(_rubric(test_workspace), change)
    result = run("validate", cwd=test_workspace)
    assert result.exit_code == 1
    assert "more than 6 decimal places" in result.stdout + result.stderr
    scored = run("score", "assessments/XA/2024.yaml", "--format", "json", cwd=test_workspace)
    assert scored.exit_code == 1 and scored.stdout == ""


def test_a_huge_min_coverage_fraction_is_refused(test_workspace: Path, run: Run) -> None:
    def change(data: dict[str, Any]) -> None:
        data["min_coverage"] = "1" * 5000 + "/" + "3" * 5000

    _edit(_rubric(test_workspace), change)
    result = run("validate", cwd=test_workspace)
    assert result.exit_code == 1
    assert "min_coverage" in result.stdout + result.stderr


def test_scoring_checks_the_digit_bound_up_front() -> None:
    from render_support import fixture_result

    result = fixture_result("XZ")
    rubric = result.rubric
    # Weights over coprime denominators: each pillar's mean needs ~600 digits, the overall
    # score their product. Validation refuses such weights; scoring must not trust that.
    pillars = tuple(
        dataclasses.replace(
            pillar,
            indicators=tuple(
                dataclasses.replace(ind, weight=Fraction(1, 10**600 + n))
                for n, ind in enumerate(pillar.indicators)
            ),
        )
        for pillar in rubric.pillars
    )
    rubric = dataclasses.replace(rubric, pillars=pillars, sha256="x" * 64)
    with pytest.raises(TooComplexToScore) as caught:
        score_assessment(rubric, result.assessment)
    assert dict(caught.value.phrase.params)["digits"] > MAX_EXACT_DIGITS


def test_a_stream_to_stdout_prints_nothing_when_a_later_item_fails(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from scorecard.cli.app import write_text

    def chunks() -> Any:
        yield json.dumps([{"first": "result"}])[:-1]
        raise TooComplexToScore("r@1", 5000)

    with pytest.raises(TooComplexToScore):
        write_text(chunks(), None)
    assert capsys.readouterr().out == ""


def test_a_min_coverage_with_too_many_places_is_refused(test_workspace: Path, run: Run) -> None:
    def change(data: dict[str, Any]) -> None:
        data["min_coverage"] = 1e-300

    _edit(_rubric(test_workspace), change)
    result = run("validate", cwd=test_workspace)
    assert result.exit_code == 1
    assert "1.0.yaml:" in result.stdout + result.stderr
    assert "more than 6 decimal places" in result.stdout + result.stderr


def test_a_rubric_whose_exact_scores_would_explode_is_a_located_problem(
    test_workspace: Path, run: Run
) -> None:
    # Many pillars, each with six-decimal weights and values: every one is allowed, but
    # together the overall score's denominator could need more than MAX_EXACT_DIGITS digits.
    def change(data: dict[str, Any]) -> None:
        template = data["pillars"][0]
        pillars = []
        for number in range(120):
            pillar = json.loads(json.dumps(template))
            pillar["id"] = f"p{number}"
            pillar["indicators"] = pillar["indicators"][:1]
            pillar["weight"] = round(0.123457 + number / 10**6, 6)
            for i_number, indicator in enumerate(pillar["indicators"]):
                indicator["id"] = f"p{number}.{i_number}"
                indicator["weight"] = round(0.654321 + (number * 7 + i_number) / 10**6, 6)
                indicator["levels"][1]["value"] = 33.333333
            pillars.append(pillar)
        data["pillars"] = pillars

    _edit(_rubric(test_workspace), change)
    result = run("validate", "rubrics/test-rubric/1.0.yaml", cwd=test_workspace)
    said = result.stdout + result.stderr
    assert result.exit_code == 1, said
    assert "1.0.yaml:" in said and f"(the limit is {MAX_EXACT_DIGITS:,})" in said
