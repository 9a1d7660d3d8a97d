"""`scorecard init` and `scorecard new`: starting points that validate and never overwrite."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from scorecard.errors import UsageError
from scorecard.installing import InstallSpec, given_install, spec_from_direct_url
from scorecard.scaffold import pre_commit_config

GIT = "git+https://github.com/example-org/transparency-scorecard@v1.0"


def test_init_writes_a_workspace_that_validates(run, tmp_path: Path) -> None:
    target = tmp_path / "new-ws"
    result = run("init", target, "--install", GIT)
    assert result.exit_code == 0, result.stderr
    for relative in (
        "scorecard.toml",
        "README.md",
        ".pre-commit-config.yaml",
        ".github/workflows/scorecard.yml",
        "rubrics/security-transparency/1.0.yaml",
    ):
        assert (target / relative).is_file(), relative
    workflow = yaml.safe_load((target / ".github/workflows/scorecard.yml").read_text())
    steps = [s.get("run", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert any("validate --format github" in s for s in steps)
    assert any("diff --git" in s and "GITHUB_STEP_SUMMARY" in s for s in steps)
    assert any("scorecard build" in s for s in steps)
    uses = [s.get("uses", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    result = run("validate", cwd=target)
    assert result.exit_code == 0, result.stdout
    for relative in (
        ".github/dependabot.yml",
        ".vscode/settings.json",
        ".vscode/extensions.json",
        "schemas/assessment.schema.json",
        "schemas/rubric.schema.json",
        "schemas/validate.schema.json",
    ):
        assert (target / relative).is_file(), relative
    example = (target / "assessments/SV/2024.yaml").read_text().splitlines()[0]
    assert example == "# yaml-language-server: $schema=../../schemas/assessment.schema.json"
    settings = json.loads((target / ".vscode/settings.json").read_text())
    for schema in settings["yaml.schemas"]:
        assert (target / schema).is_file(), schema  # every mapped schema was written


def test_init_without_a_derivable_install_says_so_and_writes_nothing(run, tmp_path) -> None:
    # The tests run from an editable install: another machine cannot install that.
    target = tmp_path / "ws"
    result = run("init", target)
    assert result.exit_code == 2
    assert "editable install" in result.stderr and "--install SPEC" in result.stderr
    assert not target.exists()


def test_the_workflow_installs_what_init_was_given(run, tmp_path: Path) -> None:
    target = tmp_path / "ws"
    assert run("init", target, "--install", GIT).exit_code == 0
    workflow = yaml.safe_load((target / ".github/workflows/scorecard.yml").read_text())
    for job in ("review", "publish"):
        installs = [
            s["run"] for s in workflow["jobs"][job]["steps"] if "pip install" in s.get("run", "")
        ]
        assert installs == [f"python -m pip install {GIT}"]
    # One strictness for review and publish: the same command, strictness from the settings.
    validates = {
        s["run"]
        for job in workflow["jobs"].values()
        for s in job["steps"]
        if "scorecard validate" in s.get("run", "")
    }
    assert validates == {"scorecard validate --format github"}
    assert "strict = true" in (target / "scorecard.toml").read_text()
    assert workflow["jobs"]["publish"]["concurrency"] == {
        "group": "pages",
        "cancel-in-progress": False,
    }
    hooks = yaml.safe_load((target / ".pre-commit-config.yaml").read_text())["repos"]
    assert hooks == [
        {
            "repo": "https://github.com/example-org/transparency-scorecard",
            "rev": "v1.0",
            "hooks": [{"id": "scorecard-validate"}],
        }
    ]


@pytest.mark.parametrize(
    ("direct_url", "expected"),
    [
        (None, "transparency-scorecard==1.2.3"),
        (
            {"url": "https://github.com/o/r.git", "vcs_info": {"vcs": "git", "commit_id": "abc1"}},
            "git+https://github.com/o/r.git@abc1",
        ),
        (
            {"url": "https://example.org/t.whl", "archive_info": {"hashes": {"sha256": "ff"}}},
            "transparency-scorecard @ https://example.org/t.whl#sha256=ff",
        ),
    ],
)
def test_the_install_is_derived_from_pep_610(direct_url, expected) -> None:
    text = None if direct_url is None else json.dumps(direct_url)
    assert spec_from_direct_url(text, "1.2.3").requirement == expected


@pytest.mark.parametrize(
    "direct_url",
    [
        {"url": "file:///home/me/scorecard", "dir_info": {"editable": True}},
        {"url": "file:///home/me/scorecard", "dir_info": {}},
        {"url": "file:///tmp/t.whl", "archive_info": {}},
        {"url": "file:///home/me/repo", "vcs_info": {"vcs": "git", "commit_id": "abc"}},
    ],
)
def test_an_install_that_cannot_work_elsewhere_is_refused(direct_url) -> None:
    with pytest.raises(UsageError, match="--install SPEC"):
        spec_from_direct_url(json.dumps(direct_url), "1.0")


@pytest.mark.parametrize(
    "local", ["./dist/t.whl", "/opt/t.whl", "git+file:///home/me/repo@abc", "t @ file:///t.whl"]
)
def test_install_spec_is_not_a_path_on_this_machine(local: str) -> None:
    with pytest.raises(UsageError, match="--vendor"):
        given_install(local)


@pytest.mark.parametrize("bad", ["", "x; rm -rf /", 'a"b', "pkg\nrun: evil", "$(id)"])
def test_install_spec_is_one_requirement(bad: str) -> None:
    with pytest.raises(UsageError):
        given_install(bad)


def test_pre_commit_installs_an_index_pin_itself() -> None:
    config = yaml.safe_load(pre_commit_config(InstallSpec("transparency-scorecard==1.0", "index")))
    (hook,) = config["repos"][0]["hooks"]
    assert hook["language"] == "python"
    assert hook["additional_dependencies"] == ["transparency-scorecard==1.0"]
    assert hook["pass_filenames"] is False  # the whole workspace, so cross-file breakage shows


def test_init_refuses_a_non_empty_folder(run, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = run("init", tmp_path, "--install", GIT)
    assert result.exit_code == 2
    assert "not empty" in result.stderr
    assert not (tmp_path / "scorecard.toml").exists()


def test_init_force_adds_missing_files_but_keeps_the_users(run, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("my own readme\n")
    result = run("init", tmp_path, "--force", "--install", GIT)
    assert result.exit_code == 0
    assert (tmp_path / "README.md").read_text() == "my own readme\n"
    assert (tmp_path / "scorecard.toml").is_file()
    assert "kept" in result.stderr


def test_new_writes_a_skeleton_listing_every_indicator(run, test_workspace: Path) -> None:
    result = run(
        "new", "XB", "2025", "--name", "Xbland", "--rubric", "test-rubric@1.0", cwd=test_workspace
    )
    assert result.exit_code == 0, result.stderr
    path = test_workspace / "assessments/XB/2025.yaml"
    text = path.read_text()
    for indicator in (
        "strategy.published",
        "strategy.objectives",
        "emergency.time-limit",
        "emergency.notified",
    ):
        assert f"# {indicator}:" in text
    assert "Is the security strategy published?" in text
    data = yaml.safe_load(text)
    assert data["status"] == "draft" and data["edition"] == "2025"
    assert run("validate", cwd=test_workspace).exit_code == 0


def test_new_from_copies_answers_marked_for_reverification(run, test_workspace: Path) -> None:
    result = run("new", "XA", "2025", "--from", "assessments/XA/2024.yaml", cwd=test_workspace)
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load((test_workspace / "assessments/XA/2025.yaml").read_text())
    old = yaml.safe_load((test_workspace / "assessments/XA/2024.yaml").read_text())
    assert set(data["answers"]) == set(old["answers"])
    assert all(answer["reverify"] is True for answer in data["answers"].values())
    assert (
        data["answers"]["strategy.published"]["evidence"]
        == old["answers"]["strategy.published"]["evidence"]
    )
    assert run("validate", cwd=test_workspace).exit_code == 0


def test_new_refuses_to_overwrite(run, test_workspace: Path) -> None:
    before = (test_workspace / "assessments/XA/2024.yaml").read_bytes()
    result = run("new", "XA", "2024", cwd=test_workspace)
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert (test_workspace / "assessments/XA/2024.yaml").read_bytes() == before


def test_new_rejects_codes_that_could_escape_the_workspace(run, test_workspace: Path) -> None:
    for code, edition in (("../XA", "2025"), ("xa", "2025"), ("XA", "../../evil"), ("XA", "a/b")):
        result = run("new", code, edition, cwd=test_workspace)
        assert result.exit_code == 2, (code, edition)
    assert not (test_workspace.parent / "evil.yaml").exists()


def test_new_writes_a_modeline_to_the_workspace_schema(run, tmp_path: Path) -> None:
    target = tmp_path / "ws"
    assert run("init", target, "--install", GIT).exit_code == 0
    result = run("new", "XC", "2025", "--name", "Xcland", cwd=target)
    assert result.exit_code == 0, result.stderr
    first = (target / "assessments/XC/2025.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/assessment.schema.json"
    assert (target / "assessments/XC" / first.partition("=")[2]).resolve().is_file()
    assert run("validate", cwd=target).exit_code == 0


def test_init_readme_and_settings_point_at_what_the_workspace_holds(run, tmp_path: Path) -> None:
    import re
    import tomllib

    target = tmp_path / "new-ws"
    assert run("init", target, "--install", GIT).exit_code == 0
    readme = (target / "README.md").read_text(encoding="utf-8")
    sources = re.findall(r"--from (\S+)", readme)
    assert sources and all((target / source).is_file() for source in sources)
    named = set(re.findall(r"assessments/[A-Z]{2}/\d+\.yaml", readme))
    assert {path for path in named if (target / path).is_file()} == set(sources)
    assert "XA" not in readme and "open site" not in readme and "site/index.html" in readme
    for path in target.rglob("*"):
        if path.is_file() and path.suffix in (".yaml", ".md", ".toml", ".yml"):
            text = path.read_text(encoding="utf-8")
            assert "tests/" not in text, path
            if "rubrics" in path.relative_to(target).parts:
                continue  # the bundled rubric's own notes cite the project's documentation
            for doc in re.findall(r"(?<![\w/.])docs/[\w./-]+\.md", text):
                assert (target / doc).is_file(), f"{path} points at {doc}, which it lacks"
    example = (target / "assessments/SV/2024.yaml").read_text(encoding="utf-8")
    assert "verbatim;\n# other sources" in example
    settings_text = (target / "scorecard.toml").read_text(encoding="utf-8")
    assert tomllib.loads(settings_text)["publish"] == ["published"]
    comment = settings_text.split('publish = ["published"]')[0].splitlines()[-1]
    assert comment.startswith("#") and "status" in settings_text


def _skeleton(run, workspace: Path, lang: str, edition: str) -> str:
    result = run("new", "XB", edition, "--name", "Xbland", "--lang", lang, cwd=workspace)
    assert result.exit_code == 0, result.stderr
    return (workspace / f"assessments/XB/{edition}.yaml").read_text(encoding="utf-8")


def _sentences(text: str) -> set[str]:
    """Comment lines that say something in words (not the commented-out YAML of a stub)."""
    found = set()
    for line in text.splitlines():
        body = line.strip()
        if body.startswith("#") and not re.fullmatch(r"#\s*[\w.-]+:", body):
            words = re.findall(r"[^\W\d_]{2,}", body)
            if len(words) >= 3:
                found.add(body)
    return found


def test_the_spanish_skeleton_has_no_english_comment(run, test_workspace: Path) -> None:
    english = _sentences(_skeleton(run, test_workspace, "en", "2025"))
    spanish_text = _skeleton(run, test_workspace, "es", "2026")
    spanish = _sentences(spanish_text)
    assert len(english) >= 10 and len(spanish) >= 10
    assert english.isdisjoint(spanish), sorted(english & spanish)
    for sentence in ("Each answer is exactly one of", "uncomment", "optional", "na allowed"):
        assert sentence not in spanish_text
    assert "Cada respuesta es exactamente una de" in spanish_text
    assert "name: Su nombre" in spanish_text


def _stubs(lines: list[str]) -> list[list[int]]:
    """The line numbers of each commented-out answer stub."""
    stubs: list[list[int]] = []
    for index, line in enumerate(lines):
        if re.fullmatch(r"  # [a-z.-]+:", line) and lines[index + 1] == "  #   level:":
            stubs.append([index])
        elif stubs and index == stubs[-1][-1] + 1 and line.startswith("  #  "):
            stubs[-1].append(index)
    return stubs


def _uncomment(lines: list[str], stub: list[int]) -> list[str]:
    out = list(lines)
    for index in stub:
        out[index] = out[index].replace("# ", "", 1)  # as an editor's "toggle comment" does
    return out


@pytest.mark.parametrize("lang", ["en", "es"])
def test_uncommenting_any_stub_keeps_the_skeleton_valid(
    run, test_workspace: Path, lang: str
) -> None:
    import json

    text = _skeleton(run, test_workspace, lang, "2025")
    path = test_workspace / "assessments/XB/2025.yaml"
    assert "\nanswers:\n" in text
    assert run("validate", path, cwd=test_workspace).exit_code == 0
    lines = text.splitlines()
    stubs = _stubs(lines)
    assert len(stubs) == 4  # one per indicator of the test rubric
    cases = [[stub] for stub in stubs] + [stubs]
    for chosen in cases:
        edited = lines
        for stub in chosen:
            edited = _uncomment(edited, stub)
        path.write_text("\n".join(edited) + "\n", encoding="utf-8")
        shown = run("validate", path, "--format", "json", cwd=test_workspace)
        problems = json.loads(shown.stdout)["problems"]
        # It parses and validates: what is left are the analyst's empty fields, on the stub.
        assert problems, chosen
        assert {p["code"] for p in problems} == {"schema"}, problems
        stub_lines = {index + 1 for stub in chosen for index in stub}
        assert {p["line"] for p in problems} <= stub_lines
        empty = [p for p in problems if p["message"].endswith(("is empty", "está vacío"))]
        assert len(empty) == 3 * len(chosen)  # level, and the source's title and url
        assert all(p["hint"] for p in empty)
    path.write_text(text, encoding="utf-8")


def test_every_skeleton_word_is_in_both_languages_with_the_same_names() -> None:
    from importlib.resources import files
    from string import Formatter

    entries = yaml.safe_load(
        (files("scorecard") / "init_files" / "skeleton.yaml").read_text(encoding="utf-8")
    )
    catalogs = {p.stem for p in (files("scorecard") / "i18n").iterdir() if p.name.endswith(".yaml")}
    for key, texts in entries.items():
        assert set(texts) == catalogs, key
        names = [{n for _, n, _, _ in Formatter().parse(text) if n} for text in texts.values()]
        assert all(found == names[0] for found in names), key


def test_a_fresh_skeleton_goes_through_every_command(run, test_workspace: Path, tmp_path) -> None:
    """`answers:` with nothing under it is read as no answers by every command, and an
    answer imported from a sheet is written under it."""
    import csv

    assert run("new", "XQ", "2025", cwd=test_workspace).exit_code == 0
    skeleton = "assessments/XQ/2025.yaml"
    for args in (
        ["validate"],
        ["score", skeleton],
        ["review"],
        ["history", "XQ"],
        ["diff", "assessments/XA/2024.yaml", skeleton],
        ["build", "--preview", "-o", str(tmp_path / "site")],
    ):
        shown = run(*args, cwd=test_workspace)
        assert shown.exit_code in (0, 1) and "Traceback" not in shown.stderr, args
        assert "error:" not in shown.stderr, (args, shown.stderr)
    sheet = tmp_path / "answers.csv"
    assert run("export", "--format", "csv", "-o", sheet, cwd=test_workspace).exit_code == 0
    rows = list(csv.reader(sheet.read_text(encoding="utf-8-sig").splitlines()))
    header = rows[0]
    for row in rows[1:]:
        if row[0] == "XQ" and row[header.index("indicator")] == "strategy.objectives":
            row[header.index("answer")] = "not_found"
            row[header.index("statement")] = "Searched the gazette on 2024-06-01."
    with sheet.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    imported = run("import", sheet, cwd=test_workspace)
    assert imported.exit_code == 0, imported.stderr
    data = yaml.safe_load((test_workspace / skeleton).read_text(encoding="utf-8"))
    assert data["answers"] == {
        "strategy.objectives": {"not_found": "Searched the gazette on 2024-06-01."}
    }
    assert run("validate", cwd=test_workspace).exit_code == 0


def test_the_workflow_keeps_the_folder_the_cache_lives_in(run, tmp_path: Path) -> None:
    import yaml

    from scorecard.cache import FOLDER

    target = tmp_path / "ws"
    assert run("init", target, "--install", GIT).exit_code == 0
    workflow = yaml.safe_load((target / ".github/workflows/scorecard.yml").read_text())
    for job in workflow["jobs"].values():
        cached = [s for s in job["steps"] if s.get("uses", "").startswith("actions/cache@")]
        assert [s["with"]["path"] for s in cached] == [FOLDER]
        build = next(i for i, s in enumerate(job["steps"]) if "scorecard " in s.get("run", ""))
        assert job["steps"].index(cached[0]) < build  # restored before the tool runs
    assert FOLDER in (target / ".gitignore").read_text()
