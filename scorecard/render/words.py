"""The single wording of what every report says about the core's records: scores, reasons,
statuses and answers. Each takes the translator of the report's language, so a wording, a
language or a plural rule is one change here and in the catalogs."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

from scorecard.i18n import Translator
from scorecard.model import DEFAULT_DISPLAY, Display
from scorecard.scoring import Bounds, Reason, shown


def reason(t: Translator, why: Reason | None, *, overall: bool) -> str:
    """Why a score is not reported, in words; "" when it is."""
    if why is None:
        return ""
    if why.code == "coverage_below_minimum":
        return t("reason.withheld", coverage=t.share(why.coverage), minimum=t.share(why.minimum))
    return t("reason.overall_not_applicable" if overall else "reason.not_applicable")


def status_flag(t: Translator, status: str, *, upper: bool = False) -> str:
    """The word that marks an edition that is not a published finding (example, draft, in
    review); "" for a published one."""
    if status == "published":
        return ""
    word = t(f"status.{status}")
    return word.upper() if upper else word


def change(t: Translator, value: Fraction | Decimal | None, rule: Display = DEFAULT_DISPLAY) -> str:
    """A change as pages and charts show it, with its sign: +7.8, −8.9, and ±0.0 for one
    that rounds to zero; "" when there is none. A Decimal is already the difference of two
    shown values; a Fraction (a contribution) is rounded once by `rule`."""
    return t.signed(value, zero="±", rule=rule)


def bounds(t: Translator, found: Bounds | None, rule: Display = DEFAULT_DISPLAY) -> str:
    """A score's bounds in words, "between 31.2 and 58.0", each shown by the display rule;
    "no answer missing" when they are the score itself; "" when there are none."""
    if found is None:
        return ""
    if not found.missing:
        return t("bounds.complete")
    return t(
        "bounds.between",
        low=t.number(shown(found.low, rule)),
        high=t.number(shown(found.high, rule)),
    )


def bounds_note(t: Translator, found: Bounds | None) -> str:
    """What the bounds assume: "3 missing answers at their lowest and at their highest
    levels"; "" when nothing is missing."""
    if found is None or not found.missing:
        return ""
    return t("bounds.missing", count=found.missing)


def compared_score(
    t: Translator, status: str | None, value: Fraction | None, rule: Display = DEFAULT_DISPLAY
) -> str:
    """A score as a comparison shows it: the number (by the display `rule`) when scored,
    else what it is, never a zero; a dash for a side that does not exist."""
    return t.score(
        status,
        value,
        absent=t("diff.score.absent"),
        withheld="diff.score.withheld",
        not_applicable="score.na_short",
        rule=rule,
    )


def answer(t: Translator, kind: str | None, level: str | None) -> str:
    """An answer as a change describes it: "level 'partial'", "not found", …; a dash for none."""
    if kind is None:
        return "—"
    if kind == "level":
        return t("diff.answer.level", level=level)
    return t(f"diff.answer.{kind}")


def answer_label(t: Translator, kind: str | None, level: str | None) -> str:
    """An answer as a table cell shows it: the level id, or the kind in words."""
    if kind is None:
        return "—"
    if kind == "level":
        return level or ""
    return t(f"kind.{kind}")


def peer_group(
    t: Translator, level: str, country: str | None, names: Mapping[str, str] | None = None
) -> str:
    """The jurisdictions a unit is ranked among: "Countries", "Local governments of Mexico"
    (the country's name as the workspace gives it, else CLDR's, else its code)."""
    if country is None:
        return t("site.ranking.group.country")
    name = (names or {}).get(country) or t.territory(country)
    return t(f"site.ranking.group.{level}", country=name)
