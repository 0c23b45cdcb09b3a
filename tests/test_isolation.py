"""What ``tests/conftest.py`` promises every test, checked across tests: each test that is not
``pure`` starts in an empty HOME of its own (config and cache dirs included), never the real
one, whatever the test before it wrote; and a shared local backend a test started under its
HOME is stopped when the test ends. Each pair runs in file order: the second test checks what
the first one left (and is skipped when run without it)."""

from __future__ import annotations

import os
import pwd
from pathlib import Path

import pytest

from backend.errors import ConnectError
from backend.local import shared

#: What the first test of each pair left for the second.
_LEFT: dict[str, Path | int] = {}


def _real_home() -> Path:
    return Path(pwd.getpwuid(os.getuid()).pw_dir)


def test_a_test_writes_in_its_home_config_and_cache(isolated_home: Path) -> None:
    home = Path(os.environ["HOME"])
    assert home == isolated_home
    assert home != _real_home()
    assert list(home.iterdir()) == []  # empty to begin with
    for var in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        folder = Path(os.environ[var]) / "nemovideo"
        assert folder.is_relative_to(home)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "left-by-the-test-before").write_text(var)
    _LEFT["home"] = home


def test_the_next_test_sees_nothing_of_it(isolated_home: Path) -> None:
    before = _LEFT.get("home")
    if not isinstance(before, Path):
        pytest.skip("runs after test_a_test_writes_in_its_home_config_and_cache")
    # What the test before wrote is still there, in its own HOME...
    assert len(list(before.rglob("left-by-the-test-before"))) == 3
    # ...and nothing of it here: another, empty HOME, and config and cache dirs in it.
    home = Path(os.environ["HOME"])
    assert home == isolated_home
    assert home not in (before, _real_home())
    assert list(home.iterdir()) == []
    for var in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        folder = Path(os.environ[var])
        assert folder.is_relative_to(home)
        assert not (folder / "nemovideo" / "left-by-the-test-before").exists()


def test_a_test_starts_a_shared_backend_under_its_home(monkeypatch: pytest.MonkeyPatch) -> None:
    # Idle for a minute: only the end of this test can stop it before the next test looks.
    monkeypatch.setenv(shared.IDLE_ENV, "60")
    data = Path(os.environ["XDG_CONFIG_HOME"]) / "nemovideo" / "local-backend"
    with shared.SharedBackend.begin(data) as server:
        server.wait()
    info = shared.read_info(data)
    assert info is not None
    assert shared.check(info)  # still serving once this test's own use of it is over
    _LEFT["data"] = data
    _LEFT["pid"] = info.pid


def test_the_shared_backend_of_the_test_before_was_stopped() -> None:
    data, pid = _LEFT.get("data"), _LEFT.get("pid")
    if not isinstance(data, Path) or not isinstance(pid, int):
        pytest.skip("runs after test_a_test_starts_a_shared_backend_under_its_home")
    try:
        shared.wait_stopped(data, timeout=5.0, pid=pid)
    except ConnectError:
        pytest.fail(f"the shared backend (pid {pid}) of the test before still runs")
    assert shared.read_info(data) is None or not shared.check(shared.read_info(data))
