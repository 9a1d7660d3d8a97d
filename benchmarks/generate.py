"""Generate a synthetic workspace of any size, for benchmarks.

    python benchmarks/generate.py OUT_DIR --assessments 2000

writes OUT_DIR/rubrics/bench-rubric/1.0.yaml (6 pillars x 5 indicators, two weakest-link
pillars, some indicators that allow "not applicable", text in English and Spanish) and
OUT_DIR/assessments/<CODE>/<edition>.yaml: fictional jurisdictions with user-assigned codes
only (XA..XZ, QM..QZ, then subdivision-style codes such as QM-001 and XA-A12), four editions
each (2021..2024), with a realistic mix of answers, evidence and Markdown notes.

The output is deterministic: the same --assessments and --seed give byte-identical files.
Every file is valid, so `scorecard validate` in OUT_DIR exits 0.
"""

from __future__ import annotations

import argparse
import random
import shutil
import string
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

GENERATOR_VERSION = "1"  # bump when the output changes, so cached workspaces are rebuilt
RUBRIC_ID = "bench-rubric"
RUBRIC_VERSION = "1.0"
EDITIONS = ("2021", "2022", "2023", "2024")
MARKER = ".bench-workspace"

# ISO 3166 user-assigned alpha-2 codes: never a real country.
COUNTRY_CODES = [f"X{c}" for c in string.ascii_uppercase] + [
    f"Q{c}" for c in string.ascii_uppercase[string.ascii_uppercase.index("M") :]
]

PILLARS: list[tuple[str, str, str, str]] = [
    # (id, English title, Spanish title, aggregation)
    ("strategy", "Security strategy", "Estrategia de seguridad", "mean"),
    ("emergency", "States of exception", "Estados de excepción", "min"),
    ("budget", "Security budgets", "Presupuestos de seguridad", "mean"),
    ("homicide", "Homicide data", "Datos de homicidios", "mean"),
    ("hidden-crime", "Hidden crimes", "Delitos ocultos", "min"),
    ("oversight", "Oversight and access", "Supervisión y acceso", "mean"),
]

TOPICS_EN = [
    "publication",
    "completeness",
    "timeliness",
    "independent audit",
    "disaggregation",
]
TOPICS_ES = [
    "publicación",
    "exhaustividad",
    "puntualidad",
    "auditoría independiente",
    "desagregación",
]
LEVEL_SETS: list[list[tuple[str, int, str, str]]] = [
    [
        ("no", 0, "Nothing is public.", "Nada es público."),
        ("yes", 100, "Fully public.", "Todo es público."),
    ],
    [
        ("none", 0, "Nothing is public.", "Nada es público."),
        ("partial", 50, "A summary is public.", "Se publica un resumen."),
        ("full", 100, "The full text is public.", "Se publica el texto completo."),
    ],
    [
        ("none", 0, "Nothing is public.", "Nada es público."),
        ("late", 30, "Published more than a year late.", "Publicado con más de un año de retraso."),
        ("partial", 60, "Published, but incomplete.", "Publicado, pero incompleto."),
        ("full", 100, "Complete and on time.", "Completo y a tiempo."),
    ],
    [
        ("none", 0, "Nothing is public.", "Nada es público."),
        ("aggregate", 25, "Only national totals.", "Solo totales nacionales."),
        ("regional", 50, "By region.", "Por región."),
        ("detailed", 75, "By region and month.", "Por región y mes."),
        ("open-data", 100, "Record-level open data.", "Datos abiertos por registro."),
    ],
]

PUBLISHERS = [
    "Ministry of Security",
    "Ministry of Finance",
    "National Statistics Office",
    "Supreme Audit Institution",
    "Official Gazette",
    "Office of the Attorney General",
    "National Assembly",
    "Ombudsman's Office",
]
DOC_KINDS = [
    "Annual report",
    "Budget execution report",
    "Decree",
    "Statistical bulletin",
    "Press release",
    "Audit report",
    "Strategy document",
    "Parliamentary record",
]
SYLLABLES = ["ka", "lo", "ver", "mi", "dan", "tu", "sel", "ra", "no", "bi", "quen", "zo"]


