"""A change set as tables in the terminal."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from scorecard.diff import ChangeSet
from scorecard.i18n import translator
from scorecard.model import localize
from scorecard.render.changes import (
    band_transition,
    change_word,
    contribution_label,
    coverage_transition,
    draft_flag,
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
        delta = entry.overall.shown_delta
        style = "green" if delta and delta > 0 else "red" if delta and delta < 0 else ""
        flag = draft_flag(entry, t)
        summary.add_row(
            RichText(entry_title(entry, t, lang)),
            transition(entry.overall, t),
            RichText(t.signed(delta), style=style),
            RichText(band_transition(entry.overall, entry, lang)),
            RichText(change_word(entry.change, t) + (f" · {flag}" if flag else "")),
        )
    console.print(summary)
    for entry in changes.entries:
        console.print()
        console.print(RichText(entry_title(entry, t, lang), style="bold"))
        console.print(RichText("  " + explain(entry, t, lang, top=1)))
        note = rubric_note(entry, t)
        if note:
            console.print(RichText("  " + note, style="yellow"))
        for record in record_lines(entry, t):
            console.print(RichText("  • " + record))
        if entry.contributions:
            table = Table(show_header=True, box=None, padding=(0, 2))
            table.add_column(RichText("  " + t("diff.col.contributions")))
            table.add_column(RichText(t("diff.col.delta_overall")), justify="right")
            for line in entry.contributions[:top]:
                label = contribution_label(line, t, lang)
                table.add_row(RichText("  " + label), t.signed(line.amount, rule=entry.display))
            if len(entry.contributions) > top:
                rest = sum((c.amount for c in entry.contributions[top:]), Fraction(0))
                more = t("diff.more", count=len(entry.contributions) - top)
                table.add_row(RichText("  " + more), t.signed(rest, rule=entry.display))
            console.print(table)
        if not entry.contributions:
            for pillar, label, amount in pillar_why(entry, t, lang):
                console.print(RichText(f"  {pillar}: {label} {amount}"))
        if not shows_details(entry):
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
                transition(p.score, t),
                t.signed(p.score.shown_delta),
                band_transition(p.score, entry, lang),
                coverage_transition(p.score, t),
            )
        console.print(pillars)
        for i in (i for p in entry.pillars for i in p.indicators if i.changed):
            summary_text = "; ".join(indicator_summary(i, t))
            console.print(RichText(f"  • {i.id}: {summary_text}"))


def diff_table(changes: ChangeSet, options: Options) -> str:
    """The `diff` table format."""
    from scorecard.render.terminal import capture

    return capture(lambda c: print_diff(changes, options.lang, c, top=options.top), options)
