"""What the site's own templates show, as plain strings already formatted for one language:
the navigation, the ranking rows, a jurisdiction's editions, and the changes since its previous
edition."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, cast

from scorecard.diff import AssessmentDiff, Contribution, IndicatorChange, ScoreChange
from scorecard.i18n import Translator, translator
from scorecard.jurisdictions import PeerGroup, peer_groups
from scorecard.model import DEFAULT_DISPLAY, Display, Rubric, localize
from scorecard.render import Nav, NavLink, words
from scorecard.scoring import Result
from scorecard.sensitivity import SensitivityReport, SensitivitySettings
from scorecard.site.summary import Summary

Ranked = Result | Summary
"""What the index shows of a jurisdiction: its latest result, or that result's summary."""

RankChart = Callable[[Sequence[Ranked], str], dict[str, Any]]
"""rank_chart(members, id_prefix): a peer group's rank-interval chart and note."""


def score_text(
    t: Translator, status: str | None, value: Fraction | None, rule: Display = DEFAULT_DISPLAY
) -> str:
    """A score shown by the display rule of its rubric (or of the series it belongs to)."""
    return t.score(status, value, rule=rule)


def band_text(t: Translator, rubric: Rubric, band_id: str | None) -> str:
    return rubric.band_label(band_id, t.lang)


def signed(t: Translator, value: Fraction | Decimal, rule: Display = DEFAULT_DISPLAY) -> str:
    """A change: a Decimal is already the difference of two shown values; a Fraction (a
    contribution) is rounded once by `rule`."""
    return words.change(t, value, rule)


def status_flag(t: Translator, result: Ranked) -> str:
    """A label for editions that are not published findings: example, draft, in review."""
    return words.status_flag(t, result.assessment.status)


def site_nav(
    languages: Sequence[str], lang: str, here: str, crumbs: Sequence[tuple[str, str]] = ()
) -> Nav:
    """Links from the page at `here` (a path inside its language's subtree): home, any `crumbs`
    (label, path), methodology, and the same page in each of `languages` when there are
    several (each in a sibling subtree)."""
    t = translator(lang)
    root = "../" * here.count("/")
    links = [
        (t("site.nav.home"), "index.html"),
        *crumbs,
        (t("site.nav.methodology"), "methodology.html"),
    ]
    others: list[NavLink] = []
    if len(languages) > 1:
        others = [
            NavLink(
                translator(other)("language.name"),
                f"{root}../{other}/{here}",
                lang=other,
                current=other == lang,
            )
            for other in languages
        ]
    return Nav(
        links=[NavLink(label, root + path, current=path == here) for label, path in links],
        languages=others,
    )


def language_choices(languages: Sequence[str]) -> list[tuple[str, str, str]]:
    """(code, name in that language, link) for the chooser at the root of the site."""
    return [(lang, translator(lang)("language.name"), f"{lang}/index.html") for lang in languages]


def ranking_rows(latest: Sequence[Ranked], t: Translator) -> list[dict[str, str]]:
    rows = []
    rank = 0
    for result in latest:
        a = result.assessment
        rank += 1 if result.overall is not None else 0
        rows.append(
            {
                "rank": str(rank) if result.overall is not None else "—",
                "code": a.code,
                "name": localize(a.name, t.lang),
                "href": f"{a.code}/index.html",
                "scorecard": f"{a.code}/{a.edition}.html",
                "edition": a.edition,
                "as_of": t.date(a.as_of),
                "as_of_iso": a.as_of,
                "score": score_text(t, result.status, result.overall, result.rubric.display),
                "band": band_text(t, result.rubric, result.band),
                "coverage": t.share(result.coverage),
                "status": status_flag(t, result),
            }
        )
    return rows


