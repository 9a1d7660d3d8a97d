"""Interface strings are data: every catalog has every key, with the same placeholders."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from scorecard.errors import UsageError
from scorecard.i18n import (
    DEFAULT_LANGUAGE,
    available_languages,
    load_catalog,
    placeholders,
    translator,
)

REPO = Path(__file__).resolve().parent.parent
LANGUAGES = available_languages()


def test_english_and_spanish_are_available() -> None:
    assert {"en", "es"} <= set(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalog_has_exactly_the_keys_of_the_default(lang: str) -> None:
    default = load_catalog(DEFAULT_LANGUAGE)
    catalog = load_catalog(lang)
    assert sorted(set(default) - set(catalog)) == [], f"{lang}.yaml lacks translations"
    assert sorted(set(catalog) - set(default)) == [], f"{lang}.yaml has unknown keys"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_their_placeholders(lang: str) -> None:
    default = load_catalog(DEFAULT_LANGUAGE)
    catalog = load_catalog(lang)
    wrong = {k: v for k, v in catalog.items() if placeholders(v) != placeholders(default[k])}
    assert wrong == {}


def _keys_used() -> set[str]:
    """Literal keys passed to t(...) in the templates and the render code."""
    pattern = re.compile(r"""\bt\(\s*["']([a-z_.-]+[a-z0-9_-])["']""")
    keys: set[str] = set()
    for path in [*(REPO / "templates").glob("*.j2"), *(REPO / "scorecard").rglob("*.py")]:
        keys |= set(pattern.findall(path.read_text(encoding="utf-8")))
    return keys


def test_every_literal_key_in_templates_and_code_is_in_the_catalogs() -> None:
    used = _keys_used()
    assert "overall.heading" in used  # the scan finds keys at all
    missing = sorted(used - set(load_catalog(DEFAULT_LANGUAGE)))
    assert missing == []


def test_dates_in_words() -> None:
    assert translator("en").date("2024-06-30") == "30 June 2024"
    assert translator("es").date("2024-06-30") == "30 de junio de 2024"
    assert translator("es").date("2024-01-05") == "5 de enero de 2024"


def test_numbers_and_percentages_as_each_locale_writes_them() -> None:
    """CLDR (through Babel): Central America and Mexico write 18.2%; Ecuador 18,2%; Spain
    18,2 % with a no-break space. Plain Spanish is Latin American Spanish (es-419)."""
    cases = {
        "en": ("37.5", "66.7%"),
        "es": ("37.5", "66.7%"),
        "es-SV": ("37.5", "66.7%"),
        "es-HN": ("37.5", "66.7%"),
        "es-MX": ("37.5", "66.7%"),
        "es-EC": ("37,5", "66,7%"),
        "es-ES": ("37,5", "66,7\u00a0%"),
    }
    for tag, (number, share) in cases.items():
        t = translator(tag)
        assert (t.number(Decimal("37.5")), t.percent(Decimal("66.7"))) == (number, share), tag
    # Rounding is done once, before: the decimals given are the decimals shown.
    assert translator("es-EC").number(Decimal("40.0")) == "40,0"
    assert translator("en").percent(Decimal("100.0")) == "100.0%"
    assert translator("es-SV").date("2024-06-30") == "30 de junio de 2024"


def test_plural_forms_follow_the_language() -> None:
    en, es = translator("en"), translator("es")
    assert en("problem.summary.files", count=1) == "1 file checked"
    assert en("problem.summary.files", count=2) == "2 files checked"
    assert en("problem.summary.files", count=0) == "0 files checked"
    assert es("problem.summary.files", count=1) == "1 archivo revisado"
    assert es("problem.summary.files", count=0) == "0 archivos revisados"
    assert es("flags.not_found", count=1) == "1 no encontrado"
    assert en("diff.gate.heading", points="1.0", count=Decimal("1.0")).endswith("points:")


def test_no_catalog_writes_a_plural_with_parentheses() -> None:
    for lang in LANGUAGES:
        for key, entry in load_catalog(lang).items():
            texts = [entry] if isinstance(entry, str) else list(entry.values())
            for text in texts:
                assert not re.search(r"\w\((s|es)\)", text.replace("http(s)", "")), (lang, key)


def test_a_regional_tag_uses_its_language_catalog() -> None:
    assert translator("es-SV")("overall.heading") == translator("es")("overall.heading")
    with pytest.raises(UsageError):
        translator("es-XX")


def test_strings_are_filled_in() -> None:
    assert translator("es")("flags.not_found", count=2) == "2 no encontrados"


def test_unknown_language_is_a_usage_error_listing_the_languages() -> None:
    with pytest.raises(UsageError, match="available: en, es"):
        translator("fr")
