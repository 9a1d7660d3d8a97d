"""Prototype (not wired into scorecard): a JSON Schema compiled to closures that only answer
"valid or not", as a fast path in front of jsonschema.

Valid documents — nearly all of them in a real workspace — would skip jsonschema; a
document the fast check rejects (or a schema with a keyword it does not know) goes to
jsonschema as today, which finds and explains the errors. So messages cannot change; only
a wrong "valid" could, which the differential check below (and a property test, if this is
adopted) guards against.

    python benchmarks/fast_schema_check.py benchmarks/out/ws-2000

prints the time of jsonschema's is_valid and of the fast check over every file, and checks
that both agree on every file and on mutated copies of them.
"""

from __future__ import annotations

import copy
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def _ecma(pattern: str) -> re.Pattern[str]:
    # As scorecard.validation does: ECMAScript's `$` matches only at the very end.
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


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
            rx = _ecma(arg)
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


def _mutate(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    m = copy.deepcopy(data)
    key = rng.choice(list(m["answers"]))
    choice = rng.randrange(7)
    if choice == 0:
        m["answers"][key]["na"] = "x"
    elif choice == 1:
        m["answers"][key] = {}
    elif choice == 2:
        m["jurisdiction"]["code"] = "XA\n"
    elif choice == 3:
        m["as_of"] = 20240101
    elif choice == 4:
        m["answers"][key]["evidence"] = [{"url": "https://example.org"}]
    elif choice == 5:
        m["edition"] = True
    else:
        m["extra"] = 1
    return m


def main(folder: Path) -> int:
    from scorecard import schemas
    from scorecard.loading import load_document
    from scorecard.validation import schema_validator

    paths = sorted((folder / "assessments").rglob("*.yaml"))
    docs = [load_document(p).data for p in paths]
    slow = schema_validator("assessment")
    fast = compile_schema(schemas.load_schema("assessment"))
    start = time.perf_counter()
    expected = [slow.is_valid(d) for d in docs]
    middle = time.perf_counter()
    got = [fast(d) for d in docs]
    end = time.perf_counter()
    print(
        f"{len(docs)} assessments: jsonschema {middle - start:.2f} s, "
        f"fast check {end - middle:.2f} s"
    )
    assert got == expected, "the fast check disagrees with jsonschema"
    rng = random.Random(1)
    for data in docs[:500]:
        mutated = _mutate(data, rng)
        assert fast(mutated) == slow.is_valid(mutated), mutated
    for path in [*(folder / "rubrics").rglob("*.yaml"), *Path("rubrics").rglob("*.yaml")]:
        data = load_document(path).data
        assert compile_schema(schemas.load_schema("rubric"))(data) == schema_validator(
            "rubric"
        ).is_valid(data), path
    print("agrees with jsonschema on every file, 500 mutated assessments and the rubrics")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/out/ws-2000")))
