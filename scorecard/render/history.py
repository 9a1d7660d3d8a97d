"""History output: a rich table with a sparkline, Markdown, JSON and tidy CSV.

The table and the Markdown take their words from the interface catalogs (scorecard/i18n);
the JSON and the CSV keep machine-readable ids and numbers with a decimal point."""

from __future__ import annotations

import json
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from scorecard.history import History, HistoryPoint
from scorecard.i18n import Translator, translator
from scorecard.model import Display, localize
from scorecard.render import words
from scorecard.render.registry import Options
from scorecard.render.result_json import json_number
from scorecard.render.text import md_inline
from scorecard.scoring import percent, shown

HISTORY_FORMAT = "transparency-scorecard/history@1"
SPARKS = "▁▂▃▄▅▆▇█"
RUBRIC_MARK = "†"  # marks a change across rubric versions: not like for like


def sparkline(values: Sequence[Fraction | None]) -> str:
    """One character per value on the 0-100 scale; a space where there is no score."""
    out = []
    for value in values:
        if value is None:
            out.append(" ")
        else:
            index = int(max(Fraction(0), min(value, Fraction(100))) * (len(SPARKS) - 1) / 100)
            out.append(SPARKS[index])
    return "".join(out)


def _score(status: str, value: Fraction | None, t: Translator, rule: Display) -> str:
    return t.score(
        status, value, withheld="diff.score.withheld", not_applicable="score.na_short", rule=rule
    )


def _change(point: HistoryPoint, t: Translator) -> str:
    """The difference of the two scores shown: 16.7 → 18.9 is +2.2."""
    text = t.signed(point.shown_delta)
    return f"{text} {RUBRIC_MARK}" if point.rubric_changed and text else text


def print_history(found: History, lang: str = "en", console: Any = None) -> None:
    """Two tables: the editions (overall, change, band, coverage, rubric) with a sparkline,
    then each pillar's score per edition (pillars as rows, so many pillars still fit)."""
    from rich.table import Table
    from rich.text import Text

    from scorecard.render.terminal import SafeConsole

    t = translator(lang)
    console = console or SafeConsole()
    line = sparkline([p.overall for p in found.points])
    name = f"{localize(found.name, lang)} ({found.code})"
    table = Table(title=Text(t("history.title", name=name, sparkline=line)), title_justify="left")
    for header, justify in (
        (t("meta.edition"), "left"),
        (t("meta.as_of"), "left"),
        (t("diff.col.overall"), "right"),
        ("Δ", "right"),
        (t("col.band"), "left"),
        (t("col.coverage"), "right"),
        (t("meta.rubric"), "left"),
    ):
        table.add_column(Text(header), justify=justify)  # type: ignore[arg-type]
    for point in found.points:
        flag = words.status_flag(t, point.assessment_status)
        table.add_row(
            Text(point.edition + (f" ({flag})" if flag else "")),
            Text(point.as_of),
            _score(point.status, point.overall, t, found.display),
            _change(point, t),
            Text(point.band or ""),
            t.share(point.coverage),
            Text(point.rubric),
        )
    console.print(table)
    pillars = Table(title=Text(t("pillars.heading")), title_justify="left")
    pillars.add_column(Text(t("col.pillar")))
    for point in found.points:
        pillars.add_column(Text(point.edition), justify="right")
    for pid in found.pillar_ids:
        cells: list[Text | str] = [Text(localize(found.pillar_titles[pid], lang))]
        for point in found.points:
            pillar = point.pillar(pid)
            cells.append(_score(pillar.status, pillar.score, t, found.display) if pillar else "")
        pillars.add_row(*cells)
    console.print(pillars)
    if any(p.rubric_changed for p in found.points):
        console.print(
            f"{RUBRIC_MARK} {t('history.rubric_note')}",
            style="yellow",
            markup=False,
        )


