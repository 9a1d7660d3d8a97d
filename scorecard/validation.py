"""Schema and semantic checks for rubrics and assessments. Never raises on bad data:
every finding becomes a located Problem, and only valid files become models."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from scorecard import schemas
from scorecard.errors import Phrase, Problem, Severity, phrase
from scorecard.loading import Document, LoadError, load_document
from scorecard.model import (
    Assessment,
    Indicator,
    Rubric,
    assessment_from_data,
    exact,
    rubric_from_data,
)
from scorecard.schema_compiled import compiled, ecma_pattern
from scorecard.schema_messages import found_type, pretty_path, schema_problems
from scorecard.workspace import Workspace, classify, classify_path, data_files, expand_paths

QUOTE_WARN_CHARS = 400


@dataclass
class Report:
    """Everything one validation run found, and the models of the files that passed."""

    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    rubrics: dict[str, Rubric] = field(default_factory=dict)
    assessments: list[Assessment] = field(default_factory=list)
    # The display name of every file checked, in order.
    checked: list[str] = field(default_factory=list)
    # The documents that reports may quote, by display name: rubrics, and every file with a
    # problem (one that did not parse has data None). Valid assessments are not kept.
    documents: dict[str, Document] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))


class _Findings:
    """Collects problems for one document, located by data path."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.problems: list[Problem] = []

    def add(
        self,
        severity: Severity,
        path: Sequence[str | int],
        message: Phrase,
        hint: Phrase | None = None,
        *,
        key: bool = False,
        code: str = "invalid",
    ) -> None:
        line, column = self.document.locate(path, key=key)
        self.problems.append(
            Problem.of(self.document.display, line, column, severity, message, hint, code)
        )

    def error(
        self, path: Sequence[str | int], message: Phrase, hint: Phrase | None = None, **kw: Any
    ) -> None:
        self.add("error", path, message, hint, **kw)

    def warning(
        self, path: Sequence[str | int], message: Phrase, hint: Phrase | None = None, **kw: Any
    ) -> None:
        self.add("warning", path, message, hint, **kw)


# --- schema ---------------------------------------------------------------------------------


def _pattern_keyword(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    from jsonschema import ValidationError

    if validator.is_type(instance, "string") and not ecma_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def schema_validator(name: str) -> Any:
    """The bundled schema's validator, with patterns matched as JSON Schema defines them."""
    from jsonschema import validators

    base = type(schemas.validator(name))
    strict = validators.extend(base, {"pattern": _pattern_keyword})  # type: ignore[no-untyped-call]
    return strict(schemas.load_schema(name))


def _schema_errors(name: str, data: Any) -> list[Any]:
    """jsonschema's errors for `data`; valid data takes the compiled fast path instead."""
    fast = compiled(name)
    if fast is not None and fast(data):
        return []
    return list(schema_validator(name).iter_errors(data))


def _top_level_problem(document: Document) -> Problem | None:
    """A file that is empty or not a map cannot be checked field by field: say so plainly."""
    data = document.data
    if isinstance(data, dict):
        return None
    line, column = 1, 1
    if data is None:
        message = phrase("problem.empty_file")
    else:
        message = phrase("problem.top_level", found=found_type(data))
        line, column = document.locate(())
    return Problem.of(
        document.display,
        line,
        column,
        "error",
        message,
        phrase("problem.top_level.hint"),
        "top-level",
    )


# --- rubric ---------------------------------------------------------------------------------


def check_rubric(document: Document) -> tuple[list[Problem], Rubric | None]:
    """Problems in a rubric document, and the Rubric when it has no errors."""
    top = _top_level_problem(document)
    if top is not None:
        return [top], None
    errors = _schema_errors("rubric", document.data)
    if errors:
        return schema_problems(document, errors), None
    found = _Findings(document)
    data = document.data
    _check_rubric_semantics(data, found)
    _check_layout(document, found, folder=data["id"], stem=data["version"], kind="rubric")
    rubric = None if any(p.severity == "error" for p in found.problems) else rubric_from_data(data)
    return found.problems, rubric


def _check_rubric_semantics(data: dict[str, Any], found: _Findings) -> None:
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
                phrase("problem.band.gap", low=_num(expected), high=_num(low)),
                phrase("problem.band.contiguous.hint"),
            )
        elif low < expected:
            found.error(
                ("bands", index, "min"),
                phrase("problem.band.overlap", band=band["id"], low=_num(low), high=_num(expected)),
                phrase("problem.band.contiguous.hint"),
            )
        expected = max(expected, exact(band["max"]))
    if expected != 100:
        last = bands[-1][0]
        found.error(("bands", last, "max"), phrase("problem.band.end", end=_num(expected)))

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


