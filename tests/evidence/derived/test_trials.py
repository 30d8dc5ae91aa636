"""The setting a sweep loop varies, read from its loop variable (own small cells)."""

from __future__ import annotations

import pytest

from grader.evidence.derived.trials import count_trials
from tests.evidence.conftest import code, stream
from tests.rubric.checks.real_cells import evidence_of

SWEEP = (
    "{values} = [{{'lr': 1e-3, 'channels': 16}}, {{'lr': 3e-4, 'channels': 32}}]\n"
    "for {name} in {values}:\n"
    "    net = build({name}['channels'])\n"
    "    history = train(net, {name}['lr'])\n"
    "    net.fit(x, y, epochs=3)\n"
    "    print({name}, history['val'][-1])"
)


def _varied(name: str, values: str) -> list[str]:
    cell = code(0, SWEEP.format(name=name, values=values), stream("a 0.81\nb 0.86\n"))
    return count_trials(evidence_of(cell)).varied


@pytest.mark.parametrize("name", ["experiment", "exp_config", "setting", "trial"])
def test_a_loop_over_config_bundles_varies_that_bundle(name: str) -> None:
    assert name in _varied(name, "experiments")


def test_a_loop_variable_that_names_no_setting_varies_nothing() -> None:
    assert _varied("item", "items") == []
