"""Diff output: a rich terminal view, GitHub Flavored Markdown and a JSON document
(schema: diff). Formatters return strings (or print to a given Console); the CLI decides
where they go. Numbers are rounded once, here, for display.

Words come from the interface catalogs (scorecard/i18n) in the language asked for; the JSON
keeps them in the default language, so it reads the same whatever `lang` names and titles
are in."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from scorecard.diff import (
    AssessmentDiff,
    ChangeSet,
    Contribution,
    Drop,
    IndicatorChange,
    ScoreChange,
)
from scorecard.i18n import DEFAULT_LANGUAGE, Translator, translator
from scorecard.model import localize
from scorecard.render.registry import Options
from scorecard.scoring import display, percent

DIFF_FORMAT = "transparency-scorecard/diff@1"


# --- shared wording -------------------------------------------------------------------------


def _signed(value: Fraction | None, t: Translator) -> str:
    return t.signed(value)


def signed(value: Fraction | None, lang: str = "en") -> str:
    """A change rounded once: +7.8, −8.9, 0.0 (+7,8 in Spanish); empty when there is none."""
    return _signed(value, translator(lang))


def _score_text(status: str | None, value: Fraction | None, t: Translator) -> str:
    return t.score(
        status,
        value,
        absent=t("diff.score.absent"),
        withheld="diff.score.withheld",
        not_applicable="score.na_short",
    )


def score_text(status: str | None, value: Fraction | None, lang: str = "en") -> str:
    """A score as compared: the number when scored, else what it is — never a zero."""
    return _score_text(status, value, translator(lang))


def _transition(change: ScoreChange, t: Translator) -> str:
    old = _score_text(change.old_status, change.old, t)
    new = _score_text(change.new_status, change.new, t)
    if change.old_status is None:
        return new
    if change.new_status is None:
        return old
    return f"{old} → {new}"


def transition(change: ScoreChange, lang: str = "en") -> str:
    """ "46.7 → 54.4", "withheld → 45.0", or one side when the other is absent."""
    return _transition(change, translator(lang))


def band_transition(change: ScoreChange) -> str:
    """Band ids as they are in the rubric: "limited", or "limited → substantial"."""
    if change.old_band == change.new_band:
        return change.new_band or ""
    return f"{change.old_band or '—'} → {change.new_band or '—'}"


def _coverage_transition(change: ScoreChange, t: Translator) -> str:
    old, new = percent(change.old_coverage), percent(change.new_coverage)
    if old == new:
        return t.percent(new)
    return f"{t.percent(old) or '—'} → {t.percent(new) or '—'}"


def coverage_transition(change: ScoreChange, lang: str = "en") -> str:
    return _coverage_transition(change, translator(lang))


def _contribution_label(line: Contribution, t: Translator, lang: str) -> str:
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


def contribution_label(line: Contribution, lang: str = "en") -> str:
    """What a contribution line is, in words."""
    return _contribution_label(line, translator(lang), lang)


def _change_word(change: str, t: Translator) -> str:
    words = {
        "added": t("diff.change.added"),
        "removed": t("diff.change.removed"),
        "changed": t("diff.change.changed"),
        "unchanged": t("diff.change.unchanged"),
    }
    return words.get(change, change)


def _entry_title(entry: AssessmentDiff, t: Translator, lang: str) -> str:
    name = f"{localize(entry.name, lang)} ({entry.code})"
    if entry.change == "added":
        return t("diff.entry.added", name=name, edition=entry.new_edition)
    if entry.change == "removed":
        return t("diff.entry.removed", name=name, edition=entry.old_edition)
    if entry.old_edition == entry.new_edition:
        return f"{name} {entry.new_edition}"
    return f"{name} {entry.old_edition} → {entry.new_edition}"


def entry_title(entry: AssessmentDiff, lang: str = "en") -> str:
    return _entry_title(entry, translator(lang), lang)


def _editions(entry: AssessmentDiff, t: Translator) -> str:
    """The editions compared, without the jurisdiction: "2023 → 2024", "2024 (added)"."""
    if entry.change == "added":
        return t("diff.entry.added", name="", edition=entry.new_edition).strip()
    if entry.change == "removed":
        return t("diff.entry.removed", name="", edition=entry.old_edition).strip()
    if entry.old_edition == entry.new_edition:
        return str(entry.new_edition)
    return f"{entry.old_edition} → {entry.new_edition}"


def _explain(entry: AssessmentDiff, t: Translator, lang: str, top: int) -> str:
    delta = entry.overall.delta
    scores = _transition(entry.overall, t)
    if delta is None:
        return t("diff.summary.status", scores=scores)
    head = t("diff.summary.delta", delta=_signed(delta, t), scores=scores)
    parts = [
        t(
            "diff.summary.part",
            amount=_signed(c.amount, t),
            label=_contribution_label(c, t, lang),
        )
        for c in entry.contributions
    ]
    if not parts or top <= 0:
        return head
    more = len(parts) - top
    listed = parts[:top] + ([t("diff.summary.and_more", count=more)] if more > 0 else [])
    return t("diff.summary.of_which", head=head, parts="; ".join(listed))


def explain(entry: AssessmentDiff, lang: str = "en", top: int = 3) -> str:
    """One sentence: "overall −6.2 (48.3 → 42.1), of which −4.1 from …"."""
    return _explain(entry, translator(lang), lang, top)


def _rubric_note(entry: AssessmentDiff, t: Translator) -> str | None:
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


def rubric_note(entry: AssessmentDiff, lang: str = "en") -> str | None:
    """ "rubric changed 1.0 → 1.1: 2 indicators not comparable (…)", when it did."""
    return _rubric_note(entry, translator(lang))


def _answer_text(kind: str | None, level: str | None, t: Translator) -> str:
    if kind is None:
        return "—"
    words = {
        "level": t("diff.answer.level", level=level),
        "not_found": t("diff.answer.not_found"),
        "na": t("diff.answer.na"),
        "insufficient": t("diff.answer.insufficient"),
        "unanswered": t("diff.answer.unanswered"),
    }
    return words.get(kind, kind)


def answer_text(kind: str | None, level: str | None, lang: str = "en") -> str:
    return _answer_text(kind, level, translator(lang))


def _indicator_summary(change: IndicatorChange, t: Translator) -> list[str]:
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
        after = _answer_text(change.new_kind, change.new_level, t)
        if change.new_text:
            after += f" ({change.new_text})"
        parts.append(f"{_answer_text(change.old_kind, change.old_level, t)} → {after}")
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
    if change.notes_changed:
        parts.append(t("site.changes.notes"))
    return parts


def indicator_summary(change: IndicatorChange, lang: str = "en") -> list[str]:
    """The parts of an indicator's change, in words."""
    return _indicator_summary(change, translator(lang))


