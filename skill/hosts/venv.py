"""The installed skill folder's own Python environment (``<folder>/.venv``), made at install.

Hosts start the runtime once per message (and MCP hosts start its server): an environment
made on first use costs the user a minute and the package index. ``prepare`` makes it during
``nemoskill install`` instead, offline when it can: the distributions the runtime needs
(its core dependencies plus the ``local`` and ``mcp`` extras, and theirs) are copied from the
environment running the install, file by file from their ``RECORD`` (hard-linked where the
file system allows), into a fresh venv of the
same base interpreter. Anything missing there is installed with pip (which needs the index).
The runtime itself is not installed into it: the launcher and the MCP entry run the folder's
code through ``PYTHONPATH``, so the environment outlives the checkout that made it.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

__all__ = ["EnvResult", "env_python", "prepare", "required_distributions"]

VENV_NAME = ".venv"
RUNTIME_DIST = "nemovideo-skill"
EXTRAS = ("local", "mcp")
#: Imported to check that an environment can run the runtime with both extras. The MCP
#: server's own module, not just ``mcp``: an ``mcp`` of another major version imports but
#: lacks what the server takes from it, and the host would see the server die at start.
_PROBE = ("httpx", "httpx_sse", "yaml", "jinja2", "rapidfuzz", "starlette", "uvicorn",
          "multipart", "imageio_ffmpeg", "PIL", "numpy", "mcp", "skill.mcp_server.server")
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
_EXTRA_MARKER = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")


@dataclass(frozen=True)
class EnvResult:
    """What ``prepare`` did: ``state`` is ``kept`` (a working one was there), ``copied``
    (offline, from this environment), ``installed`` (pip fetched what was missing) or
    ``failed`` (``problem`` says why; the launcher will try again on first use)."""

    path: Path
    state: str
    problem: str | None = None


def env_python(folder: Path) -> Path:
    """The interpreter of the folder's environment (which may not exist yet)."""
    return folder / VENV_NAME / "bin" / "python"


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def required_distributions(root: str = RUNTIME_DIST,
                           extras: Iterable[str] = EXTRAS) -> tuple[list[metadata.Distribution],
                                                                    list[str]]:
    """The installed distributions ``root[extras]`` needs, transitively, and the
    requirements of those that are not installed here, as their dependent states them
    ("mcp>=1.27,<2"), so that pip installs a version the runtime works with (the newest
    ``mcp`` is not one). ``root`` itself is not included.

    Markers other than ``extra == …`` are not evaluated: what the resolver that installed
    this environment left out for this platform is simply not installed, and skipped.
    """
    found: dict[str, metadata.Distribution] = {}
    missing: list[str] = []
    # (name, extras wanted of it, the requirement as its dependent wrote it)
    todo: list[tuple[str, frozenset[str], str]] = [(root, frozenset(extras), root)]
    seen: set[tuple[str, frozenset[str]]] = set()
    while todo:
        name, wanted, requirement_spec = todo.pop()
        key = (_canonical(name), wanted)
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            if requirement_spec not in missing:
                missing.append(requirement_spec)
            continue
        if _canonical(name) != _canonical(root):
            found.setdefault(_canonical(name), dist)
        for requirement in dist.requires or []:
            spec, _, marker = requirement.partition(";")
            match = _NAME.match(spec)
            if not match:
                continue
            extra = _EXTRA_MARKER.search(marker)
            if extra and extra.group(1) not in wanted:
                continue
            if marker.strip() and not extra:
                # A platform or version marker: follow it only if the dependency is here.
                try:
                    metadata.distribution(match.group(1))
                except metadata.PackageNotFoundError:
                    continue
            sub = frozenset(e.strip() for e in (match.group(2) or "").split(",") if e.strip())
            todo.append((match.group(1), sub, " ".join(spec.split())))
    return list(found.values()), missing


def _works(python: Path, folder: Path) -> bool:
    if not python.exists():
        return False
    env = {**os.environ, "PYTHONPATH": str(folder)}
    code = "import " + ", ".join(_PROBE)
    try:
        done = subprocess.run([str(python), "-c", code], env=env, capture_output=True,
                              timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _site_packages(venv: Path) -> Path:
    return Path(sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)}))


def _copy_distribution(dist: metadata.Distribution, site: Path) -> None:
    for file in dist.files or []:
        relative = Path(str(file))
        if relative.parts and relative.parts[0] == "..":
            continue  # console scripts and data outside site-packages: not needed with -m
        source = Path(str(dist.locate_file(file)))
        if not source.is_file():
            continue
        target = site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        # A hard link costs no space or time and survives the source environment's removal
        # (pip replaces files rather than editing them); another file system gets a copy.
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)


def prepare(folder: Path, *, base_python: str | None = None, allow_pip: bool = True) -> EnvResult:
    """Make ``folder/.venv`` able to run the runtime (with both extras).

    A working environment is kept. Otherwise one is built beside it and renamed into place
    when complete, so an interrupted install never leaves a half environment. Never raises
    for environment trouble: the result says what happened.
    """
    venv = folder / VENV_NAME
    if _works(env_python(folder), folder):
        return EnvResult(venv, "kept")
    base = base_python or getattr(sys, "_base_executable", None) or sys.executable
    building = folder / f"{VENV_NAME}.creating-{secrets.token_hex(4)}"
    try:
        state, problem = _build(building, folder, base, allow_pip=allow_pip)
        if problem is None:
            if venv.exists() or venv.is_symlink():
                old = folder / f"{VENV_NAME}.old-{secrets.token_hex(4)}"
                os.rename(venv, old)
                shutil.rmtree(old, ignore_errors=True)
            os.rename(building, venv)
            return EnvResult(venv, state)
        return EnvResult(venv, "failed", problem)
    except OSError as exc:
        return EnvResult(venv, "failed", f"cannot write {building}: {exc.strerror or exc}")
    finally:
        if building.exists():
            shutil.rmtree(building, ignore_errors=True)


def _build(building: Path, folder: Path, base: str, *, allow_pip: bool) -> tuple[str, str | None]:
    dists, missing = required_distributions()
    made = subprocess.run([base, "-m", "venv", *([] if missing else ["--without-pip"]),
                           str(building)], capture_output=True, text=True, timeout=300,
                          check=False)
    if made.returncode != 0:
        return "failed", f"python -m venv failed: {made.stderr.strip()[-300:]}"
    site = _site_packages(building)
    for dist in dists:
        _copy_distribution(dist, site)
    state = "copied"
    if missing:
        if not allow_pip:
            return "failed", f"not installed here: {', '.join(sorted(missing))}"
        with contextlib.suppress(subprocess.TimeoutExpired):
            pip = subprocess.run(
                [str(building / "bin" / "python"), "-m", "pip", "install", "-q",
                 "--disable-pip-version-check", *missing],
                capture_output=True, text=True, timeout=900, check=False)
            if pip.returncode != 0:
                return "failed", (f"pip could not install {', '.join(sorted(missing))} (it needs "
                                  "the package index once)")
        state = "installed"
    # The probe runs the folder's code the way the launcher and the MCP entry will.
    if not _works(building / "bin" / "python", folder):
        return "failed", "the new environment cannot import the runtime's dependencies"
    return state, None
