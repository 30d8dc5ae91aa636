"""Safe extraction of a submitted ``.zip`` (checked before and while extracting)."""

from __future__ import annotations

import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from grader.errors import SubmissionError
from grader.records.submission import SubmissionProblem
from grader.submission.limits import LoadLimits, human_size
from grader.submission.paths import archive_parts, is_ignored
from grader.submission.tree import check_totals, oversized_problem, symlink_problem

_CHUNK = 64 * 1024
_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1


@dataclass(frozen=True)
class _Member:
    info: zipfile.ZipInfo
    parts: tuple[str, ...]


def extract_zip(archive: Path, dest: Path, limits: LoadLimits) -> list[SubmissionProblem]:
    """Extract ``archive`` into the existing, empty folder ``dest``.

    Absolute or ``..`` member paths refuse the whole archive; symlinks, device files and
    files over ``max_file_bytes`` are left out and reported. A single top-level folder is
    stripped, hidden entries and ``__MACOSX`` are ignored. Sizes are checked on the declared
    sizes first and again on the bytes actually written.
    """
    try:
        with zipfile.ZipFile(archive) as zf:
            members, problems = _plan(zf, archive.name, limits)
            for member in members:
                _extract_one(zf, member, dest, limits)
    except FileExistsError as exc:
        raise SubmissionError(
            f"압축 파일({archive.name})에 같은 이름의 파일이 두 번 들어 있습니다({exc.filename}). "
            "중복을 정리해 다시 압축해 제출해 주세요.",
            code="zip_duplicate_name",
            detail=str(exc.filename),
        ) from exc
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise SubmissionError(
            f"압축 파일({archive.name})이 손상되어 풀 수 없습니다. "
            "압축 프로그램으로 다시 압축해 제출해 주세요.",
            code="zip_corrupt",
            detail=str(exc),
        ) from exc
    except NotImplementedError as exc:
        raise SubmissionError(
            f"압축 파일({archive.name})이 지원하지 않는 압축 방식을 씁니다. "
            "일반 zip 형식으로 다시 압축해 제출해 주세요.",
            code="zip_unsupported",
            detail=str(exc),
        ) from exc
    return problems


def _plan(
    zf: zipfile.ZipFile, archive_name: str, limits: LoadLimits
) -> tuple[list[_Member], list[SubmissionProblem]]:
    """Members to extract (checked on declared sizes) and the ones left out."""
    members: list[_Member] = []
    problems: list[SubmissionProblem] = []
    for info in zf.infolist():
        name = _decoded_name(info)
        parts = archive_parts(name)
        if parts is None:
            raise SubmissionError(
                f"압축 파일({archive_name})에 안전하지 않은 경로({name})가 있어 풀지 않았습니다. "
                "절대 경로나 상위 폴더(..)를 가리키는 항목 없이 다시 압축해 제출해 주세요.",
                code="zip_unsafe_path",
                detail=name,
            )
        if not parts or info.is_dir() or is_ignored(parts):
            continue
        if info.flag_bits & _ENCRYPTED_FLAG:
            raise SubmissionError(
                f"압축 파일({archive_name})에 암호가 걸려 있어 풀 수 없습니다. "
                "암호 없이 다시 압축해 제출해 주세요.",
                code="zip_encrypted",
                detail=name,
            )
        problem = _refusal(info, "/".join(parts), limits)
        if problem is not None:
            problems.append(problem)
            continue
        members.append(_Member(info, parts))
    check_totals(len(members), sum(m.info.file_size for m in members), limits)
    return _strip_top_folder(members), problems


def _decoded_name(info: zipfile.ZipInfo) -> str:
    """Member name, recovering UTF-8 or CP949 (Korean Windows) names stored without a flag."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    raw = info.filename.encode("cp437")
    for encoding in ("utf-8", "cp949"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _refusal(info: zipfile.ZipInfo, rel: str, limits: LoadLimits) -> SubmissionProblem | None:
    """A problem when this member is left out (link, device file, too large)."""
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return symlink_problem(rel)
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG):
        return SubmissionProblem(
            code="special_file_skipped",
            path=rel,
            message_ko=f"{rel}은(는) 일반 파일이 아니라서(장치·파이프 파일) 건너뛰었습니다.",
        )
    if info.file_size > limits.max_file_bytes:
        return oversized_problem(rel, info.file_size, limits)
    return None


def _strip_top_folder(members: list[_Member]) -> list[_Member]:
    """Drop a single folder that holds every member (``team3/…`` → ``…``)."""
    tops = {m.parts[0] for m in members}
    if len(tops) != 1 or any(len(m.parts) < 2 for m in members):
        return members
    return [_Member(m.info, m.parts[1:]) for m in members]


def _extract_one(zf: zipfile.ZipFile, member: _Member, dest: Path, limits: LoadLimits) -> None:
    """Stream one member to disk, counting the bytes (declared sizes can lie)."""
    target = dest.joinpath(*member.parts)
    if not target.resolve().is_relative_to(dest.resolve()):  # defence in depth
        raise SubmissionError("압축 파일에 안전하지 않은 경로가 있습니다.", code="zip_unsafe_path")
    target.parent.mkdir(parents=True, exist_ok=True)
    cap = min(member.info.file_size, limits.max_file_bytes)
    written = 0
    with zf.open(member.info) as source, target.open("xb") as sink:
        while chunk := source.read(_CHUNK):
            written += len(chunk)
            if written > cap:
                raise _size_lie("/".join(member.parts), member.info.file_size)
            sink.write(chunk)


def _size_lie(rel: str, declared: int) -> SubmissionError:
    return SubmissionError(
        f"압축 파일 안의 {rel}이(가) 표시된 크기({human_size(declared)})보다 큽니다. "
        "파일이 손상되었거나 비정상적인 압축 파일입니다. 다시 압축해 제출해 주세요.",
        code="zip_size_mismatch",
        detail=rel,
    )
