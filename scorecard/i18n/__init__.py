"""Interface strings as data, and numbers, percentages and dates as each locale writes them.

One YAML catalog per language in this folder (en.yaml, es.yaml). Add a language by adding
`<lang>.yaml` with the same keys as en.yaml (a test checks that every catalog has every key);
its `language.locale` names the CLDR locale it formats with by default (`en-GB`, `es-419`).

A language is asked for by a tag: `es` (the catalog, formatted as `es-419`) or a regional
tag such as `es-SV` or `es-EC` (the same words, with that country's numbers: CLDR writes
`18.2%` in El Salvador and `18,2%` in Ecuador). Numbers, percentages and dates come from
CLDR through Babel.

A catalog entry is a string, or, where a count decides the wording, a mapping of CLDR plural
categories (`one`, `few`, `many`, `other`, ...) to strings; the form is chosen by the
`count` value passed in, by the language's plural rules.

    t = translator("es")
    t("overall.heading")             -> "Puntuación global"
    t("problem.summary.files", count=1) -> "1 archivo revisado"
    t.date("2024-06-30")             -> "30 de junio de 2024"
    t.number(Decimal("37.5"))        -> "37.5"  (es-419; "37,5" for es-ES or es-EC)
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import re
import string
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

from scorecard.errors import UsageError
from scorecard.model import DEFAULT_DISPLAY, Display
from scorecard.scoring import percent, shown

CATALOG_DIR = Path(__file__).resolve().parent
DEFAULT_LANGUAGE = "en"
MINUS = "−"  # U+2212, so a negative change reads as one in prose and tables
PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})

_LANGUAGE = re.compile(r"[a-z]{2,3}")
_TAG = re.compile(r"([a-z]{2,3})(?:-([A-Za-z0-9]{2,8}))*")

Entry = str | Mapping[str, str]


def available_languages() -> tuple[str, ...]:
    """The languages with a catalog, sorted."""
    return tuple(sorted(p.stem for p in CATALOG_DIR.glob("*.yaml") if _LANGUAGE.fullmatch(p.stem)))


@functools.cache
def load_catalog(lang: str) -> Mapping[str, Entry]:
    """The catalog of `lang` as a flat key -> entry mapping (a string, or plural forms)."""
    path = CATALOG_DIR / f"{lang}.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=loader)

    def valid(entry: Any) -> bool:
        if isinstance(entry, str):
            return True
        return (
            isinstance(entry, dict)
            and "other" in entry
            and set(entry) <= PLURAL_CATEGORIES
            and all(isinstance(v, str) for v in entry.values())
        )

    if not isinstance(data, dict) or not all(
        isinstance(k, str) and valid(v) for k, v in data.items()
    ):
        raise ValueError(f"{path}: a catalog maps keys to strings or to plural forms")
    return data


def placeholders(entry: Entry) -> set[str]:
    """The `{name}` fields a catalog entry uses (in any of its plural forms)."""
    texts = [entry] if isinstance(entry, str) else list(entry.values())
    return {name for text in texts for _, name, _, _ in string.Formatter().parse(text) if name}


class Translator:
    """Interface strings, dates and numbers in one language and locale."""

    def __init__(self, lang: str, catalog: Mapping[str, Entry], locale: str) -> None:
        from babel import Locale

        self.lang = lang  # the catalog's language: "es"
        self.locale = locale  # the CLDR locale that formats numbers and dates: "es-SV"
        self._catalog = catalog
        self._babel = Locale.parse(locale, sep="-")
        # What Babel wrote, by what it was asked: a build formats the same few scores,
        # percentages and dates thousands of times, and Babel takes microseconds for each.
        self._numbers: dict[tuple[str, str], str] = {}
        self._dates: dict[str | dt.date, str] = {}

    def __call__(self, key: str, /, **values: Any) -> str:
        try:
            entry = self._catalog[key]
        except KeyError:
            raise KeyError(f"no interface string {key!r} in the {self.lang!r} catalog") from None
        text = entry if isinstance(entry, str) else self._plural(entry, values.get("count"))
        return text.format(**values) if values else text

    def _plural(self, forms: Mapping[str, str], count: Any) -> str:
        numeric = isinstance(count, int | Decimal) and not isinstance(count, bool)
        category = self._babel.plural_form(count) if numeric else "other"
        return forms.get(category, forms["other"])

    def date(self, iso: str | dt.date | None) -> str:
        """A date in words: "30 June 2024", "30 de junio de 2024"."""
        from babel.dates import format_date

        if iso is None:
            return ""
        # Only str and date are remembered: equal values of other types (a datetime equals
        # no date, but a subclass might) must not share an entry.
        known = type(iso) is str or type(iso) is dt.date
        if known and iso in self._dates:
            return self._dates[iso]
        day = iso if isinstance(iso, dt.date) else dt.date.fromisoformat(iso)
        text = str(format_date(day, format="long", locale=self._babel))
        if known:
            _remember(self._dates, iso, text)
        return text

    def _formatted(self, value: Decimal | int, kind: str) -> str:
        """`value` in the locale's decimal or percent pattern, with exactly the decimals it
        has: rounding is done once, before (display), and never again here.

        Remembered by the value's text, which keeps its decimals (37.5 and 37.50 are equal
        numbers written differently); only for int and Decimal, whose text is exact."""
        exact = type(value) is int or type(value) is Decimal
        key = (kind, str(value))
        if exact and key in self._numbers:
            return self._numbers[key]
        text = self._format(value, kind)
        if exact:
            _remember(self._numbers, key, text)
        return text

    def _format(self, value: Decimal | int, kind: str) -> str:
        number = Decimal(value)
        exponent = number.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        formats = self._babel.percent_formats if kind == "percent" else self._babel.decimal_formats
        pattern = copy.copy(formats[None])
        pattern.frac_prec = (places, places)
        shown = number / 100 if kind == "percent" else number
        return str(pattern.apply(shown, self._babel))

    def number(self, value: Decimal | int | None) -> str:
        """A number as the locale writes it, with exactly the decimals it has: 37.5 (en,
        es-419, es-SV), 37,5 (es-ES, es-EC)."""
        return "" if value is None else self._formatted(value, "decimal")

    def percent(self, value: Decimal | None) -> str:
        """A percentage already on the 0-100 scale: 75.0% (es-SV), 75,0% (es-EC), 75,0 %
        (es-ES, with a no-break space)."""
        return "" if value is None else self._formatted(value, "percent")

    def territory(self, code: str) -> str:
        """A country's name in this locale from CLDR ("SV" -> "El Salvador"), or the code
        itself for user-assigned codes (AA, QM-QZ, XA-XZ, ZZ: CLDR calls XA "Pseudo-Accents")
        and codes CLDR does not name."""
        assigned_by_users = code in ("AA", "ZZ") or code[:1] == "X" or "QM" <= code <= "QZ"
        return code if assigned_by_users else str(self._babel.territories.get(code, code))

    def share(self, value: Fraction | None) -> str:
        """A share in [0, 1] as a percentage with one decimal."""
        return self.percent(percent(value))

    def score(
        self,
        status: str | None,
        value: Fraction | None,
        *,
        absent: str = "—",
        withheld: str = "score.withheld",
        not_applicable: str = "score.not_applicable",
        rule: Display = DEFAULT_DISPLAY,
    ) -> str:
        """A score in words: the number (shown by the rubric's display `rule`) when scored,
        else what it is — never a zero. `absent` is shown when there is no score at all
        (status None); `withheld` and `not_applicable` are the catalog keys for those states."""
        if status is None:
            return absent
        if status == "scored":
            return self.number(shown(value, rule))
        return self(withheld) if status == "withheld" else self(not_applicable)

    def signed(
        self, value: Fraction | Decimal | None, zero: str = "", rule: Display = DEFAULT_DISPLAY
    ) -> str:
        """A change with its sign: +7.8, −8.9; `zero` before a change that rounds to zero;
        "" when there is no change. A Decimal is a change already shown (the difference of
        two shown values); a Fraction is rounded once by the display `rule`."""
        rounded = value if isinstance(value, Decimal) else shown(value, rule)
        if rounded is None:
            return ""
        sign = "+" if rounded > 0 else MINUS if rounded < 0 else zero
        return sign + self.number(abs(rounded))


_REMEMBERED = 1_024  # entries per memo: small, so memory stays flat on large sites


def _remember(memo: dict[Any, str], key: Any, text: str) -> None:
    """Put `text` in `memo`, emptied first when full, so it cannot grow without bound."""
    if len(memo) >= _REMEMBERED:
        memo.clear()
    memo[key] = text


def _split(tag: str) -> tuple[str, str | None]:
    """A language tag's catalog language and its region or script, if any."""
    match = _TAG.fullmatch(tag)
    if match is None:
        return "", None
    return match.group(1), (tag.split("-", 1)[1] if "-" in tag else None)


def is_language(tag: str) -> bool:
    """Whether `tag` names a language with a catalog (and, with a region, a known locale)."""
    try:
        check_language(tag)
    except UsageError:
        return False
    return True


def check_language(tag: str) -> str:
    """`tag` if its language has a catalog and its locale is known to CLDR; else a usage
    error listing the languages."""
    lang, rest = _split(tag)
    if lang not in available_languages():
        raise UsageError(
            f"unknown language {tag!r}; available: {', '.join(available_languages())} "
            "(or a regional form such as es-SV)"
        )
    if rest is not None:
        from babel import Locale, UnknownLocaleError

        try:
            Locale.parse(tag, sep="-")
        except (UnknownLocaleError, ValueError):
            raise UsageError(f"unknown locale {tag!r}; for example es-SV, es-EC, es-MX") from None
    return tag


@functools.cache
def translator(tag: str) -> Translator:
    """The translator for the language tag `tag` ("es", "es-SV"); UsageError (exit 2) if there
    is no catalog for its language."""
    check_language(tag)
    lang, rest = _split(tag)
    catalog = load_catalog(lang)
    default = catalog.get("language.locale", lang)
    locale = tag if rest is not None else (default if isinstance(default, str) else lang)
    return Translator(lang, catalog, locale)
