"""Install the skill folder where a host looks (copy or development links) and register the
MCP server with hosts that have one; uninstall reverses both. Folders are swapped in
atomically and only folders carrying our manifest are ever replaced or removed."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from backend.errors import ConfigError, UsageError
from skill.hosts import mcp_config
from skill.hosts.manifest import MANIFEST_NAME, Manifest, read_manifest
from skill.hosts.paths import HostPaths, host_paths
from skill.hosts.venv import VENV_NAME, EnvResult, env_python, prepare
from skill.loader import load_skill
from skill.platform import detect_platform

__all__ = [
    "RUNTIME_ITEMS",
    "InstallResult",
    "UninstallResult",
    "install",
    "runtime_root_problem",
    "uninstall",
]

#: What a skill folder holds besides SKILL.md: the runtime itself. Everything else in a
#: checkout (tests, benchmarks, variants, caches, venvs, .git) stays behind.
RUNTIME_ITEMS = ("pyproject.toml", "README.md", "LICENSE", "scripts",
                 "skill", "router", "backend", "translators")
_REQUIRED_ITEMS = ("pyproject.toml", "skill")
_IGNORED = shutil.ignore_patterns(
    "__pycache__", "*.pyc", "*.pyo", ".mypy_cache", ".pytest_cache", ".ruff_cache",
    "*.egg-info", ".git", ".venv", "venv", ".DS_Store", "tests", "benchmarks",
)


@dataclass(frozen=True)
class InstallResult:
    """What ``install`` did (or, with ``dry_run``, would do)."""

    host: str
    scope: str
    skill: str
    version: str
    path: Path
    mode: str
    replaced: bool
    mcp_config: Path | None
    mcp_server: str | None
    mcp_change: str | None  # "added", "updated", "unchanged" or None without MCP
    dry_run: bool
    platform: str | None  # what detection reports for the installed folder (None: dry run)
    #: Further MCP configs given the same entry (Claude Code's ~/.claude.json), with changes.
    also: tuple[tuple[Path, str], ...] = ()
    #: Things the user should know (approval still needed, listed in another scope too).
    notes: tuple[str, ...] = ()
    #: The folder's own environment, when install prepared it.
    environment: EnvResult | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": "install", "host": self.host, "scope": self.scope, "skill": self.skill,
            "version": self.version, "path": str(self.path), "mode": self.mode,
            "replaced": self.replaced,
            "mcp": None if self.mcp_config is None else {
                "config": str(self.mcp_config), "server": self.mcp_server,
                "change": self.mcp_change,
                "also": [{"config": str(path), "change": change} for path, change in self.also],
            },
            "dry_run": self.dry_run, "platform": self.platform, "notes": list(self.notes),
            "environment": None if self.environment is None else {
                "path": str(self.environment.path), "state": self.environment.state,
                "problem": self.environment.problem,
            },
        }


@dataclass(frozen=True)
class UninstallResult:
    """What ``uninstall`` removed (or, with ``dry_run``, would remove)."""

    host: str
    scope: str
    skill: str
    path: Path
    removed_folder: bool
    mcp_config: Path | None
    mcp_removed: bool
    mcp_kept_reason: str | None = None
    dry_run: bool = False
    notes: list[str] = field(default_factory=list)
    #: Further MCP configs our entry was removed from (Claude Code's ~/.claude.json).
    also_removed: tuple[Path, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": "uninstall", "host": self.host, "scope": self.scope,
            "skill": self.skill, "path": str(self.path), "removed_folder": self.removed_folder,
            "mcp": None if self.mcp_config is None else {
                "config": str(self.mcp_config), "removed": self.mcp_removed,
                "kept_reason": self.mcp_kept_reason,
                "also_removed": [str(path) for path in self.also_removed],
            },
            "dry_run": self.dry_run,
        }


def runtime_root_problem(source: Path) -> str | None:
    """Why ``source`` cannot be installed from (None when it can): it must be a runtime
    checkout, i.e. hold ``pyproject.toml`` and the ``skill`` package."""
    missing = [item for item in _REQUIRED_ITEMS if not (source / item).exists()]
    if not (source / "skill" / "__init__.py").is_file() and "skill" not in missing:
        missing.append("skill/__init__.py")
    if missing:
        return (f"{source} is not a nemoskill runtime folder (missing {', '.join(missing)}); "
                "install from a source checkout of the runtime")
    return None


def install(*, host: str, scope: str, source: Path, skill_md: Path, home: Path, project: Path,
            env: Mapping[str, str], python: Path | None = None, link: bool = False,
            dry_run: bool = False, local: bool = False, prepare_env: bool = True,
            ) -> InstallResult:
    """Install the runtime at ``source`` as the skill described by ``skill_md`` for ``host``.

    The folder ``<skills dir>/<skill name>`` gets ``skill_md`` as its SKILL.md, the runtime
    items (``RUNTIME_ITEMS``) copied, or symlinked with ``link`` (SKILL.md is always a copy so
    the folder, not the checkout, is what the host and platform detection see), and our
    manifest. An earlier install of ours is replaced atomically. For hosts with MCP, the
    server entry (``mcp_config.our_entry``, and ``--local`` with ``local``) is merged into
    their config. With ``prepare_env`` the folder gets its own environment now
    (``skill.hosts.venv.prepare``) and the entry starts its interpreter; ``python`` overrides
    that interpreter (tests), and without either the entry starts the folder's launcher. A
    ``.venv`` inside the previous install is carried over (and kept when it still works).

    Nothing is changed when anything is wrong, and nothing at all with ``dry_run``.
    Raises ``UsageError`` (bad source or project dir, a folder or server entry we did not
    install in the way), ``SkillError`` (``skill_md`` invalid), ``ConfigError`` (the MCP
    config is unreadable or cannot be written).
    """
    problem = runtime_root_problem(source)
    if problem:
        raise UsageError(problem)
    skill = load_skill(skill_md)
    paths = _paths(host, scope, home=home, project=project, env=env)
    target = paths.skills_dir / skill.name
    source_real = source.resolve()
    if _overlaps(target.resolve(), source_real):
        raise UsageError(
            f"{target} overlaps the runtime being installed ({source_real}); install from "
            "another checkout or into another folder"
        )
    replacing = _check_ours(target, verb="replace")

    exports = export_dir(home, env) if paths.mcp_config else None
    entry = mcp_config.our_entry(target, python or (env_python(target) if prepare_env else None),
                                 local=local, export_dir=exports)
    changes: list[tuple[Path, str]] = []
    for config in paths.mcp_configs:
        existing = mcp_config.server_entry(config, skill.name)
        if existing is not None and not mcp_config.is_our_entry(existing, target):
            raise UsageError(
                f"{config} already has an MCP server named '{skill.name}' that nemoskill "
                "did not write; remove or rename it there, then run install again"
            )
        changes.append((config, mcp_config.set_server(config, skill.name, entry, dry_run=True)))

    result = InstallResult(
        host=host, scope=scope, skill=skill.name, version=skill.version, path=target,
        mode="link" if link else "copy", replaced=replacing,
        mcp_config=paths.mcp_config, mcp_server=skill.name if paths.mcp_config else None,
        mcp_change=changes[0][1] if changes else None, dry_run=dry_run, platform=None,
        also=tuple(changes[1:]),
        notes=_notes(host, scope, skill.name, home=home, project=project, env=env,
                     local=local, exports=exports, mcp=paths.mcp_config),
    )
    if dry_run:
        return result

    manifest = Manifest(
        skill=skill.name, version=skill.version, host=host, scope=scope,
        path=str(_resolved_target(target)), mode=result.mode, source=str(source_real),
        mcp_config=str(paths.mcp_config) if paths.mcp_config else None,
        mcp_server=result.mcp_server,
        mcp_also=tuple(str(config) for config in paths.also_mcp_configs),
    )
    staged = _stage(paths.skills_dir, skill.name, lambda tmp: _fill(
        tmp, source_real, skill_md, manifest, link=link))
    old = _swap_in(staged, target)
    if old is not None:
        _keep_venv(old, target)
    environment: EnvResult | None = None
    if prepare_env:
        environment = prepare(target)
        if environment.state == "failed" and python is None:
            entry = mcp_config.our_entry(target, None, local=local, export_dir=exports)
    written: list[tuple[Path, Any]] = []
    try:
        for config, change in changes:
            if change != "unchanged":
                before = mcp_config.server_entry(config, skill.name)
                mcp_config.set_server(config, skill.name, entry)
                written.append((config, before))
    except BaseException:
        _restore_entries(skill.name, written)
        if old is not None and (target / VENV_NAME).is_dir() and not (old / VENV_NAME).exists():
            with contextlib.suppress(OSError):
                os.rename(target / VENV_NAME, old / VENV_NAME)
        _swap_back(target, old)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    platform = detect_platform(target, home=home, env=env)
    return replace(result, platform=platform, environment=environment)


def uninstall(*, host: str, scope: str, name: str, home: Path, project: Path,
              env: Mapping[str, str], dry_run: bool = False) -> UninstallResult:
    """Remove the skill folder ``name`` installed for ``host`` and our MCP server entry.

    A server entry that does not point at that folder is left alone (reported in
    ``mcp_kept_reason``); uninstalling what is not there is not an error.
    Raises ``UsageError`` when the folder exists but was not installed by us (nothing is
    changed then), ``ConfigError`` when the MCP config is unreadable or cannot be written.
    """
    paths = _paths(host, scope, home=home, project=project, env=env)
    target = paths.skills_dir / name
    present = _check_ours(target, verb="remove")
    manifest = read_manifest(target) if present else None
    config = Path(manifest.mcp_config) if manifest and manifest.mcp_config else paths.mcp_config
    also = ([Path(p) for p in manifest.mcp_also] if manifest and manifest.mcp_config
            else list(paths.also_mcp_configs))

    mcp_remove, kept = False, None
    if config is not None:
        existing = mcp_config.server_entry(config, name)
        if existing is not None:
            mcp_remove = mcp_config.is_our_entry(existing, target)
            if not mcp_remove:
                kept = f"the '{name}' entry there does not point at {target}; left as it is"
    also_ours = [path for path in also
                 if mcp_config.is_our_entry(mcp_config.server_entry(path, name), target)]

    if not dry_run:
        if mcp_remove and config is not None:
            mcp_config.remove_server(config, name)
        for path in also_ours:
            mcp_config.remove_server(path, name)
        if present:
            _remove_folder(target)
    return UninstallResult(
        host=host, scope=scope, skill=name, path=target, removed_folder=present,
        mcp_config=config, mcp_removed=mcp_remove, mcp_kept_reason=kept, dry_run=dry_run,
        also_removed=tuple(also_ours),
    )


def export_dir(home: Path, env: Mapping[str, str]) -> Path:
    """Where the installed MCP server saves videos: ``NEMO_EXPORT_DIR`` as set for the install
    (absolute), else ``~/nemovideo-exports`` (where a server started in ``/`` puts them)."""
    given = env.get("NEMO_EXPORT_DIR", "").strip()
    path = Path(given).expanduser() if given else None
    return path if path is not None and path.is_absolute() else home / "nemovideo-exports"


def openclaw_config(home: Path, env: Mapping[str, str]) -> Path:
    """OpenClaw's config file (where ``skills.entries.<name>.env`` lives)."""
    state = env.get("OPENCLAW_STATE_DIR")
    return (Path(state).expanduser() if state else home / ".openclaw") / "openclaw.json"


