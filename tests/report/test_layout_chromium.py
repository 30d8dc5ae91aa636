"""The HTML reports as a browser lays them out: no horizontal overflow at a laptop's width,
retrospective bodies and the GAN sample grid on the page."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from grader.api import grade
from grader.paths import project_root
from grader.report.screenshot import QUIET_FLAGS, browser_env, find_browser

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_browser() is None, reason="Chromium is not installed (make setup)"),
]
SUBMISSIONS = project_root() / "examples" / "submissions"
MEASURE = (
    "<script>addEventListener('load', () => { const d = document.documentElement;"
    " document.body.setAttribute('data-widths', d.scrollWidth + 'x' + d.clientWidth);"
    " document.body.setAttribute('data-images', [...document.images]"
    ".filter(i => i.naturalWidth > 0 && i.getBoundingClientRect().width > 0).length); });</script>"
)


def _laid_out(html: Path, width: int = 1000) -> str:
    """The DOM after layout, measured by a script added to a copy (the CSP dropped)."""
    text = html.read_text(encoding="utf-8")
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
    with tempfile.TemporaryDirectory(prefix="grader-layout-") as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(text.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
        done = subprocess.run(
            [find_browser() or "chromium", *QUIET_FLAGS, f"--user-data-dir={tmp}/p",
             f"--window-size={width},900", "--virtual-time-budget=3000", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=90, env=browser_env(), check=False,
        )
    return done.stdout


@pytest.mark.parametrize(
    ("path", "assignment"),
    [("cnn-digits/strong.ipynb", "cnn-digits"), ("gan-digits/team-seed", "gan-digits")],
)
def test_reports_fit_the_window_and_show_their_evidence(tmp_path: Path, path: str, assignment: str):
    [graded] = grade([SUBMISSIONS / path], assignment, tmp_path, formats=("html", "json"))
    dom = _laid_out(graded.out_dir / "report.html")
    scroll, client = map(int, re.search(r'data-widths="(\d+)x(\d+)"', dom).groups())
    assert scroll <= client, f"the page is {scroll}px wide in a {client}px window"
    retro = [i for i in graded.result.items if i.id.startswith("retrospective.") and i.mark == "o"]
    body = retro[0].evidence[0].excerpt.splitlines()[1]
    assert body[:20] in dom  # what was written under the heading, not the heading alone
    if assignment == "gan-digits":
        assert graded.result.sample_grids and int(re.search(r'data-images="(\d+)"', dom)[1]) >= 2
