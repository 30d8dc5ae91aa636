"""Assignment packs (assignment.yaml, quest README, starter notebook)."""

from grader.assignments.pack import AssignmentPack, AssignmentSpec, list_pack_ids, load_pack

__all__ = ["AssignmentPack", "AssignmentSpec", "list_pack_ids", "load_pack"]
