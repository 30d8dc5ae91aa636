"""Assignment packs: ``assignments/<id>/assignment.yaml`` plus quest README and starter."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from grader.errors import AssignmentError
from grader.schema_errors import describe

COURSE_TEXT_DIR = "course_text"
PREPARE_SCRIPT = "prepare.py"
COURSE_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".ipynb"})


class PackLimits(BaseModel):
    """Execution limits of an assignment (CLI flags override them)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cell_timeout_s: int = Field(600, description="Wall-clock limit of one cell, seconds.")
    total_timeout_s: int = Field(3600, description="Wall-clock limit of the notebook, seconds.")
    memory_mb: int = Field(4096, description="Memory limit of the kernel, MiB.")


class DatasetSpec(BaseModel):
    """A dataset the instructor mounts: the folder ``<data dir>/<name>/`` with ``files``.

    Real courses put the real data there (the notebooks read ``$GRADER_DATA/<name>/…``); the
    pack's ``prepare.py`` writes small stand-ins of the same format for CI and the demo."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        description="Dataset id and its folder under the data directory ([a-z0-9_-]).",
    )
    title: str = Field(description="Korean name of the dataset.")
    format: str = Field(description="Korean description of the file format.")
    files: tuple[str, ...] = Field(
        min_length=1,
        description="Files (or folders, ending in /) the notebooks read, relative to <name>/.",
    )
    source: str = Field(
        "", description="Where the real data comes from (text only; never downloaded)."
    )

    @field_validator("files")
    @classmethod
    def _relative(cls, files: tuple[str, ...]) -> tuple[str, ...]:
        for name in files:
            parts = PurePosixPath(name).parts
            if not parts or name.startswith("/") or ".." in parts or "\\" in name:
                raise ValueError(f"not a relative path inside the dataset folder: {name!r}")
        return files


class SampleArtifacts(BaseModel):
    """A file the quest asks each notebook to save beside it, measured by a judge (``.npy``
    never unpickled; text read as UTF-8). In a folder with several notebooks, each prefixes
    its notebook's file stem (``<stem>_generated_samples.npy``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    samples: str = Field(
        "generated_samples.npy",
        description="The file the notebook saves: generated samples (N, 8, 8) for "
        "sklearn_digits, pred_masks.npy, restored.npy, generated.txt, translations.tsv.",
    )
    labels: str | None = Field(
        "generated_labels.npy",
        description="sklearn_digits only: requested classes of a conditional GAN, (N,) ints "
        "0-9 (optional file).",
    )
    judge: str = Field(
        "sklearn_digits",
        description="Name of the judge that measures the file, from the judge registry "
        "(grader.judges; listed below with their params and metrics).",
    )
    truth: str | None = Field(
        None,
        description="What the judge compares with: a path relative to the data directory "
        "(--data; read-only, never the notebook's folder) or a bundled source the grader "
        "knows (sklearn.digits:test).",
    )
    params: dict[str, Any] = Field(
        default_factory=dict,
        description="The judge's own params (validated by the judge; a misspelled key is named).",
    )


