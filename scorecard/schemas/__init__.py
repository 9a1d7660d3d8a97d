"""The bundled JSON Schemas (draft 2020-12): the contract of every file format.

This module only reads the schema files; `validators` builds the one validator every check
(and every test) uses, `fast` the compiled yes/no fast path in front of it, and `messages`
turns its errors into located problems.
"""

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


def available() -> list[str]:
    """Names of the schemas that ship with this version."""
    root = files(__package__)
    return [n for n in SCHEMA_NAMES if (root / f"{n}.schema.json").is_file()]


def validator(name: str) -> Any:
    """The validator for the named schema (see `scorecard.schemas.validators.validator`)."""
    from scorecard.schemas.validators import validator as build

    return build(name)