def jurisdiction_codes() -> Iterator[str]:
    """XA, XB, ... QZ, then subdivision-style codes: XA-001, XB-001, ..., XA-A00, ..."""
    yield from COUNTRY_CODES
    round_ = 0
    while True:
        if round_ % 2 == 0:
            suffix = f"{round_ // 2 + 1:03d}"
        else:
            k = round_ // 2
            suffix = f"{string.ascii_uppercase[k % 26]}{k // 26:02d}"
        for country in COUNTRY_CODES:
            yield f"{country}-{suffix}"
        round_ += 1


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def make_rubric() -> dict[str, Any]:
    """The 30-indicator benchmark rubric."""
    pillars = []
    for p_index, (pillar_id, title_en, title_es, aggregation) in enumerate(PILLARS):
        indicators = []
        for i_index in range(5):
            levels = LEVEL_SETS[(p_index + i_index) % len(LEVEL_SETS)]
            topic_en, topic_es = TOPICS_EN[i_index], TOPICS_ES[i_index]
            indicator: dict[str, Any] = {
                "id": f"{pillar_id}.{i_index + 1}",
                "short": {"en": f"{title_en}: {topic_en}", "es": f"{title_es}: {topic_es}"},
                "question": {
                    "en": f"How does the government handle the {topic_en} of its "
                    f"{title_en.lower()}?",
                    "es": f"¿Cómo gestiona el gobierno la {topic_es} de sus {title_es.lower()}?",
                },
                "guidance": {
                    "en": "Look at the official website, the gazette and the statistics "
                    "office; record where and when you looked.",
                    "es": "Consulte el sitio oficial, el diario oficial y la oficina de "
                    "estadística; anote dónde y cuándo buscó.",
                },
                "weight": [1, 1.5, 2, 0.5, 1][i_index],
                "levels": [
                    {"id": lid, "value": value, "descriptor": {"en": en, "es": es}}
                    for lid, value, en, es in levels
                ],
                "recommendation": {
                    "en": f"Publish the {title_en.lower()}",
                    "es": f"Publicar los {title_es.lower()}",
                },
                "anchors": [f"GDI Q{p_index * 5 + i_index + 1}"],
            }
            if pillar_id == "emergency" or i_index == 4:
                indicator["na_allowed"] = True
            if i_index in (0, 3):
                indicator["evidence"] = {"url_required": True}
            indicators.append(indicator)
        pillars.append(
            {
                "id": pillar_id,
                "title": {"en": title_en, "es": title_es},
                "description": {
                    "en": f"Whether the {title_en.lower()} are open to public scrutiny.",
                    "es": f"Si los {title_es.lower()} están abiertos al escrutinio público.",
                },
                "weight": [2, 1, 1.5, 2, 1, 0.5][p_index],
                "aggregation": aggregation,
                "indicators": indicators,
            }
        )
    return {
        "id": RUBRIC_ID,
        "version": RUBRIC_VERSION,
        "title": {"en": "Benchmark rubric", "es": "Rúbrica de referencia"},
        "description": {
            "en": "A synthetic 30-indicator rubric for performance benchmarks.",
            "es": "Una rúbrica sintética de 30 indicadores para medir el rendimiento.",
        },
        "languages": ["en", "es"],
        "min_coverage": "2/3",
        "bands": [
            {"id": "scant", "label": {"en": "Scant", "es": "Escasa"}, "min": 0, "max": 21},
            {"id": "minimal", "label": {"en": "Minimal", "es": "Mínima"}, "min": 21, "max": 41},
            {"id": "limited", "label": {"en": "Limited", "es": "Limitada"}, "min": 41, "max": 61},
            {
                "id": "substantial",
                "label": {"en": "Substantial", "es": "Sustancial"},
                "min": 61,
                "max": 81,
            },
            {
                "id": "extensive",
                "label": {"en": "Extensive", "es": "Amplia"},
                "min": 81,
                "max": 100,
            },
        ],
        "pillars": pillars,
    }


def _date(rng: random.Random, year: int, last_month: int = 12) -> str:
    return f"{year}-{rng.randint(1, last_month):02d}-{rng.randint(1, 28):02d}"


def _source(rng: random.Random, code: str, year: int) -> dict[str, Any]:
    published_year = year - rng.randint(0, 2)
    published = _date(rng, published_year, 5 if published_year == year else 12)
    accessed = f"{year}-06-{rng.randint(1, 28):02d}"
    slug = "".join(rng.choice(string.ascii_lowercase) for _ in range(8))
    kind = rng.choice(DOC_KINDS)
    return {
        "title": f"{kind} {published_year}",
        "url": f"https://gov-{code.lower()}.example.org/docs/{published_year}/{slug}.pdf",
        "publisher": rng.choice(PUBLISHERS),
        "published": published,
        "accessed": accessed,
        "locator": rng.choice(["p. ", "section ", "table ", "annex "]) + str(rng.randint(1, 80)),
        "quote": rng.choice(
            [
                "The figures cover all departments of the country.",
                "Expenditure by programme is shown in the annex.",
                "The state of exception is extended for thirty days.",
                "Deaths in custody are reported by month and facility.",
                "The audit found no reconciliation of payroll records.",
                "Data are published under an open licence.",
            ]
        ),
    }