class AssignmentSpec(BaseModel):
    """The ``assignment.yaml`` of a pack."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="Assignment id (folder name).")
    title: str = Field(description="Korean title.")
    topic: str = Field(description="One Korean sentence on what the quest is about.")
    framework: Literal["tensorflow", "pytorch", "sklearn", "any"] = Field(
        description="Framework the quest uses."
    )
    datasets: tuple[str | DatasetSpec, ...] = Field(
        default=(),
        description="Datasets the notebooks use: a name (bundled with a package or generated in "
        "the notebook: nothing to mount) or a mapping the instructor mounts in the data directory.",
    )
    limits: PackLimits = Field(default_factory=PackLimits, description="Execution limits.")
    gpu: bool = Field(False, description="Whether the quest needs a GPU to finish in time.")
    gpu_memory_mb: int | None = Field(
        None,
        gt=0,
        description="GPU memory one notebook needs (MiB): a GPU runs as many notebooks at a "
        "time as fit in its memory, the others wait; unset, one notebook per GPU.",
    )
    kernel_packages: tuple[str, ...] = Field(
        default=(),
        description="Packages the pack adds to the course kernel (requirement lines, e.g. "
        "'transformers>=4.40'); its notebooks then run in their own kernel 'course-<id>'.",
    )
    starter: str = Field("starter.ipynb", description="Starter notebook (course text).")
    quest: str = Field("README.md", description="Korean quest text (course text).")
    rubric: str | None = Field(None, description="Project rubric id (rubrics/<id>.yaml).")
    app_predict_function: str | None = Field(
        None, description="Name of the predict function an app must expose, if any."
    )
    artifacts: SampleArtifacts | None = Field(
        None,
        description="The file the quest asks each notebook to save and the judge that measures it.",
    )


class AssignmentPack:
    """A loaded pack: its spec and the paths of its course material."""

    def __init__(self, root: Path, spec: AssignmentSpec) -> None:
        self.root = root
        self.spec = spec

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def mounted_datasets(self) -> tuple[DatasetSpec, ...]:
        """The datasets that must be in the data directory (the mappings of ``datasets``)."""
        return tuple(d for d in self.spec.datasets if isinstance(d, DatasetSpec))

    @property
    def prepare_path(self) -> Path:
        """The pack's stand-in data generator (``prepare.py --out DIR``)."""
        return self.root / PREPARE_SCRIPT

    @property
    def starter_path(self) -> Path:
        return self.root / self.spec.starter

    @property
    def quest_path(self) -> Path:
        return self.root / self.spec.quest

    @cached_property
    def quest_text(self) -> str:
        path = self.quest_path
        return path.read_text(encoding="utf-8") if path.is_file() else ""

    @property
    def course_text_dir(self) -> Path:
        """Extra course material an instructor pastes in (LMS pages): never the student's."""
        return self.root / COURSE_TEXT_DIR

    @property
    def course_text_paths(self) -> tuple[Path, ...]:
        """The ``.md`` / ``.txt`` / ``.ipynb`` files of ``course_text/`` (sorted, recursive)."""
        folder = self.course_text_dir
        if not folder.is_dir():
            return ()
        return tuple(
            sorted(
                p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in COURSE_SUFFIXES
            )
        )


def load_pack(assignments_dir: Path, assignment_id: str) -> AssignmentPack:
    """Load ``assignments_dir/<assignment_id>``; raise :class:`AssignmentError` in Korean."""
    root = assignments_dir / assignment_id
    spec_path = root / "assignment.yaml"
    if not spec_path.is_file():
        known = ", ".join(list_pack_ids(assignments_dir)) or "없음"
        raise AssignmentError(
            f"과제 '{assignment_id}'를 찾을 수 없습니다. 사용할 수 있는 과제: {known}",
            code="unknown_assignment",
        )
    spec = read_spec(spec_path, assignment_id)
    if spec.id != assignment_id:
        raise AssignmentError(
            f"assignment.yaml의 id({spec.id})가 폴더 이름({assignment_id})과 다릅니다.",
            code="assignment_id_mismatch",
        )
    return AssignmentPack(root, spec)


def read_spec(spec_path: Path, assignment_id: str) -> AssignmentSpec:
    """Parse and validate one ``assignment.yaml``; the Korean error names each bad field."""
    try:
        data = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise AssignmentError(
            f"과제 '{assignment_id}'의 assignment.yaml을 YAML로 읽을 수 없습니다.",
            code="assignment_schema",
            detail=str(exc),
        ) from exc
    try:
        return AssignmentSpec.model_validate(data)
    except ValidationError as exc:
        raise AssignmentError(
            f"과제 '{assignment_id}'의 assignment.yaml 형식이 잘못되었습니다: "
            f"{describe(exc, AssignmentSpec)}",
            code="assignment_schema",
            detail=str(exc),
        ) from exc


def list_pack_ids(assignments_dir: Path) -> list[str]:
    """Ids of every pack under ``assignments_dir``."""
    if not assignments_dir.is_dir():
        return []
    return sorted(p.parent.name for p in assignments_dir.glob("*/assignment.yaml"))
