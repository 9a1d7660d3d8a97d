"""Diff output: a rich terminal view, GitHub Flavored Markdown and a JSON document
(schema: diff). Formatters return strings (or print to a given Console); the CLI decides
where they go. Numbers are rounded once, here, for display."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

from scorecard.diff import AssessmentDiff, ChangeSet, Contribution, IndicatorChange, ScoreChange
from scorecard.model import localize
from scorecard.scoring import display, percent

DIFF_FORMAT = "transparency-scorecard/diff@1"
MINUS = "−"  # U+2212, so a negative change reads as one in prose and tables


# --- shared wording -------------------------------------------------------------------------


def signed(value: Fraction | None) -> str:
    """A change rounded once: +7.8, −8.9, 0.0; empty when there is none."""
    shown = display(value)
    if shown is None:
        return ""
    if shown > 0:
        return f"+{shown}"
    if shown < 0:
        return f"{MINUS}{-shown}"
    return "0.0"


def score_text(status: str | None, value: Fraction | None) -> str:
    """A score as compared: the number when scored, else what it is — never a zero."""
    if status is None:
        return "absent"
    if status == "scored":
        return str(display(value))
    return "withheld" if status == "withheld" else "n/a"


def transition(change: ScoreChange) -> str:
    """ "46.7 → 54.4", "withheld → 45.0", or one side when the other is absent."""
    old = score_text(change.old_status, change.old)
    new = score_text(change.new_status, change.new)
    if change.old_status is None:
        return new
    if change.new_status is None:
        return old
    return f"{old} → {new}"


def band_transition(change: ScoreChange) -> str:
    if change.old_band == change.new_band:
        return change.new_band or ""
    return f"{change.old_band or '—'} → {change.new_band or '—'}"


def coverage_transition(change: ScoreChange) -> str:
    old, new = percent(change.old_coverage), percent(change.new_coverage)
    if old == new:
        return f"{new}%" if new is not None else ""
    return f"{old if old is not None else '—'}% → {new if new is not None else '—'}%"


def contribution_label(line: Contribution, lang: str) -> str:
    """What a contribution line is, in words."""
    where = f"{localize(line.label, lang)} ({line.pillar})" if line.pillar else ""
    if line.kind == "indicator":
        return f"{line.indicator} ({localize(line.label, lang)})"
    if line.kind == "weakest_link":
        old, new = ", ".join(line.minimum_old), ", ".join(line.minimum_new)
        setter = old if old == new else f"{old or '—'} → {new or '—'}"
        return f"{where} weakest link (minimum set by {setter})"
    if line.kind == "coverage":
        if line.pillar is None:
            return "change in which pillars are scored (coverage)"
        return f"change in what is scored in {where} (coverage)"
    if line.pillar is None:
        return "rubric change: pillars or their weights (not comparable)"
    return f"rubric change in {where}: new, revised or reweighted indicators (not comparable)"


def entry_title(entry: AssessmentDiff, lang: str) -> str:
    name = f"{localize(entry.name, lang)} ({entry.code})"
    if entry.change == "added":
        return f"{name} {entry.new_edition} (added)"
    if entry.change == "removed":
        return f"{name} {entry.old_edition} (removed)"
    if entry.old_edition == entry.new_edition:
        return f"{name} {entry.new_edition}"
    return f"{name} {entry.old_edition} → {entry.new_edition}"


def explain(entry: AssessmentDiff, lang: str = "en", top: int = 3) -> str:
    """One sentence: "overall −6.2 (48.3 → 42.1), of which −4.1 from …"."""
    delta = entry.overall.delta
    head = f"overall {transition(entry.overall)}"
    if delta is None:
        return head
    head = f"overall {signed(delta)} ({transition(entry.overall)})"
    parts = [f"{signed(c.amount)} from {contribution_label(c, lang)}" for c in entry.contributions]
    if not parts or top <= 0:
        return head
    more = len(parts) - top
    listed = "; ".join(parts[:top]) + (f"; and {more} more" if more > 0 else "")
    return f"{head}, of which {listed}"


def rubric_note(entry: AssessmentDiff) -> str | None:
    """ "rubric changed 1.0 → 1.1: 2 indicators not comparable (…)", when it did."""
    if not entry.rubric_changed:
        return None
    count = len(entry.not_comparable)
    note = f"rubric changed {entry.old_rubric} → {entry.new_rubric}: {count} indicator"
    note += "s" if count != 1 else ""
    note += " not comparable"
    if count:
        note += f" ({', '.join(entry.not_comparable)})"
    if entry.removed_indicators:
        note += f"; removed: {', '.join(entry.removed_indicators)}"
    return note


def answer_text(kind: str | None, level: str | None) -> str:
    if kind is None:
        return "—"
    return f"level {level}" if kind == "level" else kind


def indicator_summary(change: IndicatorChange) -> list[str]:
    """The parts of an indicator's change, in words."""
    parts = []
    if change.rubric_mark in ("revised", "new", "removed"):
        parts.append(f"{change.rubric_mark} in the rubric (not comparable)")
    if change.old_id and change.old_id != change.id:
        parts.append(f"replaces {change.old_id}")
    if (change.old_kind, change.old_level) != (change.new_kind, change.new_level):
        after = answer_text(change.new_kind, change.new_level)
        if change.new_text:
            after += f" ({change.new_text})"
        parts.append(f"{answer_text(change.old_kind, change.old_level)} → {after}")
    if change.old_value != change.new_value and change.old_kind and change.new_kind:
        old = display(change.old_value) if change.old_value is not None else "no value"
        new = display(change.new_value) if change.new_value is not None else "no value"
        parts.append(f"value {old} → {new}")
    if change.evidence_added:
        parts.append("evidence added: " + ", ".join(change.evidence_added))
    if change.evidence_removed:
        parts.append("evidence removed: " + ", ".join(change.evidence_removed))
    if change.notes_changed:
        parts.append("notes changed")
    return parts


