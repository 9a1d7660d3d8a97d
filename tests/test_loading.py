"""loading.py: YAML and JSON to plain data, with positions recovered for messages."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from problem_support import hint_said, said

from scorecard.loading import MAX_BYTES, Document, LoadError, load_document, parse_document

YAML_TEXT = """\
# a comment
id: sample
when: 2024-06-30
stamp: 2024-06-30T10:00:00Z
version: 1.10
levels:
  - {id: none, value: 0}
  - id: full
    value: 100
5.10: numeric-looking key
1.0: another
true: a boolean-looking key
null: a null-looking key
"""


def parse(text: str | bytes, name: str = "doc.yaml") -> Document:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return parse_document(raw, Path(name), name)


def refused(text: str | bytes, name: str = "doc.yaml") -> LoadError:
    with pytest.raises(LoadError) as info:
        parse(text, name)
    return info.value


# --- data ---------------------------------------------------------------------------------


def test_dates_and_timestamps_stay_strings_as_written() -> None:
    data = parse(YAML_TEXT).data
    assert data["when"] == "2024-06-30"
    assert data["stamp"] == "2024-06-30T10:00:00Z"


def test_keys_keep_their_text() -> None:
    data = parse(YAML_TEXT).data
    assert data["5.10"] == "numeric-looking key"
    assert data["1.0"] == "another"
    assert data["true"] == "a boolean-looking key"
    assert data["null"] == "a null-looking key"
    assert all(isinstance(key, str) for key in data)


def test_values_follow_yaml_and_the_written_text_is_recoverable() -> None:
    document = parse(YAML_TEXT)
    assert document.data["version"] == 1.1  # what YAML says: the reason to quote versions
    assert document.scalar_text(("version",)) == "1.10"
    assert document.scalar_text(("levels", 1, "value")) == "100"
    assert document.scalar_text(("levels",)) is None  # a list, not a scalar
    assert document.scalar_text(("missing",)) is None


def test_merge_keys_merge_and_explicit_keys_win() -> None:
    data = parse(
        "base: &base {a: 1, b: 2}\n"
        "other: &other {b: 3, c: 4}\n"
        "single: {<<: *base, b: 20}\n"
        "several: {<<: [*base, *other], d: 5}\n"
    ).data
    assert data["single"] == {"a": 1, "b": 20}
    # In a list of merged maps the earlier map wins, as the merge-key spec says.
    assert data["several"] == {"a": 1, "b": 2, "c": 4, "d": 5}


def test_a_key_overriding_a_merged_one_is_not_a_duplicate_but_a_repeated_key_is() -> None:
    assert parse("base: &b {a: 1}\nm: {<<: *b, a: 2}\n").data["m"] == {"a": 2}
    error = refused("base: &b {a: 1}\nm:\n  <<: *b\n  a: 2\n  a: 3\n")
    assert [(p.line, p.column, p.code) for p in error.problems] == [(5, 3, "duplicate-key")]
    assert "first given on line 4" in said(error.problems[0])


def test_a_merge_key_bomb_loads_quickly() -> None:
    # Each level merges nine copies of the one before: 9**12 pairs if merges were copied.
    lines = ["a0: &a0 {k: v}"]
    for i in range(1, 13):
        lines.append(f"a{i}: &a{i} {{<<: [{', '.join([f'*a{i - 1}'] * 9)}]}}")
    started = time.perf_counter()
    data = parse("\n".join(lines) + "\n").data
    assert data["a12"] == {"k": "v"}
    assert time.perf_counter() - started < 5


def test_yaml_and_json_give_the_same_data() -> None:
    from_yaml = parse('a: "2024-01-01"\nb: [1, 2.5, true, null]\nc: {d: ñ}\n').data
    from_json = parse('{"a": "2024-01-01", "b": [1, 2.5, true, null], "c": {"d": "ñ"}}', "d.json")
    assert from_yaml == from_json.data


# --- positions ----------------------------------------------------------------------------


def test_locate_finds_values_keys_and_list_items() -> None:
    document = parse(YAML_TEXT)
    assert document.locate(("id",)) == (2, 5)
    assert document.locate(("id",), key=True) == (2, 1)
    assert document.locate(("levels", 0, "value")) == (7, 23)
    assert document.locate(("levels", 1, "value")) == (9, 12)
    assert document.locate(("levels", 1)) == (8, 5)
    assert document.locate(("5.10",), key=True) == (10, 1)


def test_locate_falls_back_to_the_nearest_existing_parent() -> None:
    document = parse(YAML_TEXT)
    assert document.locate(("levels", 7, "value")) == document.locate(("levels",))
    assert document.locate(("nothing", "here")) == (2, 1)  # the document itself
    assert document.locate(()) == (2, 1)


def test_positions_count_characters_not_bytes() -> None:
    document = parse('name: "ñandú", code: XA\n'.replace(", code", "\ncode"))
    assert document.locate(("code",)) == (2, 7)
    document = parse('{"name": "ñandú", "code": "XA"}', "d.json")
    assert document.locate(("code",)) == (1, 27)


def test_crlf_files_load_and_locate_like_lf_files() -> None:
    lf = parse(YAML_TEXT)
    crlf = parse(YAML_TEXT.replace("\n", "\r\n").encode("utf-8"))
    assert crlf.data == lf.data
    assert crlf.locate(("levels", 1, "value")) == lf.locate(("levels", 1, "value"))
    assert crlf.snippet(3) == ["id: sample", "when: 2024-06-30"]


def test_a_utf8_bom_is_accepted() -> None:
    document = parse(b"\xef\xbb\xbfid: sample\nversion: '1.0'\n")
    assert document.data == {"id": "sample", "version": "1.0"}
    assert document.locate(("version",)) == (2, 10)
    assert parse(b'\xef\xbb\xbf{"id": "sample"}', "d.json").data == {"id": "sample"}


def test_json_positions_survive_tabs_and_escaped_surrogates() -> None:
    text = '{\n\t"title": "\\ud83d\\ude00 smile",\n\t"code": "XA"\n}'
    document = parse(text, "d.json")
    assert document.data["title"] == "😀 smile"
    assert document.locate(("code",)) == (3, 10)
    assert document.locate(("code",), key=True) == (3, 2)


def test_json_line_separators_inside_strings_do_not_shift_lines() -> None:
    # JSON allows U+2028 in a string; YAML would count it as a line break.
    text = '{\n  "a": "one\u2028two",\n  "b": 1\n}'
    document = parse(text, "d.json")
    assert document.locate(("b",)) == (3, 8)
    assert document.snippet(3) == ['  "a": "one\u2028two",', '  "b": 1']


def test_snippet_gives_the_line_before_and_the_line() -> None:
    document = parse(YAML_TEXT)
    assert document.snippet(2) == ["# a comment", "id: sample"]
    assert document.snippet(1) == ["# a comment"]
    assert document.snippet(99) == []


# --- refusals -----------------------------------------------------------------------------


def test_json_duplicate_keys_are_located() -> None:
    error = refused('{\n  "a": {"x": 1,\n        "x": 2},\n  "b": 3\n}', "d.json")
    [problem] = error.problems
    assert (problem.line, problem.column, problem.code) == (3, 9, "duplicate-key")
    assert said(problem).startswith("duplicate key 'x' (first given on line 2)")


def test_yaml_duplicate_keys_are_located() -> None:
    error = refused("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")
    assert sorted((p.line, p.column) for p in error.problems) == [(4, 3), (5, 1)]


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("a: !!python/object:os.system x\n", "!!python/object:os.system"),
        ("a: !!python/name:os.system\n", "!!python/name:os.system"),
        ("a: !!timestamp 2024-01-01\n", "!!timestamp"),
        ("a: !!binary aGk=\n", "!!binary"),
        ("a: !!set {x}\n", "!!set"),
        ("a: !foo bar\n", "!foo"),
    ],
)
def test_tags_are_refused(text: str, tag: str) -> None:
    [problem] = refused(text).problems
    assert (problem.line, problem.column, problem.code) == (1, 4, "tag")
    assert f"the tag {tag!r} is not allowed" in said(problem)


def test_a_list_as_a_key_is_refused() -> None:
    [problem] = refused("? [a, b]\n: value\n").problems
    assert problem.code == "complex-key"
    assert (problem.line, problem.column) == (1, 3)


def test_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" + b"#" * 2000 + b"\n")
    with pytest.raises(LoadError) as info:
        load_document(path, max_bytes=1024)
    [problem] = info.value.problems
    assert problem.code == "too-large"
    assert load_document(path).data == {"a": 1}  # far below the default limit
    assert MAX_BYTES == 5 * 1024 * 1024


def test_an_unreadable_path_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    for path in (tmp_path, tmp_path / "gone.yaml"):  # a folder, a missing file
        with pytest.raises(LoadError) as info:
            load_document(path)
        [problem] = info.value.problems
        assert problem.code == "unreadable"


def test_binary_and_wide_encodings() -> None:
    [problem] = refused(b"a: 1\nb: \x00\x01\x02\n").problems
    assert (problem.line, problem.code) == (2, "binary")
    [problem] = refused("a: 1\n".encode("utf-16")).problems
    assert said(problem) == "the text is UTF-16, not UTF-8"
    [problem] = refused("a: 1\n".encode("utf-32")).problems
    assert said(problem) == "the text is UTF-32, not UTF-8"


def test_latin1_is_located_and_its_text_kept_for_snippets() -> None:
    error = refused("a: 1\nname: ñ \xfa\n".encode().replace(b"\xc3\xba", b"\xfa"))
    [problem] = error.problems
    assert (problem.line, problem.column, problem.code) == (2, 9, "encoding")
    assert error.text is not None and error.text.splitlines()[1] == "name: ñ \ufffd"


def test_alias_bombs_are_refused_at_the_first_alias() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        previous, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 10)}]")
    [problem] = refused("\n".join(lines) + "\n").problems
    assert (problem.line, problem.column, problem.code) == (2, 8, "alias-bomb")


def test_legitimate_aliases_are_fine() -> None:
    data = parse("src: &s {title: T}\nuse: [*s, *s]\n").data
    assert data["use"] == [{"title": "T"}, {"title": "T"}]


@pytest.mark.parametrize(
    "text",
    [
        "a:\n" + "".join("  " * depth + "- \n" for depth in range(1, 2000)),
        "a: " + "[" * 5000 + "]" * 5000 + "\n",
        "a: " + "{b: " * 3000 + "1" + "}" * 3000 + "\n",
    ],
    ids=["block", "flow-list", "flow-map"],
)
def test_deep_yaml_is_refused_cleanly(text: str) -> None:
    [problem] = refused(text).problems
    assert problem.code in ("too-deep", "yaml")
    assert problem.line >= 1


def test_deep_json_is_refused_cleanly() -> None:
    [problem] = refused('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", "d.json").problems
    assert problem.code == "too-deep"


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("a: [1, 2\nb: 3\n", 2, 2, "(it began on line 1)"),
        ("a: 'open\nb: 3\n", 3, 1, "(it began on line 1)"),
        ("a: 1\n---\nb: 2\n", 2, 1, "expected a single document"),
        ("a: 1\n\tb: 2\n", 2, 1, "tab"),
    ],
)
def test_yaml_syntax_errors_are_located(text: str, line: int, column: int, words: str) -> None:
    [problem] = refused(text).problems
    assert (problem.line, problem.column, problem.code) == (line, column, "yaml")
    assert words in said(problem)


def test_json_syntax_errors_are_located_with_a_hint_for_trailing_commas() -> None:
    [problem] = refused('{\n  "a": [1, 2,],\n  "b": 3\n}', "d.json").problems
    assert (problem.line, problem.column, problem.code) == (2, 14, "json")
    assert hint_said(problem) == "remove the comma after the last item: JSON does not allow it"
    [problem] = refused('{"a": 1} {"b": 2}', "d.json").problems
    assert (problem.line, problem.column) == (1, 10)


def test_booleans_are_yaml_1_2s_so_yes_no_on_off_stay_text() -> None:
    data = parse("a: [no, yes, on, off, NO, y, n, true, false, True, FALSE]\n").data
    assert data["a"] == ["no", "yes", "on", "off", "NO", "y", "n", True, False, True, False]
