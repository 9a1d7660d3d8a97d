"""Interface strings as data: one YAML catalog per language in this folder (en.yaml, es.yaml).

Add a language by adding `<lang>.yaml` with the same keys as en.yaml (a test checks that
every catalog has every key). A catalog also says how that language writes dates
(`format.date`, `month.1`..`month.12`), decimals (`format.decimal`) and percentages.

    t = translator("es")
    t("overall.heading")             -> "Puntuación global"
    t.date("2024-06-30")             -> "30 de junio de 2024"
    t.number(Decimal("37.5"))        -> "37,5"
"""

from __future__ import annotations

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
from scorecard.scoring import display, percent

CATALOG_DIR = Path(__file__).resolve().parent
DEFAULT_LANGUAGE = "en"
MINUS = "−"  # U+2212, so a negative change reads as one in prose and tables


_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")


def available_languages() -> tuple[str, ...]:
    """The languages with a catalog, sorted."""
    return tuple(sorted(p.stem for p in CATALOG_DIR.glob("*.yaml") if _LANGUAGE.fullmatch(p.stem)))


@functools.cache
def load_catalog(lang: str) -> Mapping[str, str]:
    """The catalog of `lang` as a flat key -> string mapping."""
    path = CATALOG_DIR / f"{lang}.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=loader)
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise ValueError(f"{path}: a catalog maps keys to strings")
    return data


def placeholders(text: str) -> set[str]:
    """The `{name}` fields a catalog string uses."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class Translator:
    """Interface strings, dates and numbers in one language."""

    def __init__(self, lang: str, catalog: Mapping[str, str]) -> None:
        self.lang = lang
        self._catalog = catalog

    def __call__(self, key: str, /, **values: Any) -> str:
        try:
            text = self._catalog[key]
        except KeyError:
            raise KeyError(f"no interface string {key!r} in the {self.lang!r} catalog") from None
        return text.format(**values) if values else text

    def date(self, iso: str | dt.date | None) -> str:
        """A date in words: "30 June 2024", "30 de junio de 2024"."""
        if iso is None:
            return ""
        day = iso if isinstance(iso, dt.date) else dt.date.fromisoformat(iso)
        return self("format.date", day=day.day, month=self(f"month.{day.month}"), year=day.year)

    def number(self, value: Decimal | int | None) -> str:
        """A number as the language writes it (decimal comma in Spanish)."""
        if value is None:
            return ""
        text = str(value)
        return text.replace(".", self("format.decimal"))

    def percent(self, value: Decimal | None) -> str:
        """A percentage already on the 0-100 scale: "75.0%", "75,0 %"."""
        if value is None:
            return ""
        return self("format.percent", value=self.number(value))

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
    ) -> str:
        """A score in words: the number (rounded once) when scored, else what it is — never
        a zero. `absent` is shown when there is no score at all (status None); `withheld`
        and `not_applicable` are the catalog keys for those states."""
        if status is None:
            return absent
        if status == "scored":
            return self.number(display(value))
        return self(withheld) if status == "withheld" else self(not_applicable)

    def signed(self, value: Fraction | None, zero: str = "") -> str:
        """A change rounded once, with its sign: +7.8, −8.9 (+7,8 in Spanish); `zero` before
        a change that rounds to zero; "" when there is no change."""
        shown = display(value)
        if shown is None:
            return ""
        sign = "+" if shown > 0 else MINUS if shown < 0 else zero
        return sign + self.number(abs(shown))


def check_language(lang: str) -> str:
    """`lang` if there is a catalog for it; else a usage error listing the languages."""
    if lang not in available_languages():
        raise UsageError(
            f"unknown language {lang!r}; available: {', '.join(available_languages())}"
        )
    return lang


@functools.cache
def translator(lang: str) -> Translator:
    """The translator for `lang`; UsageError (exit 2) if there is no catalog for it."""
    return Translator(check_language(lang), load_catalog(lang))
