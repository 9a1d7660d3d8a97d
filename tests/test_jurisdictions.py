"""Jurisdiction codes below ISO 3166-2 and ranking like with like (scorecard/jurisdictions.py)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import DATA

from scorecard.api import load_valid
from scorecard.i18n import translator
from scorecard.jurisdictions import CODE_REGEX, Code, parse_code, peer_groups
from scorecard.schemas import load_schema
from scorecard.site.plan import SitePlan, score_report
from scorecard.site.views import ranking_groups
from scorecard.workspace import open_workspace


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SV", Code("SV", None, None)),
        ("MX-CHH", Code("MX", "MX-CHH", None)),
        ("MX_08019", Code("MX", None, "08019")),
        ("MX-CHH_08019", Code("MX", "MX-CHH", "08019")),
        ("BR_3550308", Code("BR", None, "3550308")),
    ],
)
def test_codes_name_their_country_and_level(text: str, expected: Code) -> None:
    assert parse_code(text) == expected


def test_levels() -> None:
    assert [parse_code(c).level for c in ("SV", "SV-SS", "SV_0614")] == [  # type: ignore[union-attr]
        "country",
        "subdivision",
        "local",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "sv",
        "SV_",
        "SV_0614_1",
        "SV__0614",
        "SV_06a4",
        "SV_1234567890123",
        "SV-_1",
        "SV\n",
        "SV_0614\n",
        "S",
        "SVN",
        "SV-ABCD",
        "SV_../x",
        "SV/0614",
    ],
)
def test_what_is_not_a_code(text: str) -> None:
    assert parse_code(text) is None


def test_the_schema_uses_the_same_pattern() -> None:
    schema = load_schema("assessment")
    code = schema["properties"]["jurisdiction"]["properties"]["code"]
    assert code["pattern"] == CODE_REGEX


def test_peer_groups_keep_order_within_a_group() -> None:
    codes = ["XB_2", "XA", "XB-AB", "XB", "XA_9", "XB_1", "XB-AB_3", "XA-CD"]
    groups = peer_groups(codes, lambda c: c)
    assert [(g.level, g.country, g.members) for g in groups] == [
        ("country", None, ("XA", "XB")),
        ("subdivision", "XA", ("XA-CD",)),
        ("local", "XA", ("XA_9",)),
        ("subdivision", "XB", ("XB-AB",)),
        ("local", "XB", ("XB_2", "XB_1", "XB-AB_3")),
    ]


def test_country_names_come_from_cldr_except_user_assigned_codes() -> None:
    assert translator("es").territory("SV") == "El Salvador"
    assert translator("en").territory("MX") == "Mexico"
    assert translator("en").territory("XA") == "XA"  # CLDR calls it "Pseudo-Accents"


# --- in a workspace -------------------------------------------------------------------------


def add_unit(root: Path, code: str, source: str = "XB/2024.yaml") -> None:
    """A copy of a fixture edition as jurisdiction `code`."""
    text = (root / "assessments" / source).read_text(encoding="utf-8")
    original = source.split("/")[0]
    text = text.replace(f"code: {original},", f"code: {code},")
    folder = root / "assessments" / code
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2024.yaml").write_text(text, encoding="utf-8")


@pytest.fixture
def municipal(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(DATA / "diff", root)
    for code in ("XB-AB", "XB_0101", "XB-AB_0102"):
        add_unit(root, code)
    add_unit(root, "XD_0201", "XD/2024.yaml")
    return root


def test_local_units_validate_and_score(municipal: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", str(municipal))
    assert result.exit_code == 0, result.output
    result = run("score", str(municipal / "assessments" / "XB_0101"), "--format", "json")
    assert result.exit_code == 0, result.output
    (only,) = json.loads(result.output)["results"]
    assert only["jurisdiction"]["code"] == "XB_0101"


def test_a_malformed_local_code_is_a_located_problem(municipal: Path, run) -> None:  # type: ignore[no-untyped-def]
    add_unit(municipal, "XB_01a")  # lower-case letter: not a code
    result = run("validate", str(municipal))
    assert result.exit_code == 1
    assert "XB_01a/2024.yaml:4:" in result.output
    assert "local unit after an underscore (MX_08019)" in result.output
    assert "Traceback" not in result.output


def test_new_accepts_a_local_code(
    municipal: Path,
    run,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(municipal)
    result = run("new", "XB_0303", "2025", "--name", "Xebia Town")
    assert result.exit_code == 0, result.output
    assert (municipal / "assessments" / "XB_0303" / "2025.yaml").is_file()
    refused = run("new", "XB_", "2025")
    assert refused.exit_code == 2  # a usage error, as for any bad argument
    assert "MX_08019" in refused.output


def test_the_site_ranks_like_with_like(municipal: Path) -> None:
    workspace = open_workspace(municipal)
    report = load_valid([workspace.rubrics_dir, workspace.assessments_dir], workspace)
    plan = SitePlan(score_report(report), ["en"])
    groups = ranking_groups(plan.latest, translator("en"))
    shown = [(g["heading"], [(r["rank"], r["code"]) for r in g["rows"]]) for g in groups]
    headings = [h for h, _ in shown]
    assert headings == [
        "Countries",
        "Subdivisions of Xebia",
        "Local governments of Xebia",
        "Local governments of Xandria",
    ]
    countries = dict(shown)["Countries"]
    assert {code for _, code in countries} == {"XB", "XC", "XD"}
    for heading, rows in shown:
        ranks = [rank for rank, _ in rows if rank != "—"]
        assert ranks == [str(n) for n in range(1, len(ranks) + 1)], heading
    local_xb = dict(shown)["Local governments of Xebia"]
    assert sorted(code for _, code in local_xb) == ["XB-AB_0102", "XB_0101"]


def test_the_built_index_has_one_table_per_peer_group(
    municipal: Path,
    run,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(municipal)
    result = run("build")
    assert result.exit_code == 0, result.output
    index = (municipal / "site" / "index.html").read_text(encoding="utf-8")
    assert index.count('<table class="ranking">') == 4
    assert "<h3>Local governments of Xebia</h3>" in index
    assert 'id="ranking-caption-4"' in index
    assert index.count("How stable is this ranking?") == 2


def test_each_peer_group_gets_its_rank_interval_chart(municipal: Path) -> None:
    workspace = open_workspace(municipal)
    report = load_valid([workspace.rubrics_dir, workspace.assessments_dir], workspace)
    plan = SitePlan(score_report(report), ["en"])
    groups = {g["heading"]: g for g in ranking_groups(plan.latest, translator("en"))}
    # Two or more ranked: a chart; one alone (Xandria's single municipality): nothing to say.
    assert groups["Countries"]["ranks_chart"] is not None
    assert groups["Local governments of Xebia"]["ranks_chart"] is not None
    assert groups["Local governments of Xandria"]["ranks_chart"] is None
    assert groups["Local governments of Xandria"]["ranks_note"] == ""
    ids = [
        str(g["ranks_chart"]).split('id="')[1].split('"')[0]
        for g in groups.values()
        if g["ranks_chart"]
    ]
    assert len(set(ids)) == len(ids)  # unique ids on one page


def test_too_many_to_chart_says_where_the_analysis_is(
    municipal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scorecard.site import views

    monkeypatch.setattr(views, "MAX_CHARTED", 1)
    workspace = open_workspace(municipal)
    report = load_valid([workspace.rubrics_dir, workspace.assessments_dir], workspace)
    plan = SitePlan(score_report(report), ["en"])
    (countries, *_) = ranking_groups(plan.latest, translator("en"))
    assert countries["ranks_chart"] is None
    assert "scorecard sensitivity" in countries["ranks_note"]


def test_sensitivity_ranks_like_with_like(municipal: Path) -> None:
    from scorecard.sensitivity import SensitivitySettings, analyse

    workspace = open_workspace(municipal)
    report = load_valid([workspace.rubrics_dir, workspace.assessments_dir], workspace)
    analysis = analyse(score_report(report), SensitivitySettings(draws=50, seed=2))
    by_peer: dict[object, list[int]] = {}
    for row in analysis.ranked:
        by_peer.setdefault(row.peer, []).append(row.rank or 0)
        assert row.rank_low is not None and row.rank_high is not None
        assert row.rank_high <= len(
            [r for r in analysis.ranked if r.peer == row.peer]
        )  # never ranked beyond its own group
    assert set(by_peer) == {
        ("country", None),
        ("subdivision", "XB"),
        ("local", "XB"),
        ("local", "XD"),
    }
    assert len(by_peer[("local", "XB")]) == 2
    assert all(min(ranks) == 1 for ranks in by_peer.values())
    assert analysis.jurisdictions[0].peer == ("country", None)  # countries first


def test_sensitivity_outputs_say_which_group_each_is_ranked_in(municipal: Path, run) -> None:  # type: ignore[no-untyped-def]
    from scorecard import schemas

    folder = str(municipal / "assessments")
    md = run("sensitivity", folder, "--draws", "30", "--format", "md")
    assert md.exit_code == 0, md.output
    assert "| Ranked among |" in md.output
    assert "| Local governments of Xebia |" in md.output
    document = json.loads(run("sensitivity", folder, "--draws", "30", "--format", "json").output)
    schemas.validator("sensitivity").validate(document)
    peers = {j["code"]: j["peer_group"] for j in document["jurisdictions"]}
    assert peers["XB_0101"] == {"level": "local", "country": "XB"}
    assert peers["XB"] == {"level": "country", "country": None}
    csv_text = run("sensitivity", folder, "--draws", "30", "--format", "csv").output
    assert csv_text.splitlines()[0].endswith(",peer_level,peer_country")
    assert "XB_0101," in csv_text and ",local,XB\n" in csv_text
    table = run("sensitivity", folder, "--draws", "30")
    assert table.exit_code == 0 and "Ranked" in table.output


def test_one_peer_group_needs_no_group_column(run) -> None:  # type: ignore[no-untyped-def]
    md = run("sensitivity", str(DATA / "diff" / "assessments"), "--draws", "30", "--format", "md")
    assert md.exit_code == 0 and "Ranked among" not in md.output


def test_a_rank_chart_of_several_peer_groups_is_refused(municipal: Path, run) -> None:  # type: ignore[no-untyped-def]
    folder = str(municipal / "assessments")
    result = run("sensitivity", folder, "--draws", "30", "--format", "svg")
    assert result.exit_code == 2
    assert "Countries; Local governments of Xebia" in result.output
    assert "<svg" not in result.output and "Traceback" not in result.output


def test_rank_charts_analysed_in_workers_are_the_same(
    municipal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site's rank charts are analysed a batch of peer groups at a time, in worker
    processes when there are several batches: the index is the same bytes either way."""
    from scorecard import sensitivity
    from scorecard.site import build_site, units

    workspace = open_workspace(municipal)
    report = load_valid([workspace.rubrics_dir, workspace.assessments_dir], workspace)
    monkeypatch.setattr(sensitivity, "DRAWN_TOGETHER", 1)  # a batch per charted group
    pools: list[int] = []
    original = units.forked_pool

    def counted(jobs: int):  # type: ignore[no-untyped-def]
        pools.append(jobs)
        return original(jobs)

    monkeypatch.setattr(units, "forked_pool", counted)
    monkeypatch.setattr(units, "default_jobs", lambda: 2)
    build_site(workspace, report, tmp_path / "workers", ["en", "es"], preview=True, jobs=1)
    assert pools == [2]  # analysed once, for both languages
    monkeypatch.setattr(units, "default_jobs", lambda: 1)
    build_site(workspace, report, tmp_path / "here", ["en", "es"], preview=True, jobs=1)
    assert pools == [2]
    for lang in ("en", "es"):
        index = (tmp_path / "workers" / lang / "index.html").read_text(encoding="utf-8")
        assert len(set(re.findall(r'id="(rank-intervals-\d+)', index))) == 2  # two charts
        assert index == (tmp_path / "here" / lang / "index.html").read_text(encoding="utf-8")
