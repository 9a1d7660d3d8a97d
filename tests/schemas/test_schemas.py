"""The published JSON Schemas: valid draft 2020-12, self-documenting, printed by the CLI, and
the library entry point that the README promises."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from scorecard import schemas


def _properties(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (path, schema) that is the schema of a named property."""
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{path}/{name}", sub
        for key, value in node.items():
            yield from _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _properties(value, f"{path}/{index}")


@pytest.mark.parametrize("name", schemas.available())
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = schemas.load_schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema.get("title") and schema.get("description")


@pytest.mark.parametrize("name", schemas.available())
def test_every_property_has_a_title_and_description(name: str) -> None:
    missing = [
        path
        for path, sub in _properties(schemas.load_schema(name))
        if not (isinstance(sub, dict) and sub.get("title") and sub.get("description"))
        and not (isinstance(sub, dict) and "$ref" in sub and set(sub) == {"$ref"})
    ]
    assert missing == [], f"{name}: properties without title/description: {missing}"


@pytest.mark.parametrize("name", ["rubric", "assessment", "result", "diff", "scores"])
def test_cli_prints_each_schema(run, name: str) -> None:
    result = run("schema", name)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["$id"].endswith(f"{name}.schema.json")


def test_cli_rejects_an_unknown_schema(run) -> None:
    result = run("schema", "nope")
    assert result.exit_code == 2 and "rubric" in result.stderr


def test_score_is_importable_for_notebooks(test_workspace: Path, monkeypatch) -> None:
    from scorecard import score

    monkeypatch.chdir(test_workspace)
    result = score("assessments/XA/2024.yaml")
    assert result.status == "scored" and str(result.overall) == "75/2"
