"""Schemas for editors and peers: `scorecard schema --all -o DIR` writes every schema; a
peer validator (check-jsonschema) resolves and applies each one from the files as written,
from another folder; and every JSON the tool writes validates against its schema. Also: SARIF
against the official SARIF 2.1.0 schema, and shell completion."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from jsonschema import Draft202012Validator

from scorecard.scaffold import bundled_schemas

DATA = Path(__file__).resolve().parents[1] / "data"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
SCORECARD = Path(sys.executable).parent / "scorecard"
XA, XB = "assessments/XA/2024.yaml", "assessments/XB/2024.yaml"


@pytest.fixture
def exported(run: Any, tmp_path: Path) -> Path:
    folder = tmp_path / "exported" / "schemas"
    result = run("schema", "--all", "-o", folder)
    assert result.exit_code == 0, result.stderr
    return folder


@pytest.fixture
def outputs(run: Any, test_workspace: Path, tmp_path: Path) -> dict[str, list[Path]]:
    """Every JSON document the tool writes, by the schema it follows."""
    xb = test_workspace / XB
    xb.parent.mkdir()
    text = (test_workspace / XA).read_text(encoding="utf-8")
    xb.write_text(text.replace("code: XA", "code: XB").replace("level: partial", "level: full"))
    out = tmp_path / "out"
    out.mkdir()
    for coder, level in (("alice", "partial"), ("bob", "full")):
        coding = test_workspace / "codings" / coder / "XA/2024.yaml"
        coding.parent.mkdir(parents=True)
        coding.write_text(text.replace("level: partial", f"level: {level}"))
    broken = test_workspace / "assessments/XC/2024.yaml"
    broken.parent.mkdir()
    broken.write_text(text.replace("code: XA", "code: XC").replace("partial", "bogus"))
    commands = {
        "validate-clean.json": ("validate", XA, XB, "--format", "json"),
        "validate-problems.json": ("validate", "--format", "json"),
        "score-one.json": ("score", XA, "--format", "json"),
        "score-two.json": ("score", XA, XB, "--format", "json"),
        "render.json": ("render", XA, "--format", "json"),
        "history.json": ("history", "XA", "--format", "json"),
        "diff.json": ("diff", XA, XB, "--format", "json"),
        "sensitivity.json": ("sensitivity", XA, "--draws", "20", "--seed", "1", "--format", "json"),
        "agreement.json": (
            "agreement",
            "codings/alice/XA/2024.yaml",
            "codings/bob/XA/2024.yaml",
            "--format",
            "json",
        ),
    }
    for name, args in commands.items():
        result = run(*args, "-o", out / name, cwd=test_workspace)
        assert (out / name).is_file(), (args, result.stderr)
    assert json.loads((out / "validate-problems.json").read_text())["errors"] >= 1
    return {
        "validate": [out / "validate-clean.json", out / "validate-problems.json"],
        "scores": [out / "score-one.json", out / "score-two.json"],
        "result": [out / "render.json"],
        "history": [out / "history.json"],
        "diff": [out / "diff.json"],
        "sensitivity": [out / "sensitivity.json"],
        "agreement": [out / "agreement.json"],
        "rubric": [test_workspace / "rubrics/test-rubric/1.0.yaml"],
        "assessment": [test_workspace / XA, xb],
    }


def test_schema_all_writes_every_schema_and_each_is_a_2020_12_schema(exported: Path) -> None:
    names = sorted(p.name for p in exported.iterdir())
    expected = {"rubric", "assessment", "result", "scores", "diff", "history", "validate"}
    expected |= {"sensitivity", "agreement"}
    assert names == sorted(f"{n}.schema.json" for n in expected)
    for path in exported.iterdir():
        schema = json.loads(path.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        assert ".invalid" not in path.read_text(encoding="utf-8")


def test_a_peer_resolves_and_applies_every_exported_schema(
    exported: Path, outputs: dict[str, list[Path]], tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"  # neither the schemas' folder nor the outputs'
    elsewhere.mkdir()
    assert set(outputs) == {p.name.removesuffix(".schema.json") for p in exported.iterdir()}
    for name, instances in outputs.items():
        done = subprocess.run(
            [str(CHECK_JSONSCHEMA), "--schemafile", str(exported / f"{name}.schema.json")]
            + [str(p) for p in instances],
            cwd=elsewhere,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, f"{name}: {done.stdout}{done.stderr}"


def test_the_peer_check_can_fail(exported: Path, tmp_path: Path) -> None:
    """The check above is not vacuous: a result inside scores.json is checked against the
    result schema it refers to, across files."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "transparency-scorecard/scores@1", "results": [{"edition": 1}]}')
    done = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(exported / "scores.schema.json"), str(bad)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "'format' is a required property" in done.stdout


def test_scores_bundles_the_result_schema_exactly() -> None:
    """scores.schema.json carries a copy of result.schema.json in $defs (so its $ref resolves
    in any tool, from the file alone); the copy must be the schema itself."""
    schemas = bundled_schemas()
    assert json.loads(schemas["scores"])["$defs"]["result"] == json.loads(schemas["result"])


def test_score_json_has_one_shape_whatever_the_number_of_inputs(
    outputs: dict[str, list[Path]],
) -> None:
    one, two = (json.loads(p.read_text()) for p in outputs["scores"])
    assert list(one) == list(two) == ["format", "results"]
    assert (len(one["results"]), len(two["results"])) == (1, 2)


def test_schema_needs_a_name_or_all_with_a_folder(run: Any) -> None:
    assert run("schema").exit_code == 2
    assert run("schema", "--all").exit_code == 2
    assert "unknown schema" in run("schema", "nope").stderr


# --- SARIF ----------------------------------------------------------------------------------


def test_validate_sarif_is_valid_sarif_2_1_0(run: Any, test_workspace: Path) -> None:
    path = test_workspace / XA
    path.write_text(path.read_text().replace("level: partial", "level: bogus"))
    result = run("validate", "--format", "sarif", cwd=test_workspace)
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    schema = json.loads((DATA / "sarif/sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    (found,) = [r for r in log["runs"][0]["results"] if "bogus" in r["message"]["text"]]
    location = found["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": XA, "uriBaseId": "%SRCROOT%"}
    line = next(n for n, t in enumerate(path.read_text().splitlines(), 1) if "bogus" in t)
    assert location["region"]["startLine"] == line
    assert found["level"] == "error"
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[found["ruleIndex"]]["id"] == found["ruleId"]


def test_a_clean_sarif_log_is_valid_too(run: Any, test_workspace: Path) -> None:
    result = run("validate", "--format", "sarif", cwd=test_workspace)
    assert result.exit_code == 0
    schema = json.loads((DATA / "sarif/sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(json.loads(result.stdout))
    assert json.loads(result.stdout)["runs"][0]["results"] == []


# --- shell completion -----------------------------------------------------------------------


def test_shell_completion_completes_commands_and_formats(tmp_path: Path) -> None:
    def complete(words: str) -> list[str]:
        env = {
            **os.environ,
            "_SCORECARD_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        }
        done = subprocess.run(
            [str(SCORECARD)], env=env, cwd=tmp_path, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    assert complete("scorecard val") == ["validate"]
    assert "--strict" in complete("scorecard validate --st")
