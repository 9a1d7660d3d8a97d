"""Checks of a rubric: its schema, then what a schema cannot say (bands that tile 0-100,
unique ids, levels in order, texts in every language)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from scorecard.errors import Problem, phrase
from scorecard.loading import Document
from scorecard.model import Rubric, exact, rubric_from_data
from scorecard.schemas.messages import pretty_path, schema_problems
from scorecard.schemas.validators import schema_errors
from scorecard.validation.findings import Findings, check_layout, num, top_level_problem
from scorecard.validation.texts import check_limits


def check_rubric(document: Document) -> tuple[list[Problem], Rubric | None]:
    """Problems in a rubric document, and the Rubric when it has no errors."""
    top = top_level_problem(document)
    if top is not None:
        return [top], None
    errors = schema_errors("rubric", document.data)
    if errors:
        return schema_problems(document, errors), None
    found = Findings(document)
    data = document.data
    _check_rubric_semantics(data, found)
    check_limits(data, found, "rubric")  # Markdown and numbers every output can handle
    check_layout(document, found, folder=data["id"], stem=data["version"], kind="rubric")
    rubric = None if any(p.severity == "error" for p in found.problems) else rubric_from_data(data)
    return found.problems, rubric


def _check_rubric_semantics(data: dict[str, Any], found: Findings) -> None:
    languages = data["languages"]
    coverage = data.get("min_coverage")
    if isinstance(coverage, str):
        value = Fraction(coverage)
        if not 0 < value <= 1:
            found.error(("min_coverage",), phrase("problem.min_coverage", value=coverage))

    bands = sorted(enumerate(data["bands"]), key=lambda item: exact(item[1]["min"]))
    band_ids: dict[str, int] = {}
    for index, band in enumerate(data["bands"]):
        if band["id"] in band_ids:
            found.error(("bands", index, "id"), phrase("problem.band.id_twice", band=band["id"]))
        band_ids.setdefault(band["id"], index)
        if exact(band["min"]) >= exact(band["max"]):
            found.error(
                ("bands", index),
                phrase("problem.band.empty", band=band["id"], min=band["min"], max=band["max"]),
            )
    expected = Fraction(0)
    for index, band in bands:
        low = exact(band["min"])
        if low > expected:
            found.error(
                ("bands", index, "min"),
                phrase("problem.band.gap", low=num(expected), high=num(low)),
                phrase("problem.band.contiguous.hint"),
            )
        elif low < expected:
            found.error(
                ("bands", index, "min"),
                phrase("problem.band.overlap", band=band["id"], low=num(low), high=num(expected)),
                phrase("problem.band.contiguous.hint"),
            )
        expected = max(expected, exact(band["max"]))
    if expected != 100:
        last = bands[-1][0]
        found.error(("bands", last, "max"), phrase("problem.band.end", end=num(expected)))

    _check_text_languages(data, (), languages, found)

    pillar_ids: dict[str, int] = {}
    indicator_ids: dict[str, tuple[int, int]] = {}
    for p_index, pillar in enumerate(data["pillars"]):
        p_path = ("pillars", p_index)
        if pillar["id"] in pillar_ids:
            found.error(
                (*p_path, "id"),
                phrase("problem.pillar.id_twice", pillar=pillar["id"]),
                phrase("problem.pillar.first_used.hint", number=pillar_ids[pillar["id"]] + 1),
            )
        pillar_ids.setdefault(pillar["id"], p_index)
        for i_index, indicator in enumerate(pillar["indicators"]):
            i_path = (*p_path, "indicators", i_index)
            if indicator["id"] in indicator_ids:
                found.error(
                    (*i_path, "id"),
                    phrase("problem.indicator.id_twice", indicator=indicator["id"]),
                    phrase("problem.indicator.id_twice.hint"),
                )
            indicator_ids.setdefault(indicator["id"], (p_index, i_index))
            _check_levels(indicator, i_path, found)
            if indicator.get("replaces") and not data.get("previous"):
                found.warning(
                    (*i_path, "replaces"),
                    phrase("problem.indicator.replaces_without_previous"),
                )
            if indicator.get("change") == "new" and indicator.get("replaces"):
                found.error(
                    (*i_path, "change"),
                    phrase("problem.indicator.new_replaces"),
                    phrase("problem.indicator.new_replaces.hint"),
                )
            if indicator.get("na_requires_justification") is not None and not indicator.get(
                "na_allowed"
            ):
                found.warning(
                    (*i_path, "na_requires_justification"),
                    phrase("problem.indicator.justification_unused"),
                )


def _check_levels(indicator: dict[str, Any], path: tuple[str | int, ...], found: Findings) -> None:
    seen: set[str] = set()
    previous: Fraction | None = None
    for index, level in enumerate(indicator["levels"]):
        if level["id"] in seen:
            found.error(
                (*path, "levels", index, "id"),
                phrase("problem.level.id_twice", level=level["id"], indicator=indicator["id"]),
            )
        seen.add(level["id"])
        value = exact(level["value"])
        if previous is not None and value <= previous:
            found.error(
                (*path, "levels", index, "value"),
                phrase(
                    "problem.level.order",
                    indicator=indicator["id"],
                    value=num(value),
                    previous=num(previous),
                ),
            )
        previous = value


def _check_text_languages(
    node: Any, path: tuple[str | int, ...], languages: list[str], found: Findings
) -> None:
    """Warn where a localized text lacks one of the rubric's languages."""
    if isinstance(node, dict):
        keys = set(node)
        looks_localized = (
            keys
            and all(isinstance(v, str) for v in node.values())
            and keys
            <= set(languages)
            | {k for k in keys if len(k) in (2, 3) and k.isalpha() and k.islower()}
        )
        if looks_localized and path and path[-1] not in ("answers",):
            missing = [lang for lang in languages if lang not in node]
            if missing:
                found.warning(
                    path,
                    phrase(
                        "problem.text.missing_language",
                        where=pretty_path(path),
                        languages=", ".join(missing),
                    ),
                    phrase("problem.text.missing_language.hint"),
                )
            return
        for key, value in node.items():
            _check_text_languages(value, (*path, key), languages, found)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _check_text_languages(value, (*path, index), languages, found)
