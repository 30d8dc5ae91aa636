"""The CI recipes in examples/ci/ work: their shell steps, parsed from the YAML, run in a
temporary git repository with a pull request that adds two notebooks.

What needs GitHub or GitLab is stubbed through PATH: ``gh`` and ``curl`` record what they
were asked to post, ``apt-get`` does nothing, and the grader "installed" in the cached
environment is a shim that runs this checkout's grader. Everything else runs as written.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
RECIPES = ROOT / "examples" / "ci"
EXAMPLES = ROOT / "examples" / "submissions" / "cnn-digits"

STUBS = {
    "gh": 'printf "%s\\n" "$*" >> "$STUB_LOG"\nwhile [ $# -gt 0 ]; do\n'
    '  if [ "$1" = --body-file ]; then cp "$2" "$STUB_DIR/comment.md"; fi; shift\ndone\n',
    "curl": 'printf "%s\\n" "$*" >> "$STUB_LOG"\nfor a in "$@"; do\n'
    '  case "$a" in body@*) cp "${a#body@}" "$STUB_DIR/comment.md";; esac\ndone\n',
    "apt-get": "exit 0\n",
}


def _script(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(0o755)


def _grader_shim(path: Path) -> None:
    _script(path, f'PYTHONPATH="{ROOT}" exec "{sys.executable}" -m grader "$@"\n')


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture
def pull_request(tmp_path: Path) -> dict[str, Any]:
    """A repository whose HEAD adds a weak and a strong notebook on top of ``base``."""
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.email", "ci@example.com")
    _git(repo, "config", "user.name", "ci")
    (repo / "README.md").write_text("과제 제출\n", encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "base")
    base = _git(repo, "rev-parse", "HEAD")
    (repo / "submissions").mkdir()
    shutil.copy(EXAMPLES / "weak.ipynb", repo / "submissions" / "weak.ipynb")
    shutil.copy(EXAMPLES / "strong.ipynb", repo / "submissions" / "김 하늘.ipynb")
    (repo / "notes.txt").write_text("노트북이 아닌 파일\n", encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "submission")
    stubs = tmp_path / "stubs"
    for name, body in STUBS.items():
        _script(stubs / name, body)
    env = {
        "PATH": f"{stubs}:{os.environ['PATH']}",
        "HOME": str(tmp_path / "home"),
        "STUB_DIR": str(tmp_path),
        "STUB_LOG": str(tmp_path / "stub.log"),
        "LANG": "C.UTF-8",
        "COLUMNS": "200",
    }
    return {"repo": repo, "base": base, "env": env, "tmp": tmp_path}


def _bash(script: str, cwd: Path, env: dict[str, str]) -> int:
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
    )
    print(done.stdout, done.stderr)
    return done.returncode


def _expressions(value: str, known: dict[str, str]) -> str:
    def sub(match: re.Match[str]) -> str:
        expression = match.group(1).strip()
        assert expression in known, f"the test does not know ${{{{ {expression} }}}}"
        return known[expression]

    return re.sub(r"\$\{\{(.*?)\}\}", sub, value)


def _should_run(step: dict[str, Any], failed: bool, repo: Path) -> bool:
    condition = str(step.get("if", ""))
    for name in re.findall(r"hashFiles\('([^']+)'\) != ''", condition):
        if not (repo / name).exists():
            return False
    return "always()" in condition or not failed


def _check_outcome(pr: dict[str, Any], junit: Path) -> None:
    suites = {s.get("name"): s for s in ET.parse(junit).getroot().findall("testsuite")}
    assert set(suites) == {"weak", "김 하늘"}
    assert [len(list(s.iter("testcase"))) for s in suites.values()] == [17, 17]
    assert suites["weak"].get("failures") == "13" and suites["김 하늘"].get("failures") == "0"
    comment = (pr["tmp"] / "comment.md").read_text(encoding="utf-8")
    assert comment.startswith("<!-- grader-ci -->\n## 피어리뷰 자동 채점: 통과하지 못함")
    assert "| weak | 13 |" in comment and "| 김 하늘 | 100 | 15 | 0 | 0 | 통과 |" in comment
    assert "점수 13점이 기준 80점보다 낮습니다." in comment


def test_github_actions_workflow(pull_request: dict[str, Any]):
    pr, repo = pull_request, pull_request["repo"]
    workflow = yaml.safe_load((RECIPES / "grade-notebooks.yml").read_text(encoding="utf-8"))
    assert workflow[True]["pull_request"]["paths"] == ["**.ipynb"]  # YAML reads `on:` as True
    _grader_shim(Path(pr["env"]["HOME"]) / ".venvs" / "grader" / "bin" / "grader")  # a cache hit
    github_path, step_summary = pr["tmp"] / "github_path", pr["tmp"] / "step_summary.md"
    known = {
        "github.event.pull_request.base.sha": pr["base"],
        "github.event.pull_request.number": "7",
        "github.token": "test-token",
    }
    env = {**pr["env"], **workflow["env"], "GITHUB_PATH": str(github_path),
           "GITHUB_STEP_SUMMARY": str(step_summary)}
    failed, statuses = False, {}
    for step in workflow["jobs"]["grade"]["steps"]:
        if "run" not in step:
            continue
        if not _should_run(step, failed, repo):
            continue
        step_env = {**env, **{k: _expressions(str(v), known) for k, v in step.get("env", {}).items()}}
        if github_path.exists():
            step_env["PATH"] = ":".join(github_path.read_text().split()) + ":" + step_env["PATH"]
        assert step.get("shell") == "bash"
        status = _bash(step["run"], repo, step_env)
        statuses[step["name"]] = status
        failed = failed or status != 0
    assert statuses == {
        "Install grader": 0,
        "Grade the changed notebooks": 1,
        "Comment on the pull request": 0,
    }
    _check_outcome(pr, repo / "grader-junit.xml")
    assert "pr comment 7 --edit-last --body-file grader-summary.md" in (pr["tmp"] / "stub.log").read_text()
    assert "피어리뷰 자동 채점" in step_summary.read_text(encoding="utf-8")
    upload = next(s for s in workflow["jobs"]["grade"]["steps"] if "upload-artifact" in s.get("uses", ""))
    for name in upload["with"]["path"].split():
        assert (repo / name).exists(), name


def test_gitlab_ci_recipe(pull_request: dict[str, Any]):
    pr, repo = pull_request, pull_request["repo"]
    config = yaml.safe_load((RECIPES / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    job = config["grade-notebooks"]
    _grader_shim(repo / ".venv-grader" / "bin" / "grader")  # a cache hit
    env = {
        **pr["env"],
        "CI_PROJECT_DIR": str(repo),
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": pr["base"],
        "CI_MERGE_REQUEST_IID": "7",
        "CI_PROJECT_ID": "42",
        "CI_API_V4_URL": "https://gitlab.example.com/api/v4",
        "GRADER_BOT_TOKEN": "test-token",
    }
    for name, value in config["variables"].items():  # the runner expands $CI_PROJECT_DIR
        env[name] = str(value).replace("$CI_PROJECT_DIR", str(repo))
    main = "\n".join([*job["before_script"], *job["script"]])  # one shell, as the runner does
    assert _bash(main, repo, env) == 1
    assert _bash("\n".join(job["after_script"]), repo, env) == 0
    _check_outcome(pr, repo / job["artifacts"]["reports"]["junit"])
    log = (pr["tmp"] / "stub.log").read_text()
    assert "https://gitlab.example.com/api/v4/projects/42/merge_requests/7/notes" in log
    assert "PRIVATE-TOKEN: test-token" in log
    for name in job["artifacts"]["paths"]:
        assert (repo / name).exists(), name
