"""Every example of a pack against its answer key (stored outputs, item by item).

``examples/submissions/<id>/<name>`` (a notebook, a folder or a zip) is graded and its marks
compared with ``examples/keys/<id>/<name>.yaml``; a key may instead name its submission with
``path`` (relative to the project root, e.g. the reference solution).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml

from grader import api
from grader.authoring.finding import Finding
from grader.errors import GraderError
from grader.paths import project_root

__all__ = ["example_findings", "keyed_submission"]

WHAT = "예시 제출물"


def example_findings(pack_id: str) -> list[Finding]:
    """One finding per key, one per example without a key, one when there are no keys."""
    keys_dir = project_root() / "examples" / "keys" / pack_id
    subs_dir = project_root() / "examples" / "submissions" / pack_id
    keys = sorted(keys_dir.glob("*.yaml"))
    findings: list[Finding] = []
    for key in keys:
        ok, message = _compare(key, pack_id)
        findings.append(Finding(f"{WHAT} {key.stem}", ok, message))
    keyed = {k.stem for k in keys}
    for path in sorted(subs_dir.iterdir()) if subs_dir.is_dir() else []:
        stem = path.stem if path.suffix in (".ipynb", ".zip") else path.name
        if stem not in keyed and not path.name.startswith("."):
            message = f"답안 키가 없습니다: examples/keys/{pack_id}/{stem}.yaml"
            findings.append(Finding(f"{WHAT} {stem}", False, message))
    if not keys:
        findings.append(Finding(WHAT, False, f"examples/keys/{pack_id}/에 답안 키가 없습니다."))
    return findings


def keyed_submission(key: Path, data: dict[str, Any]) -> Path | None:
    """The submission a key is about, ``None`` when it is missing."""
    if "path" in data:
        path = project_root() / str(data["path"])
        return path if path.exists() else None
    folder = project_root() / "examples" / "submissions" / key.parent.name
    candidates = [folder / f"{key.stem}.ipynb", folder / key.stem, folder / f"{key.stem}.zip"]
    return next((p for p in candidates if p.exists()), None)


def _compare(key: Path, pack_id: str) -> tuple[bool, str]:
    try:
        data = yaml.safe_load(key.read_text(encoding="utf-8"))
        expected = {str(i): str(m) for i, m in dict(data["items"]).items()}
    except (yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        return False, f"답안 키 {key.name}을 읽을 수 없습니다 ({type(exc).__name__})."
    path = keyed_submission(key, data)
    if path is None:
        return False, f"답안 키 {key.name}의 제출물이 없습니다."
    with tempfile.TemporaryDirectory(prefix="grader-example-") as tmp:
        try:
            [graded] = api.grade([path], pack_id, Path(tmp), formats=("json",))
        except GraderError as exc:
            return False, exc.message_ko
    got = {v.id: str(v.mark) for v in graded.result.items}
    return _difference(expected, got)


def _difference(expected: dict[str, str], got: dict[str, str]) -> tuple[bool, str]:
    missing = sorted(set(got) - set(expected))
    extra = sorted(set(expected) - set(got))
    wrong = [
        f"{i}(키 {expected[i]}, 채점 {got[i]})"
        for i in expected
        if i in got and got[i] != expected[i]
    ]
    problems = []
    if missing:
        problems.append(f"키에 없는 항목: {', '.join(missing)}")
    if extra:
        problems.append(f"루브릭에 없는 항목: {', '.join(extra)}")
    if wrong:
        problems.append(f"다른 항목: {', '.join(wrong)}")
    if problems:
        return False, "; ".join(problems)
    return True, f"{len(got)}개 항목이 키와 같습니다."