def _notes(host: str, scope: str, name: str, *, home: Path, project: Path,
           env: Mapping[str, str], local: bool = False, exports: Path | None = None,
           mcp: Path | None = None) -> tuple[str, ...]:
    """What the user should know after installing: where the MCP server saves videos and
    whether it works offline, how to make OpenClaw's command line work offline (nothing we
    may write: OpenClaw's config is the user's), that Claude Code asks before it starts a
    project's server, and that a server listed in both scopes shows up twice."""
    notes: list[str] = []
    if mcp is not None and exports is not None:
        notes.append(
            f"the MCP server saves videos in {exports} (NEMO_EXPORT_DIR in its entry in {mcp}; "
            "change it there, or run install again with NEMO_EXPORT_DIR set)"
            + ("; it uses the local backend: no network, token or credits" if local else ""))
    if host == "openclaw" and local:
        notes.append(
            f"OpenClaw runs the skill's command line, which uses the cloud unless told "
            f"otherwise: to work offline, add NEMO_LOCAL=1 to the skill's environment in "
            f"{openclaw_config(home, env)}: "
            f'"skills": {{"entries": {{"{name}": {{"env": {{"NEMO_LOCAL": "1"}}}}}}}} '
            "(NEMO_EXPORT_DIR there chooses where videos go; default: nemovideo-exports in "
            "the folder it runs in, ~/nemovideo-exports when that is /)")
    if host == "claude" and scope == "project":
        notes.append(
            f"Claude Code lists project servers from {project / '.mcp.json'} as pending until "
            f"you approve them: start `claude` in {project} and accept '{name}' (or run /mcp)")
    other = "project" if scope == "user" else "user"
    if other == "project" and not project.is_dir():
        return tuple(notes)
    for config in host_paths(host, other, home=home.absolute(), project=project.absolute(),
                             env=env).mcp_configs:
        try:
            entry = mcp_config.server_entry(config, name)
        except ConfigError:
            continue
        if isinstance(entry, dict) and "skill.cli" in (entry.get("args") or []):
            notes.append(f"'{name}' is also installed in {other} scope ({config}): the host "
                         f"will list it twice; uninstall one with --scope {other} if unwanted")
            break
    return tuple(notes)


