"""Where the files a quest asks for lie in a submission, and which notebook saved each.

No numpy here: finding (and, for a missing file, telling whether the notebook meant to save
it) costs nothing; judges load the files.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from grader.records.evidence import NotebookEvidence

__all__ = ["exists_at_all", "join", "mentions", "names_file", "sample_files"]


def exists_at_all(root: Path, relative: str) -> bool:
    try:
        os.lstat(root / relative)
    except OSError:
        return False
    return True


def sample_files(
    root: Path, notebooks: Sequence[NotebookEvidence], name: str
) -> list[tuple[str, str | None, str | None]]:
    """``(file, owning notebook, stem)`` of every file named ``name`` the notebooks saved.

    ``<stem>_<name>`` beside a notebook belongs to that notebook; a plain ``<name>`` belongs
    to the only notebook of its folder, or to the notebooks whose code names it (the owner is
    ``None`` when several do or none does).
    """
    found: list[tuple[str, str | None, str | None]] = []
    by_folder: dict[str, list[NotebookEvidence]] = {}
    for notebook in notebooks:
        by_folder.setdefault(str(PurePosixPath(notebook.path).parent), []).append(notebook)
    for folder, members in by_folder.items():
        for notebook in members:
            stem = PurePosixPath(notebook.path).stem
            own = join(folder, f"{stem}_{name}")
            if exists_at_all(root, own):
                found.append((own, notebook.path, stem))
        plain = join(folder, name)
        if not exists_at_all(root, plain):
            continue
        claimants = [n.path for n in members if len(members) == 1 or mentions(n, name)]
        found.append((plain, claimants[0] if len(claimants) == 1 else None, None))
    return found


def join(folder: str, name: str) -> str:
    return name if folder in ("", ".") else f"{folder}/{name}"


def mentions(notebook: NotebookEvidence, name: str) -> bool:
    """Whether some code cell of ``notebook`` names the file ``name`` (its stem)."""
    stem = name.rsplit(".", 1)[0]
    return any(stem in cell.source for cell in notebook.code)


def names_file(notebook: NotebookEvidence, name: str) -> bool:
    """Whether some code cell writes the file's name in a string (``"restored.npy"``,
    ``f"{stem}_restored"``): a variable that happens to share the stem does not count."""
    stem = re.escape(name.rsplit(".", 1)[0])
    quoted = re.compile(rf"([\"'])[^\"'\n]*{stem}[^\"'\n]*\1")
    return any(quoted.search(cell.source) for cell in notebook.code)
