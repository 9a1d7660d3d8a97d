"""The bundled JSON Schemas (draft 2020-12): the contract of every file format."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

SCHEMA_NAMES = ("rubric", "assessment", "result", "diff", "scores", "sensitivity", "agreement")


def schema_text(name: str) -> str:
    """The schema file's text, exactly as shipped."""
    return (files(__package__) / f"{name}.schema.json").read_text(encoding="utf-8")


@cache
def load_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_text(name))
    return schema


@cache
def validator(name: str) -> Any:
    """A compiled Draft 2020-12 validator for the named schema, built once per process."""
    from jsonschema import Draft202012Validator
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    # Schemas refer to each other by $id (scores -> result), resolved locally, never fetched.
    registry: Registry[Any] = Registry().with_resources(
        (load_schema(other)["$id"], DRAFT202012.create_resource(load_schema(other)))
        for other in available()
    )
    return Draft202012Validator(load_schema(name), registry=registry)


def available() -> list[str]:
    """Names of the schemas that ship with this version."""
    root = files(__package__)
    return [n for n in SCHEMA_NAMES if (root / f"{n}.schema.json").is_file()]
