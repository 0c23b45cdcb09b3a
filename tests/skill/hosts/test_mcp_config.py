"""Merging one server into a host's MCP config file without losing anything else."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from backend.errors import ConfigError
from skill.hosts.mcp_config import (
    is_our_entry,
    our_entry,
    read_config,
    remove_server,
    server_entry,
    set_server,
)

ENTRY = {"command": "/usr/bin/python3", "args": ["-m", "skill.cli", "mcp"], "env": {}}
EXISTING = {
    "theme": "dark",
    "mcpServers": {"github": {"command": "gh-mcp", "env": {"GH": "1"}}},
    "zeta": [1, 2],
}


def write(path: Path, value: object, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=4))
    path.chmod(mode)


def test_creates_a_private_file_when_there_is_none(tmp_path: Path) -> None:
    config = tmp_path / "new" / "mcp.json"
    assert set_server(config, "nemovideo", ENTRY) == "added"
    assert json.loads(config.read_text()) == {"mcpServers": {"nemovideo": ENTRY}}
    assert stat.S_IMODE(config.stat().st_mode) == 0o600


def test_merge_keeps_every_other_key_server_and_the_file_mode(tmp_path: Path) -> None:
    config = tmp_path / "mcp.json"
    write(config, EXISTING, mode=0o640)
    assert set_server(config, "nemovideo", ENTRY) == "added"
    data = json.loads(config.read_text())
    assert data == {**EXISTING, "mcpServers": {**EXISTING["mcpServers"], "nemovideo": ENTRY}}
    assert list(data) == ["theme", "mcpServers", "zeta"]  # the user's order, not sorted
    assert stat.S_IMODE(config.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["mcp.json"]  # no temp file left


def test_same_entry_again_does_not_rewrite_and_a_changed_one_is_updated(tmp_path: Path) -> None:
    config = tmp_path / "mcp.json"
    set_server(config, "nemovideo", ENTRY)
    inode = config.stat().st_ino
    assert set_server(config, "nemovideo", ENTRY) == "unchanged"
    assert config.stat().st_ino == inode
    changed = {**ENTRY, "args": ["-m", "skill.cli", "--local", "mcp"]}
    assert set_server(config, "nemovideo", changed) == "updated"
    assert server_entry(config, "nemovideo") == changed


def test_dry_run_reports_without_writing(tmp_path: Path) -> None:
    config = tmp_path / "mcp.json"
    write(config, EXISTING)
    before = config.read_bytes()
    assert set_server(config, "nemovideo", ENTRY, dry_run=True) == "added"
    assert config.read_bytes() == before
    assert set_server(tmp_path / "absent.json", "nemovideo", ENTRY, dry_run=True) == "added"
    assert not (tmp_path / "absent.json").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"mcpServers": {"a": 1},\n  oops}', r"mcp\.json:2: not valid JSON"),
        ("[1, 2]", "JSON object at the top"),
        ('{"mcpServers": ["a"]}', "'mcpServers' must be an object"),
    ],
)
def test_unreadable_config_is_a_clear_error_and_stays_untouched(
        tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "mcp.json"
    config.write_text(text)
    with pytest.raises(ConfigError, match=message) as info:
        set_server(config, "nemovideo", ENTRY)
    assert "left unchanged" in str(info.value)
    assert config.read_text() == text
    with pytest.raises(ConfigError):
        remove_server(config, "nemovideo")
    assert config.read_text() == text


def test_blank_file_and_null_servers_count_as_empty(tmp_path: Path) -> None:
    config = tmp_path / "mcp.json"
    config.write_text("  \n")
    assert read_config(config) == {}
    config.write_text('{"mcpServers": null, "x": 1}')
    assert set_server(config, "nemovideo", ENTRY) == "added"
    assert json.loads(config.read_text()) == {"mcpServers": {"nemovideo": ENTRY}, "x": 1}


def test_remove_takes_only_that_server(tmp_path: Path) -> None:
    config = tmp_path / "mcp.json"
    write(config, EXISTING, mode=0o644)
    set_server(config, "nemovideo", ENTRY)
    assert remove_server(config, "nemovideo", dry_run=True) is True
    assert server_entry(config, "nemovideo") == ENTRY
    assert remove_server(config, "nemovideo") is True
    assert json.loads(config.read_text()) == EXISTING
    assert stat.S_IMODE(config.stat().st_mode) == 0o644
    assert remove_server(config, "nemovideo") is False
    assert remove_server(tmp_path / "absent.json", "nemovideo") is False
    assert not (tmp_path / "absent.json").exists()


def test_a_symlinked_config_is_written_through_the_link(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "mcp.json"
    write(real, EXISTING)
    link = tmp_path / "home" / "mcp.json"
    link.parent.mkdir()
    link.symlink_to(real)
    set_server(link, "nemovideo", ENTRY)
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert json.loads(real.read_text())["mcpServers"]["nemovideo"] == ENTRY


def test_our_entry_is_recognised_only_for_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "skills" / "nemovideo"
    entry = our_entry(folder, Path("/venv/bin/python"))
    assert entry["command"] == "/venv/bin/python"
    assert entry["args"][-1] == "mcp"
    assert is_our_entry(entry, folder)
    assert not is_our_entry(entry, tmp_path / "elsewhere")
    assert not is_our_entry(EXISTING["mcpServers"]["github"], folder)  # type: ignore[index]
    assert not is_our_entry({"command": "x", "args": "--skill"}, folder)
    assert not is_our_entry(None, folder)
