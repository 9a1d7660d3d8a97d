"""Times the compiled schema fast path (scorecard/schemas/fast.py) against jsonschema on a
benchmark workspace, and checks that both agree on every file and on mutated copies.

Valid documents skip jsonschema; a document the fast check rejects goes to jsonschema, which
finds and explains the errors. tests/schemas/test_fast.py checks agreement in the suite.

    python benchmarks/fast_schema_check.py benchmarks/out/ws-2000

prints the time of jsonschema's is_valid and of the fast check over every file, and checks
that both agree on every file and on mutated copies of them.
"""

from __future__ import annotations

import copy
import random
import sys
import time
from pathlib import Path
from typing import Any

from scorecard.schemas.fast import compile_schema


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
    from scorecard.schemas.validators import validator as schema_validator

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
