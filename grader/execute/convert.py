"""One notebook (nbformat v4 JSON) → :class:`ExecutedNotebook`, for stored and executed runs.

Outputs are reduced to what evidence extraction needs: consecutive stream outputs of the same
stream are joined and rendered as a terminal shows them (progress bars collapse), ANSI codes are
stripped, and text, HTML and images are capped.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from grader.records.execution import Cell, CellError, CellOutput, ExecutedNotebook
from grader.text.clean import cut_text, render_terminal, strip_ansi, tail_lines

IMAGE_MIMES = ("image/png", "image/jpeg")
IMAGE_CUT_MARKER = "… (이미지가 너무 커서 생략했습니다)"


@dataclass(frozen=True)
class OutputCaps:
    """Size caps of one reduced output."""

    max_text_bytes: int = 1024 * 1024
    max_html_bytes: int = 200 * 1024
    max_image_bytes: int = 2 * 1024 * 1024
    """Of the base64 text."""


DEFAULT_CAPS = OutputCaps()


def convert_notebook(
    content: Mapping[str, Any],
    *,
    path: str,
    member: str | None = None,
    caps: OutputCaps = DEFAULT_CAPS,
) -> ExecutedNotebook:
    """Cells with reduced outputs, the first error output, and whether it ran to the end.

    ``ran_to_end``: no error output and every non-empty code cell has an execution count.
    ``never_run``: there is code, but no code cell has an execution count or an output.
    """
    raw_cells = content.get("cells", [])
    cells = tuple(_cell(index, raw, caps) for index, raw in enumerate(raw_cells))
    code = [c for c in cells if c.cell_type == "code" and c.source.strip()]
    error = first_error(raw_cells)
    return ExecutedNotebook(
        path=path,
        member=member,
        cells=cells,
        error=error,
        ran_to_end=error is None and all(c.execution_count is not None for c in code),
        never_run=bool(code) and all(c.execution_count is None and not c.outputs for c in code),
    )


def first_error(raw_cells: Sequence[Mapping[str, Any]]) -> CellError | None:
    """The first error output of the notebook, in cell order."""
    for index, cell in enumerate(raw_cells):
        for output in cell.get("outputs", ()):
            if output.get("output_type") == "error":
                return CellError(
                    cell_index=index,
                    ename=str(output.get("ename", "")),
                    evalue=strip_ansi(str(output.get("evalue", ""))),
                    traceback_tail=tail_lines("\n".join(output.get("traceback", ()))),
                )
    return None


def _cell(index: int, raw: Mapping[str, Any], caps: OutputCaps) -> Cell:
    count = raw.get("execution_count")
    return Cell(
        index=index,
        cell_type=raw.get("cell_type", "raw"),
        source=_joined(raw.get("source", "")),
        execution_count=count if isinstance(count, int) else None,
        outputs=tuple(_outputs(raw.get("outputs", ()), caps)),
    )


def _outputs(raw_outputs: Sequence[Mapping[str, Any]], caps: OutputCaps) -> Iterator[CellOutput]:
    stream_name: str | None = None
    stream_text: list[str] = []
    for output in raw_outputs:
        kind = output.get("output_type")
        if kind == "stream" and output.get("name") == stream_name:
            stream_text.append(_joined(output.get("text", "")))
            continue
        if stream_text:
            yield _stream(stream_text, caps)
        stream_name, stream_text = None, []
        if kind == "stream":
            stream_name, stream_text = output.get("name"), [_joined(output.get("text", ""))]
        elif kind in ("execute_result", "display_data"):
            yield _rich(kind, output.get("data", {}), caps)
        elif kind == "error":
            ename, evalue = output.get("ename", ""), strip_ansi(str(output.get("evalue", "")))
            yield CellOutput(output_type="error", text=f"{ename}: {evalue}")
    if stream_text:
        yield _stream(stream_text, caps)


def _stream(parts: list[str], caps: OutputCaps) -> CellOutput:
    text, _ = cut_text(render_terminal(strip_ansi("".join(parts))), caps.max_text_bytes)
    return CellOutput(output_type="stream", text=text)


def _rich(kind: str, data: Mapping[str, Any], caps: OutputCaps) -> CellOutput:
    text, _ = cut_text(strip_ansi(_joined(data.get("text/plain", ""))), caps.max_text_bytes)
    html = None
    if "text/html" in data:
        html, _ = cut_text(_joined(data["text/html"]), caps.max_html_bytes)
    mime = next((m for m in IMAGE_MIMES if m in data), None)
    image = "".join(_joined(data[mime]).split()) if mime else None
    if image is not None and len(image) > caps.max_image_bytes:
        text = f"{text}\n{IMAGE_CUT_MARKER}" if text else IMAGE_CUT_MARKER
        image, mime = None, None
    return CellOutput(
        output_type="execute_result" if kind == "execute_result" else "display_data",
        text=text,
        html=html,
        image_png=image,
        image_mime=mime,
    )


def _joined(value: Any) -> str:
    """nbformat multiline strings may be lists of lines."""
    if isinstance(value, list):
        return "".join(str(part) for part in value)
    return value if isinstance(value, str) else str(value)
