"""Shared fixtures. Every test runs with a temporary HOME and config directory, and without
any NEMO_* variable from the developer's environment: no test touches the real home."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    for name in ("NEMO_TOKEN", "NEMO_API_URL", "NEMO_WEB_URL", "NEMO_CLIENT_ID", "NEMO_PLATFORM",
                 "NEMO_CONFIG_DIR", "OPENCLAW_STATE_DIR", "SKILL_SOURCE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    return home
