"""Agreement output: a rich table, Markdown, JSON and CSV.

The table and the Markdown take their words from the catalogs (scorecard/i18n); the JSON
and the CSV keep ids and numbers, in any language. The CSV is the reconciliation sheet: one
row per indicator and edition, with each coder's answer."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from scorecard.agreement import Agreement, AgreementReport, Alpha, CoderAnswer, Unit
from scorecard.i18n import Translator, translator
from scorecard.render.registry import Options
from scorecard.render.text import md_inline
from scorecard.scoring import display

AGREEMENT_FORMAT = "transparency-scorecard/agreement@1"


def _alpha(t: Translator, alpha: Alpha) -> str:
    if alpha.value is None:
        return t(f"agreement.undefined.{alpha.undefined}")
    return t.number(display(alpha.value, 3))


def _answer(t: Translator, answer: CoderAnswer | None) -> str:
    if answer is None:
        return "—"
    if answer.kind == "level":
        return t("diff.answer.level", level=answer.level)
    return t(f"diff.answer.{answer.kind}")


def _part(t: Translator, figures: Agreement) -> str:
    return t("agreement.overall") if figures.scope == "overall" else figures.id


def _figure_cells(t: Translator, figures: Agreement) -> list[str]:
    return [
        _part(t, figures),
        str(figures.units),
        f"{figures.agreed_units}/{figures.units}",
        t.share(figures.percent),
        _alpha(t, figures.nominal),
        _alpha(t, figures.ordinal),
    ]


def _figure_headers(t: Translator) -> list[str]:
    return [
        t("agreement.col.part"),
        t("agreement.col.units"),
        t("agreement.col.same_answer"),
        t("agreement.col.percent"),
        t("agreement.col.nominal"),
        t("agreement.col.ordinal"),
    ]


def _by_coder(unit: Unit, coders: Sequence[str]) -> list[CoderAnswer | None]:
    given = {a.coder: a for a in unit.answers}
    return [given.get(c) for c in coders]


def _summary(report: AgreementReport, t: Translator) -> str:
    return t(
        "agreement.summary",
        count=len(report.coders),
        coders=", ".join(report.coders),
        editions=t("agreement.editions", count=len(report.editions)),
        rubric=report.rubric,
    )


def _single(report: AgreementReport, t: Translator) -> str | None:
    if not report.single:
        return None
    return t("agreement.single", files=", ".join(c.path for c in report.single))


# --- Markdown -------------------------------------------------------------------------------


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(md_inline(c) for c in cells) + " |"


def _md_units(units: Sequence[Unit], coders: Sequence[str], t: Translator) -> list[str]:
    out = [
        _md_row([t("agreement.col.edition"), t("col.indicator"), *coders]),
        "| " + " | ".join(["---"] * (2 + len(coders))) + " |",
    ]
    for unit in units:
        answers = [_answer(t, a) for a in _by_coder(unit, coders)]
        out.append(_md_row([f"{unit.code} {unit.edition}", unit.indicator, *answers]))
    return out


def agreement_to_markdown(report: AgreementReport, lang: str = "en") -> str:
    t = translator(lang)
    out = [f"## {md_inline(t('agreement.title'))}", "", md_inline(_summary(report, t)), ""]
    out.append(_md_row(_figure_headers(t)))
    out.append("| --- | ---: | ---: | ---: | ---: | ---: |")
    for figures in (report.overall, *report.pillars):
        out.append(_md_row(_figure_cells(t, figures)))
    out += ["", f"### {md_inline(t('agreement.indicators.heading'))}", ""]
    out.append(_md_row(_figure_headers(t)))
    out.append("| --- | ---: | ---: | ---: | ---: | ---: |")
    for figures in report.indicators:
        out.append(_md_row(_figure_cells(t, figures)))
    disagreements = report.disagreements
    heading = t("agreement.disagreements.heading", count=len(disagreements))
    out += ["", f"### {md_inline(heading)}", ""]
    if disagreements:
        out += _md_units(disagreements, report.coders, t)
    else:
        out.append(md_inline(t("agreement.disagreements.none")))
    non_levels = report.with_non_levels
    if non_levels:
        heading = t("agreement.non_levels.heading", count=len(non_levels))
        out += ["", f"### {md_inline(heading)}", ""]
        out += _md_units(non_levels, report.coders, t)
    single = _single(report, t)
    if single:
        out += ["", md_inline(single)]
    return "\n".join(out) + "\n"


# --- terminal -------------------------------------------------------------------------------


def print_agreement(report: AgreementReport, lang: str = "en", console: Any = None) -> None:
    """The figures (overall, pillars, indicators), then the answers to reconcile."""
    from rich.table import Table
    from rich.text import Text

    from scorecard.render.terminal import SafeConsole

    t = translator(lang)
    console = console or SafeConsole()
    console.print(Text(t("agreement.title"), style="bold"))
    console.print(Text(_summary(report, t)))
    for title, rows in (
        (t("agreement.pillars.heading"), (report.overall, *report.pillars)),
        (t("agreement.indicators.heading"), report.indicators),
    ):
        table = Table(title=Text(title), title_justify="left")
        for n, header in enumerate(_figure_headers(t)):
            table.add_column(Text(header), justify="left" if n == 0 else "right")
        for figures in rows:
            table.add_row(*(Text(c) for c in _figure_cells(t, figures)))
        console.print(table)

    def units_table(title: str, units: Sequence[Unit]) -> None:
        table = Table(title=Text(title), title_justify="left")
        for header in (t("agreement.col.edition"), t("col.indicator"), *report.coders):
            table.add_column(Text(header))
        for unit in units:
            answers = [_answer(t, a) for a in _by_coder(unit, report.coders)]
            table.add_row(Text(f"{unit.code} {unit.edition}"), Text(unit.indicator), *answers)
        console.print(table)

    disagreements = report.disagreements
    if disagreements:
        units_table(t("agreement.disagreements.heading", count=len(disagreements)), disagreements)
    else:
        console.print(Text(t("agreement.disagreements.none")))
    if report.with_non_levels:
        heading = t("agreement.non_levels.heading", count=len(report.with_non_levels))
        units_table(heading, report.with_non_levels)
    single = _single(report, t)
    if single:
        console.print(Text(single), style="yellow")


# --- JSON -----------------------------------------------------------------------------------


def _number(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 4)


def _alpha_dict(alpha: Alpha) -> dict[str, Any]:
    return {
        "value": _number(alpha.value),
        "exact": None if alpha.value is None else str(alpha.value),
        "undefined": alpha.undefined,
        "pairable_values": alpha.pairable,
        "pairable_units": alpha.units,
    }


def _figures_dict(figures: Agreement) -> dict[str, Any]:
    return {
        "scope": figures.scope,
        "id": figures.id,
        "units": figures.units,
        "agreed_units": figures.agreed_units,
        "pairs": figures.pairs,
        "agreeing_pairs": figures.agreeing_pairs,
        "percent": None if figures.percent is None else _number(figures.percent * 100),
        "alpha_nominal": _alpha_dict(figures.nominal),
        "alpha_ordinal": _alpha_dict(figures.ordinal),
    }


def _unit_dict(unit: Unit) -> dict[str, Any]:
    return {
        "code": unit.code,
        "edition": unit.edition,
        "pillar": unit.pillar,
        "indicator": unit.indicator,
        "agreed": unit.agreed,
        "answers": [
            {
                "coder": a.coder,
                "kind": a.kind,
                "level": a.level,
                "value": None if a.value is None else float(a.value),
            }
            for a in unit.answers
        ],
    }


def agreement_to_dict(report: AgreementReport, lang: str = "en") -> dict[str, Any]:
    return {
        "format": AGREEMENT_FORMAT,
        "rubric": report.rubric,
        "coders": list(report.coders),
        "editions": [{"code": c, "edition": e} for c, e in report.editions],
        "not_compared": [
            {
                "coder": c.coder,
                "file": c.path,
                "code": c.assessment.code,
                "edition": c.assessment.edition,
            }
            for c in report.single
        ],
        "overall": _figures_dict(report.overall),
        "pillars": [_figures_dict(p) for p in report.pillars],
        "indicators": [_figures_dict(i) for i in report.indicators],
        "disagreements": [_unit_dict(u) for u in report.disagreements],
        "non_levels": [_unit_dict(u) for u in report.with_non_levels],
    }


def agreement_to_json(report: AgreementReport, lang: str = "en") -> str:
    return json.dumps(agreement_to_dict(report, lang), ensure_ascii=False, indent=2) + "\n"


# --- CSV ------------------------------------------------------------------------------------


def agreement_to_csv(report: AgreementReport, lang: str = "en") -> str:
    """The reconciliation sheet: one row per indicator and edition, `agreed` true or false,
    and one column per coder with the level id or the kind of answer (blank: not coded)."""
    buffer = io.StringIO()
    columns = ["jurisdiction", "edition", "pillar", "indicator", "agreed", *report.coders]
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for unit in report.units:
        answers = [
            "" if a is None else (a.level or "") if a.kind == "level" else a.kind
            for a in _by_coder(unit, report.coders)
        ]
        agreed = "true" if unit.agreed else "false"
        writer.writerow([unit.code, unit.edition, unit.pillar, unit.indicator, agreed, *answers])
    return buffer.getvalue()


def agreement_table(report: AgreementReport, options: Options) -> str:
    """The `agreement` table format."""
    from scorecard.render.terminal import capture

    return capture(lambda console: print_agreement(report, options.lang, console), options)


def agreement_md(report: AgreementReport, options: Options) -> str:
    return agreement_to_markdown(report, options.lang)


def agreement_json(report: AgreementReport, options: Options) -> str:
    return agreement_to_json(report, options.lang)


def agreement_csv(report: AgreementReport, options: Options) -> str:
    return agreement_to_csv(report, options.lang)
