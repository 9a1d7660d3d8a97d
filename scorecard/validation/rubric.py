"""Checks of a rubric: its schema, then what a schema cannot say (bands that tile 0-100,
unique ids, levels in order, texts in every language)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from scorecard.errors import Problem, phrase
from scorecard.loading import Document
from scorecard.model import Indicator, Pillar, Rubric, exact, rubric_from_data
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
        if not 0 <= value <= 1:
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


def check_revision(document: Document, rubric: Rubric, previous: Rubric) -> list[Problem]:
    """A rubric that names its `previous` version, compared with it: every difference that
    changes scores must be declared, or a diff across the versions would credit the rubric's
    change to the governments scored.

    An indicator whose levels (ids or values), weight or pillar differ needs
    `change: revised`; one that `replaces` another and is not revised is compared with the one
    it replaces; an indicator the previous version lacks needs `change: new` or `replaces`;
    one the new version drops needs an indicator that `replaces` it, or a place in `retired`.
    A pillar whose weight or aggregation differs needs `change: revised`."""
    found = Findings(document)
    old_pillars = {p.id: p for p in previous.pillars}
    old_home = {i.id: p for p in previous.pillars for i in p.indicators}
    replaced: set[str] = set()
    for p_index, pillar in enumerate(rubric.pillars):
        p_path = ("pillars", p_index)
        before = old_pillars.get(pillar.id)
        if before is not None and pillar.change != "revised":
            for field, old, new in (
                ("weight", num(before.weight), num(pillar.weight)),
                ("aggregation", before.aggregation, pillar.aggregation),
            ):
                if old != new:
                    found.error(
                        (*p_path, "id"),
                        phrase(
                            "problem.revision.pillar_changed",
                            pillar=pillar.id,
                            field=field,
                            old=old,
                            new=new,
                            previous=previous.ref,
                        ),
                        phrase("problem.revision.pillar_changed.hint"),
                        code="undeclared-revision",
                    )
        for i_index, indicator in enumerate(pillar.indicators):
            i_path = (*p_path, "indicators", i_index)
            if indicator.replaces:
                replaced.add(indicator.replaces)
            if indicator.change == "new":
                continue
            old_id = indicator.replaces or indicator.id
            old_pillar = old_home.get(old_id)
            if old_pillar is None:
                key = (
                    "problem.revision.replaces_unknown"
                    if indicator.replaces
                    else ("problem.revision.added")
                )
                found.error(
                    (*i_path, "replaces" if indicator.replaces else "id"),
                    phrase(key, indicator=indicator.id, old=old_id, previous=previous.ref),
                    phrase("problem.revision.added.hint"),
                    code="undeclared-revision",
                )
                continue
            if indicator.change == "revised":
                continue
            former = next(i for i in old_pillar.indicators if i.id == old_id)
            for difference in _differences(former, old_pillar, indicator, pillar):
                found.error(
                    (*i_path, "id"),
                    phrase(
                        "problem.revision.undeclared",
                        indicator=indicator.id,
                        difference=difference,
                        previous=previous.ref,
                    ),
                    phrase("problem.revision.undeclared.hint"),
                    code="undeclared-revision",
                )
    current = {i.id for i in rubric.indicators}
    for old_id in old_home:
        if old_id not in current and old_id not in replaced and old_id not in rubric.retired:
            found.error(
                ("previous",),
                phrase("problem.revision.removed", old=old_id, previous=previous.ref),
                phrase("problem.revision.removed.hint"),
                code="undeclared-revision",
            )
    return found.problems


def _differences(old: Indicator, old_pillar: Pillar, new: Indicator, pillar: Pillar) -> list[str]:
    """The score-changing differences between two versions of an indicator, as short
    data-like statements (ids and numbers, the same in every language)."""

    def levels(indicator: Indicator) -> str:
        return ", ".join(f"{lv.id}={num(lv.value)}" for lv in indicator.levels)

    found = []
    if levels(old) != levels(new):
        found.append(f"levels [{levels(old)}] -> [{levels(new)}]")
    if old.weight != new.weight:
        found.append(f"weight {num(old.weight)} -> {num(new.weight)}")
    if old_pillar.id != pillar.id:
        found.append(f"pillar {old_pillar.id} -> {pillar.id}")
    return found
