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
from collections.abc import Iterator
from pathlib import Path

import pytest

from backend.local import shared
from tests import servers

#: Data directories of shared servers asked to stop after a test; waited for once, at the end
#: of the session (they exit meanwhile, beside the next tests, rather than each test waiting
#: ~20 ms for its server's exit).
_STOPPING: list[Path] = []


@pytest.fixture(scope="session", autouse=True)
def _shared_backends_gone() -> Iterator[None]:
    yield
    for data_dir in _STOPPING:
        shared.wait_stopped(data_dir)
    failed = servers.wait_stopped()
    assert not failed, f"test servers that did not stop cleanly: {failed}"


#: The developer's own settings, which no test may see.
_CLEARED = ("NEMO_TOKEN", "NEMO_API_URL", "NEMO_WEB_URL", "NEMO_CLIENT_ID", "NEMO_PLATFORM",
            "NEMO_CONFIG_DIR", "OPENCLAW_STATE_DIR", "SKILL_SOURCE")
_SET = ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", shared.IDLE_ENV, shared.PORT_ENV)


def pytest_configure(config: pytest.Config) -> None:
    # Once for the whole run, before collection: nothing in the packages writes these
    # variables, and a test that sets one does it with ``monkeypatch``, which undoes it.
    for name in _CLEARED:
        os.environ.pop(name, None)


def pytest_collection_finish(session: pytest.Session) -> None:
    # What exists now (the imported packages, their tables, the ~5,400 collected items) lives
    # until the end: frozen, it is no longer traversed by every full collection, which took a
    # quarter of the suite's time (a full collection walks the whole heap).
    gc.collect()
    gc.freeze()


_HOME_NUMBERS = itertools.count()


@pytest.fixture(scope="session")
def _homes(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("homes"))


@pytest.fixture(autouse=True)
def isolated_home(_homes: str, request: pytest.FixtureRequest) -> Iterator[Path]:
    # This runs for every test, so it is kept cheap (issue 16). One folder per test under the
    # session's, numbered here: pytest's ``mktemp`` resolves paths and searches for a free
    # number on each call (a fifth of a test's setup in a profile of the router tests). The
    # variables are saved and restored here rather than through ``monkeypatch`` (a sixth of
    # the suite's teardown time); a test's own ``monkeypatch`` still works on top of them: it
    # is set up later, so it is undone first.
    env = os.environ
    if request.node.get_closest_marker("pure") is not None:
        # Pure functions (the router's and the catalog's thousands of phrase tests): a HOME
        # of their own, the same for all of them, is isolation enough, and leaves out the
        # per-test folder and its look for servers (the suite's teardown budget, issue 16).
        pure = Path(_homes, "pure")
        if env.get("HOME") != str(pure):
            pure.mkdir(exist_ok=True)
            _use_home(pure)
        yield pure
        return
    home = Path(_homes, f"home{next(_HOME_NUMBERS)}")
    home.mkdir()
    saved = {name: env.get(name) for name in _SET}
    _use_home(home)
    roots = [home]
    if "tmp_path" in request.fixturenames:
        roots.append(request.getfixturevalue("tmp_path"))
    yield home
    stop_shared_backends(*roots, wait=False)
    for name, value in saved.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value


def _use_home(home: Path) -> None:
    """Point the variables of ``_SET`` at ``home`` (and the test settings of shared servers)."""
    env = os.environ
    env["HOME"] = str(home)
    env["XDG_CONFIG_HOME"] = str(home / ".config")
    env["XDG_CACHE_HOME"] = str(home / ".cache")
    env[shared.IDLE_ENV] = "5"
    env[shared.PORT_ENV] = "0"  # tests' servers on ephemeral ports (see test_shared.py)


def stop_shared_backends(*roots: Path, wait: bool = True) -> None:
    """Stop every shared local backend whose data directory lies under ``roots`` (at most
    four levels down, e.g. ``home/.config/nemovideo/local-backend``: no deep walk).
    ``wait=False``: asked to stop now, waited for at the end of the session.

    Runs after every test, so it is one ``scandir`` per directory (pathlib's glob, one per
    depth, cost ~1 ms a test: a quarter of the suite's teardown time)."""
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
