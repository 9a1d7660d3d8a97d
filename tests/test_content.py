"""Checks on the bundled content: the rubric in rubrics/ and the example assessments.

These tests read the YAML files directly (PyYAML + jsonschema) and do not import the
scorecard package, so they guard the content independently of the engine.
"""

from __future__ import annotations

import datetime
import itertools
import json
import os
import re
import sys
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
            # every source is either the CSIS report with a verbatim quote or a page with a URL
            sources = answer.get("evidence") or []
            if not any(
                (isinstance(s.get("quote"), str) and s["quote"].strip()) or s.get("url")
                for s in sources
            ):
                problems.append(f"{ind_id}: a scored answer needs a quoted or linked source")
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


# (a) quotes: only the CSIS report is quoted, verbatim, one paragraph at a time ----------

# The report's section headings, in order, as they appear on their own line in the text.
CSIS_SECTIONS = (
    "Part I: The Effects of Mano Dura on Democracy",
    "Part II: Narratives and Discourse Around Mano Dura",
    "Part III: The Search for Alternatives to Mano Dura",
    "Key Takeaways and Recommendations",
    "Reducing the Appeal of Mano Dura Throughout Latin America",
    "Containing Misleading Narratives Surrounding Mano Dura Policies",
    "Creating Credible Alternatives to Mano Dura Policies",
)
# Names under which the report may be attributed: by publisher or by title alone.
CSIS_MARKERS = (
    "csis",
    "center for strategic and international studies",
    "tough on the weak",
    "lenient on the powerful",
    "mano dura security policies",
)
ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")


def _is_csis(source: dict) -> bool:
    names = f"{source.get('publisher', '')} {source.get('title', '')}".lower()
    return any(marker in names for marker in CSIS_MARKERS)


def _report_paragraphs() -> list[tuple[str, str]]:
    """(section, normalised paragraph) for every paragraph (line) of the report text."""
    if not CSIS_REPORT.is_file():
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(
                f"CSIS report text not found at {CSIS_REPORT}: in CI the quote checks must run"
            )
        pytest.skip(f"CSIS report text not available at {CSIS_REPORT}")
    section = ""
    out = []
    for line in CSIS_REPORT.read_text(encoding="utf-8").splitlines():
        text = _normalise(line)
        if not text:
            continue
        if text in CSIS_SECTIONS:
            section = text
            continue
        out.append((section, text))
    return out


def _evidence():
    for path in ASSESSMENT_FILES:
        for ind_id, answer in (_load(path)["answers"] or {}).items():
            for source in answer.get("evidence") or []:
                yield _rel(path), ind_id, answer, source


def _found_in(quote: str, paragraph: str) -> bool:
    """The quote's fragments (split at an ellipsis) occur in this paragraph, in order."""
    position = 0
    for fragment in (f for f in ELLIPSIS.split(_normalise(quote)) if f):
        found = paragraph.find(fragment, position)
        if found < 0:
            return False
        position = found + len(fragment)
    return True


def test_only_the_csis_report_is_quoted():
    """Other sources are summarised in the assessors' own words, never quoted."""
    quoted = [(f, i, s) for f, i, _, s in _evidence() if s.get("quote")]
    assert quoted, "expected quotes in the bundled assessments"
    not_csis = [(f, i, s.get("title")) for f, i, s in quoted if not _is_csis(s)]
    assert not_csis == []


def test_csis_quotes_are_verbatim_from_one_paragraph():
    paragraphs = _report_paragraphs()
    quotes = [(f, i, s["quote"]) for f, i, _, s in _evidence() if s.get("quote") and _is_csis(s)]
    assert quotes, "expected CSIS evidence quotes in the bundled assessments"
    missing = [
        (f, i, q) for f, i, q in quotes if not any(_found_in(q, text) for _, text in paragraphs)
    ]
    assert missing == []


def test_csis_quote_locators_name_the_right_section():
    paragraphs = _report_paragraphs()
    wrong = []
    for f, i, _, source in _evidence():
        quote, locator = source.get("quote"), source.get("locator") or ""
        if not (quote and _is_csis(source)):
            continue
        named = [sec for sec in CSIS_SECTIONS if sec in _normalise(locator)]
        if not named:
            wrong.append((f, i, "locator names no section of the report"))
            continue
        # the most specific heading named (subsections follow "Key Takeaways…")
        section = named[-1]
        if not any(sec == section and _found_in(quote, text) for sec, text in paragraphs):
            wrong.append((f, i, f"quote is not in {section!r}"))
    assert wrong == []


def test_csis_quotes_are_at_most_a_sentence():
    long = []
    for f, i, _, source in _evidence():
        quote = _normalise(source.get("quote") or "")
        # a full stop followed by a capital letter starts a second sentence
        second = re.search(r"[.!?][\"”’]?\s+[A-Z]", quote.rstrip("."))
        if quote and _is_csis(source) and second:
            long.append((f, i, quote[:60]))
    assert long == []


# (e) accusatory lowest levels cite evidence ------------------------------------------------


def test_lowest_level_answers_cite_evidence():
    """The file format only requires evidence above the lowest level; for the bundled content a
    lowest-level answer (an accusation: "secret", "excluded", "indefinite") needs it too."""
    rubrics = _rubrics()
    problems = []
    for path in ASSESSMENT_FILES:
        assessment = _load(path)
        indicators = _indicators(rubrics[assessment["rubric"]])
        for ind_id, answer in assessment["answers"].items():
            if "level" not in answer:
                continue
            lowest = indicators[ind_id]["levels"][0]["id"]
            if answer["level"] == lowest and not answer.get("evidence"):
                problems.append(f"{_rel(path)}: {ind_id} is at its lowest level without evidence")
    assert problems == []


def test_non_csis_evidence_is_dated_and_located():
    """Every source other than the local CSIS text has a URL, a publisher and an access date."""
    problems = []
    for f, i, _, source in _evidence():
        if _is_csis(source):
            continue
        for field in ("url", "publisher", "accessed"):
            if not str(source.get(field) or "").strip():
                problems.append(f"{f}: {i}: {source.get('title')!r} lacks {field}")
    assert problems == []


@pytest.mark.parametrize("path", ASSESSMENT_FILES, ids=_rel)
def test_examples_disclose_review_status_and_sources(path):
    summary = _load(path).get("summary") or {}
    english = summary.get("en", "") if isinstance(summary, dict) else str(summary)
    assert "not reviewed" in english or "not sent to or reviewed" in english, "review status"
    assert "private roundtables" in english, "the CSIS report summarises private roundtables"
    assert "Source types" in english, "kinds of sources used"


def test_missing_report_text_fails_in_ci_and_skips_locally(monkeypatch, tmp_path):
    monkeypatch.setattr(sys.modules[__name__], "CSIS_REPORT", tmp_path / "missing.txt")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="in CI the quote checks must run"):
        _report_paragraphs()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        _report_paragraphs()


def test_ellipsis_fragments_must_share_a_paragraph():
    first, second = "alpha beta gamma", "delta epsilon"
    assert _found_in("alpha beta … delta", f"{first} {second}")
    assert not _found_in("alpha beta … delta", first)  # fragments split over two paragraphs
    assert not _found_in("delta … alpha", f"{first} {second}")  # fragments out of order
