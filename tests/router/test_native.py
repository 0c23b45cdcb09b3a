"""The router compiled to C (router/native.py, ``python -m router.compile``): built into a
test's cache directory, it is what a new process routes with, it routes every message as
the plain modules do, and a process whose sources differ from the build's, or whose build is
damaged, routes with the plain modules.

The build needs mypyc (the ``native`` extra), a C compiler and the Python headers. Without
them the build test is skipped, saying what is missing, unless NEMO_TEST_REQUIRE_NATIVE is
set (CI sets it: .ci/run installs the compiler and headers), when it fails instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backend.errors import ConfigError
from router import native
from router.corpus import load_labelled, train_items
from router.tables import CONTEXTS

ROOT = Path(__file__).resolve().parents[2]

# Routes the messages of the JSON file named, and prints what a process sees: whether the
# compiled modules run, the file router.core was loaded from, and every route whole.
_CHILD = """
import json, sys
import router
from router import native
from router.core import Router
from router.tables import builtin_tables
messages = json.load(open(sys.argv[1], encoding="utf-8"))
r = Router(builtin_tables())
routes = [r.route(t, f, after=a, prior_language=p).to_dict() for t, f, a, p in messages]
import router.core
print(json.dumps({"state": native.state(), "active": native.active(),
                  "core": router.core.__file__, "routes": routes}))
