"""Shared by the chart tests: scored results of the test workspaces, and SVG parsing."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

from conftest import DATA, REPO

from scorecard.api import load_valid
from scorecard.scoring import Result, score_assessment
from scorecard.workspace import open_workspace

NS = "{http://www.w3.org/2000/svg}"


@cache
def results(root: Path) -> dict[str, Result]:
    """`CODE-edition` -> result, for every assessment of the workspace at `root`."""
    workspace = open_workspace(root)
    report = load_valid([workspace.rubrics_dir, workspace.assessments_dir], workspace)
    scored = (score_assessment(report.rubrics[a.rubric], a) for a in report.assessments)
    return {f"{r.assessment.code}-{r.assessment.edition}": r for r in scored}


def two_rubrics() -> dict[str, Result]:
    """XB, XC and XD in 2023 and 2024; XD's 2024 edition uses diff-rubric 1.1."""
    return results(DATA / "diff")


def bundled() -> dict[str, Result]:
    """The project's own assessments; HN 2023 and 2024 have every score withheld."""
    return results(REPO)


def parse(svg: object) -> ET.Element:
    return ET.fromstring(str(svg))


def texts(svg: object) -> list[str]:
    return [el.text or "" for el in parse(svg).iter(f"{NS}text")]


def font_sizes(svg: object) -> list[float]:
    return [float(el.get("font-size", "0")) for el in parse(svg).iter(f"{NS}text")]
