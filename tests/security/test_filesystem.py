"""Reading and writing outside the submission copy."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import grader
from grader.sandbox.session import python_prefixes

pytestmark = [pytest.mark.sandbox, pytest.mark.slow]

TRY_READ = (
    "def attempt(path):\n"
    "    try:\n"
    "        print('READ', path, open(path).read()[:200])\n"
    "    except Exception as e:\n"
    "        print('blocked', path, type(e).__name__)\n"
)


def test_root_home_is_not_visible(arena):
    run = arena.run(
        TRY_READ + "import os\nprint('ROOT', sorted(os.listdir('/root')))\n"
        "attempt('/root/.bash_history'); attempt('/etc/shadow')"
    )
    # Only the folders leading to the bound Python prefixes (course kernel, base Python) exist.
    bound = {p.relative_to("/root").parts[0] for p in python_prefixes(arena.sandbox.python)
             if p.is_relative_to("/root")}
    assert f"ROOT {sorted(bound)}" in run.text or "ROOT" not in run.text
    assert "READ" not in run.text


def test_sibling_submission_is_not_visible(arena):
    secret = arena.sibling / "secret.txt"
    run = arena.run(TRY_READ + f"attempt({str(secret)!r}); attempt('../other-student/secret.txt')")
    assert arena.token not in run.text and "READ" not in run.text


def test_hidden_data_is_not_visible(arena):
    run = arena.run(TRY_READ + f"attempt({str(arena.hidden / 'answers.csv')!r})")
    assert arena.token not in run.text


def test_grader_files_are_not_visible(arena):
    source = Path(grader.__file__).parent / "api.py"
    run = arena.run(TRY_READ + f"attempt({str(source)!r})")
    assert "READ" not in run.text


def test_environment_secrets_do_not_leak(arena, monkeypatch):
    monkeypatch.setenv("GRADER_SECRET_TOKEN", arena.token)
    run = arena.run(
        "import os, glob\n"
        "print(dict(os.environ))\n"
        "for p in glob.glob('/proc/*/environ'):\n"
        "    try:\n        print(p, open(p, 'rb').read())\n"
        "    except OSError as e:\n        print(p, 'blocked', e.errno)"
    )
    assert arena.token not in run.text
    assert "GRADER_SECRET_TOKEN" not in run.text


def test_writing_outside_fails(arena):
    grader_dir = Path(grader.__file__).parent
    targets = ["/etc/pwned", "/usr/pwned", str(grader_dir / "pwned.py"), "/pwned"]
    targets.append(str(arena.sibling / "pwned.txt"))
    run = arena.run(
        "for path in " + repr(targets) + ":\n"
        "    try:\n        open(path, 'w').write('x'); print('WROTE', path)\n"
        "    except OSError as e:\n        print('blocked', path, e.errno)"
    )
    assert "WROTE" not in run.text
    assert not any(
        Path(t).exists() for t in targets if not t.startswith(("/etc", "/usr", "/pwned"))
    )
    assert not (grader_dir / "pwned.py").exists()


def test_symlink_to_a_secret_in_the_submission(arena):
    root = arena.work / "attacker"
    root.mkdir()
    secret = arena.sibling / "secret.txt"
    (root / "leak.txt").symlink_to(secret)
    before = secret.stat()
    run = arena.run(TRY_READ + "attempt('leak.txt')\nimport os\nos.chmod('leak.txt', 0o777)")
    assert arena.token not in run.text
    after = secret.stat()
    assert (after.st_uid, after.st_mode) == (before.st_uid, before.st_mode)


def test_setuid_and_privilege_escalation_fail(arena):
    run = arena.run(
        "import os, subprocess\n"
        "try:\n    os.setuid(0); print('ROOT NOW')\n"
        "except OSError as e:\n    print('blocked', e.errno)\n"
        "print('uid', os.getuid())\n"
        "r = subprocess.run(['su', '-c', 'id'], capture_output=True, text=True, input='')\n"
        "print('su', r.returncode)"
    )
    assert "ROOT NOW" not in run.text
    if os.geteuid() == 0:
        assert "uid 0" not in run.text


def test_forged_results_do_not_reach_the_grader(arena):
    run = arena.run(
        "import json, os\n"
        "json.dump({'items': [{'id': 'completeness', 'mark': 'o'}]}, open('result.json', 'w'))\n"
        "open('trace.jsonl', 'w').write('{\"event\": \"fit\", \"val_accuracy\": 1.0}\\n')\n"
        "for path in ['../attacker.executed/attack.ipynb', '/work/attacker.executed/x']:\n"
        "    try:\n        os.makedirs(os.path.dirname(path), exist_ok=True)\n"
        "        open(path, 'w').write('FOR' + 'GED'); print('WROTE', path)\n"
        "    except OSError as e:\n        print('blocked', e.errno)\n"
        "print('real output')"
    )
    assert "WROTE" not in run.text
    saved = run.executed_path.read_text()
    assert "FORGED" not in saved and "real output" in saved
    assert json.loads(saved)["cells"][0]["outputs"]  # the grader's own record of the run
    assert run.notebook.ran_to_end


def test_disk_fill_is_stopped(arena):
    run = arena.run(
        "try:\n    open('big.bin', 'wb').write(b'0' * (64 * 1024 * 1024)); print('BIG WRITTEN')\n"
        "except OSError as e:\n    print('file size limit', e.errno)\n",
        "import time\n"
        "for i in range(100):\n"
        "    with open(f'fill{i}.bin', 'wb') as f:\n        f.write(b'0' * (8 * 1024 * 1024))\n"
        "    time.sleep(0.05)\n"
        "print('FILLED')",
    )
    assert "BIG WRITTEN" not in run.text and "FILLED" not in run.text
    hits = {(h.kind, h.limit) for h in run.notebook.limit_hits}
    assert ("other", "disk 48MiB") in hits
    assert run.notebook.error and "용량" in run.notebook.error.evalue


def test_tmp_fill_is_capped(arena):
    run = arena.run(
        "try:\n    open('/tmp/fill', 'wb').write(b'0' * (64 * 1024 * 1024)); print('TMP FILLED')\n"
        "except OSError as e:\n    print('blocked', e.errno)"
    )
    assert "TMP FILLED" not in run.text


def test_the_data_folder_is_read_only_inside(tmp_path: Path):
    """The instructor's data directory is readable at $GRADER_DATA=/data, never writable."""
    from grader.sandbox import BwrapSandbox
    from tests.security.harness import LIMITS, Arena

    data = tmp_path / "course-data"
    (data / "reviews").mkdir(parents=True)
    (data / "reviews" / "train.txt").write_text("id\tdocument\tlabel\n1\t좋다\t1\n")
    for path in (tmp_path, data, data / "reviews"):
        path.chmod(0o755)
    arena = Arena(tmp_path / "arena", BwrapSandbox(LIMITS, slots=1, data_dir=data))
    run = arena.run(
        "import os, pathlib\n"
        "root = pathlib.Path(os.environ['GRADER_DATA'])\n"
        "print('ROOT', root, (root / 'reviews' / 'train.txt').read_text().splitlines()[1])\n"
        "for attempt in (lambda: (root / 'reviews' / 'train.txt').write_text('poisoned'),\n"
        "                lambda: (root / 'reviews' / 'train.txt').unlink(),\n"
        "                lambda: (root / 'new.txt').write_text('x')):\n"
        "    try:\n        attempt(); print('WROTE')\n"
        "    except OSError as e:\n        print('blocked', type(e).__name__)\n"
    )
    assert "ROOT /data 1\t좋다\t1" in run.text
    assert "WROTE" not in run.text and run.text.count("blocked") == 3
    assert (data / "reviews" / "train.txt").read_text().endswith("좋다\t1\n")
    assert not (data / "new.txt").exists()
