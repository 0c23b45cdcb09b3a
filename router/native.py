"""The router compiled to C with mypyc, for a process that routes many messages.

A message costs the plain-Python router about 45 µs (median, on the machine of the
README's figures); compiled, about 27 µs. The compiled modules are ``MODULES`` (the rules,
the tables' classes, the scan, the language detector, the learned fallback);
``router.plain``, ``router.cache`` and the other modules stay Python, and so does everything
outside the router.

Nothing is compiled unless asked: ``python -m router.compile build`` (needs the ``native``
extra, a C compiler and the Python headers) copies the sources to a scratch directory,
compiles the copies and writes the extension modules to
``$XDG_CACHE_HOME/nemovideo/router-native/<key>/``, where the key is a checksum of the copies
(every router module but this one and its command line, and ``backend/errors.py``), of the
Python version and of how the build is made (``MODULES``, ``_BUILD_SCRIPT``). When ``router``
is imported, ``activate`` puts that directory in front of the package's path if, and only if,
a complete build for exactly these sources and this Python is there and its library loads:
after any edit of the router, or under another Python, the plain modules run until the next
build. ``NEMO_ROUTER_PURE=1`` turns the compiled modules off.

Cost at import: a process that has never built pays one ``stat``. Where builds exist, the
sources' sizes and modification times are compared with those recorded by each build
(fifteen ``stat`` calls); only when none matches are the sources read and hashed (about 1 ms).

Anyone who can write the user's cache directory can put code there that this loads; they
can as well write the user's shell start-up files, so no more is guarded against than a
stale, half-written or damaged build.
"""

from __future__ import annotations

import os
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from backend.errors import ConfigError

__all__ = ["MODULES", "activate", "active", "build", "loaded", "native_root", "remove",
           "shown_path", "source_key", "state"]

#: The modules compiled, in ``router``.
MODULES: Final = ("text", "tables", "matcher", "language", "grammar", "model", "intent",
                  "core")
#: Bump when the layout of a build changes in a way the key would not show.
FORMAT: Final = 2
OFF_VARIABLE: Final = "NEMO_ROUTER_PURE"
_STAMP: Final = "complete.txt"  # each extension module and its size, written last
_FINGERPRINT: Final = "sources.txt"  # the sources' paths, sizes and times at build
_SCRATCH: Final = ".build-"
#: A scratch directory this old is a killed build's, removed by the next build or remove.
_SCRATCH_AGE: Final = 3600.0
#: Builds kept (for different sources or Pythons sharing one home directory).
KEEP: Final = 2
#: This module and its command line: neither is compiled nor imported by what is.
_BUILDERS: Final = frozenset({"native.py", "compile.py"})

_PACKAGE: Final = Path(__file__).parent
#: The file name ending of this Python's extension modules (".cpython-311-x86_64-linux-gnu.so").
_SUFFIX: Final = EXTENSION_SUFFIXES[0]
_state = "pure: not activated"
_loaded: Path | None = None  # the build in use, when ``_state`` is "native"

# Run in a child process, in a scratch directory (mypyc writes its C files under the
# working directory): setuptools builds the extension modules into the directory named.
# Part of the key: a build made another way is another build.
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


