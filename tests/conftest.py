"""Shared fixtures. Every test runs with a temporary HOME, config and cache directory, and
without any NEMO_* variable from the developer's environment: no test touches the real home.

A test that runs ``nemoskill --local`` in a child process starts the project's shared local
backend (a detached server); it is asked to stop when the test ends (and waited for at the end
of the session), and would stop by itself a few seconds after its last use anyway.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Before the packages are imported (``import router`` looks for a compiled build, see
# router/native.py): the tests route with the plain modules, whatever the developer has built
# in their own cache, unless NEMO_TEST_ROUTER_NATIVE asks for the build of the cache directory
# the run starts with (then the ten tests that replace a router function with monkeypatch
# fail: compiled callers call the compiled function directly). tests/router/test_native.py
# builds and checks the compiled router.
if not os.environ.get("NEMO_TEST_ROUTER_NATIVE"):
    os.environ["NEMO_ROUTER_PURE"] = "1"

from backend.local import shared
from tests import servers

#: Data directories of shared servers asked to stop after a test; waited for once, at the end
#: of the session (they exit meanwhile, beside the next tests, rather than each test waiting
#: ~20 ms for its server's exit).
_STOPPING: list[Path] = []


#: The developer's own settings, which no test may see.
_CLEARED = ("NEMO_TOKEN", "NEMO_API_URL", "NEMO_WEB_URL", "NEMO_CLIENT_ID", "NEMO_PLATFORM",
            "NEMO_CONFIG_DIR", "OPENCLAW_STATE_DIR", "SKILL_SOURCE")
#: What points at a test's own home; set for each test, and back to the session's shared home
#: after it.
_HOME_VARS = ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")

#: Processes started by this one (the test process) so far: see ``_count_spawns``.
_SPAWNS = [0]


def _counted(start: Callable[..., Any]) -> Callable[..., Any]:
    def counted(*args: Any, **kwargs: Any) -> Any:
        _SPAWNS[0] += 1
        return start(*args, **kwargs)

    return counted


def _count_spawns() -> None:
    """Count every process this one starts. A shared backend is a process of its own: it
    exists only if something started a process since the last look (the test itself, or a
    ``nemoskill`` it ran, which then started the server). So a test that started none has
    no server to look for, and its teardown skips the look: that look (a ``scandir`` of every
    folder of its HOME and ``tmp_path``) was most of the suite's teardown time, for the ~1 %
    of tests that start a process. Covered: ``subprocess`` (and asyncio's, which uses it),
    ``multiprocessing``, ``os.fork`` / ``forkpty`` (``pty``) / ``posix_spawn`` / ``system``:
    every way the standard library starts a process."""
    import _posixsubprocess

    for module, name in ((subprocess, "_fork_exec"), (_posixsubprocess, "fork_exec"),
                         (os, "fork"), (os, "forkpty"), (os, "posix_spawn"),
                         (os, "posix_spawnp"), (os, "system")):
        if getattr(module, name, None) is not None:
            setattr(module, name, _counted(getattr(module, name)))


def pytest_configure(config: pytest.Config) -> None:
    # Once for the whole run, before collection: nothing in the packages writes these
    # variables, and a test that sets one does it with ``monkeypatch``, which undoes it.
    for name in _CLEARED:
        os.environ.pop(name, None)
    # The same for every test: set once rather than for each (a test that changes one uses
    # ``monkeypatch``). Shared servers of tests leave 5 s after their last use, on ephemeral
    # ports (see test_shared.py).
    os.environ[shared.IDLE_ENV] = "5"
    os.environ[shared.PORT_ENV] = "0"
    _count_spawns()


def pytest_collection_finish(session: pytest.Session) -> None:
    # What exists now (the imported packages, their tables, the ~5,400 collected items) lives
    # until the end: frozen, it is no longer traversed by every full collection, which took a
    # quarter of the suite's time (a full collection walks the whole heap).
    gc.collect()
    gc.freeze()


_HOME_NUMBERS = itertools.count()


class _Homes:
    """The session's folder of homes, and the home shared by everything outside a test's own
    (``pure`` tests, and module or session fixtures between tests): never the real one."""

    def __init__(self, root: Path) -> None:
        self.root = str(root)
        self.shared = root / "shared"
        self.shared.mkdir()
        self.shared_env = _home_env(str(self.shared))
        #: ``_SPAWNS`` at the last look for shared servers.
        self.looked_at = _SPAWNS[0]


def _home_env(home: str) -> tuple[str, str, str]:
    """The values of ``_HOME_VARS`` for ``home``."""
    return home, f"{home}/.config", f"{home}/.cache"


def _set_home(values: tuple[str, str, str]) -> None:
    env = os.environ
    for name, value in zip(_HOME_VARS, values, strict=True):
        env[name] = value


@pytest.fixture(scope="session")
def _homes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Homes]:
    saved = {name: os.environ.get(name) for name in _HOME_VARS}
    homes = _Homes(tmp_path_factory.mktemp("homes"))
    _set_home(homes.shared_env)
    yield homes
    if _SPAWNS[0] != homes.looked_at:
        stop_shared_backends(homes.shared, wait=False)
    for data_dir in _STOPPING:
        shared.wait_stopped(data_dir)
    failed = servers.wait_stopped()
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    assert not failed, f"test servers that did not stop cleanly: {failed}"


@pytest.fixture(autouse=True)
def isolated_home(_homes: _Homes, request: pytest.FixtureRequest) -> Iterator[Path]:
    # This runs for every test, so it is kept cheap (issue 16): per test, one ``mkdir`` and
    # three variables set, then set back. One folder per test under the session's, numbered
    # here: pytest's ``mktemp`` resolves paths and searches for a free number on each call (a
    # fifth of a test's setup in a profile of the router tests). The variables are set here
    # rather than through ``monkeypatch`` (a sixth of the suite's teardown time); a test's own
    # ``monkeypatch`` still works on top of them: it is set up later, so it is undone first.
    if request.node.get_closest_marker("pure") is not None:
        # Pure functions (the router's and the catalog's thousands of phrase tests): the
        # session's shared HOME, which is already set, is isolation enough.
        yield _homes.shared
        if _SPAWNS[0] != _homes.looked_at:  # not expected of a pure test, but then looked at
            _homes.looked_at = _SPAWNS[0]
            stop_shared_backends(_homes.shared, wait=False)
        return
    home = f"{_homes.root}/home{next(_HOME_NUMBERS)}"
    os.mkdir(home)
    _set_home(_home_env(home))
    yield Path(home)
    # Only when a process was started since the last look can a shared server have come up
    # (see ``_count_spawns``); then it is looked for where this test's data can be: its HOME,
    # its ``tmp_path``, and the shared HOME (a fixture's, between tests).
    if _SPAWNS[0] != _homes.looked_at:
        _homes.looked_at = _SPAWNS[0]
        roots = [Path(home), _homes.shared]
        # The test's own ``tmp_path``, if it has one (its fixture values are still there).
        tmp_path = getattr(request.node, "funcargs", {}).get("tmp_path")
        if tmp_path is not None:
            roots.append(tmp_path)
        stop_shared_backends(*roots, wait=False)
    _set_home(_homes.shared_env)


def stop_shared_backends(*roots: Path, wait: bool = True) -> None:
    """Stop every shared local backend whose data directory lies under ``roots`` (at most
    four levels down, e.g. ``home/.config/nemovideo/local-backend``: no deep walk).
    ``wait=False``: asked to stop now, waited for at the end of the session.

    One ``scandir`` per directory (pathlib's glob, one per depth, cost ~1 ms a test)."""
    for root in roots:
        _stop_under(str(root), 4, wait)


def _stop_under(folder: str, depth: int, wait: bool) -> None:
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except OSError:
        return
    for entry in entries:
        if entry.name == shared.INFO_FILE:
            if shared.stop(Path(folder), wait=wait) is not None and not wait:
                _STOPPING.append(Path(folder))
            break
    if depth:
        for entry in entries:
            with contextlib.suppress(OSError):
                if entry.is_dir():
                    _stop_under(entry.path, depth - 1, wait)
