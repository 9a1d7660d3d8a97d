"""Frozen dataclasses for rubrics and assessments, built only from validated data.

Numbers from the files become `Fraction`s through their decimal text, so 7.5 is exactly
15/2 and every later computation is exact.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Any, Literal

Text = Mapping[str, str]
"""Localized text: language -> string. A plain string in a file is stored under ""."""

AnswerKind = Literal["level", "not_found", "na", "insufficient", "unanswered"]
ANSWER_KINDS: tuple[AnswerKind, ...] = ("level", "not_found", "na", "insufficient")


def exact(number: int | float | str) -> Fraction:
    """An exact fraction from a number as written (0.1 -> 1/10, "2/3" -> 2/3)."""
    if isinstance(number, float):
        return Fraction(repr(number))
    return Fraction(number)


def as_text(value: Any) -> Text:
    if value is None:
        return {}
    if isinstance(value, str):
        return {"": value}
    return dict(value)


def localize(text: Text, lang: str, fallback: tuple[str, ...] = ("en",)) -> str:
    """The text in `lang` (a tag such as "es-SV" falls back to "es"), else in a fallback
    language, else whatever there is."""
    primary = lang.split("-", 1)[0]
    for key in (lang, primary, *fallback, ""):
        if key in text:
            return text[key]
    return next(iter(text.values()), "")


def content_hash(data: Any) -> str:
    """SHA-256 of the canonical JSON of loaded data: the same content hashes the same,
    whether it was written as YAML or JSON, with any formatting or comments."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Level:
    id: str
    value: Fraction
    descriptor: Text


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    short: Text
    question: Text
    guidance: Text
    weight: Fraction
    levels: tuple[Level, ...]
    na_allowed: bool
    na_requires_justification: bool
    url_required: bool
    min_sources: int
    recommendation: Text
    anchors: tuple[str, ...]
    change: Literal["new", "revised", "unchanged"]
    replaces: str | None

    @property
    def lowest(self) -> Level:
        return self.levels[0]

    def level(self, level_id: str) -> Level | None:
        return next((lv for lv in self.levels if lv.id == level_id), None)


@dataclass(frozen=True, slots=True)
class Pillar:
    id: str
    title: Text
    description: Text
    weight: Fraction
    weight_rationale: Text
    aggregation: Literal["mean", "min"]
    aggregation_rationale: Text
    indicators: tuple[Indicator, ...]
    na_rule: Literal["any", "all-or-none"] = "any"
    change: Literal["revised", "unchanged"] = "unchanged"


@dataclass(frozen=True, slots=True)
class Band:
    id: str
    label: Text
    min: Fraction
    max: Fraction
    description: Text


Rounding = Literal["half_up", "half_even", "half_away_from_zero"]


@dataclass(frozen=True, slots=True)
class Display:
    """How a rubric's scores are shown (docs/rubric.md, "display"): the method works on 0-100;
    a shown score is exact x scale / 100, rounded once to `places` decimals by `rounding`."""

    places: int = 1
    rounding: Rounding = "half_away_from_zero"
    scale: Fraction = Fraction(100)


DEFAULT_DISPLAY = Display()


@dataclass(frozen=True)
class Rubric:
    id: str
    version: str
    title: Text
    description: Text
    languages: tuple[str, ...]
    source: Text
    previous: str | None
    min_coverage: Fraction
    bands: tuple[Band, ...]
    pillars: tuple[Pillar, ...]
    sha256: str
    retired: tuple[str, ...] = ()
    # two-sided: every scored answer needs sources (the lowest level too), not_found a search.
    evidence_rule: Literal["one-sided", "two-sided"] = "one-sided"
    display: Display = DEFAULT_DISPLAY

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(self._by_id.values())

    @cached_property
    def _by_id(self) -> dict[str, Indicator]:
        # Built once per rubric: validation looks up every answer of every assessment.
        return {ind.id: ind for pillar in self.pillars for ind in pillar.indicators}

    def indicator(self, indicator_id: str) -> Indicator | None:
        return self._by_id.get(indicator_id)

    def band_label(self, band_id: str | None, lang: str) -> str:
        """The label of the band `band_id` in `lang`; "" when there is no such band."""
        band = next((b for b in self.bands if b.id == band_id), None)
        return localize(band.label, lang) if band else ""

    def band_for(self, score: Fraction) -> Band:
        """The band whose [min, max) holds `score`; the top band also holds its max."""
        for band in self.bands:
            if band.min <= score < band.max:
                return band
        return max(self.bands, key=lambda b: b.max)


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    url: str | None
    publisher: str | None
    published: str | None
    accessed: str | None
    locator: str | None
    quote: str | None


@dataclass(frozen=True, slots=True)
class Answer:
    kind: AnswerKind
    level: str | None
    text: str | None  # the not_found / na / insufficient statement
    evidence: tuple[Source, ...]
    notes: str | None
    confidence: str | None
    reverify: bool
    searched: tuple[Search, ...] = ()

    @property
    def scored(self) -> bool:
        return self.kind in ("level", "not_found")


@dataclass(frozen=True, slots=True)
class Search:
    """Where and when an assessor looked for information that was not found."""

    where: str
    url: str | None
    date: str


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    affiliation: str | None
    verdict: str | None
    date: str | None


@dataclass(frozen=True, slots=True)
class RightOfReply:
    requested: str | None
    received: str | None
    summary: Text
    deadline: str | None = None
    response: Literal["received", "none"] | None = None


@dataclass(frozen=True, slots=True)
class Correction:
    """One entry of a published edition's corrections log."""

    date: str
    change: Text
    reason: Text


