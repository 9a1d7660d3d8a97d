"""schemas.messages: jsonschema's errors become located problems said by catalog phrases."""

from __future__ import annotations

from pathlib import Path

from problem_support import hint_said, located, said

from scorecard.errors import Phrase
from scorecard.loading import parse_document
from scorecard.schemas.messages import found_type, pretty_path, schema_problems
from scorecard.schemas.validators import schema_errors

ASSESSMENT = """\
rubric: test-rubric@1.0
jurisdiction:
  code: XA
  name: Example
edition: 2024
as_of: 2024-06-30
status: examplee
answers: {}
colour: blue
"""


def _problems(text: str, name: str = "a.yaml") -> list:
    document = parse_document(text.encode(), Path(name), name)
    return schema_problems(document, schema_errors("assessment", document.data))


def test_each_error_is_located_and_said_plainly() -> None:
    problems = sorted(_problems(ASSESSMENT))
    assert [located(p) for p in problems] == [
        "a.yaml:7:9: error: status must be one of: draft, in-review, published, example "
        "(found 'examplee')",
        "a.yaml:9:1: error: unknown field 'colour' in the document",
    ]
    assert hint_said(problems[0]) == "did you mean 'example'?"
    assert {p.code for p in problems} == {"schema"}


def test_problems_are_phrases_said_in_any_language() -> None:
    problems = _problems(ASSESSMENT)
    assert all(isinstance(p.message, Phrase) for p in problems)
    spanish = [said(p, "es") for p in problems]
    assert spanish != [said(p) for p in problems]
    assert all(s for s in spanish)


def test_a_version_written_as_a_number_gets_a_hint_quoting_what_was_written() -> None:
    text = ASSESSMENT.replace("status: examplee", "status: example").replace("colour: blue\n", "")
    text = text.replace("code: XA", "code: 1.10")
    (problem,) = _problems(text)
    assert said(problem) == "jurisdiction.code must be text, not a number"
    assert hint_said(problem) == 'write it in quotes: "1.10"'


def test_the_same_finding_twice_is_reported_once() -> None:
    document = parse_document(ASSESSMENT.encode(), Path("a.yaml"), "a.yaml")
    errors = schema_errors("assessment", document.data)
    assert len(schema_problems(document, errors + errors)) == len(schema_problems(document, errors))


def test_paths_and_types_in_words() -> None:
    assert pretty_path(("answers", "strategy.published", "evidence", 0, "url")) == (
        "answers['strategy.published'].evidence[0].url"
    )
    assert pretty_path(()) == "the document"
    assert isinstance(found_type([]), Phrase) and found_type([]).key == "problem.found.list"
