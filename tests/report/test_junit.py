from __future__ import annotations

import xml.etree.ElementTree as ET

from grader.records import Problem, Result, SectionResult, Verdict
from grader.report import render_report
from grader.report.junit import junit_xml


def _result(mode: str | None = "stored_outputs", comment: str = "검증 세트가 없습니다.") -> Result:
    items = (
        Verdict(id="a.ok", label="좋은 항목", section="a", mark="o", reason="ok", comment="좋습니다."),
        Verdict(id="a.bad", label="나쁜 항목", section="a", mark="x", reason="missing", comment=comment),
        Verdict(id="a.unsure", label="애매한 항목", section="a", mark="△", reason="unclear", comment="근거가 부족합니다."),
        Verdict(id="a.na", label="없는 항목", section="a", mark="n/a", reason="not_required", comment="요구하지 않습니다."),
    )
    section = SectionResult(id="a", title="섹션", mark="x", items=items)
    problems = (Problem(code="bad_json", message_ko="JSON이 깨졌습니다."),) if mode is None else ()
    return Result(
        submission="hw", assignment_id="cnn-digits", mode=mode, sections=(section,), score=0.5, problems=problems
    )


def _cases(xml: str) -> dict[str, ET.Element]:
    root = ET.fromstring(xml)
    return {case.get("name", "").split(":")[0]: case for case in root.iter("testcase")}


def test_one_testcase_per_item_with_failure_skipped_and_pass():
    xml = junit_xml([_result()])
    root = ET.fromstring(xml)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("skipped"), root.get("errors")) == ("4", "1", "2", "0")
    cases = _cases(xml)
    assert set(cases) == {"a.ok", "a.bad", "a.unsure", "a.na"}
    assert len(cases["a.ok"]) == 0
    failure = cases["a.bad"].find("failure")
    assert failure is not None and failure.get("message") == "검증 세트가 없습니다." and failure.get("type") == "missing"
    skipped = cases["a.unsure"].find("skipped")
    assert skipped is not None and skipped.get("message") == "확인 필요: 근거가 부족합니다."
    assert cases["a.na"].find("skipped").get("message").startswith("해당 없음")
    assert cases["a.bad"].get("classname") == "hw.a"


def test_a_rejected_submission_is_an_error_per_item():
    root = ET.fromstring(junit_xml([_result(mode=None)]))
    suite = root.find("testsuite")
    assert suite is not None and suite.get("errors") == "4" and suite.get("failures") == "0"
    assert all(case.find("error") is not None for case in suite.iter("testcase"))
    assert "JSON이 깨졌습니다" in (suite.findtext("system-err") or "")


def test_control_characters_from_student_text_still_parse():
    xml = junit_xml([_result(comment="셀 출력: \x1b[31m빨강\x00")])
    failure = _cases(xml)["a.bad"].find("failure")
    assert failure is not None and "빨강" in failure.get("message", "")


def test_properties_and_several_suites():
    xml = junit_xml([_result(), _result()], properties=[{"gate": "failed"}, {"gate": "passed"}])
    suites = ET.fromstring(xml).findall("testsuite")
    assert [s.find("properties/property[@name='gate']").get("value") for s in suites] == ["failed", "passed"]
    assert ET.fromstring(xml).get("tests") == "8"


def test_junit_is_a_report_format():
    assert ET.fromstring(render_report(_result(), None, "junit")).find("testsuite") is not None
