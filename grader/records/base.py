"""Common base for the pure-data records passed between pipeline stages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, model_validator

from grader.errors import RecordSchemaError


class Record(BaseModel):
    """Immutable, JSON-serialisable value; nested parts of a root record."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class RootRecord(Record):
    """A stage result stored on disk; carries ``schema_version``.

    Subclasses set ``SCHEMA_VERSION``; a stored record from a newer version is refused,
    an older one goes through :meth:`upgrade`.
    """

    SCHEMA_VERSION: ClassVar[int] = 1
    schema_version: int = 1

    @model_validator(mode="before")
    @classmethod
    def _check_version(cls, data: Any) -> Any:
        if isinstance(data, dict) and "schema_version" in data:
            version = data["schema_version"]
            if not isinstance(version, int) or version > cls.SCHEMA_VERSION:
                raise RecordSchemaError(
                    f"{cls.__name__} 기록의 스키마 버전({version})을 이 grader가 읽을 수 없습니다.",
                    code="schema_too_new",
                )
            if version < cls.SCHEMA_VERSION:
                data = cls.upgrade(dict(data))
        return data

    @classmethod
    def upgrade(cls, data: dict[str, Any]) -> dict[str, Any]:
        """Bring an older stored record up to ``SCHEMA_VERSION`` (none exist yet)."""
        raise RecordSchemaError(
            f"{cls.__name__} 기록의 스키마 버전({data.get('schema_version')})은 지원하지 않습니다.",
            code="schema_too_old",
        )

    def to_json(self) -> str:
        return self.model_dump_json(indent=2)

    @classmethod
    def from_json(cls, text: str) -> Self:
        return cls.model_validate(json.loads(text))

    def save(self, path: Path) -> None:
        path.write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Self:
        return cls.from_json(path.read_text(encoding="utf-8"))