def _root() -> str | None:
    """``router.cache.cache_dir() / "router-native"`` with ``os.path`` alone (``activate``
    runs in every process that imports the router), or None without a home directory."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home == "~":  # neither HOME nor a password entry: nowhere to look
            return None
        base = os.path.join(home, ".cache")
    return os.path.join(base, "nemovideo", "router-native")


def _config_error(message: str) -> ConfigError:
    from backend.errors import ConfigError

    return ConfigError(message)


def native_root() -> Path:
    """Where the builds are; ``ConfigError`` when there is no cache directory."""
    root = _root()
    if root is None:
        raise _config_error("no cache directory: neither XDG_CACHE_HOME nor HOME is set; "
                            "set one of them, then try again")
    return Path(root)


def _sources(package: Path) -> list[Path]:
    """What a build is made from: every router module but ``_BUILDERS`` (the compiled ones
    read the others' types) and ``backend/errors.py`` (which two of them import)."""
    return [*sorted(p for p in package.glob("*.py") if p.name not in _BUILDERS),
            package.parent / "backend" / "errors.py"]


def _header() -> bytes:
    return f"{FORMAT}\0{sys.version}\0{_SUFFIX}\0{','.join(MODULES)}\0{_BUILD_SCRIPT}".encode()


def source_key(package: Path = _PACKAGE) -> str:
    """The checksum of the sources of ``package`` (see ``_sources``), of this Python and of
    how a build is made: the name of a build."""
    import zlib

    crc, adler = 0, 1
    for part in [_header()] + [f.name.encode() + b"\0" + f.read_bytes()
                               for f in _sources(package)]:
        head = len(part).to_bytes(8, "big")
        crc = zlib.crc32(part, zlib.crc32(head, crc))
        adler = zlib.adler32(part, zlib.adler32(head, adler))
    return f"{crc:08x}{adler:08x}"


def _fingerprint(package: Path = _PACKAGE) -> str:
    """The sources' paths, sizes and modification times, with this Python and how builds
    are made: equal to a build's record only for the very files it was made from, unchanged
    since, and a build made the way this module makes them."""
    lines = [repr(_header())]  # also how the build is made (MODULES, the script)
    for path in _sources(package):
        st = os.stat(path)
        lines.append(f"{os.path.abspath(path)}\t{st.st_size}\t{st.st_mtime_ns}")
    return "\n".join(lines) + "\n"


def _group(key: str) -> str:
    """The name of the library a build's modules share: one per build, so that two builds
    loaded in one process (a benchmark timing two checkouts) never share one's code."""
    return f"nemovideo_router_{key}"


def _files(directory: Path) -> list[Path]:
    """The extension modules of the build in ``directory``: one per compiled module, and the
    shared one."""
    return [directory / "router" / f"{name}{_SUFFIX}" for name in MODULES] + \
        [directory / f"{_group(directory.name)}__mypyc{_SUFFIX}"]


def _complete(directory: Path) -> bool:
    """Whether ``directory`` holds a whole build and nothing more: its stamp lists each file
    with the size it had when the build ended (a build is renamed into place whole, so this
    guards against files damaged or added since)."""
    try:
        lines = (directory / _STAMP).read_text(encoding="utf-8").splitlines()
        sizes = dict(line.rsplit(" ", 1) for line in lines if " " in line)
        files = _files(directory)
        return sorted(os.listdir(directory / "router")) == sorted(
            p.name for p in files if p.parent.name == "router") and all(
            int(sizes[path.relative_to(directory).as_posix()]) == path.stat().st_size
            for path in files)
    except (OSError, ValueError, KeyError):
        return False


def _matching(root: str) -> str | None:
    """The key of the build in ``root`` made from these very files (its recorded
    fingerprint equal to theirs), else the key of their content (read and hashed)."""
    try:
        mine = _fingerprint()
        with os.scandir(root) as entries:
            names = [e.name for e in entries if not e.name.startswith(".") and e.is_dir()]
        for name in names:
            try:
                with open(os.path.join(root, name, _FINGERPRINT), encoding="utf-8") as fh:
                    if fh.read() == mine:
                        return name
            except OSError:
                continue
        return source_key()
    except OSError:
        return None


def activate(package_path: list[str]) -> str:
    """Put the compiled modules first on ``package_path`` (``router.__path__``) when a
    complete build for these sources exists and its library loads; called once, as
    ``router`` is imported, before any of its modules. Returns what was done (``state``)."""
    global _state  # noqa: PLW0603 (set once per process, before any route)
    root = _root()
    if os.environ.get(OFF_VARIABLE, "") not in ("", "0"):
        _state = f"pure: {OFF_VARIABLE} is set"
    elif root is None:
        _state = "pure: no cache directory (neither XDG_CACHE_HOME nor HOME is set)"
    elif not os.path.isdir(root):
        _state = "pure: not built"
    else:
        key = _matching(root)
        directory = Path(root, key) if key else None
        if directory is None or not _complete(directory):
            _state = "pure: no build for these sources and this Python"
        else:
            _state = _load(directory, package_path)
    return _state


def _load(directory: Path, package_path: list[str]) -> str:
    """Load the build's shared library (by its top-level name, as its modules will) and put
    its modules first; a library that does not load (damaged, or a cache directory mounted
    without execution) leaves the plain modules, saying what to do."""
    import importlib

    sys.path.append(str(directory))
    try:
        importlib.import_module(f"{_group(directory.name)}__mypyc")
    except ImportError as exc:
        sys.path.remove(str(directory))
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        return (f"pure: the build in {shown_path(directory)} does not load ({reason}); run "
                f"{shown_path(Path(sys.executable))} -m router.compile remove, then build "
                "again")
    package_path.insert(0, str(directory / "router"))
    global _loaded  # noqa: PLW0603 (set once per process, before any route)
    _loaded = directory
    return "native"


def state() -> str:
    """``native``, or ``pure: <why>``."""
    return _state


def loaded() -> Path | None:
    """The folder of the build this process routes with, or None."""
    return _loaded


def active() -> bool:
    """Whether the compiled modules are the ones routing in this process."""
    return _state == "native" and all(
        getattr(sys.modules.get(f"router.{name}"), "__file__", "").endswith(_SUFFIX)
        for name in MODULES if f"router.{name}" in sys.modules)


def shown_path(path: Path) -> str:
    """``path`` as a user would type it: under the home directory, with ``~``."""
    home = os.path.expanduser("~")
    if home != "~":
        try:
            return "~/" + path.relative_to(home).as_posix()
        except ValueError:
            pass
    return str(path)


def _compiler() -> str:
    """The C compiler setuptools will call: ``$CC``, else the one this Python was built
    with."""
    import sysconfig

    return (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()[0]


def _toolchain() -> None:
    """Raise ``ConfigError`` saying what to install when the build cannot run here."""
    import importlib.util
    import shutil
    import sysconfig

    missing = [name for name in ("mypyc", "setuptools") if importlib.util.find_spec(name) is None]
    if missing:
        raise _config_error(f"{' and '.join(missing)} not installed: install the native extra "
                            "(pip install -e '.[native]' in the checkout), then build again")
    compiler = _compiler()
    if shutil.which(compiler) is None:
        raise _config_error(f"no C compiler ({compiler}) found: install one (on Debian or "
                            "Ubuntu: apt-get install gcc python3-dev) or name it in CC, then "
                            "build again")
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    if not headers.is_file():
        raise _config_error(f"the Python headers are missing ({headers}): install them (on "
                            "Debian or Ubuntu: apt-get install python3-dev), then build again")


def _make_dirs(path: Path) -> None:
    """``path`` and any missing parents, each created 0700; ``path`` made 0700 if it was
    not (only the user reads or changes the compiled code)."""
    missing = []
    level = path
    while not level.exists():
        missing.append(level)
        level = level.parent
    for directory in reversed(missing):
        directory.mkdir(mode=0o700, exist_ok=True)
    path.chmod(0o700)


def build(*, log: bool = True) -> Path:
    """Compile ``MODULES`` from a copy of this process's sources for its Python, unless a
    complete build of them exists; returns its directory. Written in a scratch directory
    beside it and renamed into place when complete, so that an interrupted build leaves
    nothing that ``activate`` would load; a build another process completed meanwhile is
    kept. Raises ``ConfigError`` when the build cannot run here (what to install, or the
    cache directory that cannot be written), ``OperationFailed`` when the compiler failed."""
    root = native_root()
    try:
        return _build(root, log)
    except OSError as exc:
        raise _config_error(
            f"cannot write the compiled router in {shown_path(root)}: "
            f"{exc.strerror or exc}; set XDG_CACHE_HOME to a writable directory") from None


def _build(root: Path, log: bool) -> Path:
    import shutil
    import subprocess
    import tempfile

    from backend.errors import OperationFailed

    target = root / source_key()
    if _complete(target):
        return target
    _toolchain()
    _make_dirs(root)
    _prune(root, keep=None)
    if log:
        print("nemovideo: compiling the router with mypyc (about a minute)…", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix=_SCRATCH, dir=root) as scratch_name:
        scratch = Path(scratch_name)
        # The copies are compiled and named: sources edited during the minute of the build
        # cannot end up under a key they do not have.
        fingerprint = _fingerprint()
        copy = scratch / "src"
        (copy / "router").mkdir(parents=True)
        (copy / "backend").mkdir()
        for path in _sources(_PACKAGE):
            shutil.copy2(path, copy / path.parent.name / path.name)
        if _fingerprint() != fingerprint:
            raise OperationFailed("the router's sources changed while they were copied for "
                                  "the build; build again")
        key = source_key(copy / "router")
        out = scratch / "out"
        paths = [str(copy / "router" / f"{name}.py") for name in MODULES]
        done = subprocess.run(
            [sys.executable, "-c", _BUILD_SCRIPT, str(out), str(scratch / "temp"), _group(key),
             *paths],
            cwd=scratch, capture_output=True, text=True, check=False)
        built = out / key
        if done.returncode == 0:
            # setuptools puts the shared library beside the package folder.
            built.mkdir()
            (out / "router").rename(built / "router")
            for path in out.glob(f"{_group(key)}__mypyc*"):
                path.rename(built / path.name)
        if done.returncode != 0 or not all(path.is_file() for path in _files(built)):
            said = [line for line in (done.stdout + done.stderr).strip().splitlines()
                    if "warning:" not in line]
            tail = "\n".join(said[-12:])
            raise OperationFailed(
                f"the router could not be compiled (exit {done.returncode}); it keeps running "
                f"as plain Python. Check the compiler's message below (a C compiler and the "
                f"Python headers for {sys.version.split()[0]} are needed); report it if it "
                f"names the router's code. The build said:\n{tail}")
        # The files as they were copied (unchanged while they were): a process whose files
        # still look so finds this build without reading them.
        (built / _FINGERPRINT).write_text(fingerprint, encoding="utf-8")
        stamp = "".join(f"{path.relative_to(built).as_posix()} {path.stat().st_size}\n"
                        for path in _files(built))
        (built / _STAMP).write_text(stamp, encoding="utf-8")
        for path in [built, *built.rglob("*")]:
            path.chmod(0o700 if path.is_dir() else 0o600)
        target = root / key
        if _complete(target):  # another build of the same sources finished first: keep it
            return target
        if target.exists():  # an incomplete or damaged earlier build
            shutil.rmtree(target, ignore_errors=True)
        try:
            built.rename(target)
        except OSError:
            if not _complete(target):  # not another build finishing in between
                raise
    _prune(root, keep=target)
    return target


def _prune(root: Path, keep: Path | None) -> None:
    """Remove builds other than ``keep`` and the ``KEEP - 1`` most recent others, and the
    scratch directories of builds killed long ago."""
    import shutil
    import time

    builds: list[tuple[float, Path]] = []
    for path in root.iterdir():
        try:
            age = time.time() - path.stat().st_mtime
        except OSError:
            continue
        if path.name.startswith(_SCRATCH):
            if age > _SCRATCH_AGE:
                shutil.rmtree(path, ignore_errors=True)
        elif path.is_dir() and path != keep:
            builds.append((age, path))
    if keep is not None:
        for _, old in sorted(builds)[KEEP - 1:]:
            shutil.rmtree(old, ignore_errors=True)


def remove() -> int:
    """Remove every build (a build under way is left to finish), and the folder when
    nothing is left in it; returns how many builds there were."""
    import contextlib
    import shutil
    import time

    root = native_root()
    if not root.is_dir():
        return 0
    count = 0
    for path in root.iterdir():
        if path.name.startswith(_SCRATCH):
            if time.time() - path.stat().st_mtime <= _SCRATCH_AGE:
                continue
        else:
            count += path.is_dir()
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # not empty: a build under way
        root.rmdir()
    return count
