"""A JSON Schema compiled once into small functions that only answer "valid or not".

It sits in front of jsonschema as a fast path: valid documents - nearly all of them in a real
workspace - skip jsonschema, which walks every keyword with error bookkeeping and costs about
ten times as much; a document this check rejects goes to jsonschema as before, which finds and
explains every error. So messages never depend on this module; only a wrong "valid" could,
and tests/schemas/test_fast.py checks that it agrees with jsonschema on the whole test
corpus and on generated documents; patterns are matched by the validator's own
`ecma_pattern`. A schema keyword it does not know raises Unsupported, and
the caller then uses jsonschema alone.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from scorecard.schemas.validators import ecma_pattern

Check = Callable[[Any], bool]

IGNORED = {"title", "description", "$schema", "$id", "$defs", "default", "examples", "$comment"}


def _number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": _number,
    "integer": lambda v: (
        (isinstance(v, int) and not isinstance(v, bool))
        or (isinstance(v, float) and v.is_integer())
    ),
}
COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "minimum": lambda v, a: v >= a,
    "maximum": lambda v, a: v <= a,
    "exclusiveMinimum": lambda v, a: v > a,
    "exclusiveMaximum": lambda v, a: v < a,
}


class Unsupported(Exception):
    """The schema uses a keyword this compiler does not know: use jsonschema alone."""


def _same(a: Any, b: Any) -> bool:
    # JSON Schema equality: true is not 1, false is not 0.
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return bool(a == b)


def compile_schema(root: dict[str, Any]) -> Check:
    """A function telling whether a document is valid against `root`."""
    refs: dict[str, Check] = {}

    def resolve(ref: str) -> Check:
        if not ref.startswith("#/"):
            raise Unsupported(ref)
        if ref not in refs:
            refs[ref] = lambda v: refs[ref + "!"](v)  # allows recursive schemas
            node: Any = root
            for part in ref[2:].split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
            refs[ref + "!"] = build(node)
        return refs[ref + "!"] if ref + "!" in refs else refs[ref]

    def build(s: Any) -> Check:
        if s is True or s == {}:
            return lambda v: True
        if s is False:
            return lambda v: False
        checks: list[Check] = []
        for key, arg in s.items():
            if key in IGNORED:
                continue
            checks.append(keyword(key, arg, s))
        if len(checks) == 1:
            return checks[0]
        every = tuple(checks)
        return lambda v: all(c(v) for c in every)

    def keyword(key: str, arg: Any, s: dict[str, Any]) -> Check:
        if key == "$ref":
            return resolve(arg)
        if key == "type":
            fs = [TYPES[n] for n in ([arg] if isinstance(arg, str) else arg)]
            return fs[0] if len(fs) == 1 else lambda v: any(f(v) for f in fs)
        if key == "properties":
            props = {k: build(sub) for k, sub in arg.items()}

            def properties(v: Any) -> bool:
                if not isinstance(v, dict):
                    return True
                return all(f(v[k]) for k, f in props.items() if k in v)

            return properties
        if key == "additionalProperties":
            if "patternProperties" in s:
                raise Unsupported(key)
            known, extra = set(s.get("properties", {})), build(arg)
            return lambda v: (
                not isinstance(v, dict) or all(extra(x) for k, x in v.items() if k not in known)
            )
        if key == "required":
            return lambda v: not isinstance(v, dict) or all(k in v for k in arg)
        if key == "propertyNames":
            names = build(arg)
            return lambda v: not isinstance(v, dict) or all(names(k) for k in v)
        if key == "minProperties":
            return lambda v: not isinstance(v, dict) or len(v) >= arg
        if key == "items":
            item = build(arg)
            return lambda v: not isinstance(v, list) or all(item(x) for x in v)
        if key == "minItems":
            return lambda v: not isinstance(v, list) or len(v) >= arg
        if key == "uniqueItems":
            return lambda v: (
                not (arg and isinstance(v, list))
                or all(not _same(a, b) for i, a in enumerate(v) for b in v[i + 1 :])
            )
        if key == "pattern":
            rx = ecma_pattern(arg)
            return lambda v: not isinstance(v, str) or rx.search(v) is not None
        if key == "minLength":
            return lambda v: not isinstance(v, str) or len(v) >= arg
        if key == "maxLength":
            return lambda v: not isinstance(v, str) or len(v) <= arg
        if key in COMPARE:
            op = COMPARE[key]
            return lambda v: not _number(v) or op(v, arg)
        if key == "enum":
            return lambda v: any(_same(v, o) for o in arg)
        if key == "const":
            return lambda v: _same(v, arg)
        if key in ("oneOf", "anyOf", "allOf"):
            fs = [build(x) for x in arg]
            if key == "oneOf":
                return lambda v: sum(1 for f in fs if f(v)) == 1
            if key == "anyOf":
                return lambda v: any(f(v) for f in fs)
            return lambda v: all(f(v) for f in fs)
        if key == "not":
            inner = build(arg)
            return lambda v: not inner(v)
        raise Unsupported(key)

    return build(root)


@cache
def compiled(name: str) -> Check | None:
    """The bundled schema `name` compiled, or None if it uses a keyword this module lacks."""
    from scorecard.schemas import load_schema

    try:
        return compile_schema(load_schema(name))
    except Unsupported:
        return None
