"""Filters: marks, evidence references and safe student text."""

from __future__ import annotations

import pytest

from grader.records import EvidenceRef
from grader.report.filters import (
    cell_ref,
    cell_refs,
    code_block,
    mark_badge,
    mark_ko,
    mark_symbol,
    md_escape,
    trim_excerpt,
)


@pytest.mark.parametrize(
    ("mark", "symbol", "word"),
    [
        ("o", "[o]", "충족"),
        ("x", "[x]", "미흡"),
        ("△", "[△]", "확인 필요"),
        ("n/a", "[-]", "해당 없음"),
    ],
)
def test_marks(mark: str, symbol: str, word: str) -> None:
    assert mark_symbol(mark) == symbol
    assert mark_ko(mark) == word
    assert word in mark_badge(mark)


def test_badge_classes() -> None:
    assert 'class="badge badge-tri"' in mark_badge("△")
    assert 'class="badge badge-na"' in mark_badge("n/a")


def test_cell_ref_is_one_based() -> None:
    assert cell_ref(EvidenceRef(source="code", notebook="a.ipynb", cell=0)) == "셀 1"
    assert cell_ref(EvidenceRef(source="output", cell=4, output_index=0)) == "셀 5 출력"


def test_cell_ref_names_notebook_when_several() -> None:
    ref = EvidenceRef(source="code", notebook="members/kihong.ipynb", cell=2)
    assert cell_ref(ref, True) == "kihong.ipynb 셀 3"
    assert cell_ref(EvidenceRef(source="readme", excerpt="회고"), True) == "README"
    assert cell_ref(EvidenceRef(source="file", notebook="app/app.py")) == "app.py"


def test_cell_refs_deduplicates_in_order() -> None:
    refs = [EvidenceRef(source="code", cell=c) for c in (4, 1, 4)]
    assert cell_refs(refs) == "셀 5, 셀 2"


def test_code_block_fence_outlasts_backticks() -> None:
    block = code_block("x = 1\n````\nprint('```')", lang="python")
    fence = block.splitlines()[0]
    assert fence == "`````python"
    assert block.splitlines()[-1] == "`````"


def test_code_block_drops_unsafe_info_string() -> None:
    assert code_block("x", lang="py`thon").splitlines()[0] == "```"


def test_trim_excerpt_keeps_head_and_tail() -> None:
    text = "\n".join(f"    line{i}" for i in range(40))
    lines = trim_excerpt(text, max_lines=10).splitlines()
    assert len(lines) == 10
    assert lines[0] == "    line0"
    assert lines[-1] == "    line39"
    assert "    ..." in lines


def test_trim_excerpt_caps_long_lines() -> None:
    assert trim_excerpt("x" * 1000).endswith(" …")
    assert len(trim_excerpt("x" * 1000)) < 200


def test_md_escape_neutralises_markup() -> None:
    escaped = md_escape("<script>alert(1)</script> | *굵게* `코드`\n# 제목")
    assert "<" not in escaped
    assert "\\|" in escaped
    assert "\\*굵게\\*" in escaped
    assert "\\`" in escaped
    assert "\n" not in escaped


def test_layer_phrase_groups_repeated_layers():
    from grader.report.filters import layer_phrase, thousands

    assert layer_phrase(["Dense", "Dense"]) == "Dense 층 2개"
    assert layer_phrase(["Dense"]) == "Dense 층"
    assert layer_phrase(["Conv2D", "Dropout", "Dropout"]) == "Conv2D, Dropout 2개 층"
    assert thousands(1234567) == "1,234,567" and thousands(None) == "?"


def test_an_excerpt_cut_at_the_cap_ends_at_a_line_with_an_ellipsis():
    from grader.report.filters import EXCERPT_CAP, trim_excerpt

    code = "generator = make_generator()\nruns = {}\nfor name in names:\n" + "    x = cgan_runs[\"cGAN + attention\"] + 1\n" * 10
    cut = code[:EXCERPT_CAP]
    shown = trim_excerpt(cut)
    assert not cut.endswith("\n") and shown.endswith("…")
    assert all(line.strip() == "…" or line in code.splitlines() for line in shown.splitlines())


def test_a_one_line_excerpt_cut_at_the_cap_ends_at_a_word():
    from grader.report.filters import EXCERPT_CAP, trim_excerpt

    prose = ("이 모델은 배치 정규화를 넣어 학습을 안정시켰습니다 " * 20)[:EXCERPT_CAP]
    shown = trim_excerpt(prose)
    assert shown.endswith(" …") and shown[:-2] in prose and not prose.startswith(shown[:-2] + "습")
    assert trim_excerpt("short text") == "short text"


def test_labels_in_a_comma_list_drop_their_final_period():
    from grader.report.filters import in_list

    assert in_list("구현된 앱이 잘 동작한다. ") == "구현된 앱이 잘 동작한다"
    assert in_list("모델 선정 이유") == "모델 선정 이유"
