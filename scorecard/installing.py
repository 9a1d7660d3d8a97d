"""How another machine (CI, a pre-commit hook) installs the tool that is running now.

`scorecard init` writes an install step into the workspace it creates. The step must work on
a fresh runner, so it is derived from how this copy was installed (PEP 610's
`direct_url.json`): a git install becomes `git+URL@commit`, an index install `name==version`,
a download `name @ URL`. Where none of that can work elsewhere (an editable or local-folder
install, a local file), `derive_install` raises a usage error that says so, and the user
gives `--install SPEC` or `--vendor` (the running tool's wheel, copied into the workspace).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scorecard import __version__
from scorecard.errors import UsageError

DISTRIBUTION = "transparency-scorecard"
VENDOR_DIR = "vendor"
_ASK = "give --install SPEC (a pip requirement CI can reach) or --vendor"
_REMOTE_SCHEMES = ("https", "http", "ssh", "git")


@dataclass(frozen=True)
class InstallSpec:
    """What `pip install` gets on another machine, and where it came from."""

    requirement: str  # e.g. "git+https://host/org/repo@<commit>", "name==1.0", "./vendor/x.whl"
    origin: str  # "vcs", "index", "url", "given" or "vendored"
    repository: str | None = None  # a git repository and commit, for a pre-commit repo hook
    commit: str | None = None

    @property
    def portable(self) -> bool:
        """Whether pip can install it from any folder (a pre-commit environment installs from
        its own cache folder, where a path inside the workspace means nothing)."""
        return self.origin != "vendored" and not _is_local_path(self.requirement)


def _is_local_path(requirement: str) -> bool:
    if "://" in requirement or "@" in requirement:
        return requirement.startswith("file:") or " @ file:" in requirement
    return requirement.startswith((".", "/", "~")) or requirement.endswith((".whl", ".tar.gz"))


def _remote(url: str) -> bool:
    return urlsplit(url).scheme in _REMOTE_SCHEMES or bool(re.match(r"^[\w.-]+@[\w.-]+:", url))


def derive_install() -> InstallSpec:
    """The install of the running tool as a requirement that works on another machine; a
    usage error, saying why, when there is none."""
    try:
        dist = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        raise UsageError(
            "scorecard is running from source, not from an installed package, so the CI "
            f"workflow cannot install it the same way; {_ASK}"
        ) from None
    return spec_from_direct_url(dist.read_text("direct_url.json"), dist.version)


def spec_from_direct_url(text: str | None, version: str) -> InstallSpec:
    """PEP 610: no `direct_url.json` means an install by name from an index."""
    if text is None:
        return InstallSpec(f"{DISTRIBUTION}=={version}", "index")
    try:
        info = json.loads(text)
        url = str(info["url"])
    except (ValueError, KeyError, TypeError):
        raise UsageError(f"cannot read how scorecard was installed; {_ASK}") from None
    if "vcs_info" in info:
        vcs = info["vcs_info"]
        if vcs.get("vcs") != "git" or not _remote(url) or not vcs.get("commit_id"):
            raise UsageError(f"scorecard was installed from {url}, which CI cannot reach; {_ASK}")
        requirement = f"git+{url}@{vcs['commit_id']}"
        if info.get("subdirectory"):
            requirement += f"#subdirectory={info['subdirectory']}"
        return InstallSpec(requirement, "vcs", repository=url, commit=vcs["commit_id"])
    if "archive_info" in info and urlsplit(url).scheme in ("https", "http"):
        hashes = info["archive_info"].get("hashes") or {}
        fragment = f"#sha256={hashes['sha256']}" if "sha256" in hashes else ""
        return InstallSpec(f"{DISTRIBUTION} @ {url.split('#')[0]}{fragment}", "url")
    where = unquote(urlsplit(url).path) if url.startswith("file:") else url
    kind = (
        "an editable install of" if info.get("dir_info", {}).get("editable") else "installed from"
    )
    raise UsageError(f"scorecard is {kind} {where}, which CI cannot reach; {_ASK}")


def given_install(requirement: str) -> InstallSpec:
    """`--install SPEC`, checked: one pip requirement, no shell or YAML surprises."""
    requirement = requirement.strip()
    if not requirement or any(c in requirement for c in "\n\r\t\"'`$;&|<>\\"):
        raise UsageError(
            f"--install {requirement!r}: give one pip requirement, such as "
            "git+https://github.com/ORG/REPO@TAG or transparency-scorecard==1.0"
        )
    if _is_local_path(requirement) or "file:" in requirement:
        raise UsageError(
            f"--install {requirement}: a path on this machine is not there on a CI runner or in "
            "pre-commit's environment; use --vendor to keep the wheel in the workspace"
        )
    match = re.match(r"^git\+(\S+?)@([\w.-]+)$", requirement)
    if match and _remote(match.group(1)):
        return InstallSpec(requirement, "given", repository=match.group(1), commit=match.group(2))
    return InstallSpec(requirement, "given")


# --- --vendor: the running tool's wheel --------------------------------------------------------


def wheel_name(version: str = __version__) -> str:
    return f"{DISTRIBUTION.replace('-', '_')}-{version}-py3-none-any.whl"


def vendor_wheel(folder: Path) -> Path:
    """Write the running tool's wheel into `folder` and return its path. An installed copy is
    packed again from its files as recorded by the installer; a source checkout (editable
    install, or none) is built with pip."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        dist = metadata.distribution(DISTRIBUTION)
        direct = json.loads(dist.read_text("direct_url.json") or "{}")
    except metadata.PackageNotFoundError:
        dist, direct = None, {}
    if dist is not None and not direct.get("dir_info", {}).get("editable"):
        return _repack(dist, folder / wheel_name(dist.version))
    return _build(_source_root(), folder)


