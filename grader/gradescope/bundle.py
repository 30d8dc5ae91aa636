"""The Gradescope autograder zip: ``setup.sh``, ``run_autograder``, grader and the pack.

Gradescope unpacks the zip into ``/autograder/source``, runs ``setup.sh`` once to build the
image, then ``run_autograder`` per submission. The bundle carries this grader's own code (pure
Python, copied as installed) and a ``grader_home/`` with the pack, the rubrics, the report
templates and the reference solution, so nothing is fetched but the core dependencies.
"""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import grader
from grader.assignments import load_pack
from grader.paths import assignments_dir, reference_dir, rubrics_dir, templates_dir

__all__ = ["build_bundle", "core_requirements"]

SETUP_SH = """\
#!/usr/bin/env bash
# Gradescope image set-up (choose the Ubuntu 24.04 base image: grader needs Python >= 3.11).
set -euo pipefail
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv >/dev/null
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install --quiet -r /autograder/source/requirements.txt
"""

RUN_AUTOGRADER = """\
#!/usr/bin/env bash
# Gradescope runs this for each submission. GRADER_AUTOGRADER_ROOT and GRADER_PYTHON point it
# elsewhere (tests); on Gradescope the defaults hold.
set -u
ROOT="${{GRADER_AUTOGRADER_ROOT:-/autograder}}"
PYTHON="${{GRADER_PYTHON:-$ROOT/venv/bin/python}}"
mkdir -p "$ROOT/results"
export GRADER_HOME="$ROOT/source/grader_home"
export PYTHONPATH="$ROOT/source/lib"
exec "$PYTHON" -m grader gradescope run -a {assignment} --total {total:g} \\
  --submission "$ROOT/submission" --results "$ROOT/results/results.json"
"""

_SKIPPED = re.compile(r"(^|/)(__pycache__|_data)(/|$)|\.pyc$")


def core_requirements() -> list[str]:
    """grader's dependencies without the extras (from the installed metadata)."""
    try:
        requires = importlib.metadata.requires("grader") or []
    except importlib.metadata.PackageNotFoundError:  # run from a checkout without installing
        pyproject = Path(grader.__file__).resolve().parents[1] / "pyproject.toml"
        requires = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    return [r for r in requires if "extra ==" not in r]


def _tree(root: Path, prefix: str) -> Iterator[tuple[Path, str]]:
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and not path.is_symlink() and not _SKIPPED.search(relative):
            yield path, f"{prefix}/{relative}"


def _executable(bundle: zipfile.ZipFile, name: str, text: str) -> None:
    info = zipfile.ZipInfo(name)
    info.external_attr = 0o100755 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    bundle.writestr(info, text)


def build_bundle(assignment_id: str, out: Path, total: float = 100.0) -> Path:
    """Write the autograder zip for ``assignment_id`` to ``out``; AssignmentError if unknown."""
    pack = load_pack(assignments_dir(), assignment_id)
    files = [
        *_tree(Path(grader.__file__).parent, "lib/grader"),
        *_tree(pack.root, f"grader_home/assignments/{pack.id}"),
        *_tree(rubrics_dir(), "grader_home/rubrics"),
        *_tree(templates_dir(), "grader_home/report_templates"),
    ]
    reference = reference_dir() / pack.id
    if reference.is_dir():
        files += _tree(reference, f"grader_home/reference_solutions/{pack.id}")
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        _executable(bundle, "setup.sh", SETUP_SH)
        _executable(
            bundle, "run_autograder", RUN_AUTOGRADER.format(assignment=pack.id, total=total)
        )
        bundle.writestr("requirements.txt", "\n".join(core_requirements()) + "\n")
        for path, name in files:
            bundle.write(path, name)
    return out
