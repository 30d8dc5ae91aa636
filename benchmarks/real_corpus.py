"""How well does the grader agree with a careful human key on real student notebooks?

Grades every folder of a built development corpus from its stored outputs (as a new user
would: one ``grader grade FOLDER --no-run`` per submission, here in one process), then runs the
corpus's own ``agree.py`` against its MANIFEST key and prints its per-item agreement, the
per-notebook disagreements (false o marked ``FALSE-O``) and the summary line.

    # build the corpus first: see ../shared/corpus/README.md
    .venv/bin/python benchmarks/real_corpus.py CORPUS_OUT [--corpus ../shared/corpus]
                                                          [--results DIR] [--only 07,19]

This is a benchmark, not a test: CI has no corpus. Exit status: agree.py's (0 when the bar of
issue 9 holds: >= 90 % agreement, no false o, borderline o on at most 1 in 5 ``?`` cells).
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from grader.api import grade

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def grade_corpus(subs: Path, results: Path, only: set[str]) -> int:
    """Grade each submission folder into ``results/<folder>/``; returns how many were graded."""
    folders = sorted(p for p in subs.iterdir() if p.is_dir())
    if only:
        folders = [p for p in folders if p.name.split("_")[0] in only]
    for folder in folders:
        grade([folder], None, results / folder.name, run=False, formats=("md", "json"))
    return len(folders)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus_out", type=Path, help="OUT_DIR that build.py wrote")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="MANIFEST/agree.py")
    parser.add_argument("--results", type=Path, default=None, help="keep result.json here")
    parser.add_argument("--only", default="", help="comma-separated notebook numbers")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    subs = args.corpus_out / "subs"
    if not subs.is_dir():
        print(f"{subs} is missing: build the corpus first (see {args.corpus}/README.md)")
        return 2
    if not (args.corpus / "agree.py").is_file():
        print(f"{args.corpus}/agree.py is missing: pass --corpus SHARED/corpus")
        return 2
    results = args.results or Path(tempfile.mkdtemp(prefix="real-corpus-"))
    only = {n.strip() for n in args.only.split(",") if n.strip()}
    started = time.perf_counter()
    count = grade_corpus(subs, results, only)
    elapsed = time.perf_counter() - started
    print(f"graded {count} submissions from stored outputs in {elapsed:.0f} s -> {results}\n")
    agree = subprocess.run(
        [sys.executable, str(args.corpus / "agree.py"), str(args.corpus / "MANIFEST.md"), results],
        check=False,
    )
    return agree.returncode


if __name__ == "__main__":
    sys.exit(main())