def draft_flag(entry: AssessmentDiff) -> str:
    status = entry.new_assessment_status or entry.old_assessment_status
    return status.upper() if status in ("draft", "example") else ""


# --- JSON -----------------------------------------------------------------------------------


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
        "label": contribution_label(line, lang),
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
        "summary": explain(entry, lang),
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
    out = [f"## Score changes: {md_escape(changes.old_label)} → {md_escape(changes.new_label)}", ""]
    if not changes.entries:
        out += ["No assessment differs.", ""]
        return "\n".join(out)
    out += [
        _md_row(["Jurisdiction", "Edition", "Overall", "Δ", "Band", "Change"]),
        _md_row(["---", "---", "---:", "---:", "---", "---"]),
    ]
    for entry in changes.entries:
        editions = entry_title(entry, lang).removeprefix(
            f"{localize(entry.name, lang)} ({entry.code}) "
        )
        out.append(
            _md_row(
                [
                    md_escape(f"{localize(entry.name, lang)} ({entry.code})"),
                    md_escape(editions),
                    transition(entry.overall),
                    signed(entry.overall.delta),
                    md_escape(band_transition(entry.overall)),
                    entry.change + (f" ({draft_flag(entry)})" if draft_flag(entry) else ""),
                ]
            )
        )
    for entry in changes.entries:
        out += ["", f"### {md_escape(entry_title(entry, lang))}", ""]
        if draft_flag(entry):
            out += [f"**{draft_flag(entry)}**: not a reviewed, published assessment.", ""]
        sentence = explain(entry, lang, top=1)
        out += [md_escape(sentence[0].upper() + sentence[1:]) + ".", ""]
        note = rubric_note(entry)
        if note:
            out += [f"> {md_escape(note[0].upper() + note[1:])}.", ""]
        if entry.contributions:
            out += [_md_row(["Largest contributions", "Δ overall"]), _md_row(["---", "---:"])]
            for line in entry.contributions[:top]:
                out.append(
                    _md_row([md_escape(contribution_label(line, lang)), signed(line.amount)])
                )
            if len(entry.contributions) > top:
                rest = sum((c.amount for c in entry.contributions[top:]), Fraction(0))
                out.append(_md_row([f"{len(entry.contributions) - top} more", signed(rest)]))
            out.append("")
        if entry.change in ("changed", "unchanged"):
            out += [
                _md_row(["Pillar", "Score", "Δ", "Band", "Coverage"]),
                _md_row(["---", "---:", "---:", "---", "---:"]),
            ]
            for p in entry.pillars:
                out.append(
                    _md_row(
                        [
                            md_escape(f"{localize(p.title, lang)} ({p.id})"),
                            transition(p.score),
                            signed(p.score.delta),
                            md_escape(band_transition(p.score)),
                            coverage_transition(p.score),
                        ]
                    )
                )
            out.append("")
            changed = [i for p in entry.pillars for i in p.indicators if i.changed]
            if changed:
                out += [_md_row(["Indicator", "What changed"]), _md_row(["---", "---"])]
                for i in changed:
                    label = f"{i.id} ({localize(i.short, lang)})"
                    out.append(
                        _md_row([md_escape(label), md_escape("; ".join(indicator_summary(i)))])
                    )
                out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --- terminal -------------------------------------------------------------------------------


