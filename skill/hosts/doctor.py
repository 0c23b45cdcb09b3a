"""``nemoskill doctor``: check that an install can do its work, and say what to fix.

Each check is independent and returns a ``Check``; none raises. The checks follow what a
message needs, in order: the interpreter, the packages, the skill file, a writable config
directory, the local backend's tools (ffmpeg, a font) whenever the ``local`` extra is there,
and, unless the local backend is chosen, the API's address.

Only what the user's setup needs counts as a problem: without ``--local`` an unreachable
cloud is no problem when the local backend is ready (the machine works offline and the
summary says how), and the ``mcp`` extra is optional (only MCP hosts need it).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

__all__ = ["Check", "run_checks", "summary"]

_CORE = ("httpx", "httpx_sse", "yaml", "jinja2", "rapidfuzz")
_LOCAL = ("starlette", "uvicorn", "multipart", "imageio_ffmpeg", "PIL", "numpy")
_MCP = ("mcp",)


@dataclass(frozen=True)
class Check:
    """One finding: ``ok``, what was found (``detail``) and, when not ok, ``fix``."""

    name: str
    ok: bool
    detail: str
    fix: str = ""
    required: bool = True
    #: Something only some setups use (an extra): absent is a fact, not a warning.
    optional: bool = False

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "ok": self.ok, "detail": self.detail, "fix": self.fix,
                "required": self.required, "optional": self.optional}


def _install_hint(extra: str, root: Path) -> str:
    return f"{sys.executable} -m pip install -e '{root}[{extra}]'"


def _missing(modules: tuple[str, ...]) -> list[str]:
    return [m for m in modules if importlib.util.find_spec(m) is None]


def _server_import_error() -> str | None:
    """Why the MCP server's module cannot be imported here, or None when it can."""
    try:
        importlib.import_module("skill.mcp_server.server")
    except ImportError as exc:
        return str(exc).split(" (")[0]  # the message without the installed file's path
    return None


def check_python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    ok = sys.version_info >= (3, 11)
    return Check("python", ok, f"{sys.executable} (Python {version})",
                 "" if ok else "install Python 3.11 or newer and re-install the skill")


def check_packages(root: Path, *, local: bool) -> list[Check]:
    checks = []
    for name, modules, extra, required in (("packages", _CORE, "", True),
                                           ("local extra", _LOCAL, "local", local),
                                           ("mcp extra", _MCP, "mcp", False)):
        missing = _missing(modules)
        fix = _install_hint(extra, root) if extra else \
            f"{sys.executable} -m pip install -e '{root}'"
        detail = "all present" if not missing else f"missing: {', '.join(missing)}"
        if extra == "mcp" and not missing:
            broken = _server_import_error()
            if broken is not None:
                # Present but of a version the server cannot use: the host sees the server
                # die at start, so this is a failure even though the extra is optional.
                checks.append(Check(name, False, f"installed, but the MCP server cannot load "
                                    f"it ({broken})", fix, required=False))
                continue
        optional = bool(extra) and not required
        if missing and optional:
            detail = ("not installed (only MCP hosts need it: Cursor, Claude Desktop, Claude "
                      "Code)" if extra == "mcp" else
                      "not installed (only the offline backend, --local, needs it)")
        checks.append(Check(name, not missing, detail, fix if missing else "",
                            required=required, optional=optional))
    return checks


def check_skill(load: Callable[[], object]) -> Check:
    try:
        skill = load()
    except Exception as exc:
        return Check("skill", False, str(exc), "fix SKILL.md as the message says")
    return Check("skill", True, f"{getattr(skill, 'name', '?')} {getattr(skill, 'version', '')} "
                                f"({getattr(skill, 'path', '')})")


def check_router(root: Path) -> Check:
    """Which router this Python routes with: the one compiled to C (``router.native``), or
    the plain one and why. Optional: the compiled one only saves time in a process that
    routes many messages."""
    from router import native

    built = native.loaded()
    if built is not None:
        return Check("router", True, f"compiled ({built})", required=False, optional=True)
    why = native.state().removeprefix("pure: ")
    fix = ""
    if why in ("not built", "no build for these sources and this Python"):
        fix = (f"{_install_hint('native', root)}, then {sys.executable} -m router.compile "
               "build (about 0.6 of the time a message, for the MCP server)")
    return Check("router", False, f"plain Python ({why})", fix, required=False, optional=True)


