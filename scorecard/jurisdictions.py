"""Jurisdiction codes and the levels they name (docs/formats.md, "Jurisdiction codes").

A code is one of:

- `SV`: a country, ISO 3166-1 alpha-2;
- `MX-CHH`: a first-level subdivision, ISO 3166-2;
- `MX_08019` or `MX-CHH_08019`: a local unit below ISO 3166-2 (a municipality), as its
  country's national statistics office codes it, after an underscore: 1 to 12 capital
  letters or digits. The subdivision part is optional and only documents where the unit lies.

Every form is also a safe folder name. Countries, subdivisions and local units are ranked
among their own kind (`peer_groups`): a municipality is never ranked against a country.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

# The same expression is the `code` pattern of assessment.schema.json (a test keeps them equal).
CODE_REGEX = "^[A-Z]{2}(-[A-Z0-9]{1,3})?(_[A-Z0-9]{1,12})?$"
CODE_PATTERN = re.compile(CODE_REGEX)

Level = Literal["country", "subdivision", "local"]
LEVELS: tuple[Level, ...] = ("country", "subdivision", "local")

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Code:
    """A parsed jurisdiction code: `MX-CHH_08019` -> country MX, subdivision MX-CHH, local 08019."""

    country: str
    subdivision: str | None
    local: str | None

    @property
    def level(self) -> Level:
        if self.local is not None:
            return "local"
        return "subdivision" if self.subdivision is not None else "country"


def parse_code(text: str) -> Code | None:
    """The code's parts, or None when `text` is not a jurisdiction code. fullmatch: with
    match, `$` also matches before a final newline, and "XA\\n" would pass."""
    if not CODE_PATTERN.fullmatch(text):
        return None
    unit, _, local = text.partition("_")
    return Code(
        country=unit[:2],
        subdivision=unit if "-" in unit else None,
        local=local or None,
    )


@dataclass(frozen=True, slots=True)
class PeerGroup(Generic[T]):
    """Jurisdictions of one level (and, below the national level, of one country), in the
    order they were given: the units that are ranked against each other."""

    level: Level
    country: str | None  # None for the group of countries
    members: tuple[T, ...]


def peer_groups(items: Iterable[T], code_of: Callable[[T], str]) -> list[PeerGroup[T]]:
    """`items` split into peer groups: the countries first, then for each country (in code
    order) its subdivisions and then its local units. Order within a group is kept, so
    items given in ranking order give each group in ranking order. An item whose code does
    not parse (validation refuses such codes before this) is grouped with the countries."""
    groups: dict[tuple[Level, str | None], list[T]] = {}
    for item in items:
        code = parse_code(code_of(item))
        if code is None or code.level == "country":
            key: tuple[Level, str | None] = ("country", None)
        else:
            key = (code.level, code.country)
        groups.setdefault(key, []).append(item)

    def order(key: tuple[Level, str | None]) -> tuple[int, str, int]:
        level, country = key
        return (0 if country is None else 1, country or "", LEVELS.index(level))

    return [
        PeerGroup(level, country, tuple(groups[(level, country)]))
        for level, country in sorted(groups, key=order)
    ]