@dataclass(frozen=True, slots=True)
class Assessment:
    rubric: str
    code: str
    name: Text
    edition: str
    as_of: str
    status: Literal["draft", "in-review", "published", "example"]
    summary: Text
    assessors: tuple[Person, ...]
    reviewers: tuple[Person, ...]
    right_of_reply: RightOfReply | None
    answers: Mapping[str, Answer]
    sha256: str
    source_path: str | None = None
    published: str | None = None
    corrections: tuple[Correction, ...] = ()

    @property
    def reverify_count(self) -> int:
        """How many answers are still marked for re-verification."""
        return sum(a.reverify for a in self.answers.values())

    def answer(self, indicator_id: str) -> Answer:
        found = self.answers.get(indicator_id)
        if found is None:
            return Answer("unanswered", None, None, (), None, None, False)
        return found


def rubric_from_data(data: Mapping[str, Any]) -> Rubric:
    """Build a Rubric from data that passed validation."""
    pillars = []
    for p in data["pillars"]:
        indicators = []
        for i in p["indicators"]:
            evidence = i.get("evidence", {})
            indicators.append(
                Indicator(
                    id=i["id"],
                    short=as_text(i.get("short")) or {"": i["id"]},
                    question=as_text(i["question"]),
                    guidance=as_text(i.get("guidance")),
                    weight=exact(i["weight"]),
                    levels=tuple(
                        Level(lv["id"], exact(lv["value"]), as_text(lv["descriptor"]))
                        for lv in i["levels"]
                    ),
                    na_allowed=bool(i.get("na_allowed", False)),
                    na_requires_justification=bool(i.get("na_requires_justification", True)),
                    url_required=bool(evidence.get("url_required", False)),
                    min_sources=int(evidence.get("min_sources", 1)),
                    recommendation=as_text(i.get("recommendation")),
                    anchors=tuple(i.get("anchors", ())),
                    change=i.get("change", "unchanged"),
                    replaces=i.get("replaces"),
                )
            )
        pillars.append(
            Pillar(
                id=p["id"],
                title=as_text(p["title"]),
                description=as_text(p.get("description")),
                weight=exact(p["weight"]),
                weight_rationale=as_text(p.get("weight_rationale")),
                aggregation=p.get("aggregation", "mean"),
                aggregation_rationale=as_text(p.get("aggregation_rationale")),
                indicators=tuple(indicators),
                na_rule=p.get("na_rule", "any"),
                change=p.get("change", "unchanged"),
            )
        )
    return Rubric(
        id=data["id"],
        version=data["version"],
        title=as_text(data["title"]),
        description=as_text(data.get("description")),
        languages=tuple(data["languages"]),
        source=as_text(data.get("source")),
        previous=data.get("previous"),
        min_coverage=exact(data.get("min_coverage", "2/3")),
        bands=tuple(
            Band(
                b["id"],
                as_text(b["label"]),
                exact(b["min"]),
                exact(b["max"]),
                as_text(b.get("description")),
            )
            for b in sorted(data["bands"], key=lambda b: exact(b["min"]))
        ),
        pillars=tuple(pillars),
        sha256=content_hash(data),
        retired=tuple(data.get("retired", ())),
        evidence_rule=data.get("evidence_rule", "one-sided"),
        display=_display_from_data(data.get("display", {})),
    )


def _display_from_data(d: Mapping[str, Any]) -> Display:
    return Display(
        places=int(d.get("places", DEFAULT_DISPLAY.places)),
        rounding=d.get("rounding", DEFAULT_DISPLAY.rounding),
        scale=exact(d.get("scale", 100)),
    )


def _answer_from_data(a: Mapping[str, Any]) -> Answer:
    kind: AnswerKind = next(k for k in ANSWER_KINDS if k in a)
    return Answer(
        kind=kind,
        level=a.get("level"),
        text=None if kind == "level" else a[kind],
        evidence=tuple(
            Source(
                s["title"],
                s.get("url"),
                s.get("publisher"),
                s.get("published"),
                s.get("accessed"),
                s.get("locator"),
                s.get("quote"),
            )
            for s in a.get("evidence", ())
        ),
        notes=a.get("notes"),
        confidence=a.get("confidence"),
        reverify=bool(a.get("reverify", False)),
        searched=tuple(Search(s["where"], s.get("url"), s["date"]) for s in a.get("searched", ())),
    )


def _person(p: Mapping[str, Any]) -> Person:
    return Person(p["name"], p.get("affiliation"), p.get("verdict"), p.get("date"))


def assessment_from_data(data: Mapping[str, Any], source_path: str | None = None) -> Assessment:
    """Build an Assessment from data that passed validation."""
    reply = data.get("right_of_reply")
    return Assessment(
        rubric=data["rubric"],
        code=data["jurisdiction"]["code"],
        name=as_text(data["jurisdiction"]["name"]),
        edition=str(data["edition"]),
        as_of=data["as_of"],
        status=data["status"],
        summary=as_text(data.get("summary")),
        assessors=tuple(_person(p) for p in data.get("assessors", ())),
        reviewers=tuple(_person(p) for p in data.get("reviewers", ())),
        right_of_reply=None
        if reply is None
        else RightOfReply(
            requested=reply["requested"] or None,
            received=reply.get("received"),
            summary=as_text(reply.get("summary")),
            deadline=reply.get("deadline"),
            response=reply.get("response"),
        ),
        answers={key: _answer_from_data(a) for key, a in data["answers"].items()},
        sha256=content_hash(data),
        source_path=source_path,
        published=data.get("published"),
        corrections=tuple(
            Correction(c["date"], as_text(c["change"]), as_text(c["reason"]))
            for c in data.get("corrections", ())
        ),
    )
