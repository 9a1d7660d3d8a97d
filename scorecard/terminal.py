"""Rich views for the terminal: score tables and the rubric tree. Only the CLI calls these."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from scorecard.i18n import Translator, translator
from scorecard.model import Rubric, localize
from scorecard.scoring import PillarResult, Result, display

BAR_WIDTH = 12


def bar(value: Fraction | None, width: int = BAR_WIDTH) -> str:
    """A text bar for a 0-100 value: full blocks, a partial block, then light shade."""
    if value is None:
        return ""
    eighths = int(value * width * 8 / 100)
    full, part = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[part] if part else ""
    return ("█" * full + partial).ljust(width, "░")[:width]


def _score_cell(
    t: Translator, rubric: Rubric, status: str, score: Fraction | None, band: str | None
) -> Text:
    if status == "scored":
        return Text(f"{t.number(display(score))}  {rubric.band_label(band, t.lang)}")
    if status == "withheld":
        return Text(t("score.withheld"), style="yellow")
    return Text(t("score.na_short"), style="dim")


def _flags(t: Translator, pillar: PillarResult) -> str:
    c = pillar.counts
    flags = []
    if pillar.pillar.aggregation == "min" and pillar.status == "scored":
        # The method reports a weakest-link pillar's weighted mean beside its score.
        flags.append(t("terminal.mean", value=t.number(display(pillar.mean))))
    if c.not_found:
        flags.append(t("terminal.flag.not_found", count=c.not_found))
    if c.insufficient + c.unanswered:
        flags.append(t("terminal.flag.insufficient", count=c.insufficient + c.unanswered))
    if c.na:
        flags.append(t("terminal.flag.na", count=c.na))
    return ", ".join(flags)


def _reason(t: Translator, coverage: Fraction | None, rubric: Rubric) -> str:
    return t("reason.withheld", coverage=t.share(coverage), minimum=t.share(rubric.min_coverage))


def print_scores(
    results: Sequence[Result], lang: str = "en", console: Console | None = None
) -> None:
    """One table per result: pillars with weight, score and band, a bar, coverage and flags."""
    console = console or Console(highlight=False)
    t = translator(lang)
    for result in results:
        a = result.assessment
        banner = (
            f"{localize(a.name, lang)} ({a.code}) · {t('meta.edition')} {a.edition} · "
            f"{t('meta.as_of')} {t.date(a.as_of)} · {result.rubric.ref}"
        )
        if a.status in ("example", "draft"):
            banner += f" · {t(f'status.{a.status}').upper()}"
        table = Table(title=banner, title_justify="left", show_lines=False)
        table.add_column(t("col.pillar"), ratio=3)
        table.add_column(t("col.weight"), justify="right")
        table.add_column(t("col.score"), justify="right", no_wrap=True)
        table.add_column("", no_wrap=True)
        table.add_column(t("col.coverage"), justify="right")
        table.add_column(t("col.flags"), ratio=2)
        for pillar in result.pillars:
            label = localize(pillar.pillar.title, lang)
            if pillar.pillar.aggregation == "min":
                label += f" ({t('aggregation.min').lower()})"
            table.add_row(
                label,
                t.number(display(pillar.pillar.weight, 2)),
                _score_cell(t, result.rubric, pillar.status, pillar.score, pillar.band),
                bar(pillar.score),
                t.share(pillar.coverage),
                _flags(t, pillar),
            )
        table.add_section()
        table.add_row(
            Text(t("overall.heading"), style="bold"),
            "",
            _score_cell(t, result.rubric, result.status, result.overall, result.band),
            bar(result.overall),
            t.share(result.coverage),
            "",
        )
        console.print(table)
        for pillar in result.pillars:
            if pillar.status == "withheld":
                title = localize(pillar.pillar.title, lang)
                console.print(
                    f"  {title}: {_reason(t, pillar.coverage, result.rubric)}", style="yellow"
                )
        if result.status == "withheld":
            console.print(
                f"  {t('overall.heading')}: {_reason(t, result.coverage, result.rubric)}",
                style="yellow",
            )
        c = result.counts
        counts = t(
            "overall.counts",
            scored=c.scored,
            not_found=c.not_found,
            na=c.na,
            insufficient=c.insufficient,
            unanswered=c.unanswered,
        )
        evidence = t("overall.evidence_coverage", value=t.share(result.evidence_coverage))
        console.print(f"  {counts} · {evidence}", style="dim")


def print_rubric(rubric: Rubric, lang: str = "en", console: Console | None = None) -> None:
    """The rubric as a tree: bands, pillars, indicators and their levels."""
    console = console or Console(highlight=False)
    t = translator(lang)
    tree = Tree(
        f"[bold]{localize(rubric.title, lang)}[/] ({rubric.ref}) · "
        + t("terminal.min_coverage", value=t.share(rubric.min_coverage))
    )
    bands = tree.add(t("method.bands"))
    for band in rubric.bands:
        low, high = t.number(display(band.min)), t.number(display(band.max))
        bands.add(f"{localize(band.label, lang)}: {low}–{high}")
    for pillar in rubric.pillars:
        node = tree.add(
            f"[bold]{pillar.id}[/] {localize(pillar.title, lang)} · {t('col.weight').lower()} "
            f"{t.number(display(pillar.weight, 2))} · {t(f'aggregation.{pillar.aggregation}')}"
        )
        for ind in pillar.indicators:
            mark = f" [{ind.change}]" if ind.change != "unchanged" else ""
            allowed = f" · {t('terminal.na_allowed')}" if ind.na_allowed else ""
            leaf = node.add(
                f"{ind.id} {localize(ind.short, lang)} · {t('col.weight').lower()} "
                f"{t.number(display(ind.weight, 2))}{allowed}{mark}"
            )
            for level in ind.levels:
                leaf.add(
                    f"{t.number(display(level.value))} {level.id}: "
                    f"{localize(level.descriptor, lang)}"
                )
    console.print(tree)
