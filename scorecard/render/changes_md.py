"""A change set as GitHub Flavored Markdown, for a pull request's comment or job summary."""

from __future__ import annotations

from fractions import Fraction

from scorecard.diff import ChangeSet
from scorecard.i18n import translator
from scorecard.model import localize
from scorecard.render.changes import (
    band_transition,
    change_word,
    contribution_label,
    coverage_transition,
    draft_flag,
    editions,
    entry_title,
    explain,
    indicator_summary,
    pillar_why,
    record_lines,
    rubric_note,
    shows_details,
    transition,
)
from scorecard.render.registry import Options
from scorecard.render.text import md_inline


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def diff_to_markdown(changes: ChangeSet, lang: str = "en", top: int = 5) -> str:
    """GFM for a pull-request comment or $GITHUB_STEP_SUMMARY: a summary table, then the
    details of each jurisdiction with its largest contributions."""
    t = translator(lang)
    heading = t("diff.heading", old=changes.old_label, new=changes.new_label)
    out = [f"## {md_inline(heading)}", ""]
    if not changes.entries:
        out += [md_inline(t("diff.none_md")), ""]
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
        _md_row([md_inline(h) for h in headers]),
        _md_row(["---", "---", "---:", "---:", "---", "---"]),
    ]
    for entry in changes.entries:
        flag = draft_flag(entry, t)
        out.append(
            _md_row(
                [
                    md_inline(f"{localize(entry.name, lang)} ({entry.code})"),
                    md_inline(editions(entry, t)),
                    transition(entry.overall, t),
                    t.signed(entry.overall.shown_delta),
                    md_inline(band_transition(entry.overall, entry, lang)),
                    md_inline(change_word(entry.change, t) + (f" ({flag})" if flag else "")),
                ]
            )
        )
    for entry in changes.entries:
        out += ["", f"### {md_inline(entry_title(entry, t, lang))}", ""]
        flag = draft_flag(entry, t)
        if flag:
            out += [f"**{md_inline(flag)}**: {md_inline(t('diff.draft_note'))}", ""]
        sentence = explain(entry, t, lang, top=1)
        out += [md_inline(sentence[0].upper() + sentence[1:]) + ".", ""]
        note = rubric_note(entry, t)
        if note:
            out += [f"> {md_inline(note[0].upper() + note[1:])}.", ""]
        records = record_lines(entry, t)
        if records:
            out += [f"- {md_inline(line)}" for line in records] + [""]
        if entry.contributions:
            headers = [t("diff.col.contributions"), t("diff.col.delta_overall")]
            out += [_md_row([md_inline(h) for h in headers]), _md_row(["---", "---:"])]
            for line in entry.contributions[:top]:
                label = contribution_label(line, t, lang)
                out.append(_md_row([md_inline(label), t.signed(line.amount, rule=entry.display)]))
            if len(entry.contributions) > top:
                rest = sum((c.amount for c in entry.contributions[top:]), Fraction(0))
                more = t("diff.more", count=len(entry.contributions) - top)
                out.append(_md_row([md_inline(more), t.signed(rest, rule=entry.display)]))
            out.append("")
        why = pillar_why(entry, t, lang)
        if why and not entry.contributions:
            headers = [t("col.pillar"), t("diff.col.contributions"), "Δ"]
            out += [_md_row([md_inline(h) for h in headers]), _md_row(["---", "---", "---:"])]
            out += [_md_row([md_inline(p), md_inline(label), amount]) for p, label, amount in why]
            out.append("")
        if shows_details(entry):
            headers = [t("col.pillar"), t("col.score"), "Δ", t("col.band"), t("col.coverage")]
            out += [
                _md_row([md_inline(h) for h in headers]),
                _md_row(["---", "---:", "---:", "---", "---:"]),
            ]
            for p in entry.pillars:
                out.append(
                    _md_row(
                        [
                            md_inline(f"{localize(p.title, lang)} ({p.id})"),
                            transition(p.score, t),
                            t.signed(p.score.shown_delta),
                            md_inline(band_transition(p.score, entry, lang)),
                            coverage_transition(p.score, t),
                        ]
                    )
                )
            out.append("")
            changed = [i for p in entry.pillars for i in p.indicators if i.changed]
            if changed:
                headers = [t("col.indicator"), t("diff.col.what_changed")]
                out += [_md_row([md_inline(h) for h in headers]), _md_row(["---", "---"])]
                for i in changed:
                    label = f"{i.id} ({localize(i.short, lang)})"
                    summary = "; ".join(indicator_summary(i, t))
                    out.append(_md_row([md_inline(label), md_inline(summary)]))
                out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --- terminal -------------------------------------------------------------------------------


def diff_md(changes: ChangeSet, options: Options) -> str:
    """The `diff` Markdown format."""
    return diff_to_markdown(changes, options.lang, top=options.top)
