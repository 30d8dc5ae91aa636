"""A pack's mounted datasets: which files the data directory must hold, and stand-ins.

Real courses mount real data (``<data dir>/<name>/<files>``); CI and the demo use the small
stand-ins of the same format that the pack's ``prepare.py --out DIR`` writes. Nothing here
downloads anything, and ``prepare.py`` is the instructor's code, run with the course kernel's
Python (it may import torch to pretrain a tiny backbone).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from grader.assignments.pack import AssignmentPack, DatasetSpec
from grader.errors import DataError

__all__ = [
    "DataStatus",
    "check_data",
    "data_digest",
    "fake_data",
    "missing_data_message",
    "require_data",
]

PREPARE_TIMEOUT_S = 600


@dataclass(frozen=True)
class DataStatus:
    """One dataset in one data directory: the files it lacks (none: present)."""

    dataset: DatasetSpec
    folder: Path | None
    missing: tuple[str, ...]

    @property
    def present(self) -> bool:
        return self.folder is not None and not self.missing


def check_data(pack: AssignmentPack, data_dir: Path | None) -> tuple[DataStatus, ...]:
    """Each mounted dataset of ``pack`` against ``data_dir`` (``None``: all missing)."""
    return tuple(_status(d, data_dir) for d in pack.mounted_datasets)


def _status(dataset: DatasetSpec, data_dir: Path | None) -> DataStatus:
    if data_dir is None:
        return DataStatus(dataset, None, dataset.files)
    folder = data_dir / dataset.name
    missing = tuple(f for f in dataset.files if not _exists(folder, f))
    return DataStatus(dataset, folder, missing)


def _exists(folder: Path, name: str) -> bool:
    path = folder / name
    if name.endswith("/"):
        return path.is_dir() and any(path.iterdir())
    return path.is_file()


def missing_data_message(pack: AssignmentPack, statuses: tuple[DataStatus, ...]) -> str | None:
    """A Korean sentence naming what is missing, or ``None`` when everything is there."""
    absent = [s for s in statuses if not s.present]
    if not absent:
        return None
    if absent[0].folder is None:
        names = ", ".join(s.dataset.name for s in absent)
        return (
            f"과제 '{pack.id}'의 노트북은 데이터 폴더의 데이터셋({names})을 읽습니다. "
            f"--data 폴더(또는 GRADER_DATA)를 지정하세요. 연습용 대체 데이터는 "
            f"'grader data fake -a {pack.id} --out 폴더'로 만들 수 있습니다."
        )
    parts = [f"{s.dataset.name}/{', '.join(s.missing)}" for s in absent]
    return (
        f"데이터 폴더에 과제 '{pack.id}'의 파일이 없습니다: {'; '.join(parts)}. "
        f"'grader data check -a {pack.id} --data 폴더'로 확인하세요."
    )


def require_data(pack: AssignmentPack, data_dir: Path | None) -> None:
    """Raise :class:`DataError` in Korean unless every mounted dataset is in ``data_dir``."""
    message = missing_data_message(pack, check_data(pack, data_dir))
    if message:
        raise DataError(message, detail=str(data_dir))


def data_digest(pack: AssignmentPack) -> str:
    """A digest of what the stand-ins depend on (the spec and ``prepare.py``)."""
    digest = hashlib.sha256()
    for path in (pack.root / "assignment.yaml", pack.prepare_path):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def fake_data(
    pack: AssignmentPack, out: Path, python: Path, *, timeout_s: float = PREPARE_TIMEOUT_S
) -> tuple[DataStatus, ...]:
    """Write the pack's stand-ins into ``out`` with ``prepare.py``; every dataset must appear.

    The script runs with ``python`` (the course kernel's) in an empty temporary folder, with
    ``-I`` (no user site, no current folder on the path) and ``GRADER_DATA`` set to ``out``."""
    if not pack.mounted_datasets:
        return ()
    script = pack.prepare_path
    if not script.is_file():
        raise DataError(
            f"과제 '{pack.id}'에 대체 데이터를 만드는 prepare.py가 없습니다.",
            code="prepare_missing",
            detail=str(script),
        )
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "GRADER_DATA": str(out.resolve()), "PYTHONHASHSEED": "0"}
    command = [str(python), "-I", str(script.resolve()), "--out", str(out.resolve())]
    with tempfile.TemporaryDirectory(prefix="grader-prepare-") as cwd:
        try:
            done = subprocess.run(
                command,
                cwd=cwd,
                env=env,
                capture_output=True,
                text=True,
                timeout=timeout_s,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise DataError(
                f"과제 '{pack.id}'의 prepare.py가 {int(timeout_s)}초 안에 끝나지 않았습니다.",
                code="prepare_failed",
            ) from exc
        except OSError as exc:
            raise DataError(
                f"과제 '{pack.id}'의 prepare.py를 실행할 수 없습니다: {exc.strerror}",
                code="prepare_failed",
                detail=str(exc),
            ) from exc
    if done.returncode != 0:
        raise DataError(
            f"과제 '{pack.id}'의 prepare.py가 실패했습니다(종료 코드 {done.returncode}).",
            code="prepare_failed",
            detail=done.stderr[-4000:],
        )
    statuses = check_data(pack, out)
    message = missing_data_message(pack, statuses)
    if message:
        raise DataError(
            f"prepare.py가 끝났지만 빠진 파일이 있습니다. {message}", code="prepare_incomplete"
        )
    return statuses
