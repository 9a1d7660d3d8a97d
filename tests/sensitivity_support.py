"""Small rubrics and assessments built in memory, for the sensitivity and agreement tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from scorecard.model import Assessment, Rubric, assessment_from_data, rubric_from_data

LEVELS = [
    {"id": "none", "value": 0, "descriptor": "Nothing."},
    {"id": "some", "value": 40, "descriptor": "Some."},
    {"id": "most", "value": 70, "descriptor": "Most."},
    {"id": "all", "value": 100, "descriptor": "All."},
]


def rubric_data(
    pillars: tuple[tuple[str, str, float, tuple[float, ...]], ...] = (
        ("strategy", "mean", 2, (1.5, 0.5, 1)),
        ("emergency", "min", 1, (1, 1, 1)),
        ("data", "mean", 1.5, (2, 1, 1)),
    ),
    version: str = "1.0",
) -> dict[str, Any]:
    """A rubric: (pillar id, aggregation, weight, indicator weights) per pillar; indicators
    are `<pillar>.<n>` with the levels none/some/most/all worth 0/40/70/100."""
    return {
        "id": "sens",
        "version": version,
        "title": "Sensitivity test rubric",
        "languages": ["en"],
        "min_coverage": "2/3",
        "bands": [
            {"id": "low", "label": "Low", "min": 0, "max": 40},
            {"id": "medium", "label": "Medium", "min": 40, "max": 70},
            {"id": "high", "label": "High", "min": 70, "max": 100},
        ],
        "pillars": [
            {
                "id": pid,
                "title": pid,
                "weight": weight,
                "aggregation": aggregation,
                "indicators": [
                    {
                        "id": f"{pid}.{n}",
                        "question": f"{pid} {n}?",
                        "weight": w,
                        "na_allowed": True,
                        "levels": LEVELS,
                    }
                    for n, w in enumerate(weights, 1)
                ],
            }
            for pid, aggregation, weight, weights in pillars
        ],
    }


def make_rubric(**kwargs: Any) -> Rubric:
    return rubric_from_data(rubric_data(**kwargs))


def answer(spec: str) -> dict[str, Any]:
    """`none`/`some`/`most`/`all` -> a level; `nf` -> not_found; `ins` -> insufficient;
    `na` -> not applicable; `-` -> no answer (left out by `make_assessment`)."""
    if spec == "nf":
        return {"not_found": "Searched the ministry website."}
    if spec == "ins":
        return {"insufficient": "Sources conflict."}
    if spec == "na":
        return {"na": "No state of exception."}
    return {"level": spec, "evidence": [{"title": "Source", "url": "https://example.org"}]}


def make_assessment(
    rubric: Rubric,
    code: str,
    answers: dict[str, str],
    edition: str = "2024",
    as_of: str = "2024-06-30",
) -> Assessment:
    return assessment_from_data(
        {
            "rubric": rubric.ref,
            "jurisdiction": {"code": code, "name": f"Land {code}"},
            "edition": edition,
            "as_of": as_of,
            "status": "example",
            "answers": {k: answer(v) for k, v in answers.items() if v != "-"},
        }
    )


def answers_of(rubric: Rubric, specs: str) -> dict[str, str]:
    """Answers from a space-separated list, one per indicator in rubric order."""
    ids = [i.id for i in rubric.indicators]
    values = specs.split()
    assert len(values) == len(ids), (values, ids)
    return dict(zip(ids, values, strict=True))


def write_workspace(root: Path, editions: dict[str, dict[str, str]]) -> Path:
    """A workspace at `root` with the sensitivity rubric and one assessment per entry of
    `editions`: "<CODE>/<edition>" -> answers by indicator id (see `answer`)."""
    rubric = rubric_data()
    folder = root / "rubrics" / rubric["id"]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{rubric['version']}.yaml").write_text(yaml.safe_dump(rubric), encoding="utf-8")
    for key, answers in editions.items():
        write_assessment(root / "assessments" / f"{key}.yaml", answers)
    return root


def write_assessment(
    path: Path,
    answers: dict[str, str],
    rubric: str = "sens@1.0",
    code: str | None = None,
    edition: str | None = None,
) -> Path:
    """An assessment file; its code and edition are by default its folder and file name."""
    code, edition = code or path.parent.name, edition or path.stem
    data = {
        "rubric": rubric,
        "jurisdiction": {"code": code, "name": f"Land {code}"},
        "edition": edition,
        "as_of": f"{edition}-06-30",
        "status": "example",
        "answers": {k: answer(v) for k, v in answers.items() if v != "-"},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path
