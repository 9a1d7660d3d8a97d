"""JSON text -> plain data, with syntax errors and duplicate keys as located problems."""

from __future__ import annotations

import json
from typing import Any

from scorecard.errors import phrase
from scorecard.loading.document import LoadError, compose, duplicate_keys, located_problem
from scorecard.loading.yaml_text import FLATTEN_HINT


def parse_json(text: str, display: str) -> Any:
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                duplicates.append(key)
            result[key] = value
        return result

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        hint = None
        if exc.msg.startswith("Expecting property name") or exc.msg == "Expecting value":
            before = text[: exc.pos].rstrip()
            if before.endswith(","):
                hint = phrase("problem.json.trailing_comma.hint")
        message = phrase("problem.json.invalid", detail=exc.msg)
        raise LoadError(
            [located_problem(display, exc.lineno, exc.colno, message, "json", hint)]
        ) from None
    except RecursionError:
        raise LoadError(
            [
                located_problem(
                    display, 1, 1, phrase("problem.json.too_deep"), "too-deep", FLATTEN_HINT
                )
            ]
        ) from None
    if duplicates:
        located = list(duplicate_keys(compose(text, json_text=True)))
        if not located:  # the text could not be composed as YAML: name the keys at least
            located = [(key, None, None) for key in duplicates]  # type: ignore[misc]
        raise LoadError(
            [
                located_problem(
                    display,
                    mark.line + 1 if mark else 1,
                    mark.column + 1 if mark else 1,
                    phrase("problem.json.duplicate_key", key=key, line=first.line + 1)
                    if first
                    else phrase("problem.json.duplicate_key_unlocated", key=key),
                    "duplicate-key",
                    phrase("problem.duplicate_key.hint"),
                )
                for key, mark, first in located
            ]
        )
    return data
