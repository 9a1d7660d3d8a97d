"""Starting points: a new workspace (`init`) and a new assessment skeleton (`new`)."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from scorecard.errors import UsageError
from scorecard.installing import (
    VENDOR_DIR,
    InstallSpec,
    derive_install,
    vendor_wheel,
    wheel_name,
    wheel_requirements,
)
from scorecard.jurisdictions import parse_code
from scorecard.outputs import write_file
from scorecard.skeleton import assessment_skeleton as assessment_skeleton  # `new`'s, re-exported
from scorecard.workspace import DATA_SUFFIXES, Workspace, bundled_dir

EDITION_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
EXAMPLE_ASSESSMENT = ("SV", "2024")


# --- new --------------------------------------------------------------------------------------


def assessment_path(workspace: Workspace, code: str, edition: str) -> Path:
    """Where an assessment of `code` for `edition` lives; refuses codes and editions that are
    not plain identifiers, so no path is ever built from arbitrary text."""
    # fullmatch: with match, `$` also matches before a final newline, and "XA\n" passed.
    if parse_code(code) is None:
        raise UsageError(f"{code!r} is not a jurisdiction code such as SV, MX-CHH or MX_08019")
    if not EDITION_PATTERN.fullmatch(edition) or edition in {".", ".."}:
        raise UsageError(f"{edition!r} is not a valid edition (letters, digits, '.', '_', '-')")
    folder = workspace.assessments_dir / code
    for suffix in DATA_SUFFIXES:
        existing = folder / f"{edition}{suffix}"
        if existing.exists() or existing.is_symlink():  # a link, even one to nothing
            raise UsageError(f"{existing} already exists; not overwriting it")
    return folder / f"{edition}.yaml"


# --- editors ---------------------------------------------------------------------------------

SCHEMAS_DIR = "schemas"


def bundled_schemas() -> dict[str, str]:
    """Every bundled JSON Schema, name -> text exactly as shipped (`scorecard schema --all`)."""
    root = files("scorecard") / "schemas"
    suffix = ".schema.json"
    names = sorted(p.name for p in root.iterdir() if p.name.endswith(suffix))
    return {n[: -len(suffix)]: (root / n).read_text(encoding="utf-8") for n in names}


def with_modeline(text: str, path: Path, root: Path) -> str:
    """`text` with a first line telling the YAML language server (VS Code, Neovim, Helix...)
    which schema the file follows: the workspace's own copy, relative to the file, so it
    works offline and moves with the workspace. Unchanged if the workspace has no copy."""
    schema = root / SCHEMAS_DIR / "assessment.schema.json"
    if not schema.is_file():
        return text
    relative = Path(os.path.relpath(schema, path.parent)).as_posix()
    return f"# yaml-language-server: $schema={relative}\n{text}"


# --- init -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InitReport:
    written: list[Path]
    skipped: list[Path]
    install: InstallSpec


def _init_file(name: str) -> str:
    return (files("scorecard") / "init_files" / name).read_text(encoding="utf-8")


HOOK_FILES = r"^(scorecard\.toml|(rubrics|assessments)/.*\.(ya?ml|json))$"


def pre_commit_config(install: InstallSpec, wheel_dependencies: Sequence[str] = ()) -> str:
    """The workspace's .pre-commit-config.yaml: a hook that installs the tool itself (never
    relying on PATH) and validates the whole workspace whenever a rubric, an assessment or
    the settings change, so a rubric edit that breaks an assessment is caught."""
    lead = [
        "# Validate the whole workspace before each commit that touches a rubric, an assessment",
        "# or scorecard.toml: https://pre-commit.com (`pre-commit install` once per clone).",
    ]
    if install.repository and install.commit:
        # The tool's own hook (.pre-commit-hooks.yaml in its repository), at a pinned commit.
        config = {
            "repos": [
                {
                    "repo": install.repository,
                    "rev": install.commit,
                    "hooks": [{"id": "scorecard-validate"}],
                }
            ]
        }
    else:
        hook: dict[str, Any] = {
            "id": "scorecard-validate",
            "name": "scorecard validate",
            "language": "python",
            "entry": "scorecard validate",
            "files": HOOK_FILES,
            "pass_filenames": False,
            "require_serial": True,
        }
        if install.portable:
            hook["additional_dependencies"] = [install.requirement]
        else:
            lead.append("# The vendored wheel is installed by vendor/pre-commit-scorecard.py.")
            hook["entry"] = f"python {VENDOR_DIR}/pre-commit-scorecard.py validate"
            hook["additional_dependencies"] = list(wheel_dependencies)
        config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    body = yaml.safe_dump(config, sort_keys=False, default_flow_style=False, width=1000)
    return "\n".join(lead) + "\n" + body


def _install_step(install: InstallSpec) -> str:
    """The `run:` of the workflow's install step, as a YAML double-quoted scalar."""
    return json.dumps(f"python -m pip install {shlex.quote(install.requirement)}")


