from __future__ import annotations

from pathlib import Path

import pytest

from grader.batch.roster import match_roster, read_roster
from grader.errors import BatchError
from grader.submission.discover import discover


def test_roster_maps_ids_teams_and_lists_the_gaps(class_dir: Path, roster_csv: Path):
    students = read_roster(roster_csv)
    assert students[0].student_id == "20230001" and students[0].name == "김민지"
    matched = match_roster(discover(class_dir).entries, students)
    owners = {e.name: [s.name for s in e.students] for e in matched.entries}
    assert owners["정하늘"] == ["정하늘"]  # LMS folder, matched by the id in its name
    assert owners["팀알파"] == ["조현우", "문가은"]  # a team folder: every member
    assert matched.unmatched_entries == ()
    assert [s.name for s in matched.missing_students] == ["결석생"]


def test_roster_without_header_and_matching_by_name(tmp_path: Path):
    roster = tmp_path / "r.csv"
    roster.write_text("s1,김민지,\ns2,박준호,\n", encoding="utf-8")
    (tmp_path / "class").mkdir()
    for name in ("김민지.ipynb", "누구.ipynb"):
        (tmp_path / "class" / name).write_text("{}", encoding="utf-8")
    matched = match_roster(discover(tmp_path / "class").entries, read_roster(roster))
    assert [s.student_id for s in matched.entries[0].students] == ["s1"]
    assert matched.unmatched_entries == ("누구",)
    assert [s.name for s in matched.missing_students] == ["박준호"]


def test_english_header_in_any_order(tmp_path: Path):
    roster = tmp_path / "r.csv"
    roster.write_text("team,name,student_id\nA,Kim,7\n", encoding="utf-8")
    [student] = read_roster(roster)
    assert (student.student_id, student.name, student.team) == ("7", "Kim", "A")


@pytest.mark.parametrize("text", ["", "학번,이름\n,\n"])
def test_unusable_roster_is_a_korean_error(tmp_path: Path, text: str):
    roster = tmp_path / "r.csv"
    roster.write_text(text, encoding="utf-8")
    with pytest.raises(BatchError, match="명단 파일"):
        read_roster(roster)


def test_roster_that_is_not_utf8(tmp_path: Path):
    roster = tmp_path / "r.csv"
    roster.write_bytes("학번,이름\n1,김\n".encode("cp949"))
    with pytest.raises(BatchError, match="UTF-8"):
        read_roster(roster)
