"""Rich views for the terminal: score tables and the rubric tree, and the one console every
terminal format draws on (analyst text is never read as markup, control characters never
reach the terminal)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import Any

from rich.console import Console
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from scorecard.i18n import Translator, translator
from scorecard.model import Display, Rubric, localize
from scorecard.render import words
from scorecard.render.registry import Options
from scorecard.scoring import PillarResult, Result, display, plain, shown

BAR_WIDTH = 12
WIDE = 100  # narrower terminals get one block per pillar instead of a table

# C0 controls but tab and newline, DEL, C1 controls: ESC sequences in a name or title could
# clear the screen, set the window title or write the clipboard (OSC 52).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """`text` with every control character but tab and newline replaced by U+FFFD."""
    return _CONTROL.sub("\ufffd", text)


class SafeConsole(Console):
    """A Rich console that reads no markup or emoji codes in strings and strips control
    characters from them: analyst text is printed as written, never interpreted."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(markup=False, emoji=False, highlight=False, **kwargs)

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        # Every segment of text passes here on its way out, whatever built it (a string, a
        # Text, a table cell); Rich's own styles are added after, so they survive.
        safe = (s if s.control else Segment(terminal_safe(s.text), s.style) for s in buffer)
        return str(super()._render_buffer(safe))


def capture(draw: Callable[[Console], None], options: Options) -> str:
    """What `draw` prints, as text laid out for `options.width` columns; ANSI styles only when
    `options.color` (an interactive terminal)."""
    buffer = io.StringIO()
    console = SafeConsole(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        soft_wrap=False,
    )
    draw(console)
    return buffer.getvalue()


def scores_table(results: Iterable[Result], options: Options) -> str:
    """The `score` table format."""
    return capture(lambda console: print_scores(list(results), options.lang, console), options)


def rubric_tree(rubric: Rubric, options: Options) -> str:
    """The `rubric show` tree."""
    return capture(lambda console: print_rubric(rubric, options.lang, console), options)


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
        return Text(
            f"{t.score(status, score, rule=rubric.display)}  {rubric.band_label(band, t.lang)}"
        )
    if status == "withheld":
        return Text(t("score.withheld"), style="yellow")
    return Text(t("score.na_short"), style="dim")


def _flags(t: Translator, pillar: PillarResult, rule: Display) -> str:
    c = pillar.counts
    flags = []
    if pillar.pillar.aggregation == "min" and pillar.status == "scored":
        # The method reports a weakest-link pillar's weighted mean beside its score.
        flags.append(t("terminal.mean", value=t.number(shown(pillar.mean, rule))))
    if pillar.bounds is not None and pillar.bounds.missing:
        flags.append(words.bounds(t, pillar.bounds, rule))
    if c.not_found:
        flags.append(t("terminal.flag.not_found", count=c.not_found))
    if c.insufficient + c.unanswered:
        flags.append(t("terminal.flag.insufficient", count=c.insufficient + c.unanswered))
    if c.na:
        flags.append(t("terminal.flag.na", count=c.na))
    return ", ".join(flags)


def print_scores(
    results: Sequence[Result], lang: str = "en", console: Console | None = None
) -> None:
    """One table per result: pillars with weight, score and band, a bar, coverage and flags."""
    console = console or SafeConsole()
    t = translator(lang)
    for result in results:
        a = result.assessment
        banner = (
            f"{localize(a.name, lang)} ({a.code}) · {t('meta.edition')} {a.edition} · "
            f"{t('meta.as_of')} {t.date(a.as_of)} · {result.rubric.ref}"
        )
        flag = words.status_flag(t, a.status, upper=True)
        if flag:
            banner += f" · {flag}"
        if console.width < WIDE:
            _print_stacked(console, result, t, banner)
        else:
            _print_table(console, result, t, banner)
        for pillar in result.pillars:
            if pillar.status == "withheld":
                title = localize(pillar.pillar.title, lang)
                reason = words.reason(t, pillar.reason, overall=False)
                indented(console, f"{title}: {reason}", style="yellow")
        if result.status == "withheld":
            reason = words.reason(t, result.reason, overall=True)
            indented(console, f"{t('overall.heading')}: {reason}", style="yellow")
        c = result.counts
        counts = t(
            "overall.counts",
            scored=c.scored,
            not_found=c.not_found,
            na=c.na,
            insufficient=c.insufficient,
            unanswered=c.unanswered,
        )
        if result.evidence_coverage is None:
            indented(console, counts, style="dim")
        else:
            evidence = t("overall.evidence_coverage", value=t.share(result.evidence_coverage))
            indented(console, f"{counts} · {evidence}", style="dim")
        if result.assessment.reverify_count:
            count = result.assessment.reverify_count
            indented(console, t("score.reverify", count=count), style="yellow")


