"""Every performance figure of the issue, each beside its baseline in one run; writes the table.

    .venv/bin/python benchmarks/bench_all.py [--repeat 3] [--only NAME ...] [--no-write] [--python PATH]

Figures (budgets from issue 14), each timed as subprocesses, interpreter start-up included,
after one untimed warm-up, the median of --repeat runs, bytecode cached in a scratch folder:

- start-up: `--help`, `--version`, `list` under 0.3 s (baseline: the bare interpreter, `python -c pass`);
- 500 files: `to-auto --dry-run` under 1.5 s and at least 10x faster than the same edits as a
  plain `python -m libcst.tool codemod` (bench_to_auto.py's baseline); `to-strict`, `upgrade`
  and `fix-tests --dry-run` under 1.5 s (same baseline column, for scale);
- tests per module: `to-auto --dry-run` on one module of 16,000 marked tests at most 10x the
  time of 2,000 (the baseline);
- 10,000 files, already migrated: `to-auto --check` (after `to-auto`) and `to-strict --check`
  (after `to-strict` on the migrated auto repo) under 2 s with the result cache filled by an
  earlier run; the baseline is the same check with `--no-cache` (every candidate file parsed).

Every tool run uses a result cache in the scratch folder (never the user's). The table
replaces the part of benchmarks/README.md between the FIGURES markers (unless --no-write).
Exit status: 0 every budget met, 1 one missed, 2 a command failed.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench_to_auto import baseline_contender, fingerprint, python_env
from generate_repo import generate_many_tests, generate_repo

README = Path(__file__).resolve().parent / "README.md"
START, END = "<!-- FIGURES:START -->", "<!-- FIGURES:END -->"


@dataclass
class Row:
    name: str
    files: str
    seconds: float
    baseline_label: str
    baseline_seconds: float
    ratio_label: str
    budget: str
    met: bool


def timed(argv: list[str], cwd: Path, env: dict[str, str], repeat: int, ok: tuple[int, ...] = (0,)) -> float:
    """Median wall time of ``argv`` over ``repeat`` runs after one warm-up."""
    times = []
    for index in range(repeat + 1):
        start = time.perf_counter()
        done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if done.returncode not in ok:
            sys.stderr.write(done.stdout[-2000:] + done.stderr[-2000:])
            print(f"FAIL: exit {done.returncode}: {' '.join(argv)} (in {cwd})", file=sys.stderr)
            raise SystemExit(2)
        if index:
            times.append(elapsed)
    return statistics.median(times)


def run_once(argv: list[str], cwd: Path, env: dict[str, str]) -> None:
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        sys.stderr.write(done.stderr[-3000:])
        print(f"FAIL: exit {done.returncode}: {' '.join(argv)}", file=sys.stderr)
        raise SystemExit(2)


def start_up(tool: list[str], scratch: Path, env: dict[str, str], repeat: int) -> list[Row]:
    bare = timed([sys.executable, "-c", "pass"], scratch, env, repeat)
    rows = []
    for arguments in (["--help"], ["--version"], ["list"]):
        seconds = timed([*tool, *arguments], scratch, env, repeat)
        rows.append(Row(" ".join(arguments), "-", seconds, "python -c pass", bare, f"{seconds / bare:.1f}x bare",
                        "< 0.30 s", seconds < 0.3))
    return rows


def five_hundred(tool: list[str], scratch: Path, env: dict[str, str], repeat: int) -> list[Row]:
    repo = scratch / "repo-500"
    generate_repo(repo, 500)
    before = fingerprint(repo)
    baseline = baseline_contender(repo, env)
    baseline_seconds = timed(baseline.argv, repo, baseline.env, repeat)
    rows = []
    for command in ("to-auto", "to-strict", "upgrade", "fix-tests"):
        seconds = timed([*tool, command, "--dry-run", str(repo)], repo, env, repeat)
        speedup = baseline_seconds / seconds
        budget = "< 1.50 s, >= 10x" if command == "to-auto" else "< 1.50 s"
        met = seconds < 1.5 and (speedup >= 10 or command != "to-auto")
        rows.append(Row(f"{command} --dry-run", "500", seconds, "libcst.tool codemod", baseline_seconds,
                        f"{speedup:.1f}x faster", budget, met))
    if fingerprint(repo) != before:
        print("FAIL: a dry run wrote to the 500-file repo", file=sys.stderr)
        raise SystemExit(2)
    return rows


def many_tests(tool: list[str], scratch: Path, env: dict[str, str], repeat: int) -> list[Row]:
    seconds = {}
    for tests in (2000, 16000):
        repo = scratch / f"many-{tests}"
        generate_many_tests(repo, tests)
        seconds[tests] = timed([*tool, "to-auto", "--dry-run", "--no-cache", str(repo)], repo, env, repeat)
    ratio = seconds[16000] / seconds[2000]
    return [Row("to-auto --dry-run, one module of 16,000 tests", "1", seconds[16000], "2,000 tests", seconds[2000],
                f"{ratio:.1f}x (8x tests)", "<= 10x", ratio <= 10)]


def ten_thousand(tool: list[str], scratch: Path, env: dict[str, str], repeat: int) -> list[Row]:
    auto = scratch / "repo-10k-auto"
    generate_repo(auto, 10000)
    run_once([*tool, "to-auto", "-q", "--no-cache", str(auto)], auto, env)
    strict = scratch / "repo-10k-strict"
    shutil.copytree(auto, strict)
    run_once([*tool, "to-strict", "-q", "--no-cache", str(strict)], strict, env)
    rows = []
    for command, repo in (("to-auto", auto), ("to-strict", strict)):
        check = [*tool, command, "--check", "-q", str(repo)]
        cold = timed([*check, "--no-cache"], repo, env, max(1, repeat // 2))
        warm = timed(check, repo, env, repeat)  # the warm-up run fills the cache
        rows.append(Row(f"{command} --check, migrated, cache filled", "10,000", warm, "--no-cache", cold,
                        f"{cold / warm:.1f}x faster", "< 2.00 s", warm < 2))
    return rows


FIGURES = {"start-up": start_up, "500": five_hundred, "many-tests": many_tests, "10k": ten_thousand}


def table(rows: list[Row]) -> str:
    lines = [
        "| figure | files | time | baseline | baseline time | ratio | budget | met |",
        "|---|---:|---:|---|---:|---:|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.name} | {row.files} | {row.seconds:.2f} s | {row.baseline_label} | "
            f"{row.baseline_seconds:.2f} s | {row.ratio_label} | {row.budget} | {'yes' if row.met else '**no**'} |"
        )
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    README.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each command (after one warm-up)")
    parser.add_argument("--only", nargs="+", choices=sorted(FIGURES), help="run only these figures")
    parser.add_argument("--no-write", action="store_true", help="print the table; leave README.md alone")
    parser.add_argument("--python", default=sys.executable,
                        help="the interpreter whose asyncio_migrate is timed (another checkout's venv, to compare)")
    args = parser.parse_args()
    tool = [args.python, "-m", "asyncio_migrate"]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="asyncio-migrate-bench-") as folder:
        scratch = Path(folder)
        env = python_env(scratch / "pycache")
        env["ASYNCIO_MIGRATE_CACHE_DIR"] = str(scratch / "result-cache")
        for name, figure in FIGURES.items():
            if args.only and name not in args.only:
                continue
            print(f"{name} ...", flush=True)
            rows.extend(figure(tool, scratch, env, args.repeat))
            print(table(rows), flush=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    text = (
        f"{table(rows)}\n\n{os.cpu_count()} cores, Python {platform.python_version()}, median of "
        f"{args.repeat} run(s) after a warm-up, load average {load:.1f} when the run ended."
    )
    if not args.no_write:
        write_readme(text)
    return 0 if all(row.met for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
