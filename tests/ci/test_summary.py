from __future__ import annotations

from grader.ci.gate import Gate, judge
from grader.ci.summary import append_step_summary, render_summary

from .conftest import make_result, rejected_result


def test_summary_follows_the_peer_review_template(mixed):
    text = render_summary([judge(mixed, Gate(min_score=0.8))], Gate(min_score=0.8))
    assert text.startswith("<!-- grader-ci -->\n## 피어리뷰 자동 채점: 통과하지 못함")
    assert "기준: 점수 80점 이상\n\n| 제출물 |" in text
    assert "| hw | 50 | 1 | 1 | 2 | 통과하지 못함 |" in text
    assert "- [x]  **3. 문제 해결**" in text
    assert "    - [x]  problem\\_solving.hparam\\_trials 항목 — problem\\_solving.hparam\\_trials: no\\_trials 설명" in text
    assert "    - [o]  problem\\_solving.data\\_split 항목\n" in text
    assert "실행해야 판단할 수 있는 항목(--run으로 확인): app.works 항목" in text
    assert "점수 50점이 기준 80점보다 낮습니다." in text


def test_summary_of_a_pass_an_unreadable_file_and_hostile_names():
    good = make_result(("a", "o", "ok"), name="<img src=x>|팀", score=1.0)
    outcomes = [judge(good, Gate()), judge(rejected_result(), Gate())]
    text = render_summary(outcomes, Gate())
    assert "## 피어리뷰 자동 채점: 채점하지 못함" in text
    assert "기준: 없음" in text
    assert "<img" not in text and "&lt;img src=x&gt;\\|팀" in text
    assert "**채점하지 못했습니다.** JSON이 깨졌습니다.\n\n" in text
    assert "**통과했습니다.** 점수 100점." in text


def test_step_summary_is_appended_only_when_github_sets_it(tmp_path):
    target = tmp_path / "step.md"
    target.write_text("앞 단계\n", encoding="utf-8")
    assert append_step_summary("요약", {"GITHUB_STEP_SUMMARY": str(target)}) == target
    assert target.read_text(encoding="utf-8") == "앞 단계\n요약\n"
    assert append_step_summary("요약", {}) is None
