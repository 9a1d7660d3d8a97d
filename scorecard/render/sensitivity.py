"""Sensitivity output: a rich table, Markdown, JSON and CSV (the chart is charts/ranks.py).

The table and the Markdown take their words from the catalogs (scorecard/i18n); the JSON
and the CSV keep ids and numbers with a decimal point, in any language."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

from scorecard.i18n import Translator, translator
from scorecard.model import Display, localize
from scorecard.render import words
from scorecard.render.registry import Options
from scorecard.render.result_json import json_number
from scorecard.render.text import md_inline
from scorecard.scoring import shown
from scorecard.sensitivity import (
    ASSUMPTIONS,
    JurisdictionSensitivity,
    SensitivityReport,
)

SENSITIVITY_FORMAT = "transparency-scorecard/sensitivity@1"


def _plain(value: float) -> Decimal:
    """A setting as written: 0.25 -> 0.25, 5.0 -> 5."""
    return Decimal(f"{value:g}")


def _shown(value: float | None, rule: Display) -> Decimal | None:
    """A score of a draw (a float on 0-100) shown by the rubric's display rule."""
    return None if value is None else shown(Fraction(repr(value)), rule)


def _chance(t: Translator, value: float | None) -> str:
    return "" if value is None else t.share(Fraction(repr(value)))


def _assumption(t: Translator, name: str | None) -> str:
    return t(f"sensitivity.assumption.{name or 'none'}")


def _jurisdiction(row: JurisdictionSensitivity, lang: str) -> str:
    return f"{localize(row.name, lang)} ({row.code})"


def _interval(low: object, high: object) -> str:
    return "" if low is None else f"{low}–{high}"


def _score_interval(t: Translator, row: JurisdictionSensitivity) -> str:
    if row.score_low is None:
        return ""
    low, high = _shown(row.score_low, row.display), _shown(row.score_high, row.display)
    return f"{t.number(low)}–{t.number(high)}"


def _settings_line(report: SensitivityReport, t: Translator) -> str:
    s = report.settings
    return t(
        "sensitivity.settings",
        draws=s.draws,
        seed=s.seed,
        spread=t.number(_plain(s.weight_spread * 100)),
        shift=t.number(_plain(s.band_shift)),
        rubrics=", ".join(report.rubrics),
    )


def _main_row(row: JurisdictionSensitivity, t: Translator, lang: str) -> list[str]:
    return [
        _jurisdiction(row, lang),
        row.edition,
        str(row.rank),
        t.score(row.status, row.score, rule=row.display),
        localize(row.band_label, lang) if row.band_label is not None else "",
        str(row.median_rank),
        _interval(row.rank_low, row.rank_high),
        _score_interval(t, row),
        _chance(t, row.band_change),
        _assumption(t, row.dominant),
    ]


def _main_headers(t: Translator) -> list[str]:
    return [
        t("sensitivity.col.jurisdiction"),
        t("meta.edition"),
        t("sensitivity.col.rank"),
        t("col.score"),
        t("col.band"),
        t("sensitivity.col.median_rank"),
        t("sensitivity.col.rank_interval"),
        t("sensitivity.col.score_interval"),
        t("sensitivity.col.band_change"),
        t("sensitivity.col.dominant"),
    ]


def _effect_cells(row: JurisdictionSensitivity, t: Translator) -> list[str]:
    return [
        f"{_interval(e.rank_low, e.rank_high)} ({_chance(t, e.band_change)})" for e in row.effects
    ]


def _peers(report: SensitivityReport, t: Translator) -> dict[str, str] | None:
    """Each jurisdiction's peer group in words, by code, when the report ranks more than one
    group (like with like, scorecard/jurisdictions.py); None when it ranks one."""
    if len({j.peer for j in report.jurisdictions}) < 2:
        return None
    names = {j.code: localize(j.name, t.lang) for j in report.jurisdictions}
    return {j.code: words.peer_group(t, *j.peer, names) for j in report.jurisdictions}


def _unranked(report: SensitivityReport) -> list[str]:
    return [j.code for j in report.jurisdictions if j.rank is None]