def _draft_flag(entry: AssessmentDiff, t: Translator) -> str:
    status = entry.new_assessment_status or entry.old_assessment_status
    if status == "draft":
        return t("status.draft").upper()
    if status == "example":
        return t("status.example").upper()
    return ""


def draft_flag(entry: AssessmentDiff, lang: str = "en") -> str:
    """ "DRAFT" or "EXAMPLE" when the newer side is not a reviewed assessment, else ""."""
    return _draft_flag(entry, translator(lang))


# --- JSON -----------------------------------------------------------------------------------


def _json_words() -> Translator:
    """The JSON's words stay in the default language: only names and titles follow `lang`."""
    return translator(DEFAULT_LANGUAGE)


def json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return (
        int(value) if value == value.to_integral_value() and "." not in str(value) else float(value)
    )


def _exact(value: Fraction | None) -> str | None:
    return None if value is None else str(value)


def _side(
    status: str | None, value: Fraction | None, band: str | None, cov: Fraction | None
) -> Any:
    if status is None:
        return None
    return {
        "status": status,
        "score": json_number(display(value)) if status == "scored" else None,
        "score_exact": _exact(value) if status == "scored" else None,
        "band": band,
        "coverage": json_number(percent(cov)),
    }


def _score_change(change: ScoreChange) -> dict[str, Any]:
    return {
        "old": _side(change.old_status, change.old, change.old_band, change.old_coverage),
        "new": _side(change.new_status, change.new, change.new_band, change.new_coverage),
        "delta": json_number(display(change.delta)),
        "delta_exact": _exact(change.delta),
    }