def history_to_dict(found: History, lang: str = "en") -> dict[str, Any]:
    rule = found.display
    return {
        "format": HISTORY_FORMAT,
        "code": found.code,
        "name": localize(found.name, lang),
        "editions": [
            {
                "edition": p.edition,
                "as_of": p.as_of,
                "assessment_status": p.assessment_status,
                "rubric": p.rubric,
                "status": p.status,
                "overall": json_number(shown(p.overall, rule)),
                "overall_exact": None if p.overall is None else str(p.overall),
                "band": p.band,
                "coverage": json_number(percent(p.coverage)),
                "delta": json_number(p.shown_delta),
                "delta_exact": None if p.delta is None else str(p.delta),
                "rubric_changed": p.rubric_changed,
                "pillars": [
                    {
                        "id": q.id,
                        "title": localize(q.title, lang),
                        "status": q.status,
                        "score": json_number(shown(q.score, rule)),
                        "band": q.band,
                        "coverage": json_number(percent(q.coverage)),
                    }
                    for q in p.pillars
                ],
            }
            for p in found.points
        ],
    }


def history_to_json(found: History, lang: str = "en") -> str:
    return json.dumps(history_to_dict(found, lang), ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = (
    "jurisdiction",
    "edition",
    "as_of",
    "rubric",
    "rubric_changed",
    "assessment_status",
    "level",
    "id",
    "value",
    "band",
    "status",
    "coverage",
)


def history_to_csv(found: History, lang: str = "en") -> str:
    """Tidy rows: one per edition and level of aggregation (overall, then each pillar)."""
    from scorecard.render.spreadsheet import write_csv

    rows: list[dict[str, Any]] = []
    for p in found.points:
        base = {
            "jurisdiction": found.code,
            "edition": p.edition,
            "as_of": p.as_of,
            "rubric": p.rubric,
            "rubric_changed": p.rubric_changed,
            "assessment_status": p.assessment_status,
        }
        rows.append(
            {
                **base,
                "level": "overall",
                "id": "overall",
                "value": shown(p.overall, found.display),
                "band": p.band,
                "status": p.status,
                "coverage": percent(p.coverage),
            }
        )
        for q in p.pillars:
            rows.append(
                {
                    **base,
                    "level": "pillar",
                    "id": q.id,
                    "value": shown(q.score, found.display),
                    "band": q.band,
                    "status": q.status,
                    "coverage": percent(q.coverage),
                }
            )
    return write_csv(CSV_COLUMNS, rows)


def history_to_markdown(found: History, lang: str = "en") -> str:
    t = translator(lang)
    name = f"{localize(found.name, lang)} ({found.code})"
    line = sparkline([p.overall for p in found.points])
    out = [
        f"## {md_inline(t('history.heading', name=name))}",
        "",
        t("history.over_time", sparkline=f"`{line}`"),
        "",
    ]
    headers = [
        t("meta.edition"),
        t("meta.as_of"),
        t("diff.col.overall"),
        "Δ",
        t("col.band"),
        t("col.coverage"),
    ]
    headers += [localize(found.pillar_titles[pid], lang) for pid in found.pillar_ids]
    headers.append(t("meta.rubric"))
    out.append("| " + " | ".join(md_inline(h) for h in headers) + " |")
    aligns = ["---", "---", "---:", "---:", "---", "---:"] + ["---:"] * len(found.pillar_ids)
    out.append("| " + " | ".join([*aligns, "---"]) + " |")
    for p in found.points:
        edition: str = md_inline(p.edition)
        flag = words.status_flag(t, p.assessment_status)
        if flag:
            edition += f" ({md_inline(flag.upper())})"
        cells = [
            edition,
            md_inline(p.as_of),
            _score(p.status, p.overall, t, found.display),
            _change(p, t),
            md_inline(p.band or ""),
            t.share(p.coverage),
        ]
        for pid in found.pillar_ids:
            q = p.pillar(pid)
            cells.append(_score(q.status, q.score, t, found.display) if q else "")
        cells.append(md_inline(p.rubric))
        out.append("| " + " | ".join(cells) + " |")
    if any(p.rubric_changed for p in found.points):
        out += ["", f"{RUBRIC_MARK} {md_inline(t('history.rubric_note'))}"]
    return "\n".join(out) + "\n"


def history_table(found: History, options: Options) -> str:
    """The `history` table format."""
    from scorecard.render.terminal import capture

    return capture(lambda console: print_history(found, options.lang, console), options)


def history_md(found: History, options: Options) -> str:
    return history_to_markdown(found, options.lang)


def history_json(found: History, options: Options) -> str:
    return history_to_json(found, options.lang)


def history_csv(found: History, options: Options) -> str:
    return history_to_csv(found, options.lang)