def print_diff(changes: ChangeSet, lang: str = "en", console: Any = None, top: int = 5) -> None:
    """The change set as rich tables in the terminal; analyst text is never read as markup."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text as RichText

    console = console or Console(highlight=False)
    if not changes.entries:
        console.print(
            f"No differences between {changes.old_label} and {changes.new_label}.", markup=False
        )
        return
    summary = Table(
        title=f"Score changes: {changes.old_label} → {changes.new_label}", title_justify="left"
    )
    for header, justify in (
        ("Jurisdiction", "left"),
        ("Overall", "right"),
        ("Δ", "right"),
        ("Band", "left"),
        ("Change", "left"),
    ):
        summary.add_column(header, justify=justify)  # type: ignore[arg-type]
    for entry in changes.entries:
        delta = entry.overall.delta
        style = "green" if delta and delta > 0 else "red" if delta and delta < 0 else ""
        summary.add_row(
            RichText(entry_title(entry, lang)),
            transition(entry.overall),
            RichText(signed(delta), style=style),
            RichText(band_transition(entry.overall)),
            entry.change + (f" · {draft_flag(entry)}" if draft_flag(entry) else ""),
        )
    console.print(summary)
    for entry in changes.entries:
        console.print()
        console.print(RichText(entry_title(entry, lang), style="bold"))
        console.print(RichText("  " + explain(entry, lang, top=1)))
        note = rubric_note(entry)
        if note:
            console.print(RichText("  " + note, style="yellow"))
        if entry.contributions:
            table = Table(show_header=True, box=None, padding=(0, 2))
            table.add_column("  Largest contributions")
            table.add_column("Δ overall", justify="right")
            for line in entry.contributions[:top]:
                table.add_row(RichText("  " + contribution_label(line, lang)), signed(line.amount))
            if len(entry.contributions) > top:
                rest = sum((c.amount for c in entry.contributions[top:]), Fraction(0))
                table.add_row(f"  {len(entry.contributions) - top} more", signed(rest))
            console.print(table)
        if entry.change not in ("changed", "unchanged"):
            continue
        pillars = Table(box=None, padding=(0, 2))
        for header in ("  Pillar", "Score", "Δ", "Band", "Coverage"):
            pillars.add_column(
                header, justify="left" if header in ("  Pillar", "Band") else "right"
            )
        for p in entry.pillars:
            pillars.add_row(
                RichText(f"  {localize(p.title, lang)} ({p.id})"),
                transition(p.score),
                signed(p.score.delta),
                band_transition(p.score),
                coverage_transition(p.score),
            )
        console.print(pillars)
        for i in (i for p in entry.pillars for i in p.indicators if i.changed):
            console.print(RichText(f"  • {i.id}: " + "; ".join(indicator_summary(i))))


FORMATTERS: dict[str, Callable[[ChangeSet, str], str]] = {
    "md": diff_to_markdown,
    "json": diff_to_json,
}