"""


def _messages() -> list[tuple[str, list[str], str | None, str | None]]:
    """The labelled set as labelled, every 25th training message in each reply context and
    with a prior language: about 14,000 routes, every rule path of the router."""
    out = [(i.text, list(i.files), i.after, None) for i in load_labelled()]
    contexts: list[str | None] = [None, *CONTEXTS]
    for n, item in enumerate(train_items()[::25]):
        out.append((item.text, list(item.files), item.after, None))
        out.append((item.text, [], contexts[n % len(contexts)], ("en", "ja", "de")[n % 3]))
    return out


def _env(cache: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != native.OFF_VARIABLE}
    env["XDG_CACHE_HOME"] = str(cache)
    env.update(extra)
    return env


def _run(args: list[str], env: dict[str, str],
         cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], env=env, cwd=cwd, capture_output=True,
                          text=True, check=False, timeout=900)


def _child(messages_file: Path, env: dict[str, str], cwd: Path = ROOT) -> dict[str, object]:
    done = _run(["-c", _CHILD, str(messages_file)], env, cwd)
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _toolchain_or_skip() -> None:
    try:
        native._toolchain()
    except ConfigError as exc:
        if os.environ.get("NEMO_TEST_REQUIRE_NATIVE"):
            pytest.fail(f"NEMO_TEST_REQUIRE_NATIVE is set, but: {exc}")
        pytest.skip(str(exc))


def test_compiled_router_routes_as_the_plain_one(tmp_path: Path) -> None:
    _toolchain_or_skip()
    cache = tmp_path / "cache"
    env = _env(cache)

    before = _run(["-m", "router.compile", "status"], env)
    assert before.returncode == 0
    assert "plain router (pure: not built)" in before.stdout
    python = native.shown_path(Path(sys.executable))  # the interpreter the user ran it with
    assert f"to compile it: {python} -m pip install -e '.[native]' in the checkout, then " \
        f"{python} -m router.compile build" in before.stdout

    built = _run(["-m", "router.compile", "build"], env)
    assert built.returncode == 0, built.stderr[-3000:]
    build = cache / "nemovideo" / "router-native" / native.source_key()
    assert built.stdout.startswith(f"built: {build}; processes started from now on route")
    # Only the user may read or change the compiled code, and the folders it creates.
    assert all(p.stat().st_mode & 0o077 == 0
               for p in [cache, cache / "nemovideo", build.parent, build, *build.rglob("*")])
    assert [p.name for p in build.parent.iterdir()] == [build.name]  # no scratch left
    again = _run(["-m", "router.compile", "build"], env)
    assert again.returncode == 0
    assert "compiling" not in again.stderr  # built already: nothing done

    status = _run(["-m", "router.compile", "status"], env)
    assert f"routes with the compiled router (native: {native.shown_path(build)})" \
        in status.stdout

    messages = _messages()
    messages_file = tmp_path / "messages.json"
    messages_file.write_text(json.dumps(messages), encoding="utf-8")
    compiled = _child(messages_file, env)
    assert compiled["state"] == "native"
    assert compiled["active"] is True
    assert str(compiled["core"]).startswith(str(build))
    plain = _child(messages_file, _env(cache, NEMO_ROUTER_PURE="1"))
    assert plain["state"] == "pure: NEMO_ROUTER_PURE is set"
    assert str(plain["core"]).endswith("core.py")
    expected = plain["routes"]
    routes = compiled["routes"]
    assert isinstance(routes, list)
    assert len(routes) == len(expected)
    differ = [(m[0], e, c) for m, e, c in zip(messages, expected, routes, strict=True) if e != c]
    assert not differ, f"{len(differ)} of {len(messages)} routes differ, first: {differ[:3]}"

    # Turned off: the plain modules.
    off = _run(["-m", "router.compile", "status"], _env(cache, NEMO_ROUTER_PURE="1"))
    assert "plain router (pure: NEMO_ROUTER_PURE is set)" in off.stdout

    # A copy of the same sources elsewhere uses the build (the key is the sources' content);
    # an edited copy does not.
    copy = tmp_path / "src"
    shutil.copytree(ROOT / "router", copy / "router",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "backend").mkdir()
    shutil.copy(ROOT / "backend" / "errors.py", copy / "backend" / "errors.py")
    in_copy = _env(cache, PYTHONPATH=f"{copy}{os.pathsep}{ROOT}")
    same = _run(["-m", "router.compile", "status"], in_copy, cwd=tmp_path)
    assert f"(native: {native.shown_path(build)})" in same.stdout, same.stdout + same.stderr
    core = copy / "router" / "core.py"
    core.write_text(core.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    stale = _run(["-m", "router.compile", "status"], in_copy, cwd=tmp_path)
    assert "plain router (pure: no build for these sources and this Python)" in stale.stdout
    assert f"changed since the last build: build again with {python} -m router.compile " \
        "build" in stale.stdout
    edited = _child(messages_file, in_copy, tmp_path)
    assert edited["state"] == "pure: no build for these sources and this Python"
    assert str(edited["core"]).endswith("core.py")
    assert edited["routes"] == expected

    # A build damaged in place (its sizes unchanged) does not load: the plain modules route,
    # and the user is told what to do.
    shared = next(build.glob("nemovideo_router_*__mypyc*"))
    blob = shared.read_bytes()
    shared.write_bytes(bytes(4096) + blob[4096:])
    damaged = _run(["-m", "router.compile", "status"], env)
    assert "plain router (pure: the build in " in damaged.stdout
    assert "does not load" in damaged.stdout
    assert f"run {python} -m router.compile remove, then build again" in damaged.stdout
    routed = _run(["-m", "skill.cli", "route", "export it"], env)
    assert routed.returncode == 0, routed.stderr
    assert routed.stdout.startswith("export ")
    # Cut short, it is not taken for a build at all.
    shared.write_bytes(blob[:1000])
    cut = _run(["-m", "router.compile", "status"], env)
    assert "plain router (pure: no build for these sources" in cut.stdout

    removed = _run(["-m", "router.compile", "remove"], env)
    assert removed.stdout.strip() == "removed 1 build"
    assert not build.parent.exists()
    assert "(pure: not built)" in _run(["-m", "router.compile", "status"], env).stdout


def test_a_cache_directory_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    _toolchain_or_skip()
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    done = _run(["-m", "router.compile", "build"], _env(blocked))
    assert done.returncode == 4
    assert done.stdout == ""
    assert done.stderr.startswith(f"error: cannot write the compiled router in {blocked}/")
    assert "set XDG_CACHE_HOME to a writable directory" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_missing_compiler_is_named_with_what_to_install(tmp_path: Path) -> None:
    import importlib.util

    if importlib.util.find_spec("mypyc") is None:  # said first: see the test below
        _toolchain_or_skip()
    done = _run(["-m", "router.compile", "build"], _env(tmp_path, CC="/nonexistent/cc"))
    assert done.returncode == 4
    assert done.stderr == ("error: no C compiler (/nonexistent/cc) found: install one (on "
                           "Debian or Ubuntu: apt-get install gcc python3-dev) or name it in "
                           "CC, then build again\n")
    assert not (tmp_path / "nemovideo").exists()


def test_build_without_the_toolchain_says_what_to_install(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "mypyc" else real(name, *a))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    with pytest.raises(ConfigError, match=r"mypyc not installed: install the native extra"):
        native.build(log=False)
    assert not (tmp_path / "nemovideo" / "router-native").exists()
