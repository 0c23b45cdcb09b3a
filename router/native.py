"""The router compiled to C with mypyc, for a process that routes many messages.

A message costs the plain-Python router about 45 µs (median, on the machine of the
README's figures); compiled, its rules run in about 27 µs. The compiled modules are
``MODULES`` (the rules, the tables' classes, the scan, the language detector, the learned
fallback); ``router.plain``, ``router.cache`` and the other modules stay Python, and so does
everything outside the router.

Nothing is compiled unless asked: ``python -m router.compile build`` (needs the ``native``
extra, a C compiler and the Python headers) writes the extension modules to
``$XDG_CACHE_HOME/nemovideo/router-native/<key>/``, where the key is a checksum of the
router's sources, of ``backend/errors.py`` and of the Python version. When ``router`` is
imported, ``activate`` puts that directory in front of the package's path if, and only if,
a complete build for exactly these sources and this Python is there: after any edit of
the router, or under another Python, the plain modules run until the next build. A process
that has never built pays one ``stat`` for the check. ``NEMO_ROUTER_PURE=1`` turns the
compiled modules off.

Anyone who can write the user's cache directory can put code there that this loads; they
can as well write the user's shell start-up files, so no more is guarded against than a
stale or half-written build (the key, and the sizes recorded when the build completed).
"""

from __future__ import annotations

import os
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import Final

__all__ = ["MODULES", "activate", "active", "build", "build_dir", "remove", "source_key",
           "state"]

#: The modules compiled, in ``router``.
MODULES: Final = ("text", "tables", "matcher", "language", "grammar", "model", "intent",
                   "core")
#: The name of the library the compiled modules share (mypyc's "group").
GROUP: Final = "nemovideo_router"
#: Bump when the layout of a build changes in a way the hashed sources would not show.
FORMAT: Final = 1
OFF_VARIABLE: Final = "NEMO_ROUTER_PURE"
_STAMP: Final = "complete.txt"
#: Builds kept (for different sources or Pythons sharing one home directory).
KEEP: Final = 2

_PACKAGE: Final = Path(__file__).parent
#: The file name ending of this Python's extension modules (".cpython-311-x86_64-linux-gnu.so").
_SUFFIX: Final = EXTENSION_SUFFIXES[0]
_state = "pure: not activated"
#: This module and its command line: neither is compiled nor imported by what is.
_BUILDERS: Final = frozenset({"native.py", "compile.py"})


def _root() -> str:
    """``native_root`` with ``os.path`` alone: ``activate`` runs in every process that
    imports the router, most of which find nothing there."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "nemovideo", "router-native")


def native_root() -> Path:
    """``router.cache.cache_dir() / "router-native"``."""
    return Path(_root())


def source_key() -> str:
    """A checksum of what the compiled modules are made from and run with: every module of
    the router but the two that build and load them (the compiled ones read the others'
    types), ``backend/errors.py`` (which two of them import) and the Python version and
    ABI."""
    import zlib

    files = [*sorted(p for p in _PACKAGE.glob("*.py") if p.name not in _BUILDERS),
             _PACKAGE.parent / "backend" / "errors.py"]
    crc, adler = 0, 1
    for part in [f"{FORMAT}\0{sys.version}\0{_SUFFIX}".encode()] + [
            f.name.encode() + b"\0" + f.read_bytes() for f in files]:
        head = len(part).to_bytes(8, "big")
        crc = zlib.crc32(part, zlib.crc32(head, crc))
        adler = zlib.adler32(part, zlib.adler32(head, adler))
    return f"{crc:08x}{adler:08x}"


def build_dir(key: str | None = None) -> Path:
    return native_root() / (key or source_key())


def _files(directory: Path) -> list[Path]:
    """The extension modules a build holds: one per compiled module, and the shared one."""
    return [directory / "router" / f"{name}{_SUFFIX}" for name in MODULES] + \
        [directory / f"{GROUP}__mypyc{_SUFFIX}"]


def _complete(directory: Path) -> bool:
    """Whether ``directory`` holds a whole build: its stamp lists each file with the size
    it had when the build ended (a build is renamed into place whole, so this guards only
    against files damaged since)."""
    try:
        lines = (directory / _STAMP).read_text(encoding="utf-8").splitlines()
        sizes = dict(line.rsplit(" ", 1) for line in lines if " " in line)
        return all(int(sizes[path.relative_to(directory).as_posix()]) == path.stat().st_size
                   for path in _files(directory))
    except (OSError, ValueError, KeyError):
        return False


def activate(package_path: list[str]) -> str:
    """Put the compiled modules first on ``package_path`` (``router.__path__``) when a
    complete build for these sources exists; called once, as ``router`` is imported, before
    any of its modules. Returns what was done (see ``state``)."""
    global _state  # noqa: PLW0603 (set once per process, before any route)
    if os.environ.get(OFF_VARIABLE, "") not in ("", "0"):
        _state = f"pure: {OFF_VARIABLE} is set"
    elif not os.path.isdir(_root()):
        _state = "pure: not built"
    else:
        directory = build_dir()
        if not _complete(directory):
            _state = "pure: no build for these sources and this Python"
        else:
            # The shared library is imported by its top-level name.
            sys.path.append(str(directory))
            package_path.insert(0, str(directory / "router"))
            _state = "native"
    return _state


def state() -> str:
    """``native``, or ``pure: <why>``."""
    return _state


def active() -> bool:
    """Whether the compiled modules are the ones routing in this process."""
    return _state == "native" and all(
        getattr(sys.modules.get(f"router.{name}"), "__file__", "").endswith(_SUFFIX)
        for name in MODULES if f"router.{name}" in sys.modules)


def _toolchain() -> None:
    """Raise ``ConfigError`` saying what to install when the build cannot run here."""
    import importlib.util
    import shutil

    from backend.errors import ConfigError

    missing = [name for name in ("mypyc", "setuptools") if importlib.util.find_spec(name) is None]
    if missing:
        raise ConfigError(f"{' and '.join(missing)} not installed: install the native extra "
                          "(pip install -e '.[native]' in the checkout), then build again")
    import sysconfig

    # The compiler this Python was built with, which setuptools calls.
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        raise ConfigError(f"no C compiler ({compiler}) found: install one (on Debian or "
                          "Ubuntu: apt-get install gcc python3-dev), then build again")
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    if not headers.is_file():
        raise ConfigError(f"the Python headers are missing ({headers}): install them (on "
                          "Debian or Ubuntu: apt-get install python3-dev), then build again")


# Run in a child process, in a scratch directory (mypyc writes its C files under the
# working directory): setuptools builds the extension modules into the directory named.
_BUILD_SCRIPT: Final = """
import sys
from setuptools import setup
from mypyc.build import mypycify
out, temp, group, *paths = sys.argv[1:]
options = ["--ignore-missing-imports", "--follow-imports=silent", "--no-incremental"]
setup(name="nemovideo-router-native", py_modules=[],
      ext_modules=mypycify(options + paths, group_name=group, opt_level="3",
                           debug_level="0"),
      script_args=["--quiet", "build_ext", "--build-lib", out, "--build-temp", temp])
