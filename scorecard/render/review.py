"""`scorecard review`: the worklist between each edition and publication, as a text table,
GitHub Markdown (for a job summary) or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from scorecard.i18n import Translator, translator
from scorecard.render.problems import localized
from scorecard.render.registry import Options
from scorecard.render.text import md_cell, md_inline
from scorecard.review import EditionReview, Review, ReviewItem


def _status(t: Translator, edition: EditionReview) -> str:
    return t(f"status.{edition.status}") if edition.status else "—"


def _verdict(t: Translator, edition: EditionReview) -> str:
    if edition.ready:
        return t("worklist.ready")
    return t("worklist.blocked", count=edition.blockers)


def _item_text(t: Translator, item: ReviewItem) -> str:
    message, hint = localized(item.problem, t)
    return f"{message} ({hint})" if hint else message


def _where(item: ReviewItem) -> str:
    return f"{item.problem.line}:{item.problem.column}"


def _summary(review: Review, t: Translator) -> str:
    ready = sum(e.ready for e in review.editions)
    return t("worklist.summary", count=len(review.editions), ready=ready)


def review_table(review: Review, options: Options) -> Iterator[str]:
    """Plain text: one block per edition, each item located to its line."""
    from scorecard.render.terminal import terminal_safe

    t = translator(options.lang)
    for edition in review.editions:
        head = f"{edition.file} · {_status(t, edition)} · {_verdict(t, edition)}"
        if edition.reverify:
            head += f" · {t('score.reverify', count=edition.reverify)}"
        yield terminal_safe(head) + "\n"
        for item in edition.items:
            weight = t(f"worklist.weight.{item.weight}")
            yield f"  {_where(item)}: {weight}: {terminal_safe(_item_text(t, item))}\n"
    yield _summary(review, t) + "\n"


def review_md(review: Review, options: Options) -> Iterator[str]:
    """GitHub Markdown: a table of editions, then each edition's items."""
    t = translator(options.lang)
    yield f"## {t('worklist.heading')}\n\n{md_inline(_summary(review, t))}\n\n"
    yield (
        f"| {t('worklist.col.file')} | {t('meta.status')} | {t('worklist.col.verdict')} | "
        f"{t('worklist.col.blockers')} | {t('worklist.col.notices')} | reverify |\n"
        "|---|---|---|--:|--:|--:|\n"
    )
    for e in review.editions:
        yield (
            f"| {md_cell(e.file)} | {md_cell(_status(t, e))} | {md_cell(_verdict(t, e))} | "
            f"{e.blockers} | {e.notices} | {e.reverify} |\n"
        )
    for e in review.editions:
        if not e.items:
            continue
        yield f"\n### {md_inline(e.file)}\n\n"
        for item in e.items:
            weight = t(f"worklist.weight.{item.weight}")
            yield f"- **{md_inline(weight)}** ({_where(item)}): {md_inline(_item_text(t, item))}\n"


def review_json(review: Review, options: Options) -> str:
    """A JSON document: every edition with its items (codes, catalog keys, words)."""
    t = translator(options.lang)

    def item(entry: ReviewItem) -> dict[str, Any]:
        message, hint = localized(entry.problem, t)
        return {
            "weight": entry.weight,
            "code": entry.problem.code,
            "key": entry.problem.message.key,
            "line": entry.problem.line,
            "column": entry.problem.column,
            "message": message,
            "hint": hint,
        }

    document = {
        "format": "transparency-scorecard/review@1",
        "editions": [
            {
                "file": e.file,
                "code": e.code,
                "edition": e.edition,
                "status": e.status,
                "ready": e.ready,
                "blockers": e.blockers,
                "notices": e.notices,
                "reverify": e.reverify,
                "items": [item(i) for i in e.items],
            }
            for e in review.editions
        ],
        "failed": review.failed(),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
