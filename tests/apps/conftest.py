"""App probe tests: real small apps in the bwrap sandbox; skip cleanly where it cannot run."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.apps import find_chromium
from grader.sandbox import BwrapSandbox, SandboxLimits
from tests.sandbox_support import bwrap_unusable, skip_sandbox_tests

LIMITS = SandboxLimits(memory_mib=2048, processes=256, cpu_seconds=120, tmp_mib=256)


SKIP = bwrap_unusable(LIMITS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    skip_sandbox_tests(items, Path(__file__).parent, SKIP)


@pytest.fixture(scope="session")
def sandbox() -> BwrapSandbox:
    return BwrapSandbox(LIMITS, slots=4)


@pytest.fixture(scope="session")
def chromium() -> str:
    path = find_chromium()
    if path is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium fonts-noto-cjk)")
    return path


@pytest.fixture(scope="session")
def model_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A digits LogisticRegression saved with joblib: the apps' "model" (no TensorFlow)."""
    joblib = pytest.importorskip("joblib")
    datasets = pytest.importorskip("sklearn.datasets")
    linear = pytest.importorskip("sklearn.linear_model")
    digits = datasets.load_digits()
    model = linear.LogisticRegression(max_iter=3000).fit(digits.data, digits.target)
    path = tmp_path_factory.mktemp("model") / "model.joblib"
    joblib.dump(model, path)
    return path.read_bytes()