def _contribution(line: Contribution, lang: str) -> dict[str, Any]:
    return {
        "kind": line.kind,
        "pillar": line.pillar,
        "indicator": line.indicator,
        "label": _contribution_label(line, _json_words(), lang),
        "amount": json_number(display(line.amount)),
        "amount_exact": _exact(line.amount),
        "minimum_old": list(line.minimum_old),
        "minimum_new": list(line.minimum_new),
    }


def _answer(kind: str | None, level: str | None, value: Fraction | None) -> Any:
    if kind is None:
        return None
    return {
        "kind": kind,
        "level": level,
        "value": json_number(display(value)),
        "value_exact": _exact(value),
    }


def _indicator(change: IndicatorChange, lang: str) -> dict[str, Any]:
    return {
        "id": change.id,
        "old_id": change.old_id,
        "short": localize(change.short, lang),
        "rubric_mark": change.rubric_mark,
        "comparable": change.comparable,
        "old": _answer(change.old_kind, change.old_level, change.old_value),
        "new": _answer(change.new_kind, change.new_level, change.new_value),
        "evidence_added": list(change.evidence_added),
        "evidence_removed": list(change.evidence_removed),
        "notes_changed": change.notes_changed,
    }


def _edition(entry: AssessmentDiff, side: str) -> Any:
    if getattr(entry, f"{side}_edition") is None:
        return None
    return {
        "edition": getattr(entry, f"{side}_edition"),
        "as_of": getattr(entry, f"{side}_as_of"),
        "path": getattr(entry, f"{side}_path"),
        "rubric": getattr(entry, f"{side}_rubric"),
        "status": getattr(entry, f"{side}_assessment_status"),
    }


def entry_to_dict(entry: AssessmentDiff, lang: str = "en") -> dict[str, Any]:
    return {
        "code": entry.code,
        "name": localize(entry.name, lang),
        "change": entry.change,
        "old": _edition(entry, "old"),
        "new": _edition(entry, "new"),
        "rubric_changed": entry.rubric_changed,
        "not_comparable": list(entry.not_comparable),
        "removed_indicators": list(entry.removed_indicators),
        "summary": _explain(entry, _json_words(), lang, 3),
        "overall": _score_change(entry.overall),
        "contributions": [_contribution(c, lang) for c in entry.contributions],
        "pillars": [
            {
                "id": p.id,
                "title": localize(p.title, lang),
                "aggregation": p.aggregation,
                "score": _score_change(p.score),
                "contributions": [_contribution(c, lang) for c in p.contributions],
                "indicators": [_indicator(i, lang) for i in p.indicators if i.changed],
            }
            for p in entry.pillars
        ],
    }


def diff_to_dict(changes: ChangeSet, lang: str = "en") -> dict[str, Any]:
    """The change set as JSON-ready data in a stable key order (schema: diff)."""
    counts = {kind: 0 for kind in ("added", "removed", "changed", "unchanged")}
    for entry in changes.entries:
        counts[entry.change] += 1
    return {
        "format": DIFF_FORMAT,
        "old": changes.old_label,
        "new": changes.new_label,
        "counts": counts,
        "entries": [entry_to_dict(e, lang) for e in changes.entries],
    }


def diff_to_json(changes: ChangeSet, lang: str = "en") -> str:
    return json.dumps(diff_to_dict(changes, lang), ensure_ascii=False, indent=2) + "\n"


# --- Markdown -------------------------------------------------------------------------------

_MD_SPECIAL = set("\\`*_[]<>|#!~&")


