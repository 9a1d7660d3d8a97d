"""The bundled templates a workspace can override: their names, the blocks an override can
fill, which ones a workspace overrides, and a copy to start an override from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, nodes

from scorecard.errors import UsageError
from scorecard.render.environment import bundled_templates
from scorecard.workspace import Workspace


@dataclass(frozen=True)
class TemplateInfo:
    """A bundled template: its name, what it extends, the blocks it defines, and whether the
    workspace overrides it."""

    name: str
    extends: str | None
    blocks: tuple[str, ...]
    overridden: bool


def bundled_names() -> list[str]:
    """The bundled templates, by name."""
    return sorted(p.name for p in bundled_templates().glob("*.j2") if p.is_file())


def describe(workspace: Workspace | None) -> list[TemplateInfo]:
    """Every bundled template, with its blocks and whether `workspace` overrides it."""
    env = Environment()
    own = workspace.templates_dir if workspace is not None else None
    found = []
    for name in bundled_names():
        tree = env.parse((bundled_templates() / name).read_text(encoding="utf-8"))
        extends = next(tree.find_all(nodes.Extends), None)
        parent = extends.template.value if extends is not None else None  # type: ignore[attr-defined]
        blocks = tuple(dict.fromkeys(b.name for b in tree.find_all(nodes.Block)))
        overridden = own is not None and (own / name).is_file()
        found.append(TemplateInfo(name, parent, blocks, overridden))
    return found


def copy_template(name: str, workspace: Workspace, *, force: bool = False) -> tuple[Path, str]:
    """Where the override of `name` goes in the workspace, and the bundled text to put there;
    a usage error for an unknown name, or for an override that exists (unless `force`)."""
    names = bundled_names()
    if name not in names:
        raise UsageError(f"no bundled template {name!r}; choose one of: {', '.join(names)}")
    target = workspace.templates_dir / name
    if target.exists() and not force:
        raise UsageError(f"{target} exists; use --force to replace it with the bundled one")
    return target, (bundled_templates() / name).read_text(encoding="utf-8")
