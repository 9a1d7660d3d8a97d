"""How far independent codings of the same editions agree: Krippendorff's alpha, percent
agreement, and the answers to reconcile.

A *coding* is one coder's assessment file of an edition. The *units* are the indicators of
each edition coded by two or more coders. A unit's values are the coders' levels: the level
id for the nominal alpha, the level's value (0-100; levels are ordered by value within an
indicator) for the ordinal alpha. Answers that are not levels (`not_found`, `na`,
`insufficient`, unanswered) are missing values for alpha, and are listed.

Everything here is exact (fractions); the records carry figures and codes, never sentences.
See docs/methodology.md, "Agreement".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from scorecard.jurisdictions import parse_code
from scorecard.model import AnswerKind, Assessment, Rubric

if TYPE_CHECKING:
    from scorecard.workspace import Workspace

Metric = Literal["nominal", "ordinal", "interval"]
Undefined = Literal["no_pairable_values", "no_variation", "single_unit"]
CODINGS_FOLDER = "codings"


# --- Krippendorff's alpha -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Alpha:
    """Krippendorff's alpha = 1 - Do/De, with what it was computed from. `value` is None when
    alpha is undefined: no unit has two values (`no_pairable_values`), or every pairable
    value is the same, so there is no disagreement to expect (`no_variation`). Reports also
    leave it undefined over a single pairable unit (`single_unit`): there alpha is 0 for
    any disagreement and says nothing beyond "they differ"."""

    metric: Metric
    value: Fraction | None
    undefined: Undefined | None
    pairable: int  # n: the values in units with two or more values
    units: int  # units with two or more values
    observed: Fraction | None  # Do
    expected: Fraction | None  # De


def _coincidences(
    units: Sequence[Sequence[Hashable | None]],
) -> tuple[dict[tuple[Hashable, Hashable], Fraction], int]:
    """The coincidence matrix o[c, k] (pairs of values within units, each unit weighted by
    1/(m_u - 1)) and the number of pairable units."""
    o: dict[tuple[Hashable, Hashable], Fraction] = defaultdict(Fraction)
    pairable_units = 0
    for unit in units:
        values = Counter(v for v in unit if v is not None)
        m = sum(values.values())
        if m < 2:
            continue
        pairable_units += 1
        for c, n_c in values.items():
            for k, n_k in values.items():
                pairs = n_c * (n_c - 1) if c == k else n_c * n_k
                if pairs:
                    o[c, k] += Fraction(pairs, m - 1)
    return o, pairable_units


def krippendorff_alpha(units: Sequence[Sequence[Hashable | None]], metric: Metric) -> Alpha:
    """Krippendorff's alpha over `units`, each the values its coders gave (None = missing).

    Computed exactly as in K. Krippendorff, "Computing Krippendorff's Alpha-Reliability"
    (2011): nominal δ² = [c ≠ k]; ordinal δ² = (Σ_{g=c..k} n_g − (n_c + n_k)/2)² over the
    values in order; interval δ² = (c − k)². Ordinal and interval values must be numbers."""
    o, pairable_units = _coincidences(units)
    n_c: dict[Hashable, Fraction] = defaultdict(Fraction)
    for (c, _), count in o.items():
        n_c[c] += count
    n = sum(n_c.values(), Fraction(0))
    if n == 0:
        return Alpha(metric, None, "no_pairable_values", 0, 0, None, None)
    delta = _distance(metric, n_c)
    values = list(n_c)
    observed = sum((count * delta(c, k) for (c, k), count in o.items()), Fraction(0)) / n
    expected = sum(
        (n_c[c] * n_c[k] * delta(c, k) for c in values for k in values if c != k), Fraction(0)
    ) / (n * (n - 1))
    if expected == 0:
        return Alpha(metric, None, "no_variation", int(n), pairable_units, observed, expected)
    return Alpha(metric, 1 - observed / expected, None, int(n), pairable_units, observed, expected)


def _number(value: Any) -> Fraction:
    return Fraction(value)


def _distance(
    metric: Metric, n_c: dict[Hashable, Fraction]
) -> Callable[[Hashable, Hashable], Fraction]:
    """δ²(c, k) of the metric; the ordinal one from the values' frequencies n_c."""
    if metric == "nominal":
        return lambda c, k: Fraction(c != k)
    if metric == "interval":
        return lambda c, k: (_number(c) - _number(k)) ** 2
    order = sorted(n_c, key=_number)
    cumulative: dict[Hashable, Fraction] = {}
    running = Fraction(0)
    for value in order:
        running += n_c[value]
        cumulative[value] = running  # Σ n_g for g up to and including value

    def ordinal(c: Hashable, k: Hashable) -> Fraction:
        low, high = sorted((c, k), key=_number)
        between = cumulative[high] - cumulative[low] + n_c[low]  # Σ n_g, g from low to high
        return (between - (n_c[low] + n_c[high]) / 2) ** 2

    return ordinal


