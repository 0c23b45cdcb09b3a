"""Where each host looks for skills and for its MCP server list, per scope (user or project)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["HOSTS", "SCOPES", "HostPaths", "claude_desktop_config", "host_paths"]

HOSTS = ("openclaw", "cursor", "claude")
SCOPES = ("user", "project")


@dataclass(frozen=True)
class HostPaths:
    """The skills directory of a host and scope, and its MCP config file (None: no MCP).

    ``also_mcp_configs`` are further files that should list the same server: at user scope
    Claude Desktop and Claude Code keep separate lists.
    """

    host: str
    scope: str
    skills_dir: Path
    mcp_config: Path | None
    also_mcp_configs: tuple[Path, ...] = ()

    @property
    def mcp_configs(self) -> tuple[Path, ...]:
        """Every MCP config file of this host and scope, the main one first."""
        return (() if self.mcp_config is None else (self.mcp_config,)) + self.also_mcp_configs


def host_paths(host: str, scope: str, *, home: Path, project: Path, env: Mapping[str, str],
               system: str = sys.platform) -> HostPaths:
    """Return where ``host`` looks in ``scope``.

    User scope is under ``home``; project scope under ``project`` (the workspace root):

    ========  ===================================  ==========================================
    host      skills (user / project)              MCP config (user / project)
    ========  ===================================  ==========================================
    openclaw  ~/.openclaw/skills / skills/         none (OpenClaw reads SKILL.md only)
    cursor    ~/.cursor/skills / .cursor/skills/   ~/.cursor/mcp.json / .cursor/mcp.json
    claude    ~/.claude/skills / .claude/skills/   Claude Desktop's config and ~/.claude.json
                                                   (Claude Code) / .mcp.json
    ========  ===================================  ==========================================

    ``OPENCLAW_STATE_DIR`` moves OpenClaw's user folder as it does for OpenClaw itself.
    Raises ``ValueError`` for an unknown host or scope (the CLI offers only valid choices).
    """
    if host not in HOSTS:
        raise ValueError(f"unknown host {host!r}; expected one of {', '.join(HOSTS)}")
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}; expected one of {', '.join(SCOPES)}")
    user = scope == "user"
    skills: Path
    mcp: Path | None
    also: tuple[Path, ...] = ()
    if host == "openclaw":
        state = env.get("OPENCLAW_STATE_DIR")
        base = (Path(state).expanduser() if state else home / ".openclaw") if user else project
        skills, mcp = base / "skills", None
    elif host == "cursor":
        base = (home if user else project) / ".cursor"
        skills, mcp = base / "skills", base / "mcp.json"
    else:
        skills = (home if user else project) / ".claude" / "skills"
        # Claude Desktop has one per-user config; project-scoped servers go in .mcp.json,
        # the file Claude Code reads at the workspace root.
        # Claude Code reads its user-scope servers from ~/.claude.json (`mcpServers`).
        if user:
            mcp = claude_desktop_config(home=home, env=env, system=system)
            also = (home / ".claude.json",)
        else:
            mcp = project / ".mcp.json"
    return HostPaths(host=host, scope=scope, skills_dir=skills, mcp_config=mcp,
                     also_mcp_configs=also)


def claude_desktop_config(*, home: Path, env: Mapping[str, str],
                          system: str = sys.platform) -> Path:
    """Claude Desktop's ``claude_desktop_config.json`` for ``system`` (a ``sys.platform``)."""
    if system == "darwin":
        base = home / "Library" / "Application Support"
    elif system.startswith("win"):
        appdata = env.get("APPDATA")
        base = Path(appdata) if appdata else home / "AppData" / "Roaming"
    else:
        # Electron puts app data under $XDG_CONFIG_HOME, falling back to ~/.config.
        xdg = env.get("XDG_CONFIG_HOME")
        base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".config"
    return base / "Claude" / "claude_desktop_config.json"
