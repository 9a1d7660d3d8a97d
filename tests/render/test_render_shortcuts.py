"""The shortcuts that make rendering fast give exactly what the plain ways gave: the JSON
writer, percent-encoding of link destinations, remembered numbers and dates, the template
environment's dict lookups and translator calls, parsed notes shared between pages, and
one scorecard view shared by an edition's formats."""

from __future__ import annotations

import datetime as dt
import json
import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from render_support import HOSTILE_CODE, fixture_result

from scorecard.i18n import translator
from scorecard.render import ViewMemo, render_scorecard
from scorecard.render.environment import environment
from scorecard.render.result_json import dumps_indented
from scorecard.render.text import _parsed, _tokens, md_block, md_url, notes_html
from scorecard.render.view import scorecard_view

# --- the JSON writer ------------------------------------------------------------------------

_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
_JSON = st.recursive(
    _LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@given(_JSON)
def test_the_json_writer_writes_what_json_dumps_writes(data: Any) -> None:
    assert dumps_indented(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_the_json_writer_on_the_awkward_values() -> None:
    awkward = {
        "controls": '\x00\x1f\n\r\t\b\f"\\/\u2028\u2029\U0001f600 ñ',
        "numbers": [0, -0.0, 1e300, 1e-300, 2**80, math.nan, math.inf, -math.inf, 0.1],
        "empty": [{}, [], "", {"": []}],
        "nested": [[[{"a": [None, True, False]}]]],
    }
    assert dumps_indented(awkward) == json.dumps(awkward, ensure_ascii=False, indent=2)


def test_values_of_other_types_are_left_to_the_json_module() -> None:
    # A tuple is written as a list; a bool subclass of int and a str key of another type too.
    data = {"t": (1, 2), "k": {1: "one", None: "none", 2.5: "x"}}
    assert dumps_indented(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_a_value_json_cannot_write_is_still_refused() -> None:
    for bad in ({"d": Decimal("1.5")}, [Fraction(1, 3)]):
        try:
            dumps_indented(bad)
        except TypeError:
            continue
        raise AssertionError(f"{bad!r} was written")


# --- link destinations ----------------------------------------------------------------------


def _md_url_by_character(url: str) -> str:
    """The destination as the one-character-at-a-time loop made it before."""
    out = []
    for char in url.strip():
        if char.isspace() or char in '()<>[]\\|"`' or ord(char) < 32:
            out.append("".join(f"%{b:02X}" for b in char.encode("utf-8")))
        else:
            out.append(char)
    return "".join(out)


def test_link_destinations_encode_exactly_the_characters_they_did_one_by_one() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    url = f"https://example.org/{every}end"
    assert md_url(url) == _md_url_by_character(url)
    assert md_url("  https://example.org/a b  ") == "https://example.org/a%20b"
    assert md_url("../x (1).html", relative=True) == "../x%20%281%29.html"


# --- remembered numbers and dates -----------------------------------------------------------


def test_numbers_keep_their_decimals_when_remembered() -> None:
    t = translator("en")
    assert t.number(Decimal("37.50")) == "37.50"
    assert t.number(Decimal("37.5")) == "37.5"
    assert t.number(Decimal("37.50")) == "37.50"
    assert t.number(38) == "38"
    assert t.number(Decimal("38")) == "38"
    assert t.percent(Decimal("37.5")) == "37.5%"
    assert t.number(Decimal("37.5")) == "37.5", "a percentage is not remembered as a number"
    comma = translator("es-EC")
    assert comma.number(Decimal("37.5")) == "37,5", "each locale remembers its own"


def test_dates_are_the_same_remembered_or_not() -> None:
    t = translator("es")
    assert t.date("2024-06-30") == "30 de junio de 2024"
    assert t.date(dt.date(2024, 6, 30)) == "30 de junio de 2024"
    assert t.date("2024-06-30") == "30 de junio de 2024"
    assert t.date(dt.datetime(2024, 7, 1, 12, 0)) == "1 de julio de 2024"


# --- the template environment ---------------------------------------------------------------


def test_a_dict_key_named_like_a_dict_method_is_still_the_method() -> None:
    env = environment()
    template = env.from_string(
        "{{ d.name }}|{{ d.missing is defined }}|{{ d.items is callable }}|{{ d.get('name') }}"
    )
    assert template.render(d={"name": "A", "items": "not this"}) == "A|False|True|A"


def test_a_dict_subclass_keeps_its_attributes_first() -> None:
    class Card(dict[str, Any]):
        name = "attribute"

    env = environment()
    assert env.from_string("{{ c.name }}").render(c=Card(name="key")) == "attribute"


def test_the_translator_is_called_the_same_inside_and_outside_loops() -> None:
    env = environment()
    template = env.from_string(
        "{{ t('overall.heading') }}{% for i in [1, 2] %}|{{ t('flags.na', count=i) }}{% endfor %}"
    )
    t = translator("en")
    expected = t("overall.heading") + f"|{t('flags.na', count=1)}|{t('flags.na', count=2)}"
    assert template.render(t=t) == expected


# --- notes parsed once ----------------------------------------------------------------------


def test_rendering_notes_leaves_their_shared_parse_as_it_was() -> None:
    notes = "See [the report](https://example.org/r) and **this**.\n\n- one\n- two"
    _parsed.cache_clear()
    markdown = md_block(notes)
    html = notes_html(notes)
    assert 'rel="noopener noreferrer"' in html
    assert notes_html(notes) == html, "rendering twice gives the same page"
    assert md_block(notes) == markdown
    tokens = _tokens(notes)
    assert tokens is not None
    links = [c for t in tokens for c in (t.children or []) if c.type == "link_open"]
    assert links and all("rel" not in link.attrs for link in links)


# --- one view per edition -------------------------------------------------------------------


def test_the_formats_of_an_edition_share_one_view_and_render_as_without() -> None:
    result = fixture_result("XB")
    views = ViewMemo()
    for fmt in ("html", "md", "json"):
        assert render_scorecard(result, fmt, "es", views=views) == render_scorecard(
            result, fmt, "es"
        )
    t = translator("es")
    card = views.card(result, t, "es")
    assert views.card(result, t, "es") is card
    assert card == scorecard_view(result, t, "es")
    english = views.card(result, translator("en"), "en")
    assert english is not card and english == scorecard_view(result, translator("en"), "en")
    other = fixture_result("XB")
    assert views.card(other, translator("en"), "en") is not english, "another result"


# --- short texts escaped once ---------------------------------------------------------------


def test_a_remembered_escape_is_the_escape() -> None:
    from decimal import Decimal as D

    from markupsafe import Markup

    from scorecard.render.text import MdSafe, md_code, md_inline

    cases = ["# a|b", "1. x", "plain", "*", " lead", "a\nb", "\u202eevil", "x" * 101]
    first = [md_inline(c) for c in cases]
    assert first[0] == "\\# a\\|b" and first[1] == "1\\. x" and first[3] == "\\*"
    assert [md_inline(c) for c in cases] == first
    assert all(type(m) is MdSafe for m in first)
    assert md_inline(D("37.5")) == md_inline("37.5") == "37.5"
    assert md_inline(Markup("<b>")) == "\\<b\\>"
    assert md_code("a|b") == md_code("a|b") == "`a\\|b`"
    assert md_code("a`b") == "``a`b``"


def test_notes_of_a_text_subclass_are_rendered_as_the_text() -> None:
    from markupsafe import Markup

    notes = "Some *notes* & <b>tags</b>"
    assert notes_html(Markup(notes)) == notes_html(notes)
    assert md_block(Markup(notes)) == md_block(notes)
    assert "&lt;b&gt;" in notes_html(notes)


# --- the hostile fixture, byte for byte -----------------------------------------------------

HOSTILE_GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "hostile"


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_the_hostile_scorecard_is_rendered_as_before_the_shortcuts(fmt: str, lang: str) -> None:
    """tests/golden/hostile/ holds the pages as the code before these shortcuts wrote them
    (bidirectional controls, markup, pipes, over-limit notes): the shortcuts change no byte.
    In Markdown an md_* filter's output is isolated again when printed (a name in a table
    cell has two isolates), as it always was."""
    expected = (HOSTILE_GOLDEN / f"{HOSTILE_CODE}-2024.{lang}.{fmt}").read_bytes()
    views = ViewMemo()
    for _ in range(2):  # the second time from what the first remembered
        result = fixture_result(HOSTILE_CODE)
        assert render_scorecard(result, fmt, lang, views=views).encode("utf-8") == expected
