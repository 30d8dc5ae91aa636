"""`validate_pack` on every bundled pack (stored mode) and, slow, with the notebooks executed."""

from __future__ import annotations

import pytest

from grader.assignments import list_pack_ids
from grader.authoring.validate import validate_pack
from grader.paths import assignments_dir

PACKS = list_pack_ids(assignments_dir())


def _failures(pack_id: str, run: bool = False) -> list[str]:
    """Failing findings; executed runs are unsandboxed: the notebooks are the instructor's."""
    found = validate_pack(pack_id, run=run, sandbox=False)
    return [f"{f.what}: {f.message_ko}" for f in found if not f.ok]


@pytest.mark.parametrize("pack_id", PACKS)
def test_every_bundled_pack_validates_in_stored_mode(pack_id: str):
    assert _failures(pack_id) == []


def test_an_unknown_pack_is_one_failing_finding():
    [finding] = validate_pack("no-such-pack")
    assert not finding.ok and "찾을 수 없습니다" in finding.message_ko


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::grader.api.UnsandboxedExecutionWarning")
@pytest.mark.parametrize("pack_id", PACKS)
def test_every_bundled_pack_validates_with_its_notebooks_executed(pack_id: str):
    """Runs the reference solution (full marks) and the starter (low score) of each pack.

    Times on 2 shared CPU cores, unsandboxed (stored checks included): cnn-digits 32 s,
    regression-diabetes 8 s, denoise-digits 10 s, superres-digits 17 s, textgen-korean about
    30 s, sentiment-korean about 1 min (its prepare.py fakes the NSMC files, three small RNNs
    train), transfer-learning 30 s (1 min 40 s with a cold data cache: its prepare.py
    pretrains the backbone first), translation-seq2seq about 36 s (its prepare.py writes the
    kor.txt files), unet-segmentation 52 s (2 min under load; three small Keras U-Nets, its prepare.py
    draws the shapes in a second); gan-digits trains a
    GAN and probes its app, the slowest at 1 min 47 s."""
    from grader.extras import require

    require(["apps"])
    assert _failures(pack_id, run=True) == []
