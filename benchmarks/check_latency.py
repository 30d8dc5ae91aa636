"""Latency of ``grader check`` (student mode) on the bundled examples.

Usage::

    python benchmarks/check_latency.py [--repeat N]

Each example is checked N times in a fresh interpreter (``python -m grader check``); the
median wall time per example and over all runs is printed. The goal is under one second
after interpreter start. Not a timed test: the figure depends on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUBMISSIONS = ROOT / "examples" / "submissions"


def examples() -> list[tuple[Path, str]]:
    """Every bundled example submission with its assignment id (its folder's name)."""
    found: list[tuple[Path, str]] = []
    for assignment in sorted(p for p in SUBMISSIONS.iterdir() if p.is_dir()):
        for path in sorted(assignment.iterdir()):
            if path.suffix == ".ipynb" or path.is_dir():
                found.append((path, assignment.name))
    return found


def check_seconds(path: Path, assignment: str) -> float:
    """Wall seconds of one ``grader check`` (exit 0 or 1: both are a finished check)."""
    pack = [] if assignment == "free-apps" else ["-a", assignment]
    command = [sys.executable, "-m", "grader", "check", str(path), *pack]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"grader check {path} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed


def bare_start() -> float:
    """Wall seconds of an interpreter that does nothing (subtracted: 'after start')."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    start = statistics.median(bare_start() for _ in range(5))
    everything: list[float] = []
    for path, assignment in examples():
        runs = [check_seconds(path, assignment) for _ in range(args.repeat)]
        everything += runs
        print(f"{path.relative_to(SUBMISSIONS)!s:45} {statistics.median(runs):6.2f} s")
    median = statistics.median(everything)
    print(f"median over {len(everything)} checks: {median:.2f} s "
          f"({median - start:.2f} s after interpreter start of {start:.2f} s)")


if __name__ == "__main__":
    main()
