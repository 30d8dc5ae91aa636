"""Sample inputs of an assignment for the app probe: ``assignments/<id>/samples/samples.yaml``.

Each sample has an id, an expected label (optional) and one or more forms of the same
input, so each kind of app gets the form it understands: ``image`` (a PNG beside the YAML),
``values`` (a flat list of numbers) or ``text``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from grader.errors import AssignmentError

__all__ = ["Sample", "SampleSet", "load_samples"]

SAMPLES_FILE = "samples.yaml"


class Sample(BaseModel):
    """One input to send to the app."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="Short name shown in the report.")
    label: str | None = Field(None, description="The label a working model should answer.")
    image: str | None = Field(None, description="PNG file beside samples.yaml.")
    values: tuple[float, ...] | None = Field(None, description="The input as flat numbers.")
    text: str | None = Field(None, description="The input as text.")


class SampleSet(BaseModel):
    """``samples.yaml``: what to send and how many answers must be right."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    task: Literal["classification", "generation"] = Field(
        "classification",
        description=(
            "classification: each sample is an input and ``label`` the answer expected; "
            "generation: each sample asks for the class ``label`` and the app's images are "
            "judged by the digits judge of grader.judges.digits."
        ),
    )
    min_correct: float = Field(
        0.6, ge=0, le=1, description="Share of labelled samples that must be predicted right."
    )
    samples: tuple[Sample, ...] = Field(description="The inputs, sent in this order.")
    origin: Literal["assignment", "notebook", "schema"] = Field(
        "assignment",
        description=(
            "assignment: the pack's samples.yaml; notebook: rows the recorder kept of the data "
            "the notebook fed its model (no labels); schema: built from the app's own API info."
        ),
    )
    note: str = Field("", description="Where the inputs came from, in Korean (shown).")
    columns: tuple[str, ...] = Field((), description="Column names of notebook rows.")
    folder: Path = Field(Path("."), exclude=True, description="Where the YAML was read from.")

    def image_path(self, sample: Sample) -> Path | None:
        """The sample's PNG, if it has one and it exists."""
        path = self.folder / sample.image if sample.image else None
        return path if path is not None and path.is_file() else None


def load_samples(pack_root: Path | None) -> SampleSet | None:
    """The pack's samples, ``None`` when it has none; :class:`AssignmentError` when broken."""
    if pack_root is None:
        return None
    path = pack_root / "samples" / SAMPLES_FILE
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return SampleSet.model_validate({**data, "folder": path.parent})
    except (yaml.YAMLError, ValidationError) as exc:
        raise AssignmentError(
            f"앱 점검용 예시 입력 파일({path.name})을 읽을 수 없습니다: {exc}",
            code="bad_samples",
        ) from exc
