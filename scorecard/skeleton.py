"""The assessment skeleton `scorecard new` writes: every indicator of the rubric with its
question and levels as comments, a commented-out answer to fill in for each, in the language
asked for (words from init_files/skeleton.yaml)."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from typing import Any

import yaml

from scorecard.model import Indicator, Rubric, localize


def _comment_block(text: str, indent: str, width: int = 92, hanging: int = 4) -> list[str]:
    """`text` as YAML comment lines, wrapped, continuation lines `hanging` deeper than the
    first."""
    import textwrap

    lead = len(text) - len(text.lstrip(" "))
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        deeper = " " * (lead + hanging)
        wrapped = textwrap.wrap(paragraph, width=width, subsequent_indent=deeper) or [""]
        lines.extend(f"{indent}# {line}".rstrip() for line in wrapped)
    return lines


class _Words:
    """The skeleton's words in one language (init_files/skeleton.yaml): `say(key, **values)`.
    Data beside the other files `init` and `new` write, since the skeleton is made below the
    output layer that holds the interface catalogs."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        words = (files("scorecard") / "init_files" / "skeleton.yaml").read_text(encoding="utf-8")
        self._entries: dict[str, Any] = yaml.safe_load(words)

    def __call__(self, key: str, /, **values: Any) -> str:
        return localize(self._entries[key], self.lang).format(**values)


def _indicator_comments(indicator: Indicator, say: _Words) -> list[str]:
    lines = _comment_block(f"{indicator.id}: {localize(indicator.question, say.lang)}", "  ")
    for level in indicator.levels:
        lines += _comment_block(
            f"  level: {level.id} ({level.value}) - {localize(level.descriptor, say.lang)}", "  "
        )
    rules = []
    if indicator.na_allowed:
        rules.append(say("na_allowed"))
    if indicator.url_required:
        rules.append(say("url_required"))
    if rules:
        lines.append(f"  #   ({'; '.join(rules)})")
    return lines


def answer_stub(indicator_id: str, say: _Words) -> list[str]:
    """An answer to fill in, commented out: uncommented (one "# " off each line) it is a
    draft answer that parses, whose empty level and source the validator names."""
    return [
        f"  # {indicator_id}:",
        "  #   level:",
        "  #   evidence:",
        "  #     - title:",
        "  #       url:",
        f"  #       # {say('optional_fields')}",
    ]


def _dump_answer(indicator_id: str, answer: dict[str, Any]) -> list[str]:
    text = yaml.safe_dump(
        {indicator_id: answer},
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return ["  " + line for line in text.splitlines()]


def assessment_skeleton(
    rubric: Rubric,
    code: str,
    edition: str,
    *,
    name: str | None = None,
    previous: dict[str, Any] | None = None,
    today: dt.date | None = None,
    lang: str = "en",
) -> str:
    """The YAML text of a new draft assessment: every indicator with its question and levels as
    comments, in `lang`; answers copied from `previous` (marked `reverify: true`) when given.

    `answers:` is left with nothing under it until an answer is written (the validator reads
    that as no answers yet), so uncommenting any stub, or all of them, keeps the file valid."""
    say = _Words(lang)
    today = today or dt.date.today()
    jurisdiction = previous["jurisdiction"] if previous else {"code": code, "name": name or code}
    header = {
        "rubric": rubric.ref,
        "jurisdiction": {"code": code, "name": jurisdiction["name"]},
        "edition": edition,
        "as_of": today.isoformat(),
        "status": "draft",
        "assessors": [{"name": say("your_name"), "date": today.isoformat()}],
        "reviewers": [],
    }
    kinds = [
        (f"level: {say('kind.level.value')}", say("kind.level")),
        (f"not_found: {say('kind.not_found.value')}", say("kind.not_found")),
        (f"na: {say('kind.na.value')}", say("kind.na")),
        (f"insufficient: {say('kind.insufficient.value')}", say("kind.insufficient")),
    ]
    width = max(len(kind) for kind, _ in kinds) + 2
    lines = [
        "# " + say("heading", code=code, edition=edition, rubric=rubric.ref),
        "# " + say("kinds"),
        *(f"#   {kind.ljust(width)}{what}" for kind, what in kinds),
        *_comment_block(say("uncomment"), "", width=90, hanging=0),
    ]
    if previous:
        lines += _comment_block(say("copied"), "", width=90, hanging=0)
    lines += yaml.safe_dump(header, allow_unicode=True, sort_keys=False, width=100).splitlines()
    lines.append("answers:")
    old_answers: dict[str, Any] = (previous or {}).get("answers") or {}
    for pillar in rubric.pillars:
        lines.append("")
        lines.append(f"  # ---- {pillar.id}: {localize(pillar.title, lang)} ----")
        for indicator in pillar.indicators:
            lines += _indicator_comments(indicator, say)
            old = old_answers.get(indicator.id) or (
                old_answers.get(indicator.replaces) if indicator.replaces else None
            )
            if old is not None and not _kind_still_stands(indicator, old):
                # The answer's kind cannot stand under this rubric (its level is gone, or na is
                # no longer allowed): its evidence and notes belong to the old answer, so they
                # are not carried into the new one.
                note = say("no_longer_fits", id=indicator.id, kind=_kind_of(old))
                lines += _comment_block(note, "  ")
                lines += answer_stub(indicator.id, say)
            elif old is not None:
                lines += _dump_answer(indicator.id, {**old, "reverify": True})
            else:
                lines += answer_stub(indicator.id, say)
    return "\n".join(lines) + "\n"


def _kind_of(answer: dict[str, Any]) -> str:
    return next((k for k in ("level", "not_found", "na", "insufficient") if k in answer), "?")


def _kind_still_stands(indicator: Indicator, answer: dict[str, Any]) -> bool:
    """Whether a copied answer keeps its kind under the new rubric's indicator."""
    if "level" in answer:
        return indicator.level(str(answer["level"])) is not None
    if "na" in answer:
        return indicator.na_allowed
    return True
