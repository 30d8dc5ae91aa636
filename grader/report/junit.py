"""JUnit XML: one testsuite per submission, one testcase per checklist item.

x → ``<failure>`` with the item's Korean comment, △ and n/a → ``<skipped>`` with the
reason, o → a passing testcase. A submission that could not be opened gives an ``<error>``
per item. GitHub, GitLab and Jenkins read the file as a test report.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence

import jinja2

from grader.records import Execution, Result
from grader.records.verdict import Verdict
from grader.report.filters import cell_refs

__all__ = ["junit_xml", "render_junit"]

_COUNTED = ("tests", "failures", "errors", "skipped")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (student text may have them)."""
    return _NOT_XML.sub("\ufffd", text)


def _message(verdict: Verdict) -> str:
    refs = cell_refs(verdict.evidence)
    return _clean(f"{verdict.comment} (근거: {refs})" if refs else verdict.comment)


def _testcase(result: Result, verdict: Verdict) -> ET.Element:
    case = ET.Element(
        "testcase",
        classname=_clean(f"{result.submission}.{verdict.section}"),
        name=_clean(f"{verdict.id}: {verdict.label}"),
    )
    message = _message(verdict)
    if result.mode is None:
        ET.SubElement(case, "error", message=message, type=verdict.reason).text = message
    elif verdict.mark == "x":
        ET.SubElement(case, "failure", message=message, type=verdict.reason).text = message
    elif verdict.mark in ("△", "n/a"):
        label = "확인 필요" if verdict.mark == "△" else "해당 없음"
        ET.SubElement(case, "skipped", message=f"{label}: {message}")
    return case


def _suite(result: Result, properties: Mapping[str, str]) -> ET.Element:
    items = result.items
    suite = ET.Element("testsuite", name=_clean(result.submission))
    counts = {
        "tests": len(items),
        "failures": 0 if result.mode is None else sum(v.mark == "x" for v in items),
        "errors": len(items) if result.mode is None else 0,
        "skipped": 0 if result.mode is None else sum(v.mark in ("△", "n/a") for v in items),
    }
    for key in _COUNTED:
        suite.set(key, str(counts[key]))
    props = ET.SubElement(suite, "properties")
    values = {
        "assignment": result.assignment_id or "",
        "score": f"{result.score:.3f}",
        "mode": result.mode or "rejected",
        **properties,
    }
    for name, value in values.items():
        ET.SubElement(props, "property", name=name, value=_clean(value))
    suite.extend(_testcase(result, v) for v in items)
    if result.problems:
        problems = "\n".join(p.message_ko for p in result.problems)
        ET.SubElement(suite, "system-err").text = _clean(problems)
    return suite


def junit_xml(
    results: Sequence[Result],
    *,
    properties: Sequence[Mapping[str, str]] | None = None,
    name: str = "grader",
) -> str:
    """The JUnit XML document for ``results``; ``properties`` adds per-suite properties
    (e.g. the CI gate's verdict), in the same order as ``results``."""
    extra = list(properties) if properties is not None else [{} for _ in results]
    root = ET.Element("testsuites", name=name)
    suites = [_suite(r, p) for r, p in zip(results, extra, strict=True)]
    for key in _COUNTED:
        root.set(key, str(sum(int(s.get(key, "0")) for s in suites)))
    root.extend(suites)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def render_junit(result: Result, execution: Execution | None, env: jinja2.Environment) -> str:
    """The ``junit`` report format: one submission's checklist as JUnit XML."""
    return junit_xml([result])
