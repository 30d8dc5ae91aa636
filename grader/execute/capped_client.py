"""An nbclient ``NotebookClient`` that caps what a cell may output while it runs."""

from __future__ import annotations

from typing import Any

from nbclient import NotebookClient

from grader.records.execution import LimitHit
from grader.text.clean import CUT_MARKER, cut_text

_IMAGE_PREFIX = "image/"


class OutputBudget:
    """What one cell may still output: text bytes and images; records the caps it hits."""

    def __init__(self, max_bytes: int, max_images: int) -> None:
        self.max_bytes = max_bytes
        self.max_images = max_images
        self.hits: list[LimitHit] = []
        self.reset(cell_index=-1)

    def reset(self, cell_index: int) -> None:
        """Start a new cell (or restart after ``clear_output``)."""
        self.cell_index = cell_index
        self.used_bytes = 0
        self.images = 0

    def admit(self, msg: dict[str, Any]) -> dict[str, Any] | None:
        """The message as it may be kept (text cut), or ``None`` to drop it."""
        content = msg["content"]
        if msg["msg_type"] == "stream":
            text = self._take(content.get("text", ""))
            return None if text is None else {**msg, "content": {**content, "text": text}}
        data = dict(content.get("data", {}))
        if any(mime.startswith(_IMAGE_PREFIX) for mime in data):
            if self.images >= self.max_images:
                self._hit(f"{self.max_images} images")
                return None
            self.images += 1
        for mime, value in list(data.items()):
            if not mime.startswith(_IMAGE_PREFIX) and isinstance(value, str):
                text = self._take(value)
                data[mime] = text if text is not None else CUT_MARKER.strip()
        return {**msg, "content": {**content, "data": data}}

    def _take(self, text: str) -> str | None:
        left = self.max_bytes - self.used_bytes
        if left <= 0:
            return None
        kept, cut = cut_text(text, left)
        self.used_bytes += len(text.encode("utf-8")) if not cut else left
        if cut:
            self._hit(f"{self.max_bytes} bytes")
        return kept

    def _hit(self, limit: str) -> None:
        if not any(h.cell_index == self.cell_index and h.limit == limit for h in self.hits):
            self.hits.append(LimitHit(kind="output_cap", cell_index=self.cell_index, limit=limit))


class CappedNotebookClient(NotebookClient):
    """Keeps at most ``budget`` of each cell's outputs; error outputs always pass."""

    def __init__(self, nb: Any, km: Any, budget: OutputBudget, **kw: Any) -> None:
        super().__init__(nb, km=km, **kw)
        self.budget = budget

    def output(
        self, outs: list[Any], msg: dict[str, Any], display_id: str | None, cell_index: int
    ) -> Any:
        if self.budget.cell_index != cell_index or self.clear_before_next_output:
            self.budget.reset(cell_index)
        if msg["msg_type"] in ("stream", "execute_result", "display_data"):
            admitted = self.budget.admit(msg)
            if admitted is None:
                return None
            msg = admitted
        return super().output(outs, msg, display_id, cell_index)

    def clear_output(self, outs: list[Any], msg: dict[str, Any], cell_index: int) -> None:
        super().clear_output(outs, msg, cell_index)
        if not msg["content"].get("wait"):
            self.budget.reset(cell_index)