def indented(console: Console, text: str, *, style: str = "", indent: int = 2) -> None:
    """Prose that wraps to the console's width and keeps its indent on every line."""
    console.print(Padding(Text(text, style=style), (0, 0, 0, indent)))


def _pillar_label(pillar: PillarResult, t: Translator) -> str:
    label = localize(pillar.pillar.title, t.lang)
    if pillar.pillar.aggregation == "min":
        label += f" ({t('aggregation.min').lower()})"
    return label


def _print_stacked(console: Console, result: Result, t: Translator, banner: str) -> None:
    """A narrow terminal's layout: each pillar's title on its own line, its figures below."""
    indented(console, banner, style="bold", indent=0)
    console.print()
    for pillar in result.pillars:
        indented(console, _pillar_label(pillar, t), indent=0)
        parts = [
            f"{t('col.weight').lower()} {t.number(display(pillar.pillar.weight, 2))}",
            f"{t('col.coverage').lower()} {t.share(pillar.coverage) or '—'}",
        ]
        flags = _flags(t, pillar, result.rubric.display)
        line = _score_cell(t, result.rubric, pillar.status, pillar.score, pillar.band)
        line.append(f"  {bar(pillar.score)}  " if pillar.score is not None else "  ")
        line.append(" · ".join(parts) + (f" · {flags}" if flags else ""))
        console.print(Padding(line, (0, 0, 0, 2)))
    console.print(Text(t("overall.heading"), style="bold"))
    line = _score_cell(t, result.rubric, result.status, result.overall, result.band)
    line.append(f"  {bar(result.overall)}  " if result.overall is not None else "  ")
    line.append(f"{t('col.coverage').lower()} {t.share(result.coverage) or '—'}")
    if _overall_bounds(t, result):
        line.append(f" · {_overall_bounds(t, result)}")
    console.print(Padding(line, (0, 0, 0, 2)))
    console.print()


def _print_table(console: Console, result: Result, t: Translator, banner: str) -> None:
    """A wide terminal's layout: one table of pillars."""
    table = Table(title=banner, title_justify="left", show_lines=False)
    table.add_column(t("col.pillar"), ratio=3)
    table.add_column(t("col.weight"), justify="right")
    table.add_column(t("col.score"), justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column(t("col.coverage"), justify="right")
    table.add_column(t("col.flags"), ratio=2)
    for pillar in result.pillars:
        table.add_row(
            _pillar_label(pillar, t),
            t.number(display(pillar.pillar.weight, 2)),
            _score_cell(t, result.rubric, pillar.status, pillar.score, pillar.band),
            bar(pillar.score),
            t.share(pillar.coverage),
            _flags(t, pillar, result.rubric.display),
        )
    table.add_section()
    table.add_row(
        Text(t("overall.heading"), style="bold"),
        "",
        _score_cell(t, result.rubric, result.status, result.overall, result.band),
        bar(result.overall),
        t.share(result.coverage),
        _overall_bounds(t, result),
    )
    console.print(table)


def _overall_bounds(t: Translator, result: Result) -> str:
    """The overall score's bounds when an answer is missing; "" when it is exact."""
    if result.bounds is None or not result.bounds.missing:
        return ""
    return words.bounds(t, result.bounds, result.rubric.display)


def print_rubric(rubric: Rubric, lang: str = "en", console: Console | None = None) -> None:
    """The rubric as a tree: bands, pillars, indicators and their levels."""
    console = console or SafeConsole()
    t = translator(lang)
    heading = Text(terminal_safe(localize(rubric.title, lang)), style="bold")
    heading.append(
        f" ({rubric.ref}) · " + t("terminal.min_coverage", value=t.share(rubric.min_coverage))
    )
    rule = rubric.display
    heading.append(
        " · "
        + t(
            "display.summary",
            places=t(f"display.places.{rule.places}"),
            rounding=t(f"display.rounding.{rule.rounding}"),
            max=t.number(plain(rule.scale)),
        )
    )
    tree = Tree(heading)
    bands = tree.add(t("method.bands"))
    for band in rubric.bands:
        low, high = t.number(display(band.min)), t.number(display(band.max))
        bands.add(f"{localize(band.label, lang)}: {low}–{high}")
    for pillar in rubric.pillars:
        label = Text(pillar.id, style="bold")
        label.append(
            f" {terminal_safe(localize(pillar.title, lang))} · {t('col.weight').lower()} "
            f"{t.number(display(pillar.weight, 2))} · {t(f'aggregation.{pillar.aggregation}')}"
        )
        node = tree.add(label)
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
