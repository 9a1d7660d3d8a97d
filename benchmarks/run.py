"""Benchmark the scorecard CLI against its targets, with baselines measured side by side.

    python benchmarks/run.py                      # 2,000 and 8,000 assessments
    python benchmarks/run.py --huge               # and 64,000 (hours on 2 cores; ~10 GB disk)
    python benchmarks/run.py --huge-only --repeat 1   # 64,000 alone (~10 GB of disk for the site)
    python benchmarks/run.py --assessments 200 --repeat 1 --no-scaling   # a quick look

Generates (or reuses, under benchmarks/out/) synthetic workspaces of N and 4N assessments
(32N with --huge), then times each command in a fresh process: wall time (best and median of
the repeats) and peak memory, both of the command's own process (its maximum resident set
size) and of its whole process tree, workers included (the sum of the tree's proportional set
sizes, sampled every 20 ms, so pages the workers share with their parent count once; in one
extra run of each command, untimed, since the sampling takes CPU from the command).
Baselines in the same run: a parse-only floor (every file through PyYAML's CSafeLoader and
nothing else), check-jsonschema with the exported assessment schema, and
`python -c "import typer"`.

Builds are of every edition (`build --preview`: the generated editions are examples, which a
site does not publish by default): a build from scratch (no site and an empty workspace cache,
which it fills, as a CI job's first build) and a build after one assessment changed (with the
cache that build warmed).
`validate` is timed without the cache and after one change with it; `diff --git HEAD` with
one assessment changed in the working tree of a repository holding the workspace.

Prints a table, PASS/FAIL per target, and writes the same figures to
benchmarks/out/results.json. Ratios use the best (lowest) time of the repeats: on a shared
machine noise only ever adds time, so the minimum is the most repeatable figure. Medians are
printed beside it.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/ is not a package)

BIN = Path(sys.executable).parent
SCORECARD = str(BIN / "scorecard")
CHECK_JSONSCHEMA = str(BIN / "check-jsonschema")

PARSE_FLOOR = """
import sys, pathlib, yaml
root = pathlib.Path(sys.argv[1])
for folder in ("rubrics", "assessments"):
    for path in sorted((root / folder).rglob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""

MEMORY_LIMIT_MB = 300.0
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").is_file() else None


@dataclass
class Measurement:
    name: str
    size: int
    command: str
    times: list[float] = field(default_factory=list)
    peak_mb: float = 0.0  # the command's own process
    tree_mb: float = 0.0  # its whole process tree, workers included
    returncode: int = 0
    note: str = ""

    @property
    def best(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def _children() -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found.setdefault(int(fields[1]), []).append(int(entry.name))
    return found


def _pss_kb(pid: int) -> int:
    """The process's proportional set size (shared pages divided among their sharers)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeSampler:
    """Samples the memory of a process and all its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        self.pid, self.interval = pid, interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        if not Path("/proc/self/smaps_rollup").exists():
            return
        while not self._stop.is_set():
            children = _children()
            tree, queue = [], [self.pid]
            while queue:
                pid = queue.pop()
                tree.append(pid)
                queue.extend(children.get(pid, ()))
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in tree))
            self._stop.wait(self.interval)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_kb / 1024


