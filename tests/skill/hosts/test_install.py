"""Installing into temporary home and project folders for each host and scope, merging MCP
configs, replacing and uninstalling, and what platform detection reports afterwards."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from backend.errors import ConfigError, SkillError, UsageError
from skill.config import Config
from skill.hosts import install as install_mod
from skill.hosts import mcp_config
from skill.hosts.install import install, uninstall
from skill.hosts.manifest import MANIFEST_NAME, read_manifest
from skill.identity import Identity, bundled_root
from skill.loader import load_skill
from skill.platform import detect_platform

ROOT = bundled_root()
PYTHON = Path(sys.executable).absolute()
FOREIGN = {"command": "npx", "args": ["-y", "some-server"], "env": {"KEY": "value"}}
PLATFORM = {"openclaw": "clawhub", "cursor": "cursor", "claude": "unknown"}


@pytest.fixture
def where(tmp_path: Path) -> tuple[Path, Path]:
    home, project = tmp_path / "home", tmp_path / "project"
    home.mkdir()
    project.mkdir()
    return home, project


def do_install(home: Path, project: Path, host: str = "cursor", scope: str = "user",
               **kw: Any) -> install_mod.InstallResult:
    kw.setdefault("source", ROOT)
    kw.setdefault("skill_md", ROOT / "SKILL.md")
    kw.setdefault("env", {})
    kw.setdefault("prepare_env", False)  # the environment has tests of its own (test_venv.py)
    return install(host=host, scope=scope, home=home, project=project, python=PYTHON, **kw)


def do_uninstall(home: Path, project: Path, host: str = "cursor", scope: str = "user",
                 name: str = "nemovideo", **kw: Any) -> install_mod.UninstallResult:
    kw.setdefault("env", {})
    return uninstall(host=host, scope=scope, name=name, home=home, project=project, **kw)


def tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def make_source(base: Path) -> Path:
    """A small runtime checkout with the clutter a real one has (caches, tests, .git...)."""
    src = base / "checkout"
    for rel, text in {
        "SKILL.md": (ROOT / "SKILL.md").read_text(),
        "pyproject.toml": "[project]\nname = 'x'\n",
        "README.md": "readme\n",
        "skill/__init__.py": "",
        "skill/cli/__init__.py": "",
        "skill/__pycache__/x.cpython-311.pyc": "",
        "router/__init__.py": "",
        "backend/__init__.py": "",
        "translators/__init__.py": "",
        "tests/test_x.py": "",
        "benchmarks/b.py": "",
        "variants/v/SKILL.md": "",
        ".git/HEAD": "",
        ".venv/bin/python": "",
        "nemovideo_skill.egg-info/PKG-INFO": "",
        ".mypy_cache/x": "",
    }.items():
        path = src / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return src


@pytest.mark.parametrize("scope", ["user", "project"])
@pytest.mark.parametrize("host", ["openclaw", "cursor", "claude"])
def test_install_then_uninstall_for_each_host_and_scope(
        where: tuple[Path, Path], host: str, scope: str) -> None:
    home, project = where
    expected_dir = {
        ("openclaw", "user"): home / ".openclaw/skills",
        ("openclaw", "project"): project / "skills",
        ("cursor", "user"): home / ".cursor/skills",
        ("cursor", "project"): project / ".cursor/skills",
        ("claude", "user"): home / ".claude/skills",
        ("claude", "project"): project / ".claude/skills",
    }[host, scope] / "nemovideo"
    config = {
        ("cursor", "user"): home / ".cursor/mcp.json",
        ("cursor", "project"): project / ".cursor/mcp.json",
        ("claude", "user"): home / ".config/Claude/claude_desktop_config.json",
        ("claude", "project"): project / ".mcp.json",
    }.get((host, scope))
    before = {"mcpServers": {"other": FOREIGN}, "globalShortcut": "Ctrl+Space"}
    if config is not None:
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(json.dumps(before))

    result = do_install(home, project, host, scope)

    assert result.path == expected_dir
    assert result.platform == PLATFORM[host]
    assert (expected_dir / "SKILL.md").read_bytes() == (ROOT / "SKILL.md").read_bytes()
    for item in ("pyproject.toml", "skill/cli/main.py", "skill/hosts/install.py",
                 "backend/errors.py", "router/__init__.py", "translators/__init__.py"):
        assert (expected_dir / item).is_file(), item
    names = tree(expected_dir)
    assert not any(part in {"tests", "benchmarks", "variants", ".git", "__pycache__", ".venv"}
                   for name in names for part in Path(name).parts), names
    assert load_skill(expected_dir).name == "nemovideo"
    manifest = read_manifest(expected_dir)
    assert manifest is not None
    assert (manifest.host, manifest.scope, manifest.mode) == (host, scope, "copy")
    # Platform detection reports the host from where the folder is.
    assert detect_platform(expected_dir, home=home, env={}) == PLATFORM[host]

    if config is None:
        assert result.mcp_config is None
        assert not (home / ".cursor").exists()
        assert not (home / ".config").exists()
    else:
        assert result.mcp_config == config
        assert result.mcp_change == "added"
        data = json.loads(config.read_text())
        assert data["globalShortcut"] == "Ctrl+Space"
        assert data["mcpServers"]["other"] == FOREIGN
        assert data["mcpServers"]["nemovideo"] == mcp_config.our_entry(
            expected_dir, PYTHON, export_dir=home / "nemovideo-exports")

    gone = do_uninstall(home, project, host, scope)
    assert gone.removed_folder
    assert not expected_dir.exists()
    assert list(expected_dir.parent.iterdir()) == []  # no temp or old folders left behind
    if config is not None:
        assert gone.mcp_removed
        assert json.loads(config.read_text()) == before


def test_excludes_caches_tests_git_and_venvs(where: tuple[Path, Path], tmp_path: Path) -> None:
    home, project = where
    src = make_source(tmp_path)
    result = do_install(home, project, "openclaw", source=src, skill_md=src / "SKILL.md")
    assert tree(result.path) == {
        "SKILL.md", "pyproject.toml", "README.md", MANIFEST_NAME, "skill", "skill/__init__.py",
        "skill/cli", "skill/cli/__init__.py", "router", "router/__init__.py", "backend",
        "backend/__init__.py", "translators", "translators/__init__.py",
    }


def test_a_variant_installs_under_its_own_name_and_headers_follow_it(
        where: tuple[Path, Path]) -> None:
    home, project = where
    variant = ROOT / "variants" / "free-generator-to" / "SKILL.md"
    result = do_install(home, project, "cursor", skill_md=variant)
    assert result.path == home / ".cursor/skills/free-generator-to"
    assert (result.skill, result.version) == ("free-generator-to", "1.0.0")
    assert (result.path / "SKILL.md").read_bytes() == variant.read_bytes()
    assert json.loads((home / ".cursor/mcp.json").read_text())["mcpServers"].keys() == {
        "free-generator-to"}
    skill = load_skill(result.path)
    ident = Identity.resolve(skill, Config.from_env({}, home=home), {})
    assert ident.headers() == {"X-Skill-Source": "free-generator-to",
                               "X-Skill-Version": "1.0.0", "X-Skill-Platform": "cursor"}
    do_uninstall(home, project, "cursor", name="free-generator-to")
    assert not result.path.exists()
    assert json.loads((home / ".cursor/mcp.json").read_text()) == {"mcpServers": {}}


def test_the_mcp_entry_starts_the_installed_runtime(where: tuple[Path, Path],
                                                   tmp_path: Path) -> None:
    # Start the command the host would start, from an unrelated folder, with only the
    # entry's environment added; ask for `skill info` instead of `mcp` (a separate issue).
    home, project = where
    result = do_install(home, project, "cursor")
    entry = json.loads((home / ".cursor/mcp.json").read_text())["mcpServers"]["nemovideo"]
    assert entry["args"][-1] == "mcp"
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home), **entry["env"]}
    done = subprocess.run([entry["command"], *entry["args"][:-1], "skill", "info", "--json"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr
    info = json.loads(done.stdout)
    assert info["platform"] == "cursor"
    assert info["path"] == str((result.path / "SKILL.md").resolve())
    # And it is the installed copy's code that runs, not the checkout's.
    done = subprocess.run([entry["command"], "-c", "import skill; print(skill.__file__)"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
    assert Path(done.stdout.strip()).resolve().is_relative_to(result.path.resolve())


def test_no_token_ever_lands_in_a_config(where: tuple[Path, Path]) -> None:
    home, project = where
    env = {"NEMO_TOKEN": "nmv_usr_secret123"}
    do_install(home, project, "cursor", env=env)
    do_install(home, project, "claude", env=env)
    for path in (home / ".cursor/mcp.json",
                 home / ".config/Claude/claude_desktop_config.json"):
        assert "secret123" not in path.read_text()
    manifest = (home / ".cursor/skills/nemovideo" / MANIFEST_NAME).read_text()
    assert "secret123" not in manifest


def test_reinstall_replaces_our_folder_whole(where: tuple[Path, Path]) -> None:
    home, project = where
    first = do_install(home, project, "cursor")
    (first.path / "stray.txt").write_text("left from an older version")
    config = home / ".cursor/mcp.json"
    inode = config.stat().st_ino
    again = do_install(home, project, "cursor")
    assert again.replaced
    assert again.mcp_change == "unchanged"
    assert config.stat().st_ino == inode  # an identical entry is not rewritten
    assert not (again.path / "stray.txt").exists()
    assert read_manifest(again.path) is not None
    assert [p.name for p in again.path.parent.iterdir()] == ["nemovideo"]


def test_a_folder_we_did_not_install_is_never_replaced_or_removed(
        where: tuple[Path, Path]) -> None:
    home, project = where
    theirs = home / ".cursor/skills/nemovideo"
    theirs.mkdir(parents=True)
    (theirs / "SKILL.md").write_text("hand-made")
    with pytest.raises(UsageError, match=r"not installed by nemoskill.*will not replace"):
        do_install(home, project, "cursor")
    with pytest.raises(UsageError, match="will not remove"):
        do_uninstall(home, project, "cursor")
    assert (theirs / "SKILL.md").read_text() == "hand-made"
    assert not (home / ".cursor/mcp.json").exists()
    assert tree(home / ".cursor/skills") == {"nemovideo", "nemovideo/SKILL.md"}


def test_a_symlink_or_file_in_the_way_is_refused(where: tuple[Path, Path],
                                                 tmp_path: Path) -> None:
    home, project = where
    checkout = make_source(tmp_path)
    skills = home / ".openclaw/skills"
    skills.mkdir(parents=True)
    (skills / "nemovideo").symlink_to(checkout)
    with pytest.raises(UsageError, match="not installed by nemoskill"):
        do_install(home, project, "openclaw")
    with pytest.raises(UsageError):
        do_uninstall(home, project, "openclaw")
    assert (skills / "nemovideo").is_symlink()
    (skills / "nemovideo").unlink()
    (skills / "nemovideo").write_text("a file")
    with pytest.raises(UsageError):
        do_install(home, project, "openclaw")
    assert (skills / "nemovideo").read_text() == "a file"


def test_a_foreign_server_with_our_name_blocks_install(where: tuple[Path, Path]) -> None:
    home, project = where
    config = home / ".cursor/mcp.json"
    config.parent.mkdir(parents=True)
    config.write_text(json.dumps({"mcpServers": {"nemovideo": FOREIGN}}))
    before = config.read_bytes()
    with pytest.raises(UsageError, match="did not write"):
        do_install(home, project, "cursor")
    assert config.read_bytes() == before
    assert not (home / ".cursor/skills").exists()


def test_uninstall_keeps_a_server_entry_that_is_not_ours(where: tuple[Path, Path]) -> None:
    home, project = where
    result = do_install(home, project, "cursor")
    config = home / ".cursor/mcp.json"
    config.write_text(json.dumps({"mcpServers": {"nemovideo": FOREIGN}}))  # user replaced it
    gone = do_uninstall(home, project, "cursor")
    assert gone.removed_folder
    assert not result.path.exists()
    assert not gone.mcp_removed
    assert gone.mcp_kept_reason is not None
    assert json.loads(config.read_text()) == {"mcpServers": {"nemovideo": FOREIGN}}


def test_malformed_config_stops_install_before_anything_changes(
        where: tuple[Path, Path]) -> None:
    home, project = where
    config = home / ".config/Claude/claude_desktop_config.json"
    config.parent.mkdir(parents=True)
    config.write_text('{"mcpServers": {,}}')
    with pytest.raises(ConfigError, match=r"claude_desktop_config\.json:1: not valid JSON"):
        do_install(home, project, "claude")
    assert config.read_text() == '{"mcpServers": {,}}'
    assert not (home / ".claude").exists()


def test_dry_run_changes_nothing(where: tuple[Path, Path]) -> None:
    home, project = where
    result = do_install(home, project, "cursor", dry_run=True)
    assert result.dry_run
    assert result.mcp_change == "added"
    assert not result.replaced
    assert result.platform is None
    assert list(home.iterdir()) == []
    do_install(home, project, "cursor")
    again = do_install(home, project, "cursor", dry_run=True)
    assert again.replaced
    gone = do_uninstall(home, project, "cursor", dry_run=True)
    assert gone.removed_folder
    assert gone.mcp_removed
    assert (home / ".cursor/skills/nemovideo/SKILL.md").is_file()
    assert "nemovideo" in json.loads((home / ".cursor/mcp.json").read_text())["mcpServers"]


def test_uninstall_when_nothing_is_installed(where: tuple[Path, Path]) -> None:
    home, project = where
    gone = do_uninstall(home, project, "claude")
    assert not gone.removed_folder
    assert not gone.mcp_removed
    assert list(home.iterdir()) == []


def test_link_mode_links_the_runtime_and_uninstall_leaves_the_checkout(
        where: tuple[Path, Path], tmp_path: Path) -> None:
    home, project = where
    src = make_source(tmp_path)
    before = tree(src)
    result = do_install(home, project, "cursor", "project", source=src,
                        skill_md=src / "SKILL.md", link=True)
    assert result.mode == "link"
    for item in ("skill", "router", "backend", "translators", "pyproject.toml", "README.md"):
        assert (result.path / item).is_symlink(), item
        assert (result.path / item).resolve() == (src / item).resolve()
    # SKILL.md is a real file in the host's folder, so detection sees the host, not the checkout.
    assert not (result.path / "SKILL.md").is_symlink()
    assert detect_platform(result.path, home=home, env={}) == "cursor"
    (src / "skill" / "new_module.py").write_text("")  # edits in the checkout show through
    assert (result.path / "skill" / "new_module.py").is_file()
    do_uninstall(home, project, "cursor", "project")
    assert not result.path.exists()
    assert tree(src) == before | {"skill/new_module.py"}


def test_openclaw_workspace_install_is_detected_through_the_manifest(
        where: tuple[Path, Path], tmp_path: Path) -> None:
    home, project = where
    result = do_install(home, project, "openclaw", "project")
    assert detect_platform(result.path, home=home, env={}) == "clawhub"
    # A copy moved elsewhere does not keep claiming the host.
    moved = tmp_path / "elsewhere" / "nemovideo"
    shutil.copytree(result.path, moved)
    assert detect_platform(moved, home=home, env={}) == "unknown"


def test_failed_config_write_puts_the_previous_install_back(
        where: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    home, project = where
    first = do_install(home, project, "cursor")
    (first.path / "marker").write_text("previous install")
    config = home / ".cursor/mcp.json"
    config.write_text("{}")  # the entry must be written again
    real_set = mcp_config.set_server

    def failing_set(path: Path, name: str, entry: Any, *, dry_run: bool = False) -> str:
        if dry_run:
            return real_set(path, name, entry, dry_run=True)
        # A disk-full or permission failure at the last step; not producible portably.
        raise ConfigError(f"cannot write {path}: No space left on device")

    monkeypatch.setattr(mcp_config, "set_server", failing_set)
    with pytest.raises(ConfigError, match="No space left"):
        do_install(home, project, "cursor")
    assert (first.path / "marker").read_text() == "previous install"
    assert [p.name for p in first.path.parent.iterdir()] == ["nemovideo"]
    assert config.read_text() == "{}"


def test_failed_copy_leaves_the_previous_install_and_no_temp_folder(
        where: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    home, project = where
    first = do_install(home, project, "openclaw")
    (first.path / "marker").write_text("previous install")

    def full_disk(*args: Any, **kw: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copytree", full_disk)
    with pytest.raises(UsageError, match="No space left"):
        do_install(home, project, "openclaw")
    assert (first.path / "marker").read_text() == "previous install"
    assert [p.name for p in first.path.parent.iterdir()] == ["nemovideo"]


def test_bad_inputs_are_clear_errors(where: tuple[Path, Path], tmp_path: Path) -> None:
    home, project = where
    not_runtime = tmp_path / "plain"
    not_runtime.mkdir()
    (not_runtime / "SKILL.md").write_text((ROOT / "SKILL.md").read_text())
    with pytest.raises(UsageError, match=r"not a nemoskill runtime folder \(missing pyproject"):
        do_install(home, project, source=not_runtime, skill_md=not_runtime / "SKILL.md")
    with pytest.raises(UsageError, match=r"project directory .* does not exist"):
        do_install(home, tmp_path / "nope", "cursor", "project")
    bad = tmp_path / "bad" / "SKILL.md"
    bad.parent.mkdir()
    bad.write_text("---\nname: Bad Name\ndescription: x\n---\n")
    with pytest.raises(SkillError, match="field 'name'"):
        do_install(home, project, skill_md=bad)
    assert list(home.iterdir()) == []


def test_installing_the_runtime_over_itself_is_refused(tmp_path: Path) -> None:
    # The checkout sits where the host looks (e.g. cloned straight into ~/.cursor/skills).
    home = tmp_path / "home"
    src = make_source(home / ".cursor" / "skills")
    src.rename(home / ".cursor" / "skills" / "nemovideo")
    src = home / ".cursor" / "skills" / "nemovideo"
    with pytest.raises(UsageError, match="overlaps the runtime being installed"):
        do_install(home, tmp_path, "cursor", source=src, skill_md=src / "SKILL.md")
    assert (src / "tests" / "test_x.py").is_file()
    # Nor into a folder that is being copied...
    with pytest.raises(UsageError, match="overlaps"):
        do_install(home, src / "skill", "cursor", "project", source=src,
                   skill_md=src / "SKILL.md")
    assert not (src / "skill" / ".cursor").exists()
    # ...but a workspace skills/ folder in the checkout itself is fine.
    result = do_install(home, src, "openclaw", "project", source=src, skill_md=src / "SKILL.md")
    assert result.path == src / "skills" / "nemovideo"
    assert (result.path / "skill" / "__init__.py").is_file()


def test_reinstall_keeps_the_hosts_venv(where: tuple[Path, Path]) -> None:
    # SKILL.md tells the host to make .venv inside the installed folder; a re-install (an
    # update) must not break every later message by deleting it.
    home, project = where
    first = do_install(home, project, host="openclaw")
    venv = first.path / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "nemoskill").write_text("#!/bin/sh\n")
    second = do_install(home, project, host="openclaw")
    assert second.replaced
    assert (second.path / ".venv" / "bin" / "nemoskill").read_text() == "#!/bin/sh\n"
    assert [p.name for p in second.path.parent.iterdir()] == [second.path.name]


def test_local_install_writes_a_local_mcp_entry(where: tuple[Path, Path]) -> None:
    home, project = where
    result = install(host="cursor", scope="user", source=ROOT, skill_md=ROOT / "SKILL.md",
                     home=home, project=project, env={}, python=PYTHON, local=True)
    assert result.mcp_config is not None
    entry = json.loads(result.mcp_config.read_text())["mcpServers"]["nemovideo"]
    assert entry["args"] == ["-m", "skill.cli", "--skill", str(result.path), "--local", "mcp"]
    assert mcp_config.is_our_entry(entry, result.path)


def test_claude_user_scope_also_registers_with_claude_code(where: tuple[Path, Path]) -> None:
    # Claude Code reads user-scope servers from ~/.claude.json, a file full of its own state:
    # every other key must survive, byte for byte in meaning.
    home, project = where
    claude_json = home / ".claude.json"
    state = {"numStartups": 12, "projects": {"/work/x": {"allowedTools": ["Bash"]}},
             "mcpServers": {"other": FOREIGN}, "theme": "dark"}
    claude_json.write_text(json.dumps(state), encoding="utf-8")
    result = do_install(home, project, host="claude")
    assert [(p, c) for p, c in result.also] == [(claude_json, "added")]
    data = json.loads(claude_json.read_text(encoding="utf-8"))
    assert {k: v for k, v in data.items() if k != "mcpServers"} == {
        k: v for k, v in state.items() if k != "mcpServers"}
    assert data["mcpServers"]["other"] == FOREIGN
    assert mcp_config.is_our_entry(data["mcpServers"]["nemovideo"], result.path)
    desktop = json.loads(result.mcp_config.read_text(encoding="utf-8"))  # type: ignore[union-attr]
    assert desktop["mcpServers"]["nemovideo"] == data["mcpServers"]["nemovideo"]

    removed = do_uninstall(home, project, host="claude")
    assert removed.also_removed == (claude_json,)
    data = json.loads(claude_json.read_text(encoding="utf-8"))
    assert data["mcpServers"] == {"other": FOREIGN}
    assert data["numStartups"] == 12


def test_claude_project_scope_says_how_to_approve_and_warns_of_a_double_listing(
        where: tuple[Path, Path]) -> None:
    home, project = where
    do_install(home, project, host="claude")
    result = do_install(home, project, host="claude", scope="project")
    assert any("pending until you approve" in note for note in result.notes)
    assert any("also installed in user scope" in note for note in result.notes)
