"""The installed folder's own environment: made at install from what this environment has,
working without the checkout that made it, and never left half made."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from skill.hosts import venv
from skill.hosts.install import RUNTIME_ITEMS, install
from skill.identity import bundled_root

ROOT = bundled_root()


def test_the_runtimes_needs_are_followed_transitively_without_dev_tools() -> None:
    dists, missing = venv.required_distributions()
    names = {d.metadata["Name"].lower() for d in dists}
    assert {"httpx", "pyyaml", "starlette", "uvicorn", "numpy", "mcp", "pydantic",
            "anyio"} <= names  # core, both extras, and what they need in turn
    assert not names & {"pytest", "mypy", "ruff", "hypothesis", "nemovideo-skill"}
    assert missing == []


def test_an_install_works_after_its_checkout_is_deleted(tmp_path: Path) -> None:
    # A copy of this checkout installs for Cursor; then the copy goes away. The MCP entry
    # (its interpreter and its code) must still start the runtime.
    checkout = tmp_path / "checkout"
    for item in (*RUNTIME_ITEMS, "SKILL.md"):
        source = ROOT / item
        if source.is_dir():
            shutil.copytree(source, checkout / item,
                            ignore=shutil.ignore_patterns("__pycache__", ".venv"))
        elif source.is_file():
            checkout.mkdir(exist_ok=True)
            shutil.copy2(source, checkout / item)
    home = tmp_path / "home"
    home.mkdir()
    result = install(host="cursor", scope="user", source=checkout,
                     skill_md=checkout / "SKILL.md", home=home, project=tmp_path, env={})
    assert result.environment is not None
    assert result.environment.state == "copied", result.environment.problem
    shutil.rmtree(checkout)

    config = json.loads((home / ".cursor/mcp.json").read_text(encoding="utf-8"))
    entry = config["mcpServers"]["nemovideo"]
    assert entry["command"] == str(result.path / ".venv/bin/python")
    argv = [entry["command"], *entry["args"][:-1], "skill", "info", "--json"]
    done = subprocess.run(argv, env={"PATH": os.environ["PATH"], "HOME": str(home),
                                     **entry["env"]},
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["path"] == str(result.path / "SKILL.md")
    assert str(checkout) not in (result.path / ".venv/pyvenv.cfg").read_text(encoding="utf-8")

    # A second install keeps the working environment instead of copying it again.
    again = venv.prepare(result.path)
    assert again.state == "kept"


def test_a_failed_environment_leaves_nothing_half_made(tmp_path: Path) -> None:
    folder = tmp_path / "skill"
    folder.mkdir()
    fake = tmp_path / "python3"
    fake.write_text("#!/bin/sh\necho 'no venv module' >&2\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    result = venv.prepare(folder, base_python=str(fake))
    assert result.state == "failed"
    assert result.problem is not None
    assert "no venv module" in result.problem
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("local", [False, True])
def test_without_an_environment_the_entry_starts_the_launcher(tmp_path: Path,
                                                              local: bool) -> None:
    from skill.hosts.mcp_config import is_our_entry, our_entry

    folder = tmp_path / "skill"
    entry = our_entry(folder, None, local=local)
    assert entry["command"] == str(folder / "scripts" / "nemoskill")
    assert entry["args"] == (["--local", "mcp"] if local else ["mcp"])
    assert is_our_entry(entry, folder)
    assert not is_our_entry(entry, tmp_path / "other")


def test_a_missing_need_is_installed_in_the_version_its_dependent_asks_for(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Trial 14: the environment of an install from a checkout with only the local extra
    # lacked mcp; pip was given the bare name and installed a major version the server
    # cannot use. What is missing is named as the runtime's metadata states it.
    info = tmp_path / "fake_runtime-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: fake-runtime\nVersion: 1.0\n"
        "Requires-Dist: httpx>=0.27\n"
        'Requires-Dist: not-here-mcp>=1.27,<2; extra == "mcp"\n'
        'Requires-Dist: not-here-other[cli] >= 3.1; extra == "mcp"\n'
        'Requires-Dist: not-wanted>=9; extra == "dev"\n', encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    dists, missing = venv.required_distributions("fake-runtime", ("mcp",))
    assert sorted(missing) == ["not-here-mcp>=1.27,<2", "not-here-other[cli] >= 3.1"]
    assert "httpx" in {d.metadata["Name"].lower() for d in dists}
