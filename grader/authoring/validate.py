"""``grader pack validate``: is a pack complete and consistent?

Stored mode checks the ``assignment.yaml`` (errors name the field), the files it references
(starter, quest README, rubric, app samples, reference solution), the rubric against the
check registry, the artifact judge against the judge registry, that no ``TODO(author)``
marker of ``grader pack new`` is left, and that every example under
``examples/submissions/<id>/`` gets exactly the marks of its key in ``examples/keys/<id>/``.
With ``run`` it also executes the reference solution (it must get full marks: every
applicable item o) and the starter (it must score low), reading the pack's datasets from
``data_dir`` or, without one, from stand-ins its ``prepare.py`` writes into the cache.
"""

from __future__ import annotations

import functools
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from grader import api
from grader.apps.samples import SAMPLES_FILE, load_samples
from grader.assignments import AssignmentPack, load_pack
from grader.assignments.data import check_data, data_digest, fake_data, missing_data_message
from grader.assignments.pack import SampleArtifacts
from grader.authoring.examples import example_findings
from grader.authoring.finding import Finding
from grader.errors import GraderError
from grader.judges import get_judge
from grader.judges.registry import judge_params
from grader.judges.truth import is_bundled
from grader.kernels import kernel_python
from grader.paths import assignments_dir, cache_dir, reference_dir, rubrics_dir
from grader.records.verdict import Result
from grader.rubric.load import load_rubric

_Judge = Callable[[str, Result], Finding]

__all__ = ["STARTER_MAX_SCORE", "TODO_MARK", "Finding", "validate_pack"]

TODO_MARK = "TODO(author)"
"""What ``grader pack new`` leaves where the author still has to write something."""
STARTER_MAX_SCORE = 0.4
"""The executed starter must score at most this (and not pass 완성도)."""


def validate_pack(
    pack_id: str, *, run: bool = False, sandbox: bool = True, data_dir: Path | None = None
) -> list[Finding]:
    """Every finding on ``pack_id`` (a broken ``assignment.yaml`` stops after itself)."""
    try:
        pack = load_pack(assignments_dir(), pack_id)
    except GraderError as exc:
        return [Finding("assignment.yaml", False, exc.message_ko)]
    findings = [Finding("assignment.yaml", True, "형식이 맞습니다.")]
    findings += list(_file_findings(pack))
    findings += list(_rubric_findings(pack))
    findings += list(_todo_findings(pack))
    findings += example_findings(pack.id)
    if run:
        data = _run_data(pack, data_dir)
        findings.append(data)
        if data.ok:
            findings += _run_findings(pack, sandbox, data_dir or fake_dir(pack))
    return findings


def fake_dir(pack: AssignmentPack) -> Path:
    """Where the stand-ins of ``pack``'s datasets are cached (by the digest of their recipe)."""
    return cache_dir() / "data" / f"{pack.id}-{data_digest(pack)}"


def _run_data(pack: AssignmentPack, data_dir: Path | None) -> Finding:
    """The data the executed notebooks read: ``data_dir``, or stand-ins made once."""
    if not pack.mounted_datasets:
        return Finding("데이터", True, "데이터 폴더가 필요 없습니다.")
    if data_dir is not None:
        message = missing_data_message(pack, check_data(pack, data_dir))
        return Finding("데이터", message is None, message or f"데이터 폴더: {data_dir}")
    folder = fake_dir(pack)
    if missing_data_message(pack, check_data(pack, folder)) is None:
        return Finding("데이터", True, f"저장해 둔 대체 데이터를 씁니다: {folder}")
    try:
        fake_data(pack, folder, kernel_python(pack.spec))
    except GraderError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        return Finding("데이터", False, exc.message_ko)
    return Finding("데이터", True, f"prepare.py로 대체 데이터를 만들었습니다: {folder}")


def _file_findings(pack: AssignmentPack) -> Iterator[Finding]:
    spec = pack.spec
    for what, path in (("스타터 노트북", pack.starter_path), ("퀘스트 README", pack.quest_path)):
        yield _exists(what, path)
    if spec.artifacts is not None:
        try:
            get_judge(spec.artifacts.judge)
            judge_params(spec.artifacts.judge, spec.artifacts.params, pack.id)
            yield Finding("판정기", True, f"등록된 판정기: '{spec.artifacts.judge}'")
            yield from _truth_findings(spec.artifacts)
        except GraderError as exc:
            yield Finding("판정기", False, exc.message_ko)
    samples = pack.root / "samples" / SAMPLES_FILE
    if spec.app_predict_function or samples.is_file():
        yield _samples_finding(pack.root)
    notebooks = sorted((reference_dir() / pack.id).glob("*.ipynb"))
    missing = f"reference_solutions/{pack.id}/에 노트북이 없습니다."
    found = f"노트북 {len(notebooks)}개"
    yield Finding("참고 답안", bool(notebooks), found if notebooks else missing)