def md_escape(text: str) -> str:
    """Analyst text made inert in GFM, table cells included: markup characters are
    backslash-escaped and line breaks become spaces."""
    flat = " ".join(text.split())
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in flat)


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def diff_to_markdown(changes: ChangeSet, lang: str = "en", top: int = 5) -> str:
    """GFM for a pull-request comment or $GITHUB_STEP_SUMMARY: a summary table, then the
    details of each jurisdiction with its largest contributions."""
    t = translator(lang)
    heading = t("diff.heading", old=changes.old_label, new=changes.new_label)
    out = [f"## {md_escape(heading)}", ""]
    if not changes.entries:
        out += [md_escape(t("diff.none_md")), ""]
        return "\n".join(out)
    headers = [
        t("meta.jurisdiction"),
        t("meta.edition"),
        t("diff.col.overall"),
        "Δ",
        t("col.band"),
        t("diff.col.change"),
    ]
    out += [
        _md_row([md_escape(h) for h in headers]),
        _md_row(["---", "---", "---:", "---:", "---", "---"]),
    ]
    for entry in changes.entries:
        flag = _draft_flag(entry, t)
        out.append(
            _md_row(
                [
                    md_escape(f"{localize(entry.name, lang)} ({entry.code})"),
                    md_escape(_editions(entry, t)),
                    _transition(entry.overall, t),
                    _signed(entry.overall.delta, t),
                    md_escape(band_transition(entry.overall)),
                    md_escape(_change_word(entry.change, t) + (f" ({flag})" if flag else "")),
                ]
            )
        )
    for entry in changes.entries:
        out += ["", f"### {md_escape(_entry_title(entry, t, lang))}", ""]
        flag = _draft_flag(entry, t)
        if flag:
            out += [f"**{md_escape(flag)}**: {md_escape(t('diff.draft_note'))}", ""]
        sentence = _explain(entry, t, lang, top=1)
        out += [md_escape(sentence[0].upper() + sentence[1:]) + ".", ""]
        note = _rubric_note(entry, t)
        if note:
            out += [f"> {md_escape(note[0].upper() + note[1:])}.", ""]
        if entry.contributions:
            headers = [t("diff.col.contributions"), t("diff.col.delta_overall")]
            out += [_md_row([md_escape(h) for h in headers]), _md_row(["---", "---:"])]
            for line in entry.contributions[:top]:
                label = _contribution_label(line, t, lang)
                out.append(_md_row([md_escape(label), _signed(line.amount, t)]))
            if len(entry.contributions) > top:
                rest = sum((c.amount for c in entry.contributions[top:]), Fraction(0))
                more = t("diff.more", count=len(entry.contributions) - top)
                out.append(_md_row([md_escape(more), _signed(rest, t)]))
            out.append("")
        if entry.change in ("changed", "unchanged"):
            headers = [t("col.pillar"), t("col.score"), "Δ", t("col.band"), t("col.coverage")]
            out += [
                _md_row([md_escape(h) for h in headers]),
                _md_row(["---", "---:", "---:", "---", "---:"]),
            ]
            for p in entry.pillars:
                out.append(
                    _md_row(
                        [
                            md_escape(f"{localize(p.title, lang)} ({p.id})"),
                            _transition(p.score, t),
                            _signed(p.score.delta, t),
                            md_escape(band_transition(p.score)),
                            _coverage_transition(p.score, t),
                        ]
                    )
                )
            out.append("")
            changed = [i for p in entry.pillars for i in p.indicators if i.changed]
            if changed:
                headers = [t("col.indicator"), t("diff.col.what_changed")]
                out += [_md_row([md_escape(h) for h in headers]), _md_row(["---", "---"])]
                for i in changed:
                    label = f"{i.id} ({localize(i.short, lang)})"
                    summary = "; ".join(_indicator_summary(i, t))
                    out.append(_md_row([md_escape(label), md_escape(summary)]))
                out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --- terminal -------------------------------------------------------------------------------


