"""What changed, in words: the wording a diff shares across its formats (transitions,
contributions, the one-sentence explanation, indicator changes, flags, the CI gate's message).

The formats are beside this module: `changes_table` (terminal), `changes_md` (GitHub
Markdown) and `changes_json` (the diff document, schema: diff). Numbers are rounded once,
for display; words come from the interface catalogs in the language asked for."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from scorecard.diff import (
    AssessmentDiff,
    Contribution,
    IndicatorChange,
    ScoreChange,
)
from scorecard.diff_records import RecordValue
from scorecard.gate import Drop
from scorecard.i18n import Translator, translator
from scorecard.model import RightOfReply, localize
from scorecard.render import words
from scorecard.scoring import display, percent, shown


def transition(change: ScoreChange, t: Translator) -> str:
    old = words.compared_score(t, change.old_status, change.old, change.display)
    new = words.compared_score(t, change.new_status, change.new, change.display)
    if change.old_status is None:
        return new
    if change.new_status is None:
        return old
    return f"{old} → {new}"


def band_transition(change: ScoreChange, entry: AssessmentDiff, lang: str) -> str:
    """Bands by their labels in `lang`: "Limited", or "Limitada → Sustancial"."""
    labels = dict(entry.band_labels)

    def label(band: str | None) -> str:
        if band is None:
            return ""
        return localize(labels[band], lang) if band in labels else band

    if change.old_band == change.new_band:
        return label(change.new_band)
    return f"{label(change.old_band) or '—'} → {label(change.new_band) or '—'}"


def coverage_transition(change: ScoreChange, t: Translator) -> str:
    old, new = percent(change.old_coverage), percent(change.new_coverage)
    if old == new:
        return t.percent(new)
    return f"{t.percent(old) or '—'} → {t.percent(new) or '—'}"


def contribution_label(line: Contribution, t: Translator, lang: str) -> str:
    where = f"{localize(line.label, lang)} ({line.pillar})" if line.pillar else ""
    if line.kind == "indicator":
        return t("diff.contribution.indicator", id=line.indicator, label=localize(line.label, lang))
    if line.kind == "weakest_link":
        old, new = ", ".join(line.minimum_old), ", ".join(line.minimum_new)
        setter = old if old == new else f"{old or '—'} → {new or '—'}"
        return t("diff.contribution.weakest_link", pillar=where, setter=setter)
    if line.kind == "coverage":
        if line.pillar is None:
            return t("diff.contribution.coverage_overall")
        return t("diff.contribution.coverage", pillar=where)
    if line.pillar is None:
        return t("diff.contribution.rubric_overall")
    return t("diff.contribution.rubric", pillar=where)


def change_word(change: str, t: Translator) -> str:
    named = {
        "added": t("diff.change.added"),
        "removed": t("diff.change.removed"),
        "changed": t("diff.change.changed"),
        "unchanged": t("diff.change.unchanged"),
    }
    return named.get(change, change)


def entry_title(entry: AssessmentDiff, t: Translator, lang: str) -> str:
    name = f"{localize(entry.name, lang)} ({entry.code})"
    if entry.baseline:
        return t(
            "diff.entry.added_compared",
            name=name,
            edition=entry.new_edition,
            previous=entry.old_edition,
        )
    if entry.change == "added":
        return t("diff.entry.added", name=name, edition=entry.new_edition)
    if entry.change == "removed":
        return t("diff.entry.removed", name=name, edition=entry.old_edition)
    if entry.old_edition == entry.new_edition:
        return f"{name} {entry.new_edition}"
    return f"{name} {entry.old_edition} → {entry.new_edition}"


def editions(entry: AssessmentDiff, t: Translator) -> str:
    """The editions compared, without the jurisdiction: "2023 → 2024", "2024 (added)"."""
    if entry.baseline:
        return t(
            "diff.entry.added_compared",
            name="",
            edition=entry.new_edition,
            previous=entry.old_edition,
        ).strip()
    if entry.change == "added":
        return t("diff.entry.added", name="", edition=entry.new_edition).strip()
    if entry.change == "removed":
        return t("diff.entry.removed", name="", edition=entry.old_edition).strip()
    if entry.old_edition == entry.new_edition:
        return str(entry.new_edition)
    return f"{entry.old_edition} → {entry.new_edition}"


def explain(entry: AssessmentDiff, t: Translator, lang: str, top: int) -> str:
    delta = entry.overall.shown_delta  # the difference of the two scores shown
    scores = transition(entry.overall, t)
    if delta is None:
        return t("diff.summary.status", scores=scores)
    head = t("diff.summary.delta", delta=t.signed(delta), scores=scores)
    parts = [
        t(
            "diff.summary.part",
            amount=t.signed(c.amount, rule=entry.display),
            label=contribution_label(c, t, lang),
        )
        for c in entry.contributions
    ]
    if not parts or top <= 0:
        return head
    more = len(parts) - top
    listed = parts[:top] + ([t("diff.summary.and_more", count=more)] if more > 0 else [])
    return t("diff.summary.of_which", head=head, parts="; ".join(listed))


def rubric_note(entry: AssessmentDiff, t: Translator) -> str | None:
    if not entry.rubric_changed:
        return None
    count = len(entry.not_comparable)
    key_values = {"old": entry.old_rubric, "new": entry.new_rubric, "count": count}
    note = t("diff.rubric.one", **key_values) if count == 1 else t("diff.rubric.many", **key_values)
    if count:
        note += f" ({', '.join(entry.not_comparable)})"
    if entry.removed_indicators:
        note += "; " + t("diff.rubric.removed", ids=", ".join(entry.removed_indicators))
    return note


def indicator_summary(change: IndicatorChange, t: Translator) -> list[str]:
    parts = []
    marks = {
        "revised": t("diff.indicator.revised"),
        "new": t("diff.indicator.new"),
        "removed": t("diff.indicator.removed"),
    }
    if change.rubric_mark in marks:
        parts.append(marks[change.rubric_mark])
    if change.old_id and change.old_id != change.id:
        parts.append(t("diff.indicator.replaces", id=change.old_id))
    if (change.old_kind, change.old_level) != (change.new_kind, change.new_level):
        after = words.answer(t, change.new_kind, change.new_level)
        if change.new_text:
            after += f" ({change.new_text})"
        parts.append(f"{words.answer(t, change.old_kind, change.old_level)} → {after}")
    if change.old_value != change.new_value and change.old_kind and change.new_kind:
        no_value = t("diff.indicator.no_value")
        old = t.number(display(change.old_value)) if change.old_value is not None else no_value
        new = t.number(display(change.new_value)) if change.new_value is not None else no_value
        parts.append(t("diff.indicator.value", old=old, new=new))
    if change.evidence_added:
        sources = ", ".join(change.evidence_added)
        parts.append(t("diff.indicator.evidence_added", sources=sources))
    if change.evidence_removed:
        sources = ", ".join(change.evidence_removed)
        parts.append(t("diff.indicator.evidence_removed", sources=sources))
    if change.evidence_updated:
        sources = ", ".join(change.evidence_updated)
        parts.append(t("diff.indicator.evidence_updated", sources=sources))
    if change.notes_changed:
        parts.append(t("site.changes.notes"))
    return parts


def shows_details(entry: AssessmentDiff) -> bool:
    """Whether the entry compares two editions (pillars and indicators side by side)."""
    return entry.change in ("changed", "unchanged") or entry.baseline


def record_lines(entry: AssessmentDiff, t: Translator) -> list[str]:
    """The edition's own record that changed: status, reviewers, right of reply, published
    date, corrections (each entry added named)."""
    lines = []
    for record in entry.records:
        old, new = (_record_words(record.field, side, t) for side in (record.old, record.new))
        lines.append(t(f"diff.record.{record.field}", old=old, new=new))
        for added in record.added:
            said = f"{t.date(added.date)}: {localize(added.change, t.lang)}"
            lines.append(t("diff.record.correction", entry=said))
    return lines


def _record_words(field: str, value: RecordValue | None, t: Translator) -> str:
    """One side of an edition's record in words, by the field it is: the status, the date
    published, the number of corrections, the reviewers with their verdicts, or the right
    of reply; "—" when absent."""
    if value is None:
        return "—"
    if isinstance(value, int):
        return t.number(value)
    if isinstance(value, str):
        return t(f"status.{value}") if field == "status" else t.date(value)
    if isinstance(value, RightOfReply):
        return _reply_words(value, t)
    return "; ".join(
        t(
            "diff.record.reviewer",
            name=person.name,
            verdict=t(f"verdict.{person.verdict}") if person.verdict else "—",
            date=t.date(person.date) if person.date else "—",
        )
        for person in value
    )


def _reply_words(reply: RightOfReply, t: Translator) -> str:
    parts = [
        t("diff.reply.requested", date=t.date(reply.requested))
        if reply.requested
        else t("diff.reply.not_requested")
    ]
    if reply.deadline:
        parts.append(t("diff.reply.deadline", date=t.date(reply.deadline)))
    if reply.received:
        parts.append(t("diff.reply.received", date=t.date(reply.received)))
    elif reply.response == "none":
        parts.append(t("diff.reply.none"))
    else:
        parts.append(t("diff.reply.pending"))
    return ", ".join(parts)


def pillar_why(entry: AssessmentDiff, t: Translator, lang: str) -> list[tuple[str, str, str]]:
    """(pillar, contribution, amount) for each pillar whose score changed: the why of each
    pillar, shown whether or not the overall is withheld."""
    rows = []
    for pillar in entry.pillars:
        for line in pillar.contributions:
            rows.append(
                (
                    f"{localize(pillar.title, lang)} ({pillar.id})",
                    contribution_label(line, t, lang),
                    t.signed(line.amount, rule=entry.display),
                )
            )
    return rows


def draft_flag(entry: AssessmentDiff, t: Translator) -> str:
    """ "DRAFT", "EXAMPLE", "IN REVIEW" when the newer side is not a published finding."""
    status = entry.new_assessment_status or entry.old_assessment_status
    return words.status_flag(t, status, upper=True) if status else ""


def gate_message(dropped: Sequence[Drop], limit: Decimal, lang: str) -> str:
    """Why the CI gate failed: a heading and a line per drop, in `lang`."""
    t = translator(lang)
    lines = [t("diff.gate.heading", points=t.number(limit), count=limit)]
    for drop in dropped:
        where = f"{drop.code} {drop.edition}"
        what = (
            t("diff.gate.overall", where=where)
            if drop.pillar is None
            else t("diff.gate.pillar", where=where, pillar=drop.pillar)
        )
        rule = drop.display
        old = t.number(shown(drop.old, rule))
        if drop.kind == "fell":
            new = t.number(shown(drop.new, rule))
            points = t.number(display(drop.points, rule.places, rule.rounding))
            lines.append(t("diff.gate.fell", what=what, points=points, old=old, new=new))
        elif drop.kind == "removed":
            lines.append(t("diff.gate.removed", where=where))
        elif drop.kind == "withheld":
            lines.append(t("diff.gate.now_withheld", what=what, old=old))
        else:
            lines.append(t("diff.gate.now_na", what=what, old=old))
    return "\n  ".join(lines)