def _check_levels(indicator: dict[str, Any], path: tuple[str | int, ...], found: _Findings) -> None:
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
                    value=_num(value),
                    previous=_num(previous),
                ),
            )
        previous = value


def _check_text_languages(
    node: Any, path: tuple[str | int, ...], languages: list[str], found: _Findings
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


# --- assessment -----------------------------------------------------------------------------


def check_assessment(
    document: Document,
    rubrics: dict[str, Rubric],
    *,
    today: dt.date,
    broken_rubrics: Iterable[str] = (),
) -> tuple[list[Problem], Assessment | None]:
    """Problems in an assessment document, and the Assessment when it has no errors."""
    top = _top_level_problem(document)
    if top is not None:
        return [top], None
    errors = _schema_errors("assessment", document.data)
    if errors:
        return schema_problems(document, errors), None
    found = _Findings(document)
    data = document.data
    _check_layout(
        document,
        found,
        folder=data["jurisdiction"]["code"],
        stem=str(data["edition"]),
        kind="assessment",
    )
    _check_dates(data, found, today)
    rubric = rubrics.get(data["rubric"])
    if rubric is None:
        if data["rubric"] in set(broken_rubrics):
            found.error(
                ("rubric",),
                phrase("problem.rubric.broken", rubric=data["rubric"]),
                phrase("problem.rubric.broken.hint"),
            )
        else:
            known = sorted(rubrics)
            close = difflib.get_close_matches(data["rubric"], known, n=1)
            hint = (
                phrase("problem.did_you_mean", name=close[0])
                if close
                else (
                    phrase("problem.rubric.known.hint", rubrics=", ".join(known))
                    if known
                    else phrase("problem.rubric.none.hint")
                )
            )
            found.error(
                ("rubric",), phrase("problem.rubric.not_found", rubric=data["rubric"]), hint
            )
    else:
        _check_answers(data, rubric, found)
    assessment = None
    if not any(p.severity == "error" for p in found.problems):
        assessment = assessment_from_data(data, document.display)
    return found.problems, assessment


def _check_answers(data: dict[str, Any], rubric: Rubric, found: _Findings) -> None:
    answers: dict[str, Any] = data["answers"]
    ids = [ind.id for ind in rubric.indicators]
    for key, answer in answers.items():
        path = ("answers", key)
        indicator = rubric.indicator(key)
        if indicator is None:
            close = difflib.get_close_matches(key, ids, n=1)
            found.error(
                path,
                phrase("problem.answer.not_indicator", key=key, rubric=rubric.ref),
                phrase("problem.did_you_mean_quoted", name=close[0]) if close else None,
                key=True,
            )
            continue
        evidence = answer.get("evidence", [])
        if "level" in answer:
            level = indicator.level(answer["level"])
            if level is None:
                found.error(
                    (*path, "level"),
                    phrase("problem.answer.not_level", level=answer["level"], key=key),
                    phrase(
                        "problem.answer.levels.hint",
                        levels=", ".join(lv.id for lv in indicator.levels),
                    ),
                )
            elif level.value > indicator.lowest.value:
                # A draft may still be gathering evidence: warn there, refuse everywhere else.
                severity: Severity = "warning" if data["status"] == "draft" else "error"
                _check_evidence(path, indicator, evidence, found, severity)
        if "na" in answer:
            if not indicator.na_allowed:
                found.error(
                    (*path, "na"),
                    phrase("problem.answer.na_not_allowed", key=key),
                    phrase("problem.answer.na_not_allowed.hint"),
                )
            elif indicator.na_requires_justification and not answer["na"].strip():
                found.error((*path, "na"), phrase("problem.answer.na_justification", key=key))
        for index, source in enumerate(evidence):
            url = source.get("url")
            if url is not None and not url.lower().startswith(("http://", "https://")):
                found.error(
                    (*path, "evidence", index, "url"),
                    phrase("problem.evidence.url_scheme", url=url[:60]),
                    phrase("problem.evidence.url_scheme.hint"),
                )
            if len(source.get("quote") or "") > QUOTE_WARN_CHARS:
                found.warning(
                    (*path, "evidence", index, "quote"),
                    phrase("problem.evidence.long_quote"),
                )
            published, accessed = source.get("published"), source.get("accessed")
            if (
                published
                and accessed
                and _date(accessed)
                and _date(published)
                and accessed < published
            ):
                found.warning(
                    (*path, "evidence", index, "accessed"),
                    phrase("problem.evidence.accessed_early"),
                )
        if answer.get("reverify") and data["status"] == "published":
            found.error(
                (*path, "reverify"),
                phrase("problem.answer.reverify", key=key),
                phrase("problem.answer.reverify.hint"),
            )

    unanswered = [i for i in ids if i not in answers]
    status = data["status"]
    if unanswered:
        listed = ", ".join(unanswered[:8]) + (" ..." if len(unanswered) > 8 else "")
        if status == "published":
            found.error(
                ("answers",),
                phrase("problem.published.unanswered", count=len(unanswered), listed=listed),
                key=True,
            )
        elif status != "draft":
            found.warning(
                ("answers",),
                phrase("problem.unanswered", count=len(unanswered), listed=listed),
                key=True,
            )
    if status == "published":
        reviewers = data.get("reviewers", [])
        if not any(r.get("verdict") == "approved" for r in reviewers):
            found.error(
                ("status",),
                phrase("problem.published.approval"),
                phrase("problem.published.approval.hint"),
            )
        if not data.get("assessors"):
            found.error(("status",), phrase("problem.published.assessors"))


def _check_evidence(
    path: tuple[str | int, ...],
    indicator: Indicator,
    evidence: list[dict[str, Any]],
    found: _Findings,
    severity: Severity,
) -> None:
    if len(evidence) < indicator.min_sources:
        min_sources = indicator.min_sources
        found.add(
            severity,
            path,
            phrase(
                "problem.evidence.too_few", key=path[-1], count=len(evidence), needed=min_sources
            ),
            phrase("problem.evidence.too_few.hint"),
            key=True,
        )
    elif indicator.url_required and not any(
        str(s.get("url", "")).lower().startswith(("http://", "https://")) for s in evidence
    ):
        found.add(
            severity,
            (*path, "evidence"),
            phrase("problem.evidence.url_required", key=path[-1]),
            phrase("problem.evidence.url_required.hint"),
        )


_DATE_FIELDS = ("as_of",)


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _check_dates(data: dict[str, Any], found: _Findings, today: dt.date) -> None:
    def check(path: tuple[str | int, ...], value: Any) -> None:
        if not isinstance(value, str):
            return
        parsed = _date(value)
        if parsed is None:
            found.error(
                path,
                phrase("problem.date.invalid", value=value),
                phrase("problem.date.invalid.hint"),
            )
        elif parsed > today:
            found.error(path, phrase("problem.date.future", value=value))

    check(("as_of",), data["as_of"])
    for group in ("assessors", "reviewers"):
        for index, person in enumerate(data.get(group, [])):
            check((group, index, "date"), person.get("date"))
    reply = data.get("right_of_reply") or {}
    for key in ("requested", "received"):
        check(("right_of_reply", key), reply.get(key))
    for key, answer in data["answers"].items():
        for index, source in enumerate(answer.get("evidence", [])):
            for date_key in ("published", "accessed"):
                check(("answers", key, "evidence", index, date_key), source.get(date_key))


def _check_layout(
    document: Document, found: _Findings, *, folder: str, stem: str, kind: str
) -> None:
    """In a workspace layout (rubrics/<id>/<version>, assessments/<CODE>/<edition>), the
    path must agree with the content."""
    path = document.path
    top = "rubrics" if kind == "rubric" else "assessments"
    if len(path.parts) < 3 or path.parent.parent.name != top:
        return
    if path.parent.name != folder:
        field_path = ("id",) if kind == "rubric" else ("jurisdiction", "code")
        found.error(
            field_path,
            phrase(
                "problem.layout.rubric_folder"
                if kind == "rubric"
                else "problem.layout.assessment_folder",
                folder=folder,
                actual=path.parent.name,
            ),
            phrase("problem.layout.folder.hint", top=top, folder=folder),
        )
    if path.stem != stem:
        field_path = ("version",) if kind == "rubric" else ("edition",)
        found.error(
            field_path,
            phrase(
                "problem.layout.version" if kind == "rubric" else "problem.layout.edition",
                stem=stem,
                name=path.name,
            ),
            phrase("problem.layout.rename.hint", name=f"{stem}{path.suffix}"),
        )


def _num(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"


# --- whole runs -----------------------------------------------------------------------------


def check_files(
    paths: Sequence[Path], workspace: Workspace, *, today: dt.date | None = None
) -> Report:
    """Validate the named files and folders (default: the whole workspace): every problem
    in every file, at once.

    Rubrics are checked first, since assessments refer to them. Assessments are then loaded,
    checked and turned into models one at a time, and their documents kept only when they
    have problems to quote, so memory stays flat on large workspaces."""
    today = today or dt.date.today()
    report = Report()
    # By default the workspace's own files; bundled rubrics are loaded to resolve references,
    # but only reported on when named.
    targets = (
        expand_paths(paths)
        if paths
        else [*data_files(workspace.rubrics_dir), *workspace.assessment_files()]
    )
    named = {t.resolve() for t in targets}
    own_rubrics = [p for p in workspace.rubric_files() if p.resolve() not in named]

    broken: set[str] = set()
    deferred: list[Path] = []  # assessments by their place in the workspace layout
    pending: list[Document] = []  # assessments known only by their content
    seen_rubric: dict[str, str] = {}
    for path, reported in [*((t, True) for t in targets), *((r, False) for r in own_rubrics)]:
        if reported and classify_path(path) == "assessment":
            deferred.append(path)
            continue
        document = _load(path, workspace, report, reported)
        if document is None:
            continue
        kind = classify(path, document.data)
        if kind == "assessment":
            if reported:
                pending.append(document)
            continue
        if reported:
            report.files += 1
            report.checked.append(document.display)
        if kind is None:
            if reported:
                report.problems.append(_top_level_problem(document) or _unknown_kind(document))
                report.documents[document.display] = document
            continue
        problems, rubric = check_rubric(document)
        if reported:
            report.problems.extend(problems)
            report.documents[document.display] = document  # rubrics are few; keep them
        if rubric is None:
            data = document.data if isinstance(document.data, dict) else {}
            broken.add(f"{data.get('id')}@{data.get('version')}")
            continue
        if rubric.ref in seen_rubric:
            if reported:
                report.problems.append(
                    Problem.of(
                        document.display,
                        1,
                        1,
                        "error",
                        phrase(
                            "problem.rubric.duplicate",
                            rubric=rubric.ref,
                            file=seen_rubric[rubric.ref],
                        ),
                        None,
                        "duplicate",
                    )
                )
            continue
        seen_rubric[rubric.ref] = document.display
        report.rubrics[rubric.ref] = rubric

    seen_edition: dict[tuple[str, str], str] = {}

    def assessments() -> Iterator[Document]:
        yield from pending
        for path in deferred:
            document = _load(path, workspace, report, True)
            if document is not None:
                yield document

    for document in assessments():
        report.files += 1
        report.checked.append(document.display)
        problems, assessment = check_assessment(
            document, report.rubrics, today=today, broken_rubrics=broken
        )
        if assessment is not None:
            key = (assessment.code, assessment.edition)
            if key in seen_edition:
                problems.append(
                    Problem.of(
                        document.display,
                        1,
                        1,
                        "error",
                        phrase(
                            "problem.edition.duplicate",
                            code=assessment.code,
                            edition=assessment.edition,
                            file=seen_edition[key],
                        ),
                        None,
                        "duplicate",
                    )
                )
            else:
                seen_edition[key] = document.display
                report.assessments.append(assessment)
        if problems:
            report.problems.extend(problems)
            report.documents[document.display] = document
    report.problems.sort()
    return report


def _load(path: Path, workspace: Workspace, report: Report, reported: bool) -> Document | None:
    """Load one file; a file that does not load adds its problems (when reported) and None."""
    display = workspace.display(path)
    try:
        return load_document(path, display=display)
    except LoadError as exc:
        if reported:
            report.problems.extend(exc.problems)
            report.files += 1
            report.checked.append(display)
            if exc.text is not None:  # for source snippets; data None: it did not load
                report.documents[display] = Document(path, display, exc.text, None)
        return None


def _unknown_kind(document: Document) -> Problem:
    return Problem.of(
        document.display,
        1,
        1,
        "error",
        phrase("problem.unknown_kind"),
        phrase("problem.unknown_kind.hint"),
        "unknown-kind",
    )
