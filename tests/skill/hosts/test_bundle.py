"""``nemoskill bundle``: one publishable folder per skill, checked as the hosts check it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backend.errors import UsageError
from skill.cli.main import main
from skill.hosts.bundle import build_bundle, check_bundle
from skill.identity import bundled_root, find_skill, list_variants

ROOT = bundled_root()
SKILLS = {"nemovideo": "0.1.0", "free-generator-to": "1.0.0",
          "free-video-generation-ai-model": "1.0.0"}


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundles")
    for name in (None, *list_variants()):
        build_bundle(find_skill(name), ROOT, out)
    return out


def test_each_skill_gets_a_folder_named_by_its_slug_that_passes_the_checks(
        bundles: Path) -> None:
    assert sorted(p.name for p in bundles.iterdir()) == sorted(SKILLS)
    for slug, version in SKILLS.items():
        report = check_bundle(bundles / slug)
        assert report.ok, report.problems
        assert (report.skill, report.version) == (slug, version)
        assert report.size < 50 * 1024 * 1024


def test_a_bundle_holds_the_runtime_as_text_and_nothing_for_development(bundles: Path) -> None:
    folder = bundles / "free-generator-to"
    names = {str(p.relative_to(folder)) for p in folder.rglob("*")}
    assert {"SKILL.md", "scripts/nemoskill", "skill/cli/main.py", "router/core.py",
            "backend/client.py", "translators/gui.py", "pyproject.toml", ".clawhubignore",
            ".claude-plugin/plugin.json", ".claude-plugin/marketplace.json"} <= names
    assert not [n for n in names if n.startswith(("tests", "benchmarks", ".venv"))]
    assert not [n for n in names if "__pycache__" in n]
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"\x00" not in data, path
            data.decode("utf-8")
    assert os.access(folder / "scripts/nemoskill", os.X_OK)
    assert "name: free-generator-to" in (folder / "SKILL.md").read_text(encoding="utf-8")
    plugin = json.loads((folder / ".claude-plugin/plugin.json").read_text(encoding="utf-8"))
    assert (plugin["name"], plugin["version"]) == ("free-generator-to", "1.0.0")
    market = json.loads((folder / ".claude-plugin/marketplace.json").read_text(encoding="utf-8"))
    assert market["plugins"][0]["source"] == "./"


def test_a_variant_published_alone_runs_as_itself(bundles: Path, tmp_path: Path) -> None:
    folder = tmp_path / "free-video-generation-ai-model"
    shutil.copytree(bundles / folder.name, folder, symlinks=True)
    (folder / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}
    done = subprocess.run([str(folder / "scripts/nemoskill"), "skill", "info", "--json"],
                          env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    info = json.loads(done.stdout)
    assert (info["name"], info["version"]) == ("free-video-generation-ai-model", "1.0.0")
    assert info["headers"]["X-Skill-Source"] == "free-video-generation-ai-model"


def test_the_check_names_what_a_host_would_refuse(bundles: Path, tmp_path: Path) -> None:
    folder = tmp_path / "renamed"
    shutil.copytree(bundles / "nemovideo", folder)
    (folder / "fonts.otf").write_bytes(b"OTTO\x00\x01binary")
    (folder / "link").symlink_to(folder / "README.md")
    (folder / "notes.txt").write_text("token nmv_usr_" + "a1B2" * 6 + "\n", encoding="utf-8")
    skill_md = folder / "SKILL.md"
    text = skill_md.read_text(encoding="utf-8")
    skill_md.write_text(text.replace("description: \"", "description: \"" + "x" * 200, 1),
                        encoding="utf-8")
    problems = {(p.path, p.problem.split(" (")[0].split(";")[0])
                for p in check_bundle(folder).problems}
    paths = {path for path, _ in problems}
    assert {".", "SKILL.md", "fonts.otf", "link", "notes.txt"} <= paths
    assert any("ClawHub takes the slug" in p.problem for p in check_bundle(folder).problems)

    code = main(["bundle", "--check", str(folder)])
    assert code == 2


def test_bundle_refuses_to_replace_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "nemovideo").mkdir()
    (tmp_path / "nemovideo" / "mine.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(UsageError, match="not a bundle made by nemoskill"):
        build_bundle(find_skill(None), ROOT, tmp_path)
    assert (tmp_path / "nemovideo" / "mine.txt").read_text(encoding="utf-8") == "keep"


def test_the_command_writes_and_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["bundle", "--skill", "free-generator-to", "--out", str(tmp_path), "--json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 0
    assert result["ok"] is True
    assert [b["skill"] for b in result["bundles"]] == ["free-generator-to"]
    assert main(["bundle"]) == 2
    assert "--out DIR" in capsys.readouterr().err