def print_diff(changes: ChangeSet, lang: str = "en", console: Any = None, top: int = 5) -> None:
    """The change set as rich tables in the terminal; analyst text is never read as markup."""
    from rich.table import Table
    from rich.text import Text as RichText

    from scorecard.render.terminal import SafeConsole

    t = translator(lang)
    console = console or SafeConsole()
    if not changes.entries:
        console.print(t("diff.none", old=changes.old_label, new=changes.new_label), markup=False)
        return
    summary = Table(
        title=RichText(t("diff.heading", old=changes.old_label, new=changes.new_label)),
        title_justify="left",
    )
    for header, justify in (
        (t("meta.jurisdiction"), "left"),
        (t("diff.col.overall"), "right"),
        ("Δ", "right"),
        (t("col.band"), "left"),
        (t("diff.col.change"), "left"),
    ):
        summary.add_column(RichText(header), justify=justify)  # type: ignore[arg-type]
    for entry in changes.entries:
        delta = entry.overall.delta
        style = "green" if delta and delta > 0 else "red" if delta and delta < 0 else ""
        flag = _draft_flag(entry, t)
        summary.add_row(
            RichText(_entry_title(entry, t, lang)),
            _transition(entry.overall, t),
            RichText(_signed(delta, t), style=style),
            RichText(band_transition(entry.overall)),
            RichText(_change_word(entry.change, t) + (f" · {flag}" if flag else "")),
        )
    console.print(summary)
    for entry in changes.entries:
        console.print()
        console.print(RichText(_entry_title(entry, t, lang), style="bold"))
        console.print(RichText("  " + _explain(entry, t, lang, top=1)))
        note = _rubric_note(entry, t)
        if note:
            console.print(RichText("  " + note, style="yellow"))
        if entry.contributions:
            table = Table(show_header=True, box=None, padding=(0, 2))
            table.add_column(RichText("  " + t("diff.col.contributions")))
            table.add_column(RichText(t("diff.col.delta_overall")), justify="right")
            for line in entry.contributions[:top]:
                label = _contribution_label(line, t, lang)
                table.add_row(RichText("  " + label), _signed(line.amount, t))
            if len(entry.contributions) > top:
                rest = sum((c.amount for c in entry.contributions[top:]), Fraction(0))
                more = t("diff.more", count=len(entry.contributions) - top)
                table.add_row(RichText("  " + more), _signed(rest, t))
            console.print(table)
        if entry.change not in ("changed", "unchanged"):
            continue
        pillars = Table(box=None, padding=(0, 2))
        for header, justify in (
            ("  " + t("col.pillar"), "left"),
            (t("col.score"), "right"),
            ("Δ", "right"),
            (t("col.band"), "left"),
            (t("col.coverage"), "right"),
        ):
            pillars.add_column(RichText(header), justify=justify)  # type: ignore[arg-type]
        for p in entry.pillars:
            pillars.add_row(
                RichText(f"  {localize(p.title, lang)} ({p.id})"),
                _transition(p.score, t),
                _signed(p.score.delta, t),
                band_transition(p.score),
                _coverage_transition(p.score, t),
            )
        console.print(pillars)
        for i in (i for p in entry.pillars for i in p.indicators if i.changed):
            summary_text = "; ".join(_indicator_summary(i, t))
            console.print(RichText(f"  • {i.id}: {summary_text}"))


def diff_table(changes: ChangeSet, options: Options) -> str:
    """The `diff` table format."""
    from scorecard.render.terminal import capture

    return capture(lambda c: print_diff(changes, options.lang, c, top=options.top), options)


def diff_md(changes: ChangeSet, options: Options) -> str:
    """The `diff` Markdown format."""
    return diff_to_markdown(changes, options.lang, top=options.top)


def diff_json(changes: ChangeSet, options: Options) -> str:
    """The `diff` JSON document."""
    return diff_to_json(changes, options.lang)


def gate_message(dropped: Sequence[Drop], limit: Decimal, lang: str) -> str:
    """Why the CI gate failed: a heading and a line per drop, in `lang`."""
    t = translator(lang)
    lines = [t("diff.gate.heading", points=t.number(limit))]
    for drop in dropped:
        where = f"{drop.code} {drop.edition}"
        what = (
            t("diff.gate.overall", where=where)
            if drop.pillar is None
            else t("diff.gate.pillar", where=where, pillar=drop.pillar)
        )
        old = t.number(display(drop.old))
        if drop.kind == "fell":
            new = t.number(display(drop.new))
            points = t.number(display(drop.points))
            lines.append(t("diff.gate.fell", what=what, points=points, old=old, new=new))
        elif drop.kind == "withheld":
            lines.append(t("diff.gate.now_withheld", what=what, old=old))
        else:
            lines.append(t("diff.gate.now_na", what=what, old=old))
    return "\n  ".join(lines)
