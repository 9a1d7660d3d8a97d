"""A change set as tables in the terminal: tables on a wide terminal, and under
`terminal.WIDE` columns (CI logs, pipes, 80 columns and narrower) one block per jurisdiction
and per pillar, each name on its own line and its figures below, so no row breaks apart."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from scorecard.diff import AssessmentDiff, ChangeSet
from scorecard.i18n import Translator, translator
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
    """The change set in the terminal; analyst text is never read as markup."""
    from scorecard.render.terminal import WIDE, SafeConsole, indented

    t = translator(lang)
    console = console or SafeConsole()
    if not changes.entries:
        indented(console, t("diff.none", old=changes.old_label, new=changes.new_label), indent=0)
        return
    narrow = console.width < WIDE
    if narrow:
        _print_summary_stacked(console, changes, t, lang)
    else:
        _print_summary_table(console, changes, t, lang)
    for entry in changes.entries:
        console.print()
        indented(console, entry_title(entry, t, lang), style="bold", indent=0)
        indented(console, explain(entry, t, lang, top=1))
        note = rubric_note(entry, t)
        if note:
            indented(console, note, style="yellow")
        for record in record_lines(entry, t):
            _bullet(console, record)
        if entry.contributions:
            _print_contributions(console, entry, t, lang, top, narrow)
        else:
            for pillar, label, amount in pillar_why(entry, t, lang):
                indented(console, f"{pillar}: {label} {amount}")
        if not shows_details(entry):
            continue
        if narrow:
            _print_pillars_stacked(console, entry, t, lang)
        else:
            _print_pillars_table(console, entry, t, lang)
        for i in (i for p in entry.pillars for i in p.indicators if i.changed):
            _bullet(console, f"{i.id}: " + "; ".join(indicator_summary(i, t)))


def _bullet(console: Any, text: str) -> None:
    """A bullet whose wrapped lines are indented under its text (a hanging indent)."""
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text as RichText

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("•", RichText(text))
    console.print(Padding(grid, (0, 0, 0, 2)))


def _style(entry: AssessmentDiff) -> str:
    delta = entry.overall.shown_delta
    return "green" if delta and delta > 0 else "red" if delta and delta < 0 else ""


def _print_summary_table(console: Any, changes: ChangeSet, t: Translator, lang: str) -> None:
    """A wide terminal's summary: one row per jurisdiction."""
    from rich.table import Table
    from rich.text import Text as RichText

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
        flag = draft_flag(entry, t)
        summary.add_row(
            RichText(entry_title(entry, t, lang)),
            transition(entry.overall, t),
            RichText(t.signed(entry.overall.shown_delta), style=_style(entry)),
            RichText(band_transition(entry.overall, entry, lang)),
            RichText(change_word(entry.change, t) + (f" · {flag}" if flag else "")),
        )
    console.print(summary)


def _print_summary_stacked(console: Any, changes: ChangeSet, t: Translator, lang: str) -> None:
    """A narrow terminal's summary: each jurisdiction on its line, its figures below."""
    from rich.padding import Padding
    from rich.text import Text as RichText

    from scorecard.render.terminal import indented

    indented(console, t("diff.heading", old=changes.old_label, new=changes.new_label), indent=0)
    for entry in changes.entries:
        indented(console, entry_title(entry, t, lang), indent=2)
        line = RichText(f"{t('diff.col.overall').lower()} {transition(entry.overall, t)}")
        delta = t.signed(entry.overall.shown_delta)
        if delta:
            line.append(" · Δ ")
            line.append(delta, style=_style(entry))
        band = band_transition(entry.overall, entry, lang)
        if band:
            line.append(f" · {t('col.band').lower()} {band}")
        flag = draft_flag(entry, t)
        line.append(f" · {change_word(entry.change, t)}" + (f" · {flag}" if flag else ""))
        console.print(Padding(line, (0, 0, 0, 4)))


def _print_contributions(
    console: Any, entry: AssessmentDiff, t: Translator, lang: str, top: int, narrow: bool
) -> None:
    """The largest contributions: label then amount on a wide terminal; amount first on a
    narrow one, so a label that wraps stays in one piece."""
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text as RichText

    rows = [
        (contribution_label(line, t, lang), t.signed(line.amount, rule=entry.display))
        for line in entry.contributions[:top]
    ]
    if len(entry.contributions) > top:
        rest = sum((c.amount for c in entry.contributions[top:]), Fraction(0))
        rows.append(
            (
                t("diff.more", count=len(entry.contributions) - top),
                t.signed(rest, rule=entry.display),
            )
        )
    table = Table(show_header=True, box=None, padding=(0, 2))
    label, amount = RichText(t("diff.col.contributions")), RichText(t("diff.col.delta_overall"))
    if narrow:
        table.padding = (0, 1)
        table.add_column(amount, justify="right", no_wrap=True)
        table.add_column(label)
        for text, value in rows:
            table.add_row(value, RichText(text))
    else:
        table.add_column(label)
        table.add_column(amount, justify="right", no_wrap=True)
        for text, value in rows:
            table.add_row(RichText(text), value)
    console.print(Padding(table, (0, 0, 0, 2)))


def _print_pillars_table(console: Any, entry: AssessmentDiff, t: Translator, lang: str) -> None:
    """A wide terminal's pillars: one row each."""
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text as RichText

    pillars = Table(box=None, padding=(0, 2))
    for header, justify in (
        (t("col.pillar"), "left"),
        (t("col.score"), "right"),
        ("Δ", "right"),
        (t("col.band"), "left"),
        (t("col.coverage"), "right"),
    ):
        pillars.add_column(RichText(header), justify=justify)  # type: ignore[arg-type]
    for p in entry.pillars:
        pillars.add_row(
            RichText(f"{localize(p.title, lang)} ({p.id})"),
            transition(p.score, t),
            t.signed(p.score.shown_delta),
            band_transition(p.score, entry, lang),
            coverage_transition(p.score, t),
        )
    console.print(Padding(pillars, (0, 0, 0, 2)))


def _print_pillars_stacked(console: Any, entry: AssessmentDiff, t: Translator, lang: str) -> None:
    """A narrow terminal's pillars: each title on its own line(s), whole, its figures below."""
    from scorecard.render.terminal import indented

    indented(console, t("col.pillar"), style="bold", indent=2)
    for p in entry.pillars:
        indented(console, f"{localize(p.title, lang)} ({p.id})", indent=2)
        parts = [f"{t('col.score').lower()} {transition(p.score, t)}"]
        delta = t.signed(p.score.shown_delta)
        if delta:
            parts.append(f"Δ {delta}")
        band = band_transition(p.score, entry, lang)
        if band:
            parts.append(f"{t('col.band').lower()} {band}")
        coverage = coverage_transition(p.score, t)
        if coverage:
            parts.append(f"{t('col.coverage').lower()} {coverage}")
        indented(console, " · ".join(parts), indent=4)


def diff_table(changes: ChangeSet, options: Options) -> str:
    """The `diff` table format."""
    from scorecard.render.terminal import capture

    text = capture(lambda c: print_diff(changes, options.lang, c, top=options.top), options)
    # Blocks are padded to the width; a log or a pipe needs no trailing blanks.
    return "".join(line.rstrip(" ") + "\n" for line in text.splitlines())
