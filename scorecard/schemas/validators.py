"""The one JSON Schema validator: every check in the product and every test builds it here.

JSON Schema says `pattern` is an ECMA-262 regular expression; Python's `re` differs in ways
that matter for file and folder names: its `$` also matches before a final newline (so
"XA\\n" would pass as a jurisdiction code and become a folder name), and its `\\d` and `\\w`
match any Unicode digit or letter where ECMA-262 matches ASCII only. `ecma_pattern`
translates a pattern so Python reads it as ECMA-262 does, and the validator uses it for
`pattern` and `patternProperties`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from scorecard.schemas import available, load_schema

# Outside a character class, and inside one (where the brackets are already open).
_OUTSIDE = {"d": "[0-9]", "D": "[^0-9]", "w": "[A-Za-z0-9_]", "W": "[^A-Za-z0-9_]"}
_INSIDE = {"d": "0-9", "w": "A-Za-z0-9_"}


def translate(pattern: str) -> str:
    """An ECMA-262 pattern rewritten so Python's `re` matches exactly the same strings (for
    the syntax both share): `$` becomes `\\Z` (the very end, never before a newline), and
    `\\d`, `\\w` (and their negations, outside a class) become their ASCII classes."""
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            escaped = pattern[index + 1]
            if in_class and escaped in _INSIDE:
                out.append(_INSIDE[escaped])
            elif not in_class and escaped in _OUTSIDE:
                out.append(_OUTSIDE[escaped])
            else:
                out.append(char + escaped)
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
            elif char in "[&~|":  # literal in ECMA-262; Python warns of future set syntax
                char = "\\" + char
        elif char == "[":
            # ECMA-262's `[]` matches nothing and `[^]` any character; to Python a `]`
            # right after the bracket would be a literal.
            if pattern.startswith("[]", index):
                out.append("(?!)")
                index += 2
                continue
            if pattern.startswith("[^]", index):
                out.append(r"[\s\S]")
                index += 3
                continue
            in_class = True
            out.append(char)
            index += 1
            if pattern.startswith("^", index):
                out.append("^")
                index += 1
            continue
        elif char == "$":
            char = r"\Z"
        out.append(char)
        index += 1
    return "".join(out)


@cache
def ecma_pattern(pattern: str) -> re.Pattern[str]:
    """A JSON Schema (ECMA-262) pattern compiled for Python with ECMA-262's meaning."""
    return re.compile(translate(pattern))


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    from jsonschema import ValidationError

    if validator.is_type(instance, "string") and not ecma_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(
    validator: Any, patterns: dict[str, Any], instance: Any, schema: Any
) -> Iterator[Any]:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in patterns.items():
        for key, value in instance.items():
            if ecma_pattern(pattern).search(key):
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


@cache
def _validator_class() -> Any:
    from jsonschema import Draft202012Validator, validators

    keywords = {"pattern": _pattern, "patternProperties": _pattern_properties}
    return validators.extend(Draft202012Validator, keywords)  # type: ignore[no-untyped-call]


@cache
def validator(name: str) -> Any:
    """The Draft 2020-12 validator for the bundled schema `name`, built once per process,
    with patterns matched as JSON Schema defines them."""
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    # Schemas refer to each other by $id (scores -> result), resolved locally, never fetched.
    registry: Registry[Any] = Registry().with_resources(
        (load_schema(other)["$id"], DRAFT202012.create_resource(load_schema(other)))
        for other in available()
    )
    return _validator_class()(load_schema(name), registry=registry)


def schema_errors(name: str, data: Any) -> list[Any]:
    """Every schema error in `data`; valid data takes the compiled fast path instead."""
    from scorecard.schemas.fast import compiled

    fast = compiled(name)
    if fast is not None and fast(data):
        return []
    return list(validator(name).iter_errors(data))
