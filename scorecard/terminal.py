"""Rich views for the terminal: score tables and the rubric tree. Only the CLI calls these."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from scorecard.model import Rubric, localize
from scorecard.scoring import PillarResult, Result, display, percent

BAR_WIDTH = 20


def bar(value: Fraction | None, width: int = BAR_WIDTH) -> str:
    """A text bar for a 0-100 value: full blocks, a partial block, then light shade."""
    if value is None:
        return ""
    eighths = int(value * width * 8 / 100)
    full, part = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[part] if part else ""
    return ("█" * full + partial).ljust(width, "░")[:width]


def _score_cell(status: str, score: Fraction | None, band: str | None, reason: str | None) -> Text:
    if status == "scored":
        return Text(f"{display(score)}  {band}")
    if status == "withheld":
        return Text("withheld", style="yellow")
    return Text("n/a", style="dim")


def _flags(pillar: PillarResult) -> str:
    c = pillar.counts
    flags = []
    if pillar.pillar.aggregation == "min" and pillar.status == "scored":
        # The method reports a weakest-link pillar's weighted mean beside its score.
        flags.append(f"mean {display(pillar.mean)}")
    if c.not_found:
        flags.append(f"{c.not_found} not found")
    if c.insufficient + c.unanswered:
        flags.append(f"{c.insufficient + c.unanswered} insufficient")
    if c.na:
        flags.append(f"{c.na} n/a")
    return ", ".join(flags)


def print_scores(
    results: Sequence[Result], lang: str = "en", console: Console | None = None
) -> None:
    console = console or Console(highlight=False)
    for result in results:
        a = result.assessment
        banner = (
            f"{localize(a.name, lang)} ({a.code}) · edition {a.edition} · as of {a.as_of}"
            f" · {result.rubric.ref}"
        )
        if a.status in ("example", "draft"):
            banner += f" · {a.status.upper()}"
        table = Table(title=banner, title_justify="left", show_lines=False)
        table.add_column("Pillar")
        table.add_column("Weight", justify="right")
        table.add_column("Score", justify="right")
        table.add_column("", no_wrap=True)
        table.add_column("Coverage", justify="right")
        table.add_column("Flags")
        for pillar in result.pillars:
            label = localize(pillar.pillar.title, lang)
            if pillar.pillar.aggregation == "min":
                label += " (weakest link)"
            table.add_row(
                label,
                str(display(pillar.pillar.weight, 2)),
                _score_cell(pillar.status, pillar.score, pillar.band, pillar.reason),
                bar(pillar.score),
                f"{percent(pillar.coverage)}%" if pillar.coverage is not None else "",
                _flags(pillar),
            )
        table.add_section()
        table.add_row(
            Text("Overall", style="bold"),
            "",
            _score_cell(result.status, result.overall, result.band, result.reason),
            bar(result.overall),
            f"{percent(result.coverage)}%" if result.coverage is not None else "",
            "",
        )
        console.print(table)
        for pillar in result.pillars:
            if pillar.reason and pillar.status == "withheld":
                console.print(f"  {pillar.id}: {pillar.reason}", style="yellow")
        if result.reason:
            console.print(f"  overall: {result.reason}", style="yellow")
        c = result.counts
        console.print(
            f"  answers: {c.scored} scored, {c.not_found} not found, {c.na} n/a, "
            f"{c.insufficient} insufficient, {c.unanswered} unanswered · evidence coverage "
            f"{percent(result.evidence_coverage)}%",
            style="dim",
        )


def print_rubric(rubric: Rubric, lang: str = "en", console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    tree = Tree(
        f"[bold]{localize(rubric.title, lang)}[/] ({rubric.ref}) · min coverage "
        f"{percent(rubric.min_coverage)}%"
    )
    bands = tree.add("Bands")
    for band in rubric.bands:
        bands.add(f"{localize(band.label, lang)}: {display(band.min)}–{display(band.max)}")
    for pillar in rubric.pillars:
        node = tree.add(
            f"[bold]{pillar.id}[/] {localize(pillar.title, lang)} · weight "
            f"{display(pillar.weight, 2)} · {pillar.aggregation}"
        )
        for ind in pillar.indicators:
            mark = f" [{ind.change}]" if ind.change != "unchanged" else ""
            leaf = node.add(
                f"{ind.id} {localize(ind.short, lang)} · weight {display(ind.weight, 2)}"
                f"{' · n/a allowed' if ind.na_allowed else ''}{mark}"
            )
            for level in ind.levels:
                leaf.add(f"{display(level.value)} {level.id}: {localize(level.descriptor, lang)}")
    console.print(tree)