# --- Markdown -------------------------------------------------------------------------------


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def sensitivity_to_markdown(report: SensitivityReport, lang: str = "en") -> str:
    t = translator(lang)
    out = [
        f"## {md_inline(t('sensitivity.title'))}",
        "",
        md_inline(_settings_line(report, t)),
        "",
        md_inline(t("sensitivity.intro")),
        "",
    ]
    if not report.ranked:
        out.append(md_inline(t("sensitivity.empty")))
    else:
        peers = _peers(report, t)
        among = [t("sensitivity.col.peers")] if peers else []
        out.append(_md_row([md_inline(h) for h in [*among, *_main_headers(t)]]))
        aligns = ["---", "---", "---:", "---:", "---", "---:", "---:", "---:", "---:", "---"]
        out.append(_md_row(["---"] * len(among) + aligns))
        for row in report.ranked:
            group = [peers[row.code]] if peers else []
            out.append(_md_row([md_inline(c) for c in [*group, *_main_row(row, t, lang)]]))
        out += ["", f"### {md_inline(t('sensitivity.effects.heading'))}", ""]
        headers = [*among, t("sensitivity.col.jurisdiction")]
        headers += [_assumption(t, a) for a in ASSUMPTIONS]
        out.append(_md_row([md_inline(h) for h in headers]))
        out.append(_md_row(["---"] * (len(among) + 1) + ["---:"] * len(ASSUMPTIONS)))
        for row in report.ranked:
            group = [peers[row.code]] if peers else []
            cells = [*group, _jurisdiction(row, lang), *_effect_cells(row, t)]
            out.append(_md_row([md_inline(c) for c in cells]))
        out += ["", md_inline(t("sensitivity.shift", shift=t.number(_plain(_shift(report)))))]
    unranked = _unranked(report)
    if unranked:
        out += ["", md_inline(t("sensitivity.unranked", codes=", ".join(unranked)))]
    return "\n".join(out) + "\n"


def _shift(report: SensitivityReport) -> float:
    return round(report.mean_rank_shift or 0.0, 2)


# --- terminal -------------------------------------------------------------------------------


def print_sensitivity(report: SensitivityReport, lang: str = "en", console: Any = None) -> None:
    """The ranking with its rank intervals, then each assumption's effect alone."""
    from rich.table import Table
    from rich.text import Text

    from scorecard.render.terminal import SafeConsole

    t = translator(lang)
    console = console or SafeConsole()
    console.print(Text(t("sensitivity.title"), style="bold"))
    console.print(Text(_settings_line(report, t)))
    if not report.ranked:
        console.print(Text(t("sensitivity.empty")))
    else:
        table = Table(title_justify="left")
        # The terminal is narrow: codes, and no edition or score interval (see md, csv).
        wanted = (0, 2, 3, 4, 5, 6, 8, 9)
        headers = _main_headers(t)
        peers = _peers(report, t)
        if peers:
            table.add_column(Text(t("sensitivity.col.peers")))
        for n in wanted:
            table.add_column(Text(headers[n]), justify="left" if n in (0, 4, 9) else "right")
        for row in report.ranked:
            cells = _main_row(row, t, lang)
            cells[0] = row.code
            group = [peers[row.code]] if peers else []
            table.add_row(*(Text(c) for c in [*group, *(cells[n] for n in wanted)]))
        console.print(table)
        effects = Table(title=Text(t("sensitivity.effects.heading")), title_justify="left")
        effects.add_column(Text(t("sensitivity.col.jurisdiction")))
        for a in ASSUMPTIONS:
            effects.add_column(Text(_assumption(t, a)), justify="right")
        for row in report.ranked:
            cells = [row.code, *_effect_cells(row, t)]
            effects.add_row(*(Text(c) for c in cells))
        console.print(effects)
        console.print(Text(t("sensitivity.shift", shift=t.number(_plain(_shift(report))))))
    unranked = _unranked(report)
    if unranked:
        console.print(Text(t("sensitivity.unranked", codes=", ".join(unranked))), style="yellow")


# --- JSON -----------------------------------------------------------------------------------


