"""Text clean-up shared by every stage that reads terminal output: kernels, logs, apps."""

from __future__ import annotations

import re

CUT_MARKER = "\n… (출력이 너무 길어 잘렸습니다)"

_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")

_ERASE_THEN_RETURN = re.compile(r"\x08+\r")


def strip_ansi(text: str) -> str:
    """Remove ANSI colour and cursor escape codes (IPython tracebacks are coloured)."""
    return _ANSI.sub("", text)


def render_terminal(text: str) -> str:
    r"""What a terminal shows for ``text``: ``\b`` erases, ``\r`` rewrites the line.

    Progress bars (Keras, tqdm) redraw one line hundreds of times; only the last state of
    each line is kept.
    """
    if "\r" not in text and "\b" not in text:
        return text
    return "\n".join(_render_line(line) for line in text.replace("\r\n", "\n").split("\n"))


def _render_line(line: str) -> str:
    line = _ERASE_THEN_RETURN.sub("\r", line)
    if "\b" in line:
        return _render_chars(line)
    shown = ""
    for segment in line.split("\r"):
        shown = segment + shown[len(segment) :]
    return shown


def _render_chars(line: str) -> str:
    shown: list[str] = []
    cursor = 0
    for char in line:
        if char == "\r":
            cursor = 0
        elif char == "\b":
            cursor = max(0, cursor - 1)
        else:
            if cursor < len(shown):
                shown[cursor] = char
            else:
                shown.append(char)
            cursor += 1
    return "".join(shown)


def cut_text(text: str, max_bytes: int) -> tuple[str, bool]:
    """``text`` cut to ``max_bytes`` of UTF-8 plus a Korean marker; whether it was cut."""
    encoded = text.encode("utf-8")
    if len(encoded) <= max_bytes:
        return text, False
    return encoded[:max_bytes].decode("utf-8", errors="ignore") + CUT_MARKER, True


def tail_lines(text: str, lines: int = 15) -> str:
    """The last ``lines`` lines of ``text``, ANSI codes stripped."""
    return "\n".join(strip_ansi(text).rstrip("\n").splitlines()[-lines:])
