"""Where each host looks, per scope, on each operating system (paths only; nothing is written)."""

from __future__ import annotations

from pathlib import Path

import pytest

from skill.hosts.paths import claude_desktop_config, host_paths

HOME = Path("/h/alice")
PROJECT = Path("/work/proj")


@pytest.mark.parametrize(
    ("host", "scope", "skills", "mcp"),
    [
        ("openclaw", "user", HOME / ".openclaw/skills", None),
        ("openclaw", "project", PROJECT / "skills", None),
        ("cursor", "user", HOME / ".cursor/skills", HOME / ".cursor/mcp.json"),
        ("cursor", "project", PROJECT / ".cursor/skills", PROJECT / ".cursor/mcp.json"),
        ("claude", "user", HOME / ".claude/skills",
         HOME / ".config/Claude/claude_desktop_config.json"),
        ("claude", "project", PROJECT / ".claude/skills", PROJECT / ".mcp.json"),
    ],
)
def test_each_host_and_scope(host: str, scope: str, skills: Path, mcp: Path | None) -> None:
    paths = host_paths(host, scope, home=HOME, project=PROJECT, env={}, system="linux")
    assert paths.skills_dir == skills
    assert paths.mcp_config == mcp


def test_openclaw_state_dir_moves_the_user_folder() -> None:
    env = {"OPENCLAW_STATE_DIR": "/srv/claw"}
    assert host_paths("openclaw", "user", home=HOME, project=PROJECT,
                      env=env).skills_dir == Path("/srv/claw/skills")
    # The workspace folder does not move with it.
    assert host_paths("openclaw", "project", home=HOME, project=PROJECT,
                      env=env).skills_dir == PROJECT / "skills"


@pytest.mark.parametrize(
    ("system", "env", "expected"),
    [
        ("darwin", {}, HOME / "Library/Application Support/Claude/claude_desktop_config.json"),
        ("win32", {"APPDATA": "/c/Users/alice/AppData/Roaming"},
         Path("/c/Users/alice/AppData/Roaming/Claude/claude_desktop_config.json")),
        ("win32", {}, HOME / "AppData/Roaming/Claude/claude_desktop_config.json"),
        ("linux", {}, HOME / ".config/Claude/claude_desktop_config.json"),
        ("linux", {"XDG_CONFIG_HOME": "/xdg"}, Path("/xdg/Claude/claude_desktop_config.json")),
        ("linux", {"XDG_CONFIG_HOME": "relative"},
         HOME / ".config/Claude/claude_desktop_config.json"),
    ],
)
def test_claude_desktop_config_per_system(system: str, env: dict[str, str],
                                          expected: Path) -> None:
    assert claude_desktop_config(home=HOME, env=env, system=system) == expected


def test_unknown_host_or_scope() -> None:
    with pytest.raises(ValueError, match="vscode"):
        host_paths("vscode", "user", home=HOME, project=PROJECT, env={})
    with pytest.raises(ValueError, match="global"):
        host_paths("cursor", "global", home=HOME, project=PROJECT, env={})