def _restore_entries(name: str, written: list[tuple[Path, Any]]) -> None:
    """Put back the entries ``install`` changed before a later step failed."""
    for config, before in reversed(written):
        with contextlib.suppress(ConfigError, UsageError):
            if before is None:
                mcp_config.remove_server(config, name)
            else:
                mcp_config.set_server(config, name, before)


def _paths(host: str, scope: str, *, home: Path, project: Path,
           env: Mapping[str, str]) -> HostPaths:
    if scope == "project" and not project.is_dir():
        raise UsageError(f"project directory {project} does not exist; pass an existing one")
    try:
        return host_paths(host, scope, home=home.absolute(), project=project.absolute(), env=env)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _overlaps(target: Path, source: Path) -> bool:
    # Replacing the target must not delete the source, nor write into what is being copied.
    # (A workspace skills/ folder inside the checkout itself is fine.)
    inside = [source / item for item in RUNTIME_ITEMS]
    return target == source or target in source.parents or any(
        target == item or item in target.parents for item in inside)


def _check_ours(target: Path, *, verb: str) -> bool:
    """Whether ``target`` exists (as our install). Raises ``UsageError`` if it is not ours."""
    if not target.exists() and not target.is_symlink():
        return False
    if target.is_symlink() or not target.is_dir() or read_manifest(target) is None:
        raise UsageError(
            f"{target} exists and was not installed by nemoskill (no {MANIFEST_NAME} in it), "
            f"so it will not {verb} it; move it away yourself, then run the command again"
        )
    return True


