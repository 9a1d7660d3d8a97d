"""Time `scorecard sensitivity` on a synthetic workspace, and check that it is reproducible.

    python benchmarks/sensitivity.py --assessments 200 --draws 1000 --repeat 3

Generates (or reuses) benchmarks/out/sens-<N>/ with benchmarks/generate.py (four editions per
jurisdiction, so N assessments rank N/4 latest editions), then measures, best and median of
--repeat runs:

- the whole command in a fresh process (`--format json -o FILE`): wall time and CPU time;
- `scorecard score --format csv` on the same files, the cost of loading, validating and
  scoring that the command shares with every other command;
- the simulation alone (`scorecard.sensitivity.analyse`, in this process, on results scored
  once): 5 x --draws methods, the full Monte Carlo and each assumption alone;

and checks that two runs with the same seed write identical bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/ is not a package)

SCORECARD = str(Path(sys.executable).parent / "scorecard")


def workspace(out: Path, size: int, seed: int) -> Path:
    """The cached workspace of `size` assessments, generated if missing or stale."""
    folder = out / f"sens-{size}"
    stamp = f"generator={generate.GENERATOR_VERSION} assessments={size} seed={seed}\n"
    marker = folder / generate.MARKER
    if not (marker.is_file() and marker.read_text(encoding="utf-8") == stamp):
        print(f"generating {size} assessments in {folder} ...", flush=True)
        generate.generate(folder, size, seed)
        marker.write_text(stamp, encoding="utf-8")
    return folder


def timed_command(argv: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) for one run; fails loudly on a non-zero exit."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def summary(label: str, runs: list[tuple[float, float]]) -> str:
    walls = [w for w, _ in runs]
    cpus = [c for _, c in runs]
    return (
        f"{label:<44} wall best {min(walls):6.2f} s  median {statistics.median(walls):6.2f} s"
        f"   cpu best {min(cpus):6.2f} s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assessments", type=int, default=200, help="assessment files")
    parser.add_argument("--draws", type=int, default=1000, help="draws (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement")
    parser.add_argument("--seed", type=int, default=2024, help="seed of the generator")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="cache folder")
    args = parser.parse_args(argv)
    folder = workspace(args.out, args.assessments, args.seed)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()}")

    with tempfile.TemporaryDirectory() as tmp:
        outputs = [Path(tmp) / f"run{n}.json" for n in range(args.repeat)]
        command = [SCORECARD, "sensitivity", "--format", "json", "--draws", str(args.draws)]
        runs = [timed_command([*command, "-o", str(out)], folder) for out in outputs]
        digests = {hashlib.sha256(out.read_bytes()).hexdigest() for out in outputs}
        scoring = [
            timed_command(
                [SCORECARD, "score", "assessments", "--format", "csv", "-o", str(Path(tmp) / "s")],
                folder,
            )
            for _ in range(args.repeat)
        ]

    from scorecard.api import iter_results, load_valid
    from scorecard.sensitivity import SensitivitySettings, analyse
    from scorecard.workspace import open_workspace

    ws = open_workspace(folder)
    results = list(iter_results(load_valid([ws.assessments_dir], ws)))
    simulated = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        cpu_start = time.process_time()
        report = analyse(results, SensitivitySettings(draws=args.draws))
        simulated.append((time.perf_counter() - start, time.process_time() - cpu_start))

    print(
        f"{len(results)} assessments, {len(report.jurisdictions)} jurisdictions "
        f"({len(report.ranked)} ranked), {args.draws} draws"
    )
    print(summary("scorecard sensitivity --format json", runs))
    print(summary("scorecard score --format csv (load + score)", scoring))
    print(summary("analyse() alone: the simulation", simulated))
    same = "identical" if len(digests) == 1 else f"DIFFERENT ({len(digests)} digests)"
    print(f"outputs of {args.repeat} runs with the same seed: {same}")
    return 0 if len(digests) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