def ranking_groups(
    latest: Sequence[Ranked], t: Translator, rank_chart: RankChart | None = None
) -> list[dict[str, Any]]:
    """The ranking as tables of peers (countries; then each country's subdivisions and its
    local governments), each numbered from its own top: like is ranked with like.

    `rank_chart` makes each group's chart (the site's: from summaries, reading the members'
    results only when a chart is drawn, and reusing charts of unchanged groups); by default
    `latest` are results and the chart is made from them."""

    def from_results(members: Sequence[Ranked], id_prefix: str) -> dict[str, Any]:
        from scorecard.sensitivity import analyse

        def analysis(ranked: Sequence[Ranked]) -> SensitivityReport:
            return analyse(cast(Sequence[Result], ranked), CHART_SETTINGS)

        return rank_chart_of(members, t, id_prefix, analysis)

    chart = rank_chart or from_results
    names = {r.assessment.code: localize(r.assessment.name, t.lang) for r in latest}
    groups = peer_groups(latest, lambda r: r.assessment.code)
    return [
        {
            "heading": _group_heading(group, names, t),
            "rows": ranking_rows(group.members, t),
            **chart(group.members, f"rank-intervals-{number}"),
        }
        for number, group in enumerate(groups, start=1)
    ]


MAX_CHARTED = 40  # more rows than a chart can show legibly; the command gives the table
CHART_SETTINGS = SensitivitySettings()  # the site's charts: the command's default draws


def charted(members: Sequence[Ranked]) -> bool:
    """Whether a peer group gets a rank-interval chart (which needs its members' results)."""
    return 2 <= sum(1 for r in members if r.status == "scored") <= MAX_CHARTED


def rank_chart_of(
    members: Sequence[Ranked],
    t: Translator,
    id_prefix: str,
    analysis_of: Callable[[Sequence[Ranked]], SensitivityReport],
) -> dict[str, Any]:
    """The group's rank-interval chart (docs/methodology.md, "Sensitivity") with its intro, or
    why there is none: fewer than two ranked (nothing to say) or more than MAX_CHARTED.
    `analysis_of(members)` gives the group's sensitivity analysis (with CHART_SETTINGS),
    asked only when a chart is drawn."""
    from scorecard.charts.ranks import rank_intervals

    ranked = sum(1 for r in members if r.status == "scored")
    if ranked < 2:
        return {"ranks_chart": None, "ranks_note": ""}
    if ranked > MAX_CHARTED:
        return {"ranks_chart": None, "ranks_note": t("site.ranks.too_many", count=ranked)}
    chart = rank_intervals(analysis_of(members), t, id_prefix=id_prefix)
    return {"ranks_chart": chart, "ranks_note": t("site.ranks.intro", draws=CHART_SETTINGS.draws)}


def _group_heading(group: PeerGroup[Ranked], names: dict[str, str], t: Translator) -> str:
    return words.peer_group(t, group.level, group.country, names)


def unpublished_label(results: Sequence[Ranked], t: Translator) -> str:
    """The real statuses of the editions that are not published findings, in words."""
    statuses = sorted({r.assessment.status for r in results} - {"published"})
    return ", ".join(t(f"status.{status}") for status in statuses)


def index_intro(latest: Sequence[Ranked], editions: int, t: Translator) -> dict[str, str]:
    unpublished = [r for r in latest if r.assessment.status != "published"]
    label = unpublished_label(unpublished, t)
    return {
        "summary": t(
            "site.summary",
            jurisdictions=t("count.jurisdictions", count=len(latest)),
            editions=t("count.editions_assessed", count=editions),
        ),
        "banner": t("site.banner.unpublished", count=len(unpublished), statuses=label)
        if unpublished
        else "",
        "banner_label": label,
    }


def jurisdiction_view(code: str, group: Sequence[Result], t: Translator) -> dict[str, Any]:
    latest = group[-1]
    rule = latest.rubric.display  # a series is shown on one scale: its latest edition's
    pillars = [{"id": p.id, "title": localize(p.title, t.lang)} for p in latest.rubric.pillars]
    editions = []
    previous_rubric = None
    for result in reversed(group):  # newest first in the table
        a = result.assessment
        cells = []
        for pillar in latest.rubric.pillars:
            found = result.pillar(pillar.id)
            cells.append(score_text(t, found.status, found.score, rule) if found else "—")
        editions.append(
            {
                "edition": a.edition,
                "href": f"{a.edition}.html",
                "md": f"{a.edition}.md",
                "json": f"{a.edition}.json",
                "as_of": t.date(a.as_of),
                "as_of_iso": a.as_of,
                "rubric": result.rubric.ref,
                "rubric_changed": False,
                "score": score_text(t, result.status, result.overall, rule),
                "band": band_text(t, result.rubric, result.band),
                "coverage": t.share(result.coverage),
                "status": status_flag(t, result),
                "pillars": cells,
            }
        )
    for older, newer in zip(editions[1:], editions, strict=False):
        previous_rubric = older["rubric"]
        newer["rubric_changed"] = newer["rubric"] != previous_rubric
    label = unpublished_label(group, t)
    return {
        "code": code,
        "name": localize(latest.assessment.name, t.lang),
        "summary": t(
            "site.jurisdiction.summary", count=len(group), latest=latest.assessment.edition
        ),
        "banner": t("site.banner.jurisdiction_unpublished", statuses=label) if label else "",
        "banner_label": label,
        "pillars": pillars,
        "editions": editions,
        "badge": f"../badges/{code}.svg",
        "badge_name": f"badges/{code}.svg",
    }