def _resolved_target(target: Path) -> Path:
    # The folder does not exist yet; its parent does once staged.
    return target.parent.resolve() / target.name


def _stage(parent: Path, name: str, fill: Callable[[Path], None]) -> Path:
    """Build the new folder next to where it goes (same file system, so the swap is a rename)."""
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{name}.nemoskill-new-", dir=parent))
    except OSError as exc:
        raise UsageError(f"cannot create {parent}: {exc.strerror or exc}") from None
    try:
        fill(tmp)
        tmp.chmod(0o755)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise UsageError(f"cannot write the skill folder in {parent}: {exc}") from None
        raise
    return tmp


def _fill(tmp: Path, source: Path, skill_md: Path, manifest: Manifest, *, link: bool) -> None:
    shutil.copyfile(skill_md, tmp / "SKILL.md")
    for item in RUNTIME_ITEMS:
        src = source / item
        if not src.exists():
            continue
        if link:
            (tmp / item).symlink_to(src, target_is_directory=src.is_dir())
        elif src.is_dir():
            shutil.copytree(src, tmp / item, ignore=_IGNORED)
        else:
            shutil.copy2(src, tmp / item)
    (tmp / MANIFEST_NAME).write_text(manifest.to_json(), encoding="utf-8")


def _keep_venv(old: Path, target: Path) -> None:
    # The venv was made by the host from SKILL.md's set-up step (an editable install of this
    # folder), so it stays valid for the new code at the same path.
    venv = old / VENV_NAME
    if venv.is_dir() and not venv.is_symlink() and not (target / VENV_NAME).exists():
        with contextlib.suppress(OSError):
            os.rename(venv, target / VENV_NAME)


def _swap_in(staged: Path, target: Path) -> Path | None:
    """Move ``staged`` to ``target``; return where the previous folder was moved (or None)."""
    old: Path | None = None
    try:
        if target.exists():
            old = target.with_name(f".{target.name}.nemoskill-old-{secrets.token_hex(4)}")
            os.rename(target, old)
        os.rename(staged, target)
    except OSError as exc:
        if old is not None and not target.exists():
            os.rename(old, target)
        shutil.rmtree(staged, ignore_errors=True)
        raise UsageError(
            f"cannot put the skill folder at {target}: {exc.strerror or exc}"
        ) from None
    return old


def _swap_back(target: Path, old: Path | None) -> None:
    """Undo ``_swap_in`` after a later step failed: the previous state comes back."""
    with contextlib.suppress(OSError):
        aside = target.with_name(f".{target.name}.nemoskill-failed-{secrets.token_hex(4)}")
        os.rename(target, aside)
        if old is not None:
            os.rename(old, target)
        shutil.rmtree(aside, ignore_errors=True)


def _remove_folder(target: Path) -> None:
    # Renamed aside first, so the host never sees a half-deleted skill.
    aside = target.with_name(f".{target.name}.nemoskill-old-{secrets.token_hex(4)}")
    try:
        os.rename(target, aside)
    except OSError as exc:
        raise UsageError(f"cannot remove {target}: {exc.strerror or exc}") from None
    shutil.rmtree(aside, ignore_errors=True)