def make_assessment(
    rubric: dict[str, Any], code: str, name: str, edition: str, rng: random.Random
) -> dict[str, Any]:
    """One assessment of `code` for `edition`, against the benchmark rubric."""
    year = int(edition)
    answers: dict[str, Any] = {}
    for pillar in rubric["pillars"]:
        for indicator in pillar["indicators"]:
            roll = rng.random()
            answer: dict[str, Any]
            if indicator.get("na_allowed") and roll < 0.08:
                answer = {"na": "No state of exception was in force in the period."}
            elif roll < 0.20:
                answer = {
                    "not_found": f"Searched the ministry website and the official gazette "
                    f"on {year}-06-{rng.randint(1, 28):02d}."
                }
            elif roll < 0.24:
                answer = {
                    "insufficient": "Official and press figures conflict and cannot be reconciled."
                }
            else:
                level = rng.choice(indicator["levels"])
                answer = {"level": level["id"]}
                if level["value"] > 0 or rng.random() < 0.5:
                    answer["evidence"] = [
                        _source(rng, code, year) for _ in range(rng.choice((1, 1, 2, 3)))
                    ]
            if rng.random() < 0.4:
                answer["notes"] = rng.choice(
                    [
                        "Only a *summary* was published; the annexes are missing.",
                        "See the **annual report**, chapter 3:\n\n- totals by region\n"
                        "- no breakdown by month",
                        "The [data portal](https://data.example.org) was offline for a week.",
                        "Figures were revised after publication.",
                    ]
                )
            if "level" in answer and rng.random() < 0.5:
                answer["confidence"] = rng.choice(["low", "medium", "high"])
            answers[indicator["id"]] = answer
    return {
        "rubric": f"{RUBRIC_ID}@{RUBRIC_VERSION}",
        "jurisdiction": {"code": code, "name": {"en": name, "es": name}},
        "edition": edition,
        "as_of": f"{year}-06-30",
        "status": "example",
        "summary": {
            "en": f"Synthetic benchmark data for {name}; not a real jurisdiction.",
            "es": f"Datos sintéticos de referencia para {name}; no es una jurisdicción real.",
        },
        "assessors": [{"name": "Bench Analyst", "date": f"{year}-07-{rng.randint(1, 14):02d}"}],
        "reviewers": [
            {
                "name": "Bench Reviewer",
                "verdict": "approved",
                "date": f"{year}-07-{rng.randint(15, 28):02d}",
            }
        ],
        "right_of_reply": {"requested": f"{year}-07-01", "received": None},
        "answers": answers,
    }


def _dump(data: Any, comment: str) -> str:
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)
    return f"# {comment}\n{body}"


def generate(out_dir: Path, assessments: int, seed: int = 2024) -> list[Path]:
    """Write a workspace of `assessments` assessment files to `out_dir`; return their paths."""
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise SystemExit(f"{out_dir} exists and was not made by this generator; not touching it")
    for sub in ("rubrics", "assessments", "site"):
        shutil.rmtree(out_dir / sub, ignore_errors=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MARKER).write_text(
        f"generator={GENERATOR_VERSION} assessments={assessments} seed={seed}\n", encoding="utf-8"
    )
    rubric = make_rubric()
    rubric_path = out_dir / "rubrics" / RUBRIC_ID / f"{RUBRIC_VERSION}.yaml"
    rubric_path.parent.mkdir(parents=True)
    rubric_path.write_text(_dump(rubric, "Synthetic benchmark rubric."), encoding="utf-8")

    rng = random.Random(seed)
    written: list[Path] = []
    codes = jurisdiction_codes()
    while len(written) < assessments:
        code = next(codes)
        name = _name(rng)
        folder = out_dir / "assessments" / code
        folder.mkdir(parents=True)
        for edition in EDITIONS[: min(len(EDITIONS), assessments - len(written))]:
            path = folder / f"{edition}.yaml"
            data = make_assessment(rubric, code, name, edition, rng)
            path.write_text(
                _dump(data, f"Fictional jurisdiction {code} (synthetic benchmark data)."),
                encoding="utf-8",
            )
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="the workspace folder to write")
    parser.add_argument("--assessments", type=int, default=2000, help="how many assessment files")
    parser.add_argument("--seed", type=int, default=2024, help="random seed (default 2024)")
    args = parser.parse_args(argv)
    if args.assessments < 1:
        parser.error("--assessments must be at least 1")
    paths = generate(args.out_dir, args.assessments, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} assessments ({size / 1048576:.1f} MiB) to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
