from __future__ import annotations

import pytest

from grader import extras
from grader.errors import MissingExtraError


def test_require_names_the_extra_and_the_install_command(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(extras.EXTRAS, "apps", ("httpx", "no_such_module_for_grader"))
    with pytest.raises(MissingExtraError) as info:
        extras.require(["apps"])
    message = info.value.message_ko
    assert "앱 확인" in message and "no_such_module_for_grader" in message
    assert "pip install 'grader[apps]'" in message and "httpx" not in info.value.detail


def test_nothing_missing_is_silent(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(extras.EXTRAS, "apps", ("json",))
    extras.require(["apps"])