def check_config_dir(config_dir: Path) -> Check:
    try:
        config_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=config_dir, prefix=".doctor-"):
            pass
    except OSError as exc:
        return Check("config dir", False, f"{config_dir}: {exc.strerror or exc}",
                     "set NEMO_CONFIG_DIR to a folder you can write")
    return Check("config dir", True, f"{config_dir} (writable)")


def check_ffmpeg() -> Check:
    fix = "install the local extra (it ships ffmpeg): pip install -e '<skill folder>[local]'"
    if importlib.util.find_spec("imageio_ffmpeg") is None:
        return Check("ffmpeg", False, "imageio-ffmpeg is not installed", fix)
    import imageio_ffmpeg

    try:
        exe = imageio_ffmpeg.get_ffmpeg_exe()
        done = subprocess.run([exe, "-hide_banner", "-version"], capture_output=True, text=True,
                              timeout=20, check=False)
    except (OSError, RuntimeError, subprocess.TimeoutExpired) as exc:
        return Check("ffmpeg", False, f"cannot run ffmpeg: {exc}", fix)
    first = " ".join((done.stdout.splitlines() or ["?"])[0].split()[:3])
    return Check("ffmpeg", done.returncode == 0, f"{exe}: {first}", "" if done.returncode == 0
                 else fix)


def check_font() -> Check:
    if importlib.util.find_spec("PIL") is None:
        return Check("font", False, "Pillow is not installed",
                     "install the local extra: pip install -e '<skill folder>[local]'")
    from backend.local.render_errors import RenderError
    from backend.local.render_fonts import find_fonts

    try:
        faces = find_fonts().faces.values()
        return Check("font", True, ", ".join(sorted({str(face.path) for face in faces})))
    except RenderError as exc:
        return Check("font", False, "no font that draws Chinese, Japanese and Korean", str(exc))


def check_api(api_url: str, env: Mapping[str, str], *, timeout: float = 5.0) -> Check:
    """Whether the API's host answers at all (any HTTP status counts: no token is sent)."""
    import httpx

    host = urllib.parse.urlsplit(api_url).netloc or api_url
    try:
        with httpx.Client(timeout=timeout, trust_env=True) as client:
            answer = client.get(api_url.rstrip("/") + "/")
    except httpx.HTTPError as exc:
        return Check("api", False, f"{host} not reachable ({type(exc).__name__})",
                     "check the network or proxy, or work offline: set NEMO_LOCAL=1 "
                     "(or pass --local before the command)")
    token = "NEMO_TOKEN set" if env.get("NEMO_TOKEN") else "anonymous token on first use"
    return Check("api", True, f"{host} answers (HTTP {answer.status_code}); {token}")


def run_checks(*, root: Path, config_dir: Path, api_url: str, local: bool,
               env: Mapping[str, str], load_skill: Callable[[], object],
               api_check: Callable[[str, Mapping[str, str]], Check] = check_api) -> list[Check]:
    """Every check for this install, in the order a message needs them. With ``local`` the
    local backend's tools are required; otherwise they are shown when its extra is installed
    (where ffmpeg is), and the API must answer unless the local backend is ready."""
    checks = [check_python(), *check_packages(root, local=local), check_skill(load_skill),
              check_router(root), check_config_dir(config_dir)]
    renderer = [check_ffmpeg(), check_font()] if local or not _missing(_LOCAL) else []
    if local:
        return checks + renderer
    api = api_check(api_url, env)
    if not api.ok and renderer and all(c.ok for c in renderer):
        api = replace(api, required=False,
                      fix="this machine works offline: pass --local before the command (or "
                          "set NEMO_LOCAL=1); for the cloud, check the network or proxy")
    elif not api.ok and not renderer:
        api = replace(api, fix="check the network or proxy, or work offline: install the local "
                               f"extra ({_install_hint('local', root)}), then pass --local "
                               "before the command (or set NEMO_LOCAL=1)")
    return checks + [replace(c, required=False) for c in renderer] + [api]


def summary(checks: list[Check], *, local: bool) -> str:
    """The last line: problems to fix, or what this setup can do."""
    failed = [c for c in checks if not c.ok and c.required]
    if failed:
        return f"{len(failed)} problem{'s' if len(failed) > 1 else ''} to fix"
    by_name = {c.name: c for c in checks}
    offline = "ffmpeg" in by_name and by_name["ffmpeg"].ok and by_name["font"].ok
    if local:
        return "all good: the local backend works offline"
    if by_name["api"].ok:
        return "all good: the cloud API answers" + (
            "; --local works offline too" if offline else "")
    return ("all good for offline use: the cloud API is not reachable from here, so pass "
            "--local before the command (or set NEMO_LOCAL=1)")
