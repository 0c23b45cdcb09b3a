"""Add or remove one server in a host's MCP config (``{"mcpServers": {name: entry}}``),
keeping every other key and server, and writing atomically."""

from __future__ import annotations

import itertools
import json
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from backend.errors import ConfigError
from backend.files import atomic_write_bytes

__all__ = [
    "is_our_entry", "our_entry", "read_config", "remove_server", "server_entry", "set_server",
]

_KEY = "mcpServers"


def read_config(path: Path) -> dict[str, Any]:
    """The JSON object in ``path``; ``{}`` when the file is missing or blank.

    Raises ``ConfigError`` (naming the file and line) when it is not valid JSON, not an
    object, or its ``mcpServers`` is not an object: we never rewrite a file we cannot read.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    if not text.strip():
        return {}
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"{path}:{exc.lineno}: not valid JSON ({exc.msg}); fix or move the file, then run "
            "the command again (it was left unchanged)"
        ) from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a JSON object at the top; the file was left unchanged")
    servers = data.get(_KEY)
    if servers is not None and not isinstance(servers, dict):
        raise ConfigError(f"{path}: '{_KEY}' must be an object; the file was left unchanged")
    return data


def server_entry(path: Path, name: str) -> Any:
    """The entry ``name`` under ``mcpServers`` in ``path``, or None."""
    servers = read_config(path).get(_KEY) or {}
    return servers.get(name)


def set_server(path: Path, name: str, entry: Mapping[str, Any], *, dry_run: bool = False) -> str:
    """Put ``entry`` under ``mcpServers[name]`` in ``path``.

    Returns ``"added"``, ``"updated"`` or ``"unchanged"``; with ``dry_run`` nothing is written.
    Raises ``ConfigError`` for an unreadable file (left as it was) or a failed write.
    """
    data = read_config(path)
    servers = data.get(_KEY) or {}
    data[_KEY] = servers
    before = servers.get(name)
    if before == entry:
        return "unchanged"
    servers[name] = dict(entry)
    if not dry_run:
        _write(path, data)
    return "added" if before is None else "updated"


def remove_server(path: Path, name: str, *, dry_run: bool = False) -> bool:
    """Remove ``mcpServers[name]`` from ``path``; return whether there was one.

    Other servers and keys stay; an ``mcpServers`` left empty is kept (as ``{}``), since the
    host may have created it. Raises ``ConfigError`` like ``set_server``.
    """
    data = read_config(path)
    servers = data.get(_KEY)
    if not servers or name not in servers:
        return False
    del servers[name]
    if not dry_run:
        _write(path, data)
    return True


def _write(path: Path, data: dict[str, Any]) -> None:
    # A dotfile manager may have made the config a symlink: write through it, not over it.
    target = path.resolve() if path.is_symlink() else path
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o600
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    try:
        atomic_write_bytes(target, text.encode("utf-8"), mode=mode)
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from None


def our_entry(folder: Path, python: Path | None, *, local: bool = False,
              export_dir: Path | None = None) -> dict[str, Any]:
    """The server entry that starts the skill installed at ``folder`` over stdio.

    ``python`` is the folder's own environment's interpreter (``<folder>/.venv/bin/python``,
    made at install): ``PYTHONPATH`` makes it run the folder's code and ``--skill`` makes the
    headers follow the installed skill. Without one (``None``: the environment could not be
    made at install) the entry starts the folder's launcher, which makes it on first use.
    Either way nothing outside the folder is referenced, so the checkout that ran the install
    can move or go. No token goes here: the server reads ``NEMO_TOKEN`` or its own state at
    run time. With ``local`` the server runs against the embedded local backend.
    ``export_dir`` becomes ``NEMO_EXPORT_DIR``: hosts start servers in arbitrary folders
    (often ``/``), so where videos go is decided here, once, where the user can see it.
    """
    flags = ["--local"] if local else []
    exports = {"NEMO_EXPORT_DIR": str(export_dir)} if export_dir is not None else {}
    if python is None:
        entry: dict[str, Any] = {"command": str(folder / "scripts" / "nemoskill"),
                                 "args": [*flags, "mcp"]}
        if exports:
            entry["env"] = exports
        return entry
    return {
        "command": str(python),
        "args": ["-m", "skill.cli", "--skill", str(folder), *flags, "mcp"],
        "env": {"PYTHONPATH": str(folder), **exports},
    }


def is_our_entry(entry: Any, folder: Path) -> bool:
    """Whether ``entry`` is a server entry we wrote for the skill installed at ``folder``."""
    if not isinstance(entry, dict):
        return False
    if entry.get("command") == str(folder / "scripts" / "nemoskill"):
        return True
    args = entry.get("args")
    if not isinstance(args, list) or "skill.cli" not in args:
        return False
    return any(a == "--skill" and b == str(folder) for a, b in itertools.pairwise(args))