def toml_string(value: str) -> str:
    """`value` as a TOML basic string: quotes, backslashes and every control character
    escaped, so no title can end the string or start a setting of its own."""
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def settings_text(title: str) -> str:
    """The new workspace's scorecard.toml with `title`, checked to read back as written.
    (A TOML writer library would do the same for one string; this keeps the dependencies.)"""
    import tomllib

    if "\x00" in title or any(0xD800 <= ord(c) <= 0xDFFF for c in title):
        raise UsageError("the title must not contain NUL characters or lone surrogates")
    text = _init_file("scorecard.toml").replace('"__TITLE__"', toml_string(title))
    if tomllib.loads(text).get("title") != title:  # pragma: no cover - a bug in toml_string
        raise UsageError(f"cannot write the title {title!r} as TOML")
    return text


def readme_text(title: str) -> str:
    """The new workspace's README: its title, and commands on the example it holds."""
    code, edition = EXAMPLE_ASSESSMENT
    following = str(int(edition) + 1) if edition.isdigit() else f"{edition}-next"
    text = _init_file("README.md").replace("__TITLE__", title)
    return (
        text.replace("__CODE__", code)
        .replace("__EDITION__", edition)
        .replace("__NEXT__", following)
    )


def without_repository_pointers(text: str) -> str:
    """The bundled example without its comments' pointers into this project's tests and
    docs, which a new workspace does not have: "verbatim\n# (tests/x.py checks it); other"
    becomes "verbatim;\n# other", and a "# Decision rule: docs/codebook.md." line goes."""
    text = re.sub(r"\n# \(tests/[^)]*\)(;?) ?", r"\1\n# ", text)
    text = re.sub(r"(?m)^# [^\n]*\bdocs/[\w./-]+\.md\.?\n", "", text)
    return re.sub(r" ?\(tests/[^)]*\)", "", text)


def init_workspace(
    target: Path,
    *,
    install: InstallSpec | None = None,
    vendor: bool = False,
    force: bool = False,
    title: str | None = None,
) -> InitReport:
    """Write a new workspace into `target`: the bundled rubric, one example assessment,
    settings, a README, the JSON Schemas and VS Code settings, a pre-commit configuration, a
    GitHub Actions workflow and a Dependabot configuration for its actions.

    The workflow installs the tool with `install` (by default, derived from how the running
    tool was installed: a usage error when that cannot work elsewhere) or, with `vendor`,
    from the running tool's wheel copied into vendor/. Refuses a non-empty folder unless
    `force`; even then, never overwrites a file that exists."""
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file, not a folder")
    if target.is_dir() and any(p.name != ".git" for p in target.iterdir()) and not force:
        raise UsageError(f"{target} is not empty; use --force to add the missing files only")
    if vendor and install is not None:
        raise UsageError("--vendor and --install are two ways to install; give one")
    if install is None and not vendor:
        install = derive_install()  # before writing anything: a usage error leaves no trace
    title = title or "Security policy transparency scorecards"
    planned: dict[Path, str | Path] = {}
    written: list[Path] = []
    skipped: list[Path] = []
    wheel_deps: list[str] = []
    if vendor:
        kept = sorted((target / VENDOR_DIR).glob(f"{wheel_name('*')}"))
        if len(kept) > 1:
            raise UsageError(f"{target / VENDOR_DIR} holds {len(kept)} wheels; keep one")
        if kept:
            wheel = kept[0]
            skipped.append(wheel)
        else:
            wheel = vendor_wheel(target / VENDOR_DIR)
            written.append(wheel)
        install = InstallSpec(f"./{VENDOR_DIR}/{wheel.name}", "vendored")
        wheel_deps = wheel_requirements(wheel)
        planned[Path(VENDOR_DIR) / "pre-commit-scorecard.py"] = _init_file(
            "pre-commit-scorecard.py.txt"
        )
    assert install is not None
    planned |= {
        Path("scorecard.toml"): settings_text(title),
        Path("README.md"): readme_text(title),
        Path(".gitignore"): _init_file("gitignore"),
        Path(".pre-commit-config.yaml"): pre_commit_config(install, wheel_deps),
        Path(".github/workflows/scorecard.yml"): _init_file("scorecard.yml").replace(
            "__INSTALL__", _install_step(install)
        ),
        Path(".github/dependabot.yml"): _init_file("dependabot.yml"),
        Path(".vscode/settings.json"): _init_file("vscode-settings.json"),
        Path(".vscode/extensions.json"): _init_file("vscode-extensions.json"),
    }
    for name, text in bundled_schemas().items():
        planned[Path(SCHEMAS_DIR) / f"{name}.schema.json"] = text
    rubrics = bundled_dir("rubrics")
    for source in sorted(rubrics.rglob("*.yaml")):
        planned[Path("rubrics") / source.relative_to(rubrics)] = source
    code, edition = EXAMPLE_ASSESSMENT
    example = bundled_dir("assessments") / code / f"{edition}.yaml"
    if example.is_file():
        # The example tells editors its schema, as `new` does for every assessment.
        relative = Path("assessments") / code / f"{edition}.yaml"
        planned[relative] = (
            f"# yaml-language-server: $schema=../../{SCHEMAS_DIR}/assessment.schema.json\n"
            + without_repository_pointers(example.read_text(encoding="utf-8"))
        )
    for relative, content in planned.items():
        path = target / relative
        if path.exists():
            skipped.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, path)
        else:
            write_file(path, content)
        written.append(path)
    return InitReport(written, skipped, install)
