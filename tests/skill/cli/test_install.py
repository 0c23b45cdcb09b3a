"""`nemoskill install` / `uninstall` as a user runs them: output, JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skill.cli.main import main
from skill.hosts.mcp_config import our_entry


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    # Preparing the folder's environment copies a few hundred MB: tests/skill/hosts/test_venv.py
    # covers it once; here the launcher entry stands in.
    if "install" in argv:
        argv = (*argv, "--no-env")
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_install_and_uninstall_for_cursor(capsys: pytest.CaptureFixture[str],
                                          isolated_home: Path) -> None:
    code, out, err = run(capsys, "install", "--host", "cursor")
    assert code == 0, err
    folder = isolated_home / ".cursor/skills/nemovideo"
    assert out.splitlines() == [
        f"installed nemovideo 0.1.0 for cursor (user scope, copy): {folder}",
        f"added MCP server 'nemovideo' to {isolated_home / '.cursor/mcp.json'}",
        "platform reported: cursor",
    ]
    entry = json.loads((isolated_home / ".cursor/mcp.json").read_text())["mcpServers"]
    assert entry == {"nemovideo": our_entry(folder, None,
                                            export_dir=isolated_home / "nemovideo-exports")}

    code, out, err = run(capsys, "uninstall", "--host", "cursor")
    assert code == 0, err
    assert out.splitlines() == [
        f"removed {folder}",
        f"removed MCP server 'nemovideo' from {isolated_home / '.cursor/mcp.json'}",
    ]
    assert not folder.exists()
    code, out, _ = run(capsys, "uninstall", "--host", "cursor")
    assert (code, out) == (0, f"nothing installed at {folder}\n")


def test_json_output_and_dry_run(capsys: pytest.CaptureFixture[str],
                                 isolated_home: Path) -> None:
    code, out, _ = run(capsys, "install", "--host", "claude", "--dry-run", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["dry_run"] is True
    assert result["path"] == str(isolated_home / ".claude/skills/nemovideo")
    assert result["mcp"] == {
        "config": str(isolated_home / ".config/Claude/claude_desktop_config.json"),
        "server": "nemovideo", "change": "added",
        "also": [{"config": str(isolated_home / ".claude.json"), "change": "added"}]}
    # Nothing installed; only the cache of parsed data (backend.datacache) may appear.
    assert [p.name for p in isolated_home.iterdir() if p.name != ".cache"] == []

    code, out, _ = run(capsys, "install", "--host", "claude", "--dry-run")
    assert out.startswith("would install nemovideo")
    assert "would add MCP server 'nemovideo'" in out

    code, out, _ = run(capsys, "install", "--host", "claude", "--json")
    assert json.loads(out)["platform"] == "unknown"
    code, out, _ = run(capsys, "uninstall", "--host", "claude", "--json", "--dry-run")
    assert json.loads(out)["removed_folder"] is True
    assert (isolated_home / ".claude/skills/nemovideo").is_dir()


def test_project_scope_defaults_to_the_current_folder(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "install", "--host", "openclaw", "--scope", "project")
    assert code == 0, err
    assert (tmp_path / "skills/nemovideo/SKILL.md").is_file()
    assert out.splitlines()[-1] == "platform reported: clawhub"
    other = tmp_path / "other"
    other.mkdir()
    code, _, err = run(capsys, "install", "--host", "cursor", "--scope", "project",
                       "--project", str(other))
    assert code == 0, err
    assert (other / ".cursor/skills/nemovideo/SKILL.md").is_file()
    assert (other / ".cursor/mcp.json").is_file()


@pytest.mark.parametrize("before", [True, False])
def test_skill_option_before_or_after_the_command(
        capsys: pytest.CaptureFixture[str], isolated_home: Path, before: bool) -> None:
    argv = ["install", "--host", "openclaw", "--json"]
    argv = ["--skill", "free-video-generation-ai-model", *argv] if before else \
        [*argv, "--skill", "free-video-generation-ai-model"]
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert json.loads(out)["skill"] == "free-video-generation-ai-model"
    code, out, err = run(capsys, "uninstall", "--host", "openclaw",
                         "--skill", "free-video-generation-ai-model")
    assert code == 0, err
    assert not (isolated_home / ".openclaw/skills/free-video-generation-ai-model").exists()


def test_refusals_are_one_line_with_distinct_exit_codes(
        capsys: pytest.CaptureFixture[str], isolated_home: Path) -> None:
    theirs = isolated_home / ".cursor/skills/nemovideo"
    theirs.mkdir(parents=True)
    code, out, err = run(capsys, "install", "--host", "cursor")
    assert (code, out) == (2, "")
    assert err.startswith("error: ")
    assert err.count("\n") == 1
    assert "not installed by nemoskill" in err
    theirs.rmdir()

    (isolated_home / ".cursor/mcp.json").write_text("{not json")
    code, out, err = run(capsys, "install", "--host", "cursor")
    assert (code, out) == (4, "")
    assert "mcp.json:1: not valid JSON" in err
    assert "Traceback" not in err

    code, _, err = run(capsys, "install", "--host", "vscode")
    assert code == 2
    assert "invalid choice" in err
    code, _, err = run(capsys, "install", "--host", "cursor", "--skill", "no-such-skill")
    assert code == 3
    assert "no skill named" in err


def test_local_install_for_openclaw_says_how_to_turn_offline_on(
        capsys: pytest.CaptureFixture[str], isolated_home: Path) -> None:
    # OpenClaw runs the command line without --local and its config is the user's: install
    # says exactly what to add there (tests/skill/hosts/test_launcher.py shows NEMO_LOCAL=1
    # in the skill's environment reaching the installed runtime).
    code, _out, err = run(capsys, "--local", "install", "--host", "openclaw")
    assert code == 0, err
    config = isolated_home / ".openclaw" / "openclaw.json"
    note = next(line for line in err.splitlines() if "NEMO_LOCAL=1" in line)
    assert f"add NEMO_LOCAL=1 to the skill's environment in {config}" in note
    assert '"skills": {"entries": {"nemovideo": {"env": {"NEMO_LOCAL": "1"}}}}' in note
    assert "NEMO_EXPORT_DIR" in note
    assert not config.exists()  # never written for the user

    code, _out, err = run(capsys, "install", "--host", "openclaw")
    assert code == 0, err
    assert "NEMO_LOCAL" not in err  # the cloud needs nothing more


def test_local_install_for_cursor_says_where_videos_go(capsys: pytest.CaptureFixture[str],
                                                      isolated_home: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    mcp_json = isolated_home / ".cursor" / "mcp.json"
    code, _out, err = run(capsys, "--local", "install", "--host", "cursor")
    assert code == 0, err
    entry = json.loads(mcp_json.read_text())["mcpServers"]["nemovideo"]
    exports = isolated_home / "nemovideo-exports"
    assert entry["args"] == ["--local", "mcp"]
    assert entry["env"] == {"NEMO_EXPORT_DIR": str(exports)}
    assert (f"note: the MCP server saves videos in {exports} (NEMO_EXPORT_DIR in its entry in "
            f"{mcp_json}; change it there, or run install again with NEMO_EXPORT_DIR set); it "
            "uses the local backend: no network, token or credits") in err.splitlines()

    monkeypatch.setenv("NEMO_EXPORT_DIR", "~/Videos")
    code, _out, err = run(capsys, "--local", "install", "--host", "cursor")
    assert code == 0, err
    entry = json.loads(mcp_json.read_text())["mcpServers"]["nemovideo"]
    assert entry["env"] == {"NEMO_EXPORT_DIR": str(isolated_home / "Videos")}
    assert f"saves videos in {isolated_home / 'Videos'}" in err