"""


def build(*, log: bool = True) -> Path:
    """Compile ``MODULES`` for the sources and Python of this process, unless a complete
    build of them exists; returns its directory. Written in a scratch directory beside it and
    renamed into place when complete, so that an interrupted build leaves nothing that
    ``activate`` would load. Raises ``ConfigError`` when the build cannot run here (what to
    install), ``OperationFailed`` when the compiler failed (its last lines)."""
    import shutil
    import subprocess
    import tempfile

    from backend.errors import OperationFailed

    key = source_key()
    target = build_dir(key)
    if _complete(target):
        return target
    _toolchain()
    root = native_root()
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    if log:
        print("nemovideo: compiling the router with mypyc (a minute or two)…", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix=".build-", dir=root) as scratch:
        out = Path(scratch) / "out"
        paths = [str(_PACKAGE / f"{name}.py") for name in MODULES]
        done = subprocess.run(
            [sys.executable, "-c", _BUILD_SCRIPT, str(out), str(Path(scratch) / "temp"), GROUP,
             *paths],
            cwd=scratch, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not all(path.is_file() for path in _files(out)):
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-12:])
            raise OperationFailed(f"the router could not be compiled (exit {done.returncode}); "
                                  f"it keeps running as plain Python. The build said:\n{tail}")
        stamp = "".join(f"{path.relative_to(out).as_posix()} {path.stat().st_size}\n"
                        for path in _files(out))
        (out / _STAMP).write_text(stamp, encoding="utf-8")
        for path in [out, *out.rglob("*")]:
            path.chmod(0o700 if path.is_dir() else 0o600)
        if target.exists():  # an incomplete or damaged earlier build
            shutil.rmtree(target, ignore_errors=True)
        try:
            out.rename(target)
        except OSError:
            if not _complete(target):  # not another build finishing first
                raise
    _prune(target)
    return target


def _prune(keep: Path) -> None:
    """Remove builds other than ``keep`` and the ``KEEP - 1`` most recent others."""
    import shutil

    others = sorted((p for p in native_root().iterdir()
                     if p.is_dir() and p != keep and not p.name.startswith(".")),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    for old in others[KEEP - 1:]:
        shutil.rmtree(old, ignore_errors=True)


def remove() -> int:
    """Remove every build; returns how many there were."""
    import shutil

    root = native_root()
    if not root.is_dir():
        return 0
    builds = [p for p in root.iterdir() if p.is_dir()]
    for path in builds:
        shutil.rmtree(path, ignore_errors=True)
    return len([p for p in builds if not p.name.startswith(".")])

