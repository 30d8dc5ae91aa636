from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from grader.batch.class_report import ClassContext, write_class_report
from grader.batch.gradebook import GradebookRow
from grader.pipeline import RunOptions, grade_path, load_assignment
from grader.records.similarity import SimilarPair
from grader.submission.discover import Entry, Student
from tests.batch.conftest import EXAMPLES


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[GradebookRow]]:
    out = tmp_path_factory.mktemp("out")
    assignment = load_assignment("cnn-digits")
    students = {
        "strong": (Student(student_id="1", name="김민지"),),
        "team-alpha": (Student(student_id="2", name="조현우", team="알파"),
                       Student(student_id="3", name="문가은", team="알파")),
        "weak": (),
    }
    found = []
    for name, owners in students.items():
        path = EXAMPLES / ("strong.ipynb" if name == "team-alpha" else f"{name}.ipynb")
        graded = grade_path(path, assignment, out / name, RunOptions(formats=("html",)))
        entry = Entry(name=name, path=str(path), kind="notebook", content_hash=name,
                      display_name=name, students=owners)
        found.append(GradebookRow(name=name, key="k", entry=entry, status="graded",
                                  result=graded.result.to_contract(), started_at=0,
                                  duration_s=1))
    failed = Entry(name="망가짐", path="/x", kind="zip", content_hash="z", display_name="망가짐")
    found.append(GradebookRow(name="망가짐", key="k", entry=failed, status="failed",
                              error_ko="작업 프로세스가 끝났습니다", started_at=0, duration_s=0))
    return out, found


def test_html_has_both_charts_links_and_warnings(rows):
    out, found = rows
    pair = SimilarPair(first="strong", second="weak", kind="similar", similarity=0.71,
                       excerpts=("model.fit(x, y) <b>",))
    context = ClassContext(similar=[pair], missing=[Student(student_id="9", name="결석생")])
    write_class_report(found, out, context)
    html = (out / "class_summary.html").read_text(encoding="utf-8")
    histogram = html.split('id="score-histogram"')[1].split("</figure>")[0]
    rates = html.split('id="pass-rates"')[1].split("</figure>")[0]
    assert len(re.findall(r'<rect class="bar"', histogram)) == 10
    assert histogram.count("<title>90–100점: 2개</title>") == 1  # strong and team-alpha
    assert len(re.findall(r'<rect class="bar"', rates)) >= 10
    assert 'href="strong/report.html"' in html and 'href="망가짐/' not in html
    assert "유사도 71%" in html and "&lt;b&gt;" in html  # student text escaped
    assert "결석생(9)" in html and "작업 프로세스가 끝났습니다" in html
    assert "<script" not in html and "http" not in html.split("<body>")[1]


def test_grades_csv_has_a_row_per_student(rows):
    out, found = rows
    context = ClassContext(missing=[Student(student_id="9", name="결석생")])
    write_class_report(found, out, context)
    raw = (out / "grades.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [r["student_id"] for r in table] == ["1", "2", "3", "", "", "9"]
    team = [r for r in table if r["team"] == "알파"]
    assert {r["submission"] for r in team} == {"team-alpha"} and team[0]["score"] == "100.0"
    assert table[3]["name"] == "weak" and table[3]["completeness"] in {"o", "x", "△"}
    assert table[4]["mode"] == "failed" and table[4]["problems"] == "작업 프로세스가 끝났습니다"
    assert table[5]["mode"] == "missing"
    md = (out / "class_summary.md").read_text(encoding="utf-8")
    assert "## 채점하지 못한 제출물" in md and "**망가짐**" in md