def sensitivity_to_dict(report: SensitivityReport, lang: str = "en") -> dict[str, Any]:
    s = report.settings
    return {
        "format": SENSITIVITY_FORMAT,
        "settings": {
            "draws": s.draws,
            "seed": s.seed,
            "weight_spread": s.weight_spread,
            "band_shift": s.band_shift,
            "aggregations": ["mean", "min", "geometric"],
            "missing": ["excluded", "lowest", "highest"],
        },
        "rubrics": list(report.rubrics),
        "mean_rank_shift": report.mean_rank_shift,
        "jurisdictions": [
            {
                "code": j.code,
                "name": localize(j.name, lang),
                "peer_group": {"level": j.peer[0], "country": j.peer[1]},
                "edition": j.edition,
                "rubric": j.rubric,
                "status": j.status,
                "score": json_number(shown(j.score, j.display)),
                "score_exact": None if j.score is None else str(j.score),
                "band": j.band,
                "rank": j.rank,
                "median_rank": j.median_rank,
                "rank_low": j.rank_low,
                "rank_high": j.rank_high,
                "score_low": json_number(_shown(j.score_low, j.display)),
                "score_median": json_number(_shown(j.score_median, j.display)),
                "score_high": json_number(_shown(j.score_high, j.display)),
                "band_change": j.band_change,
                "dominant": j.dominant,
                "effects": [
                    {
                        "assumption": e.assumption,
                        "rank_low": e.rank_low,
                        "rank_high": e.rank_high,
                        "band_change": e.band_change,
                    }
                    for e in j.effects
                ],
            }
            for j in report.jurisdictions
        ],
    }


def sensitivity_to_json(report: SensitivityReport, lang: str = "en") -> str:
    return json.dumps(sensitivity_to_dict(report, lang), ensure_ascii=False, indent=2) + "\n"


# --- CSV ------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "jurisdiction",
    "edition",
    "rubric",
    "status",
    "score",
    "band",
    "rank",
    "median_rank",
    "rank_low",
    "rank_high",
    "score_low",
    "score_median",
    "score_high",
    "band_change",
    "dominant",
    *(f"{a}_{figure}" for a in ASSUMPTIONS for figure in ("rank_low", "rank_high", "band_change")),
    "peer_level",  # the group it is ranked in (last, so earlier columns keep their places)
    "peer_country",
)


def sensitivity_to_csv(report: SensitivityReport, lang: str = "en") -> str:
    """One row per jurisdiction; the columns `<assumption>_*` vary that assumption alone."""
    from scorecard.render.spreadsheet import write_csv

    rows: list[dict[str, Any]] = []
    for j in report.jurisdictions:
        row = {
            "jurisdiction": j.code,
            "peer_level": j.peer[0],
            "peer_country": j.peer[1],
            "edition": j.edition,
            "rubric": j.rubric,
            "status": j.status,
            "score": shown(j.score, j.display),
            "band": j.band,
            "rank": j.rank,
            "median_rank": j.median_rank,
            "rank_low": j.rank_low,
            "rank_high": j.rank_high,
            "score_low": _shown(j.score_low, j.display),
            "score_median": _shown(j.score_median, j.display),
            "score_high": _shown(j.score_high, j.display),
            "band_change": j.band_change,
            "dominant": j.dominant,
        }
        for e in j.effects:
            row[f"{e.assumption}_rank_low"] = e.rank_low
            row[f"{e.assumption}_rank_high"] = e.rank_high
            row[f"{e.assumption}_band_change"] = e.band_change
        rows.append(row)
    return write_csv(CSV_COLUMNS, rows)


def sensitivity_table(report: SensitivityReport, options: Options) -> str:
    """The `sensitivity` table format."""
    from scorecard.render.terminal import capture

    return capture(lambda console: print_sensitivity(report, options.lang, console), options)


def sensitivity_md(report: SensitivityReport, options: Options) -> str:
    return sensitivity_to_markdown(report, options.lang)


def sensitivity_json(report: SensitivityReport, options: Options) -> str:
    return sensitivity_to_json(report, options.lang)


def sensitivity_csv(report: SensitivityReport, options: Options) -> str:
    return sensitivity_to_csv(report, options.lang)
