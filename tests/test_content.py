"""Checks on the bundled content: the rubric in rubrics/ and the example assessments.

These tests read the YAML files directly (PyYAML + jsonschema) and do not import the
scorecard package, so they guard the content independently of the engine.
"""

from __future__ import annotations

import datetime
import itertools
import json
import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "scorecard" / "schemas"
RUBRIC_FILES = sorted((ROOT / "rubrics").glob("*/*.yaml"))
ASSESSMENT_FILES = sorted((ROOT / "assessments").glob("*/*.yaml"))
CSIS_REPORT = Path(__file__).resolve().parents[2] / "shared/source/csis-mano-dura-2025.txt"
LANGUAGES = ("en", "es")
ANSWER_KINDS = ("level", "not_found", "na", "insufficient")


def _load(path: Path):
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _rubrics() -> dict[str, dict]:
    out = {}
    for path in RUBRIC_FILES:
        data = _load(path)
        out[f"{data['id']}@{data['version']}"] = data
    return out


def _indicators(rubric: dict) -> dict[str, dict]:
    return {ind["id"]: ind for pillar in rubric["pillars"] for ind in pillar["indicators"]}


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _schema_errors(schema_name: str, data) -> list[str]:
    schema = json.loads((SCHEMAS / schema_name).read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    return [
        f"{'/'.join(str(p) for p in err.absolute_path) or '<root>'}: {err.message}"
        for err in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    ]


def test_bundled_content_exists():
    assert RUBRIC_FILES, "no rubric under rubrics/"
    assert ASSESSMENT_FILES, "no assessment under assessments/"


# (c) schema validity -------------------------------------------------------------------


@pytest.mark.parametrize("path", RUBRIC_FILES, ids=_rel)
def test_rubric_matches_schema(path):
    assert _schema_errors("rubric.schema.json", _load(path)) == []


@pytest.mark.parametrize("path", ASSESSMENT_FILES, ids=_rel)
def test_assessment_matches_schema(path):
    assert _schema_errors("assessment.schema.json", _load(path)) == []


# (b) rubric text, recommendation and anchors ------------------------------------------


def _has_all_languages(value) -> bool:
    return isinstance(value, dict) and all(
        isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGUAGES
    )


@pytest.mark.parametrize("path", RUBRIC_FILES, ids=_rel)
def test_rubric_indicators_are_bilingual_and_anchored(path):
    rubric = _load(path)
    problems = []
    for pillar in rubric["pillars"]:
        for field in ("title", "description", "weight_rationale", "aggregation_rationale"):
            if not _has_all_languages(pillar.get(field)):
                problems.append(f"pillar {pillar['id']}: {field} lacks en/es text")
        for ind in pillar["indicators"]:
            where = f"indicator {ind['id']}"
            for field in ("question", "guidance", "short", "recommendation"):
                if not _has_all_languages(ind.get(field)):
                    problems.append(f"{where}: {field} lacks en/es text")
            for level in ind["levels"]:
                if not _has_all_languages(level.get("descriptor")):
                    problems.append(f"{where}: level {level['id']} descriptor lacks en/es text")
            anchors = ind.get("anchors") or []
            if not any(isinstance(a, str) and a.strip() for a in anchors):
                problems.append(f"{where}: no anchor")
    assert problems == []


@pytest.mark.parametrize("path", RUBRIC_FILES, ids=_rel)
def test_rubric_structure(path):
    rubric = _load(path)
    assert path.parent.name == rubric["id"] and path.stem == rubric["version"]
    ids = [ind["id"] for pillar in rubric["pillars"] for ind in pillar["indicators"]]
    assert len(ids) == len(set(ids)), "indicator ids must be unique"
    for pillar in rubric["pillars"]:
        for ind in pillar["indicators"]:
            values = [level["value"] for level in ind["levels"]]
            assert values[0] == 0 and values[-1] == 100, ind["id"]
            assert all(a < b for a, b in itertools.pairwise(values)), ind["id"]
            level_ids = [level["id"] for level in ind["levels"]]
            assert len(level_ids) == len(set(level_ids)), ind["id"]
    bands = rubric["bands"]
    assert bands[0]["min"] == 0 and bands[-1]["max"] == 100
    for prev, nxt in itertools.pairwise(bands):
        assert nxt["min"] == prev["max"], f"gap or overlap between {prev['id']} and {nxt['id']}"
    for band in bands:
        assert _has_all_languages(band["label"]), band["id"]
    assert _has_all_languages(rubric["title"]) and _has_all_languages(rubric["description"])


# (d) assessments answer every indicator correctly ------------------------------------


@pytest.mark.parametrize("path", ASSESSMENT_FILES, ids=_rel)
def test_assessment_answers_every_indicator(path):
    assessment = _load(path)
    assert assessment["status"] == "example", "bundled assessments are illustrative examples"
    assert path.parent.name == assessment["jurisdiction"]["code"]
    assert path.stem == str(assessment["edition"])
    rubrics = _rubrics()
    assert assessment["rubric"] in rubrics, f"unknown rubric {assessment['rubric']}"
    indicators = _indicators(rubrics[assessment["rubric"]])
    answers = assessment["answers"]
    assert set(answers) == set(indicators), {
        "missing": sorted(set(indicators) - set(answers)),
        "unknown": sorted(set(answers) - set(indicators)),
    }
    problems = []
    for ind_id, answer in answers.items():
        ind = indicators[ind_id]
        kinds = [k for k in ANSWER_KINDS if k in answer]
        if len(kinds) != 1:
            problems.append(f"{ind_id}: exactly one of {ANSWER_KINDS} required, got {kinds}")
            continue
        kind = kinds[0]
        if kind == "level":
            if answer["level"] not in {lvl["id"] for lvl in ind["levels"]}:
                problems.append(f"{ind_id}: unknown level {answer['level']!r}")
            quotes = [s.get("quote") for s in answer.get("evidence") or []]
            if not any(isinstance(q, str) and q.strip() for q in quotes):
                problems.append(f"{ind_id}: a scored answer needs evidence with a quote")
        elif kind == "na":
            if not ind.get("na_allowed", False):
                problems.append(f"{ind_id}: na is not allowed for this indicator")
            if ind.get("na_requires_justification", True) and not str(answer["na"]).strip():
                problems.append(f"{ind_id}: na needs a justification")
        else:
            if not str(answer[kind]).strip():
                problems.append(f"{ind_id}: {kind} needs an explanation")
    assert problems == []


@pytest.mark.parametrize("path", ASSESSMENT_FILES, ids=_rel)
def test_assessment_dates_are_consistent(path):
    assessment = _load(path)
    dates = [assessment["as_of"]] + [
        p["date"] for p in assessment.get("assessors", []) if "date" in p
    ]
    for answer in assessment["answers"].values():
        for source in answer.get("evidence") or []:
            if "published" in source and "accessed" in source:
                assert source["accessed"] >= source["published"], source
            dates += [source[k] for k in ("published", "accessed") if k in source]
    today = datetime.date.today()
    for date in dates:
        assert isinstance(date, str), f"unquoted date {date!r}: quote dates in YAML"
        assert datetime.date.fromisoformat(date) <= today, f"date in the future: {date}"


# (a) CSIS quotes are verbatim -----------------------------------------------------------


def _csis_quotes():
    for path in ASSESSMENT_FILES:
        for ind_id, answer in (_load(path)["answers"] or {}).items():
            for source in answer.get("evidence") or []:
                names = f"{source.get('publisher', '')} {source.get('title', '')}"
                by_csis = (
                    "CSIS" in names or "Center for Strategic and International Studies" in names
                )
                if by_csis and source.get("quote"):
                    yield _rel(path), ind_id, source["quote"]


def test_csis_quotes_are_verbatim():
    if not CSIS_REPORT.is_file():
        pytest.skip(f"CSIS report text not available at {CSIS_REPORT}")
    report = _normalise(CSIS_REPORT.read_text(encoding="utf-8"))
    quotes = list(_csis_quotes())
    assert quotes, "expected CSIS evidence quotes in the bundled assessments"
    missing = [(f, i, q) for f, i, q in quotes if _normalise(q) not in report]
    assert missing == []
