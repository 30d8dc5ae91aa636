"""Throughput of ``grader batch``, in one run.

Usage::

    python benchmarks/batch_throughput.py [--copies N] [--run-copies M] [--skip-executed]

1. Stored outputs: a class of N copies of the cnn-digits examples graded with ``--jobs 1``
   and ``--jobs 2`` (submissions per second each, the speed-up, and the seconds per
   submission amortised over the whole ``--jobs 2`` run: the goal is at most 0.3 s).
2. Executed: M (default 8) copies of the reference solution graded with ``--run --jobs 2``
   against the same notebooks run as plain Python scripts (code cells only, no grader, no
   sandbox) two at a time in the course kernel's Python — the ratio is what sandboxed,
   recorded, graded execution costs over bare execution (the goal is at most 1.00).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from grader.kernels import kernel_python

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "submissions" / "cnn-digits"
REFERENCE = ROOT / "reference_solutions" / "cnn-digits" / "solution.ipynb"
STORED = ("strong.ipynb", "weak.ipynb", "claims-only.ipynb", "never-run.ipynb", "broken.ipynb")


def stored_class(root: Path, copies: int) -> Path:
    root.mkdir(parents=True)
    for i in range(copies):
        shutil.copyfile(EXAMPLES / STORED[i % len(STORED)], root / f"학생{i:03d}.ipynb")
    return root


def grader_batch(class_dir: Path, out: Path, *extra: str) -> float:
    """Seconds ``grader batch`` took (a fresh OUT, so nothing is reused)."""
    command = [sys.executable, "-m", "grader", "batch", str(class_dir), "-a", "cnn-digits",
               "-o", str(out), *extra]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"grader batch failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed


def as_script(notebook: Path, target: Path) -> Path:
    """The notebook's code cells as one script (IPython magics and shell lines left out)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    lines = []
    for cell in cells:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            lines += [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def plain_scripts(scripts: list[Path], parallel: int) -> float:
    """Seconds to run ``scripts`` with the course kernel's Python, ``parallel`` at a time."""
    python = str(kernel_python(None))
    env = {"PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg", "HOME": tempfile.gettempdir()}
    started = time.perf_counter()
    pending = list(scripts)
    running: list[subprocess.Popen[bytes]] = []
    while pending or running:
        while pending and len(running) < parallel:
            script = pending.pop(0)
            running.append(subprocess.Popen([python, script.name], cwd=script.parent, env=env,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        running[0].wait()
        running = [p for p in running if p.poll() is None]
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=24)
    parser.add_argument("--run-copies", type=int, default=8)
    parser.add_argument("--skip-executed", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="grader-bench-") as tmp:
        work = Path(tmp)
        class_dir = stored_class(work / "class", args.copies)
        one = grader_batch(class_dir, work / "out1", "--jobs", "1")
        two = grader_batch(class_dir, work / "out2", "--jobs", "2")
        print(f"stored outputs, {args.copies} submissions: --jobs 1 {args.copies / one:.2f}/s "
              f"({one:.1f} s), --jobs 2 {args.copies / two:.2f}/s ({two:.1f} s), "
              f"speed-up x{one / two:.2f}, {two / args.copies:.2f} s per submission amortised "
              f"with --jobs 2")
        if args.skip_executed:
            return
        executed = work / "executed"
        executed.mkdir()
        scripts = []
        for i in range(args.run_copies):
            shutil.copyfile(REFERENCE, executed / f"정답{i}.ipynb")
            folder = work / f"script{i}"
            folder.mkdir()
            scripts.append(as_script(REFERENCE, folder / "solution.py"))
        graded = grader_batch(executed, work / "out-run", "--run", "--jobs", "2")
        bare = plain_scripts(scripts, parallel=2)
        print(f"executed, {args.run_copies} x reference solution, two at a time: "
              f"grader batch --run {graded:.1f} s, plain scripts {bare:.1f} s, "
              f"ratio x{graded / bare:.2f}")


if __name__ == "__main__":
    main()