def _truth_findings(artifacts: SampleArtifacts) -> Iterator[Finding]:
    """A metric judge that compares with a truth needs one; say where it comes from."""
    judge = get_judge(artifacts.judge).metric
    if judge is None or judge.truth is None:
        return
    truth = artifacts.truth
    if truth is None:
        if judge.truth_required:
            yield Finding(
                "정답", False, f"판정기 '{artifacts.judge}'에는 artifacts.truth가 필요합니다."
            )
        return
    where = "내장 데이터" if is_bundled(truth) else "데이터 폴더(--data) 안의 파일"
    yield Finding("정답", True, f"artifacts.truth: {truth} ({where})")


def _exists(what: str, path: Path) -> Finding:
    if path.is_file():
        return Finding(what, True, f"{path.name} 있음")
    return Finding(what, False, f"assignment.yaml이 가리키는 파일이 없습니다: {path}")


def _samples_finding(root: Path) -> Finding:
    try:
        found = load_samples(root)
    except GraderError as exc:
        return Finding("앱 샘플", False, exc.message_ko)
    if found is None:
        path = root / "samples" / SAMPLES_FILE
        return Finding("앱 샘플", False, f"앱을 요구하는 과제인데 샘플 파일이 없습니다: {path}")
    return Finding("앱 샘플", True, f"샘플 {len(found.samples)}개")


def _rubric_findings(pack: AssignmentPack) -> Iterator[Finding]:
    if pack.spec.rubric is None:
        yield Finding("프로젝트 루브릭", False, "assignment.yaml에 rubric이 없습니다.")
        return
    path = rubrics_dir() / f"{pack.spec.rubric}.yaml"
    try:
        loaded = load_rubric(rubrics_dir() / "peer_review.yaml", path)
    except GraderError as exc:
        yield Finding("프로젝트 루브릭", False, exc.message_ko)
        return
    assert loaded.project is not None
    if loaded.project.assignment != pack.id:
        message = f"{path.name}의 assignment({loaded.project.assignment})가 팩 id와 다릅니다."
        yield Finding("프로젝트 루브릭", False, message)
        return
    total, required = len(loaded.project.criteria), loaded.project.required_criteria
    yield Finding("프로젝트 루브릭", True, f"{path.name}: 기준 {total}개 중 {required}개 필요")


def _todo_findings(pack: AssignmentPack) -> Iterator[Finding]:
    files = [pack.root / "assignment.yaml", pack.quest_path, pack.starter_path]
    if pack.spec.rubric:
        files.append(rubrics_dir() / f"{pack.spec.rubric}.yaml")
    files += sorted((reference_dir() / pack.id).glob("*.ipynb"))
    left = [p for p in files if p.is_file() and TODO_MARK in p.read_text(encoding="utf-8")]
    for path in left:
        yield Finding("작성할 곳", False, f"{path}에 아직 {TODO_MARK} 표시가 남아 있습니다.")
    if not left:
        yield Finding("작성할 곳", True, f"{TODO_MARK} 표시가 없습니다.")


def _run_findings(pack: AssignmentPack, sandbox: bool, data: Path | None) -> list[Finding]:
    findings: list[Finding] = []
    reference = _reference_path(pack.id)
    run = functools.partial(_graded, pack_id=pack.id, sandbox=sandbox, data=data)
    if reference is not None:
        findings.append(run("참고 답안 실행", reference, judge=_full_marks))
    if pack.starter_path.is_file():
        findings.append(run("스타터 실행", pack.starter_path, judge=_low_score))
    return findings


def _reference_path(pack_id: str) -> Path | None:
    folder = reference_dir() / pack_id
    notebooks = sorted(folder.glob("*.ipynb"))
    if not notebooks:
        return None
    others = [p for p in folder.iterdir() if p.is_file() and p.suffix != ".ipynb"]
    return folder if len(notebooks) > 1 or others else notebooks[0]


def _graded(
    what: str, path: Path, *, pack_id: str, sandbox: bool, data: Path | None, judge: _Judge
) -> Finding:
    with tempfile.TemporaryDirectory(prefix="grader-pack-") as tmp:
        try:
            [graded] = api.grade(
                [path],
                pack_id,
                Path(tmp),
                run=True,
                sandbox=sandbox,
                formats=("json",),
                data_dir=data,
            )
        except GraderError as exc:
            return Finding(what, False, exc.message_ko)
    return judge(what, graded.result)


def _full_marks(what: str, result: Result) -> Finding:
    short = [f"{v.id}({v.mark})" for v in result.items if v.mark not in ("o", "n/a")]
    if result.execution_status != "completed":
        return Finding(what, False, f"끝까지 실행되지 않았습니다: {result.execution_reason_ko}")
    if short:
        return Finding(what, False, f"만점이 아닙니다: {', '.join(short)}")
    return Finding(what, True, f"만점 (점수 {result.score:.2f})")


def _low_score(what: str, result: Result) -> Finding:
    completeness = result.item("completeness").mark
    if result.score > STARTER_MAX_SCORE or completeness == "o":
        return Finding(
            what,
            False,
            f"스타터 점수가 너무 높습니다: {result.score:.2f} (최대 {STARTER_MAX_SCORE}), "
            f"완성도 {completeness}",
        )
    return Finding(what, True, f"낮은 점수 {result.score:.2f}, 완성도 {completeness}")
