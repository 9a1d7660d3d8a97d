"""JSON text -> plain data, with syntax errors and duplicate keys as located problems."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from scorecard.errors import Phrase, phrase
from scorecard.loading.document import LoadError, compose, duplicate_keys, located_problem
from scorecard.loading.yaml_text import FLATTEN_HINT, MAX_INTEGER_DIGITS, too_long


class _RefusedNumber(ValueError):
    def __init__(self, token: str, message: Phrase) -> None:
        super().__init__(token)
        self.token = token
        self.message = message


def _json_int(token: str) -> int:
    if too_long(token):
        raise _RefusedNumber(token, phrase("problem.number.too_long", limit=MAX_INTEGER_DIGITS))
    return int(token)


def _json_float(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):
        raise _RefusedNumber(token, phrase("problem.number.not_finite", text=token[:40]))
    return value


def _json_constant(token: str) -> float:
    raise _RefusedNumber(token, phrase("problem.number.not_finite", text=token))


# A UTF-16 surrogate escape not paired with its other half: a string no UTF-8 output can hold.
_LONE_SURROGATE = re.compile(
    r"(?<!\\)(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _has_surrogate(data: Any) -> bool:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if any("\ud800" <= c <= "\udfff" for c in item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


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
        data = json.loads(
            text,
            object_pairs_hook=pairs,
            parse_int=_json_int,
            parse_float=_json_float,
            parse_constant=_json_constant,
        )
    except _RefusedNumber as exc:
        found = re.search(rf"(?<![\w.+-]){re.escape(exc.token)}(?![\w.])", text)
        line, column = _position(text, found.start()) if found else (1, 1)
        raise LoadError([located_problem(display, line, column, exc.message, "number")]) from None
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
    lone = _LONE_SURROGATE.search(text) if "\\u" in text else None
    if lone is not None and _has_surrogate(data):
        line, column = _position(text, lone.start())
        raise LoadError(
            [
                located_problem(
                    display,
                    line,
                    column,
                    phrase("problem.json.lone_surrogate"),
                    "encoding",
                    phrase("problem.json.lone_surrogate.hint"),
                )
            ]
        )
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