def run_once(
    argv: list[str], cwd: Path, env: dict[str, str] | None = None, *, sample: bool = False
) -> tuple[float, float, int, str, float]:
    """Run `argv` once: (wall seconds, peak RSS in MB of that child, exit code, stderr tail,
    peak memory in MB of its whole process tree, when `sample`d, else 0)."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as rss:
        if GNU_TIME:
            # GNU time forks the command from its own tiny process and reports its
            # ru_maxrss. Measured from here instead (os.wait4), the figure could not go
            # below this script's own RSS: Linux carries the high-water mark of the
            # exec'ing process over into the child's ru_maxrss.
            argv = [GNU_TIME, "-f", "%M", "-o", rss.name, *argv]
        start = time.perf_counter()
        process = subprocess.Popen(
            argv,
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=err,
            env={**os.environ, **(env or {})},
        )
        sampler = TreeSampler(process.pid) if sample else None
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        tree_mb = sampler.stop() if sampler is not None else 0.0
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read()[-2000:].decode("utf-8", "replace")
        peak_kb = float(usage.ru_maxrss)
        if GNU_TIME:
            lines = rss.read().split()
            peak_kb = float(lines[-1]) if lines and lines[-1].isdigit() else peak_kb
    return elapsed, peak_kb / 1024, process.returncode, tail, tree_mb


def measure(
    name: str,
    size: int,
    chunks: list[list[str]],
    cwd: Path,
    repeat: int,
    before: Any = None,
    note: str = "",
    env: dict[str, str] | None = None,
) -> Measurement:
    """Time `chunks` (one command, or one command split to fit ARG_MAX) `repeat` times, then
    run them once more, untimed, sampling the whole process tree's memory: the sampler reads
    /proc every 20 ms, CPU that a command using both cores would otherwise have, so no timed
    run is sampled. `before()` runs, untimed, before each run."""
    shown = " ".join(chunks[0][:4]) + (" ..." if len(chunks[0]) > 4 else "")
    result = Measurement(name, size, shown, note=note)
    for number in range(repeat + 1):
        sampled = number == repeat
        if before is not None:
            before()
        total = 0.0
        for argv in chunks:
            elapsed, peak, code, tail, tree = run_once(argv, cwd, env, sample=sampled)
            total += elapsed
            result.peak_mb = max(result.peak_mb, peak)
            result.tree_mb = max(result.tree_mb, tree)
            if code != 0:
                result.returncode = code
                sys.stderr.write(f"warning: {name} at {size} exited {code}:\n{tail}\n")
        if not sampled:
            result.times.append(total)
    print(
        f"  {name:<22} {size:>6}  best {result.best:8.3f} s  median {result.median:8.3f} s"
        f"  peak {result.peak_mb:7.1f} MB  tree {result.tree_mb:7.1f} MB",
        flush=True,
    )
    return result


def split_for_argv(prefix: list[str], files: list[str], suffix: list[str]) -> list[list[str]]:
    """One argv if the files fit in a command line, else several (each well under ARG_MAX)."""
    limit = os.sysconf("SC_ARG_MAX") // 2 - sum(len(k) + 1 for k in os.environ.items())
    chunks: list[list[str]] = []
    current: list[str] = []
    used = sum(len(a) + 1 for a in prefix + suffix)
    for name in files:
        if current and used + len(name) + 1 > limit:
            chunks.append(prefix + current + suffix)
            current, used = [], sum(len(a) + 1 for a in prefix + suffix)
        current.append(name)
        used += len(name) + 1
    chunks.append(prefix + current + suffix)
    return chunks


def workspace(out: Path, size: int, seed: int) -> Path:
    """The cached workspace of `size` assessments, generated if missing or stale."""
    folder = out / f"ws-{size}"
    stamp = f"generator={generate.GENERATOR_VERSION} assessments={size} seed={seed}\n"
    marker = folder / generate.MARKER
    if marker.is_file() and marker.read_text(encoding="utf-8") == stamp:
        return folder
    print(f"generating {size} assessments in {folder} ...", flush=True)
    generate.generate(folder, size, seed)
    return folder


def assessment_files(folder: Path) -> list[str]:
    return [str(p.relative_to(folder)) for p in sorted((folder / "assessments").rglob("*.yaml"))]


def build_available() -> bool:
    try:
        return (
            subprocess.run(
                [SCORECARD, "build", "--help"], capture_output=True, timeout=60
            ).returncode
            == 0
        )
    except (OSError, subprocess.TimeoutExpired):
        return False


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO
    ).stdout.strip()
    version = subprocess.run([SCORECARD, "--version"], capture_output=True, text=True).stdout
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "scorecard": version.strip(),
        "commit": commit,
        "load_average_before": list(os.getloadavg()),
    }


def ratio_line(
    label: str, value: float | None, limit: float, unit: str = "x", error: str = ""
) -> dict[str, Any]:
    if error:
        return {"target": label, "value": None, "limit": limit, "status": "ERROR", "note": error}
    if value is None:
        return {"target": label, "value": None, "limit": limit, "status": "N/A"}
    status = "PASS" if value <= limit else "FAIL"
    return {
        "target": label,
        "value": round(value, 3),
        "limit": limit,
        "status": status,
        "unit": unit,
    }


class OneEdit:
    """Changes one assessment of a workspace, differently each time (a comment line at its
    end), so each timed run after it sees exactly one changed file."""

    def __init__(self, folder: Path) -> None:
        self.path = sorted((folder / "assessments").rglob("*.yaml"))[0]
        self.count = 0

    def __call__(self) -> None:
        self.count += 1
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(f"# benchmark edit {self.count}\n")


def git_commit_all(folder: Path) -> None:
    """The workspace as a git repository with everything committed (the site and the cache
    ignored), so `diff --git HEAD` compares the working tree with it."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
    }
    if not (folder / ".git").is_dir():
        subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    (folder / ".gitignore").write_text("site/\n.site.*\n.scorecard-cache/\n", encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True)
    subprocess.run(
        ["git", "commit", "-q", "--allow-empty", "-m", "benchmark"], cwd=folder, check=True, env=env
    )


