"""The result document: valid against the bundled result schema for every scoring case, with
keys in a fixed order -- the order of `properties` in scorecard/schemas/result.schema.json."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from test_scoring import CASES, score

from scorecard import schemas
from scorecard.api import score_files
from scorecard.render.result_json import RESULT_FORMAT, result_to_dict
from scorecard.workspace import open_workspace

SCHEMA = schemas.load_schema("result")
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_the_result_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["format"]["const"] == RESULT_FORMAT


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref is None:
        return node
    target: Any = SCHEMA
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    return _resolve(target)


def assert_schema_key_order(data: Any, node: dict[str, Any], where: str = "$") -> None:
    """Every object's keys come in the order the schema lists its properties."""
    node = _resolve(node)
    if isinstance(data, dict):
        properties = node["properties"]
        assert list(data) == list(properties), where
        for key, value in data.items():
            assert_schema_key_order(value, properties[key], f"{where}.{key}")
    elif isinstance(data, list):
        for index, item in enumerate(data):
            assert_schema_key_order(item, node["items"], f"{where}[{index}]")


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_case_is_a_valid_result_document(name: str, lang: str) -> None:
    result = score(*CASES[name])
    document = result_to_dict(result, lang)
    errors = sorted(VALIDATOR.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    assert_schema_key_order(document, SCHEMA)


@pytest.mark.parametrize("name", sorted(CASES))
def test_dumping_twice_gives_identical_text(name: str) -> None:
    first = json.dumps(result_to_dict(score(*CASES[name])), ensure_ascii=False, indent=2)
    second = json.dumps(result_to_dict(score(*CASES[name])), ensure_ascii=False, indent=2)
    assert first == second
    assert json.loads(first) == result_to_dict(score(*CASES[name]))  # plain JSON types only


def test_the_top_level_key_order_is_the_documented_one() -> None:
    document = result_to_dict(score(*CASES["pillar withheld"]))
    assert list(document) == [
        "format",
        "jurisdiction",
        "edition",
        "as_of",
        "status",
        "rubric",
        "display",
        "overall",
        "counts",
        "evidence_coverage",
        "pillars",
        "provenance",
    ]
    assert list(document) == SCHEMA["required"]


def test_numbers_are_rounded_once_with_the_exact_value_beside() -> None:
    document = result_to_dict(score(*CASES["rounding"]))
    first = document["pillars"][0]
    assert (first["score"], first["score_exact"]) == (42.3, "169/4")
    assert (document["overall"]["score"], document["overall"]["score_exact"]) == (21.2, "423/20")
    tenths = result_to_dict(score(*CASES["tenths"]))
    assert tenths["pillars"][0]["score"] == 66.7
    assert tenths["pillars"][0]["score_exact"] == "200/3"
    assert [i["weight"] for i in tenths["pillars"][0]["indicators"]] == [0.1, 0.2]


def test_withheld_and_not_applicable_are_null_with_a_reason() -> None:
    document = result_to_dict(score(*CASES["overall withheld"]))
    overall = document["overall"]
    assert overall["status"] == "withheld"
    assert (overall["score"], overall["score_exact"], overall["band"]) == (None, None, None)
    assert overall["coverage"] == 33.3
    # The reason is a code and its figures: words are for the reports people read.
    assert overall["reason"] == {
        "code": "coverage_below_minimum",
        "coverage": 33.3,
        "minimum": 66.7,
    }
    na = result_to_dict(score(*CASES["all-na pillar"]))["pillars"][1]
    assert (na["status"], na["score"], na["coverage"], na["band"]) == (
        "not_applicable",
        None,
        None,
        None,
    )


def test_text_follows_the_language() -> None:
    document = result_to_dict(score(*CASES["pillar withheld"]), "es")
    assert document["jurisdiction"]["name"] == "Xanadú"
    assert document["pillars"][0]["title"] == "Pilar strategy"


def test_the_test_workspace_result_is_valid(test_workspace: Path) -> None:
    (result,) = score_files(
        [test_workspace / "assessments" / "XA" / "2024.yaml"], open_workspace(test_workspace)
    )
    document = result_to_dict(result)
    VALIDATOR.validate(document)
    assert_schema_key_order(document, SCHEMA)
    assert document["overall"]["score"] == 37.5
    assert document["pillars"][1]["status"] == "withheld"


def test_bounds_in_the_json_are_exact_beside_and_valid() -> None:
    for name in sorted(CASES):
        document = result_to_dict(score(*CASES[name]))
        assert not list(VALIDATOR.iter_errors(document)), name
        bounds = document["overall"]["bounds"]
        if document["overall"]["status"] == "not_applicable":
            assert bounds is None
            continue
        low, high = Fraction(bounds["low_exact"]), Fraction(bounds["high_exact"])
        assert low <= high
        if bounds["missing"] == 0:  # nothing missing: the bounds are the score
            assert low == high == Fraction(document["overall"]["score_exact"])
        for pillar in document["pillars"]:
            if pillar["status"] == "withheld":  # a withheld score has bounds: their point
                assert pillar["bounds"]["missing"] > 0


@pytest.mark.parametrize(
    "text",
    ["plain", "line\u2028separator", "paragraph\u2029separator", "next\x85line", "tab\tand\nbreak"],
)
@pytest.mark.parametrize("depth", [0, 1])
def test_an_array_of_documents_is_the_whole_dumped_at_once(text: str, depth: int) -> None:
    """data/scores.json is written an element at a time; the line breaks JSON leaves raw in a
    string (U+2028, U+2029, U+0085) are inside it and get no indent (they once did)."""
    from scorecard.render.result_json import json_array

    documents = [{"note": text, "list": [text, {"deeper": [1, 2]}], "empty": []}, {}, [text]]
    texts = [json.dumps(d, ensure_ascii=False, indent=2) for d in documents]
    nested: Any = {"results": documents} if depth else documents
    whole = json.dumps(nested, ensure_ascii=False, indent=2)
    array = "".join(json_array(texts, depth))
    expected = whole.split('"results": ', 1)[1][: -len("\n}")] if depth else whole
    assert array == expected
    assert "".join(json_array([], depth)) == "[]"
