"""scorecard diff OLD NEW: every format, the gate, escaping, and the change chart."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from scorecard import schemas
from scorecard.api import score_files
from scorecard.charts.change import change_chart_svg, change_chart_text
from scorecard.diff import diff_results
from scorecard.render.text import md_inline
from scorecard.workspace import open_workspace

DIFF = Path(__file__).resolve().parent.parent / "data" / "diff"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(DIFF, target)
    return target


def pair(code: str) -> list[str]:
    return [f"assessments/{code}/2023.yaml", f"assessments/{code}/2024.yaml"]


def test_table_explains_the_change(run, ws: Path) -> None:
    result = run("diff", *pair("XB"), cwd=ws)
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "46.7 → 54.4" in out and "+7.7" in out
    assert "overall +7.7 (46.7 → 54.4), of which −8.9 from homicide.security-forces" in out
    assert "level aggregate → not found" in out


def test_withheld_is_compared_as_such(run, ws: Path) -> None:
    result = run("diff", *pair("XC"), "--format", "md", cwd=ws)
    assert "| Security budget (budget) | withheld → 45.0 |  |" in result.stdout
    assert "**DRAFT**" in result.stdout


def test_rubric_change_is_said(run, ws: Path) -> None:
    result = run("diff", *pair("XD"), cwd=ws)
    out = " ".join(result.stdout.split())
    assert (
        "rubric changed diff-rubric@1.0 → diff-rubric@1.1: 2 indicators not comparable "
        "(homicide.prisons, budget.execution)" in out
    )
    assert "(not comparable)" in out


@pytest.mark.parametrize("code", ["XB", "XC", "XD"])
def test_json_validates_against_the_schema(run, ws: Path, code: str) -> None:
    result = run("diff", *pair(code), "--format", "json", cwd=ws)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(schemas.validator("diff").iter_errors(data)) == []
    entry = data["entries"][0]
    assert list(entry) == list(schemas.load_schema("diff")["$defs"]["entry"]["properties"])
    from fractions import Fraction

    total = sum((Fraction(c["amount_exact"]) for c in entry["contributions"]), Fraction(0))
    assert str(total) == entry["overall"]["delta_exact"]


def test_markdown_renders_and_escapes_analyst_text(run, ws: Path) -> None:
    result = run("diff", *pair("XB"), "--format", "md", cwd=ws)
    text = result.stdout
    assert text.startswith("## Score changes:")
    assert "| Xebia (XB) | 2023 → 2024 | 46.7 → 54.4 | +7.7 | Limited | changed |" in text
    # The not_found statement holds a `|`: escaped, so the row keeps its two cells.
    assert "2024-06-01 \\| nothing since 2022" in text
    parser = MarkdownIt("commonmark").enable("table")
    tokens = parser.parse(text)
    assert sum(t.type == "table_open" for t in tokens) == 4
    html = parser.render(text)
    assert "<td>homicide.security-forces (Killings by security forces)</td>" in html
    row = next(r for r in html.split("<tr>") if "nothing since 2022" in r)
    assert row.count("<td") == 2 and "| nothing since 2022" in row


def test_analyst_text_in_diff_markdown_is_inert() -> None:
    assert md_inline("a | b\nc <script>") == "a \\| b c \\<script\\>"


def test_fail_on_drop_both_ways(run, ws: Path) -> None:
    # XC: overall 42.4 -> 41.1 (-1.3); the emergency pillar -10.0.
    ok = run("diff", *pair("XC"), "--fail-on-drop", "2", cwd=ws)
    assert ok.exit_code == 0 and ok.stderr == ""
    failed = run("diff", *pair("XC"), "--fail-on-drop", "1", cwd=ws)
    assert failed.exit_code == 1
    assert "XC 2024: overall fell by 1.3 (42.4 → 41.1)" in failed.stderr
    assert failed.stdout  # the report is still written
    per_pillar = run("diff", *pair("XC"), "--fail-on-drop", "2", "--per-pillar", cwd=ws)
    assert per_pillar.exit_code == 1
    assert "pillar emergency fell by 10.0" in per_pillar.stderr
    assert "overall" not in per_pillar.stderr.split("\n", 1)[1]
    rising = run("diff", *pair("XB"), "--fail-on-drop", "0", "--per-pillar", cwd=ws)
    assert rising.exit_code == 1 and "homicide fell by 2.5" in rising.stderr
    assert run("diff", *pair("XB"), "--fail-on-drop", "3", "--per-pillar", cwd=ws).exit_code == 0


def test_fail_on_drop_speaks_spanish(run, ws: Path) -> None:
    failed = run("diff", *pair("XC"), "--fail-on-drop", "1", "--lang", "es", cwd=ws)
    assert failed.exit_code == 1
    assert "las puntuaciones bajaron más de 1 punto:" in failed.stderr
    assert "XC 2024: global bajó 1.3 (42.4 → 41.1)" in failed.stderr


def test_without_the_gate_a_drop_exits_zero(run, ws: Path) -> None:
    assert run("diff", *reversed(pair("XD")), cwd=ws).exit_code == 0


def test_usage_errors(run, ws: Path) -> None:
    one = run("diff", "assessments/XB/2023.yaml", cwd=ws)
    assert one.exit_code == 2 and "two assessment files" in one.stderr
    missing = run("diff", "assessments/XB/2023.yaml", "nope.yaml", cwd=ws)
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    gate = run("diff", *pair("XB"), "--per-pillar", cwd=ws)
    assert gate.exit_code == 2 and "--fail-on-drop" in gate.stderr


def test_invalid_input_is_located(run, ws: Path) -> None:
    bad = ws / "assessments" / "XB" / "2024.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("level: all", "level: most"))
    result = run("diff", *pair("XB"), cwd=ws)
    assert result.exit_code == 1 and result.stdout == ""
    assert "assessments/XB/2024.yaml:" in result.stderr and "Traceback" not in result.stderr


def test_output_file(run, ws: Path) -> None:
    result = run("diff", *pair("XB"), "--format", "md", "-o", "diff.md", cwd=ws)
    assert result.exit_code == 0
    assert (ws / "diff.md").read_text(encoding="utf-8").startswith("## Score changes:")
    table = run("diff", *pair("XB"), "-o", "diff.txt", cwd=ws)
    assert table.exit_code == 0 and "46.7 → 54.4" in (ws / "diff.txt").read_text("utf-8")
    refused = run("diff", *pair("XB"), "-o", "assessments/XB/2024.yaml", cwd=ws)
    assert refused.exit_code == 2


def test_deterministic(run, ws: Path) -> None:
    first = run("diff", *pair("XD"), "--format", "json", cwd=ws).stdout
    assert first == run("diff", *pair("XD"), "--format", "json", cwd=ws).stdout


def test_change_chart_is_accessible_svg() -> None:
    workspace = open_workspace(DIFF)
    root = DIFF / "assessments" / "XC"
    entry = diff_results(*score_files([root / "2023.yaml", root / "2024.yaml"], workspace))
    svg = change_chart_svg(entry, "en")
    tree = ET.fromstring(str(svg))
    ns = "{http://www.w3.org/2000/svg}"
    assert tree.get("role") == "img"
    assert tree.find(f"{ns}title").text == "Change in scores: Xerxia, 2023 → 2024"  # type: ignore[union-attr]
    desc = tree.find(f"{ns}desc").text or ""  # type: ignore[union-attr]
    assert "Security budget: Withheld → 45.0" in desc
    assert "Overall: 42.4 → 41.1 (−1.3)" in desc
    # Old and new bars for every scored side; none for the withheld budget of 2023.
    assert len(tree.findall(f"{ns}rect")) == 2 + 1 + 2 + 2
    assert change_chart_text(entry, "es")[-1] == "Global: 42.4 → 41.1 (−1.3)"
    assert change_chart_svg(entry, "es") == change_chart_svg(entry, "es")


def test_spanish_markdown_uses_the_catalog_and_decimal_commas(run, ws: Path) -> None:
    # Ecuador writes decimal commas (CLDR); plain Spanish (es-419) writes points.
    result = run("diff", *pair("XB"), "--format", "md", "--lang", "es-EC", cwd=ws)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith("## Cambios de puntuación:")
    assert "| Jurisdicción | Edición | Global | Δ | Banda | Cambio |" in text
    assert (
        "| Xebia (XB) | 2023 → 2024 | 46,7 → 54,4 | +7,7 | Limitada | cambiada |" in text
    )  # labels, not ids
    assert "Global +7,7 (46,7 → 54,4), de lo cual −8,9 por homicide.security-forces" in text
    assert "| Mayores contribuciones | Δ global |" in text
    assert "nivel aggregate → no encontrada" in text and "valor 40,0 → 0,0" in text
    assert "100,0%" in text
    for english in ("Score changes", "of which", "Largest contributions", "What changed"):
        assert english not in text
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    assert sum(t.type == "table_open" for t in tokens) == 4


def test_spanish_terminal_draft_and_rubric_note(run, ws: Path) -> None:
    draft = run("diff", *pair("XC"), "--format", "md", "--lang", "es", cwd=ws)
    assert "**BORRADOR**: no es una evaluación revisada y publicada." in draft.stdout
    assert "| Presupuesto de seguridad (budget) | retenida → 45.0 |  |" in draft.stdout
    table = run("diff", *pair("XD"), "--lang", "es", cwd=ws)
    assert table.exit_code == 0, table.stderr
    out = " ".join(table.stdout.split())
    assert "la rúbrica cambió (diff-rubric@1.0 → diff-rubric@1.1): 2 indicadores no son" in out
    assert "61.1 → 81.5" in out and "+20.4" in out
    assert "revisado en la rúbrica (no comparable)" in out


def test_json_keeps_its_words_and_numbers_whatever_the_language(run, ws: Path) -> None:
    en = json.loads(run("diff", *pair("XB"), "--format", "json", cwd=ws).stdout)
    es = json.loads(run("diff", *pair("XB"), "--format", "json", "--lang", "es", cwd=ws).stdout)
    assert list(schemas.validator("diff").iter_errors(es)) == []
    assert es["entries"][0]["summary"].startswith("overall +7.7 (46.7 → 54.4), of which")
    assert es["entries"][0]["overall"] == en["entries"][0]["overall"]
    # Only names and titles follow --lang.
    assert es["entries"][0]["pillars"][0]["title"] == "Datos de homicidios"
    assert en["entries"][0]["pillars"][0]["title"] == "Homicide data"


def test_unknown_language_is_a_usage_error(run, ws: Path) -> None:
    for fmt in ("table", "md", "json"):
        result = run("diff", *pair("XB"), "--format", fmt, "--lang", "fr", cwd=ws)
        assert result.exit_code == 2
        assert "unknown language 'fr'" in result.stderr and result.stdout == ""


def test_change_chart_words_come_from_the_catalog() -> None:
    workspace = open_workspace(DIFF)
    root = DIFF / "assessments" / "XC"
    entry = diff_results(*score_files([root / "2023.yaml", root / "2024.yaml"], workspace))
    tree = ET.fromstring(str(change_chart_svg(entry, "es")))
    ns = "{http://www.w3.org/2000/svg}"
    title = tree.find(f"{ns}title").text  # type: ignore[union-attr]
    assert title == "Cambio de las puntuaciones: Jerjia, 2023 → 2024"
    desc = tree.find(f"{ns}desc").text or ""  # type: ignore[union-attr]
    assert (
        desc.startswith("Gráfico de barras:")
        and "Presupuesto de seguridad: Retenida → 45.0" in desc
    )
    # An unknown language draws in the default one rather than failing.
    assert change_chart_text(entry, "xx") == change_chart_text(entry, "en")