def measure_size(
    size: int, folder: Path, repeat: int, build_repeat: int, has_build: bool
) -> list[Measurement]:
    """Everything measured at every size: the floor, validate, build and diff."""
    python = sys.executable
    found: list[Measurement] = []
    no_cache = {"SCORECARD_NO_CACHE": "1"}
    edit = OneEdit(folder)
    run_once([python, "-c", PARSE_FLOOR, "."], folder)  # warm the page cache
    found.append(measure("parse floor", size, [[python, "-c", PARSE_FLOOR, "."]], folder, repeat))
    found.append(measure("validate", size, [[SCORECARD, "validate"]], folder, repeat, env=no_cache))
    run_once([SCORECARD, "validate"], folder)  # fills the cache
    found.append(
        measure(
            "validate, 1 changed",
            size,
            [[SCORECARD, "validate"]],
            folder,
            repeat,
            before=edit,
            note="with the cache",
        )
    )
    if has_build:

        def clean() -> None:
            shutil.rmtree(folder / "site", ignore_errors=True)
            shutil.rmtree(folder / ".scorecard-cache", ignore_errors=True)

        found.append(
            measure(
                "build",
                size,
                [[SCORECARD, "build", "--preview"]],
                folder,
                build_repeat,
                before=clean,
                note="every edition; empty cache (written)",
            )
        )
        found.append(
            measure(
                "build, 1 changed",
                size,
                [[SCORECARD, "build", "--preview"]],
                folder,
                repeat,
                before=edit,
                note="with the cache",
            )
        )
    git_commit_all(folder)
    found.append(
        measure(
            "diff --git, 1 changed",
            size,
            [[SCORECARD, "diff", "--git", "HEAD"]],
            folder,
            repeat,
            before=edit,
        )
    )
    git_commit_all(folder)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assessments", type=int, default=2000, help="N (default 2000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command (default 3)")
    parser.add_argument(
        "--build-repeat", type=int, default=1, help="runs of each clean build (default 1)"
    )
    parser.add_argument(
        "--scaling-repeat", type=int, default=None, help="runs at 4N and 32N (default: --repeat)"
    )
    parser.add_argument("--no-scaling", action="store_true", help="measure size N only")
    parser.add_argument(
        "--huge", action="store_true", help="also 32N (64,000 by default): hours on 2 cores"
    )
    parser.add_argument(
        "--huge-only",
        action="store_true",
        help="only 32N, on its own (its figures go to results-huge.json)",
    )
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    n, repeat = args.assessments, args.repeat
    scaling_repeat = args.scaling_repeat or repeat
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    info = machine()
    print(
        f"machine: {info['cores']} cores, {info['cpu']}, Python {info['python']}, "
        f"{info['scorecard']} ({info['commit']}), load {info['load_average_before'][0]:.2f}"
    )
    if args.huge_only:
        return huge_only(32 * n, args, scaling_repeat, info)
    sizes = [n] if args.no_scaling else [n, 4 * n] + ([32 * n] if args.huge else [])
    folders = {size: workspace(out, size, args.seed) for size in sizes}
    ws = folders[n]
    schema_file = out / "assessment.schema.json"
    subprocess.run([SCORECARD, "schema", "assessment", "-o", str(schema_file)], check=True)
    has_build = build_available()

    results: list[Measurement] = []
    python = sys.executable
    # Warm the page cache and the .pyc files, so the first timed run is not an outlier.
    # Running does not write .pyc files when PYTHONDONTWRITEBYTECODE is set (an editable
    # install then compiles scorecard's modules on every start, while Typer's were compiled
    # when pip installed it): compile them as a wheel install would, or start-up compares
    # compiled Typer with scorecard compiled from source.
    compile_scorecard = (
        "import compileall, pathlib, scorecard; "
        "compileall.compile_dir(pathlib.Path(scorecard.__file__).parent, quiet=1)"
    )
    run_once([python, "-c", compile_scorecard], ws)
    for argv in ([python, "-c", "import typer"], [SCORECARD, "--help"]):
        run_once(argv, ws)

    print(f"\nsize N = {n} assessments ({repeat} runs each)")
    # Start-up takes a tenth of a second, and load on a shared machine moves it by as much as
    # the margin: at least 30 rounds, each running the three commands one after the other (a
    # burst of load then slows all three alike), and the best of each.
    startup = {
        "import typer": [python, "-c", "import typer"],
        "--version": [SCORECARD, "--version"],
        "--help": [SCORECARD, "--help"],
    }
    quick = {name: Measurement(name, n, " ".join(argv[:4])) for name, argv in startup.items()}
    for _ in range(max(repeat, 30)):
        for name, argv in startup.items():
            elapsed, peak, code, tail, _ = run_once(argv, ws)
            found = quick[name]
            found.times.append(elapsed)
            found.peak_mb = max(found.peak_mb, peak)
            if code != 0:
                found.returncode = code
                sys.stderr.write(f"warning: {name} exited {code}:\n{tail}\n")
    for found in quick.values():
        print(
            f"  {found.name:<18} {n:>6}  best {found.best:8.3f} s  median {found.median:8.3f} s"
            f"  peak {found.peak_mb:7.1f} MB",
            flush=True,
        )
        results.append(found)
    files = assessment_files(ws)
    score_chunks = split_for_argv([SCORECARD, "score"], files, ["--format", "json"])
    note = "" if len(score_chunks) == 1 else f"in {len(score_chunks)} chunks (ARG_MAX)"
    results.append(measure("score --format json", n, score_chunks, ws, repeat, note=note))
    cj_chunks = split_for_argv([CHECK_JSONSCHEMA, "--schemafile", str(schema_file)], files, [])
    note = "" if len(cj_chunks) == 1 else f"in {len(cj_chunks)} chunks (ARG_MAX)"
    results.append(measure("check-jsonschema", n, cj_chunks, ws, repeat, note=note))
    results += measure_size(n, ws, repeat, args.build_repeat, has_build)
    if not has_build:
        print("  build: not available in this version")

    for size in sizes[1:]:
        print(f"\nsize {size // n}N = {size} assessments ({scaling_repeat} runs each)")
        build_repeat = min(args.build_repeat, scaling_repeat)
        results += measure_size(size, folders[size], scaling_repeat, build_repeat, has_build)

    def get(name: str, size: int = n) -> Measurement | None:
        return next((m for m in results if m.name == name and m.size == size), None)

    def ratio(a: str, b: str, size_a: int = n, size_b: int = n) -> float | None:
        x, y = get(a, size_a), get(b, size_b)
        return x.best / y.best if x and y else None

    def errors(*names: str, sizes: tuple[int, ...] = (n,)) -> str:
        bad = [m for m in results if m.name in names and m.size in sizes and m.returncode]
        return ", ".join(f"{m.name} at {m.size} exited {m.returncode}" for m in bad)

    targets = [
        ratio_line(
            "--version <= 1.2x import typer",
            ratio("--version", "import typer"),
            1.2,
            error=errors("--version", "import typer"),
        ),
        ratio_line(
            "--help <= 1.2x import typer",
            ratio("--help", "import typer"),
            1.2,
            error=errors("--help", "import typer"),
        ),
        ratio_line(
            "validate <= 3x parse floor",
            ratio("validate", "parse floor"),
            3.0,
            error=errors("validate", "parse floor"),
        ),
        ratio_line(
            "validate <= 0.5x check-jsonschema",
            ratio("validate", "check-jsonschema"),
            0.5,
            error=errors("validate", "check-jsonschema"),
        ),
        ratio_line(
            "validate, 1 changed <= 0.25x validate",
            ratio("validate, 1 changed", "validate"),
            0.25,
            error=errors("validate, 1 changed", "validate"),
        ),
        ratio_line(
            "build <= 5x parse floor",
            ratio("build", "parse floor") if has_build else None,
            5.0,
            error=errors("build", "parse floor"),
        ),
        ratio_line(
            "build, 1 changed <= 0.1x build",
            ratio("build, 1 changed", "build") if has_build else None,
            0.1,
            error=errors("build, 1 changed", "build"),
        ),
        ratio_line(
            "diff --git, 1 changed < 1 s",
            m.best if (m := get("diff --git, 1 changed")) else None,
            1.0,
            "s",
            error=errors("diff --git, 1 changed"),
        ),
    ]
    for name in ("validate", "score --format json", "build"):
        m = get(name)
        targets.append(
            ratio_line(
                f"{name} peak memory (tree) < {MEMORY_LIMIT_MB:.0f} MB",
                m.tree_mb if m else None,
                MEMORY_LIMIT_MB,
                "MB",
                error=errors(name),
            )
        )
    scaling: dict[str, dict[str, float | None]] = {}
    names = ("parse floor", "validate", "build", "build, 1 changed", "diff --git, 1 changed")
    for size in sizes[1:]:
        factor = size // n
        for name in names:
            x, y = get(name, size), get(name, n)
            entry = scaling.setdefault(name, {})
            entry[f"{factor}N/N time"] = x.best / y.best if x and y else None
            entry[f"{factor}N/N exponent"] = (
                math.log(x.best / y.best) / math.log(factor) if x and y else None
            )
            entry[f"{factor}N/N tree memory"] = x.tree_mb / y.tree_mb if x and y else None
        m4, m1 = get("build", 4 * n), get("build", n)
        if factor == 4:
            targets.append(
                ratio_line(
                    "build tree memory: 4N within 10% of N",
                    m4.tree_mb / m1.tree_mb if m4 and m1 else None,
                    1.10,
                    error=errors("build", sizes=(n, 4 * n)),
                )
            )
            targets.append(
                ratio_line(
                    "validate: 4N costs <= 4.4x N",
                    ratio("validate", "validate", 4 * n, n),
                    4.4,
                    error=errors("validate", sizes=(n, 4 * n)),
                )
            )
    failed = [m for m in results if m.returncode != 0]

    print("\n" + "=" * 100)
    print(
        f"{'command':<24}{'size':>7}{'best s':>10}{'median s':>10}{'peak MB':>10}"
        f"{'tree MB':>10}  note"
    )
    for m in results:
        note = m.note + (f" EXIT {m.returncode}" if m.returncode else "")
        print(
            f"{m.name:<24}{m.size:>7}{m.best:>10.3f}{m.median:>10.3f}{m.peak_mb:>10.1f}"
            f"{m.tree_mb:>10.1f}  {note}"
        )
    if not has_build:
        print("build: not available in this version")
    if scaling:
        print("\nscaling (best of runs; exponent: time grows as size^exponent)")
        for name, ratios in scaling.items():
            shown = "  ".join(
                f"{k} {v:.2f}" if v is not None else f"{k} n/a" for k, v in ratios.items()
            )
            print(f"  {name:<22} {shown}")
    print(f"\ntargets at N = {n}, {info['cores']} cores")
    for t in targets:
        value = "n/a" if t["value"] is None else f"{t['value']:.2f}{t.get('unit', 'x')}"
        extra = f"  {t['note']}" if t.get("note") else ""
        print(f"  {t['status']:<5} {t['target']:<44} {value:>10}  (limit {t['limit']}){extra}")
    info["load_average_after"] = list(os.getloadavg())
    print(
        f"\nload average before {info['load_average_before'][0]:.2f}, "
        f"after {info['load_average_after'][0]:.2f}"
    )
    document = {
        "machine": info,
        "assessments": n,
        "sizes": sizes,
        "repeat": repeat,
        "build_available": has_build,
        "measurements": [
            {**asdict(m), "best": round(m.best, 4), "median": round(m.median, 4)} for m in results
        ],
        "scaling": scaling,
        "targets": targets,
    }
    (out / "results.json").write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out / 'results.json'}")
    if failed:
        print("some commands failed: " + ", ".join(f"{m.name}@{m.size}" for m in failed))
        return 1
    return 0


def huge_only(size: int, args: argparse.Namespace, repeat: int, info: dict[str, Any]) -> int:
    """The largest size on its own: the same measurements as every size's, and the ratios
    that need no other size (compare with results.json for the scaling)."""
    folder = workspace(args.out, size, args.seed)
    print(f"\nsize {size} assessments ({repeat} runs each)")
    results = measure_size(size, folder, repeat, min(args.build_repeat, repeat), build_available())
    best = {m.name: m.best for m in results}
    print(f"\nbuild / parse floor: {best['build'] / best['parse floor']:.2f}x")
    print(f"build, 1 changed / build: {best['build, 1 changed'] / best['build']:.3f}x")
    info["load_average_after"] = list(os.getloadavg())
    document = {
        "machine": info,
        "assessments": size,
        "repeat": repeat,
        "measurements": [
            {**asdict(m), "best": round(m.best, 4), "median": round(m.median, 4)} for m in results
        ],
    }
    target = args.out / "results-huge.json"
    target.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {target}")
    return 1 if any(m.returncode for m in results) else 0


if __name__ == "__main__":
    sys.exit(main())
