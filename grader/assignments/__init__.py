"""Assignment packs (assignment.yaml, quest README, starter notebook, datasets)."""

from grader.assignments.pack import (
    AssignmentPack,
    AssignmentSpec,
    DatasetSpec,
    list_pack_ids,
    load_pack,
)

__all__ = ["AssignmentPack", "AssignmentSpec", "DatasetSpec", "list_pack_ids", "load_pack"]