# --- codings ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Coding:
    """One coder's assessment of one edition."""

    coder: str
    path: str
    assessment: Assessment


@dataclass(frozen=True, slots=True)
class CoderAnswer:
    coder: str
    kind: AnswerKind
    level: str | None  # the level id, for a `level` answer
    value: Fraction | None  # that level's value


@dataclass(frozen=True)
class Unit:
    """One indicator of one edition, as each coder answered it."""

    code: str
    edition: str
    pillar: str
    indicator: str
    answers: tuple[CoderAnswer, ...]  # in coder order

    @property
    def agreed(self) -> bool:
        """Every coder gave the same answer (same kind, and the same level if a level)."""
        return len({(a.kind, a.level) for a in self.answers}) == 1

    @property
    def non_levels(self) -> tuple[CoderAnswer, ...]:
        """The answers that are missing values for alpha."""
        return tuple(a for a in self.answers if a.kind != "level")

    @property
    def level_pairs(self) -> tuple[int, int]:
        """(pairs of coders who both gave a level, the pairs of them that agree)."""
        levels = [a.level for a in self.answers if a.kind == "level"]
        pairs = len(levels) * (len(levels) - 1) // 2
        same = sum(c * (c - 1) // 2 for c in Counter(levels).values())
        return pairs, same


Scope = Literal["overall", "pillar", "indicator"]


@dataclass(frozen=True)
class Agreement:
    """The agreement figures over a set of units: everything, a pillar or an indicator."""

    scope: Scope
    id: str  # "overall", a pillar id or an indicator id
    units: int
    agreed_units: int  # units where every coder gave the same answer
    pairs: int  # pairs of level answers within units
    agreeing_pairs: int
    nominal: Alpha
    ordinal: Alpha

    @property
    def percent(self) -> Fraction | None:
        """Pairwise percent agreement on levels, as a share; None without any pair."""
        return Fraction(self.agreeing_pairs, self.pairs) if self.pairs else None


@dataclass(frozen=True)
class AgreementReport:
    rubric: str
    coders: tuple[str, ...]
    editions: tuple[tuple[str, str], ...]  # (code, edition) compared, in order
    single: tuple[Coding, ...]  # codings of an edition nobody else coded: not compared
    overall: Agreement
    pillars: tuple[Agreement, ...]
    indicators: tuple[Agreement, ...]
    units: tuple[Unit, ...]

    @property
    def disagreements(self) -> tuple[Unit, ...]:
        """Units where the coders' answers differ: the list to reconcile."""
        return tuple(u for u in self.units if not u.agreed)

    @property
    def with_non_levels(self) -> tuple[Unit, ...]:
        """Units where some coder's answer is not a level (a missing value for alpha)."""
        return tuple(u for u in self.units if u.non_levels)


def _answer(coder: str, assessment: Assessment, rubric: Rubric, indicator_id: str) -> CoderAnswer:
    answer = assessment.answer(indicator_id)
    indicator = rubric.indicator(indicator_id)
    level = indicator.level(answer.level) if indicator and answer.level else None
    if answer.kind == "level" and level is not None:
        return CoderAnswer(coder, "level", level.id, level.value)
    return CoderAnswer(coder, answer.kind, None, None)


def _reported(alpha: Alpha) -> Alpha:
    """Alpha as reports give it: undefined over fewer than two pairable units."""
    if alpha.value is not None and alpha.units < 2:
        return replace(alpha, value=None, undefined="single_unit")
    return alpha


def _figures(scope: Scope, id: str, units: Sequence[Unit]) -> Agreement:
    pairs = [u.level_pairs for u in units]
    return Agreement(
        scope=scope,
        id=id,
        units=len(units),
        agreed_units=sum(u.agreed for u in units),
        pairs=sum(p for p, _ in pairs),
        agreeing_pairs=sum(s for _, s in pairs),
        nominal=_reported(
            krippendorff_alpha([[a.level for a in u.answers] for u in units], "nominal")
        ),
        ordinal=_reported(
            krippendorff_alpha([[a.value for a in u.answers] for u in units], "ordinal")
        ),
    )


def measure_agreement(codings: Sequence[Coding], rubric: Rubric) -> AgreementReport:
    """Agreement between the codings, edition by edition; every coding must use `rubric`.

    Codings are grouped by (jurisdiction, edition); an edition with one coding is listed in
    `single` and not compared. Raises ValueError if a coding uses another rubric or two
    codings of an edition have the same coder (callers check both first)."""
    groups: dict[tuple[str, str], list[Coding]] = defaultdict(list)
    for coding in codings:
        if coding.assessment.rubric != rubric.ref:
            raise ValueError(f"{coding.path} uses {coding.assessment.rubric}, not {rubric.ref}")
        groups[coding.assessment.code, coding.assessment.edition].append(coding)
    units: list[Unit] = []
    compared: list[tuple[str, str]] = []
    single: list[Coding] = []
    coders: set[str] = set()
    for key in sorted(groups):
        group = sorted(groups[key], key=lambda c: c.coder)
        if len(group) < 2:
            single.extend(group)
            continue
        if len({c.coder for c in group}) != len(group):
            raise ValueError(f"two codings of {key[0]} {key[1]} by the same coder")
        compared.append(key)
        coders.update(c.coder for c in group)
        for pillar in rubric.pillars:
            for indicator in pillar.indicators:
                answers = tuple(_answer(c.coder, c.assessment, rubric, indicator.id) for c in group)
                units.append(Unit(key[0], key[1], pillar.id, indicator.id, answers))
    pillars = tuple(
        _figures("pillar", p.id, [u for u in units if u.pillar == p.id]) for p in rubric.pillars
    )
    indicators = tuple(
        _figures("indicator", i.id, [u for u in units if u.indicator == i.id])
        for i in rubric.indicators
    )
    return AgreementReport(
        rubric=rubric.ref,
        coders=tuple(sorted(coders)),
        editions=tuple(compared),
        single=tuple(single),
        overall=_figures("overall", "overall", units),
        pillars=pillars,
        indicators=indicators,
        units=tuple(units),
    )


# --- reading codings from files -------------------------------------------------------------


def coder_label(path: Path) -> str:
    """The coder of a coding file: `<coder>` in codings/<coder>/<CODE>/<edition>.yaml, else
    the file's name without its extension (alice.yaml, codings/XA/2024/alice.yaml -> alice)."""
    parts = path.parts
    if len(parts) >= 4 and parts[-4] == CODINGS_FOLDER and parse_code(parts[-2]):
        return parts[-3]
    return path.stem


def read_codings(paths: Sequence[Path], workspace: Workspace) -> tuple[list[Coding], Rubric]:
    """Validate coding files (named, or found in folders) and return them with their rubric.

    Each coder's files are validated together, apart from other coders' (codings of the same
    edition by different coders are not duplicates; two by the same coder are, and validation
    says so). Raises InvalidInput with located problems when a file is invalid or when the
    codings use different rubrics; ValueError when there is no coding among the files."""
    from scorecard.errors import InvalidInput, Problem, phrase
    from scorecard.loading import LoadError, load_document
    from scorecard.validation import check_files
    from scorecard.workspace import expand_paths

    files = expand_paths(paths)
    by_coder: dict[str, list[Path]] = defaultdict(list)
    for path in files:
        by_coder[coder_label(path)].append(path)
    problems: list[Problem] = []
    found: list[Coding] = []
    rubrics: dict[str, Rubric] = {}
    for coder in sorted(by_coder):
        report = check_files(by_coder[coder], workspace)
        problems.extend(report.errors)
        rubrics.update(report.rubrics)
        for assessment in report.assessments:
            found.append(Coding(coder, assessment.source_path or "", assessment))
    if problems:
        raise InvalidInput(problems)
    if not found:
        raise ValueError("no assessment among the files given")

    def located(coding: Coding, field_path: tuple[str, ...]) -> tuple[int, int]:
        try:
            return load_document(Path(coding.path)).locate(field_path)
        except LoadError:  # pragma: no cover - the file was just read and validated
            return 1, 1

    first = found[0]
    for coding in found[1:]:
        if coding.assessment.rubric != first.assessment.rubric:
            line, column = located(coding, ("rubric",))
            problems.append(
                Problem(
                    coding.path,
                    line,
                    column,
                    "error",
                    phrase(
                        "agreement.problem.rubric",
                        rubric=coding.assessment.rubric,
                        expected=first.assessment.rubric,
                        file=first.path,
                    ),
                    phrase("agreement.problem.rubric.hint"),
                    "agreement-rubric",
                )
            )
    if problems:
        raise InvalidInput(problems)
    return found, rubrics[first.assessment.rubric]