def _source_root() -> Path:
    root = Path(__file__).resolve().parent.parent
    if not (root / "pyproject.toml").is_file():
        raise UsageError(f"cannot find the source of the running scorecard; {_ASK}")
    return root


def _build(source: Path, folder: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", tmp, str(source)],
            capture_output=True,
            text=True,
            check=False,
        )
        built = sorted(Path(tmp).glob("*.whl"))
        if done.returncode != 0 or len(built) != 1:
            raise UsageError(f"could not build scorecard's wheel from {source}: {done.stderr}")
        target = folder / built[0].name
        target.write_bytes(built[0].read_bytes())
    return target


_NOT_PACKED = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode("ascii")


def _repack(dist: metadata.Distribution, target: Path) -> Path:
    """The wheel of an installed distribution, from the files its RECORD lists: the package
    and its .dist-info (installer's marks removed); console scripts come back from
    entry_points.txt when pip installs it. Deterministic: fixed timestamps, sorted names."""
    entries: list[tuple[str, bytes]] = []
    for file in dist.files or []:
        name = file.as_posix()
        parts = name.split("/")
        if parts[0] == ".." or "__pycache__" in parts or name.endswith(".pyc"):
            continue
        if parts[0].endswith(".dist-info") and parts[-1] in _NOT_PACKED:
            continue
        entries.append((name, Path(str(dist.locate_file(file))).read_bytes()))
    info_dirs = {n.split("/")[0] for n, _ in entries if n.split("/")[0].endswith(".dist-info")}
    if len(info_dirs) != 1 or not any(n.startswith("scorecard/") for n, _ in entries):
        raise UsageError(f"the installed scorecard's files are not all there; {_ASK}")
    record_name = f"{info_dirs.pop()}/RECORD"
    record = [f"{n},{_record_hash(data)},{len(data)}" for n, data in sorted(entries)]
    record.append(f"{record_name},,")
    entries.append((record_name, ("\n".join(record) + "\n").encode("utf-8")))
    temporary = target.with_name(f".{target.name}.tmp")
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in sorted(entries, key=lambda e: (e[0].endswith("/RECORD"), e[0])):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            wheel.writestr(info, data)
    temporary.replace(target)
    return target


def wheel_requirements(wheel: Path) -> list[str]:
    """The Requires-Dist lines of a wheel without extras markers: what it needs at run time."""
    with zipfile.ZipFile(wheel) as archive:
        meta = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        text = archive.read(meta).decode("utf-8")
    found = []
    for line in text.splitlines():
        if line.startswith("Requires-Dist:"):
            requirement = line.partition(":")[2].strip()
            if "extra ==" not in requirement:
                found.append(requirement)
    return found
