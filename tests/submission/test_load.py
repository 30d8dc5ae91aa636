"""load_submission: notebooks, folders, zips, and what is refused."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbformat import v3, v4

from grader.errors import SubmissionError
from grader.submission import LoadLimits, load_submission


def write_nb(path: Path, *sources: str, metadata: dict | None = None) -> Path:
    nb = v4.new_notebook(cells=[v4.new_code_cell(s) for s in sources or ("print(1)",)])
    nb.metadata.update(metadata or {})
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def nb_bytes(*sources: str) -> bytes:
    return nbformat.writes(v4.new_notebook(cells=[v4.new_code_cell(s) for s in sources])).encode()


def test_single_notebook_is_copied(tmp_path: Path) -> None:
    source = write_nb(tmp_path / "strong.ipynb", "x = 1")
    sub = load_submission(source, work_dir=tmp_path / "work")
    assert (sub.name, sub.kind, len(sub.notebooks)) == ("strong", "notebook", 1)
    assert sub.notebooks[0].path == "strong.ipynb"
    assert sub.notebooks[0].member is None
    assert sub.notebooks[0].content["cells"][0]["source"] == "x = 1"
    root = Path(sub.root)
    assert root.parent == tmp_path / "work" and (root / "strong.ipynb").is_file()
    assert len(sub.content_hash) == 64


def test_second_load_gets_a_fresh_folder(tmp_path: Path) -> None:
    source = write_nb(tmp_path / "a.ipynb")
    first = load_submission(source, work_dir=tmp_path / "work")
    second = load_submission(source, work_dir=tmp_path / "work")
    assert first.root != second.root
    assert first.content_hash == second.content_hash


def test_folder_team_readme_and_app(tmp_path: Path) -> None:
    team = tmp_path / "team3"
    write_nb(team / "김민지_cnn.ipynb")
    write_nb(team / "notebooks" / "이준호-lstm.ipynb")
    write_nb(team / "third.ipynb", metadata={"grader": {"member": "박서연"}})
    write_nb(team / ".ipynb_checkpoints" / "김민지_cnn-checkpoint.ipynb")
    (team / "README.md").write_text("# 회고\n배운 점", encoding="utf-8")
    (team / "app.py").write_text("print('hi')\n", encoding="utf-8")
    (team / "serve.py").write_text("import os\nfrom fastapi import FastAPI\n", encoding="utf-8")
    (team / "utils.py").write_text("import numpy\n", encoding="utf-8")
    sub = load_submission(team, work_dir=tmp_path / "work")
    assert sub.kind == "folder" and sub.name == "team3"
    members = {nb.path: nb.member for nb in sub.notebooks}
    assert members == {
        "notebooks/이준호-lstm.ipynb": "이준호",
        "김민지_cnn.ipynb": "김민지",
        "third.ipynb": "박서연",
    }
    assert sub.readme == "# 회고\n배운 점"
    assert sub.app_files == ("app.py", "serve.py")
    assert sub.problems == ()


def test_member_from_authors_metadata(tmp_path: Path) -> None:
    write_nb(tmp_path / "t" / "a.ipynb", metadata={"authors": [{"name": "최유진"}]})
    write_nb(tmp_path / "t" / "b.ipynb")
    sub = load_submission(tmp_path / "t", work_dir=tmp_path / "work")
    assert [nb.member for nb in sub.notebooks] == ["최유진", "b"]


def test_folder_with_one_notebook_has_no_member(tmp_path: Path) -> None:
    write_nb(tmp_path / "solo" / "김민지_cnn.ipynb")
    (tmp_path / "solo" / "readme.md").write_text("hi", encoding="utf-8")
    sub = load_submission(tmp_path / "solo", work_dir=tmp_path / "work")
    assert sub.notebooks[0].member is None
    assert sub.readme == "hi"


def test_zip_with_top_folder_matches_folder_hash(tmp_path: Path) -> None:
    folder = tmp_path / "proj"
    write_nb(folder / "a.ipynb")
    (folder / "README.md").write_text("r", encoding="utf-8")
    archive = make_zip(
        tmp_path / "proj.zip",
        {
            "proj/a.ipynb": (folder / "a.ipynb").read_bytes(),
            "proj/README.md": b"r",
            "__MACOSX/proj/._a.ipynb": b"junk",
        },
    )
    zipped = load_submission(archive, work_dir=tmp_path / "w1")
    folded = load_submission(folder, work_dir=tmp_path / "w2")
    assert zipped.kind == "zip" and zipped.name == "proj"
    assert [nb.path for nb in zipped.notebooks] == ["a.ipynb"]
    assert zipped.readme == "r"
    assert zipped.content_hash == folded.content_hash


def test_zip_cp949_names_are_recovered(tmp_path: Path) -> None:
    korean = "김민지_a.ipynb".encode("cp949")  # Korean Windows zips, no UTF-8 flag
    placeholder = b"X" * (len(korean) - len(b"_a.ipynb")) + b"_a.ipynb"
    archive = make_zip(
        tmp_path / "s.zip", {placeholder.decode(): nb_bytes("1"), "b.ipynb": nb_bytes("2")}
    )
    archive.write_bytes(archive.read_bytes().replace(placeholder, korean))
    sub = load_submission(archive, work_dir=tmp_path / "work")
    assert [nb.member for nb in sub.notebooks] == ["b", "김민지"]


@pytest.mark.parametrize("name", ["../evil.ipynb", "a/../../evil.ipynb", "/etc/evil.ipynb"])
def test_zip_unsafe_paths_are_refused(tmp_path: Path, name: str) -> None:
    archive = make_zip(tmp_path / "s.zip", {"ok.ipynb": nb_bytes("1"), name: nb_bytes("2")})
    with pytest.raises(SubmissionError) as caught:
        load_submission(archive, work_dir=tmp_path / "work")
    assert caught.value.code == "zip_unsafe_path"
    assert "안전하지 않은 경로" in caught.value.message_ko
    assert not (tmp_path / "evil.ipynb").exists()
    assert list((tmp_path / "work").iterdir()) == []  # the partial copy is removed


def test_zip_symlink_member_is_skipped(tmp_path: Path) -> None:
    archive = tmp_path / "s.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.ipynb", nb_bytes("1"))
        link = zipfile.ZipInfo("passwd")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    sub = load_submission(archive, work_dir=tmp_path / "work")
    assert [(p.code, p.path) for p in sub.problems] == [("symlink_skipped", "passwd")]
    assert not (Path(sub.root) / "passwd").exists()


def test_zip_too_many_files(tmp_path: Path) -> None:
    members = {f"f{i}.txt": b"x" for i in range(6)} | {"a.ipynb": nb_bytes("1")}
    archive = make_zip(tmp_path / "s.zip", members)
    with pytest.raises(SubmissionError) as caught:
        load_submission(archive, work_dir=tmp_path / "work", limits=LoadLimits(max_files=5))
    assert caught.value.code == "too_many_files"


def test_zip_declared_total_over_cap(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "s.zip", {"a.ipynb": nb_bytes("1"), "big.bin": bytes(50_000)})
    limits = LoadLimits(max_total_bytes=20_000)
    with pytest.raises(SubmissionError) as caught:
        load_submission(archive, work_dir=tmp_path / "work", limits=limits)
    assert caught.value.code == "submission_too_large"


def test_zip_bomb_lying_about_its_size(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "s.zip", {"a.ipynb": nb_bytes("1"), "bomb.bin": bytes(5_000_000)})
    data = bytearray(archive.read_bytes())
    local, central = data.find(b"bomb.bin"), data.rfind(b"bomb.bin")
    # uncompressed size: 8 bytes before the name in the local header, 22 in the central one
    for offset in (local - 8, central - 22):
        data[offset : offset + 4] = (100).to_bytes(4, "little")
    archive.write_bytes(bytes(data))
    with zipfile.ZipFile(archive) as zf:
        assert zf.getinfo("bomb.bin").file_size == 100
    with pytest.raises(SubmissionError) as caught:
        load_submission(archive, work_dir=tmp_path / "work")
    assert caught.value.code in {"zip_corrupt", "zip_size_mismatch"}
    assert list((tmp_path / "work").iterdir()) == []


def test_zip_single_file_over_cap_is_skipped(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "s.zip", {"a.ipynb": nb_bytes("1"), "model.h5": bytes(5000)})
    limits = LoadLimits(max_file_bytes=4000)
    sub = load_submission(archive, work_dir=tmp_path / "work", limits=limits)
    assert [p.code for p in sub.problems] == ["file_too_large"]


def test_broken_json_single_notebook(tmp_path: Path) -> None:
    path = tmp_path / "strong.ipynb"
    path.write_text('{\n "cells": [\n  {"cell_type": "code",\n', encoding="utf-8")
    with pytest.raises(SubmissionError) as caught:
        load_submission(path, work_dir=tmp_path / "work")
    assert caught.value.code == "notebook_json"
    assert "strong.ipynb" in caught.value.message_ko
    assert "줄" in caught.value.message_ko


def test_nbformat3_is_upgraded(tmp_path: Path) -> None:
    old = v3.new_notebook(
        worksheets=[v3.new_worksheet(cells=[v3.new_code_cell(input="x = 1", prompt_number=1)])]
    )
    path = tmp_path / "old.ipynb"
    path.write_text(nbformat.writes(old, version=3), encoding="utf-8")
    sub = load_submission(path, work_dir=tmp_path / "work")
    content = sub.notebooks[0].content
    assert content["nbformat"] == 4
    assert content["cells"][0]["source"] == "x = 1"


def test_invalid_schema_single_notebook(tmp_path: Path) -> None:
    nb = json.loads(nb_bytes("1"))
    nb["cells"][0]["execution_count"] = "one"
    path = tmp_path / "bad.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    with pytest.raises(SubmissionError) as caught:
        load_submission(path, work_dir=tmp_path / "work")
    assert caught.value.code == "notebook_schema"
    assert "1번째 셀" in caught.value.message_ko


def test_missing_cell_ids_are_added(tmp_path: Path) -> None:
    nb = json.loads(nb_bytes("1", "2"))
    for cell in nb["cells"]:
        del cell["id"]
    path = tmp_path / "noid.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    sub = load_submission(path, work_dir=tmp_path / "work")
    assert all(cell["id"] for cell in sub.notebooks[0].content["cells"])


def test_folder_with_one_bad_notebook(tmp_path: Path) -> None:
    write_nb(tmp_path / "team" / "good.ipynb")
    (tmp_path / "team" / "bad.ipynb").write_text("{not json", encoding="utf-8")
    sub = load_submission(tmp_path / "team", work_dir=tmp_path / "work")
    assert [nb.path for nb in sub.notebooks] == ["good.ipynb"]
    assert sub.notebooks[0].member == "good"  # still a team of two
    assert [(p.code, p.path) for p in sub.problems] == [("notebook_json", "bad.ipynb")]


def test_folder_without_valid_notebook(tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "bad.ipynb").write_text("[]", encoding="utf-8")
    with pytest.raises(SubmissionError) as caught:
        load_submission(tmp_path / "team", work_dir=tmp_path / "work")
    assert caught.value.code == "no_valid_notebook"
    assert "bad.ipynb" in caught.value.message_ko


def test_folder_without_notebook(tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "app.py").write_text("", encoding="utf-8")
    with pytest.raises(SubmissionError) as caught:
        load_submission(tmp_path / "team", work_dir=tmp_path / "work")
    assert caught.value.code == "no_notebook"


def test_symlinks_in_folder_are_skipped(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret", encoding="utf-8")
    outside = tmp_path / "outside"
    write_nb(outside / "stolen.ipynb")
    team = tmp_path / "team"
    write_nb(team / "a.ipynb")
    os.symlink(secret, team / "data.txt")
    os.symlink(outside, team / "linked_dir")
    sub = load_submission(team, work_dir=tmp_path / "work")
    assert {(p.code, p.path) for p in sub.problems} == {
        ("symlink_skipped", "data.txt"),
        ("symlink_skipped", "linked_dir"),
    }
    assert [nb.path for nb in sub.notebooks] == ["a.ipynb"]
    assert sorted(p.name for p in Path(sub.root).iterdir()) == ["a.ipynb"]


def test_huge_code_cell_refuses_the_notebook(tmp_path: Path) -> None:
    path = write_nb(tmp_path / "big.ipynb", "x = '" + "a" * 3000 + "'")
    with pytest.raises(SubmissionError) as caught:
        load_submission(
            path, work_dir=tmp_path / "w", limits=LoadLimits(max_cell_source_bytes=1000)
        )
    assert caught.value.code == "cell_too_large"


def test_huge_markdown_cell_is_cut(tmp_path: Path) -> None:
    nb = v4.new_notebook(cells=[v4.new_markdown_cell("가" * 3000), v4.new_code_cell("1")])
    path = tmp_path / "md.ipynb"
    nbformat.write(nb, path)
    sub = load_submission(
        path, work_dir=tmp_path / "w", limits=LoadLimits(max_cell_source_bytes=1000)
    )
    source = sub.notebooks[0].content["cells"][0]["source"]
    assert source.endswith("(셀 내용이 너무 길어 잘렸습니다)") and len(source) < 400
    assert [p.code for p in sub.problems] == ["cell_too_large"]


def test_notebook_over_size_cap(tmp_path: Path) -> None:
    path = write_nb(tmp_path / "a.ipynb", "x" * 5000)
    with pytest.raises(SubmissionError) as caught:
        load_submission(path, work_dir=tmp_path / "w", limits=LoadLimits(max_notebook_bytes=1000))
    assert caught.value.code == "notebook_too_large"


@pytest.mark.parametrize("name", ["missing.ipynb", "notes.txt"])
def test_missing_or_unsupported(tmp_path: Path, name: str) -> None:
    if name.endswith(".txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    with pytest.raises(SubmissionError) as caught:
        load_submission(tmp_path / name, work_dir=tmp_path / "w")
    assert caught.value.code in {"submission_not_found", "unsupported_type"}