def _contribution_text(line: Contribution, t: Translator, rule: Display) -> str:
    amount = signed(t, line.amount, rule)  # each rounded separately (docs/methodology.md)
    label = localize(line.label, t.lang)
    if line.kind == "indicator":
        return t("site.why.indicator", amount=amount, id=line.indicator, label=label)
    if line.kind == "weakest_link":
        return t("site.why.weakest_link", amount=amount, pillar=label)
    if line.kind == "coverage":
        if line.pillar is None:
            return t("site.why.coverage_overall", amount=amount)
        return t("site.why.coverage", amount=amount, pillar=label)
    return t("site.why.rubric", amount=amount, pillar=label or "—")


def _answer(t: Translator, kind: str | None, level: str | None) -> str:
    return words.answer_label(t, kind, level)


def _indicator_text(change: IndicatorChange, t: Translator) -> str | None:
    old = _answer(t, change.old_kind, change.old_level)
    new = _answer(t, change.new_kind, change.new_level)
    parts = []
    if old != new:
        parts.append(f"{old} → {new}")
    if change.evidence_added:
        parts.append(t("site.changes.evidence_added", count=len(change.evidence_added)))
    if change.evidence_removed:
        parts.append(t("site.changes.evidence_removed", count=len(change.evidence_removed)))
    if change.notes_changed:
        parts.append(t("site.changes.notes"))
    if not parts:
        return None
    mark = "" if change.comparable else f" ({t('site.changes.not_comparable')})"
    return f"{change.id} — {localize(change.short, t.lang)}: {'; '.join(parts)}{mark}"


def _row(label: str, score: ScoreChange, t: Translator) -> dict[str, str]:
    delta = score.shown_delta  # the difference of the two figures beside it
    return {
        "label": label,
        "old": score_text(t, score.old_status, score.old, score.display),
        "new": score_text(t, score.new_status, score.new, score.display),
        "delta": signed(t, delta) if delta is not None else "—",
    }


def changes_view(diff: AssessmentDiff, chart: Any, t: Translator) -> dict[str, Any]:
    overall, rule = diff.overall, diff.display
    old = score_text(t, overall.old_status, overall.old, rule)
    new = score_text(t, overall.new_status, overall.new, rule)
    if overall.shown_delta is not None:
        headline = t(
            "site.changes.headline", delta=signed(t, overall.shown_delta), old=old, new=new
        )
    else:
        headline = t("site.changes.headline_status", old=old, new=new)
    rows = [_row(localize(p.title, t.lang), p.score, t) for p in diff.pillars]
    rows.append(_row(t("overall.heading"), overall, t))
    lines = [_contribution_text(c, t, rule) for c in diff.contributions]
    indicators = [
        text
        for p in diff.pillars
        for c in p.indicators
        if (text := _indicator_text(c, t)) is not None
    ]
    note = ""
    if diff.old_rubric != diff.new_rubric:
        note = t(
            "site.changes.rubric",
            old=diff.old_rubric or "—",
            new=diff.new_rubric or "—",
            count=len(diff.not_comparable),
        )
    return {
        "old_edition": diff.old_edition or "—",
        "new_edition": diff.new_edition or "—",
        "headline": headline,
        "rubric_note": note,
        "chart": chart,
        "rows": rows,
        "contributions": lines,
        "indicators": indicators,
    }
